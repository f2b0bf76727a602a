// Azure Monitor: activity log profiles, activity log alerts for the changes CIS asks to watch, and
// diagnostic settings that send Key Vault audit events somewhere.
import { expect, type Check } from '../../helpers';
import type { IacResource, IacRule, IacValue, RuleContext, Verdict } from '../../types';
import { asBoolean, asNumber, isUnknown, lookup } from '../../values';
import { docs, linkedTo, plan, plan1, tf, tfVar } from './a-common';

const LOG_PROFILE = 'azurerm_monitor_log_profile';
const ALERT = 'azurerm_monitor_activity_log_alert';
const DIAGNOSTIC = 'azurerm_monitor_diagnostic_setting';
const KV = 'azurerm_key_vault';

/** Retention of at least 365 days, or indefinite (policy disabled, or 0 days). */
const logProfileRetention: Check = (r) => {
  const blocks = lookup(r.attributes, 'retention_policy');
  if (!blocks.length || (Array.isArray(blocks[0].value) && !blocks[0].value.length)) return { outcome: 'fail', path: 'retention_policy' };
  const enabled = lookup(r.attributes, 'retention_policy.enabled')[0];
  const days = lookup(r.attributes, 'retention_policy.days')[0];
  if (enabled && isUnknown(enabled.value)) return { outcome: 'unknown', path: enabled.path, value: enabled.value };
  if (enabled && asBoolean(enabled.value) === false) return { outcome: 'pass', path: enabled.path, value: enabled.value };
  if (!days) return { outcome: 'fail', path: 'retention_policy.days' };
  if (isUnknown(days.value)) return { outcome: 'unknown', path: days.path, value: days.value };
  const n = asNumber(days.value);
  return n !== undefined && (n === 0 || n >= 365) ? { outcome: 'pass', path: days.path, value: days.value } : { outcome: 'fail', path: days.path, value: days.value };
};

export const logProfileRetentionRule: IacRule = {
  id: 'IAC-TF-AZ-MONITOR-LOG-PROFILE-RETENTION',
  title: 'Activity log profile keeps logs for less than a year',
  severity: 'medium',
  description: 'The activity log is the record of control-plane changes (who created, changed or deleted what); investigations often reach back months, so keep it for at least 365 days.',
  remediation: 'Set retention_policy { enabled = true, days = 365 } (or disable the retention policy to keep logs indefinitely).',
  remediationSnippet: tf(LOG_PROFILE, 'retention_policy {\n  enabled = true\n  days    = 365\n}').trimEnd(),
  helpUri: docs(LOG_PROFILE),
  checkov: 'CKV_AZURE_38',
  cwe: ['CWE-779'],
  model: 'terraform',
  resourceTypes: [LOG_PROFILE],
  check: logProfileRetention,
  examples: {
    hcl: {
      fail: [tf(LOG_PROFILE, 'categories = ["Action", "Delete", "Write"]\nlocations  = ["westeurope", "global"]\nretention_policy {\n  enabled = true\n  days    = 30\n}')],
      pass: [
        tf(LOG_PROFILE, 'categories = ["Action", "Delete", "Write"]\nlocations  = ["westeurope", "global"]\nretention_policy {\n  enabled = true\n  days    = 365\n}'),
        tf(LOG_PROFILE, 'categories = ["Action", "Delete", "Write"]\nretention_policy {\n  enabled = false\n}'),
      ],
      unknown: [tfVar('days', LOG_PROFILE, 'retention_policy {\n  enabled = true\n  days    = var.days\n}')],
    },
    tfplan: {
      fail: [plan1(LOG_PROFILE, { categories: ['Action', 'Delete', 'Write'], retention_policy: [{ enabled: true, days: 90 }] })],
      pass: [plan1(LOG_PROFILE, { categories: ['Action', 'Delete', 'Write'], retention_policy: [{ enabled: true, days: 400 }] })],
    },
  },
};

const REQUIRED_CATEGORIES = ['Action', 'Delete', 'Write'];

export const logProfileCategories: IacRule = {
  id: 'IAC-TF-AZ-MONITOR-LOG-PROFILE-CATEGORIES',
  title: 'Activity log profile does not capture all categories',
  severity: 'medium',
  description: 'A log profile that omits Write, Delete or Action events drops the records of resource changes, deletions and operations like key listing.',
  remediation: 'Set categories = ["Action", "Delete", "Write"].',
  remediationSnippet: tf(LOG_PROFILE, 'categories = ["Action", "Delete", "Write"]').trimEnd(),
  helpUri: docs(LOG_PROFILE),
  checkov: 'CKV_AZURE_37',
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: [LOG_PROFILE],
  check: expect('categories', (v: IacValue) => Array.isArray(v) && REQUIRED_CATEGORIES.every((c) => v.some((x) => typeof x === 'string' && x.toLowerCase() === c.toLowerCase()))),
  examples: {
    hcl: {
      fail: [tf(LOG_PROFILE, 'categories = ["Write"]\nretention_policy {\n  enabled = true\n  days    = 365\n}')],
      pass: [tf(LOG_PROFILE, 'categories = ["Action", "Delete", "Write"]\nretention_policy {\n  enabled = true\n  days    = 365\n}')],
      unknown: [tfVar('categories', LOG_PROFILE, 'categories = var.categories')],
    },
  },
};

export const activityLogAlertDisabled: IacRule = {
  id: 'IAC-TF-AZ-MONITOR-ACTIVITY-LOG-ALERT-DISABLED',
  title: 'Activity log alert is disabled',
  severity: 'low',
  description: 'A disabled activity log alert never fires: the change it was written to catch goes unnoticed.',
  remediation: 'Remove enabled = false (alerts are enabled by default), or delete the alert if it is no longer wanted.',
  remediationSnippet: tf(ALERT, 'enabled = true').trimEnd(),
  helpUri: docs(ALERT),
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: [ALERT],
  check: expect('enabled', true, { whenMissing: 'pass' }),
  examples: {
    hcl: {
      fail: [tf(ALERT, 'scopes  = [data.azurerm_subscription.current.id]\nenabled = false\ncriteria {\n  category       = "Administrative"\n  operation_name = "Microsoft.Network/networkSecurityGroups/write"\n}')],
      pass: [tf(ALERT, 'scopes = [data.azurerm_subscription.current.id]\ncriteria {\n  category       = "Administrative"\n  operation_name = "Microsoft.Network/networkSecurityGroups/write"\n}')],
      unknown: [tfVar('alerts_on', ALERT, 'enabled = var.alerts_on\ncriteria {\n  category = "Administrative"\n}')],
    },
    tfplan: {
      fail: [plan1(ALERT, { enabled: false, criteria: [{ category: 'Administrative', operation_name: 'Microsoft.Network/networkSecurityGroups/write' }] })],
      pass: [plan1(ALERT, { enabled: true, criteria: [{ category: 'Administrative', operation_name: 'Microsoft.Network/networkSecurityGroups/write' }] })],
    },
  },
};

/** Whether an enabled alert of the group watches `operation`; undefined when an alert's operation is unknown. */
function watched(ctx: RuleContext, operation: string): boolean | undefined {
  let unknownSeen = false;
  for (const alert of ctx.ofType(ALERT)) {
    if (alert.attributes.enabled === false) continue;
    for (const f of lookup(alert.attributes, 'criteria.operation_name')) {
      if (isUnknown(f.value)) unknownSeen = true;
      else if (typeof f.value === 'string' && f.value.toLowerCase() === operation.toLowerCase()) return true;
    }
  }
  return unknownSeen ? undefined : false;
}

/**
 * The configuration's activity log alerts must watch `operations`. Judged once per group, on its first
 * activity log alert: a configuration that manages alerts is expected to manage these too.
 */
function alertCoverage(operations: readonly string[]): Check {
  return (r: IacResource, ctx: RuleContext) => {
    if (ctx.ofType(ALERT)[0] !== r) return { outcome: 'not-applicable' };
    const verdicts: Verdict[] = [];
    for (const op of operations) {
      const w = watched(ctx, op);
      if (w === false) verdicts.push({ outcome: 'fail', path: 'criteria.operation_name', message: `No enabled activity log alert in this configuration watches ${op}` });
      else if (w === undefined) verdicts.push({ outcome: 'unknown', path: 'criteria.operation_name', reason: `an alert's operation_name is not known, so whether ${op} is watched cannot be told` });
    }
    const fails = verdicts.filter((v) => v.outcome === 'fail');
    if (fails.length) return fails;
    return verdicts[0] ?? { outcome: 'pass', path: 'criteria.operation_name' };
  };
}

function alertRule(key: string, what: string, operations: readonly string[], cis: readonly string[]): IacRule {
  const alert = (name: string, op: string) =>
    tf(ALERT, `name   = "${name}"\nscopes = [data.azurerm_subscription.current.id]\ncriteria {\n  category       = "Administrative"\n  operation_name = "${op}"\n}\naction {\n  action_group_id = azurerm_monitor_action_group.secops.id\n}`, name);
  const all = operations.map((op, i) => alert(`watch_${i}`, op)).join('\n');
  return {
    id: `IAC-TF-AZ-MONITOR-ALERT-${key}`,
    title: `No activity log alert for ${what}`,
    severity: 'medium',
    confidence: 'medium',
    description: `Changes to ${what} can open the environment up or switch protection off. This configuration defines activity log alerts, but none fires on ${operations.join(' or ')}.`,
    remediation: `Add azurerm_monitor_activity_log_alert resources (category "Administrative") for ${operations.join(' and ')}, with an action group that reaches the security team.`,
    remediationSnippet: alert('example', operations[0]).trimEnd(),
    helpUri: 'https://learn.microsoft.com/azure/azure-monitor/alerts/activity-log-alerts',
    cis,
    cwe: ['CWE-778'],
    model: 'terraform',
    resourceTypes: [ALERT],
    check: alertCoverage(operations),
    examples: {
      hcl: {
        fail: [alert('service_health', 'Microsoft.Resources/deployments/write'), alert('partial', operations[0])],
        pass: [all],
        unknown: [`variable "operation" {}\n\n${tf(ALERT, 'scopes = [data.azurerm_subscription.current.id]\ncriteria {\n  category       = "Administrative"\n  operation_name = var.operation\n}')}`],
      },
      tfplan: {
        fail: [plan1(ALERT, { enabled: true, criteria: [{ category: 'Administrative', operation_name: 'Microsoft.Resources/deployments/write' }] })],
        pass: [plan(...operations.map((op, i) => ({ type: ALERT, name: `watch_${i}`, values: { enabled: true, criteria: [{ category: 'Administrative', operation_name: op }] } })))],
      },
    },
  };
}

export const alertPolicyAssignments = alertRule(
  'POLICY-ASSIGNMENT',
  'policy assignments',
  ['Microsoft.Authorization/policyAssignments/write', 'Microsoft.Authorization/policyAssignments/delete'],
  ['CIS Azure 5.2.1', 'CIS Azure 5.2.2'],
);
export const alertNsg = alertRule(
  'NETWORK-SECURITY-GROUP',
  'network security groups',
  ['Microsoft.Network/networkSecurityGroups/write', 'Microsoft.Network/networkSecurityGroups/delete'],
  ['CIS Azure 5.2.3', 'CIS Azure 5.2.4'],
);
export const alertSecuritySolutions = alertRule(
  'SECURITY-SOLUTION',
  'security solutions',
  ['Microsoft.Security/securitySolutions/write', 'Microsoft.Security/securitySolutions/delete'],
  ['CIS Azure 5.2.5', 'CIS Azure 5.2.6'],
);
export const alertSqlFirewall = alertRule(
  'SQL-FIREWALL-RULE',
  'SQL server firewall rules',
  ['Microsoft.Sql/servers/firewallRules/write', 'Microsoft.Sql/servers/firewallRules/delete'],
  ['CIS Azure 5.2.7', 'CIS Azure 5.2.8'],
);

/** A diagnostic setting that sends the vault's AuditEvent logs (or the audit / allLogs group) somewhere. */
function auditsVault(setting: IacResource): Verdict {
  const logs = [...lookup(setting.attributes, 'enabled_log'), ...lookup(setting.attributes, 'log')].flatMap((f) => (Array.isArray(f.value) ? f.value : [f.value]));
  let unknownSeen = false;
  for (const l of logs) {
    if (isUnknown(l)) {
      unknownSeen = true;
      continue;
    }
    if (!l || typeof l !== 'object' || Array.isArray(l)) continue;
    const entry = l as Record<string, IacValue>;
    if (entry.enabled === false) continue;
    const category = entry.category;
    const group = entry.category_group;
    if (isUnknown(category) || isUnknown(group)) unknownSeen = true;
    if (typeof category === 'string' && category.toLowerCase() === 'auditevent') return { outcome: 'pass', path: 'enabled_log.category', value: category };
    if (typeof group === 'string' && ['audit', 'alllogs'].includes(group.toLowerCase())) return { outcome: 'pass', path: 'enabled_log.category_group', value: group };
  }
  return unknownSeen ? { outcome: 'unknown', path: 'enabled_log' } : { outcome: 'fail', path: 'enabled_log' };
}

const vaultLogging: Check = (r, ctx) => {
  const settings = linkedTo(ctx, r, [DIAGNOSTIC], ['target_resource_id']);
  if (!settings.length) return { outcome: 'fail', path: 'diagnostic_setting', message: `Key vault ${r.address} has no diagnostic setting in this configuration: its AuditEvent logs are not kept` };
  const verdicts = settings.map(auditsVault);
  return (
    verdicts.find((v) => v.outcome === 'pass') ??
    verdicts.find((v) => v.outcome === 'unknown') ?? { outcome: 'fail', path: 'diagnostic_setting', message: `No diagnostic setting of key vault ${r.address} sends its AuditEvent logs` }
  );
};

const DIAG = (vault: string, log: string) =>
  tf(DIAGNOSTIC, `name                       = "kv-audit"\ntarget_resource_id         = azurerm_key_vault.${vault}.id\nlog_analytics_workspace_id = azurerm_log_analytics_workspace.sec.id\n${log}`, 'kv');

export const keyVaultLogging: IacRule = {
  id: 'IAC-TF-AZ-KEYVAULT-DIAGNOSTIC-LOGGING',
  title: 'Key vault audit events are not logged',
  severity: 'medium',
  // The resource that satisfies it may live in another configuration.
  confidence: 'medium',
  description: 'Key Vault AuditEvent logs record every access to keys, secrets and certificates; without a diagnostic setting that sends them to Log Analytics, storage or Event Hubs there is no trail of who read a secret.',
  remediation: 'Add an azurerm_monitor_diagnostic_setting for the vault with enabled_log { category_group = "audit" } (or category = "AuditEvent").',
  remediationSnippet: DIAG('example', 'enabled_log {\n  category_group = "audit"\n}').trimEnd(),
  helpUri: 'https://learn.microsoft.com/azure/key-vault/general/logging',
  cis: ['CIS Azure 5.1.5'],
  cwe: ['CWE-778'],
  model: 'terraform',
  resourceTypes: [KV],
  check: vaultLogging,
  examples: {
    hcl: {
      fail: [tf(KV, 'sku_name = "standard"', 'main'), `${tf(KV, 'sku_name = "standard"', 'main')}\n${DIAG('main', 'metric {\n  category = "AllMetrics"\n}')}`],
      pass: [
        `${tf(KV, 'sku_name = "standard"', 'main')}\n${DIAG('main', 'enabled_log {\n  category_group = "audit"\n}')}`,
        `${tf(KV, 'sku_name = "standard"', 'main')}\n${DIAG('main', 'log {\n  category = "AuditEvent"\n  enabled  = true\n}')}`,
      ],
      unknown: [`variable "category" {}\n\n${tf(KV, 'sku_name = "standard"', 'main')}\n${DIAG('main', 'enabled_log {\n  category = var.category\n}')}`],
    },
  },
};

export const monitorRules: readonly IacRule[] = [
  logProfileRetentionRule,
  logProfileCategories,
  activityLogAlertDisabled,
  alertPolicyAssignments,
  alertNsg,
  alertSecuritySolutions,
  alertSqlFirewall,
  keyVaultLogging,
];
