// A fake Microsoft Entra ID token endpoint (login.microsoftonline.com), for the service principals of
// fixtures/orgs.json (`principals`): POST /{tenant}/oauth2/v2.0/token with the client credentials
// grant, authenticated by a client secret or a certificate's signed client assertion, answers an
// access token for Azure DevOps. Product code reaches it through VIGIL_ENTRA_AUTHORITY (the fake's
// base URL). The access tokens are JWTs the fake signs itself; the front door (middleware.ts) accepts
// them for the organizations where the principal was added as a user.
// Shapes: https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
import { createHash, randomBytes, randomUUID, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import jwt from 'jsonwebtoken';
import type { FakeContext } from '../context';
import type { CredentialDef, OrgDef } from '../model';

/** Azure DevOps' resource (application) id in every tenant. */
export const ADO_RESOURCE_ID = '499b84ac-1321-427f-aa17-267ca6975798';
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const TOKEN_LIFETIME_SECONDS = 3599;
/** The fake's own signing key for the access tokens it issues; new in every process. */
const SIGNING_KEY = randomBytes(32);

export interface PrincipalDef {
  handle: string;
  displayName: string;
  tenantId: string;
  clientId: string;
  secret: string;
  /** PEM of the certificate registered on the app (its public key checks client assertions). */
  certificate?: string;
  /** The certificate's private key: what the tests' client holds; the fake never uses it. */
  privateKey?: string;
  /** Organization name -> the identity key (orgs.json identities) the principal acts as there. Absent: not a user of it. */
  users: Record<string, string>;
}

const loaded = new Map<string, PrincipalDef[]>();

/** The fixture principals (orgs.json `principals`). */
export function loadPrincipals(fixturesDir: string = path.join(__dirname, '..', 'fixtures')): PrincipalDef[] {
  let principals = loaded.get(fixturesDir);
  if (!principals) {
    const raw = JSON.parse(readFileSync(path.join(fixturesDir, 'orgs.json'), 'utf8')) as { principals?: PrincipalDef[] };
    principals = raw.principals ?? [];
    loaded.set(fixturesDir, principals);
  }
  return principals;
}

interface AadError {
  status: number;
  error: string;
  code: number;
  description: string;
}

/** Entra's error body; the description's first line is the AADSTS message, then trace lines. */
function sendAadError(res: Response, e: AadError): void {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  res.status(e.status).json({
    error: e.error,
    error_description: `AADSTS${e.code}: ${e.description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [e.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${e.code}`,
  });
}

const base64url = (buf: Buffer) => buf.toString('base64url');

/** Why the client assertion does not authenticate `principal`, or null when it does. */
function assertionProblem(assertion: string, principal: PrincipalDef, audience: string): AadError | null {
  const invalid = (code: number, description: string): AadError => ({ status: 401, error: 'invalid_client', code, description });
  if (!principal.certificate) return invalid(700027, `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found.]`);
  const decoded = jwt.decode(assertion, { complete: true });
  if (!decoded || typeof decoded.payload === 'string') return invalid(50027, 'JWT token is invalid or malformed.');
  const cert = new X509Certificate(principal.certificate);
  const header = decoded.header as jwt.JwtHeader & { 'x5t#S256'?: string };
  const matches = header['x5t#S256'] === base64url(createHash('sha256').update(cert.raw).digest()) || header.x5t === base64url(createHash('sha1').update(cert.raw).digest());
  if (!matches) {
    return invalid(700027, `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${header['x5t#S256'] ?? header.x5t ?? ''}']`);
  }
  try {
    // UNVERIFIED: Entra's exact checks (it also accepts the issuer URL as audience); these are the documented claims.
    jwt.verify(assertion, cert.publicKey.export({ type: 'spki', format: 'pem' }), { algorithms: ['RS256'], audience, issuer: principal.clientId, subject: principal.clientId });
  } catch (err) {
    if (err instanceof jwt.TokenExpiredError || err instanceof jwt.NotBeforeError) return invalid(700024, 'Client assertion is not within its valid time range.');
    if (err instanceof jwt.JsonWebTokenError && /signature/i.test(err.message)) return invalid(700027, 'Client assertion failed signature validation.');
    return invalid(700023, `Client assertion audience claim does not match Realm issuer or the assertion is invalid: ${(err as Error).message}.`);
  }
  const payload = decoded.payload;
  if (typeof payload.jti !== 'string' || typeof payload.exp !== 'number' || typeof payload.nbf !== 'number') return invalid(50027, 'JWT token is invalid or malformed.');
  // UNVERIFIED: Entra's upper bound of an assertion's lifetime; the MSAL libraries use 10 minutes.
  if (payload.exp - payload.nbf > 600) return invalid(700024, 'Client assertion is not within its valid time range.');
  return null;
}

function issueToken(res: Response, principal: PrincipalDef): void {
  const now = Math.floor(Date.now() / 1000);
  const accessToken = jwt.sign(
    {
      aud: ADO_RESOURCE_ID,
      iss: `https://sts.windows.net/${principal.tenantId}/`,
      tid: principal.tenantId,
      appid: principal.clientId,
      idtyp: 'app',
      nbf: now,
      exp: now + TOKEN_LIFETIME_SECONDS,
    },
    SIGNING_KEY,
    { algorithm: 'HS256' },
  );
  res.setHeader('Cache-Control', 'no-store, no-cache');
  res.json({ token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, ext_expires_in: TOKEN_LIFETIME_SECONDS, access_token: accessToken });
}

/** POST /{tenant}/oauth2/v2.0/token: mount before the organization routes (it would look like an organization). */
export function entraTokenRoutes(ctx: FakeContext): Router {
  const router = express.Router();
  router.post('/:tenant/oauth2/v2.0/token', express.urlencoded({ extended: false, limit: '64kb' }), (req: Request, res: Response) => {
    const principals = loadPrincipals(ctx.fixturesDir);
    const tenant = String(req.params.tenant);
    const body = (req.is('application/x-www-form-urlencoded') ? req.body : {}) as Record<string, string | undefined>;
    const badRequest = (error: string, code: number, description: string) => sendAadError(res, { status: 400, error, code, description });
    if (!principals.some((p) => p.tenantId.toLowerCase() === tenant.toLowerCase())) {
      return badRequest(
        'invalid_request',
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
      );
    }
    if (!body.grant_type) return badRequest('invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.");
    if (body.grant_type !== 'client_credentials') return badRequest('unsupported_grant_type', 70003, `The app requested an unsupported grant type '${body.grant_type}'.`);
    if (body.scope !== `${ADO_RESOURCE_ID}/.default`) {
      // UNVERIFIED wording: the fake only knows the Azure DevOps resource.
      return badRequest('invalid_scope', 1002012, `The provided value for scope ${body.scope ?? ''} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
    }
    const principal = principals.find((p) => p.tenantId.toLowerCase() === tenant.toLowerCase() && p.clientId.toLowerCase() === (body.client_id ?? '').toLowerCase());
    if (!principal) {
      return badRequest(
        'unauthorized_client',
        700016,
        `Application with identifier '${body.client_id ?? ''}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      );
    }
    if (body.client_assertion !== undefined) {
      if (body.client_assertion_type !== JWT_BEARER) return badRequest('invalid_request', 50027, `The client_assertion_type must be ${JWT_BEARER}.`);
      const problem = assertionProblem(body.client_assertion, principal, `${ctx.baseUrl}/${tenant}/oauth2/v2.0/token`);
      if (problem) return sendAadError(res, problem);
      return issueToken(res, principal);
    }
    if (body.client_secret === undefined) {
      return sendAadError(res, { status: 401, error: 'invalid_client', code: 7000218, description: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'." });
    }
    if (body.client_secret !== principal.secret) {
      return sendAadError(res, {
        status: 401,
        error: 'invalid_client',
        code: 7000215,
        description: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${principal.clientId}'.`,
      });
    }
    issueToken(res, principal);
  });
  return router;
}

/**
 * The credential an access token of this fake stands for in `org`: the principal's identity there, or
 * null when the token is not one of the fake's, has expired, or its principal is not a user of `org`
 * (ADO answers 401 then, as for any unknown credential).
 */
export function principalCredential(ctx: FakeContext, org: OrgDef, token: string): CredentialDef | null {
  let claims: jwt.JwtPayload;
  try {
    claims = jwt.verify(token, SIGNING_KEY, { algorithms: ['HS256'], audience: ADO_RESOURCE_ID }) as jwt.JwtPayload;
  } catch {
    return null;
  }
  const principal = loadPrincipals(ctx.fixturesDir).find((p) => p.tenantId === claims.tid && p.clientId === claims.appid);
  const identity = principal?.users[org.name];
  if (!principal || !identity) return null;
  return { handle: `sp-${principal.handle}`, kind: 'bearer', token, identity };
}
