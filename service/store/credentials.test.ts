// Stored credentials: a PAT or an Entra ID service principal, sealed with the organization id and
// opened as they were given; reconnecting replaces the kind.
import { randomBytes } from 'node:crypto';
import { databaseKinds } from '../../test/support/databases';
import { connectOrganization, getCredential, getCredentialKind, getOrganization } from './organizations';
import { TEST_KEY, useTestStore } from './testdata/test-store';

const principal = { tenantId: '600519dc-acbd-4d62-b416-c12a583ee47c', clientId: '746020e7-60b3-427b-9550-0d1578451070', clientSecret: 'sp-secret~value' };

describe.each(databaseKinds)('stored credentials on %s', (kind) => {
  const store = useTestStore(kind);
  const base = () => ({ name: 'contoso', url: 'https://dev.azure.com/contoso', instanceId: randomBytes(8).toString('hex'), connectedBy: 'u1', patOwnerId: 'sp-1' });

  test('a service principal is sealed, opened whole, and reported as such', async () => {
    const input = base();
    const org = await connectOrganization(store().db, TEST_KEY, { ...input, servicePrincipal: principal });
    expect(await getCredential(store().db, TEST_KEY, org.org_id)).toEqual({ kind: 'service-principal', principal });
    expect(await getCredentialKind(store().db, org.org_id)).toBe('service-principal');
    expect((await getOrganization(store().db, org.org_id))?.credential_kind).toBe('service-principal');
    const row = await store().db.selectFrom('credentials').selectAll().where('org_id', '=', org.org_id).executeTakeFirstOrThrow();
    expect(row.ciphertext.toString('utf8')).not.toContain(principal.clientSecret);

    // Reconnected with a PAT: the principal is gone.
    await connectOrganization(store().db, TEST_KEY, { ...input, pat: 'a-pat-of-forty-characters-0123456789abcd' });
    expect(await getCredential(store().db, TEST_KEY, org.org_id)).toEqual({ kind: 'pat', token: 'a-pat-of-forty-characters-0123456789abcd' });
    expect((await getOrganization(store().db, org.org_id))?.credential_kind).toBe('pat');
  });

  test('a certificate principal keeps its PEM; a damaged record is refused with what to do', async () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----';
    const certificatePrincipal = { tenantId: principal.tenantId, clientId: principal.clientId, certificatePem: pem };
    const org = await connectOrganization(store().db, TEST_KEY, { ...base(), name: 'fabrikam', servicePrincipal: certificatePrincipal });
    expect(await getCredential(store().db, TEST_KEY, org.org_id)).toEqual({ kind: 'service-principal', principal: certificatePrincipal });
    await store().db.updateTable('credentials').set({ kind: 'oauth' }).where('org_id', '=', org.org_id).execute();
    await expect(getCredential(store().db, TEST_KEY, org.org_id)).rejects.toThrow(/unknown kind \(oauth\); reconnect the organization/);
  });
});
