// The generic rule test: every unit of every catalog family (engine scanners, posture, compliance)
// carries complete metadata and examples, and replays them once (ARCHITECTURE.md "one shape").
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { catalogFamilies, catalogRules } from '../../service/catalog';
import { CONTROLS_DOC_PATH, generateControlsDoc, generateRuleDocs, RULES_DOC_DIR } from '../../service/catalog/docs';
import { ruleMetaSchema } from '../../service/contract/model';
import { engineFamilies, engineScanners } from '../../service/engine/registry';
import type { EvaluatedOutcome, RuleFamily, RuleUnit } from '../../service/engine/types';

/** Id prefix per category (ARCHITECTURE.md): SEC-, IAC-<PLATFORM>-, CODE-<LANG>-, DEP-, LIC-, ADO-<AREA>-, CMP-. */
const ID_PREFIX: Record<string, RegExp> = {
  secret: /^SEC-/,
  iac: /^IAC-[A-Z0-9]+-/,
  code: /^CODE-[A-Z0-9]+-/,
  deps: /^DEP-/,
  license: /^LIC-/,
  'package-risk': /^(PKG|DEP)-/,
  posture: /^ADO-[A-Z]+-/,
  compliance: /^CMP-/,
};

type AnyUnit = RuleUnit<unknown>;

test('the catalog lists families, each with rules, and ids unique across all of them', () => {
  expect(catalogFamilies.length).toBeGreaterThan(0);
  expect(catalogFamilies.filter((f) => f.units.length === 0).map((f) => f.name)).toEqual([]);
  const ids = catalogRules().map((m) => m.id);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  const names = catalogFamilies.map((f) => f.name);
  expect(new Set(names).size).toBe(names.length);
});

test("the engine's families hold exactly the rules its scanners run", () => {
  const familyIds = engineFamilies.flatMap((f) => f.units.map((u) => u.meta.id)).sort();
  const scannerIds = engineScanners.flatMap((s) => s.rules.map((r) => r.id)).sort();
  expect(scannerIds).toEqual(familyIds);
});

/** What each kind of example must give. */
const EXPECTED: Record<'mustFlag' | 'mustNotFlag' | 'notApplicable' | 'notAvailable', (o: EvaluatedOutcome) => boolean> = {
  mustFlag: (o) => o.outcome === 'fail',
  mustNotFlag: (o) => o.outcome === 'pass' || o.outcome === 'not-applicable',
  notApplicable: (o) => o.outcome === 'not-applicable',
  notAvailable: (o) => o.outcome === 'not-available' && !!o.reason?.text,
};

function label(input: unknown): string {
  const text = typeof input === 'string' ? input : JSON.stringify(input) ?? String(input);
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}

describe.each(catalogFamilies.map((f) => [f.name, f] as const))('%s', (_name, family: RuleFamily<unknown>) => {
  test.each(family.units.map((u) => [u.meta.id, u as AnyUnit] as const))('%s: metadata, and every example gives its outcome', async (_id, unit) => {
    const meta = ruleMetaSchema.parse(unit.meta);
    expect(meta.category).toBe(family.category);
    expect(meta.id).toMatch(ID_PREFIX[meta.category]);
    expect(unit.examples.mustFlag.length).toBeGreaterThan(0);
    expect(unit.examples.mustNotFlag.length).toBeGreaterThan(0);
    const wrong: string[] = [];
    for (const kind of Object.keys(EXPECTED) as (keyof typeof EXPECTED)[]) {
      for (const [i, input] of (unit.examples[kind] ?? []).entries()) {
        const outcome = await family.evaluate(unit, input);
        if (!EXPECTED[kind](outcome)) wrong.push(`${kind} #${i + 1} gave ${outcome.outcome}: ${label(input)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('docs/rules', () => {
  const committed = new Map(
    readdirSync(RULES_DOC_DIR)
      .filter((n) => n.endsWith('.md'))
      .map((n) => [n, readFileSync(path.join(RULES_DOC_DIR, n), 'utf8')] as const),
  );

  it('is exactly what `npm run docs:rules` generates: no page missing, none extra, none edited by hand', () => {
    const generated = generateRuleDocs();
    expect([...committed.keys()].sort()).toEqual([...generated.keys()].sort());
    for (const [name, text] of generated) expect({ name, text: committed.get(name) }).toEqual({ name, text });
  });

  it('docs/controls.md is the posture family\'s page as `npm run docs:rules` generates it', () => {
    const generated = generateControlsDoc();
    expect(generated).toBeDefined();
    expect(readFileSync(CONTROLS_DOC_PATH, 'utf8')).toEqual(generated);
    expect(generated).toContain('[all families](rules/index.md)');
  });

  it('documents every catalog rule, and every documented rule exists', () => {
    const documented = [...committed.values()].flatMap((text) => [...text.matchAll(/^### ([A-Z0-9-]+)$/gm)].map((m) => m[1])).sort();
    expect(documented).toEqual(catalogRules().map((m) => m.id).sort());
  });

  it('renders a family as a sorted table and one section per rule, with references and the fixed snippet', () => {
    const family: RuleFamily<string> = {
      name: 'example',
      title: 'Example family',
      category: 'iac',
      evaluate: () => ({ outcome: 'pass' }),
      units: [
        {
          meta: {
            id: 'IAC-TF-B', title: 'Pipe | in title', severity: 'high', confidence: 'medium', category: 'iac', description: 'Two\nlines.', remediation: 'Fix it.',
            remediationSnippet: 'min_tls_version = "TLS1_2"', cwe: ['CWE-326'], helpUri: 'https://example.test/b',
            references: [{ type: 'checkov', id: 'CKV_AZURE_44', url: 'https://example.test/ckv' }, { type: 'cis', id: '3.15' }],
          },
          examples: { mustFlag: ['x'], mustNotFlag: ['y'] },
        },
        { meta: { id: 'IAC-TF-A', title: 'First', severity: 'low', confidence: 'high', category: 'iac', description: 'D.', remediation: 'R.' }, examples: { mustFlag: ['x'], mustNotFlag: ['y'] } },
      ],
    };
    const docs = generateRuleDocs([family as RuleFamily<unknown>]);
    expect([...docs.keys()]).toEqual(['index.md', 'example.md']);
    expect(docs.get('index.md')).toContain('2 rules in 1 family.');
    expect(docs.get('index.md')).toContain('| [Example family](example.md) | Infrastructure as code | 2 |');
    const page = docs.get('example.md')!;
    expect(page).toContain('| Id | Title | Severity | CWE |\n| --- | --- | --- | --- |\n| [IAC-TF-A](#iac-tf-a) | First | low |  |\n| [IAC-TF-B](#iac-tf-b) | Pipe \\| in title | high | CWE-326 |\n');
    expect(page).toContain(
      '### IAC-TF-B\n\n**Pipe | in title**\n\n**Severity:** high · **Confidence:** medium · **Category:** iac · **CWE:** CWE-326\n\nTwo lines.\n\n' +
        '**Remediation:** Fix it.\n\n```\nmin_tls_version = "TLS1_2"\n```\n\n**References:** [checkov: CKV_AZURE_44](https://example.test/ckv), cis: 3.15\n\n**More:** <https://example.test/b>\n',
    );
    expect(page.endsWith('\n')).toBe(true);
  });
});
