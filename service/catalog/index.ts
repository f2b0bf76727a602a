// The catalog of every rule, control and check Vigil has, across families: the engine's scanner
// families today; posture/ and compliance/ add theirs here. The engine knows only its own families.
// docs/rules/ is generated from it (docs.ts), and one generic test replays every family's examples.
// (SARIF lists the rules of the scanners that ran, from the engine: engine/sarif.ts rulesThatRan.)
import type { RuleMeta } from '../contract/model';
import { engineFamilies } from '../engine/registry';
import type { RuleFamily } from '../engine/types';
import { makeComplianceFamily } from '../compliance/family';
import { makePostureFamily } from '../posture/family';

export const catalogFamilies: readonly RuleFamily<unknown>[] = [...engineFamilies, makePostureFamily() as RuleFamily<unknown>, makeComplianceFamily() as RuleFamily<unknown>];

/** Every rule's metadata, in catalog order. */
export function catalogRules(): RuleMeta[] {
  return catalogFamilies.flatMap((family) => family.units.map((u) => u.meta));
}
