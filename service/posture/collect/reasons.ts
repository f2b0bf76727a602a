// Why an area or an object could not be collected: an error from the ADO client -> Unavailable.
// ADO answers a PAT without the scope of an area with a 401 (what public tools report) or a 403 whose
// message names the token; the credential itself was accepted by connectionData before any area is
// read, so such an answer means the scope is missing, and scopes.ts names it.
import { scopeForPath } from '../../ado/scopes';
import { AdoError } from '../../ado/types';
import type { Unavailable } from '../snapshot';

const MAX_TEXT = 600;
const TOKEN_WORDING = /personal access token|\bPAT\b|\bscope/i;

/** ADO's own message inside our error text: errors.ts writes "(HTTP nnn: <message>). <our hint>". */
function adoMessageOf(err: AdoError): string {
  const start = err.message.search(/HTTP \d{3}: /);
  if (start < 0) return '';
  const end = err.message.lastIndexOf('). ');
  return err.message.slice(start + 10, end > start ? end : undefined);
}

export function unavailableFrom(err: unknown): Unavailable {
  if (!(err instanceof AdoError)) {
    const text = err instanceof Error ? err.message : String(err);
    return { code: 'error', text: `Collection failed: ${text}`.slice(0, MAX_TEXT) };
  }
  const hint = err.path ? scopeForPath(err.path) : null;
  const text = err.message.slice(0, MAX_TEXT);
  const status = err.status;
  const withScope = hint ? { scope: hint.scope, scopeLabel: hint.label } : {};
  switch (err.kind) {
    case 'auth':
      // A 203 sign-in page stays an error: the credential itself is in doubt.
      if (status === 401 && hint) {
        return { code: 'missing-scope', text: `The credential was refused for this area (HTTP 401): it probably lacks the "${hint.label}" scope (${hint.scope}).`, status, ...withScope };
      }
      return { code: 'error', text, status };
    case 'forbidden':
      if (hint && TOKEN_WORDING.test(adoMessageOf(err))) return { code: 'missing-scope', text, status, ...withScope };
      return { code: 'forbidden', text, status, ...withScope };
    case 'not-found':
      return { code: 'not-found', text, status };
    default:
      return { code: 'error', text, status };
  }
}

/** A reason for objects skipped because what they depend on was not available. */
export function dependsOn(what: string, reason: Unavailable): Unavailable {
  return { ...reason, text: `Needs ${what}, which could not be read: ${reason.text}`.slice(0, MAX_TEXT) };
}
