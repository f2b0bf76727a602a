// Plain data of the organization's settings (no zod: the hub bundles it): bounds, scanner families and
// the audit log's actions. settings-api.ts re-exports all of it with the wire schemas.
import { CATEGORY_LABELS, type Category } from './vocabulary';

// ---- bounds (the database CHECKs say the same) ---------------------------------------------------

export const DISCOVERY_INTERVAL_HOURS = { min: 1, max: 168 } as const;
export const SCAN_INTERVAL_HOURS = { min: 1, max: 720 } as const;
export const RETENTION_DAYS = { min: 30, max: 3650 } as const;

// ---- scanner families -----------------------------------------------------------------------------

/** What an administrator turns on or off: the engine's scanners grouped by what they report. */
export const SCANNER_FAMILIES = ['secret', 'deps', 'package-risk', 'license', 'iac', 'code'] as const satisfies readonly Category[];
export type ScannerFamily = (typeof SCANNER_FAMILIES)[number];

export const SCANNER_FAMILY_INFO: Record<ScannerFamily, { label: string; description: string }> = {
  secret: { label: CATEGORY_LABELS.secret, description: 'Passwords, keys and tokens committed in any file, masked and hashed (never stored in clear).' },
  deps: { label: CATEGORY_LABELS.deps, description: 'Lockfiles and manifests of eight ecosystems matched against known vulnerabilities (OSV).' },
  'package-risk': { label: CATEGORY_LABELS['package-risk'], description: 'Malicious, deprecated or unmaintained packages among the dependencies.' },
  license: { label: CATEGORY_LABELS.license, description: "Dependencies' licenses checked against the organization's license policy." },
  iac: { label: CATEGORY_LABELS.iac, description: 'Terraform, ARM, Bicep, CloudFormation, Kubernetes, Helm, Dockerfiles and more: misconfigurations.' },
  code: { label: CATEGORY_LABELS.code, description: 'JavaScript/TypeScript, Python and C# source: injection, unsafe APIs and weak cryptography.' },
};

/** The reason a scan records for a scanner the settings turned off; the hub says "not run: turned off in settings". */
export const TURNED_OFF = { code: 'turned-off', text: 'turned off in settings' } as const;

/** The actions Vigil records; other modules may record their own ("area.verb"), shown as they are. */
export const AUDIT_ACTIONS = [
  'organization.connected',
  'credential.replaced',
  'organization.disconnect-requested',
  'settings.changed',
  'repository.settings-changed',
  'repository-selection.changed',
  'license-policy.changed',
  'finding.dismissed',
  'finding.reopened',
  'findings.bulk-dismissed',
  'findings.bulk-reopened',
] as const;
export type KnownAuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<KnownAuditAction, string> = {
  'organization.connected': 'Organization connected',
  'credential.replaced': 'Credential replaced',
  'organization.disconnect-requested': 'Disconnect requested',
  'settings.changed': 'Settings changed',
  'repository.settings-changed': 'Repository settings changed',
  'repository-selection.changed': 'Repository selection changed',
  'license-policy.changed': 'License policy changed',
  'finding.dismissed': 'Finding dismissed',
  'finding.reopened': 'Finding reopened',
  'findings.bulk-dismissed': 'Findings dismissed in bulk',
  'findings.bulk-reopened': 'Findings reopened in bulk',
};

export interface ScannerSwitch {
  family: ScannerFamily;
  enabled: boolean;
  /** 'repository': this repository's own choice; 'organization': the organization's. */
  source: 'organization' | 'repository';
}

/** Each family on or off for a repository: its own switch when it has one, else the organization's. */
export function effectiveScanners(
  disabled: readonly ScannerFamily[],
  overrides: Partial<Record<ScannerFamily, boolean>> | null | undefined,
): ScannerSwitch[] {
  return SCANNER_FAMILIES.map((family) => {
    const own = overrides?.[family];
    return own !== undefined ? { family, enabled: own, source: 'repository' as const } : { family, enabled: !disabled.includes(family), source: 'organization' as const };
  });
}
