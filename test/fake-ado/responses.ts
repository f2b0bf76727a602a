// Answers in ADO's own shapes: error JSON, the 203 sign-in page trap, the 401, throttling headers
// (docs/ado-rest.md §0 and §14, ado-samples/http-ratelimit-and-auth-responses-synth.json).
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';

export interface AdoErrorSpec {
  message: string;
  typeKey: string;
  /** Defaults to a Microsoft.TeamFoundation name built from typeKey. */
  typeName?: string;
}

export function sendAdoError(res: Response, status: number, spec: AdoErrorSpec): void {
  res
    .status(status)
    .type('application/json; charset=utf-8')
    .send(
      JSON.stringify({
        $id: '1',
        innerException: null,
        message: spec.message,
        typeName: spec.typeName ?? `Microsoft.TeamFoundation.Framework.Server.${spec.typeKey}, Microsoft.TeamFoundation.Framework.Server`,
        typeKey: spec.typeKey,
        errorCode: 0,
        eventId: 3000,
      }),
    );
}

/** What ADO answers a bad credential when the client did NOT send X-TFS-FedAuthRedirect: Suppress. */
export function sendSignInPage(res: Response): void {
  res
    .status(203)
    .type('text/html; charset=utf-8')
    .send(
      '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Azure DevOps Services | Sign In</title></head>' +
        '<body><div id="signin">Sign in to your account</div>' +
        '<script>window.location.href="https://login.microsoftonline.com/common/oauth2/authorize";</script></body></html>\n',
    );
}

/** What ADO answers a bad credential when the client sent X-TFS-FedAuthRedirect: Suppress. */
export function sendUnauthorized(res: Response, realm: string): void {
  const message = "TF400813: The user '' is not authorized to access this resource.";
  res.setHeader('WWW-Authenticate', [`Bearer authorization_uri=https://login.microsoftonline.com/common`, `Basic realm="${realm}"`, 'TFS-Federated']);
  res.setHeader('X-TFS-FedAuthRedirect', 'Suppress');
  res.setHeader('X-TFS-ServiceError', encodeURIComponent(message));
  sendAdoError(res, 401, { message, typeKey: 'UnauthorizedRequestException' });
}

/** A PAT without the scope of the area it calls. */
export function sendMissingScope(res: Response): void {
  sendAdoError(res, 403, {
    message: 'TF400813: Access Denied: the personal access token used does not grant access to this resource.',
    typeKey: 'UnauthorizedRequestException',
  });
}

export function setRateLimitHeaders(res: Response, retryAfterSeconds: number, delaySeconds: string): void {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  res.setHeader('X-RateLimit-Resource', 'ATCPU');
  res.setHeader('X-RateLimit-Delay', delaySeconds);
  res.setHeader('X-RateLimit-Limit', '200');
  res.setHeader('X-RateLimit-Remaining', '0');
  res.setHeader('X-RateLimit-Reset', String(Math.floor(Date.now() / 1000) + 300));
}

export function sendThrottled(res: Response, retryAfterSeconds: number): void {
  setRateLimitHeaders(res, retryAfterSeconds, '0.000');
  sendAdoError(res, 429, {
    message:
      "TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource 'ATCPU' in namespace 'User'.",
    typeKey: 'RequestBlockedException',
  });
}

export function setCommonHeaders(res: Response): void {
  const id = randomUUID();
  res.setHeader('ActivityId', id);
  res.setHeader('X-TFS-Session', id);
  res.setHeader('X-VSS-E2EID', id);
}
