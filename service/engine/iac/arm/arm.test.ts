// The ARM loader: template expressions, parameters (defaults, parameters files, nested deployments),
// child resources, copy loops, lines, and bad input as warnings.
import type { ScanWarning } from '../../../contract/model';
import { scanFiles } from '../../scan';
import { iacScanner } from '../scanner';
import type { IacResource, LoadContext } from '../types';
import { Unknown, get, isUnknown } from '../values';
import { loadArmFile } from './loader';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

function load(template: object | string, others: Record<string, string> = {}, path = 'infra/azuredeploy.json') {
  const text = typeof template === 'string' ? template : JSON.stringify({ $schema: SCHEMA, ...template }, null, 2);
  const files: Record<string, string> = { ...others, [path]: text };
  const warnings: Omit<ScanWarning, 'scanner'>[] = [];
  const ctx = {
    project: { has: (p: string) => p in files },
    files: [],
    text: (p: string) => files[p],
    warn: (w: Omit<ScanWarning, 'scanner'>) => warnings.push(w),
  } as unknown as LoadContext;
  const resources = loadArmFile(ctx, path, text)?.resources ?? [];
  return { resources, warnings, byType: (t: string) => resources.filter((r) => r.type === t) };
}

const storage = (properties: object, extra: object = {}) => ({
  type: 'Microsoft.Storage/storageAccounts',
  apiVersion: '2023-01-01',
  name: 'stlogs',
  location: 'westeurope',
  ...extra,
  properties,
});

const one = (r: { resources: IacResource[] }, type = 'microsoft.storage/storageaccounts'): IacResource => {
  const found = r.resources.filter((x) => x.type === type);
  expect(found).toHaveLength(1);
  return found[0];
};

test('a resource: lower-case type, display address, the resource object as attributes', () => {
  const r = one(load({ resources: [storage({ minimumTlsVersion: 'TLS1_2' }, { kind: 'StorageV2' })] }));
  expect(r).toMatchObject({ model: 'azure', platform: 'arm', type: 'microsoft.storage/storageaccounts', name: 'stlogs', address: "Microsoft.Storage/storageAccounts 'stlogs'" });
  expect(r.attributes).toMatchObject({ apiVersion: '2023-01-01', kind: 'StorageV2', location: 'westeurope', properties: { minimumTlsVersion: 'TLS1_2' } });
});

test('expressions: parameters, variables and the template functions over known values', () => {
  const { resources } = load({
    parameters: {
      tls: { type: 'string', defaultValue: 'TLS1_2' },
      env: { type: 'string', defaultValue: 'Prod' },
      flags: { type: 'object', defaultValue: { https: true, tags: ['a', 'b'] } },
    },
    variables: {
      prefix: "[toLower(parameters('env'))]",
      settings: { network: { defaultAction: 'Deny' } },
      list: ['x', 'y'],
    },
    resources: [
      storage({
        minimumTlsVersion: "[parameters('TLS')]",
        https: "[parameters('flags').https]",
        second: "[parameters('flags')['tags'][1]]",
        action: "[variables('settings').network.defaultAction]",
        joined: "[concat(variables('prefix'), '-', string(3), '-', variables('list')[0])]",
        formatted: "[format('{0}-{1}-{{x}}', variables('prefix'), 7)]",
        upper: "[toUpper('abc')]",
        number: "[int('42')]",
        truth: "[bool('true')]",
        chosen: "[if(equals(parameters('env'), 'Prod'), 'TLS1_2', 'TLS1_0')]",
        logic: "[and(not(false), or(false, true))]",
        isEmpty: "[empty(variables('list'))]",
        has: "[contains(variables('list'), 'y')]",
        merged: "[union(createObject('a', 1), createObject('b', createArray(1, 2)))]",
        parsed: "[json('{\"k\": [1, 2]}')]",
        quoted: "[concat('it''s', ' ok')]",
        escaped: '[[not an expression]',
        plain: 'just text',
      }),
    ],
  });
  const p = resources[1].attributes.properties;
  expect(p).toEqual({
    minimumTlsVersion: 'TLS1_2',
    https: true,
    second: 'b',
    action: 'Deny',
    joined: 'prod-3-x',
    formatted: 'prod-7-{x}',
    upper: 'ABC',
    number: 42,
    truth: true,
    chosen: 'TLS1_2',
    logic: true,
    isEmpty: false,
    has: true,
    merged: { a: 1, b: [1, 2] },
    parsed: { k: [1, 2] },
    quoted: "it's ok",
    escaped: '[not an expression]',
    plain: 'just text',
  });
});

test('what only exists at deployment is Unknown, with the names it refers to', () => {
  const r = one(
    load({
      parameters: { tls: { type: 'string' } },
      resources: [
        storage(
          {
            minimumTlsVersion: "[parameters('tls')]",
            id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apps')]",
            key: "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'other'), '2023-01-01').keys[0].value]",
            suffix: "[concat('st', uniqueString(resourceGroup().id))]",
            decided: "[if(equals(parameters('tls'), 'x'), 'same', 'same')]",
            guarded: "[and(false, equals(parameters('tls'), 'x'))]",
          },
          { location: '[resourceGroup().location]' },
        ),
      ],
    }),
  );
  const p = r.attributes.properties as Record<string, unknown>;
  expect(p.minimumTlsVersion).toEqual(new Unknown("[parameters('tls')]", ["parameters('tls')"]));
  expect((p.id as Unknown).refs).toEqual(["Microsoft.Network/virtualNetworks/subnets 'vnet/apps'"]);
  expect((p.key as Unknown).refs).toEqual(expect.arrayContaining(["Microsoft.Storage/storageAccounts 'other'", 'listKeys()']));
  expect(isUnknown(p.suffix)).toBe(true);
  expect(isUnknown(r.attributes.location)).toBe(true);
  expect(p.decided).toBe('same');
  expect(p.guarded).toBe(false);
});

test('a sibling parameters file supplies values (Key Vault references stay unknown)', () => {
  const params = JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
    parameters: { tls: { value: 'TLS1_0' }, secret: { reference: { keyVault: { id: 'kv' }, secretName: 's' } } },
  });
  const template = {
    parameters: { tls: { type: 'string', defaultValue: 'TLS1_2' }, secret: { type: 'securestring' } },
    resources: [storage({ minimumTlsVersion: "[parameters('tls')]", key: "[parameters('secret')]" })],
  };
  const own = one(load(template, { 'infra/main.parameters.json': params }, 'infra/main.json'));
  expect(get(own.attributes, 'properties.minimumTlsVersion')).toBe('TLS1_0');
  expect(isUnknown(get(own.attributes, 'properties.key'))).toBe(true);
  const shared = one(load(template, { 'infra/azuredeploy.parameters.json': params }));
  expect(get(shared.attributes, 'properties.minimumTlsVersion')).toBe('TLS1_0');
  const none = one(load(template, { 'other/azuredeploy.parameters.json': params }));
  expect(get(none.attributes, 'properties.minimumTlsVersion')).toBe('TLS1_2');
});

test('nested child resources are flattened with full type and name; copy loops are one resource', () => {
  const r = load({
    variables: {
      copy: [{ name: 'subnets', count: 2, input: { name: "[concat('s', copyIndex('subnets'))]" } }],
    },
    resources: [
      {
        type: 'Microsoft.Sql/servers',
        apiVersion: '2023-05-01-preview',
        name: 'sql1',
        properties: {},
        resources: [
          { type: 'databases', apiVersion: '2023-05-01-preview', name: 'db1', properties: {}, resources: [{ type: 'transparentDataEncryption', name: 'current', properties: { state: 'Disabled' } }] },
          { type: 'Microsoft.Sql/servers/firewallRules', apiVersion: '2023-05-01-preview', name: 'open', properties: { startIpAddress: '0.0.0.0' } },
        ],
      },
      { ...storage({ index: '[copyIndex()]', subnets: "[variables('subnets')]" }), name: "[concat('st', copyIndex())]", copy: { name: 'accounts', count: 3 } },
      {
        type: 'Microsoft.Network/networkSecurityGroups',
        apiVersion: '2023-09-01',
        name: 'nsg',
        properties: { copy: [{ name: 'securityRules', count: 2, input: { name: "[concat('r', copyIndex('securityRules'))]", properties: { access: 'Allow' } } }] },
      },
    ],
  });
  expect(r.resources.filter((x) => x.type !== 'template').map((x) => `${x.type} ${x.name}`)).toEqual([
    'microsoft.sql/servers sql1',
    'microsoft.sql/servers/databases sql1/db1',
    'microsoft.sql/servers/databases/transparentdataencryption sql1/db1/current',
    'microsoft.sql/servers/firewallrules sql1/open',
    "microsoft.storage/storageaccounts [concat('st', copyIndex())]",
    'microsoft.network/networksecuritygroups nsg',
  ]);
  const st = one(r);
  expect(st.meta).toMatchObject({ copy: { name: 'accounts', count: 3 } });
  expect(isUnknown(get(st.attributes, 'properties.index'))).toBe(true);
  expect(get(st.attributes, 'properties.subnets[0].name')).toBeInstanceOf(Unknown);
  const nsg = one(r, 'microsoft.network/networksecuritygroups');
  expect(get(nsg.attributes, 'properties.securityRules[0].properties.access')).toBe('Allow');
  expect(get(r.byType('microsoft.sql/servers/databases')[0].attributes, 'type')).toBe('Microsoft.Sql/servers/databases');
});

test('nested deployments: inner scope gets the values passed in, outer scope reads the parent; depth is bounded', () => {
  const nested = (scope: string, template: object) => ({
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name: `nested-${scope}`,
    properties: { mode: 'Incremental', expressionEvaluationOptions: { scope }, parameters: { tls: { value: "[parameters('outerTls')]" } }, template },
  });
  const r = load({
    parameters: { outerTls: { type: 'string', defaultValue: 'TLS1_1' } },
    resources: [
      nested('inner', { parameters: { tls: { type: 'string' } }, resources: [storage({ minimumTlsVersion: "[parameters('tls')]" })] }),
      nested('outer', { resources: [{ ...storage({ minimumTlsVersion: "[parameters('outerTls')]" }), name: 'st2' }] }),
    ],
  });
  const accounts = r.byType('microsoft.storage/storageaccounts');
  expect(accounts.map((a) => [a.address, get(a.attributes, 'properties.minimumTlsVersion')])).toEqual([
    ["Microsoft.Storage/storageAccounts 'stlogs' (deployment nested-inner)", 'TLS1_1'],
    ["Microsoft.Storage/storageAccounts 'st2' (deployment nested-outer)", 'TLS1_1'],
  ]);
  expect(r.byType('microsoft.resources/deployments')[0].attributes.properties).not.toHaveProperty('template');

  let deep: object = { resources: [storage({})] };
  for (let i = 0; i < 8; i++) deep = { resources: [nested('inner', deep)] };
  const bounded = load(deep);
  expect(bounded.byType('microsoft.storage/storageaccounts')).toEqual([]);
  expect(bounded.warnings).toEqual([expect.objectContaining({ code: 'parse-error', message: expect.stringContaining('nested deployments deeper than 5') })]);
});

test('languageVersion 2.0 symbolic resources; existing resources are not judged', () => {
  const r = load({ languageVersion: '2.0', resources: { logs: storage({ minimumTlsVersion: 'TLS1_0' }), ref: { ...storage({}), name: 'other', existing: true } } });
  expect(one(r).lineOf('properties.minimumTlsVersion')).toEqual({ line: expect.any(Number) });
  expect(r.resources.filter((x) => x.type !== 'template')).toHaveLength(1);
});

test('lines: every attribute at its own line, the block from its { to before the next resource', () => {
  const text = `{
  // deployed by the platform team
  "$schema": "${SCHEMA}",
  "resources": [
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-01-01",
      "name": "stlogs",
      "properties": {
        "minimumTlsVersion": "TLS1_0",
      },
    },
    {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2023-07-01",
      "name": "kv",
      "properties": {}
    }
  ]
}
`;
  const r = load(text);
  const st = one(r);
  expect([st.line, st.endLine]).toEqual([5, 12]);
  expect(st.lineOf('properties.minimumTlsVersion')).toEqual({ line: 10 });
  expect(st.lineOf('properties')).toEqual({ line: 9 });
  expect(one(r, 'microsoft.keyvault/vaults').line).toBe(13);
});

test('a template pseudo-resource carries parameters and outputs (secure ones and what outputs expose)', () => {
  const r = load({
    parameters: { pw: { type: 'secureString', defaultValue: 'x' }, name: { type: 'string', defaultValue: 'st' } },
    resources: [],
    outputs: { leak: { type: 'string', value: "[parameters('pw')]" }, ok: { type: 'string', value: "[parameters('name')]" } },
  });
  const t = one(r, 'template');
  expect(t.attributes).toEqual({
    parameters: { pw: { type: 'securestring', secure: true, defaultValue: 'x' }, name: { type: 'string', secure: false, defaultValue: 'st' } },
    outputs: { leak: { type: 'string', secure: false, exposes: ["parameters('pw')"], value: 'x' }, ok: { type: 'string', secure: false, exposes: [], value: 'st' } },
  });
});

test('malformed JSON, a 10k-deep document and a resource without a type are warnings, not crashes', () => {
  const broken = load(`{ "$schema": "${SCHEMA}",\n  "resources": [ { "type": \n`);
  expect(broken.resources).toEqual([]);
  expect(broken.warnings[0]).toMatchObject({ code: 'parse-error', path: 'infra/azuredeploy.json', message: expect.stringMatching(/^line \d+: /) });

  const deep = load(`{ "$schema": "${SCHEMA}", "resources": [${'['.repeat(10_000)}${']'.repeat(10_000)}] }`);
  expect(deep.resources).toEqual([]);
  expect(deep.warnings).toEqual([expect.objectContaining({ message: expect.stringContaining('nested deeper than') })]);

  const untyped = load({ resources: [{ name: 'x' }, storage({})] });
  expect(untyped.byType('microsoft.storage/storageaccounts')).toHaveLength(1);
  expect(untyped.warnings).toEqual([expect.objectContaining({ message: expect.stringContaining('without a type') })]);
});

test('through the scanner: a finding at the attribute line; invalid UTF-8 does not stop the scan', async () => {
  const text = JSON.stringify({ $schema: SCHEMA, resources: [storage({ minimumTlsVersion: 'TLS1_0' })] }, null, 2);
  const bytes = Buffer.concat([Buffer.from(text.replace('stlogs', 'st\u00e9')), Buffer.from([0xff, 0xfe])]);
  const r = await scanFiles(
    [
      { path: 'azuredeploy.json', content: text },
      { path: 'bad/azuredeploy.json', content: new Uint8Array(bytes) },
    ],
    { scanners: [iacScanner], options: { iac: { rules: ['IAC-AZ-STORAGE-MIN-TLS'] } } },
  );
  const good = r.findings.find((f) => f.location.kind === 'resource' && f.location.path === 'azuredeploy.json');
  expect(good?.location).toMatchObject({ line: 10, attribute: 'properties.minimumTlsVersion', value: 'TLS1_0' });
  expect(r.scanners.find((s) => s.scanner === 'iac')?.status).toBe('ran');
});

test('a deployment linked by templateLink.relativePath loads that file with the values passed; it is not loaded again as a root', async () => {
  const main = JSON.stringify({
    $schema: SCHEMA,
    parameters: { tls: { type: 'string', defaultValue: 'TLS1_0' } },
    resources: [
      {
        type: 'Microsoft.Resources/deployments',
        apiVersion: '2022-09-01',
        name: 'storage',
        properties: { mode: 'Incremental', templateLink: { relativePath: 'nested/storage.json' }, parameters: { minTls: { value: "[parameters('tls')]" } } },
      },
      { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'gone', properties: { templateLink: { relativePath: 'nested/missing.json' } } },
    ],
  });
  const linked = JSON.stringify({ $schema: SCHEMA, parameters: { minTls: { type: 'string' } }, resources: [storage({ minimumTlsVersion: "[parameters('minTls')]" })] }, null, 2);
  const r = await scanFiles(
    [
      { path: 'infra/main.json', content: main },
      { path: 'infra/nested/storage.json', content: linked },
    ],
    { scanners: [iacScanner], options: { iac: { rules: ['IAC-AZ-STORAGE-MIN-TLS'] } } },
  );
  expect(r.findings.map((f) => f.location)).toEqual([
    expect.objectContaining({ path: 'infra/nested/storage.json', line: 15, address: "Microsoft.Storage/storageAccounts 'stlogs' (deployment storage)", value: 'TLS1_0' }),
  ]);
  expect(r.results).toEqual([]);
  expect(r.warnings).toEqual([expect.objectContaining({ path: 'infra/main.json', message: expect.stringContaining('nested/missing.json is not in the repository') })]);
});

test('a property copy loop item is found at the line of its input', () => {
  const text = `{
  "$schema": "${SCHEMA}",
  "resources": [
    {
      "type": "Microsoft.Network/networkSecurityGroups",
      "apiVersion": "2023-09-01",
      "name": "nsg",
      "properties": {
        "copy": [
          {
            "name": "securityRules",
            "count": 2,
            "input": {
              "name": "[concat('rule', copyIndex('securityRules'))]",
              "properties": {
                "destinationPortRange": "22"
              }
            }
          }
        ]
      }
    }
  ]
}
`;
  const nsg = one(load(text), 'microsoft.network/networksecuritygroups');
  expect(get(nsg.attributes, 'properties.securityRules[0].properties.destinationPortRange')).toBe('22');
  expect(nsg.lineOf('properties.securityRules[0].properties.destinationPortRange')).toEqual({ line: 16 });
  expect(nsg.lineOf('properties.securityRules[0]')).toEqual({ line: 13 });
});

test('a byte order mark before the template is not an error', () => {
  const r = load(`\uFEFF${JSON.stringify({ $schema: SCHEMA, resources: [storage({})] })}`);
  expect(r.warnings).toEqual([]);
  expect(r.byType('microsoft.storage/storageaccounts')).toHaveLength(1);
});
