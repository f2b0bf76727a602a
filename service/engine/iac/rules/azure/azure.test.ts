// Cross-resource checks of the azure rules through the scanner: children found by name (or by the
// parameter both names come from), and Checkov skips inside a Bicep resource block.
import { scanFiles } from '../../../scan';
import { iacScanner } from '../../scanner';

const scan = async (files: Record<string, string>, rules: string[]) =>
  scanFiles(
    Object.entries(files).map(([path, content]) => ({ path, content })),
    { scanners: [iacScanner], options: { iac: { rules } } },
  );

test('a server whose name is a parameter finds its auditing child; a checkov:skip in the block suppresses', async () => {
  const bicep = `param serverName string
resource sql 'Microsoft.Sql/servers@2023-05-01-preview' = {
  name: serverName
  location: 'westeurope'
  // checkov:skip=CKV_AZURE_113: private endpoint added by the platform team
  properties: { publicNetworkAccess: 'Enabled' }
}
resource audit 'Microsoft.Sql/servers/auditingSettings@2023-05-01-preview' = {
  name: '\${serverName}/default'
  properties: { state: 'Enabled' }
}
`;
  const r = await scan({ 'main.bicep': bicep }, ['IAC-AZ-SQL-AUDITING', 'IAC-AZ-SQL-PUBLIC-NETWORK']);
  expect(r.results.map((x) => `${x.ruleId} ${x.outcome}`)).toEqual(['IAC-AZ-SQL-AUDITING pass']);
  expect(r.findings).toHaveLength(1);
  expect(r.findings[0]).toMatchObject({ ruleId: 'IAC-AZ-SQL-PUBLIC-NETWORK', suppressed: { kind: 'inline' }, location: { line: 6 } });
});

test('auditing of another server does not count', async () => {
  const arm = JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    resources: [
      { type: 'Microsoft.Sql/servers', apiVersion: '2023-05-01-preview', name: 'a', properties: {} },
      { type: 'Microsoft.Sql/servers', apiVersion: '2023-05-01-preview', name: 'b', properties: {} },
      { type: 'Microsoft.Sql/servers/auditingSettings', apiVersion: '2023-05-01-preview', name: 'b/default', properties: { state: 'Enabled' } },
    ],
  });
  const r = await scan({ 'azuredeploy.json': arm }, ['IAC-AZ-SQL-AUDITING']);
  expect(r.findings.map((f) => f.location.kind === 'resource' && f.location.address)).toEqual(["Microsoft.Sql/servers 'a'"]);
  expect(r.results.map((x) => x.outcome)).toEqual(['pass']);
});

test('App Service settings: a slot is judged like a site; settings left to a config child are judged on the child', async () => {
  const bicep = `resource site 'Microsoft.Web/sites@2023-01-01' = {
  name: 'app'
  properties: { httpsOnly: true }
  resource slot 'slots' = {
    name: 'staging'
    properties: { httpsOnly: false }
    resource cfg 'config' = {
      name: 'web'
      properties: { ftpsState: 'AllAllowed', minTlsVersion: '1.2' }
    }
  }
}
`;
  const r = await scan({ 'main.bicep': bicep }, ['IAC-AZ-APP-HTTPS-ONLY', 'IAC-AZ-APP-FTPS', 'IAC-AZ-APP-MIN-TLS']);
  const at = (f: (typeof r.findings)[number]) => (f.location.kind === 'resource' ? `${f.ruleId} ${f.location.address} ${f.location.attribute} L${f.location.line}` : '');
  expect(r.findings.map(at).sort()).toEqual([
    "IAC-AZ-APP-FTPS Microsoft.Web/sites 'app' properties.siteConfig.ftpsState L3",
    "IAC-AZ-APP-FTPS Microsoft.Web/sites/slots/config 'app/staging/web' properties.ftpsState L9",
    "IAC-AZ-APP-HTTPS-ONLY Microsoft.Web/sites/slots 'app/staging' properties.httpsOnly L6",
  ]);
  expect(r.results.filter((x) => x.ruleId === 'IAC-AZ-APP-MIN-TLS').map((x) => x.outcome)).toEqual(['pass', 'pass']);
});
