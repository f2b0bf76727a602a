// Where connect may send requests (issue 10, item 7): Azure DevOps Services over https, the configured
// base URL's server, an operator's allow-list, and loopback in development only.
import { parseOrgUrl } from '../ado/org-url';
import { allowedOrgUrl, isLoopback } from './connect-organization';

const dev = { adoBaseUrl: 'https://dev.azure.com', adoAllowedHosts: [] as string[], production: false };
const prod = { ...dev, production: true };
const allowed = (url: string, config = prod) => allowedOrgUrl(parseOrgUrl(url), config);

describe('allowedOrgUrl', () => {
  test.each([
    'https://dev.azure.com/contoso',
    'https://dev.azure.com/contoso/Storefront/_git/web',
    'https://contoso.visualstudio.com',
    'https://contoso.visualstudio.com:443',
  ])('Azure DevOps Services over https: %s', (url) => {
    expect(allowed(url)).toBeUndefined();
  });

  test.each([
    ['http to Azure DevOps Services', 'http://contoso.visualstudio.com'],
    ['another port of Azure DevOps Services', 'https://contoso.visualstudio.com:8443'],
    ['any other https host', 'https://ado.example.com/DefaultCollection'],
    ['an internal address', 'https://10.0.0.5:8443/DefaultCollection'],
    ['the metadata address', 'http://169.254.169.254/latest'],
    ['loopback in production', 'http://127.0.0.1:8080/contoso'],
    ['localhost in production', 'http://localhost/contoso'],
  ])('refused: %s', (_what, url) => {
    expect(allowed(url)).toMatch(/does not send requests to .*VIGIL_ADO_ALLOWED_HOSTS/);
  });

  test('the base URL’s server, with its scheme and port', () => {
    const server = { ...prod, adoBaseUrl: 'http://ado.corp.example:8080/tfs' };
    expect(allowed('http://ado.corp.example:8080/tfs/DefaultCollection', server)).toBeUndefined();
    expect(allowed('http://ado.corp.example:9090/tfs/DefaultCollection', server)).toBeDefined();
    expect(allowed('https://ado.corp.example:8080/tfs/DefaultCollection', server)).toBeDefined();
  });

  test('the allow-list: host on its default port, or host:port; http too', () => {
    const listed = { ...prod, adoAllowedHosts: ['ado.corp.example', 'build.corp.example:8443'] };
    expect(allowed('https://ado.corp.example/DefaultCollection', listed)).toBeUndefined();
    expect(allowed('http://ado.corp.example/DefaultCollection', listed)).toBeUndefined();
    expect(allowed('https://ado.corp.example:444/DefaultCollection', listed)).toBeDefined();
    expect(allowed('https://build.corp.example:8443/DefaultCollection', listed)).toBeUndefined();
    expect(allowed('https://build.corp.example/DefaultCollection', listed)).toBeDefined();
  });

  test('loopback over http in development only (the fake organization of the tests)', () => {
    expect(allowed('http://127.0.0.1:41234/contoso', dev)).toBeUndefined();
    expect(allowed('http://localhost:8090/contoso', dev)).toBeUndefined();
    expect(allowed('http://[::1]:8090/contoso', dev)).toBeUndefined();
    expect(allowed('http://10.0.0.1:8090/contoso', dev)).toMatch(/loopback addresses in development/);
  });

  test('isLoopback', () => {
    expect(['localhost', '127.0.0.1', '127.1.2.3', '[::1]'].every(isLoopback)).toBe(true);
    expect(['127.0.0.1.nip.io', 'localhost.example.com', '0.0.0.0', '[::]', '10.0.0.1'].some(isLoopback)).toBe(false);
  });
});
