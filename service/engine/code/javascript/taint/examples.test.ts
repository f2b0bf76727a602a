// Every taint rule's examples straight through ESLint's Linter with the vigil-taint plugin, under
// the parser the analyser uses for the file and, for JavaScript examples, under typescript-eslint's
// parser too (the rules must give the same answer on both ASTs).
import { jsTaintRules } from '.';
import { lintTaint } from './testing';

const cases = jsTaintRules.flatMap((r) =>
  (['fail', 'pass'] as const).flatMap((kind) =>
    r.rule.examples[kind].map((ex, i) => {
      const e = typeof ex === 'string' ? { path: 'app.js', code: ex } : ex;
      return { id: r.rule.id, name: r.name, kind, i, ...e };
    }),
  ),
);

describe.each(cases)('$id $kind #$i', ({ name, kind, path, code }) => {
  const parsers = /\.[cm]?tsx?$/.test(path) ? [path] : [path, path.replace(/\.([cm]?)js(x?)$/, '.$1ts$2')];
  test.each(parsers)('%s', (p) => {
    const messages = lintTaint(code, p);
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    const mine = messages.filter((m) => m.ruleId === `vigil-taint/${name}`);
    if (kind === 'fail') expect(mine.length).toBeGreaterThan(0);
    else expect(mine.map((m) => `${m.line}: ${m.message}`)).toEqual([]);
  });
});

test('the rule set: unique names and ids, taint rules without upstream ids, at least 10 of them', () => {
  expect(new Set(jsTaintRules.map((r) => r.name)).size).toBe(jsTaintRules.length);
  expect(new Set(jsTaintRules.map((r) => r.rule.id)).size).toBe(jsTaintRules.length);
  expect(jsTaintRules.every((r) => /^CODE-JS-[A-Z0-9-]+$/.test(r.rule.id) && !r.rule.upstream && r.rule.cwe.length > 0)).toBe(true);
  expect(jsTaintRules.filter((r) => r.rule.taint).length).toBeGreaterThanOrEqual(10);
});
