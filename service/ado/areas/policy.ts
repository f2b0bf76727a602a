// Policy area: branch and repository policy configurations, their types, and their evaluations on a
// pull request (ado-rest.md §3).
import { asRecord, collect, optBool, optIdentity, optNumber, optString, records, requireItem, requireNumber, requireObject, requireString, seg, type Json, type ParseContext } from '../parse';
import type { AdoTransport, RequestSpec } from '../transport';
import type { IdentityRef } from '../types';

/** Evaluations are a preview resource. */
export const POLICY_EVALUATIONS_API_VERSION = '7.1-preview.1';

export interface PolicyScope {
  /** null: every repository of the project. */
  repositoryId: string | null;
  /** null with matchKind DefaultBranch (every default branch) or on a repository-wide push policy. */
  refName: string | null;
  /** Exact | Prefix | DefaultBranch; case varies, compare case-insensitively. */
  matchKind?: string;
}

export interface PolicyConfiguration {
  id: number;
  revision?: number;
  /** Map ids to names yourself (POLICY_TYPES): ADO's type.displayName is not reliable. */
  typeId: string;
  typeDisplayName?: string;
  isEnabled: boolean;
  /** false: optional, the PR may complete although it fails. */
  isBlocking: boolean;
  isDeleted?: boolean;
  isEnterpriseManaged?: boolean;
  createdBy?: IdentityRef;
  createdDate?: string;
  scope: PolicyScope[];
  /** Type-specific settings as sent (without scope); read them with policySettings(). */
  settings: Json;
}

/** The body of a policy configuration to create. */
export interface NewPolicyConfiguration {
  isEnabled: boolean;
  isBlocking: boolean;
  type: { id: string };
  settings: Record<string, unknown> & { scope: Array<{ repositoryId: string | null; refName?: string | null; matchKind?: string }> };
}

export interface PolicyType {
  id: string;
  displayName?: string;
  description?: string;
}

export interface PolicyEvaluation {
  evaluationId: string;
  artifactId: string;
  /** queued | running | approved | rejected | notApplicable | broken */
  status: string;
  startedDate?: string;
  completedDate?: string;
  configuration: PolicyConfiguration;
  /** Type-specific; for Build: buildId, buildDefinitionId, buildIsNotCurrent... */
  context?: Json;
}

export interface PolicyConfigurationFilter {
  /** With repositoryId and/or refName, the policies that apply there (git/policy/configurations). */
  repositoryId?: string;
  refName?: string;
  policyType?: string;
}

export class PolicyArea {
  constructor(private readonly t: AdoTransport) {}

  /**
   * Policy configurations of a project. With a repository and/or branch, those that apply to it
   * (including project-wide and cross-repository ones); without, every one defined in the project.
   */
  listConfigurations(projectId: string, filter: PolicyConfigurationFilter = {}): Promise<PolicyConfiguration[]> {
    const scoped = filter.repositoryId !== undefined || filter.refName !== undefined;
    const spec: RequestSpec = {
      path: `${seg(projectId)}/_apis/${scoped ? 'git/policy' : 'policy'}/configurations`,
      query: { repositoryId: filter.repositoryId, refName: filter.refName, policyType: filter.policyType, $top: 100 },
      operation: `list the policies of project ${projectId}`,
    };
    return collect(this.t.pages(spec), (raw) => toPolicyConfiguration(raw, spec));
  }

  async getConfiguration(projectId: string, id: number): Promise<PolicyConfiguration> {
    const spec: RequestSpec = { path: `${seg(projectId)}/_apis/policy/configurations/${id}`, operation: `read policy ${id}` };
    return toPolicyConfiguration(await this.t.getJson(spec), spec, '');
  }

  /**
   * Creates a policy configuration (POST policy/configurations, ado-rest.md §3.1): `type.id` names the
   * policy type, `settings` its type-specific settings with their scope. Not retried but on a 429 before
   * processing: a retried POST could create the policy twice. Answers the configuration ADO stored.
   */
  async createConfiguration(projectId: string, body: NewPolicyConfiguration): Promise<PolicyConfiguration> {
    const spec: RequestSpec = { path: `${seg(projectId)}/_apis/policy/configurations`, operation: `create a ${body.type.id} policy in project ${projectId}` };
    return toPolicyConfiguration(await this.t.write({ ...spec, method: 'POST', body }), spec, '');
  }

  /**
   * Every revision of a policy configuration, oldest first (policy/configurations/{id}/revisions, $top/$skip):
   * each is the configuration as it was, its createdDate/createdBy saying when and by whom it was revised.
   */
  async listRevisions(projectId: string, configurationId: number): Promise<PolicyConfiguration[]> {
    const spec: RequestSpec = {
      path: `${seg(projectId)}/_apis/policy/configurations/${configurationId}/revisions`,
      operation: `list the revisions of policy ${configurationId}`,
    };
    const revisions = await collect(this.t.skipPages(spec, 100), (raw) => toPolicyConfiguration(raw, spec, 'revision'));
    return revisions.sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
  }

  listTypes(projectId: string): Promise<PolicyType[]> {
    const spec: RequestSpec = { path: `${seg(projectId)}/_apis/policy/types`, operation: `list the policy types of project ${projectId}` };
    return collect(this.t.pages(spec), (raw) => {
      const r = requireItem(raw, spec, 'policyType');
      return { id: requireString(r, 'id', spec, 'policyType'), displayName: optString(r.displayName), description: optString(r.description) };
    });
  }

  /** How each policy fared on a pull request. `projectId` must be the project's GUID (it is part of the artifact id). */
  listEvaluations(projectId: string, pullRequestId: number, opts: { includeNotApplicable?: boolean } = {}): Promise<PolicyEvaluation[]> {
    const spec: RequestSpec = {
      path: `${seg(projectId)}/_apis/policy/evaluations`,
      query: {
        artifactId: `vstfs:///CodeReview/CodeReviewId/${projectId}/${pullRequestId}`,
        includeNotApplicable: opts.includeNotApplicable ?? false,
      },
      apiVersion: POLICY_EVALUATIONS_API_VERSION,
      operation: `list the policy evaluations of pull request ${pullRequestId}`,
    };
    return collect(this.t.skipPages(spec, 100), (raw) => toEvaluation(raw, spec));
  }
}

/**
 * A PolicyConfiguration: id and type.id are required ("configuration.type.id missing" in a list, "type.id
 * missing" for one configuration, `at` ''); the rest is optional.
 */
export function toPolicyConfiguration(raw: unknown, ctx: ParseContext, at = 'configuration'): PolicyConfiguration {
  const r = requireItem(raw, ctx, at);
  const id = requireNumber(r, 'id', ctx, at);
  const type = requireObject(r, 'type', ctx, at);
  const typeId = requireString(type, 'id', ctx, at ? `${at}.type` : 'type');
  const { scope, ...settings } = asRecord(r.settings) ?? {};
  return {
    id,
    revision: optNumber(r.revision),
    typeId: typeId.toLowerCase(),
    typeDisplayName: optString(type.displayName),
    // A missing flag is read as the weaker value: a policy of unknown state protects nothing.
    isEnabled: r.isEnabled === true,
    isBlocking: r.isBlocking === true,
    isDeleted: optBool(r.isDeleted),
    isEnterpriseManaged: optBool(r.isEnterpriseManaged),
    createdBy: optIdentity(r.createdBy),
    createdDate: optString(r.createdDate),
    scope: records(scope).map((s) => ({
      repositoryId: optString(s.repositoryId) ?? null,
      refName: optString(s.refName) ?? null,
      matchKind: optString(s.matchKind),
    })),
    settings,
  };
}

/** A PolicyEvaluationRecord: evaluationId, status and the configuration are required ("evaluation.status missing"). */
function toEvaluation(raw: unknown, ctx: ParseContext): PolicyEvaluation {
  const r = requireItem(raw, ctx, 'evaluation');
  return {
    evaluationId: requireString(r, 'evaluationId', ctx, 'evaluation'),
    artifactId: optString(r.artifactId) ?? '',
    status: requireString(r, 'status', ctx, 'evaluation'),
    startedDate: optString(r.startedDate),
    completedDate: optString(r.completedDate),
    configuration: toPolicyConfiguration(requireObject(r, 'configuration', ctx, 'evaluation'), ctx, 'evaluation.configuration'),
    context: asRecord(r.context),
  };
}
