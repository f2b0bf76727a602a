// Words and small helpers of the Compliance tab.
import { COMPLIANCE_CHECK_IDS, type ComplianceCheckId, type ComplianceOutcome } from '../../../service/contract/compliance-api';

/** Short column headings of the five checks (the full labels are in the contract). */
export const CHECK_SHORT_LABELS: Record<ComplianceCheckId, string> = {
  'CMP-BRANCH-APPROVAL': 'Branch',
  'CMP-PR-APPROVAL': 'Approval',
  'CMP-PR-SAST': 'SAST',
  'CMP-PR-TESTS': 'Tests',
  'CMP-PR-DEPENDENCIES': 'Dependencies',
};

export const PERIODS = ['30', '90', '180', 'start'] as const;
export type Period = (typeof PERIODS)[number];
export const PERIOD_LABELS: Record<Period, string> = { '30': '30 days', '90': '90 days', '180': '180 days', start: 'Since the start date' };

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The first day of a period ending today (UTC); undefined: the service's default, the start date. */
export function periodFrom(period: Period, now: number = Date.now()): string | undefined {
  return period === 'start' ? undefined : day(now - (Number(period) - 1) * DAY_MS);
}

export const passRateText = (rate: number | null): string => (rate === null ? '—' : `${Math.floor(rate * 1000) / 10}%`);

export const shortBranch = (ref: string): string => ref.replace(/^refs\/heads\//, '');

export const checkOrder = (id: ComplianceCheckId): number => COMPLIANCE_CHECK_IDS.indexOf(id);

export const countsText = (counts: Record<ComplianceOutcome, number>): string =>
  [
    `${counts.pass} passed`,
    `${counts.fail} failed`,
    ...(counts.exempt ? [`${counts.exempt} exempt`] : []),
    ...(counts['not-available'] ? [`${counts['not-available']} not available`] : []),
    ...(counts['not-applicable'] ? [`${counts['not-applicable']} not applicable`] : []),
  ].join(' · ');

/** Comma- or line-separated text to a clean list. */
export const splitList = (text: string): string[] =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
