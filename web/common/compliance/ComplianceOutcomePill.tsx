import * as React from 'react';
import { Pill, PillSize, PillVariant } from 'azure-devops-ui/Pill';
import type { IColor } from 'azure-devops-ui/Utilities/Color';
import { COMPLIANCE_OUTCOME_LABELS, type ComplianceOutcome } from '../../../service/contract/compliance-api';

/** Failing red, exempt amber, passing green; not available and not applicable stay grey outlines. */
const COLORS: Partial<Record<ComplianceOutcome, IColor>> = {
  fail: { red: 205, green: 74, blue: 69 },
  exempt: { red: 251, green: 189, blue: 48 },
  pass: { red: 85, green: 163, blue: 98 },
};

export const OUTCOME_DESCRIPTIONS: Record<ComplianceOutcome, string> = {
  pass: 'The evidence shows the check was met before the merge',
  fail: 'The evidence shows the check was not met before the merge',
  'not-applicable': 'Not a production branch, or closed before the testing start date',
  exempt: "Carries the organization's emergency label: listed for after-the-fact review",
  'not-available': 'The evidence is gone or could not be read (neither passed nor failed)',
};

export function ComplianceOutcomePill({ outcome, label }: { outcome: ComplianceOutcome; label?: string }): JSX.Element {
  const color = COLORS[outcome];
  const text = label ?? COMPLIANCE_OUTCOME_LABELS[outcome];
  return (
    <span title={OUTCOME_DESCRIPTIONS[outcome]} className="vigil-compliance-outcome-wrap">
      <Pill
        className={`vigil-compliance-outcome vigil-compliance-outcome-${outcome}`}
        color={color}
        variant={color ? PillVariant.colored : PillVariant.outlined}
        size={PillSize.compact}
        ariaLabel={`Outcome ${text}`}
      >
        {text}
      </Pill>
    </span>
  );
}
