// One finding per sink: the Bandit hotspot on a call a taint rule reports is dropped, and B308 gives
// way to B703 on Django's mark_safe; hotspots on other code are kept.
import { pythonAnalyzer } from '.';
import { DUPLICATE_OF } from './duplicates';
import { pythonRules } from './rules';

async function findings(text: string): Promise<string[]> {
  const hits = await pythonAnalyzer.analyze([{ path: 'views.py', text }], { warn: () => undefined });
  return hits.map((h) => `${h.ruleId}@${h.line}`).sort();
}

test('a tainted sink gives the taint finding only; the same hotspots on untainted code stay', async () => {
  const code = [
    'import subprocess',
    'from flask import Flask, request',
    'app = Flask(__name__)',
    '@app.route("/lookup")',
    'def lookup():',
    '    name = request.args["name"]',
    '    cur.execute(f"SELECT * FROM users WHERE name = \'{name}\'")', // 7
    '    out = subprocess.check_output("host " + name, shell=True)', // 8
    '    return eval(name)', // 9
    'def nightly(table):',
    '    cur.execute(f"DELETE FROM {table} WHERE age > 30")', // 11
    '    subprocess.check_output("vacuum " + table, shell=True)', // 12
    '',
  ].join('\n');
  const ids = await findings(code);
  expect(ids).toEqual(expect.arrayContaining(['CODE-PY-TAINT-SQL@7', 'CODE-PY-TAINT-COMMAND@8', 'CODE-PY-TAINT-CODE@9', 'CODE-PY-SQL-STRING-BUILT@11', 'CODE-PY-SUBPROCESS-SHELL-TRUE@12']));
  expect(ids).not.toContain('CODE-PY-SQL-STRING-BUILT@7');
  expect(ids).not.toContain('CODE-PY-SUBPROCESS-SHELL-TRUE@8');
  expect(ids).not.toContain('CODE-PY-EVAL@9');
});

test('mark_safe: one finding per call (taint XSS, else B703, else B308)', async () => {
  const code = [
    'from django.utils.safestring import mark_safe',
    'def greet(request):',
    '    return mark_safe("<p>Hello %s</p>" % request.GET["name"])', // 3
    'def badge(label):',
    '    return mark_safe("<b>%s</b>" % label)', // 5
    'FOOTER = mark_safe("<hr>")', // 6
    '',
  ].join('\n');
  const ids = (await findings(code)).filter((id) => /MARK-SAFE|XSS/.test(id));
  expect(ids).toEqual(['CODE-PY-DJANGO-MARK-SAFE@5', 'CODE-PY-MARK-SAFE-USED@6', 'CODE-PY-TAINT-XSS@3']);
});

test('every rule id in the table exists', () => {
  const ids = new Set(pythonRules.map((r) => r.rule.id));
  for (const [dropped, by] of Object.entries(DUPLICATE_OF)) for (const id of [dropped, ...by]) expect(ids).toContain(id);
});
