// The pure rules of the Posture tab (no React, no SDK): outcome words, reference text, what changed in
// a scope, and the exemption form (reasons and default expiry are the contract's).
import type { CreateExemptionRequest, PostureAreaStatus, PostureChange, PostureControlDto, PostureResultDto } from '../../../service/contract/api';
import type { Reference } from '../../../service/contract/model';
import {
  EXEMPTION_DEFAULT_DAYS,
  EXEMPTION_MAX_DAYS,
  EXEMPTION_REASON_INFO,
  type ExemptionReason,
  POSTURE_CONTROL_OUTCOMES,
  type PostureControlOutcome,
  SEVERITIES,
  type Severity,
} from '../../../service/contract/vocabulary';
import { ApiError } from '../api';
import { localDay } from '../format';

export const CONTROL_OUTCOME_LABELS: Record<PostureControlOutcome, string> = {
  fail: 'Failing',
  exempted: 'Exempted',
  'not-available': 'Not available',
  pass: 'Passing',
  'not-applicable': 'Not applicable',
};

/** What each verdict means, for the pill's tooltip. */
export const CONTROL_OUTCOME_DESCRIPTIONS: Record<PostureControlOutcome, string> = {
  fail: 'At least one object fails this control.',
  exempted: 'It fails only on objects an administrator exempted.',
  'not-available': 'Vigil could not read what this control needs; it is neither passing nor failing.',
  pass: 'Every object it judged passes.',
  'not-applicable': 'Nothing in scope that this control applies to.',
};

export function exemptionReasonLabel(reason: string): string {
  return EXEMPTION_REASON_INFO[reason as ExemptionReason]?.label ?? reason;
}

const REFERENCE_PREFIX: Partial<Record<Reference['type'], string>> = {
  defender: 'Defender',
  azsk: 'AzSK',
  'owasp-cicd': 'OWASP',
  cis: 'CIS',
  legitify: 'legitify',
  scorecard: 'Scorecard',
};

/** "Defender 1a2b…", "AzSK ADO_Project_AuthN_…", "OWASP CICD-SEC-2". */
export function referenceText(ref: Reference): string {
  const prefix = REFERENCE_PREFIX[ref.type];
  return prefix && !ref.id.startsWith(prefix) ? `${prefix} ${ref.id}` : ref.id;
}

/** Catalog order for a short list: Defender first (the recommendations users know), then OWASP, AzSK, others. */
export function orderedReferences(refs: readonly Reference[]): Reference[] {
  const rank = (r: Reference) => ['defender', 'owasp-cicd', 'azsk', 'cis'].indexOf(r.type);
  const key = (r: Reference) => (rank(r) < 0 ? 99 : rank(r));
  return [...refs].sort((a, b) => key(a) - key(b));
}

/** Failing objects of a control in the list: open ones, and how many more are exempted. */
export function failingText(control: Pick<PostureControlDto, 'counts'>): { main: string; extra?: string } {
  const { fail, exempted, notAvailable } = control.counts;
  const extra = [exempted ? `${exempted} exempted` : '', notAvailable ? `${notAvailable} not available` : ''].filter(Boolean).join(' · ');
  return { main: fail ? String(fail) : '—', extra: extra || undefined };
}

/** What needs attention first: failing before exempted, not available, passing, not applicable; then severity, then most failing objects. */
export function byAttention(a: PostureControlDto, b: PostureControlDto): number {
  return (
    POSTURE_CONTROL_OUTCOMES.indexOf(a.outcome) - POSTURE_CONTROL_OUTCOMES.indexOf(b.outcome) ||
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    b.counts.fail - a.counts.fail ||
    a.id.localeCompare(b.id)
  );
}

/** The changes that concern a project (organization-wide objects belong to none). */
export function changesInScope(changes: readonly PostureChange[], project: string | undefined): PostureChange[] {
  return project ? changes.filter((c) => c.object.project?.id === project || (c.object.objectKind === 'project' && c.object.id === project)) : [...changes];
}

/** "Add Audit Log (Read) (vso.auditlog) to the PAT", or the reason text when no scope is to blame. */
export function areaProblemText(status: PostureAreaStatus): string {
  if (status.missingScope) return `the PAT lacks ${status.missingScope.label} (${status.missingScope.scope})`;
  return status.reason?.text ?? 'it could not be read';
}

/** The ADO page where a result's object (or its setting) is changed. */
export function fixUrl(result: Pick<PostureResultDto, 'webUrl' | 'object'>): string | undefined {
  return result.webUrl ?? result.object.url;
}

// ---- The exemption form --------------------------------------------------------------------------

export interface ExemptionFormValues {
  reason?: ExemptionReason;
  comment: string;
  /** YYYY-MM-DD. */
  expires: string;
}
export type ExemptionFormErrors = Partial<Record<'reason' | 'comment' | 'expires', string>>;

export const MAX_EXEMPTION_COMMENT = 1000;
const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today plus a number of days, as a local YYYY-MM-DD. */
export function dayAfter(now: number, days: number): string {
  const d = new Date(now);
  d.setDate(d.getDate() + days);
  return localDay(d.getTime());
}

/** The expiry the form starts with: the severity ladder (critical 7 days ... low 90). */
export function defaultExpiry(severity: Severity, now: number = Date.now()): string {
  return dayAfter(now, EXEMPTION_DEFAULT_DAYS[severity]);
}

export function validateExemptionForm(values: ExemptionFormValues, now: number = Date.now()): ExemptionFormErrors {
  const errors: ExemptionFormErrors = {};
  if (!values.reason) errors.reason = 'Choose a reason.';
  if (values.comment.trim().length > MAX_EXEMPTION_COMMENT) errors.comment = `Keep the comment under ${MAX_EXEMPTION_COMMENT} characters.`;
  const expires = values.expires.trim();
  if (!expires) errors.expires = 'Choose the day the exemption ends.';
  else if (!DAY.test(expires) || Number.isNaN(Date.parse(expires))) errors.expires = 'Enter a date as YYYY-MM-DD.';
  else if (expires < localDay(now)) errors.expires = 'The expiry date cannot be in the past.';
  else if (expires > dayAfter(now, EXEMPTION_MAX_DAYS)) errors.expires = `An exemption holds at most ${EXEMPTION_MAX_DAYS} days; renew it when it ends.`;
  return errors;
}

export function exemptionRequest(controlId: string, subjectKey: string, values: ExemptionFormValues): CreateExemptionRequest {
  const comment = values.comment.trim();
  return { controlId, subjectKey, reason: values.reason!, ...(comment ? { comment } : {}), expires: values.expires.trim() };
}

/** Field messages of a 400 problem+json for the form's fields. */
export function exemptionFieldErrors(error: unknown): ExemptionFormErrors {
  const out: ExemptionFormErrors = {};
  if (!(error instanceof ApiError) || !error.problem?.errors) return out;
  for (const e of error.problem.errors) {
    const field = e.path.split('.')[0];
    if (field === 'reason' || field === 'comment' || field === 'expires') out[field] = out[field] ?? e.message;
  }
  return out;
}

/** Days from today to an expiry day (0: ends today). */
export function daysUntil(ymd: string, now: number = Date.now()): number {
  const [y, m, d] = ymd.split('-').map(Number);
  const end = new Date(y, m - 1, d).getTime();
  const today = new Date(localDay(now) + 'T00:00:00').getTime();
  return Math.round((end - today) / DAY_MS);
}
