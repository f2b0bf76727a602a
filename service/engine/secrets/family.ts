// The secret rules as a RuleFamily: the generic rule test replays every rule's examples.
import type { RuleFamily, RuleUnit } from '../types';
import type { SecretRule } from './rule';
import { SecretScanner } from './scanner';

export function ruleUnit(rule: SecretRule): RuleUnit<string> {
  return {
    meta: {
      id: rule.id,
      title: rule.title,
      severity: rule.severity,
      category: 'secret',
      description: rule.description,
      remediation: rule.remediation,
      ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
      cwe: ['CWE-798'],
    },
    examples: rule.examples,
  };
}

export function makeSecretRuleFamily(rules: readonly SecretRule[], scanner: SecretScanner): RuleFamily<string> {
  const byId = new Map(rules.map((r) => [r.id, r]));
  return {
    name: 'secrets',
    units: rules.map(ruleUnit),
    flags(unit, input) {
      const rule = byId.get(unit.meta.id);
      const path = rule?.examplePath ?? 'example.txt';
      const findings = scanner.scan(
        { path, size: Buffer.byteLength(input), content: Buffer.from(input, 'utf8') },
        { secretSalt: 'examples', warn: () => undefined },
      );
      return findings.some((f) => f.ruleId === unit.meta.id);
    },
  };
}
