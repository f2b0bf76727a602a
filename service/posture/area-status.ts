// A snapshot's areas in the contract's words (PostureAreaStatus): available, partial (some lists
// failed) or not available with the reason and, when it is one, the PAT scope to add. Pure.
import type { PostureAreaStatus } from '../contract/api';
import type { Reason } from '../contract/model';
import { POSTURE_AREA_LABELS } from '../contract/vocabulary';
import { AREA_NAMES, type OrgSnapshot, type Unavailable } from './snapshot';

const reasonOf = (u: Unavailable): Reason => ({ code: u.code, text: u.text });
const scopeOf = (u: Unavailable) => (u.scope && (u.code === 'missing-scope' || u.code === 'forbidden') ? { scope: u.scope, label: u.scopeLabel ?? u.scope } : undefined);

export function postureAreaStatuses(snapshot: OrgSnapshot): PostureAreaStatus[] {
  return AREA_NAMES.map((area) => {
    const status = snapshot.areas[area];
    const label = POSTURE_AREA_LABELS[area];
    if (!status) return { area, label, state: 'not-available', reason: { code: 'error', text: `The ${label} area was not collected.` } };
    if (status.state === 'not-available') {
      const missingScope = scopeOf(status.reason);
      return { area, label, state: 'not-available', reason: reasonOf(status.reason), ...(missingScope ? { missingScope } : {}) };
    }
    if (status.partialFailures?.length) {
      const missingScope = status.partialFailures.map((p) => scopeOf(p.reason)).find(Boolean);
      return {
        area,
        label,
        state: 'partial',
        partialFailures: status.partialFailures.slice(0, 50).map((p) => ({ what: p.what, reason: reasonOf(p.reason) })),
        ...(missingScope ? { missingScope } : {}),
      };
    }
    return { area, label, state: 'available' };
  });
}
