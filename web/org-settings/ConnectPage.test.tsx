import * as React from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../common/api';
import { ConnectPage, validateCertificatePem, validateClientSecret, validateGuid, validateOrganizationUrl, validatePat } from './ConnectPage';
import { fakeApi } from '../testing/fixtures';
import { renderWithQueries } from '../testing/render';

/** azure-devops-ui prefixes input ids ("__bolt-"): match on the end. */
function input(id: string): HTMLInputElement {
  const el = document.querySelector(`input[id$="${id}"]`);
  if (!el) throw new Error(`no input ${id}`);
  return el as HTMLInputElement;
}

function typeInto(id: string, value: string) {
  fireEvent.change(input(id), { target: { value } });
}

function textarea(id: string): HTMLTextAreaElement {
  const el = document.querySelector(`textarea[id$="${id}"]`);
  if (!el) throw new Error(`no textarea ${id}`);
  return el as HTMLTextAreaElement;
}

const TENANT = '600519dc-acbd-4d62-b416-c12a583ee47c';
const CLIENT = '746020e7-60b3-427b-9550-0d1578451070';
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----';

describe('ConnectPage', () => {
  it('prefills the organization URL from the host and lists the PAT scopes', () => {
    renderWithQueries(<ConnectPage api={fakeApi()} hostName="contoso" canConnect />);
    expect(input('vigil-org-url').value).toBe('https://dev.azure.com/contoso');
    expect(input('vigil-pat').type).toBe('password');
    expect(screen.getByText('Code')).toBeTruthy();
    expect(screen.getByText('Project and Team')).toBeTruthy();
  });

  it('shows the problem detail the service sent when connecting fails, and keeps the form', async () => {
    const api = fakeApi({
      connect: jest.fn(async () => {
        throw new ApiError(400, 'The PAT lacks scopes', 'The PAT is missing these scopes: Code (Read) — vso.code.');
      }),
    });
    renderWithQueries(<ConnectPage api={api} hostName="contoso" canConnect />);
    typeInto('vigil-pat', '  abcdefghijklmnopqrstuvwxyz0123456789  ');
    fireEvent.click(screen.getByText('Connect'));
    expect(await screen.findByText('The PAT is missing these scopes: Code (Read) — vso.code.')).toBeTruthy();
    expect(screen.getByText('Could not connect: The PAT lacks scopes')).toBeTruthy();
    expect(api.connect).toHaveBeenCalledWith({
      organizationUrl: 'https://dev.azure.com/contoso',
      pat: 'abcdefghijklmnopqrstuvwxyz0123456789',
    });
    expect(input('vigil-pat').value).toBe('  abcdefghijklmnopqrstuvwxyz0123456789  ');
  });

  it('clears the token from the form once the service accepted it, and reads /me again', async () => {
    const org = { id: 'org-1', name: 'contoso', url: 'https://dev.azure.com/contoso' };
    let accept!: () => void;
    const api = fakeApi({ connect: jest.fn(() => new Promise((resolve) => (accept = () => resolve(org)))) });
    const { client } = renderWithQueries(<ConnectPage api={api} hostName="contoso" canConnect />);
    const invalidate = jest.spyOn(client, 'invalidateQueries');
    typeInto('vigil-pat', 'abcdefghijklmnopqrstuvwxyz0123456789');
    fireEvent.click(screen.getByText('Connect'));
    expect(await screen.findByText('Connecting…')).toBeTruthy();
    expect(input('vigil-pat').value).toBe('abcdefghijklmnopqrstuvwxyz0123456789');
    accept();
    await waitFor(() => expect(input('vigil-pat').value).toBe(''));
    expect(api.connect).toHaveBeenCalledTimes(1);
    expect(invalidate).toHaveBeenCalledWith();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('does not call the service without a token or with a bad URL', () => {
    const api = fakeApi();
    renderWithQueries(<ConnectPage api={api} hostName="contoso" canConnect />);
    fireEvent.click(screen.getByText('Connect'));
    expect(screen.getByText('Paste the token.')).toBeTruthy();
    typeInto('vigil-org-url', 'dev.azure.com/contoso');
    typeInto('vigil-pat', 'abcdefghijklmnopqrstuvwxyz0123456789');
    fireEvent.click(screen.getByText('Connect'));
    expect(screen.getByText('Enter a full URL, for example https://dev.azure.com/fabrikam.')).toBeTruthy();
    expect(api.connect).not.toHaveBeenCalled();
  });

  it('tells a non-administrator who can connect and disables the form', () => {
    renderWithQueries(<ConnectPage api={fakeApi()} hostName="contoso" canConnect={false} />);
    expect(screen.getByText(/Only a Project Collection Administrator can connect Vigil/)).toBeTruthy();
    expect(input('vigil-pat').disabled).toBe(true);
  });

  it('validates organization URLs', () => {
    expect(validateOrganizationUrl('https://dev.azure.com/contoso')).toBeUndefined();
    expect(validateOrganizationUrl('http://tfs.local:8080/tfs/DefaultCollection')).toBeUndefined();
    expect(validateOrganizationUrl('')).toBe('Enter the organization URL.');
    expect(validateOrganizationUrl('ftp://x/y')).toBe('The URL must start with https://.');
  });
  it('says what a PAT looks like, where to create one and which scopes, for a token that cannot be one', () => {
    const api = fakeApi();
    renderWithQueries(<ConnectPage api={api} hostName="contoso" canConnect />);
    typeInto('vigil-pat', 'abc123');
    fireEvent.click(screen.getByText('Connect'));
    const message = screen.getByText(/too short to be a personal access token/);
    expect(message.textContent).toMatch(/letters and digits \(52 or more characters\)/);
    expect(message.textContent).toContain('User settings › Personal access tokens › New token');
    expect(message.textContent).toContain('scopes listed below');
    expect(screen.queryByText(/Invalid request/)).toBeNull();
    expect(api.connect).not.toHaveBeenCalled();
  });

  it("words the service's validation refusal of the token the same way, not as 'Invalid request / pat: …'", async () => {
    const api = fakeApi({
      connect: jest.fn(async () => {
        throw new ApiError(400, 'Invalid request', 'pat: looks too short for a personal access token', {
          type: 'https://vigil.dev/problems/validation',
          title: 'Invalid request',
          status: 400,
          errors: [{ path: 'pat', message: 'looks too short for a personal access token' }],
        });
      }),
    });
    renderWithQueries(<ConnectPage api={api} hostName="contoso" canConnect />);
    typeInto('vigil-pat', 'abcdefghijklmnopqrstuvwxyz0123456789');
    fireEvent.click(screen.getByText('Connect'));
    expect(await screen.findByText(/did not accept the token as a personal access token/)).toBeTruthy();
    expect(screen.queryByText(/Invalid request/)).toBeNull();
    expect(screen.queryByText(/looks too short/)).toBeNull();
  });

  it('validates tokens', () => {
    expect(validatePat('abcdefghijklmnopqrstuvwxyz0123456789')).toBeUndefined();
    expect(validatePat('  ')).toBe('Paste the token.');
    expect(validatePat('abcdefghij klmnopqrstuvwxyz')).toMatch(/contains spaces or line breaks/);
    expect(validatePat('short')).toMatch(/too short/);
  });

  describe('with a service principal', () => {
    it('asks for the tenant and client ids and a client secret, and sends them instead of a PAT', async () => {
      const api = fakeApi({ connect: jest.fn(async () => ({ id: 'org-1', name: 'contoso', url: 'https://dev.azure.com/contoso' })) });
      renderWithQueries(<ConnectPage api={api} hostName="contoso" canConnect />);
      fireEvent.click(screen.getByText('Service principal'));
      expect(document.querySelector('input[id$="vigil-pat"]')).toBeNull();
      expect(screen.getByText(/Organization settings › Users with the Basic/)).toBeTruthy();
      typeInto('vigil-sp-tenant', ` ${TENANT} `);
      typeInto('vigil-sp-client', CLIENT);
      expect(input('vigil-sp-secret').type).toBe('password');
      typeInto('vigil-sp-secret', 'abc~secret.value');
      fireEvent.click(screen.getByText('Connect'));
      await waitFor(() => expect(api.connect).toHaveBeenCalledTimes(1));
      expect(api.connect).toHaveBeenCalledWith({
        organizationUrl: 'https://dev.azure.com/contoso',
        servicePrincipal: { tenantId: TENANT, clientId: CLIENT, clientSecret: 'abc~secret.value' },
      });
      await waitFor(() => expect(input('vigil-sp-secret').value).toBe(''));
    });

    it('sends a certificate PEM instead of a secret when chosen', async () => {
      const api = fakeApi({ connect: jest.fn(async () => ({ id: 'org-1', name: 'contoso', url: 'https://dev.azure.com/contoso' })) });
      renderWithQueries(<ConnectPage api={api} hostName="contoso" canConnect />);
      fireEvent.click(screen.getByText('Service principal'));
      typeInto('vigil-sp-tenant', TENANT);
      typeInto('vigil-sp-client', CLIENT);
      fireEvent.click(screen.getByText('Certificate'));
      expect(document.querySelector('input[id$="vigil-sp-secret"]')).toBeNull();
      fireEvent.change(textarea('vigil-sp-certificate'), { target: { value: PEM } });
      fireEvent.click(screen.getByText('Connect'));
      await waitFor(() => expect(api.connect).toHaveBeenCalledTimes(1));
      expect(api.connect).toHaveBeenCalledWith({
        organizationUrl: 'https://dev.azure.com/contoso',
        servicePrincipal: { tenantId: TENANT, clientId: CLIENT, certificate: PEM },
      });
    });

    it('says what is wrong with each field before calling the service', () => {
      const api = fakeApi();
      renderWithQueries(<ConnectPage api={api} hostName="contoso" canConnect />);
      fireEvent.click(screen.getByText('Service principal'));
      typeInto('vigil-sp-tenant', 'contoso.onmicrosoft.com');
      fireEvent.click(screen.getByText('Connect'));
      expect(screen.getByText(/The Directory \(tenant\) ID is a GUID like/)).toBeTruthy();
      expect(screen.getByText('Enter the Application (client) ID.')).toBeTruthy();
      expect(screen.getByText('Paste the client secret.')).toBeTruthy();
      expect(api.connect).not.toHaveBeenCalled();
    });

    it('shows the service’s refusal in its words (the principal is not a user of the organization)', async () => {
      const detail = 'The service principal got a token but is not a user of this organization: add it in Organization settings › Users';
      const api = fakeApi({
        connect: jest.fn(async () => {
          throw new ApiError(400, 'The service principal is not a user of this organization', detail);
        }),
      });
      renderWithQueries(<ConnectPage api={api} hostName="contoso" canConnect />);
      fireEvent.click(screen.getByText('Service principal'));
      typeInto('vigil-sp-tenant', TENANT);
      typeInto('vigil-sp-client', CLIENT);
      typeInto('vigil-sp-secret', 'abc~secret.value');
      fireEvent.click(screen.getByText('Connect'));
      expect(await screen.findByText(detail)).toBeTruthy();
      expect(input('vigil-sp-secret').value).toBe('abc~secret.value');
    });
  });

  it('puts the service’s validation refusal of a principal field on that field', async () => {
    const api = fakeApi({
      connect: jest.fn(async () => {
        throw new ApiError(400, 'Invalid request', 'servicePrincipal.certificate: must hold the private key too', {
          type: 'https://vigil.dev/problems/validation',
          title: 'Invalid request',
          status: 400,
          errors: [{ path: 'servicePrincipal.certificate', message: 'must hold the private key too (-----BEGIN PRIVATE KEY-----), in the same PEM' }],
        });
      }),
    });
    renderWithQueries(<ConnectPage api={api} hostName="contoso" canConnect />);
    fireEvent.click(screen.getByText('Service principal'));
    typeInto('vigil-sp-tenant', TENANT);
    typeInto('vigil-sp-client', CLIENT);
    fireEvent.click(screen.getByText('Certificate'));
    fireEvent.change(textarea('vigil-sp-certificate'), { target: { value: PEM } });
    fireEvent.click(screen.getByText('Connect'));
    expect(await screen.findByText('The service did not accept it: must hold the private key too (-----BEGIN PRIVATE KEY-----), in the same PEM.')).toBeTruthy();
    expect(screen.queryByText(/Invalid request/)).toBeNull();
  });

  it('validates service principal fields', () => {
    expect(validateGuid(TENANT, 'Directory (tenant) ID')).toBeUndefined();
    expect(validateGuid('', 'Directory (tenant) ID')).toBe('Enter the Directory (tenant) ID.');
    expect(validateGuid('6005-19dc', 'Application (client) ID')).toMatch(/Application \(client\) ID is a GUID/);
    expect(validateClientSecret('abc~secret.value')).toBeUndefined();
    expect(validateClientSecret('two words')).toMatch(/Value .*not its ID/);
    expect(validateCertificatePem(PEM)).toBeUndefined();
    expect(validateCertificatePem('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----')).toMatch(/no private key/);
    expect(validateCertificatePem('-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----')).toMatch(/no certificate/);
    expect(validateCertificatePem(`-----BEGIN CERTIFICATE-----\n-----BEGIN ENCRYPTED PRIVATE KEY-----`)).toMatch(/encrypted/);
  });
});
