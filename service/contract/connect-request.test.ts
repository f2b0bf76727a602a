// The connect request: a PAT (unchanged) or an Entra ID service principal with exactly one secret.
import { connectRequestSchema } from './api';

const organizationUrl = 'https://dev.azure.com/contoso';
const tenantId = '600519dc-acbd-4d62-b416-c12a583ee47c';
const clientId = '746020e7-60b3-427b-9550-0d1578451070';
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----';

/** 'path: message' of every issue, sorted. */
const issues = (body: unknown) => {
  const r = connectRequestSchema.safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).sort();
};

describe('connectRequestSchema', () => {
  test('a PAT alone, as before', () => {
    expect(connectRequestSchema.parse({ organizationUrl, pat: ' abcdefghijklmnopqrstuvwxyz0123 ' })).toEqual({ organizationUrl, pat: 'abcdefghijklmnopqrstuvwxyz0123' });
    expect(issues({ organizationUrl: 'not a url', pat: 'x' }).map((i) => i.split(':')[0])).toEqual(['organizationUrl', 'pat']);
  });

  test('a service principal with a client secret or a certificate', () => {
    expect(connectRequestSchema.parse({ organizationUrl, servicePrincipal: { tenantId, clientId, clientSecret: 's~ecret' } }).servicePrincipal).toEqual({ tenantId, clientId, clientSecret: 's~ecret' });
    expect(connectRequestSchema.parse({ organizationUrl, servicePrincipal: { tenantId, clientId, certificate: PEM } }).servicePrincipal?.certificate).toBe(PEM);
  });

  test('neither, both, or a principal without exactly one secret: said where', () => {
    expect(issues({ organizationUrl })).toEqual(['pat: give a personal access token (pat) or a service principal (servicePrincipal)']);
    expect(issues({ organizationUrl, pat: 'abcdefghijklmnopqrstuvwxyz0123', servicePrincipal: { tenantId, clientId, clientSecret: 's' } })).toEqual([
      'servicePrincipal: give a personal access token or a service principal, not both',
    ]);
    expect(issues({ organizationUrl, servicePrincipal: { tenantId, clientId } })).toEqual(['servicePrincipal.clientSecret: give a client secret or a certificate']);
    expect(issues({ organizationUrl, servicePrincipal: { tenantId, clientId, clientSecret: 's', certificate: PEM } })).toEqual([
      'servicePrincipal.certificate: give a client secret or a certificate, not both',
    ]);
  });

  test('ids that are not GUIDs, a secret with spaces, a PEM without its key', () => {
    expect(issues({ organizationUrl, servicePrincipal: { tenantId: 'contoso.onmicrosoft.com', clientId: 'app', clientSecret: 'two words' } })).toEqual([
      'servicePrincipal.clientId: must be the Application (client) ID of the app registration: a GUID like 00000000-0000-0000-0000-000000000000',
      'servicePrincipal.clientSecret: must not contain spaces, line breaks or control characters (give the secret’s value)',
      'servicePrincipal.tenantId: must be the Directory (tenant) ID of the app registration: a GUID like 00000000-0000-0000-0000-000000000000',
    ]);
    expect(issues({ organizationUrl, servicePrincipal: { tenantId, clientId, certificate: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' } })).toEqual([
      'servicePrincipal.certificate: must hold the private key too (-----BEGIN PRIVATE KEY-----), in the same PEM',
    ]);
  });
});
