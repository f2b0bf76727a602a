import * as React from 'react';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../common/api';
import { ConnectPage, validateOrganizationUrl, validatePat } from './ConnectPage';
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
});
