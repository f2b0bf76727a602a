// The explicit list of scanners and rule families. Adding a scanner or family means adding it here;
// the generic rule test and docs/rules.md both walk these lists.
import { secretRuleFamily, secretsScanner } from './secrets';
import type { RuleFamily, RuleMeta, Scanner } from './types';

export const scanners: Scanner[] = [secretsScanner];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- families differ in their input type
export const ruleFamilies: RuleFamily<any>[] = [secretRuleFamily];

/** Every rule's metadata, in registry order. */
export function allRuleMetas(): RuleMeta[] {
  return ruleFamilies.flatMap((family) => family.units.map((u) => u.meta));
}
