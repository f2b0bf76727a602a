// Subscription governance: custom roles, Defender for Cloud plans and contacts, the activity log profile.
import { expect, fail, pass, unknown } from '../../helpers';
import type { IacRule, IacValue } from '../../types';
import { asNumber, get, isObject, isUnknown } from '../../values';
import { azureRule, param, type Body } from './build';

/** A role's assignable scope that covers a whole subscription (or more): '/', a subscription id, a management group. */
const BROAD_SCOPE = /^\/$|^\/subscriptions\/[^/]+\/?$|^\/providers\/microsoft\.management\/managementgroups\/[^/]+\/?$/i;
const role = (actions: Body[string], scopes: Body[string]): Body =>
  ({ properties: { roleName: 'Custom deployer', type: 'CustomRole', permissions: [{ actions, notActions: [] }], assignableScopes: scopes } });

/** A setting that is 'On', written as a string (API 2017-08-01-preview) or as { state } (2020-01-01-preview and later). */
const isOn = (v: IacValue | undefined): boolean | undefined => {
  const state = isObject(v) ? v.state : v;
  if (isUnknown(state)) return undefined;
  return typeof state === 'string' && state.toLowerCase() === 'on';
};

export const governanceRules: readonly IacRule[] = [
  azureRule({
    id: 'IAC-AZ-CUSTOM-OWNER-ROLE',
    title: 'Custom role grants every action on a subscription',
    severity: 'high',
    description:
      "A custom role with actions '*' assignable at '/', a subscription or a management group is an Owner in disguise, outside the reviews built-in Owner assignments get. Management group scopes count too (Checkov reads only '/' and subscriptions).",
    remediation: 'List the actions the role needs instead of *, or use a built-in role.',
    helpUri: 'https://learn.microsoft.com/azure/role-based-access-control/custom-roles',
    checkov: 'CKV_AZURE_39',
    cis: ['CIS Azure 1.23'],
    cwe: ['CWE-269'],
    types: ['Microsoft.Authorization/roleDefinitions'],
    api: '2022-04-01',
    check: (r) => {
      const actions = get(r.attributes, 'properties.permissions');
      const scopes = get(r.attributes, 'properties.assignableScopes');
      if (isUnknown(actions)) return unknown('properties.permissions', actions);
      const star = (Array.isArray(actions) ? actions : []).some((p) => isObject(p) && Array.isArray(p.actions) && p.actions.includes('*'));
      if (!star) return pass('properties.permissions');
      const list = Array.isArray(scopes) ? scopes : [];
      if (list.some((s) => typeof s === 'string' && BROAD_SCOPE.test(s.trim()))) return fail('properties.assignableScopes', undefined, `${r.address} grants '*' at subscription scope or above`);
      if (isUnknown(scopes) || list.some(isUnknown)) return unknown('properties.assignableScopes');
      return pass('properties.assignableScopes');
    },
    fail: [role(['*'], ['/subscriptions/00000000-0000-0000-0000-000000000001']), role(['*'], ['/'])],
    pass: [
      role(['Microsoft.Resources/deployments/*', 'Microsoft.Web/sites/write'], ['/subscriptions/00000000-0000-0000-0000-000000000001']),
      role(['*'], ['/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/sandbox']),
    ],
    unknown: [role(['*'], [param('scope')])],
  }),
  azureRule({
    id: 'IAC-AZ-DEFENDER-STANDARD-TIER',
    title: 'Defender for Cloud plan on the Free tier',
    severity: 'medium',
    description: 'On the Free tier the plan gives no threat detection for the resource type: attacks on VMs, SQL, storage or Key Vault raise no alert.',
    remediation: "Set properties.pricingTier to 'Standard'.",
    helpUri: 'https://learn.microsoft.com/azure/defender-for-cloud/enable-enhanced-security',
    checkov: 'CKV_AZURE_19',
    cis: ['CIS Azure 2.1.1'],
    cwe: ['CWE-778'],
    types: ['Microsoft.Security/pricings'],
    api: '2024-01-01',
    check: expect('properties.pricingTier', 'Standard', { ignoreCase: true }),
    fail: [[{ name: 'VirtualMachines', body: { properties: { pricingTier: 'Free' } } }]],
    pass: [[{ name: 'VirtualMachines', body: { properties: { pricingTier: 'Standard', subPlan: 'P2' } } }]],
    unknown: [[{ name: 'VirtualMachines', body: { properties: { pricingTier: param('tier') } } }]],
  }),
  azureRule({
    id: 'IAC-AZ-SECURITY-CONTACT-ALERTS',
    title: 'Defender for Cloud does not email security alerts',
    severity: 'medium',
    description:
      "With alert notifications off nobody is told when Defender for Cloud detects an attack. Both the string form ('On') and the { state: 'On' } form of newer API versions are read.",
    remediation: "Set properties.alertNotifications to { state: 'On', minimalSeverity: 'High' } (or 'On' in API 2017-08-01-preview).",
    helpUri: 'https://learn.microsoft.com/azure/defender-for-cloud/configure-email-notifications',
    checkov: 'CKV_AZURE_21',
    cis: ['CIS Azure 2.1.19'],
    cwe: ['CWE-778'],
    types: ['Microsoft.Security/securityContacts'],
    api: '2020-01-01-preview',
    check: (r) => {
      const v = get(r.attributes, 'properties.alertNotifications');
      const on = isOn(v);
      if (on === undefined) return unknown('properties.alertNotifications', v);
      return on ? pass('properties.alertNotifications', v) : fail('properties.alertNotifications', v);
    },
    fail: [[{ name: 'default', body: { properties: { emails: 'secops@example.com', alertNotifications: { state: 'Off' } } } }], [{ name: 'default', api: '2017-08-01-preview', body: { properties: { email: 'secops@example.com' } } }]],
    pass: [
      [{ name: 'default', body: { properties: { emails: 'secops@example.com', alertNotifications: { state: 'On', minimalSeverity: 'High' } } } }],
      [{ name: 'default1', api: '2017-08-01-preview', body: { properties: { email: 'secops@example.com', alertNotifications: 'On', alertsToAdmins: 'On' } } }],
    ],
    unknown: [[{ name: 'default', body: { properties: { emails: 'secops@example.com', alertNotifications: { state: param('alerts') } } } }]],
  }),
  azureRule({
    id: 'IAC-AZ-ACTIVITY-LOG-RETENTION',
    title: 'Activity log profile keeps logs for less than a year',
    severity: 'low',
    description: 'Subscription activity logs (who changed what) kept for less than 365 days may be gone before an intrusion is investigated; 0 keeps them forever.',
    remediation: 'Set properties.retentionPolicy.enabled to true and days to 365 or more (or 0), or export the activity log with a diagnostic setting.',
    helpUri: 'https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log',
    checkov: 'CKV_AZURE_37',
    cis: ['CIS Azure 5.1.2'],
    cwe: ['CWE-778'],
    types: ['Microsoft.Insights/logprofiles'],
    api: '2016-03-01',
    check: (r, ctx) => {
      const enabled = expect('properties.retentionPolicy.enabled', true)(r, ctx);
      const first = Array.isArray(enabled) ? enabled[0] : enabled;
      if (first.outcome !== 'pass') return enabled;
      return expect('properties.retentionPolicy.days', (v) => {
        const days = asNumber(v);
        return days !== undefined && (days === 0 || days >= 365);
      })(r, ctx);
    },
    fail: [logProfile({ enabled: true, days: 90 }), logProfile({ enabled: false, days: 0 })],
    pass: [logProfile({ enabled: true, days: 365 }), logProfile({ enabled: true, days: 0 })],
    unknown: [logProfile({ enabled: true, days: param('days', 'int') })],
  }),
];

function logProfile(retentionPolicy: Body) {
  return [
    {
      name: 'default',
      body: { properties: { categories: ['Write', 'Delete', 'Action'], locations: ['global', 'westeurope'], storageAccountId: 'st-id', retentionPolicy } },
    },
  ];
}
