// The code family's reference page: one part per language, each with the upstream test its rules match.
import type { RuleMeta } from '../contract/model';
import type { RuleFamily } from '../engine/types';
import { generateRuleDocs } from './docs';

const rule = (id: string, tags: string[], references: RuleMeta['references'] = []): RuleMeta => ({
  id, title: `${id} title`, severity: 'high', confidence: 'medium', category: 'code', description: 'D.', remediation: 'R.', cwe: ['CWE-78'], tags, references,
});

const family: RuleFamily<string> = {
  name: 'code',
  title: 'Code',
  category: 'code',
  evaluate: () => ({ outcome: 'pass' }),
  units: [
    rule('CODE-JS-CHILD-PROCESS', ['code', 'javascript'], [{ type: 'cwe', id: 'CWE-78' }, { type: 'eslint', id: 'security/detect-child-process' }]),
    rule('CODE-PY-TAINT-COMMAND', ['code', 'python', 'taint']),
    rule('CODE-PY-SUBPROCESS-SHELL', ['code', 'python'], [{ type: 'bandit', id: 'B602' }]),
    rule('CODE-CS-PROCESS-START', ['code', 'csharp'], [{ type: 'scs', id: 'SCS0001' }]),
  ].map((meta) => ({ meta, examples: { mustFlag: ['x'], mustNotFlag: ['y'] } })),
};

describe('docs/rules/code.md', () => {
  const page = generateRuleDocs([family as RuleFamily<unknown>]).get('code.md')!;

  it('has one part per language, in the vocabulary order, each with its count', () => {
    expect([...page.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual(['Python', 'JavaScript/TypeScript', 'C#']);
    expect(page).toContain('## Python\n\n2 rules\n');
  });

  it('names the upstream test of each rule in its language table, blank for Vigil’s own', () => {
    expect(page).toContain(
      '| Id | Title | Severity | Upstream | CWE |\n| --- | --- | --- | --- | --- |\n' +
        '| [CODE-PY-SUBPROCESS-SHELL](#code-py-subprocess-shell) | CODE-PY-SUBPROCESS-SHELL title | high | Bandit B602 | CWE-78 |\n' +
        '| [CODE-PY-TAINT-COMMAND](#code-py-taint-command) | CODE-PY-TAINT-COMMAND title | high |  | CWE-78 |\n',
    );
    expect(page).toContain('| [CODE-JS-CHILD-PROCESS](#code-js-child-process) | CODE-JS-CHILD-PROCESS title | high | ESLint security/detect-child-process | CWE-78 |');
    expect(page).toContain('| [CODE-CS-PROCESS-START](#code-cs-process-start) | CODE-CS-PROCESS-START title | high | Security Code Scan SCS0001 | CWE-78 |');
  });

  it('keeps one section per rule under its language', () => {
    const sections = [...page.matchAll(/^##+ (.+)$/gm)].map((m) => m[1]);
    expect(sections).toEqual(['Python', 'CODE-PY-SUBPROCESS-SHELL', 'CODE-PY-TAINT-COMMAND', 'JavaScript/TypeScript', 'CODE-JS-CHILD-PROCESS', 'C#', 'CODE-CS-PROCESS-START']);
  });
});
