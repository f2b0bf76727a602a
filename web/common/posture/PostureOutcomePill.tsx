import * as React from 'react';
import { Pill, PillSize, PillVariant } from 'azure-devops-ui/Pill';
import type { IColor } from 'azure-devops-ui/Utilities/Color';
import type { PostureControlOutcome } from '../../../service/contract/vocabulary';
import { CONTROL_OUTCOME_DESCRIPTIONS, CONTROL_OUTCOME_LABELS } from './posture';

/** Failing red, exempted amber, passing green; not available and not applicable stay grey outlines. */
const COLORS: Partial<Record<PostureControlOutcome, IColor>> = {
  fail: { red: 205, green: 74, blue: 69 },
  exempted: { red: 251, green: 189, blue: 48 },
  pass: { red: 85, green: 163, blue: 98 },
};

export function PostureOutcomePill({ outcome, label }: { outcome: PostureControlOutcome; label?: string }): JSX.Element {
  const color = COLORS[outcome];
  return (
    <span title={CONTROL_OUTCOME_DESCRIPTIONS[outcome]} className="vigil-posture-outcome-wrap">
      <Pill
        className={`vigil-posture-outcome vigil-posture-outcome-${outcome}`}
        color={color}
        variant={color ? PillVariant.colored : PillVariant.outlined}
        size={PillSize.compact}
        ariaLabel={`Outcome ${label ?? CONTROL_OUTCOME_LABELS[outcome]}`}
      >
        {label ?? CONTROL_OUTCOME_LABELS[outcome]}
      </Pill>
    </span>
  );
}
