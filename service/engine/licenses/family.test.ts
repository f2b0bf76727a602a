// The license family's examples, replayed here as the catalog test does (it replays them too, once
// the family is registered), so a failing example names its rule in this folder's tests.
import { licenseRuleFamily } from './family';
import { scanExample } from '../deps/risk/example-scan';
import { licensesScanner } from './scanner';

describe.each(licenseRuleFamily.units.map((u) => [u.meta.id, u] as const))('%s', (_id, unit) => {
  const kinds = [
    ['mustFlag', (o: string) => o === 'fail'],
    ['mustNotFlag', (o: string) => o === 'pass' || o === 'not-applicable'],
    ['notAvailable', (o: string) => o === 'not-available'],
  ] as const;
  for (const [kind, ok] of kinds) {
    const inputs = unit.examples[kind] ?? [];
    if (inputs.length === 0) continue;
    it.each(inputs.map((input, i) => [i + 1, input] as const))(`${kind} #%d`, async (_i, input) => {
      const got = await licenseRuleFamily.evaluate(unit, input);
      expect({ outcome: got.outcome, ok: ok(got.outcome) }).toEqual({ outcome: got.outcome, ok: true });
    });
  }
});

it('gives every example at least one package through the real extractors', async () => {
  const empty: string[] = [];
  for (const unit of licenseRuleFamily.units) {
    for (const input of [...unit.examples.mustFlag, ...unit.examples.mustNotFlag, ...(unit.examples.notAvailable ?? [])]) {
      const result = await scanExample(licensesScanner, input);
      if (result.findings.length + result.results.length === 0) empty.push(`${unit.meta.id}: ${input.slice(0, 120)}`);
    }
  }
  expect(empty).toEqual([]);
});
