// The generic rule test: every unit of every family in the registry carries complete metadata and
// examples, and its examples behave (ARCHITECTURE.md "Rules, controls and checks: one shape").
import { ruleFamilies } from '../../service/engine/registry';
import { CATEGORIES, SEVERITIES } from '../../service/engine/types';
import type { RuleFamily, RuleUnit } from '../../service/engine/types';

const RULE_ID = /^(SEC|IAC-[A-Z0-9]+|CODE-(PY|JS)|DEP|LIC|ADO-[A-Z]+|CMP)-[A-Z0-9-]+$/;

type AnyFamily = RuleFamily<unknown>;
type AnyUnit = RuleUnit<unknown>;

function label(input: unknown): string {
  const text = typeof input === 'string' ? input : JSON.stringify(input) ?? String(input);
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}

test('the registry lists rule families, each with rules', () => {
  expect(ruleFamilies.length).toBeGreaterThan(0);
  expect(ruleFamilies.filter((f) => f.units.length === 0).map((f) => f.name)).toEqual([]);
});

test('rule ids are unique across all families', () => {
  const seen = new Map<string, string[]>();
  for (const family of ruleFamilies) {
    for (const unit of family.units) seen.set(unit.meta.id, [...(seen.get(unit.meta.id) ?? []), family.name]);
  }
  expect([...seen].filter(([, where]) => where.length > 1)).toEqual([]);
});

test('family names are unique', () => {
  const names = ruleFamilies.map((f) => f.name);
  expect(new Set(names).size).toBe(names.length);
});

describe.each(ruleFamilies.filter((f) => f.units.length > 0).map((f) => [f.name, f as AnyFamily] as const))('%s', (_name, family) => {
  test.each(family.units.map((u) => [u.meta.id, u as AnyUnit] as const))('%s has complete metadata and both kinds of example', (_id, unit) => {
    const m = unit.meta;
    expect(m.id).toMatch(RULE_ID);
    for (const field of ['title', 'description', 'remediation'] as const) {
      expect({ field, value: typeof m[field] === 'string' && m[field].trim().length > 0 }).toEqual({ field, value: true });
    }
    expect(SEVERITIES).toContain(m.severity);
    expect(CATEGORIES).toContain(m.category);
    if (m.helpUri !== undefined) expect(m.helpUri).toMatch(/^https:\/\//);
    for (const cwe of m.cwe ?? []) expect(cwe).toMatch(/^CWE-\d+$/);
    expect(unit.examples.mustFlag.length).toBeGreaterThan(0);
    expect(unit.examples.mustNotFlag.length).toBeGreaterThan(0);
  });

  const cases = family.units.flatMap((u) => [
    ...u.examples.mustFlag.map((input, i) => [u.meta.id, 'must flag', i + 1, label(input), u as AnyUnit, input, true] as const),
    ...u.examples.mustNotFlag.map((input, i) => [u.meta.id, 'must not flag', i + 1, label(input), u as AnyUnit, input, false] as const),
  ]);
  if (cases.length > 0) {
    test.each(cases)('%s %s #%i: %s', async (_id, _kind, _n, _label, unit, input, expected) => {
      expect(await family.flags(unit, input)).toBe(expected);
    });
  }
});
