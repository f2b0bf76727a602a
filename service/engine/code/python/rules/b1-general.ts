// B101 assert_used, B103 set_bad_file_permissions, B104 hardcoded_bind_all_interfaces,
// B108 hardcoded_tmp_directory, B110 try_except_pass, B112 try_except_continue.
import type { SyntaxNode } from '../../../tree-sitter';
import { callArg, callOf, calleeName, intValue, isDocstring, mentions, stringPrefix, stringValue, type PyRule } from '../context';

const PLUGINS = 'https://bandit.readthedocs.io/en/latest/plugins';

/** Test code, where assert is how tests check things: tests/ folders, test_*.py, *_test.py, conftest.py. */
export function isTestPath(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  return /(?:^|\/)(?:tests?|testing)\//i.test(p) || /(?:^|\/)(?:test_[^/]*|[^/]*_test|conftest)\.pyw?$/i.test(p);
}

export const assertUsed: PyRule = {
  rule: {
    id: 'CODE-PY-ASSERT-USED',
    language: 'python',
    title: 'assert used outside tests',
    severity: 'low',
    confidence: 'high',
    description:
      'Python removes assert statements when it compiles optimised byte code (python -O), so a check written as assert — of permissions, input or state — silently disappears in such deployments. Test files (tests/ folders, test_*.py, *_test.py, conftest.py) are not reported: asserting is what tests do.',
    remediation: 'Check conditions that must hold in production with an if statement that raises a proper exception.',
    remediationSnippet: 'if not user.is_admin:\n    raise PermissionError("admin only")',
    cwe: ['CWE-703'],
    upstream: { type: 'bandit', id: 'B101' },
    helpUri: `${PLUGINS}/b101_assert_used.html`,
    examples: {
      fail: ['def delete_account(user, target):\n    assert user.is_admin, "admin only"\n    target.delete()\n', { path: 'src/payments/refund.py', code: 'def refund(order, amount):\n    assert amount <= order.total\n    order.refund(amount)\n' }],
      pass: [
        'def delete_account(user, target):\n    if not user.is_admin:\n        raise PermissionError("admin only")\n    target.delete()\n',
        { path: 'tests/test_refund.py', code: 'def test_refund():\n    assert refund(order, 5) == 5\n' },
        { path: 'payments/refund_test.py', code: 'def test_refund():\n    assert True\n' },
      ],
    },
  },
  relevant: mentions('assert'),
  on: {
    assert_statement(node, file, report) {
      if (!isTestPath(file.path)) report(node, 'assert is removed when Python runs optimised (-O); do not rely on it for checks that must hold.');
    },
  },
};

const S_IWOTH = 0o002;
const DANGEROUS_BITS = 0o002 | 0o020 | 0o010 | 0o001; // S_IWOTH | S_IWGRP | S_IXGRP | S_IXOTH

export const badFilePermissions: PyRule = {
  rule: {
    id: 'CODE-PY-BAD-FILE-PERMISSIONS',
    language: 'python',
    title: 'chmod with a permissive mode (group/world writable or executable)',
    severity: 'medium',
    confidence: 'high',
    description:
      'A file made writable by other users can be changed by any local account; made executable by group or others, it can be run by them. Modes are read from octal or decimal literals and from stat constants (stat.S_IWOTH | …). World-writable is reported at high severity.',
    remediation: 'Give files the least permissions they need: 0o600 for secrets, 0o644 for shared read-only files, 0o700/0o750 for programs of one user or group.',
    remediationSnippet: 'import os\nos.chmod(key_path, 0o600)',
    cwe: ['CWE-732'],
    upstream: { type: 'bandit', id: 'B103' },
    helpUri: `${PLUGINS}/b103_set_bad_file_permissions.html`,
    examples: {
      fail: [
        'import os\nos.chmod("/etc/app/config.yml", 0o777)\n',
        'import os, stat\nos.chmod(path, stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)\n',
        'from os import chmod\nfrom stat import S_IWOTH, S_IRUSR, S_IWUSR\nchmod(log_file, S_IRUSR | S_IWUSR | S_IWOTH)\n',
        'import os\nos.chmod(script, 0o755)\n',
        'from pathlib import Path\nPath(upload_dir).chmod(0o777)\n',
      ],
      pass: ['import os\nos.chmod(key_path, 0o600)\n', 'import os, stat\nos.chmod(path, stat.S_IRUSR | stat.S_IWUSR)\n', 'import os\nos.chmod(path, mode)\n'],
    },
  },
  relevant: mentions('chmod'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      const fn = calleeName(call);
      if (fn !== 'chmod' && fn !== 'fchmod' && fn !== 'lchmod') return;
      // os.chmod(path, mode); Path(p).chmod(mode) has the mode first.
      const onPath = call.args.length === 1 && !call.name?.startsWith('os.');
      const mode = intValue(onPath ? call.args[0] : callArg(call, 1, 'mode'), file.imports);
      if (mode === undefined || !(mode & DANGEROUS_BITS)) return;
      const worldWritable = (mode & S_IWOTH) !== 0;
      const message = `chmod sets the permissive mode 0o${mode.toString(8)}${worldWritable ? ' (world-writable)' : ''}.`;
      report(node, message, undefined, worldWritable ? { severity: 'high' } : undefined);
    },
  },
};

/** A string that is only being compared or matched against (path.startswith("/tmp")), not used as a place. */
function onlyCompared(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (parent?.type === 'comparison_operator') return true;
  if (parent?.type === 'argument_list' || parent?.type === 'tuple') {
    const call = parent.type === 'tuple' ? parent.parent?.parent : parent.parent;
    const fn = call?.type === 'call' ? call.childForFieldName('function') : undefined;
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    return method === 'startswith' || method === 'endswith';
  }
  return false;
}

export const bindAllInterfaces: PyRule = {
  rule: {
    id: 'CODE-PY-BIND-ALL-INTERFACES',
    language: 'python',
    title: 'Binding to all network interfaces (0.0.0.0)',
    severity: 'medium',
    confidence: 'medium',
    description: 'A service bound to 0.0.0.0 listens on every interface of the machine, public ones included, which often exposes it further than intended.',
    remediation: 'Bind to the interface the service needs (127.0.0.1 for local use), or make the address configuration with a safe default.',
    remediationSnippet: 'host = os.environ.get("BIND_ADDRESS", "127.0.0.1")\napp.run(host=host)',
    cwe: ['CWE-605'],
    upstream: { type: 'bandit', id: 'B104' },
    helpUri: `${PLUGINS}/b104_hardcoded_bind_all_interfaces.html`,
    examples: {
      fail: ['import socket\ns = socket.socket()\ns.bind(("0.0.0.0", 8080))\n', 'app.run(host="0.0.0.0", port=5000)\n', 'HOST = "0.0.0.0"\n'],
      pass: ['import socket\ns = socket.socket()\ns.bind(("127.0.0.1", 8080))\n', 'app.run(host=os.environ.get("HOST", "127.0.0.1"))\n', 'def serve():\n    """Listens on 0.0.0.0 when BIND_ALL is set."""\n'],
    },
  },
  relevant: mentions('0.0.0.0'),
  on: {
    string(node, _file, report) {
      if (node.text.includes('0.0.0.0') && stringValue(node) === '0.0.0.0' && !isDocstring(node)) report(node, 'Possible binding to all interfaces (0.0.0.0).');
    },
  },
};

const TMP_DIRS = ['/tmp', '/var/tmp', '/dev/shm'];
/** A cheap look at the literal's text before reading its parts. */
const TMP_TEXT = /^[a-zA-Z]{0,2}["']{1,3}(?:\/tmp|\/var\/tmp|\/dev\/shm)/;

/** An element of a list, tuple or set literal: a list of candidate directories, not a path in use. */
const inCollectionLiteral = (node: SyntaxNode): boolean => ['list', 'tuple', 'set'].includes(node.parent?.type ?? '');

const MAIN_TEST = /^__name__\s*==\s*["']__main__["']$|^["']__main__["']\s*==\s*__name__$/;

/** Inside an `if __name__ == "__main__":` block: a module's self-test or demo, not its library code. */
function inMainBlock(node: SyntaxNode): boolean {
  for (let at = node.parent; at; at = at.parent) {
    if (at.type === 'if_statement' && at.parent?.type === 'module') return MAIN_TEST.test(at.childForFieldName('condition')?.text ?? '');
  }
  return false;
}

export const hardcodedTmpDirectory: PyRule = {
  rule: {
    id: 'CODE-PY-HARDCODED-TMP-DIRECTORY',
    language: 'python',
    title: 'Hard-coded temporary directory (/tmp, /var/tmp, /dev/shm)',
    severity: 'medium',
    confidence: 'medium',
    description:
      'Fixed paths in shared temporary directories can be predicted by other local users, who can create the file or a symlink there first and so read or overwrite data (CWE-377). Strings only compared against (path.startswith("/tmp")) are not reported.',
    remediation: 'Create temporary files and directories with the tempfile module (mkstemp, NamedTemporaryFile, TemporaryDirectory), which picks unpredictable names atomically.',
    remediationSnippet: 'import tempfile\nwith tempfile.TemporaryDirectory() as work:\n    ...',
    cwe: ['CWE-377'],
    upstream: { type: 'bandit', id: 'B108' },
    helpUri: `${PLUGINS}/b108_hardcoded_tmp_directory.html`,
    examples: {
      fail: ['with open("/tmp/report.csv", "w") as f:\n    f.write(data)\n', 'CACHE_DIR = "/var/tmp/app-cache"\n', 'lock = f"/dev/shm/{name}.lock"\n', 'def main():\n    os.makedirs("/tmp/build", exist_ok=True)\n\nif __name__ == "__main__":\n    main()\n'],
      pass: ['import tempfile\nwith tempfile.NamedTemporaryFile("w", suffix=".csv") as f:\n    f.write(data)\n', 'if path.startswith("/tmp/"):\n    cleanup(path)\n', 'DATA_DIR = "/srv/tmpdata"\n',
        'def candidate_dirs():\n    dirlist = []\n    dirlist.extend(["/tmp", "/var/tmp", "/usr/tmp"])\n    return dirlist\n',
        'if __name__ == "__main__":\n    import sys\n    run_self_test(sys.argv[1] if len(sys.argv) > 1 else "/tmp/selftest")\n',
      ],
    },
  },
  relevant: mentions(...TMP_DIRS),
  on: {
    string(node, _file, report) {
      if (!TMP_TEXT.test(node.text)) return;
      const value = stringPrefix(node);
      if (!value || !TMP_DIRS.some((d) => value === d || value.startsWith(`${d}/`))) return;
      if (!isDocstring(node) && !onlyCompared(node) && !inCollectionLiteral(node) && !inMainBlock(node)) report(node, `Probable insecure usage of a temporary file or directory (${value.slice(0, 80)}).`);
    },
  },
};

/** An except clause catching everything (bare, Exception) whose body is only `statement`. */
function swallows(node: SyntaxNode, statement: 'pass_statement' | 'continue_statement'): boolean {
  const value = node.childForFieldName('value');
  const caught = value?.type === 'as_pattern' ? value.namedChild(0) : value;
  if (caught && !(caught.type === 'identifier' && caught.text === 'Exception')) return false;
  const body = node.namedChildren.find((c) => c?.type === 'block');
  const statements = body?.namedChildren.filter((c) => c && c.type !== 'comment') ?? [];
  return statements.length === 1 && statements[0]?.type === statement;
}

function tryExceptRule(bandit: 'B110' | 'B112', statement: 'pass' | 'continue'): PyRule {
  const id = statement === 'pass' ? 'CODE-PY-TRY-EXCEPT-PASS' : 'CODE-PY-TRY-EXCEPT-CONTINUE';
  return {
    rule: {
      id,
      language: 'python',
      title: `Exception swallowed (except: ${statement})`,
      severity: 'low',
      confidence: 'high',
      description: `An except clause that catches everything (bare except or Exception) and only does \`${statement}\` hides every error, including ones that matter for security (a failed permission check, a broken connection), and makes attacks harder to notice. Clauses catching a specific exception are not reported.`,
      remediation: 'Catch the specific exceptions you expect, and log the ones you decide to ignore.',
      remediationSnippet: `try:\n    os.remove(path)\nexcept FileNotFoundError:\n    ${statement}`,
      cwe: ['CWE-703'],
      upstream: { type: 'bandit', id: bandit },
      helpUri: `${PLUGINS}/${bandit.toLowerCase()}_try_except_${statement}.html`,
      examples:
        statement === 'pass'
          ? {
              fail: ['try:\n    verify_signature(token)\nexcept:\n    pass\n', 'try:\n    audit.log(event)\nexcept Exception as exc:\n    # best effort\n    pass\n'],
              pass: ['try:\n    os.remove(path)\nexcept FileNotFoundError:\n    pass\n', 'try:\n    audit.log(event)\nexcept Exception:\n    logger.exception("audit failed")\n'],
            }
          : {
              fail: ['for row in rows:\n    try:\n        load(row)\n    except:\n        continue\n', 'for item in queue:\n    try:\n        handle(item)\n    except Exception:\n        continue\n'],
              pass: ['for row in rows:\n    try:\n        load(row)\n    except ValueError:\n        continue\n', 'for item in queue:\n    try:\n        handle(item)\n    except Exception:\n        log.warning("skipped %s", item)\n        continue\n'],
            },
    },
    relevant: mentions('except'),
    on: {
      except_clause(node, _file, report) {
        if (swallows(node, `${statement}_statement`)) report(node, `Try, Except, ${statement === 'pass' ? 'Pass' : 'Continue'}: every exception is silently ignored here.`);
      },
    },
  };
}

export const tryExceptPass = tryExceptRule('B110', 'pass');
export const tryExceptContinue = tryExceptRule('B112', 'continue');
