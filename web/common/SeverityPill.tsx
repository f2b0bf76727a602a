import * as React from 'react';
import { Pill, PillSize, PillVariant } from 'azure-devops-ui/Pill';
import { SEVERITY_LABELS, type Severity } from '../../service/contract/vocabulary';
import { SEVERITY_COLORS } from './severity';

export interface SeverityPillProps {
  severity: Severity;
  /** Shown after the label, e.g. a count: "High 3". */
  suffix?: React.ReactNode;
  size?: PillSize;
}

export function SeverityPill({ severity, suffix, size = PillSize.compact }: SeverityPillProps): JSX.Element {
  return (
    <Pill
      className={`vigil-severity vigil-severity-${severity}`}
      color={SEVERITY_COLORS[severity]}
      variant={PillVariant.colored}
      size={size}
      ariaLabel={`Severity ${SEVERITY_LABELS[severity]}${suffix !== undefined ? ` ${String(suffix)}` : ''}`}
    >
      {SEVERITY_LABELS[severity]}
      {suffix !== undefined ? <span className="vigil-pill-suffix">{suffix}</span> : null}
    </Pill>
  );
}
