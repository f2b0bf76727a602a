// The subtle parts of the B6xx rules: B602/B605 severity by whether the command is fixed in the
// source, B608's SQL heuristics (built strings flag, parameterised queries do not), B613's bidi scan.
import { codeFindings } from '../../finding';
import type { CodeHit, CodeRule } from '../../types';
import { makePythonAnalyzer } from '../index';
import { injectionRules } from './injection';

const analyzer = makePythonAnalyzer(injectionRules);
const rules = new Map<string, CodeRule>(injectionRules.map((r) => [r.rule.id, r.rule]));

async function hits(code: string, ruleId: string): Promise<CodeHit[]> {
  const all = await analyzer.analyze([{ path: 'app.py', text: code }], { warn: () => undefined, only: new Set([ruleId]) });
  return all.filter((h) => h.ruleId === ruleId);
}

/** Severity and confidence of each finding, line by line, as the engine reports them. */
async function levels(code: string, ruleId: string): Promise<[number, string, string][]> {
  return codeFindings(await hits(code, ruleId), rules).map((f) => [f.location.kind === 'file' ? f.location.line ?? 0 : 0, f.severity, f.confidence]);
}

describe('B602 subprocess with shell=True', () => {
  const id = 'CODE-PY-SUBPROCESS-SHELL-TRUE';

  test('a fixed command is low severity, a built one (variable, +, %, format, f-string) high', async () => {
    const code = [
      'import subprocess',
      'from subprocess import Popen as P',
      'subprocess.call("ls -l /var/log", shell=True)', // 3 fixed
      'subprocess.call(["ls", "-l"], shell=True)', // 4 fixed list
      'subprocess.call(cmd, shell=True)', // 5 variable
      'P("ls " + d, shell=True)', // 6 concatenation
      'subprocess.run("du -sh %s" % d, shell=True)', // 7 %
      'subprocess.run("du -sh {}".format(d), shell=True)', // 8 format
      'subprocess.check_output(f"du -sh {d}", shell=True)', // 9 f-string
      'subprocess.Popen(args="ls " + d, shell=True)', // 10 keyword command
      '',
    ].join('\n');
    expect(await levels(code, id)).toEqual([
      [3, 'low', 'high'],
      [4, 'low', 'high'],
      [5, 'high', 'high'],
      [6, 'high', 'high'],
      [7, 'high', 'high'],
      [8, 'high', 'high'],
      [9, 'high', 'high'],
      [10, 'high', 'high'],
    ]);
  });

  test('shell is read as Bandit reads it: False, None, 0 and absent are no shell; an expression counts as one', async () => {
    const code = [
      'import subprocess',
      'subprocess.run(cmd, shell=False)',
      'subprocess.run(cmd, shell=None)',
      'subprocess.run(cmd, shell=0)',
      'subprocess.run(cmd)',
      'subprocess.run(cmd, shell=use_shell)', // 6
      'subprocess.run(cmd, shell=1)', // 7
      '',
    ].join('\n');
    expect((await hits(code, id)).map((h) => h.line)).toEqual([6, 7]);
    expect((await hits(code, 'CODE-PY-SUBPROCESS-WITHOUT-SHELL')).map((h) => h.line)).toEqual([2, 3, 4, 5]);
  });

  test('only subprocess functions resolved through imports; other wrappers are B604', async () => {
    const code = ['from utils import Popen', 'Popen("ls " + d, shell=True)', 'run_cmd(x, shell=True)', ''].join('\n');
    expect(await hits(code, id)).toEqual([]);
    expect((await hits(code, 'CODE-PY-CALL-WITH-SHELL-TRUE')).map((h) => h.line)).toEqual([2, 3]);
  });
});

test('B605 os.system and friends: fixed command low, built command high', async () => {
  const code = ['import os', 'import commands', 'os.system("clear")', 'os.popen("cat " + name)', 'commands.getoutput(cmd)', ''].join('\n');
  expect(await levels(code, 'CODE-PY-START-PROCESS-WITH-SHELL')).toEqual([
    [3, 'low', 'high'],
    [4, 'high', 'high'],
    [5, 'high', 'high'],
  ]);
});

describe('B608 SQL built from strings', () => {
  const id = 'CODE-PY-SQL-STRING-BUILT';

  test('built with %, format, f-strings and + it flags; with execute() as consumer the confidence is medium', async () => {
    const code = [
      'q = "SELECT * FROM t WHERE id = %s" % x', // 1
      'cursor.execute("SELECT * FROM t WHERE id = %s" % x)', // 2
      'cursor.execute("SELECT * FROM t WHERE name = \'{}\'".format(name))', // 3
      'cur.executemany(f"INSERT INTO logs (msg) VALUES (\'{msg}\')", rows)', // 4
      'sql = "DELETE FROM " + table + " WHERE id = " + str(i)', // 5
      'conn.execute(("UPDATE users SET name = \'%s\'" % n))', // 6
      'sql = ("SELECT a "\n       f"FROM {table}")', // 7
      '',
      'q = "select a, b from t where id = %s" % x', // 10
      '',
    ].join('\n');
    expect(await levels(code, id)).toEqual([
      [1, 'medium', 'low'],
      [2, 'medium', 'medium'],
      [3, 'medium', 'medium'],
      [4, 'medium', 'medium'],
      [5, 'medium', 'low'],
      [6, 'medium', 'medium'],
      [7, 'medium', 'low'],
      [10, 'medium', 'low'],
    ]);
  });

  test('parameterised queries, constant parts and prose do not flag', async () => {
    const code = [
      'cursor.execute("SELECT * FROM t WHERE id = %s", (x,))',
      'cursor.execute("SELECT * FROM t WHERE id = ?", [x])',
      'q = "SELECT * FROM t " + "WHERE id = 1"',
      'q = "SELECT * FROM t WHERE state = %s" % ("open",)',
      'msg = "Please select one from the list: %s" % choices',
      'hint = "Select one from the list below: {}".format(table)',
      'note = f"insert into the form {field} from your profile"',
      'log.info(f"update for {user} set at {when}")',
      'q = "SELECT * FROM t WHERE id = %(id)s"',
      '',
    ].join('\n');
    expect(await hits(code, id)).toEqual([]);
  });

  test('one finding per statement however it is built, at the whole expression', async () => {
    const code = 'q = "SELECT " + cols + " FROM " + table + " WHERE " + cond\n';
    const found = await hits(code, id);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 1, column: 5, sinkText: code.slice(4, -1) });
  });
});

describe('B613 bidirectional control characters', () => {
  const id = 'CODE-PY-TROJAN-SOURCE';

  test('each line with such characters is reported, with the code points, at the node holding them', async () => {
    const code = ['ok = 1', 'if level != "none\u202E \u2066# admin\u2069 \u2066":', '    pass', 'x = 2  # \u200F', ''].join('\n');
    const found = await hits(code, id);
    expect(found.map((h) => h.line)).toEqual([2, 4]);
    expect(found[0].message).toContain('U+202E');
    expect(found[0].message).toContain('U+2066');
    expect(found[1].message).toContain('U+200F');
    expect(found[1].sinkText).toContain('#');
  });

  test('right-to-left text itself, and escaped control characters, are fine', async () => {
    expect(await hits('greeting = "שלום עולם"\nmark = "\\u202e"\n', id)).toEqual([]);
  });
});
