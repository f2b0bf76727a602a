// API Management, Cognitive Services, Event Hubs, Service Bus, Log Analytics.
import { expect, fail, pass } from '../../helpers';
import type { IacRule, Verdict } from '../../types';
import { isObject, isUnknown, joinPath } from '../../values';
import { azureRule, param, type Body, type Res } from './build';
import { noOldTls, publicNetworkDisabled } from './checks';

const APIM = ['Microsoft.ApiManagement/service'];
const apim = (customProperties: Body): Body => ({
  sku: { name: 'Developer', capacity: 1 },
  properties: { publisherEmail: 'api@example.com', publisherName: 'Example', customProperties },
});
const SECURITY = 'Microsoft.WindowsAzure.ApiManagement.Gateway.Security';
const PROTOCOL_KEYS = ['Protocols.Tls10', 'Protocols.Tls11', 'Protocols.Ssl30', 'Backend.Protocols.Tls10', 'Backend.Protocols.Tls11', 'Backend.Protocols.Ssl30'].map((k) => `${SECURITY}.${k}`);
const CIPHER_KEYS = [
  'Ciphers.TripleDes168',
  'Ciphers.TLS_RSA_WITH_AES_128_CBC_SHA',
  'Ciphers.TLS_RSA_WITH_AES_256_CBC_SHA',
  'Ciphers.TLS_RSA_WITH_AES_128_CBC_SHA256',
  'Ciphers.TLS_RSA_WITH_AES_256_CBC_SHA256',
  'Ciphers.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
  'Ciphers.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
  'Ciphers.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA',
  'Ciphers.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA',
].map((k) => `${SECURITY}.${k}`);

/** customProperties flags that must not be "true" (they are strings in ARM). */
function apimFlagsOff(keys: readonly string[]): IacRule['check'] {
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  return (r) => {
    const p = isObject(r.attributes.properties) ? r.attributes.properties.customProperties : undefined;
    const base = 'properties.customProperties';
    if (isUnknown(p)) return { outcome: 'unknown', path: base, value: p };
    if (!isObject(p)) return pass(base);
    const fails: Verdict[] = [];
    let unsure: Verdict | undefined;
    for (const [k, v] of Object.entries(p)) {
      if (!wanted.has(k.toLowerCase())) continue;
      if (isUnknown(v)) unsure ??= { outcome: 'unknown', path: joinPath(base, k), value: v };
      else if (v === true || (typeof v === 'string' && v.toLowerCase() === 'true')) fails.push(fail(joinPath(base, k), v));
    }
    return fails.length ? fails : (unsure ?? pass(base));
  };
}

const COGNITIVE = ['Microsoft.CognitiveServices/accounts'];
const cognitive = (p: Body): Body => ({ kind: 'OpenAI', sku: { name: 'S0' }, properties: { customSubDomainName: 'example-ai', ...p } });
const EVENTHUB = ['Microsoft.EventHub/namespaces'];
const SERVICEBUS = ['Microsoft.ServiceBus/namespaces'];
const namespace = (p: Body): Body => ({ sku: { name: 'Standard' }, properties: p });
const LAW = ['Microsoft.OperationalInsights/workspaces'];
const CDN_ENDPOINT = 'Microsoft.Cdn/profiles/endpoints';
const cdn = (p: Body): Res[] => [{ type: CDN_ENDPOINT, name: 'cdn/web', body: { properties: { origins: [{ name: 'origin', properties: { hostName: 'app.example.com' } }], ...p } } }];

const messaging = (service: 'Event Hubs' | 'Service Bus', types: string[], api: string, doc: string): IacRule[] => {
  const tag = service === 'Event Hubs' ? 'EVENTHUB' : 'SERVICEBUS';
  return [
    azureRule({
      id: `IAC-AZ-${tag}-MIN-TLS`,
      title: `${service} namespace allows TLS older than 1.2`,
      severity: 'medium',
      description: `TLS 1.0 and 1.1 have known weaknesses; the ${service} namespace should refuse them.`,
      remediation: "Set properties.minimumTlsVersion to '1.2' (the default).",
      helpUri: `https://learn.microsoft.com/azure/${doc}/transport-layer-security-configure-minimum-version`,
      ...(service === 'Event Hubs' ? { checkov: 'CKV_AZURE_223' } : {}),
      cwe: ['CWE-326'],
      types,
      api,
      check: noOldTls('properties.minimumTlsVersion', 'pass'),
      fail: [namespace({ minimumTlsVersion: '1.0' })],
      pass: [namespace({ minimumTlsVersion: '1.2' })],
      unknown: [namespace({ minimumTlsVersion: param('minTls') })],
    }),
    azureRule({
      id: `IAC-AZ-${tag}-LOCAL-AUTH`,
      title: `${service} namespace accepts SAS keys`,
      severity: 'medium',
      description: 'Shared access signature keys grant access outside Entra ID and RBAC, leak into connection strings and are rarely rotated.',
      remediation: 'Set properties.disableLocalAuth to true and use Entra ID identities.',
      helpUri: `https://learn.microsoft.com/azure/${doc}/disable-local-authentication`,
      cwe: ['CWE-287'],
      types,
      api,
      check: expect('properties.disableLocalAuth', true),
      fail: [namespace({ disableLocalAuth: false }), namespace({ minimumTlsVersion: '1.2' })],
      pass: [namespace({ disableLocalAuth: true, minimumTlsVersion: '1.2' })],
      unknown: [namespace({ disableLocalAuth: param('noSas', 'bool') })],
    }),
  ];
};

export const serviceRules: readonly IacRule[] = [
  azureRule({
    id: 'IAC-AZ-APIM-LEGACY-PROTOCOLS',
    title: 'API Management enables SSL 3.0, TLS 1.0 or TLS 1.1',
    severity: 'high',
    description: 'Legacy protocols on the gateway (client side) or towards backends allow downgrade attacks and weak encryption.',
    remediation: `Set the customProperties ${SECURITY}.Protocols.Tls10/Tls11/Ssl30 (and Backend.Protocols.*) to "false".`,
    helpUri: 'https://learn.microsoft.com/azure/api-management/api-management-howto-manage-protocols-ciphers',
    cwe: ['CWE-326'],
    types: APIM,
    api: '2023-05-01-preview',
    check: apimFlagsOff(PROTOCOL_KEYS),
    fail: [apim({ [`${SECURITY}.Protocols.Tls10`]: 'true' }), apim({ [`${SECURITY}.Backend.Protocols.Ssl30`]: 'True' })],
    pass: [apim({ [`${SECURITY}.Protocols.Tls10`]: 'false', [`${SECURITY}.Protocols.Tls11`]: 'false' }), apim({})],
    unknown: [apim({ [`${SECURITY}.Protocols.Tls11`]: param('tls11') })],
  }),
  azureRule({
    id: 'IAC-AZ-APIM-WEAK-CIPHERS',
    title: 'API Management enables weak cipher suites',
    severity: 'medium',
    description: 'Triple DES and CBC-mode RSA key-exchange ciphers are vulnerable (Sweet32, no forward secrecy).',
    remediation: `Set the customProperties ${SECURITY}.Ciphers.TripleDes168 and the TLS_RSA_* / CBC ciphers to "false".`,
    helpUri: 'https://learn.microsoft.com/azure/api-management/api-management-howto-manage-protocols-ciphers',
    cwe: ['CWE-327'],
    types: APIM,
    api: '2023-05-01-preview',
    check: apimFlagsOff(CIPHER_KEYS),
    fail: [apim({ [`${SECURITY}.Ciphers.TripleDes168`]: 'true' })],
    pass: [apim({ [`${SECURITY}.Ciphers.TripleDes168`]: 'false' })],
    unknown: [apim({ [`${SECURITY}.Ciphers.TripleDes168`]: param('tripleDes') })],
  }),
  azureRule({
    id: 'IAC-AZ-COGNITIVE-LOCAL-AUTH',
    title: 'Cognitive Services / Azure OpenAI account accepts API keys',
    severity: 'medium',
    description: 'API keys give full access outside Entra ID; they leak into code and configuration and are rarely rotated.',
    remediation: 'Set properties.disableLocalAuth to true and use Entra ID (managed identities).',
    helpUri: 'https://learn.microsoft.com/azure/ai-services/disable-local-auth',
    cwe: ['CWE-287'],
    types: COGNITIVE,
    api: '2023-05-01',
    check: expect('properties.disableLocalAuth', true),
    fail: [cognitive({ disableLocalAuth: false }), cognitive({})],
    pass: [cognitive({ disableLocalAuth: true })],
    unknown: [cognitive({ disableLocalAuth: param('noKeys', 'bool') })],
  }),
  azureRule({
    id: 'IAC-AZ-COGNITIVE-PUBLIC-NETWORK',
    title: 'Cognitive Services / Azure OpenAI account reachable from public networks',
    severity: 'medium',
    description: 'With public network access enabled the endpoint is reachable from the internet; keys or tokens are the only barrier.',
    remediation: "Set properties.publicNetworkAccess to 'Disabled' and use private endpoints.",
    helpUri: 'https://learn.microsoft.com/azure/ai-services/cognitive-services-virtual-networks',
    checkov: 'CKV_AZURE_134',
    cwe: ['CWE-284'],
    types: COGNITIVE,
    api: '2023-05-01',
    check: publicNetworkDisabled(),
    fail: [cognitive({ publicNetworkAccess: 'Enabled' }), cognitive({})],
    pass: [cognitive({ publicNetworkAccess: 'Disabled' })],
    unknown: [cognitive({ publicNetworkAccess: param('publicAccess') })],
  }),
  ...messaging('Event Hubs', EVENTHUB, '2024-01-01', 'event-hubs'),
  ...messaging('Service Bus', SERVICEBUS, '2022-10-01-preview', 'service-bus-messaging'),
  azureRule({
    id: 'IAC-AZ-LOG-ANALYTICS-RETENTION',
    title: 'Log Analytics workspace keeps logs for less than 90 days',
    severity: 'low',
    description: 'With the default 30-day retention, security logs are gone before many intrusions are discovered.',
    remediation: 'Set properties.retentionInDays to 90 or more (365 for security workspaces).',
    helpUri: 'https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure',
    cwe: ['CWE-778'],
    types: LAW,
    api: '2022-10-01',
    check: expect('properties.retentionInDays', (v) => typeof v === 'number' && v >= 90),
    fail: [{ properties: { sku: { name: 'PerGB2018' }, retentionInDays: 30 } }, { properties: { sku: { name: 'PerGB2018' } } }],
    pass: [{ properties: { sku: { name: 'PerGB2018' }, retentionInDays: 365 } }],
    unknown: [{ properties: { retentionInDays: param('retention', 'int') } }],
  }),
  ...(
    [
      ['IAC-AZ-APIM-PUBLIC-NETWORK', 'API Management service', 'Microsoft.ApiManagement/service', '2023-05-01-preview', 'CKV_AZURE_174', apim({}), 'api-management/private-endpoint'],
      ['IAC-AZ-EVENTGRID-TOPIC-PUBLIC-NETWORK', 'Event Grid topic', 'Microsoft.EventGrid/topics', '2023-12-15-preview', 'CKV_AZURE_193', { properties: { inputSchema: 'CloudEventSchemaV1_0' } }, 'event-grid/configure-private-endpoints'],
      ['IAC-AZ-DATABRICKS-PUBLIC-NETWORK', 'Databricks workspace', 'Microsoft.Databricks/workspaces', '2023-02-01', 'CKV_AZURE_158', { sku: { name: 'premium' }, properties: { managedResourceGroupId: 'mrg-id' } }, 'databricks/security/network/classic/private-link'],
    ] as const
  ).map(([id, what, type, api, checkov, base, doc]) =>
    azureRule({
      id,
      title: `${what} reachable from public networks`,
      severity: 'medium',
      description: `With public network access enabled (the default) the ${what} endpoint is reachable from the whole internet; keys or tokens are the only barrier.`,
      remediation: "Set properties.publicNetworkAccess to 'Disabled' and use private endpoints.",
      helpUri: `https://learn.microsoft.com/azure/${doc}`,
      checkov,
      cwe: ['CWE-284'],
      types: [type],
      api,
      check: publicNetworkDisabled(),
      fail: [withProps(base, { publicNetworkAccess: 'Enabled' }), withProps(base, {})],
      pass: [withProps(base, { publicNetworkAccess: 'Disabled' })],
      unknown: [withProps(base, { publicNetworkAccess: param('publicAccess') })],
    }),
  ),
  azureRule({
    id: 'IAC-AZ-EVENTGRID-TOPIC-LOCAL-AUTH',
    title: 'Event Grid topic accepts access keys',
    severity: 'medium',
    description: 'Topic access keys and SAS tokens let anyone holding them publish events, outside Entra ID and RBAC.',
    remediation: 'Set properties.disableLocalAuth to true and publish with Entra ID identities.',
    helpUri: 'https://learn.microsoft.com/azure/event-grid/authenticate-with-microsoft-entra-id',
    checkov: 'CKV_AZURE_192',
    cwe: ['CWE-287'],
    types: ['Microsoft.EventGrid/topics'],
    api: '2023-12-15-preview',
    check: expect('properties.disableLocalAuth', true),
    fail: [{ properties: { disableLocalAuth: false } }, { properties: { inputSchema: 'CloudEventSchemaV1_0' } }],
    pass: [{ properties: { disableLocalAuth: true } }],
    unknown: [{ properties: { disableLocalAuth: param('noKeys', 'bool') } }],
  }),
  azureRule({
    id: 'IAC-AZ-IOTHUB-PUBLIC-NETWORK',
    title: 'IoT Hub reachable from public networks',
    severity: 'medium',
    description:
      "With public network access enabled, devices and attackers alike reach the hub's endpoints from the whole internet; shared access keys are the only barrier. Unset fails (the default is Enabled; Checkov passes it).",
    remediation: "Set properties.publicNetworkAccess to 'Disabled' and connect devices through private endpoints (or restrict networkRuleSets).",
    helpUri: 'https://learn.microsoft.com/azure/iot-hub/virtual-network-support',
    checkov: 'CKV_AZURE_108',
    cwe: ['CWE-284'],
    types: ['Microsoft.Devices/IotHubs'],
    api: '2023-06-30',
    check: publicNetworkDisabled(),
    fail: [{ sku: { name: 'S1', capacity: 1 }, properties: { publicNetworkAccess: 'Enabled' } }, { sku: { name: 'S1', capacity: 1 }, properties: {} }],
    pass: [{ sku: { name: 'S1', capacity: 1 }, properties: { publicNetworkAccess: 'Disabled' } }],
    unknown: [{ sku: { name: 'S1', capacity: 1 }, properties: { publicNetworkAccess: param('publicAccess') } }],
  }),
  azureRule({
    id: 'IAC-AZ-CDN-HTTP-ALLOWED',
    title: 'CDN endpoint serves plain HTTP',
    severity: 'medium',
    description: 'isHttpAllowed true (the default) lets clients fetch content over unencrypted HTTP, where it can be read and altered in transit.',
    remediation: 'Set properties.isHttpAllowed to false (or add an HTTPS redirect rule) and keep isHttpsAllowed true.',
    helpUri: 'https://learn.microsoft.com/azure/cdn/cdn-create-endpoint-how-to',
    checkov: 'CKV_AZURE_197',
    cwe: ['CWE-319'],
    types: [CDN_ENDPOINT],
    api: '2023-05-01',
    check: expect('properties.isHttpAllowed', false),
    fail: [cdn({ isHttpAllowed: true }), cdn({})],
    pass: [cdn({ isHttpAllowed: false, isHttpsAllowed: true })],
    unknown: [cdn({ isHttpAllowed: param('allowHttp', 'bool') })],
  }),
  azureRule({
    id: 'IAC-AZ-CDN-HTTPS-DISABLED',
    title: 'CDN endpoint does not serve HTTPS',
    severity: 'medium',
    description: 'With isHttpsAllowed false the endpoint can only serve content over plain HTTP.',
    remediation: 'Set properties.isHttpsAllowed to true (the default).',
    helpUri: 'https://learn.microsoft.com/azure/cdn/cdn-create-endpoint-how-to',
    checkov: 'CKV_AZURE_198',
    cwe: ['CWE-319'],
    types: [CDN_ENDPOINT],
    api: '2023-05-01',
    check: expect('properties.isHttpsAllowed', true, { whenMissing: 'pass' }),
    fail: [cdn({ isHttpsAllowed: false })],
    pass: [cdn({ isHttpsAllowed: true }), cdn({ isHttpAllowed: false })],
    unknown: [cdn({ isHttpsAllowed: param('allowHttps', 'bool') })],
  }),
];

function withProps(base: Body, p: Body): Body {
  return { ...base, properties: { ...(base.properties as Body | undefined), ...p } };
}
