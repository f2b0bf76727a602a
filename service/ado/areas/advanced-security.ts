// GitHub Advanced Security for Azure DevOps (advsec host): repository enablement and alerts (ado-rest.md §10).
import { asRecord, badResponse, collect, optBool, optNumber, optString, records, requireBody, requireItem, requireNumber, requireString, seg, type ParseContext } from '../parse';
import type { AdoTransport, RequestSpec } from '../transport';

export const ADVSEC_ENABLEMENT_API_VERSION = '7.2-preview.3';
export const ADVSEC_ALERTS_API_VERSION = '7.2-preview.1';

/** Both answer shapes in one; null is unknown, never false. */
export interface RepoSecurityEnablement {
  /** current: codeSecurityFeatures / secretProtectionFeatures; legacy: one advSecEnabled flag for both. */
  shape: 'current' | 'legacy';
  projectId?: string;
  repositoryId?: string;
  codeSecurityEnabled: boolean | null;
  codeQLEnabled: boolean | null;
  dependencyScanningInjectionEnabled: boolean | null;
  secretProtectionEnabled: boolean | null;
  /** Push protection. */
  blockPushes: boolean | null;
  /** Legacy shape only. */
  dependabotEnabled: boolean | null;
}

export interface AdvSecAlert {
  alertId: number;
  /** secret | code | dependency */
  alertType: string;
  /** low | medium | high | critical | note | warning | error */
  severity?: string;
  confidence?: string;
  /** active | dismissed | fixed | autoDismissed */
  state: string;
  title?: string;
  gitRef?: string;
  firstSeenDate?: string;
  lastSeenDate?: string;
  fixedDate?: string;
  introducedDate?: string;
  rule?: { id?: string; name?: string; tool?: string };
  locations: { filePath: string; lineStart?: number; lineEnd?: number; commitHash?: string }[];
  /** Secret alerts: a masked excerpt. */
  truncatedSecret?: string;
  validityStatus?: string;
}

export interface AlertCriteria {
  /** Default active. */
  states?: string;
  alertType?: 'secret' | 'code' | 'dependency';
  severities?: string[];
  /** Default true. */
  onlyDefaultBranch?: boolean;
}

const flag = (v: unknown): boolean | null => optBool(v) ?? null;

export class AdvancedSecurityArea {
  constructor(private readonly t: AdoTransport) {}

  async getRepoEnablement(projectId: string, repoId: string): Promise<RepoSecurityEnablement> {
    const spec: RequestSpec = {
      host: 'advsec',
      path: `${seg(projectId)}/_apis/management/repositories/${seg(repoId)}/enablement`,
      query: { includeAllProperties: true },
      apiVersion: ADVSEC_ENABLEMENT_API_VERSION,
      operation: `read the Advanced Security enablement of repository ${repoId}`,
    };
    return toEnablement(await this.t.getJson(spec), spec);
  }

  listAlerts(projectId: string, repoId: string, criteria: AlertCriteria = {}): Promise<AdvSecAlert[]> {
    const spec: RequestSpec = {
      host: 'advsec',
      path: `${seg(projectId)}/_apis/alert/repositories/${seg(repoId)}/alerts`,
      query: {
        'criteria.states': criteria.states ?? 'active',
        'criteria.alertType': criteria.alertType,
        'criteria.severities': criteria.severities?.join(','),
        'criteria.onlyDefaultBranch': criteria.onlyDefaultBranch ?? true,
        top: 100,
      },
      apiVersion: ADVSEC_ALERTS_API_VERSION,
      operation: `list the Advanced Security alerts of repository ${repoId}`,
    };
    return collect(this.t.pages(spec), (raw) => toAlert(raw, spec));
  }
}

export function toEnablement(raw: unknown, ctx: ParseContext): RepoSecurityEnablement {
  const r = requireBody(raw, ctx);
  const code = asRecord(r.codeSecurityFeatures);
  const secret = asRecord(r.secretProtectionFeatures);
  const ids = { projectId: optString(r.projectId), repositoryId: optString(r.repositoryId) };
  if (code || secret) {
    return {
      shape: 'current',
      ...ids,
      codeSecurityEnabled: flag(code?.codeSecurityEnabled),
      codeQLEnabled: flag(code?.codeQLEnabled),
      dependencyScanningInjectionEnabled: flag(code?.dependencyScanningInjectionEnabled),
      secretProtectionEnabled: flag(secret?.secretProtectionEnabled),
      blockPushes: flag(secret?.blockPushes),
      dependabotEnabled: null,
    };
  }
  if (!('advSecEnabled' in r)) throw badResponse(ctx, 'neither codeSecurityFeatures, secretProtectionFeatures nor advSecEnabled');
  return {
    shape: 'legacy',
    ...ids,
    codeSecurityEnabled: flag(r.advSecEnabled),
    codeQLEnabled: null,
    dependencyScanningInjectionEnabled: null,
    secretProtectionEnabled: flag(r.advSecEnabled),
    blockPushes: flag(r.blockPushes),
    dependabotEnabled: flag(r.dependabotEnabled),
  };
}

/** An alert: alertId, alertType and state are required ("alert.state missing"); the rest is optional. */
function toAlert(raw: unknown, ctx: ParseContext): AdvSecAlert {
  const r = requireItem(raw, ctx, 'alert');
  const alertId = requireNumber(r, 'alertId', ctx, 'alert');
  const alertType = requireString(r, 'alertType', ctx, 'alert');
  const state = requireString(r, 'state', ctx, 'alert');
  const tool = records(r.tools)[0];
  const rule = records(tool?.rules)[0];
  return {
    alertId,
    alertType,
    severity: optString(r.severity),
    confidence: optString(r.confidence),
    state,
    title: optString(r.title),
    gitRef: optString(r.gitRef),
    firstSeenDate: optString(r.firstSeenDate),
    lastSeenDate: optString(r.lastSeenDate),
    fixedDate: optString(r.fixedDate),
    introducedDate: optString(r.introducedDate),
    rule: tool && { id: optString(rule?.opaqueId), name: optString(rule?.friendlyName), tool: optString(tool.name) },
    locations: records(r.physicalLocations)
      .filter((l) => typeof l.filePath === 'string')
      .map((l) => {
        const region = asRecord(l.region);
        return {
          filePath: l.filePath as string,
          lineStart: optNumber(region?.lineStart),
          lineEnd: optNumber(region?.lineEnd),
          commitHash: optString(asRecord(l.versionControl)?.commitHash),
        };
      }),
    truncatedSecret: optString(r.truncatedSecret),
    validityStatus: optString(asRecord(r.validityDetails)?.validityStatus),
  };
}
