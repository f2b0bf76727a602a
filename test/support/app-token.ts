// App tokens as Azure DevOps issues them to Vigil's pages (SDK.getAppToken()): HS256 with the
// extension's secret, for one user, valid about 70 minutes from now. One signer for the stack, the
// fake host frame and the tests that bend a claim (another audience, none, a longer life, expired).
import jwt from 'jsonwebtoken';

/** The issuer of Marketplace app tokens. */
export const APP_TOKEN_ISSUER = 'app.vstoken.visualstudio.com';
/** The dev package's full id (publisher.extension), one of the audiences the service accepts by default. */
export const DEV_AUDIENCE = 'vigil-security.vigil-dev';
/** What Azure DevOps issues: about 70 minutes. */
export const APP_TOKEN_LIFETIME_S = 70 * 60;

export interface AppTokenOptions {
  /** The token's `aud` (default DEV_AUDIENCE); null: no audience at all. */
  audience?: string | null;
  /** From now to its expiry (default APP_TOKEN_LIFETIME_S); negative: already expired. */
  expiresInSeconds?: number;
}

export function signAppToken(secret: string, userId: string, opts: AppTokenOptions = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const audience = opts.audience === undefined ? DEV_AUDIENCE : opts.audience;
  return jwt.sign(
    { nameid: userId, tid: '00000000-0000-0000-0000-000000000001', nbf: now, iat: now, exp: now + (opts.expiresInSeconds ?? APP_TOKEN_LIFETIME_S) },
    secret,
    { algorithm: 'HS256', issuer: APP_TOKEN_ISSUER, ...(audience === null ? {} : { audience }) },
  );
}
