// Administrators' changes to an organization's settings, each written with its audit entry in one
// transaction (audited.ts): the PATCH settings (secret verification, gate, PR comments), the schedule,
// scanners and retention, a repository's gate and scanner switches, and the license policy.
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { LicensePolicy, OrganizationSettingsPatch } from '../contract/api';
import type { GateSeverity } from '../contract/vocabulary';
import {
  effectiveScanners,
  type FullOrganizationSettings,
  type RepositoryScannersDto,
  type ScanSettings,
  type ScannerFamily,
  type ScheduleDefaults,
} from '../contract/settings-api';
import { getStoredLicensePolicy, setLicensePolicy } from '../store/license-policy';
import { getOrganizationSettings, updateOrganizationSettings } from '../store/organizations';
import { setRepositoryGateSeverity } from '../store/pull-request-reads';
import { getScanSettings, getScannerSwitches, setRepositoryScannerOverrides, setScanSettings } from '../store/scan-settings';
import type { Database } from '../store/schema';
import { audited, changedKeys, type AuditActor } from './audited';

/** "0 *\/N * * *" (minute 0, every N hours) reads as N hours; any other cron has no plain interval. */
export function cronEveryHours(cron: string): number | undefined {
  const m = /^0\s+\*\/(\d{1,3})\s+\*\s+\*\s+\*$/.exec(cron.trim());
  if (m) return Number(m[1]);
  return /^0\s+\*\s+\*\s+\*\s+\*$/.test(cron.trim()) ? 1 : undefined;
}

export function scheduleDefaults(config: Pick<Config, 'discoveryCron' | 'rescanHours'>): ScheduleDefaults {
  const every = cronEveryHours(config.discoveryCron);
  return { discoveryCron: config.discoveryCron, ...(every ? { discoveryEveryHours: every } : {}), scanIntervalHours: config.rescanHours };
}

/** Every setting of the organization, with what null means; undefined when it is not connected. */
export async function readOrganizationSettings(db: Kysely<Database>, config: Pick<Config, 'discoveryCron' | 'rescanHours'>, orgId: string): Promise<FullOrganizationSettings | undefined> {
  const [flags, scan] = [await getOrganizationSettings(db, orgId), await getScanSettings(db, orgId)];
  if (!flags || !scan) return undefined;
  return { ...flags, ...scan, defaults: scheduleDefaults(config) };
}

const ORGANIZATION = 'organization';

/** PATCH: secret verification, gate severity, PR comments. Returns false when the organization is gone. */
export async function changeOrganizationFlags(db: Kysely<Database>, orgId: string, actor: AuditActor, patch: OrganizationSettingsPatch): Promise<boolean> {
  return audited(db, orgId, { actor, action: 'settings.changed', target: ORGANIZATION }, async (trx) => {
    const before = await getOrganizationSettings(trx, orgId);
    if (!before) return { result: false, changed: false };
    const after = (await updateOrganizationSettings(trx, orgId, patch))!;
    return { result: true, ...changedKeys(before, after) };
  });
}

/** PUT: the schedule, the scanners and the retention. Returns false when the organization is gone. */
export async function changeScanSettings(db: Kysely<Database>, orgId: string, actor: AuditActor, settings: ScanSettings): Promise<boolean> {
  return audited(db, orgId, { actor, action: 'settings.changed', target: ORGANIZATION }, async (trx) => {
    const before = await getScanSettings(trx, orgId);
    if (!before || !(await setScanSettings(trx, orgId, settings))) return { result: false, changed: false };
    const after = (await getScanSettings(trx, orgId))!;
    return { result: true, ...changedKeys(before, after) };
  });
}

export async function changeLicensePolicy(db: Kysely<Database>, orgId: string, actor: AuditActor, policy: LicensePolicy | null): Promise<boolean> {
  return audited(db, orgId, { actor, action: 'license-policy.changed', target: ORGANIZATION }, async (trx) => {
    const before = await getStoredLicensePolicy(trx, orgId);
    if (before === undefined || !(await setLicensePolicy(trx, orgId, policy))) return { result: false, changed: false };
    return { result: true, ...changedKeys({ policy: before }, { policy }) };
  });
}

/** A repository's scanner switches; undefined when the repository is unknown. */
export async function repositoryScanners(db: Kysely<Database>, orgId: string, repoId: string): Promise<RepositoryScannersDto | undefined> {
  const s = await getScannerSwitches(db, orgId, repoId);
  return s && { repositoryId: repoId, scanners: effectiveScanners(s.disabled, s.overrides) };
}

export async function changeRepositoryScanners(
  db: Kysely<Database>,
  orgId: string,
  actor: AuditActor,
  repoId: string,
  overrides: Partial<Record<ScannerFamily, boolean>>,
): Promise<RepositoryScannersDto | undefined> {
  return audited(db, orgId, { actor, action: 'repository.settings-changed' }, async (trx) => {
    const before = await getScannerSwitches(trx, orgId, repoId);
    if (!before || !(await setRepositoryScannerOverrides(trx, orgId, repoId, overrides))) return { result: undefined, changed: false };
    const after = (await getScannerSwitches(trx, orgId, repoId))!;
    return {
      result: { repositoryId: repoId, scanners: effectiveScanners(after.disabled, after.overrides) },
      target: `repository ${before.repositoryName}`,
      ...changedKeys({ scannerOverrides: before.overrides ?? {} }, { scannerOverrides: after.overrides ?? {} }),
    };
  });
}

/** A repository's own gate severity (null: the organization's). False when the repository is unknown. */
export async function changeRepositoryGate(db: Kysely<Database>, orgId: string, actor: AuditActor, repoId: string, severity: GateSeverity | null): Promise<boolean> {
  return audited(db, orgId, { actor, action: 'repository.settings-changed' }, async (trx) => {
    const row = await trx
      .selectFrom('repositories')
      .select(['name', 'gate_severity'])
      .where('org_id', '=', orgId)
      .where('repo_id', '=', repoId)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (!row || !(await setRepositoryGateSeverity(trx, orgId, repoId, severity))) return { result: false, changed: false };
    return { result: true, target: `repository ${row.name}`, ...changedKeys({ gateSeverity: row.gate_severity }, { gateSeverity: severity }) };
  });
}
