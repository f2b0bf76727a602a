// The posture controls as a catalog family: the generic rule test replays every control's example
// snapshots through the same path an assessment takes (area check, then the control).
import type { RuleFamily } from '../engine/types';
import { controlResults } from './assess';
import { overallOutcome, type Control } from './controls/control';
import { postureControls } from './controls';
import type { OrgSnapshot } from './snapshot';

export function makePostureFamily(controls: readonly Control[] = postureControls): RuleFamily<OrgSnapshot> {
  const byId = new Map(controls.map((c) => [c.meta.id, c]));
  return {
    name: 'posture',
    title: 'DevOps posture',
    category: 'posture',
    units: controls.map((c) => ({ meta: c.meta, examples: c.examples })),
    evaluate(unit, snapshot) {
      const control = byId.get(unit.meta.id);
      if (!control) throw new Error(`no control ${unit.meta.id}`);
      return overallOutcome(controlResults(control, snapshot));
    },
  };
}
