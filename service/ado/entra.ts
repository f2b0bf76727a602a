// Microsoft Entra ID access tokens for Azure DevOps, for a service principal: the OAuth 2.0 client
// credentials grant at {authority}/{tenant}/oauth2/v2.0/token, authenticated by a client secret or by a
// client assertion (a JWT signed with the certificate's private key). Tokens are cached per tenant,
// client and secret until 5 minutes before they expire. Knows HTTP and Entra only.
// https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
// https://learn.microsoft.com/entra/identity-platform/certificate-credentials
import { createHash, createPrivateKey, randomUUID, X509Certificate, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describeError, readTextCapped } from './http-body';

/** Azure DevOps' resource id, the same in every tenant; `.default`: the permissions the principal has in ADO. */
export const AZURE_DEVOPS_SCOPE = '499b84ac-1321-427f-aa17-267ca6975798/.default';
export const DEFAULT_ENTRA_AUTHORITY = 'https://login.microsoftonline.com';
/** A token is renewed this long before it expires, so no request leaves with one about to lapse. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** How long a client assertion is valid (Entra refuses long-lived ones; MSAL uses 10 minutes). */
const ASSERTION_LIFETIME_SECONDS = 10 * 60;
const DEFAULT_TIMEOUT_MS = 30_000;
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** An app registration's identity in a tenant and its one secret: a client secret or a certificate. */
export interface ServicePrincipal {
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  /** PEM holding the certificate and its (unencrypted) RSA private key. */
  certificatePem?: string;
}

export type EntraErrorKind =
  | 'invalid-secret' // AADSTS7000215, AADSTS7000222
  | 'invalid-certificate' // the assertion was refused, or the PEM cannot sign one
  | 'app-not-found' // AADSTS700016
  | 'tenant-not-found' // AADSTS90002
  | 'rejected' // any other refusal
  | 'network'
  | 'bad-response';

export class EntraError extends Error {
  constructor(
    readonly kind: EntraErrorKind,
    message: string,
    /** AADSTS code of Entra's answer, when it gave one: 'AADSTS7000215'. */
    readonly aadCode?: string,
  ) {
    super(message);
    this.name = 'EntraError';
  }
}

export interface EntraTokensOptions {
  /** Default https://login.microsoftonline.com (VIGIL_ENTRA_AUTHORITY). */
  authority?: string;
  fetchImpl?: typeof fetch;
  /** Clock, injected by tests. */
  now?: () => number;
  /** Per token request. Default 30 s. */
  timeoutMs?: number;
}

interface CachedToken {
  accessToken: string;
  expiresAtMs: number;
}

/** The token endpoint of a tenant. */
export const tokenEndpoint = (authority: string, tenantId: string): string => `${authority.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;

/** Access tokens for Azure DevOps, one cache for every principal of the process. */
export class EntraTokens {
  readonly authority: string;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly cache = new Map<string, CachedToken>();
  /** Requests in flight, so concurrent callers of one principal share one token request. */
  private readonly pending = new Map<string, Promise<CachedToken>>();

  constructor(opts: EntraTokensOptions = {}) {
    this.authority = (opts.authority ?? DEFAULT_ENTRA_AUTHORITY).replace(/\/+$/, '');
    this.fetchImpl = opts.fetchImpl ?? fetch;
    this.now = opts.now ?? Date.now;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** A valid access token for Azure DevOps: the cached one, or a new one when it is within 5 minutes of expiry. */
  async accessToken(principal: ServicePrincipal): Promise<string> {
    const key = cacheKey(principal);
    const cached = this.cache.get(key);
    if (cached && this.now() < cached.expiresAtMs - REFRESH_MARGIN_MS) return cached.accessToken;
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.requestToken(principal).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    const token = await pending;
    this.cache.set(key, token);
    return token.accessToken;
  }

  private async requestToken(principal: ServicePrincipal): Promise<CachedToken> {
    const endpoint = tokenEndpoint(this.authority, principal.tenantId);
    const form = new URLSearchParams({ client_id: principal.clientId, scope: AZURE_DEVOPS_SCOPE, grant_type: 'client_credentials' });
    if (principal.certificatePem) {
      form.set('client_assertion_type', JWT_BEARER);
      form.set('client_assertion', clientAssertion(principal.clientId, principal.certificatePem, endpoint, Math.floor(this.now() / 1000)));
    } else if (principal.clientSecret) {
      form.set('client_secret', principal.clientSecret);
    } else {
      throw new EntraError('invalid-secret', 'The service principal has neither a client secret nor a certificate');
    }
    const requestedAt = this.now();
    let res: Response;
    try {
      res = await this.fetchImpl(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new EntraError('network', `Could not reach Microsoft Entra ID at ${this.authority} to get a token: ${describeError(err)}`);
    }
    let body: unknown;
    try {
      const text = await readTextCapped(res);
      body = JSON.parse(text);
    } catch {
      throw new EntraError('bad-response', `Microsoft Entra ID answered HTTP ${res.status} without a readable JSON body (is VIGIL_ENTRA_AUTHORITY ${this.authority} right?)`);
    }
    if (!res.ok) throw entraErrorOf(res.status, body, principal);
    const { access_token: accessToken, expires_in: expiresIn } = (body ?? {}) as { access_token?: unknown; expires_in?: unknown };
    const seconds = typeof expiresIn === 'string' ? Number(expiresIn) : expiresIn;
    if (typeof accessToken !== 'string' || accessToken === '' || /[\r\n]/.test(accessToken) || typeof seconds !== 'number' || !(seconds > 0)) {
      throw new EntraError('bad-response', 'Microsoft Entra ID answered without an access token and its lifetime');
    }
    // From when it was asked for: the token may have been issued just before the answer travelled.
    return { accessToken, expiresAtMs: requestedAt + seconds * 1000 };
  }
}

/** Secret material is part of the key: a principal reconnected with a new secret does not reuse the old one's token. */
function cacheKey(p: ServicePrincipal): string {
  return createHash('sha256')
    .update(`${p.tenantId.toLowerCase()}\n${p.clientId.toLowerCase()}\n${p.clientSecret ?? ''}\n${p.certificatePem ?? ''}`)
    .digest('hex');
}

/** The first line of Entra's error description ('AADSTS7000215: Invalid client secret provided...'); the rest are trace ids. */
function entraErrorOf(status: number, body: unknown, principal: ServicePrincipal): EntraError {
  const { error, error_description: description } = (body ?? {}) as { error?: unknown; error_description?: unknown };
  const said = typeof description === 'string' ? description.split(/\r?\n/)[0].slice(0, 500) : typeof error === 'string' ? error : `HTTP ${status}`;
  const aadCode = /\b(AADSTS\d+)\b/.exec(said)?.[1];
  const make = (kind: EntraErrorKind, message: string) => new EntraError(kind, `${message}. Microsoft Entra ID said: ${said}`, aadCode);
  switch (aadCode) {
    case 'AADSTS7000215':
    case 'AADSTS7000222':
      return make('invalid-secret', 'The client secret is wrong or expired (give the secret’s value, not its id)');
    case 'AADSTS700016':
      return make('app-not-found', `No application with client id ${principal.clientId} in tenant ${principal.tenantId}: check the Application (client) ID and that the app is registered in that tenant`);
    case 'AADSTS90002':
      return make('tenant-not-found', `Tenant ${principal.tenantId} was not found: check the Directory (tenant) ID`);
    case 'AADSTS700027':
    case 'AADSTS700024':
    case 'AADSTS700023':
    case 'AADSTS50027':
      if (principal.certificatePem) return make('invalid-certificate', 'Microsoft Entra ID refused the certificate: upload this certificate to the app registration (Certificates & secrets), or check that it has not expired');
  }
  return make('rejected', `Microsoft Entra ID refused a token for application ${principal.clientId} (HTTP ${status})`);
}

const base64url = (buf: Buffer) => buf.toString('base64url');

export interface ParsedCertificate {
  certificate: X509Certificate;
  privateKey: KeyObject;
}

/** The certificate and its RSA private key from one PEM (either order; the key unencrypted, PKCS#8 or PKCS#1). */
export function parseCertificatePem(pem: string): ParsedCertificate {
  const certBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  const keyBlock = /-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END \1?PRIVATE KEY-----/.exec(pem);
  if (!certBlock) throw new EntraError('invalid-certificate', 'The PEM holds no certificate (-----BEGIN CERTIFICATE-----)');
  if (!keyBlock) throw new EntraError('invalid-certificate', 'The PEM holds no private key (-----BEGIN PRIVATE KEY-----): give the certificate and its private key together');
  if (keyBlock[1] === 'ENCRYPTED ') throw new EntraError('invalid-certificate', 'The private key is encrypted: give it without a passphrase (it is stored encrypted)');
  let certificate: X509Certificate;
  let privateKey: KeyObject;
  try {
    certificate = new X509Certificate(certBlock);
  } catch (err) {
    throw new EntraError('invalid-certificate', `The certificate cannot be read: ${(err as Error).message}`);
  }
  try {
    privateKey = createPrivateKey(keyBlock[0]);
  } catch (err) {
    throw new EntraError('invalid-certificate', `The private key cannot be read: ${(err as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'rsa') throw new EntraError('invalid-certificate', `The key is ${privateKey.asymmetricKeyType}: Microsoft Entra ID needs an RSA certificate`);
  if (!certificate.checkPrivateKey(privateKey)) throw new EntraError('invalid-certificate', 'The private key does not belong to the certificate');
  return { certificate, privateKey };
}

/**
 * The client assertion for `clientId`: RS256 over {aud: token endpoint, iss = sub = clientId, jti,
 * nbf, exp: 10 minutes on}, with the certificate's SHA-256 (x5t#S256) and SHA-1 (x5t) thumbprints in
 * the header so Entra knows which of the app's certificates signed it.
 */
export function clientAssertion(clientId: string, certificatePem: string, audience: string, nowSeconds: number): string {
  const { certificate, privateKey } = parseCertificatePem(certificatePem);
  const header = {
    alg: 'RS256',
    typ: 'JWT',
    'x5t#S256': base64url(createHash('sha256').update(certificate.raw).digest()),
    x5t: base64url(createHash('sha1').update(certificate.raw).digest()),
  };
  const claims = { aud: audience, iss: clientId, sub: clientId, jti: randomUUID(), nbf: nowSeconds, iat: nowSeconds, exp: nowSeconds + ASSERTION_LIFETIME_SECONDS };
  return jwt.sign(claims, privateKey, { algorithm: 'RS256', header: header as jwt.JwtHeader, noTimestamp: true });
}
