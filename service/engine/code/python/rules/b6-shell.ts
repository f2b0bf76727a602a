// B601–B607 and B609: starting processes (with or without a shell, by partial path, with wildcards)
// and commands run over SSH with paramiko. The call lists are Bandit's `shell_injection` defaults.
import type { HitLevel, PyCall, PyRule } from '../context';
import { callOf, callsAny, importsModule, isFalse, isNone, isTrue, mentions, stringValue } from '../context';
import type { SyntaxNode } from '../../../tree-sitter';
import { argument, calledName, isStringLiteral, unwrap } from './util-py';

const BANDIT_DOCS = 'https://bandit.readthedocs.io/en/latest/plugins';

/** Start a process, shell or not by the `shell` argument. */
const SUBPROCESS = new Set(['subprocess.Popen', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.run']);
/** Always through a shell. */
const SHELL = new Set([
  'os.system',
  'os.popen',
  'os.popen2',
  'os.popen3',
  'os.popen4',
  'popen2.popen2',
  'popen2.popen3',
  'popen2.popen4',
  'popen2.Popen3',
  'popen2.Popen4',
  'commands.getoutput',
  'commands.getstatusoutput',
  'subprocess.getoutput',
  'subprocess.getstatusoutput',
]);
/** Replace or spawn a process without a shell. */
const NO_SHELL = new Set(
  ['execl', 'execle', 'execlp', 'execlpe', 'execv', 'execve', 'execvp', 'execvpe', 'spawnl', 'spawnle', 'spawnlp', 'spawnlpe', 'spawnv', 'spawnve', 'spawnvp', 'spawnvpe', 'startfile'].map((f) => `os.${f}`),
);

/**
 * Whether `shell=` asks for a shell, as Bandit reads it: absent, False, None, 0, '' and empty
 * containers do not; True, non-zero numbers, non-empty literals and any other expression do.
 */
function asksForShell(call: PyCall): boolean {
  const v = unwrap(call.kwargs.get('shell'));
  if (!v || isFalse(v) || isNone(v)) return false;
  if (v.type === 'integer' || v.type === 'float') return Number(v.text.replace(/_/g, '')) !== 0;
  if (v.type === 'list' || v.type === 'dictionary' || v.type === 'tuple' || v.type === 'set') return v.namedChildCount > 0;
  const s = stringValue(v);
  return s === undefined || s !== '';
}

/** The command: first positional argument, or the documented keyword. */
const command = (call: PyCall): SyntaxNode | undefined => argument(call, 0, SUBPROCESS.has(call.name ?? '') ? 'args' : call.name === 'os.system' ? 'command' : 'cmd');

/** A command fixed in the source: a plain string, or a list/tuple of plain strings. */
function isFixedCommand(node: SyntaxNode | undefined): boolean {
  const n = unwrap(node);
  if (!n) return false;
  if (n.type === 'list' || n.type === 'tuple') return n.namedChildCount > 0 && n.namedChildren.every((c) => !c || c.type === 'comment' || isStringLiteral(c));
  return isStringLiteral(n);
}

/** The fixed text of a command (a list's strings joined by spaces); undefined when built at run time. */
function commandText(node: SyntaxNode | undefined): string | undefined {
  const n = unwrap(node);
  if (!n || !isFixedCommand(n)) return undefined;
  if (n.type === 'list' || n.type === 'tuple') return n.namedChildren.map((c) => (c && c.type !== 'comment' ? stringValue(c) ?? '' : '')).join(' ');
  return stringValue(n);
}

const FIXED: HitLevel = { severity: 'low' };

export const paramikoExecCommand: PyRule = {
  rule: {
    id: 'CODE-PY-PARAMIKO-EXEC-COMMAND',
    language: 'python',
    title: 'Command run over SSH with paramiko',
    severity: 'medium',
    confidence: 'medium',
    description:
      'exec_command() runs its string through the remote user\'s shell. If any part of it comes from outside the program, an attacker can run their own commands on the remote host.',
    remediation: 'Run fixed commands only, or quote every variable part with shlex.quote() after validating it against an allow-list.',
    remediationSnippet: 'import shlex\nstdin, stdout, stderr = client.exec_command(f"ls -l {shlex.quote(directory)}")\n',
    cwe: ['CWE-78'],
    upstream: { type: 'bandit', id: 'B601' },
    helpUri: `${BANDIT_DOCS}/b601_paramiko_calls.html`,
    examples: {
      fail: [
        'import paramiko\nclient = paramiko.SSHClient()\nclient.connect(host)\nstdin, stdout, stderr = client.exec_command("tail -n 100 " + log_path)\n',
        'from paramiko import SSHClient\nssh = SSHClient()\nssh.exec_command(cmd)\n',
      ],
      pass: ['import subprocess\nrunner.exec_command(cmd)\n', 'import paramiko\nsftp = client.open_sftp()\nsftp.get(remote, local)\n'],
    },
  },
  relevant: mentions('exec_command'),
  on: {
    call(node, file, report) {
      if (calledName(node) === 'exec_command' && importsModule(file, 'paramiko')) report(node, 'paramiko exec_command() runs its command through the remote shell');
    },
  },
};

export const subprocessShellTrue: PyRule = {
  rule: {
    id: 'CODE-PY-SUBPROCESS-SHELL-TRUE',
    language: 'python',
    title: 'subprocess call with shell=True',
    severity: 'high',
    confidence: 'high',
    description:
      'With shell=True the command string is run by /bin/sh (cmd.exe on Windows), so quotes, ;, |, $() and backticks in any part built from outside the program run further commands. A command fixed in the source is reported with low severity: safe today, one edit away from injectable.',
    remediation: 'Pass the program and its arguments as a list, without shell=True; do pipes and globbing in Python. If a shell is truly needed, quote each variable part with shlex.quote().',
    remediationSnippet: 'subprocess.run(["grep", "-r", pattern, directory], check=True)\n',
    cwe: ['CWE-78'],
    upstream: { type: 'bandit', id: 'B602' },
    helpUri: `${BANDIT_DOCS}/b602_subprocess_popen_with_shell_equals_true.html`,
    examples: {
      fail: [
        'import subprocess\nsubprocess.call("rm -rf " + path, shell=True)\n',
        'from subprocess import Popen as P\nproc = P(f"ping -c 1 {host}", shell=True)\n',
        'import subprocess as sp\nout = sp.check_output("du -sh %s" % directory, shell=True)\n',
        'import subprocess\nsubprocess.run("/usr/bin/uptime", shell=True)\n',
      ],
      pass: [
        'import subprocess\nsubprocess.run(["ping", "-c", "1", host], check=True)\n',
        'import subprocess\nsubprocess.call(cmd, shell=False)\n',
        'import os\nos.system(cmd)\n',
      ],
    },
  },
  relevant: mentions('subprocess'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      if (!SUBPROCESS.has(call.name ?? '') || !asksForShell(call)) return;
      const cmd = command(call);
      if (!cmd) return;
      if (isFixedCommand(cmd)) report(node, `${call.name}() with shell=True and a fixed command: safe as written, but consider dropping the shell`, undefined, FIXED);
      else report(node, `${call.name}() with shell=True runs a command built at run time through the shell`);
    },
  },
};

export const subprocessWithoutShell: PyRule = {
  rule: {
    id: 'CODE-PY-SUBPROCESS-WITHOUT-SHELL',
    language: 'python',
    title: 'subprocess call without a shell: check for untrusted input',
    severity: 'low',
    confidence: 'high',
    description:
      'Starting a process without a shell is not open to shell injection, but if the program or its arguments come from outside the program an attacker may still choose what runs or inject options (a leading "-").',
    remediation: 'Run fixed programs by absolute path, validate arguments against an allow-list, and put "--" before positional arguments that come from users.',
    remediationSnippet: 'subprocess.run(["/usr/bin/git", "log", "--", path], check=True)\n',
    cwe: ['CWE-78'],
    upstream: { type: 'bandit', id: 'B603' },
    helpUri: `${BANDIT_DOCS}/b603_subprocess_without_shell_equals_true.html`,
    examples: {
      fail: ['import subprocess\nsubprocess.check_output(["/bin/ls", "-l", directory])\n', 'from subprocess import run\nrun(args, shell=False, check=True)\n'],
      pass: ['import subprocess\nsubprocess.run("ls " + d, shell=True)\n', 'import subprocess\nx = subprocess.PIPE\n'],
    },
  },
  relevant: mentions('subprocess'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      if (SUBPROCESS.has(call.name ?? '') && !asksForShell(call)) report(node, `${call.name}() without a shell: check that what it runs cannot be controlled from outside`);
    },
  },
};

export const callWithShellTrue: PyRule = {
  rule: {
    id: 'CODE-PY-CALL-WITH-SHELL-TRUE',
    language: 'python',
    title: 'Function call with shell=True',
    severity: 'medium',
    confidence: 'low',
    description:
      'A function other than the subprocess ones is called with shell=True: usually a wrapper around a process launcher, so its command is likely run by a shell and open to injection.',
    remediation: 'Make the wrapper take an argument list and start the process without a shell.',
    remediationSnippet: 'run_command(["tar", "-czf", archive, "--", directory])\n',
    cwe: ['CWE-78'],
    upstream: { type: 'bandit', id: 'B604' },
    helpUri: `${BANDIT_DOCS}/b604_any_other_function_with_shell_equals_true.html`,
    examples: {
      fail: ['from utils import execute\nexecute("tar czf backup.tgz " + folder, shell=True)\n', 'runner.run_command(cmd, shell=1)\n'],
      pass: ['import subprocess\nsubprocess.run(cmd, shell=True)\n', 'runner.run_command(cmd, shell=False)\n'],
    },
  },
  relevant: mentions('shell'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      if (SUBPROCESS.has(call.name ?? '')) return;
      const v = unwrap(call.kwargs.get('shell'));
      // Only a literal truthy value: any other expression here is too often an unrelated option.
      if (isTrue(v) || (v?.type === 'integer' && Number(v.text) !== 0)) report(node, `${call.name ?? calledName(node) ?? 'This call'}() with shell=True`);
    },
  },
};

export const startProcessWithShell: PyRule = {
  rule: {
    id: 'CODE-PY-START-PROCESS-WITH-SHELL',
    language: 'python',
    title: 'Process started with a shell (os.system, os.popen, …)',
    severity: 'high',
    confidence: 'high',
    description:
      'os.system, os.popen, popen2, commands.getoutput and subprocess.getoutput run their string through a shell, so any part built from outside the program can add commands. A command fixed in the source is reported with low severity.',
    remediation: 'Use subprocess.run with an argument list (no shell) and read its output from the result.',
    remediationSnippet: 'result = subprocess.run(["df", "-h", mount_point], capture_output=True, text=True, check=True)\n',
    cwe: ['CWE-78'],
    upstream: { type: 'bandit', id: 'B605' },
    helpUri: `${BANDIT_DOCS}/b605_start_process_with_a_shell.html`,
    examples: {
      fail: [
        'import os\nos.system("convert " + src + " " + dst)\n',
        'from os import popen\nout = popen(f"nslookup {domain}").read()\n',
        'import subprocess\nstatus, out = subprocess.getstatusoutput("git rev-parse " + ref)\n',
        'import os\nos.system("/usr/bin/clear")\n',
      ],
      pass: ['import subprocess\nsubprocess.run(["convert", src, dst], check=True)\n', 'import os\nos.path.join(a, b)\n'],
    },
  },
  relevant: callsAny(SHELL),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      if (!SHELL.has(call.name ?? '')) return;
      const cmd = command(call);
      if (!cmd) return;
      if (isFixedCommand(cmd)) report(node, `${call.name}() runs a fixed command through a shell: safe as written, but consider subprocess without a shell`, undefined, FIXED);
      else report(node, `${call.name}() runs a command built at run time through a shell`);
    },
  },
};

export const startProcessNoShell: PyRule = {
  rule: {
    id: 'CODE-PY-START-PROCESS-NO-SHELL',
    language: 'python',
    title: 'Process started without a shell (os.exec*, os.spawn*, os.startfile)',
    severity: 'low',
    confidence: 'medium',
    description:
      'os.exec*, os.spawn* and os.startfile start programs without a shell: not open to shell injection, but what runs must not be chosen from outside the program (os.startfile also opens documents with their associated application).',
    remediation: 'Run fixed programs by absolute path with validated arguments; prefer subprocess.run with an argument list.',
    remediationSnippet: 'subprocess.run(["/usr/bin/rsync", "-a", "--", src, dst], check=True)\n',
    cwe: ['CWE-78'],
    upstream: { type: 'bandit', id: 'B606' },
    helpUri: `${BANDIT_DOCS}/b606_start_process_with_no_shell.html`,
    examples: {
      fail: ['import os\nos.execvp(program, [program] + args)\n', 'import os\nos.spawnv(os.P_WAIT, "/usr/bin/rsync", ["rsync", "-a", src, dst])\n', 'from os import startfile\nstartfile(document)\n'],
      pass: ['import os\nos.getpid()\n', 'executor.spawnv(x)\n'],
    },
  },
  relevant: callsAny(NO_SHELL),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      if (NO_SHELL.has(call.name ?? '')) report(node, `${call.name}() starts a process: check that what it runs cannot be controlled from outside`);
    },
  },
};

/** Bandit's "full path": a drive letter (C:) or a leading /, \ or . */
const FULL_PATH = /^(?:[A-Za-z](?=:)|[\\/.])/;

export const processPartialPath: PyRule = {
  rule: {
    id: 'CODE-PY-PROCESS-PARTIAL-PATH',
    language: 'python',
    title: 'Process started with a partial executable path',
    severity: 'low',
    confidence: 'high',
    description:
      'A program named without its full path is looked up in PATH when it runs. Whoever can change PATH or write to a directory early in it (a writable working directory on Windows) can make the process run their program instead.',
    remediation: 'Give the absolute path of the program (or resolve it once with shutil.which at start-up and check where it points).',
    remediationSnippet: 'subprocess.run(["/usr/bin/git", "status"], check=True)\n',
    cwe: ['CWE-78'],
    upstream: { type: 'bandit', id: 'B607' },
    helpUri: `${BANDIT_DOCS}/b607_start_process_with_partial_path.html`,
    examples: {
      fail: [
        'from subprocess import Popen as pop\npop("gcc --version", shell=False)\n',
        'import subprocess\nsubprocess.run(["git", "pull"], check=True)\n',
        'import os\nos.system("reboot")\n',
      ],
      pass: ['import subprocess\nsubprocess.run(["/usr/bin/git", "pull"], check=True)\n', 'import subprocess\nsubprocess.run([GIT, "pull"])\n', 'import os\nos.execv("./bin/tool", args)\n'],
    },
  },
  relevant: callsAny([...SUBPROCESS, ...SHELL, ...NO_SHELL]),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      const name = call.name ?? '';
      if (!SUBPROCESS.has(name) && !SHELL.has(name) && !NO_SHELL.has(name)) return;
      let first = unwrap(call.args[0]);
      if (first?.type === 'list' || first?.type === 'tuple') first = unwrap(first.namedChildren.find((c) => c && c.type !== 'comment'));
      const program = isStringLiteral(first) ? stringValue(unwrap(first)) : undefined;
      if (program && program.trim() && !FULL_PATH.test(program)) report(node, `${name}() starts "${program.split(/\s/)[0]}" by a partial path (looked up in PATH)`);
    },
  },
};

const WILDCARD_COMMANDS = /(?:^|[\s/;|&])(?:chown|chmod|tar|rsync)(?:\s|$)/;

export const wildcardInjection: PyRule = {
  rule: {
    id: 'CODE-PY-WILDCARD-INJECTION',
    language: 'python',
    title: 'chown/chmod/tar/rsync with a wildcard run through a shell',
    severity: 'high',
    confidence: 'medium',
    description:
      'The shell expands * into file names before chown, chmod, tar or rsync run, so a file named like an option ("--reference=x", "--checkpoint-action=exec=sh x.sh", "-e sh x.sh") in that directory becomes an option of the command: whoever can create files there can change ownership or run commands.',
    remediation: 'List the files in Python (pathlib.Path.glob) and pass them after "--", without a shell.',
    remediationSnippet: 'files = [str(p) for p in Path(upload_dir).glob("*")]\nsubprocess.run(["tar", "-czf", archive, "--", *files], check=True)\n',
    cwe: ['CWE-155'],
    upstream: { type: 'bandit', id: 'B609' },
    helpUri: `${BANDIT_DOCS}/b609_linux_commands_wildcard_injection.html`,
    examples: {
      fail: [
        'import os\nos.system("tar czf /backup/site.tgz *")\n',
        'import subprocess as subp\nsubp.Popen("/bin/chown -R www-data *", shell=True)\n',
        'import os\nos.popen("cd /srv/uploads && chmod 644 *")\n',
      ],
      pass: ['import subprocess\nsubprocess.Popen(["/bin/chmod", "644", "*"])\n', 'import os\nos.system("ls *")\n', 'import os\nos.system("tar czf backup.tgz data/")\n'],
    },
  },
  relevant: callsAny([...SUBPROCESS, ...SHELL]),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      const name = call.name ?? '';
      if (!SHELL.has(name) && !(SUBPROCESS.has(name) && isTrue(unwrap(call.kwargs.get('shell'))))) return;
      const text = commandText(call.args[0]);
      if (text?.includes('*') && WILDCARD_COMMANDS.test(text)) report(node, `${name}() runs ${/chown|chmod|tar|rsync/.exec(text)![0]} with a shell wildcard`);
    },
  },
};

export const shellRules: readonly PyRule[] = [
  paramikoExecCommand,
  subprocessShellTrue,
  subprocessWithoutShell,
  callWithShellTrue,
  startProcessWithShell,
  startProcessNoShell,
  processPartialPath,
  wildcardInjection,
];
