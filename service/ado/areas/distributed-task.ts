// Distributed task area: library variable groups and secure files (ado-rest.md §7), agent pools and
// queues, environments. Secret values never come back.
import { asRecord, collect, optBool, optIdentity, optNumber, optString, records, requireItem, requireNumber, requireString, seg, type ParseContext } from '../parse';
import type { AdoTransport, RequestSpec } from '../transport';
import type { IdentityRef } from '../types';

/** The list route is missing from the 7.1 reference; AzSK's 6.1-preview.1 is known to work (ado-rest.md §7.2). */
export const SECURE_FILES_API_VERSION = '6.1-preview.1';

export interface VariableGroupVariable {
  /** Always null for a secret; a plaintext credential in a non-secret variable is fully visible. */
  value: string | null;
  isSecret?: boolean;
  isReadOnly?: boolean;
  /** Key Vault groups: */
  enabled?: boolean;
  expires?: string | null;
}

export interface VariableGroup {
  id: number;
  name: string;
  description?: string;
  /** Vsts (plain library group) | AzureKeyVault */
  type?: string;
  isShared?: boolean;
  /** Key Vault groups: the vault and the ARM service connection that reads it. */
  providerData?: { serviceEndpointId?: string; vault?: string; lastRefreshedOn?: string };
  variables: Record<string, VariableGroupVariable>;
  projectReferences: { projectId: string; projectName?: string }[];
  createdBy?: IdentityRef;
  modifiedBy?: IdentityRef;
  modifiedOn?: string;
}

export interface SecureFile {
  id: string;
  name: string;
  createdBy?: IdentityRef;
  createdOn?: string;
  modifiedBy?: IdentityRef;
  modifiedOn?: string;
}

export interface AgentPool {
  id: number;
  name: string;
  isHosted?: boolean;
  /** automation | deployment */
  poolType?: string;
  autoProvision?: boolean;
  /** Agents update themselves. */
  autoUpdate?: boolean;
  /** Agents registered, when ADO says. */
  size?: number;
  /** Pool options words (elasticPool, singleUseAgents, preserveAgentOnJobFailure), lower-cased. */
  options: string[];
  owner?: IdentityRef;
}

/** A project's view of a pool; pipeline permissions of type 'queue' use this id, not the pool's. */
export interface AgentQueue {
  id: number;
  name: string;
  pool?: { id: number; name?: string; isHosted?: boolean };
}

export interface Environment {
  id: number;
  name: string;
  description?: string;
  createdBy?: IdentityRef;
  lastModifiedOn?: string;
}

export class DistributedTaskArea {
  constructor(private readonly t: AdoTransport) {}

  /**
   * Every variable group of a project. No $top: whether its continuation token comes in the header is
   * UNVERIFIED, and a silent cut at $top would hide groups; a header token is still followed.
   */
  listVariableGroups(projectId: string): Promise<VariableGroup[]> {
    const spec: RequestSpec = {
      path: `${seg(projectId)}/_apis/distributedtask/variablegroups`,
      query: { queryOrder: 'IdAscending' },
      operation: `list the variable groups of project ${projectId}`,
    };
    return collect(this.t.pages(spec), (raw) => toVariableGroup(raw, spec));
  }

  /** Never asks for download tickets. */
  listSecureFiles(projectId: string): Promise<SecureFile[]> {
    const spec: RequestSpec = {
      path: `${seg(projectId)}/_apis/distributedtask/securefiles`,
      apiVersion: SECURE_FILES_API_VERSION,
      operation: `list the secure files of project ${projectId}`,
    };
    return collect(this.t.pages(spec), (raw) => {
      const r = requireItem(raw, spec, 'secureFile');
      return {
        id: requireString(r, 'id', spec, 'secureFile'),
        name: requireString(r, 'name', spec, 'secureFile'),
        createdBy: optIdentity(r.createdBy),
        createdOn: optString(r.createdOn),
        modifiedBy: optIdentity(r.modifiedBy),
        modifiedOn: optString(r.modifiedOn),
      };
    });
  }

  listAgentPools(): Promise<AgentPool[]> {
    const spec: RequestSpec = { path: '_apis/distributedtask/pools', operation: 'list the agent pools' };
    return collect(this.t.pages(spec), (raw) => {
      const r = requireItem(raw, spec, 'pool');
      return {
        id: requireNumber(r, 'id', spec, 'pool'),
        name: requireString(r, 'name', spec, 'pool'),
        isHosted: optBool(r.isHosted),
        poolType: optString(r.poolType),
        autoProvision: optBool(r.autoProvision),
        autoUpdate: optBool(r.autoUpdate),
        size: optNumber(r.size),
        options: typeof r.options === 'string' ? r.options.split(',').map((w) => w.trim().toLowerCase()).filter((w) => w !== '' && w !== 'none') : [],
        owner: optIdentity(r.owner),
      };
    });
  }

  listAgentQueues(projectId: string): Promise<AgentQueue[]> {
    const spec: RequestSpec = { path: `${seg(projectId)}/_apis/distributedtask/queues`, operation: `list the agent queues of project ${projectId}` };
    return collect(this.t.pages(spec), (raw) => {
      const r = requireItem(raw, spec, 'queue');
      const pool = asRecord(r.pool);
      return {
        id: requireNumber(r, 'id', spec, 'queue'),
        name: requireString(r, 'name', spec, 'queue'),
        pool: typeof pool?.id === 'number' ? { id: pool.id, name: optString(pool.name), isHosted: optBool(pool.isHosted) } : undefined,
      };
    });
  }

  listEnvironments(projectId: string): Promise<Environment[]> {
    const spec: RequestSpec = {
      path: `${seg(projectId)}/_apis/distributedtask/environments`,
      query: { $top: 100 },
      operation: `list the environments of project ${projectId}`,
    };
    return collect(this.t.pages(spec), (raw) => {
      const r = requireItem(raw, spec, 'environment');
      return {
        id: requireNumber(r, 'id', spec, 'environment'),
        name: requireString(r, 'name', spec, 'environment'),
        description: optString(r.description),
        createdBy: optIdentity(r.createdBy),
        lastModifiedOn: optString(r.lastModifiedOn),
      };
    });
  }
}

/** A VariableGroup: id and name are required ("variableGroup.id missing"); the rest is optional. */
export function toVariableGroup(raw: unknown, ctx: ParseContext): VariableGroup {
  const r = requireItem(raw, ctx, 'variableGroup');
  const id = requireNumber(r, 'id', ctx, 'variableGroup');
  const name = requireString(r, 'name', ctx, 'variableGroup');
  const provider = asRecord(r.providerData);
  const variables: Record<string, VariableGroupVariable> = {};
  for (const [key, v] of Object.entries(asRecord(r.variables) ?? {})) {
    const x = asRecord(v);
    if (!x) continue;
    variables[key] = {
      value: optString(x.value) ?? null,
      isSecret: optBool(x.isSecret),
      isReadOnly: optBool(x.isReadOnly),
      enabled: optBool(x.enabled),
      expires: x.expires === null ? null : optString(x.expires),
    };
  }
  return {
    id,
    name,
    description: optString(r.description),
    type: optString(r.type),
    isShared: optBool(r.isShared),
    providerData: provider && {
      serviceEndpointId: optString(provider.serviceEndpointId),
      vault: optString(provider.vault),
      lastRefreshedOn: optString(provider.lastRefreshedOn),
    },
    variables,
    projectReferences: records(r.variableGroupProjectReferences).flatMap((p) => {
      const ref = asRecord(p.projectReference);
      return typeof ref?.id === 'string' ? [{ projectId: ref.id, projectName: optString(ref.name) }] : [];
    }),
    createdBy: optIdentity(r.createdBy),
    modifiedBy: optIdentity(r.modifiedBy),
    modifiedOn: optString(r.modifiedOn),
  };
}

