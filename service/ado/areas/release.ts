// Release area (classic release definitions), served from the vsrm host (ado-rest.md §0). Trimmed to
// what tells a classic release pipeline exists and who changed it; the rest is not covered by the doc.
import {
  asRecord,
  collect,
  optBool,
  optIdentity,
  optNumber,
  optString,
  optStringMap,
  records,
  requireItem,
  requireNumber,
  requireString,
  seg,
  webLink,
  type Json,
  type ParseContext,
} from '../parse';
import type { AdoTransport, RequestSpec } from '../transport';
import type { IdentityRef } from '../types';

export interface ReleaseDefinitionRef {
  id: number;
  name: string;
  /** Folder, e.g. '\\'. */
  path?: string;
  createdBy?: IdentityRef;
  createdOn?: string;
  modifiedBy?: IdentityRef;
  modifiedOn?: string;
  isDeleted?: boolean;
  webUrl?: string;
}

export interface ReleaseVariable {
  /** Always null for a secret. */
  value: string | null;
  isSecret?: boolean;
  /** Settable at release time. */
  allowOverride?: boolean;
}

export interface ReleaseApprover {
  id: string;
  displayName?: string;
  uniqueName?: string;
  /** A group. */
  isContainer?: boolean;
}

export interface ReleaseApprovals {
  /** Every approval step is automated (no human approves); true when none is listed. */
  isAutomated: boolean;
  approvers: ReleaseApprover[];
  /** 0 = every approver. */
  requiredApproverCount?: number;
  releaseCreatorCanBeApprover?: boolean;
  enforceIdentityRevalidation?: boolean;
}

export interface ReleaseTask {
  taskId: string;
  version?: string;
  name?: string;
  enabled?: boolean;
  inputs: Record<string, string | null>;
}

/** A stage (ADO: environment) of a release definition. */
export interface ReleaseStage {
  id: number;
  name: string;
  rank?: number;
  variables: Record<string, ReleaseVariable>;
  variableGroups: number[];
  preDeployApprovals: ReleaseApprovals;
  postDeployApprovals: ReleaseApprovals;
  /** preDeploymentGates.gatesOptions.isEnabled */
  gatesEnabled?: boolean;
  /** Every workflow task of every deploy phase. */
  tasks: ReleaseTask[];
  /** deploymentInput.queueId of the first agent phase that sets one. */
  queueId?: number;
}

export interface ReleaseDefinition extends ReleaseDefinitionRef {
  variables: Record<string, ReleaseVariable>;
  variableGroups: number[];
  stages: ReleaseStage[];
}

export class ReleaseArea {
  constructor(private readonly t: AdoTransport) {}

  listDefinitions(projectId: string): Promise<ReleaseDefinitionRef[]> {
    const spec: RequestSpec = {
      host: 'vsrm',
      path: `${seg(projectId)}/_apis/release/definitions`,
      query: { $top: 100 },
      operation: `list the release pipelines of project ${projectId}`,
    };
    return collect(this.t.pages(spec), (raw) => toReleaseDefinition(raw, spec));
  }

  /** One definition with its stages, approvals, variables and tasks. */
  async getDefinition(projectId: string, definitionId: number): Promise<ReleaseDefinition> {
    const spec: RequestSpec = {
      host: 'vsrm',
      path: `${seg(projectId)}/_apis/release/definitions/${definitionId}`,
      operation: `read release pipeline ${definitionId}`,
    };
    const raw = await this.t.getJson(spec);
    const ref = toReleaseDefinition(raw, spec, '');
    const r = requireItem(raw, spec, '');
    return {
      ...ref,
      variables: releaseVariables(r.variables),
      variableGroups: numbers(r.variableGroups),
      stages: records(r.environments)
        .filter((e) => typeof e.id === 'number' && typeof e.name === 'string')
        .map(toStage)
        .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)),
    };
  }
}

const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);

function releaseVariables(v: unknown): Record<string, ReleaseVariable> {
  const out: Record<string, ReleaseVariable> = {};
  for (const [name, x] of Object.entries(asRecord(v) ?? {})) {
    const r = asRecord(x);
    if (r) out[name] = { value: optString(r.value) ?? null, isSecret: optBool(r.isSecret), allowOverride: optBool(r.allowOverride) };
  }
  return out;
}

/** preDeployApprovals / postDeployApprovals: {approvals: [{isAutomated, approver}], approvalOptions}. */
function toApprovals(v: unknown): ReleaseApprovals {
  const r = asRecord(v);
  const steps = records(r?.approvals);
  const options = asRecord(r?.approvalOptions);
  const approvers: ReleaseApprover[] = [];
  for (const step of steps) {
    const who = asRecord(step.approver);
    if (step.isAutomated === true || typeof who?.id !== 'string') continue;
    approvers.push({ id: who.id, displayName: optString(who.displayName), uniqueName: optString(who.uniqueName), isContainer: optBool(who.isContainer) });
  }
  return {
    // A step with no approver can approve nothing: only listed human approvers count.
    isAutomated: approvers.length === 0,
    approvers,
    requiredApproverCount: optNumber(options?.requiredApproverCount),
    releaseCreatorCanBeApprover: optBool(options?.releaseCreatorCanBeApprover),
    enforceIdentityRevalidation: optBool(options?.enforceIdentityRevalidation),
  };
}

function toStage(e: Json): ReleaseStage {
  const phases = records(e.deployPhases);
  const queueIds = phases.map((p) => optNumber(asRecord(p.deploymentInput)?.queueId)).filter((x): x is number => x !== undefined && x > 0);
  return {
    id: e.id as number,
    name: e.name as string,
    rank: optNumber(e.rank),
    variables: releaseVariables(e.variables),
    variableGroups: numbers(e.variableGroups),
    preDeployApprovals: toApprovals(e.preDeployApprovals),
    postDeployApprovals: toApprovals(e.postDeployApprovals),
    gatesEnabled: optBool(asRecord(asRecord(e.preDeploymentGates)?.gatesOptions)?.isEnabled),
    tasks: phases.flatMap((p) =>
      records(p.workflowTasks).flatMap((t) =>
        typeof t.taskId === 'string'
          ? [{ taskId: t.taskId, version: optString(t.version), name: optString(t.name), enabled: optBool(t.enabled), inputs: optStringMap(t.inputs) ?? {} }]
          : [],
      ),
    ),
    queueId: queueIds[0],
  };
}

/** A ReleaseDefinition: id and name are required ("definition.id missing"); the rest is optional. */
function toReleaseDefinition(raw: unknown, ctx: ParseContext, at = 'definition'): ReleaseDefinitionRef {
  const r = requireItem(raw, ctx, at);
  return {
    id: requireNumber(r, 'id', ctx, at),
    name: requireString(r, 'name', ctx, at),
    path: optString(r.path),
    createdBy: optIdentity(r.createdBy),
    createdOn: optString(r.createdOn),
    modifiedBy: optIdentity(r.modifiedBy),
    modifiedOn: optString(r.modifiedOn),
    isDeleted: optBool(r.isDeleted),
    webUrl: webLink(r),
  };
}
