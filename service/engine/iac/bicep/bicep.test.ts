// The Bicep loader: expressions, child resources and parent:, loops and conditions, modules,
// .bicepparam files, lines, and syntax errors as warnings.
import type { ScanWarning } from '../../../contract/model';
import { scanFiles } from '../../scan';
import { iacScanner } from '../scanner';
import type { DetectedFile, IacResource, LoadContext } from '../types';
import { Unknown, get, isUnknown } from '../values';
import { loadBicep } from './loader';

async function load(files: Record<string, string>) {
  const warnings: Omit<ScanWarning, 'scanner'>[] = [];
  const ctx = {
    project: { has: (p: string) => p in files },
    files: Object.keys(files).map((path) => ({ path, platform: /\.bicep(param)?$/.test(path) ? 'bicep' : undefined }) as DetectedFile),
    text: (p: string) => files[p],
    warn: (w: Omit<ScanWarning, 'scanner'>) => warnings.push(w),
  } as unknown as LoadContext;
  const groups = await loadBicep(ctx);
  const resources = groups.flatMap((g) => g.resources);
  const ofType = (t: string) => resources.filter((r) => r.type === t);
  const one = (t = 'microsoft.storage/storageaccounts'): IacResource => {
    const found = ofType(t);
    expect(found).toHaveLength(1);
    return found[0];
  };
  return { groups, resources, warnings, ofType, one };
}

const STORAGE = "resource sa 'Microsoft.Storage/storageAccounts@2023-01-01'";

test('a resource: the same model as ARM (lower-case type, display address, apiVersion, properties)', async () => {
  const { one, warnings } = await load({ 'main.bicep': `${STORAGE} = {\n  name: 'stlogs'\n  location: 'westeurope'\n  kind: 'StorageV2'\n  properties: {\n    minimumTlsVersion: 'TLS1_2'\n  }\n}\n` });
  expect(warnings).toEqual([]);
  const r = one();
  expect(r).toMatchObject({ model: 'azure', platform: 'bicep', type: 'microsoft.storage/storageaccounts', name: 'stlogs', address: "Microsoft.Storage/storageAccounts 'stlogs'" });
  expect(r.attributes).toEqual({
    type: 'Microsoft.Storage/storageAccounts',
    apiVersion: '2023-01-01',
    name: 'stlogs',
    location: 'westeurope',
    kind: 'StorageV2',
    properties: { minimumTlsVersion: 'TLS1_2' },
  });
  expect(r.meta).toMatchObject({ symbol: 'sa' });
});

test('expressions: params with defaults, vars, interpolation, ternaries, operators, member access, functions, escapes', async () => {
  const { one } = await load({
    'main.bicep': `param env string = 'Prod'
param cfg object = {
  tls: 'TLS1_2'
  nested: { list: [ 'a', 'b' ] }
}
@secure()
param password string
var prefix = toLower(env)
var isProd = env == 'Prod'
var text = '''
raw \${not} interpolated'''
${STORAGE} = {
  name: 'st\${prefix}logs'
  properties: {
    minimumTlsVersion: cfg.tls
    second: cfg.nested.list[1]
    byKey: cfg['tls']
    https: isProd ? true : false
    notProd: !isProd
    both: isProd && env =~ 'prod'
    either: false || isProd
    fallback: cfg.?missing ?? 'default'
    sum: 1 + 2 * 3
    cmp: 2 >= 3
    joined: concat('a', string(1), format('-{0}', 'b'))
    escaped: 'it\\'s \\\${x} \\\\ done'
    multi: text
    secret: password
    suffix: uniqueString(resourceGroup().id)
    'quoted-key': union({ a: 1 }, { b: 2 })
  }
}
`,
  });
  const r = one();
  expect(r.name).toBe('stprodlogs');
  const p = r.attributes.properties as Record<string, unknown>;
  expect(p).toMatchObject({
    minimumTlsVersion: 'TLS1_2',
    second: 'b',
    byKey: 'TLS1_2',
    https: true,
    notProd: false,
    both: true,
    either: true,
    fallback: 'default',
    sum: 7,
    cmp: false,
    joined: 'a1-b',
    escaped: "it's ${x} \\ done",
    multi: 'raw ${not} interpolated',
    'quoted-key': { a: 1, b: 2 },
  });
  expect(p.secret).toEqual(new Unknown('password', ['param password']));
  expect(isUnknown(p.suffix)).toBe(true);
});

test('nested child resources and parent: get the full type and name; existing resources are only symbols', async () => {
  const { resources, one } = await load({
    'main.bicep': `resource sql 'Microsoft.Sql/servers@2023-05-01-preview' existing = {
  name: 'sql1'
}
resource db 'Microsoft.Sql/servers/databases@2023-05-01-preview' = {
  parent: sql
  name: 'db1'
  location: 'westeurope'
  resource tde 'transparentDataEncryption' = {
    name: 'current'
    properties: { state: 'Disabled' }
  }
}
${STORAGE} = {
  name: 'st1'
  resource blob 'blobServices@2023-01-01' = {
    name: 'default'
    resource c 'containers' = {
      name: 'logs'
      properties: { publicAccess: 'Blob' }
    }
  }
}
output dbId string = db.id
`,
  });
  expect(resources.filter((r) => r.type !== 'template').map((r) => `${r.type} ${r.name} ${r.attributes.apiVersion}`)).toEqual([
    'microsoft.sql/servers/databases sql1/db1 2023-05-01-preview',
    'microsoft.sql/servers/databases/transparentdataencryption sql1/db1/current 2023-05-01-preview',
    'microsoft.storage/storageaccounts st1 2023-01-01',
    'microsoft.storage/storageaccounts/blobservices st1/default 2023-01-01',
    'microsoft.storage/storageaccounts/blobservices/containers st1/default/logs 2023-01-01',
  ]);
  const db = one('microsoft.sql/servers/databases');
  expect(db.attributes).not.toHaveProperty('parent');
  expect(db.attributes.type).toBe('Microsoft.Sql/servers/databases');
  const storage = one();
  expect(storage.attributes.properties).toBeUndefined();
  const out = one('template').attributes.outputs as Record<string, { value: Unknown }>;
  expect(out.dbId.value.refs).toEqual(["Microsoft.Sql/servers/databases 'sql1/db1'"]);
});

test('for loops give one resource with the loop variables unknown; if conditions are kept', async () => {
  const { one } = await load({
    'main.bicep': `param names array
param deploy bool = false
${STORAGE} = [for (n, i) in names: {
  name: 'st\${i}'
  properties: {
    tag: n.tag
    rules: [for r in n.rules: { value: r }]
  }
}]
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = if (deploy) {
  name: 'kv'
  properties: { enablePurgeProtection: true }
}
`,
  });
  const st = one();
  expect(st.meta).toMatchObject({ loop: true });
  expect(isUnknown(st.attributes.name)).toBe(true);
  expect(get(st.attributes, 'properties.tag')).toEqual(new Unknown('n.tag', ['for n']));
  expect(isUnknown(get(st.attributes, 'properties.rules[0].value'))).toBe(true);
  const kv = one('microsoft.keyvault/vaults');
  expect(kv.meta).toMatchObject({ condition: false });
  expect(get(kv.attributes, 'properties.enablePurgeProtection')).toBe(true);
});

test('local modules are expanded with their params (depth-bounded); registry modules and missing files are warnings', async () => {
  const mod = `param tls string
param name string = 'default-name'
${STORAGE} = {
  name: name
  properties: { minimumTlsVersion: tls }
}
`;
  const r = await load({
    'infra/main.bicep': `param tls string = 'TLS1_0'
module logs './modules/storage.bicep' = {
  name: 'logs'
  params: {
    tls: tls
    name: 'stlogs'
  }
}
module other 'modules/storage.bicep' = {
  name: 'other'
  params: { tls: 'TLS1_2' }
}
module reg 'br/public:avm/res/storage/storage-account:0.9.0' = {
  name: 'reg'
}
module gone './missing.bicep' = {
  name: 'gone'
}
`,
    'infra/modules/storage.bicep': mod,
  });
  const accounts = r.ofType('microsoft.storage/storageaccounts');
  expect(accounts.map((a) => [a.address, a.path, get(a.attributes, 'properties.minimumTlsVersion')])).toEqual([
    ["Microsoft.Storage/storageAccounts 'stlogs' (module logs)", 'infra/modules/storage.bicep', 'TLS1_0'],
    ["Microsoft.Storage/storageAccounts 'default-name' (module other)", 'infra/modules/storage.bicep', 'TLS1_2'],
  ]);
  expect(r.groups).toHaveLength(1);
  expect(r.warnings.map((w) => w.code)).toEqual(['unsupported', 'not-found']);
  expect(r.warnings[0].message).toContain('registry');

  const loop = await load({ 'a.bicep': "module b './b.bicep' = {\n  name: 'b'\n}\n", 'b.bicep': `module a './a.bicep' = {\n  name: 'a'\n}\n${STORAGE} = {\n  name: 'st'\n}\n` });
  expect(loop.ofType('microsoft.storage/storageaccounts').length).toBeGreaterThan(0);
  expect(loop.warnings.some((w) => w.message.includes('deeper than 5'))).toBe(true);
});

test('a .bicepparam file supplies param values to the template it names', async () => {
  const { one } = await load({
    'main.bicep': `param tls string = 'TLS1_2'\nparam cfg object\n${STORAGE} = {\n  name: 'st'\n  properties: {\n    minimumTlsVersion: tls\n    https: cfg.https\n  }\n}\n`,
    'prod.bicepparam': "using './main.bicep'\n\nparam tls = 'TLS1_0'\nparam cfg = {\n  https: false\n}\n",
  });
  expect(get(one().attributes, 'properties.minimumTlsVersion')).toBe('TLS1_0');
  expect(get(one().attributes, 'properties.https')).toBe(false);
});

test('lines: the resource block and the line of every property', async () => {
  const { one } = await load({
    'main.bicep': `// storage
param x string = 'a'

${STORAGE} = {
  name: 'st'
  properties: {
    networkAcls: {
      defaultAction: 'Allow'
    }
    rules: [
      {
        value: x
      }
    ]
  }
}
`,
  });
  const r = one();
  expect([r.line, r.endLine]).toEqual([4, 16]);
  expect(r.lineOf('properties.networkAcls.defaultAction')).toEqual({ line: 8 });
  expect(r.lineOf('properties.rules[0].value')).toEqual({ line: 12 });
  expect(r.lineOf('name')).toEqual({ line: 5 });
});

test('syntax errors are parse-error warnings with a line; the rest of the file is still loaded', async () => {
  const { resources, warnings } = await load({
    'main.bicep': `${STORAGE} = {
  name: 'broken'
  properties: {
    minimumTlsVersion:
  }
}
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv'
  properties: { enablePurgeProtection: false }
}
`,
  });
  expect(warnings.length).toBeGreaterThan(0);
  expect(warnings[0]).toMatchObject({ code: 'parse-error', path: 'main.bicep', message: expect.stringMatching(/^line \d+: /) });
  expect(resources.find((r) => r.type === 'microsoft.keyvault/vaults')?.attributes.properties).toEqual({ enablePurgeProtection: false });
});

test('a 10k-deep expression and a file of garbage do not crash', async () => {
  const deep = await load({ 'main.bicep': `var x = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n${STORAGE} = {\n  name: 'st'\n  properties: { v: x }\n}\n` });
  expect(deep.ofType('microsoft.storage/storageaccounts')).toHaveLength(1);
  const garbage = await load({ 'main.bicep': '\u0000\u00ff}}}{{{ resource = = \'\n'.repeat(50) });
  expect(garbage.warnings[0]).toMatchObject({ code: 'parse-error' });
});

test('through the scanner: a Bicep finding at the property line; invalid UTF-8 does not stop the scan', async () => {
  const text = `${STORAGE} = {\n  name: 'st'\n  properties: {\n    minimumTlsVersion: 'TLS1_0'\n  }\n}\n`;
  const r = await scanFiles(
    [
      { path: 'main.bicep', content: text },
      { path: 'bad/main.bicep', content: new Uint8Array([...Buffer.from(text), 0xff, 0xfe, 0x80]) },
    ],
    { scanners: [iacScanner], options: { iac: { rules: ['IAC-AZ-STORAGE-MIN-TLS'] } } },
  );
  const f = r.findings.find((x) => x.location.kind === 'resource' && x.location.path === 'main.bicep');
  expect(f?.location).toMatchObject({ line: 4, attribute: 'properties.minimumTlsVersion', value: 'TLS1_0' });
  expect(r.scanners.find((s) => s.scanner === 'iac')?.status).toBe('ran');
});

test('the template pseudo-resource: params (secure by @secure() or @sys.secure()) and what outputs expose', async () => {
  const { one } = await load({
    'main.bicep': `@sys.secure()
param key string = 'literal'
@secure()
param other string
param name string = 'st'
${STORAGE} existing = {
  name: name
}
output k string = sa.listKeys().keys[0].value
output both string = '\${key}-\${other}'
output fine string = sa.id
`,
  });
  const t = one('template');
  expect(t.attributes.parameters).toEqual({
    key: { type: 'securestring', secure: true, defaultValue: 'literal' },
    other: { type: 'securestring', secure: true },
    name: { type: 'string', secure: false, defaultValue: 'st' },
  });
  const outputs = t.attributes.outputs as Record<string, { exposes: string[] }>;
  expect([outputs.k.exposes, outputs.both.exposes.sort(), outputs.fine.exposes]).toEqual([['listKeys()'], ['param key', 'param other'], []]);
  expect(t.lineOf('outputs.both')).toEqual({ line: 10 });
});

test('loadJsonContent and loadTextContent read files of the tree next to the template', async () => {
  const { one } = await load({
    'infra/main.bicep': `var cfg = loadJsonContent('config/storage.json')\n${STORAGE} = {\n  name: cfg.name\n  properties: {\n    minimumTlsVersion: cfg.tls\n    note: loadTextContent('../README.txt')\n    gone: loadJsonContent('missing.json')\n  }\n}\n`,
    'infra/config/storage.json': '{ "name": "stcfg", "tls": "TLS1_1" }',
    'README.txt': 'hello',
  });
  const r = one();
  expect(r.name).toBe('stcfg');
  expect(r.attributes.properties).toMatchObject({ minimumTlsVersion: 'TLS1_1', note: 'hello' });
  expect(isUnknown(get(r.attributes, 'properties.gone'))).toBe(true);
});

test('a byte order mark before the file is not an error', async () => {
  const { one, warnings } = await load({ 'main.bicep': `\uFEFF${STORAGE} = {\n  name: 'st'\n}\n` });
  expect(warnings).toEqual([]);
  expect(one().line).toBe(1);
});

test('a module that is an ARM template is read with the params passed, once', async () => {
  const arm = JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    parameters: { tls: { type: 'string', defaultValue: 'TLS1_2' } },
    resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: 'starm', properties: { minimumTlsVersion: "[parameters('tls')]" } }],
  });
  const r = await scanFiles(
    [
      { path: 'main.bicep', content: "module legacy './legacy/storage.json' = {\n  name: 'legacy'\n  params: {\n    tls: 'TLS1_0'\n  }\n}\n" },
      { path: 'legacy/storage.json', content: arm },
    ],
    { scanners: [iacScanner], options: { iac: { rules: ['IAC-AZ-STORAGE-MIN-TLS'] } } },
  );
  expect(r.warnings).toEqual([]);
  expect(r.findings.map((f) => f.location)).toEqual([
    expect.objectContaining({ path: 'legacy/storage.json', address: "Microsoft.Storage/storageAccounts 'starm' (module legacy)", value: 'TLS1_0' }),
  ]);
  expect(r.results).toEqual([]);
});
