// HTTP answers from Azure DevOps -> AdoError with a message a user can act on (ado-rest.md §0, §14).
import { scopeForPath } from './scopes';
import { AdoError, type AdoCredential } from './types';

const MAX_ADO_MESSAGE = 500;

/** ADO's error body: {$id, innerException, message, typeName, typeKey, errorCode, eventId}. */
export interface AdoErrorBody {
  message?: string;
  typeKey?: string;
}

export function parseAdoErrorBody(text: string): AdoErrorBody | null {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{')) return null;
  try {
    const body: unknown = JSON.parse(trimmed);
    if (body === null || typeof body !== 'object') return null;
    const { message, typeKey } = body as Record<string, unknown>;
    return {
      message: typeof message === 'string' ? message : undefined,
      typeKey: typeof typeKey === 'string' ? typeKey : undefined,
    };
  } catch {
    return null;
  }
}

/** TF401019, TF400813, VS800075...: ADO's own error code at the start of (or inside) a message. */
export function tfCodeOf(message: string | undefined): string | undefined {
  return message?.match(/\b(TF\d{5,6}|VS\d{6})\b/)?.[1];
}

function credentialProblem(kind: AdoCredential['kind']): string {
  if (kind === 'service-principal') return SERVICE_PRINCIPAL_NOT_A_USER;
  return kind === 'pat' ? 'the PAT is wrong, expired or revoked' : 'the access token is wrong, expired or not valid for this organization';
}

/** Why ADO refuses a token Entra ID issued: the principal is no user of the organization (or was removed). */
export const SERVICE_PRINCIPAL_NOT_A_USER =
  'the service principal got a token but is not a user of this organization: add it in Organization settings › Users';

/** A 203, an HTML page or a non-JSON body where JSON was expected: ADO's sign-in page. */
export function signInPageError(status: number, kind: AdoCredential['kind'], path: string): AdoError {
  return new AdoError(
    'auth',
    `Azure DevOps rejected the credential (HTTP ${status} sign-in page): ${credentialProblem(kind)}`,
    status,
    undefined,
    path,
  );
}

export interface ErrorContext {
  /** What was being done, as a verb phrase: 'list projects', 'download the zip of repository X'. */
  operation: string;
  /** Path relative to the organization (on its host), no query. */
  path: string;
  /** Default GET; writes may need another scope than reads of the same path. */
  method?: string;
  credentialKind: AdoCredential['kind'];
  /** Requests made, including retries. */
  attempts: number;
  /** A write that was not retried because it may have taken effect. */
  notRetried?: boolean;
}

/** Maps a non-2xx status (after retries) and its body to an AdoError. */
export function errorForStatus(status: number, bodyText: string, ctx: ErrorContext): AdoError {
  const body = parseAdoErrorBody(bodyText);
  const adoMessage = body?.message ? body.message.slice(0, MAX_ADO_MESSAGE) : undefined;
  const tfCode = tfCodeOf(adoMessage);
  const http = adoMessage ? `HTTP ${status}: ${adoMessage}` : `HTTP ${status}`;
  const make = (kind: AdoError['kind'], message: string) => new AdoError(kind, message, status, tfCode, ctx.path);

  if (status === 401) {
    return make(
      'auth',
      `Azure DevOps rejected the credential (${http}): ${credentialProblem(ctx.credentialKind)}, or an organization policy blocks it`,
    );
  }
  if (status === 403) {
    // A service principal has no scopes: only its permissions and access level limit it.
    const hint = scopeForPath(ctx.path, ctx.method);
    const why =
      ctx.credentialKind === 'service-principal'
        ? 'The service principal lacks the permission (no group of it grants it), or its access level (Stakeholder) does not allow it'
        : hint
          ? `The credential probably lacks the "${hint.label}" scope (${hint.scope}), or its identity lacks the permission`
          : 'The identity lacks the permission, or an organization policy blocks this credential';
    return make('forbidden', `Azure DevOps refused to ${ctx.operation} (${http}). ${why}`);
  }
  if (status === 404) {
    const hidden = tfCode === 'TF401019' ? ' (it does not exist, or the credential may not see it)' : '';
    return make('not-found', `Azure DevOps could not ${ctx.operation}: not found${hidden} (${http})`);
  }
  if (status === 429 && ctx.notRetried) {
    return make(
      'rate-limited',
      `Azure DevOps throttled the request to ${ctx.operation} (${http}); not retried, as it may have taken effect: check before trying again`,
    );
  }
  if (status === 429) {
    return make(
      'rate-limited',
      `Azure DevOps throttled every attempt to ${ctx.operation} (${ctx.attempts} attempts, ${http}); try again later`,
    );
  }
  if (status >= 500 && ctx.notRetried) {
    return make(
      'server',
      `Azure DevOps failed to ${ctx.operation} (${http}); not retried, as it may have taken effect: check before trying again`,
    );
  }
  if (status >= 500) {
    return make('server', `Azure DevOps failed every attempt to ${ctx.operation} (${ctx.attempts} attempts, ${http})`);
  }
  return make('bad-response', `Azure DevOps refused to ${ctx.operation} (${http})`);
}
