// The Python analyser on hostile input: syntax errors are reported with their line and the rest of
// the file is still analysed; deep nesting hits the walk's bound with a warning, never a stack overflow.
import type { AnalyzeContext, CodeHit } from '../types';
import { pythonAnalyzer } from '.';

interface Warning {
  code: string;
  message: string;
  path: string;
}

async function analyze(path: string, text: string, only?: string[]): Promise<{ hits: CodeHit[]; warnings: Warning[] }> {
  const warnings: Warning[] = [];
  const ctx: AnalyzeContext = { warn: (code, message, p) => warnings.push({ code, message, path: p }), ...(only ? { only: new Set(only) } : {}) };
  const hits = await pythonAnalyzer.analyze([{ path, text }], ctx);
  return { hits, warnings };
}

test('a syntax error gives a parse-error warning with file and line, and the rest of the file is still analysed', async () => {
  const code = ['import pickle', '', 'def broken(:', '    return (', '', 'def load(raw):', '    return pickle.loads(raw)', ''].join('\n');
  const { hits, warnings } = await analyze('svc/broken.py', code, ['CODE-PY-PICKLE']);
  expect(warnings).toEqual([expect.objectContaining({ code: 'parse-error', path: 'svc/broken.py' })]);
  expect(warnings[0].message).toMatch(/line 3\b/);
  expect(hits.map((h) => [h.ruleId, h.line])).toEqual([['CODE-PY-PICKLE', 7]]);
});

test('10,000 nested parentheses: the walk stops at its bound with a warning, findings outside it are kept', async () => {
  const code = `import pickle\npickle.loads(a)\nx = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\n`;
  const { hits, warnings } = await analyze('deep.py', code);
  expect(warnings.map((w) => w.code)).toContain('depth-limit');
  expect(hits.filter((h) => h.ruleId === 'CODE-PY-PICKLE').map((h) => h.line)).toEqual([2]);
});

test('a 50,000-term string concatenation does not overflow the stack', async () => {
  const code = `import os\npassword = ${Array.from({ length: 50_000 }, (_, i) => `"p${i}"`).join(' + ')}\nos.chmod(path, 0o777)\n`;
  const { hits, warnings } = await analyze('concat.py', code);
  expect(warnings.map((w) => w.code)).toContain('depth-limit');
  expect(hits.filter((h) => h.ruleId === 'CODE-PY-BAD-FILE-PERMISSIONS').map((h) => h.line)).toEqual([3]);
});

test('# nosec does not suppress a finding (the repository is not trusted)', async () => {
  const { hits } = await analyze('app.py', 'value = eval(expr)  # nosec\n', ['CODE-PY-EVAL']);
  expect(hits).toHaveLength(1);
});

test('each hit carries the rule, place and sink; a hit may carry its own severity', async () => {
  const { hits } = await analyze('perm.py', 'import os\nos.chmod(a, 0o777)\nos.chmod(b, 0o750)\n', ['CODE-PY-BAD-FILE-PERMISSIONS']);
  expect(hits.map((h) => ({ line: h.line, column: h.column, severity: h.severity, sink: h.sinkText }))).toEqual([
    { line: 2, column: 1, severity: 'high', sink: 'os.chmod(a, 0o777)' },
    { line: 3, column: 1, severity: undefined, sink: 'os.chmod(b, 0o750)' },
  ]);
});
