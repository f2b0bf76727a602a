import * as React from 'react';
import { Pill, PillSize, PillVariant } from 'azure-devops-ui/Pill';
import { CONFIDENCE_DESCRIPTIONS, CONFIDENCE_LABELS, type Confidence } from '../../service/contract/vocabulary';

export interface ConfidencePillProps {
  confidence: Confidence;
  size?: PillSize;
}

/** How sure the rule is: outlined, so it never competes with the severity pill beside it. */
export function ConfidencePill({ confidence, size = PillSize.compact }: ConfidencePillProps): JSX.Element {
  const label = CONFIDENCE_LABELS[confidence] ?? confidence;
  return (
    <span title={CONFIDENCE_DESCRIPTIONS[confidence]}>
      <Pill
        className={`vigil-confidence vigil-confidence-${confidence}`}
        variant={PillVariant.outlined}
        size={size}
        ariaLabel={`Confidence ${label}`}
      >
        {label}
      </Pill>
    </span>
  );
}
