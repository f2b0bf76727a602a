// What the IaC family adds to the generic catalog test: every rule's pass examples are really judged
// (pass, not "never looked at"), examples use the syntaxes of the rule's model, and the metadata a
// Checkov user relies on is well formed.
import { MODEL_SYNTAXES } from './examples';
import { evaluateIacExample, type IacExample } from './family';
import { iacRules } from './rules';
import type { IacSyntax } from './types';

const CHECKOV_ID = /^CKV2?_[A-Z0-9]+_\d+$/;
const ID_PREFIX: Record<string, RegExp> = {
  terraform: /^IAC-TF-(?:AZ|AWS|GCP)-[A-Z0-9-]+$/,
  azure: /^IAC-AZ-[A-Z0-9-]+$/,
  aws: /^IAC-AWS-[A-Z0-9-]+$/,
  kubernetes: /^IAC-K8S-[A-Z0-9-]+$/,
  dockerfile: /^IAC-DOCKER-[A-Z0-9-]+$/,
  openapi: /^IAC-OPENAPI-[A-Z0-9-]+$/,
};

test('every rule: id by model, examples in its model\'s syntaxes, Checkov ids well formed and not claimed twice in a model', () => {
  const problems: string[] = [];
  const claimed = new Map<string, string>();
  for (const rule of iacRules) {
    if (!ID_PREFIX[rule.model].test(rule.id)) problems.push(`${rule.id}: id does not fit model ${rule.model}`);
    const syntaxes = Object.keys(rule.examples) as IacSyntax[];
    if (!syntaxes.length) problems.push(`${rule.id}: no examples`);
    for (const s of syntaxes) if (!MODEL_SYNTAXES[rule.model].includes(s)) problems.push(`${rule.id}: ${s} examples for a ${rule.model} rule`);
    if (!rule.resourceTypes.length) problems.push(`${rule.id}: no resource types`);
    const ids = rule.checkov === undefined ? [] : typeof rule.checkov === 'string' ? [rule.checkov] : [...rule.checkov];
    if (new Set(ids).size !== ids.length) problems.push(`${rule.id}: a Checkov id twice`);
    for (const id of ids) {
      if (!CHECKOV_ID.test(id)) problems.push(`${rule.id}: Checkov id ${id} is not well formed`);
      const key = `${rule.model} ${id}`;
      if (claimed.has(key)) problems.push(`${rule.id}: ${id} is also ${claimed.get(key)}'s`);
      claimed.set(key, rule.id);
    }
  }
  expect(problems).toEqual([]);
});

/** The rule counts the IaC issue sets per model and platform (at least). */
const MINIMUM_RULES: Record<string, number> = {
  'IAC-TF-AZ-': 150,
  'IAC-TF-AWS-': 100,
  'IAC-TF-GCP-': 30,
  'IAC-AZ-': 60,
  'IAC-AWS-': 60,
  'IAC-K8S-': 50,
  'IAC-DOCKER-': 15,
  'IAC-OPENAPI-': 10,
};

test('each model and platform has at least the rules it was promised', () => {
  const counts = Object.fromEntries(Object.keys(MINIMUM_RULES).map((prefix) => [prefix, iacRules.filter((r) => r.id.startsWith(prefix)).length]));
  const short = Object.entries(MINIMUM_RULES).filter(([prefix, min]) => counts[prefix] < min).map(([prefix, min]) => `${prefix}: ${counts[prefix]} < ${min}`);
  expect(short).toEqual([]);
  expect(iacRules.length).toBeGreaterThanOrEqual(475);
});

test('every pass example is judged and passes (a rule that never saw the resource proves nothing)', async () => {
  const wrong: string[] = [];
  for (const rule of iacRules) {
    for (const [syntax, set] of Object.entries(rule.examples) as [IacSyntax, NonNullable<(typeof rule.examples)[IacSyntax]>][]) {
      for (const [i, input] of set.pass.entries()) {
        const got = await evaluateIacExample(rule.id, { syntax, input } satisfies IacExample);
        if (got.outcome !== 'pass') wrong.push(`${rule.id} ${syntax} pass #${i + 1}: ${got.outcome}${got.reason ? ` (${got.reason.text})` : ''}`);
      }
    }
  }
  expect(wrong).toEqual([]);
});
