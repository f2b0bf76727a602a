// The catalog of every rule, control and check Vigil has, across families: the engine's scanner
// families today; posture/ and compliance/ add theirs here. The engine knows only its own families.
// Docs (docs/rules/), the SARIF driver and the hub read rule metadata from here.
import type { RuleMeta } from '../contract/model';
import { engineFamilies } from '../engine/registry';
import type { RuleFamily } from '../engine/types';

export const catalogFamilies: readonly RuleFamily<unknown>[] = [...engineFamilies];

let byId: Map<string, RuleMeta> | undefined;

/** Every rule's metadata, in catalog order. */
export function catalogRules(): RuleMeta[] {
  return catalogFamilies.flatMap((family) => family.units.map((u) => u.meta));
}

/** One rule's metadata by id. */
export function findRule(id: string): RuleMeta | undefined {
  byId ??= new Map(catalogRules().map((m) => [m.id, m]));
  return byId.get(id);
}
