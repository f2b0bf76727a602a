// Connecting with an Entra ID service principal instead of a PAT (issue 14): the fake serves Entra's
// token endpoint too (VIGIL_ENTRA_AUTHORITY, test/support/stack.ts) and accepts its tokens where the
// principal is a user. Connect says what is wrong (the secret, the principal not added to the
// organization, a malformed request); once connected, scans run with the principal's tokens.
import { generateKeyPairSync } from 'node:crypto';
import { z } from 'zod';
import { connectResponseSchema, meResponseSchema, organizationDtoSchema, pagedSchema, repositoryDtoSchema } from '../../service/contract/api';
import { loadPrincipals, type PrincipalDef } from '../fake-ado/routes/entra-token';
import { databaseKinds } from '../support/databases';
import { startStack, type Stack } from '../support/stack';
import { waitFor } from '../support/wait';
import { contractApi } from './contract';

const CONNECT = '/api/v1/organization/connect';

describe.each(databaseKinds)('connect with a service principal on %s', (kind) => {
  let stack: Stack;
  let api: ReturnType<typeof contractApi>;
  let scanner: PrincipalDef;
  let outsider: PrincipalDef;
  const ids = (p: PrincipalDef) => ({ tenantId: p.tenantId, clientId: p.clientId });

  beforeAll(async () => {
    stack = await startStack({ database: kind });
    api = contractApi(stack);
    [scanner, outsider] = ['scanner', 'outsider'].map((h) => loadPrincipals().find((p) => p.handle === h)!);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  const connected = async () => (await api.ok(meResponseSchema, stack.users.admin, 'GET', '/api/v1/me')).body.organization.connected;

  test('a wrong client secret: Entra’s refusal in clear words, nothing stored', async () => {
    const res = await api.problem(stack.users.admin, 'POST', CONNECT, { organizationUrl: stack.org.url, servicePrincipal: { ...ids(scanner), clientSecret: 'not-the-secret' } });
    expect(res.status).toBe(400);
    expect(res.body.type).toMatch(/invalid-credential/);
    expect(res.body.detail).toMatch(/^The client secret is wrong or expired.*AADSTS7000215/);
    expect(await connected()).toBe(false);
  });

  test('a principal that is not a user of the organization is told to be added', async () => {
    const res = await api.problem(stack.users.admin, 'POST', CONNECT, { organizationUrl: stack.org.url, servicePrincipal: { ...ids(outsider), clientSecret: outsider.secret } });
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe('The service principal got a token but is not a user of this organization: add it in Organization settings › Users');
    expect(await connected()).toBe(false);
  });

  test('malformed principals get field errors', async () => {
    const bad = await api.problem(stack.users.admin, 'POST', CONNECT, { organizationUrl: stack.org.url, servicePrincipal: { tenantId: 'contoso.onmicrosoft.com', clientId: scanner.clientId } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.path).sort()).toEqual(['servicePrincipal.clientSecret', 'servicePrincipal.tenantId']);
    expect(bad.body.errors?.find((e) => e.path === 'servicePrincipal.tenantId')?.message).toMatch(/Directory \(tenant\) ID .*GUID/);
    const both = await api.problem(stack.users.admin, 'POST', CONNECT, {
      organizationUrl: stack.org.url,
      pat: stack.fakeAdo.pats.full,
      servicePrincipal: { ...ids(scanner), clientSecret: scanner.secret, certificate: `${scanner.privateKey}${scanner.certificate}` },
    });
    expect(both.body.errors?.map((e) => e.path).sort()).toEqual(['servicePrincipal', 'servicePrincipal.certificate']);
  });

  test('a certificate with another certificate’s key cannot sign: said before Entra is asked', async () => {
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const tokenRequests = () => stack.fakeAdo.requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token')).length;
    const before = tokenRequests();
    const res = await api.problem(stack.users.admin, 'POST', CONNECT, { organizationUrl: stack.org.url, servicePrincipal: { ...ids(scanner), certificate: `${scanner.certificate}\n${otherKey}` } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ title: 'The certificate cannot be used', detail: 'The private key does not belong to the certificate' });
    expect(tokenRequests()).toBe(before);
    expect(await connected()).toBe(false);
  });

  test('connected with a certificate, a repository is scanned with the principal’s tokens', async () => {
    const { admin } = stack.users;
    const certificate = `${scanner.certificate}\n${scanner.privateKey}`;
    const res = await api.ok(connectResponseSchema, admin, 'POST', CONNECT, { organizationUrl: stack.org.url, servicePrincipal: { ...ids(scanner), certificate } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'contoso', credentialKind: 'service-principal', postureScopeGaps: [] });
    expect(JSON.stringify(res.body)).not.toContain('PRIVATE KEY');
    expect((await api.ok(organizationDtoSchema, admin, 'GET', '/api/v1/organization')).body.credentialKind).toBe('service-principal');

    const repos = z.array(repositoryDtoSchema);
    const scanned = await waitFor(
      'a repository scanned',
      async () => {
        const page = (await api.ok(pagedSchema(repositoryDtoSchema), admin, 'GET', '/api/v1/repositories?limit=200')).body;
        return repos.parse(page.items).find((r) => r.scanState === 'done' && r.lastScan?.state === 'done');
      },
      90_000,
      250,
    );
    expect(scanned.lastScan?.commitSha).toMatch(/^[0-9a-f]{40}$/);
    // Every request to the organization carried one of the principal's tokens; Entra saw a certificate, never a secret.
    const toOrg = stack.fakeAdo.requests.filter((r) => r.path.startsWith('/contoso/'));
    const downloads = toOrg.filter((r) => /\/_apis\/git\/repositories\/[^/]+\/items/.test(r.path) && r.auth === 'bearer:sp-scanner');
    expect(downloads.length).toBeGreaterThan(0);
  }, 120_000);
});
