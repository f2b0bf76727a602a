// What only the pages add to the shared vocabulary (service/contract/vocabulary.ts): pill colours and
// the order the state filter offers.
import type { IColor } from 'azure-devops-ui/Utilities/Color';
import type { FindingState, Severity } from '../../service/contract/vocabulary';

/** Pill colours: dark enough for white text on critical/high, light for the rest. */
export const SEVERITY_COLORS: Record<Severity, IColor> = {
  critical: { red: 164, green: 38, blue: 44 },
  high: { red: 218, green: 59, blue: 1 },
  medium: { red: 251, green: 189, blue: 48 },
  low: { red: 199, green: 224, blue: 244 },
  info: { red: 234, green: 234, blue: 234 },
};

/** Filter order: what needs attention first. */
export const STATE_ORDER: readonly FindingState[] = ['open', 'dismissed', 'suppressed', 'fixed'];
