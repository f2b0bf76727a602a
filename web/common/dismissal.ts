// The pure rules of the dismiss form and of who can dismiss what (no React, no SDK). The reasons and
// their labels are the contract's (DISMISSAL_REASONS, DISMISSAL_REASON_INFO).
import type { DismissRequest, FindingDto, FindingLocationDto } from '../../service/contract/api';
import { DISMISSAL_REASON_INFO, type DismissalReason } from '../../service/contract/vocabulary';
import { ApiError } from './api';
import { locationsOf } from './locations';

export function dismissalReasonLabel(reason: string): string {
  return DISMISSAL_REASON_INFO[reason as DismissalReason]?.label ?? reason;
}

/** A dismissal that still applies (an expired one reopened the alert). */
export function activeDismissal(f: FindingDto): FindingDto['dismissal'] {
  return f.dismissal && !f.dismissal.expired ? f.dismissal : undefined;
}

/** Locations a dismissal changes: the service leaves fixed ones fixed. */
export function dismissibleLocations(f: FindingDto): FindingLocationDto[] {
  return locationsOf(f).filter((l) => l.state === 'open' || l.state === 'suppressed');
}

/** An alert can be dismissed while some location is still open and no dismissal applies. */
export function canBeDismissed(f: FindingDto): boolean {
  return !activeDismissal(f) && locationsOf(f).some((l) => l.state === 'open');
}

export interface DismissFormValues {
  reason?: DismissalReason;
  comment: string;
  /** YYYY-MM-DD or "". */
  expires: string;
}

export type DismissFormErrors = Partial<Record<'reason' | 'comment' | 'expires', string>>;

export const MAX_COMMENT_LENGTH = 1000;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with the form before it is sent; `today` is the local YYYY-MM-DD. */
export function validateDismissForm(values: DismissFormValues, today: string): DismissFormErrors {
  const errors: DismissFormErrors = {};
  if (!values.reason) errors.reason = 'Choose a reason.';
  if (values.comment.trim().length > MAX_COMMENT_LENGTH) errors.comment = `Keep the comment under ${MAX_COMMENT_LENGTH} characters.`;
  const expires = values.expires.trim();
  if (expires) {
    if (!DAY.test(expires) || Number.isNaN(Date.parse(expires))) errors.expires = 'Enter a date as YYYY-MM-DD.';
    else if (expires < today) errors.expires = 'The expiry date cannot be in the past.';
  }
  return errors;
}

/** The request body: empty comment and expiry are left out. Call after validateDismissForm passed. */
export function dismissRequest(values: DismissFormValues): DismissRequest {
  const comment = values.comment.trim();
  const expires = values.expires.trim();
  return {
    reason: values.reason!,
    ...(comment ? { comment } : {}),
    ...(expires ? { expires } : {}),
  };
}

/** Field messages of a 400 problem+json (errors[{path, message}]) for the form's fields. */
export function fieldErrorsOf(error: unknown): DismissFormErrors {
  const out: DismissFormErrors = {};
  if (!(error instanceof ApiError) || !error.problem?.errors) return out;
  for (const e of error.problem.errors) {
    const field = e.path.split('.')[0];
    if (field === 'reason' || field === 'comment' || field === 'expires') out[field] = out[field] ?? e.message;
  }
  return out;
}
