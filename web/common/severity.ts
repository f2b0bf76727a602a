// Severity and category vocabulary for display (web imports engine types as types only).
import type { IColor } from 'azure-devops-ui/Utilities/Color';
import type { Category, Severity } from '../../service/engine/types';
import type { FindingState } from '../../service/http/api-types';

/** Most severe first. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/** Pill colours: dark enough for white text on critical/high, light for the rest. */
export const SEVERITY_COLORS: Record<Severity, IColor> = {
  critical: { red: 164, green: 38, blue: 44 },
  high: { red: 218, green: 59, blue: 1 },
  medium: { red: 251, green: 189, blue: 48 },
  low: { red: 199, green: 224, blue: 244 },
  info: { red: 234, green: 234, blue: 234 },
};

export const CATEGORY_ORDER: readonly Category[] = ['secret', 'iac', 'code', 'dependency', 'license'];

export const CATEGORY_LABELS: Record<Category, string> = {
  secret: 'Secrets',
  iac: 'Infrastructure as code',
  code: 'Code',
  dependency: 'Dependencies',
  license: 'Licenses',
};

export const STATE_LABELS: Record<FindingState, string> = {
  open: 'Open',
  fixed: 'Fixed',
  dismissed: 'Dismissed',
  suppressed: 'Suppressed',
};

/** Filter order: what needs attention first. */
export const STATE_ORDER: readonly FindingState[] = ['open', 'dismissed', 'suppressed', 'fixed'];

export function isSeverity(value: string): value is Severity {
  return (SEVERITY_ORDER as readonly string[]).includes(value);
}
