// What the code family adds to the generic catalog test (which replays every example): ids by
// language, upstream ids well formed and not claimed twice, and the rule counts the issue sets.
import { codeAnalyzers, codeRules } from './analyzers';

const ID_PREFIX = { python: /^CODE-PY-[A-Z0-9-]+$/, javascript: /^CODE-JS-[A-Z0-9-]+$/, csharp: /^CODE-CS-[A-Z0-9-]+$/ };
const UPSTREAM_ID = { bandit: /^B\d{3}$/, eslint: /^(?:@microsoft\/sdl|security|no-unsanitized)\/[a-z0-9-]+$|^[a-z-]+$/, scs: /^SCS\d{4}$/ };

test('every rule: id by language, a CWE, examples both ways, upstream ids well formed and not claimed twice', () => {
  const problems: string[] = [];
  const ids = new Set<string>();
  const claimed = new Map<string, string>();
  for (const rule of codeRules) {
    if (ids.has(rule.id)) problems.push(`${rule.id}: id used twice`);
    ids.add(rule.id);
    if (!ID_PREFIX[rule.language].test(rule.id)) problems.push(`${rule.id}: id does not fit ${rule.language}`);
    if (!rule.cwe.length || rule.cwe.some((c) => !/^CWE-\d+$/.test(c))) problems.push(`${rule.id}: CWE missing or malformed`);
    if (!rule.examples.fail.length || !rule.examples.pass.length) problems.push(`${rule.id}: needs fail and pass examples`);
    if (rule.upstream) {
      if (!UPSTREAM_ID[rule.upstream.type].test(rule.upstream.id)) problems.push(`${rule.id}: upstream id ${rule.upstream.id} malformed`);
      const key = `${rule.language} ${rule.upstream.type} ${rule.upstream.id}`;
      if (claimed.has(key)) problems.push(`${rule.id}: ${rule.upstream.id} is also ${claimed.get(key)}'s`);
      claimed.set(key, rule.id);
    }
  }
  expect(problems).toEqual([]);
});

test('the rule counts the code-scanning issue sets, per language', () => {
  const count = (language: string, pick: (r: (typeof codeRules)[number]) => boolean) => codeRules.filter((r) => r.language === language && pick(r)).length;
  expect({
    pythonBandit: count('python', (r) => r.upstream?.type === 'bandit') >= 60,
    pythonTaint: count('python', (r) => !!r.taint) >= 8,
    javascriptEslint: count('javascript', (r) => r.upstream?.type === 'eslint') >= 30,
    javascriptTaint: count('javascript', (r) => !!r.taint) >= 10,
    csharp: count('csharp', () => true) >= 25,
    csharpTaint: count('csharp', (r) => !!r.taint) >= 5,
  }).toEqual({ pythonBandit: true, pythonTaint: true, javascriptEslint: true, javascriptTaint: true, csharp: true, csharpTaint: true });
  expect(codeAnalyzers.map((a) => a.scannerName)).toEqual(['code-python', 'code-javascript', 'code-csharp']);
});
