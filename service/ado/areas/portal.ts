// Undocumented portal data providers, read the way public tools do (ado-rest.md §4.3, §8):
// organization and project pipeline settings, organization policies. A HierarchyQuery that puts a
// setting in dataProviderContext.properties WRITES it: only sourcePage is ever sent here.
import { asRecord, badResponse, optBool, optString, requireBody, requireObject, type Json, type ParseContext } from '../parse';
import type { AdoTransport, RequestSpec } from '../transport';
import { GENERAL_SETTING_KEYS, type PipelineGeneralSettings } from './build';

export const PORTAL_API_VERSION = '5.0-preview.1';
const HIERARCHY_QUERY_PATH = '_apis/Contribution/HierarchyQuery';

const ORG_PIPELINE_SETTINGS = 'ms.vss-build-web.pipelines-org-settings-data-provider';
const PROJECT_PIPELINE_SETTINGS = 'ms.vss-build-web.pipelines-general-settings-data-provider';
const ORG_POLICIES = 'ms.vss-org-web.collection-admin-policy-data-provider';
const ORG_POLICIES_PAGE = 'ms.vss-admin-web.organization-policies-data-provider';

/** The organization-only switches on top of the project-level ones. */
const ORG_ONLY_KEYS = ['disableInBoxTasksVar', 'disableMarketplaceTasksVar', 'disableNode6TasksVar', 'disableStageChooser', 'isTaskLockdownFeatureEnabled'] as const;
export type OrgPipelineSettings = PipelineGeneralSettings & Partial<Record<(typeof ORG_ONLY_KEYS)[number], boolean>>;

/** UNVERIFIED shape (inferred from AzSK): each setting as the project sets it and as the organization forces it. */
export type ProjectPipelineSettings = Partial<Record<(typeof GENERAL_SETTING_KEYS)[number], { enabled?: boolean; orgEnabled?: boolean }>>;

export interface OrganizationPolicy {
  /** applicationConnection | security | user | privacy */
  section: string;
  /** e.g. Policy.DisallowOAuthAuthentication */
  name: string;
  value?: boolean;
  /**
   * The UI toggle. UNVERIFIED: for Policy.Disallow* it is the inverse of `value` ("feature allowed");
   * key decisions on it, as AzSK does.
   */
  effectiveValue?: boolean;
  isValueUndefined?: boolean;
  description?: string;
}

export class PortalArea {
  constructor(private readonly t: AdoTransport) {}

  /** Organization pipeline settings: there is no REST route for them (build/generalsettings is per project). */
  async getOrgPipelineSettings(): Promise<OrgPipelineSettings> {
    const data = await this.query(ORG_PIPELINE_SETTINGS, 'read the organization pipeline settings', {
      url: `${this.t.orgUrl}/_settings/pipelinessettings`,
      routeId: 'ms.vss-admin-web.collection-admin-hub-route',
      routeValues: { adminPivot: 'pipelinessettings', controller: 'ContributedPage', action: 'Execute' },
    });
    const out: OrgPipelineSettings = {};
    for (const key of [...GENERAL_SETTING_KEYS, ...ORG_ONLY_KEYS]) if (typeof data[key] === 'boolean') out[key] = data[key];
    return out;
  }

  /** `projectName`: the name (it is part of the settings page URL). */
  async getProjectPipelineSettings(projectName: string): Promise<ProjectPipelineSettings> {
    const data = await this.query(PROJECT_PIPELINE_SETTINGS, `read the pipeline settings of project ${projectName}`, {
      url: `${this.t.orgUrl}/${encodeURIComponent(projectName)}/_settings/settings`,
      routeId: 'ms.vss-admin-web.project-admin-hub-route',
      routeValues: { project: projectName, adminPivot: 'settings', controller: 'ContributedPage', action: 'Execute' },
    });
    const out: ProjectPipelineSettings = {};
    for (const key of GENERAL_SETTING_KEYS) {
      const v = asRecord(data[key]);
      if (v) out[key] = { enabled: optBool(v.enabled), orgEnabled: optBool(v.orgEnabled) };
    }
    return out;
  }

  /** Every organization policy, flattened from its page sections (the HierarchyQuery route, §8 item 3). */
  async getOrganizationPolicies(): Promise<OrganizationPolicy[]> {
    const operation = 'read the organization policies';
    const data = await this.query(ORG_POLICIES, operation, {
      url: `${this.t.orgUrl}/_settings/organizationPolicy`,
      routeId: 'ms.vss-admin-web.collection-admin-hub-route',
      routeValues: { adminPivot: 'organizationPolicy', controller: 'ContributedPage', action: 'Execute' },
    });
    return flattenPolicies(data, { operation, path: HIERARCHY_QUERY_PATH }, `dataProviders.${ORG_POLICIES}`);
  }

  /** The same policies from the settings page's data (AzSK's first choice, §8 item 1): a fallback. */
  async getOrganizationPoliciesFromSettingsPage(): Promise<OrganizationPolicy[]> {
    const spec: RequestSpec = {
      path: '_settings/organizationPolicy',
      query: { __rt: 'fps', __ver: 2 },
      apiVersion: null,
      operation: 'read the organization policies page',
    };
    const fps = requireObject(requireBody(await this.t.getJson(spec), spec), 'fps', spec);
    const data = requireObject(requireObject(requireObject(fps, 'dataProviders', spec, 'fps'), 'data', spec, 'fps.dataProviders'), ORG_POLICIES_PAGE, spec, 'fps.dataProviders.data');
    return flattenPolicies(data, spec, `fps.dataProviders.data.${ORG_POLICIES_PAGE}`);
  }

  private async query(contributionId: string, operation: string, sourcePage: Json): Promise<Json> {
    const spec: RequestSpec = { path: HIERARCHY_QUERY_PATH, apiVersion: PORTAL_API_VERSION, operation };
    const body = requireBody(
      await this.t.write({
        ...spec,
        method: 'POST',
        readOnly: true,
        body: { contributionIds: [contributionId], dataProviderContext: { properties: { sourcePage } } },
      }),
      spec,
    );
    const data = asRecord(asRecord(body.dataProviders)?.[contributionId]);
    if (data) return data;
    const failure = optString(asRecord(asRecord(body.dataProviderExceptions)?.[contributionId])?.message);
    throw badResponse(spec, failure ? `the data provider failed: ${failure.slice(0, 300)}` : `no data from ${contributionId}`);
  }
}

/** The `policies` sections of a provider's data at `at` ("<at>.policies missing"), flattened. */
function flattenPolicies(data: Json, ctx: ParseContext, at: string): OrganizationPolicy[] {
  const sections = requireObject(data, 'policies', ctx, at);
  const out: OrganizationPolicy[] = [];
  for (const [section, entries] of Object.entries(sections)) {
    for (const entry of Array.isArray(entries) ? entries : []) {
      const e = asRecord(entry);
      const policy = asRecord(e?.policy);
      if (typeof policy?.name !== 'string') continue;
      out.push({
        section,
        name: policy.name,
        value: optBool(policy.value),
        effectiveValue: optBool(policy.effectiveValue),
        isValueUndefined: optBool(policy.isValueUndefined),
        description: optString(e?.description),
      });
    }
  }
  return out;
}
