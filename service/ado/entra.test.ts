// Service principal tokens against the fake Entra ID token endpoint (test/fake-ado/routes/entra-token.ts):
// secret and certificate, the assertion a certificate signs, the cache and its refresh, Entra's errors.
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { loadPrincipals, type PrincipalDef } from '../../test/fake-ado/routes/entra-token';
import { startFakeAdo, type FakeAdo } from '../../test/fake-ado/server';
import { AdoClient } from './client';
import { AZURE_DEVOPS_SCOPE, clientAssertion, EntraError, EntraTokens, parseCertificatePem, tokenEndpoint, type ServicePrincipal } from './entra';
import { errorForStatus } from './errors';
import { stubFetch } from './testdata/stub-fetch';
import { AdoError } from './types';

let fake: FakeAdo;
let scanner: PrincipalDef;
let outsider: PrincipalDef;
beforeAll(async () => {
  fake = await startFakeAdo();
  [scanner, outsider] = ['scanner', 'outsider'].map((h) => loadPrincipals().find((p) => p.handle === h)!);
});
afterAll(() => fake.close());

const withSecret = (p: PrincipalDef, secret = p.secret): ServicePrincipal => ({ tenantId: p.tenantId, clientId: p.clientId, clientSecret: secret });
const withCertificate = (p: PrincipalDef): ServicePrincipal => ({ tenantId: p.tenantId, clientId: p.clientId, certificatePem: `${p.privateKey}\n${p.certificate}` });
const tokenRequests = () => fake.requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token'));

/** The error `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<EntraError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EntraError);
  return err as EntraError;
}

describe('EntraTokens against the fake token endpoint', () => {
  test('a client secret gets a token that the organization accepts as the principal', async () => {
    const tokens = new EntraTokens({ authority: fake.url });
    const token = await tokens.accessToken(withSecret(scanner));
    expect(jwt.decode(token)).toMatchObject({ aud: AZURE_DEVOPS_SCOPE.replace('/.default', ''), appid: scanner.clientId, tid: scanner.tenantId });
    const client = new AdoClient({ orgUrl: fake.orgUrl('contoso'), credential: { kind: 'service-principal', principal: withSecret(scanner) }, entraTokens: tokens, maxRetries: 0 });
    const me = await client.core.connectionData();
    expect(me.authenticatedUser.providerDisplayName).toBe('Vigil Scanner');
    const sent = fake.requests.filter((r) => r.path === '/contoso/_apis/connectionData').at(-1);
    expect(sent?.auth).toBe('bearer:sp-scanner');
  });

  test('a certificate: the assertion is RS256 with the certificate’s thumbprints, verifiable with its public key', async () => {
    const pem = withCertificate(scanner).certificatePem!;
    const audience = tokenEndpoint(fake.url, scanner.tenantId);
    const now = Math.floor(Date.now() / 1000);
    const assertion = clientAssertion(scanner.clientId, pem, audience, now);
    const cert = new X509Certificate(scanner.certificate!);
    const verified = jwt.verify(assertion, cert.publicKey, { algorithms: ['RS256'], audience, issuer: scanner.clientId, subject: scanner.clientId, complete: true });
    expect(verified.header).toMatchObject({ alg: 'RS256', x5t: expect.any(String), 'x5t#S256': expect.any(String) });
    expect(Buffer.from(String(verified.header.x5t), 'base64url').toString('hex')).toBe(cert.fingerprint.replace(/:/g, '').toLowerCase());
    expect(Buffer.from(String((verified.header as any)['x5t#S256']), 'base64url').toString('hex')).toBe(cert.fingerprint256.replace(/:/g, '').toLowerCase());
    const claims = verified.payload as jwt.JwtPayload;
    expect(claims).toMatchObject({ nbf: now, exp: now + 600, jti: expect.any(String) });
    // And the token endpoint takes it.
    const token = await new EntraTokens({ authority: fake.url }).accessToken(withCertificate(scanner));
    expect(jwt.decode(token)).toMatchObject({ appid: scanner.clientId });
  });

  test('a PEM with the certificate first and the key after it works too; a key of another certificate is refused', async () => {
    expect(() => parseCertificatePem(`${scanner.certificate}\n${scanner.privateKey}`)).not.toThrow();
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => parseCertificatePem(`${other}\n${scanner.certificate}`)).toThrow(/does not belong to the certificate/);
    expect(() => parseCertificatePem(scanner.certificate!)).toThrow(/no private key/);
    expect(() => parseCertificatePem(scanner.privateKey!)).toThrow(/no certificate/);
  });

  test('a certificate the app does not have is refused by Entra with a clear message', async () => {
    const err = await failure(new EntraTokens({ authority: fake.url }).accessToken({ ...withCertificate(scanner), clientId: outsider.clientId }));
    expect(err.kind).toBe('invalid-certificate');
    expect(err.aadCode).toBe('AADSTS700027');
    expect(err.message).toMatch(/refused the certificate: upload this certificate to the app registration/);
  });

  test('the token is cached until 5 minutes before it expires, then renewed', async () => {
    let now = Date.now();
    const tokens = new EntraTokens({ authority: fake.url, now: () => now });
    const before = tokenRequests().length;
    const first = await tokens.accessToken(withSecret(scanner));
    now += 54 * 60_000; // the fake's tokens live 3599 s: 5 minutes before is 54:59
    expect(await tokens.accessToken(withSecret(scanner))).toBe(first);
    expect(tokenRequests().length).toBe(before + 1);
    now += 60_000;
    await tokens.accessToken(withSecret(scanner));
    expect(tokenRequests().length).toBe(before + 2);
    // Concurrent callers share one request.
    const fresh = new EntraTokens({ authority: fake.url });
    await Promise.all([1, 2, 3].map(() => fresh.accessToken(withCertificate(scanner))));
    expect(tokenRequests().length).toBe(before + 3);
  });

  test('a new secret for the same principal does not reuse the old secret’s token', async () => {
    const tokens = new EntraTokens({ authority: fake.url });
    await tokens.accessToken(withSecret(scanner));
    await expect(tokens.accessToken(withSecret(scanner, 'not-the-secret'))).rejects.toThrow(/client secret is wrong or expired/);
  });

  test.each([
    ['a wrong secret', () => withSecret(scanner, 'wrong'), 'invalid-secret', 'AADSTS7000215', /^The client secret is wrong or expired.*AADSTS7000215: Invalid client secret provided/],
    ['an app not in the tenant', () => ({ ...withSecret(scanner), clientId: '00000000-0000-4000-8000-000000000001' }), 'app-not-found', 'AADSTS700016', /No application with client id 00000000-0000-4000-8000-000000000001 in tenant/],
    ['an unknown tenant', () => ({ ...withSecret(scanner), tenantId: '00000000-0000-4000-8000-000000000002' }), 'tenant-not-found', 'AADSTS90002', /Tenant 00000000-0000-4000-8000-000000000002 was not found: check the Directory \(tenant\) ID/],
  ])('%s: a clear message, without Entra’s trace lines', async (_what, principal, kind, code, message) => {
    const err = await failure(new EntraTokens({ authority: fake.url }).accessToken(principal()));
    expect(err).toMatchObject({ kind, aadCode: code });
    expect(err.message).toMatch(message);
    expect(err.message).not.toMatch(/Trace ID/);
  });

  test('Entra unreachable, or something else answering, is said as such', async () => {
    const closed = await startFakeAdo();
    await closed.close();
    const network = await failure(new EntraTokens({ authority: closed.url }).accessToken(withSecret(scanner)));
    expect(network.kind).toBe('network');
    expect(network.message).toMatch(new RegExp(`Could not reach Microsoft Entra ID at ${closed.url}`));
    const html = stubFetch(() => ({ status: 200, text: '<html>proxy</html>' }));
    const fetchImpl: typeof fetch = (input, init) => html.fetchImpl(input, { ...init, body: undefined });
    const bad = await failure(new EntraTokens({ authority: 'https://login.example', fetchImpl }).accessToken(withSecret(scanner)));
    expect(bad.kind).toBe('bad-response');
    expect(bad.message).toMatch(/VIGIL_ENTRA_AUTHORITY https:\/\/login\.example/);
  });

  test('the token request: form-encoded client credentials for the Azure DevOps scope, the secret never in the URL', async () => {
    const stub = stubFetch(() => ({ body: { token_type: 'Bearer', expires_in: 3599, access_token: 'tok' } }));
    const calls: { url: string; body: string }[] = [];
    const fetchImpl: typeof fetch = async (input, init) => {
      calls.push({ url: String(input), body: String(init?.body) });
      return stub.fetchImpl(input, { ...init, body: undefined });
    };
    expect(await new EntraTokens({ authority: 'https://login.example/', fetchImpl }).accessToken(withSecret(scanner))).toBe('tok');
    expect(calls[0].url).toBe(`https://login.example/${scanner.tenantId}/oauth2/v2.0/token`);
    expect(Object.fromEntries(new URLSearchParams(calls[0].body))).toEqual({
      client_id: scanner.clientId,
      scope: '499b84ac-1321-427f-aa17-267ca6975798/.default',
      grant_type: 'client_credentials',
      client_secret: scanner.secret,
    });
  });
});

describe('an ADO client of a service principal', () => {
  test('a principal that is not a user of the organization: ADO’s 401 says what to do', async () => {
    const client = new AdoClient({ orgUrl: fake.orgUrl('contoso'), credential: { kind: 'service-principal', principal: withSecret(outsider) }, entraTokens: new EntraTokens({ authority: fake.url }), maxRetries: 0 });
    const err = await client.core.connectionData().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AdoError);
    expect(err).toMatchObject({ kind: 'auth', status: 401 });
    expect((err as Error).message).toMatch(/got a token but is not a user of this organization: add it in Organization settings › Users/);
  });

  test('a token Entra refuses is an auth error of the request, and no request reaches ADO', async () => {
    const before = fake.requests.filter((r) => r.path.startsWith('/contoso/')).length;
    const client = new AdoClient({ orgUrl: fake.orgUrl('contoso'), credential: { kind: 'service-principal', principal: withSecret(scanner, 'wrong') }, entraTokens: new EntraTokens({ authority: fake.url }), maxRetries: 2 });
    const err = await client.core.listProjects().catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'auth', path: '_apis/projects' });
    expect((err as Error).message).toMatch(/client secret is wrong or expired/);
    expect(fake.requests.filter((r) => r.path.startsWith('/contoso/')).length).toBe(before);
  });

  test('a refusal (403) names the principal’s permissions or access level, not PAT scopes', () => {
    const ctx = { operation: 'list repositories', path: '_apis/git/repositories', method: 'GET', attempts: 1 };
    expect(errorForStatus(403, '', { ...ctx, credentialKind: 'service-principal' }).message).toMatch(/service principal lacks the permission .*access level \(Stakeholder\)/);
    expect(errorForStatus(403, '', { ...ctx, credentialKind: 'service-principal' }).message).not.toMatch(/scope/);
    expect(errorForStatus(403, '', { ...ctx, credentialKind: 'pat' }).message).toMatch(/lacks the "Code \(Read\)" scope/);
  });

  test('without a token source, or with an incomplete principal, the client is not built', () => {
    const orgUrl = fake.orgUrl('contoso');
    expect(() => new AdoClient({ orgUrl, credential: { kind: 'service-principal', principal: withSecret(scanner) } })).toThrow(/Entra token source/);
    expect(() => new AdoClient({ orgUrl, credential: { kind: 'service-principal', principal: { tenantId: scanner.tenantId, clientId: scanner.clientId } }, entraTokens: new EntraTokens() })).toThrow(/a secret or certificate/);
  });
});
