// The secret rules as a RuleFamily: the catalog's generic test replays every rule's examples.
import type { RuleFamily } from '../types';
import type { SecretRule } from './rule';
import { ruleMeta, type SecretScanner } from './scanner';

export function makeSecretRuleFamily(rules: readonly SecretRule[], scanner: SecretScanner): RuleFamily<string> {
  const byId = new Map(rules.map((r) => [r.id, r]));
  return {
    name: 'secrets',
    title: 'Secrets',
    category: 'secret',
    units: rules.map((rule) => ({ meta: ruleMeta(rule), examples: rule.examples })),
    evaluate(unit, input) {
      const path = byId.get(unit.meta.id)?.examplePath ?? 'example.txt';
      const findings = scanner.scan(
        { path, size: Buffer.byteLength(input), content: Buffer.from(input, 'utf8') },
        { options: { salt: 'examples' }, warn: () => undefined },
      );
      return { outcome: findings.some((f) => f.ruleId === unit.meta.id) ? 'fail' : 'pass' };
    },
  };
}
