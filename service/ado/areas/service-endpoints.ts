// Service connections (service endpoints) of a project (ado-rest.md §5). Secrets never come back.
import { asRecord, collectionItems, optBool, optIdentity, optString, optStringMap, records, requireItem, requireString, seg, type ParseContext } from '../parse';
import type { AdoTransport, RequestSpec } from '../transport';
import type { IdentityRef } from '../types';

export interface ServiceEndpoint {
  id: string;
  name: string;
  /** azurerm, azure (classic), github, kubernetes...; case varies, compare case-insensitively. */
  type: string;
  url?: string;
  description?: string;
  authorization: {
    /** ServicePrincipal | WorkloadIdentityFederation | ManagedServiceIdentity | Certificate | UsernamePassword | Token | ... */
    scheme?: string;
    /** tenantid, serviceprincipalid, scope (resource group), ...; secrets are null or absent. */
    parameters: Record<string, string | null>;
  };
  /** environment, scopeLevel, subscriptionId, creationMode, ... */
  data: Record<string, string | null>;
  isShared?: boolean;
  /** false: creation failed or is pending. */
  isReady?: boolean;
  /** Library (normal) | AgentCloud */
  owner?: string;
  createdBy?: IdentityRef;
  /** Every project that has it; a shared endpoint is listed (same id) in each of them. */
  projectReferences: { projectId: string; projectName?: string; name?: string }[];
}

/** One use of a service connection by a pipeline run (execution history). */
export interface EndpointExecution {
  /** Build or release definition id. */
  definitionId: number;
  definitionName?: string;
  /** Build | Release */
  planType?: string;
  /** succeeded | failed | canceled | ... */
  result?: string;
  startTime?: string;
  finishTime?: string;
}

export class ServiceEndpointsArea {
  constructor(private readonly t: AdoTransport) {}

  /** Every service connection of a project, including failed ones. Not paged by ADO. */
  async list(projectId: string, filter: { type?: string } = {}): Promise<ServiceEndpoint[]> {
    const spec: RequestSpec = {
      path: `${seg(projectId)}/_apis/serviceendpoint/endpoints`,
      query: { type: filter.type, includeFailed: true },
      operation: `list the service connections of project ${projectId}`,
    };
    return collectionItems(await this.t.getJson(spec), spec).map((raw) => toServiceEndpoint(raw, spec));
  }

  async get(projectId: string, endpointId: string): Promise<ServiceEndpoint> {
    const spec: RequestSpec = {
      path: `${seg(projectId)}/_apis/serviceendpoint/endpoints/${seg(endpointId)}`,
      operation: `read service connection ${endpointId}`,
    };
    return toServiceEndpoint(await this.t.getJson(spec), spec, '');
  }

  /**
   * The most recent runs that used a connection, newest first: one page of at most `top` (the
   * history can be long; a posture snapshot needs only who used it lately).
   */
  async executionHistory(projectId: string, endpointId: string, top = 50): Promise<EndpointExecution[]> {
    const spec: RequestSpec = {
      path: `${seg(projectId)}/_apis/serviceendpoint/${seg(endpointId)}/executionhistory`,
      query: { top },
      operation: `read the execution history of service connection ${endpointId}`,
    };
    return collectionItems(await this.t.getJson(spec), spec).flatMap((raw) => {
      const data = asRecord(requireItem(raw, spec, 'record').data);
      const def = asRecord(data?.definition);
      if (typeof def?.id !== 'number') return [];
      return [
        {
          definitionId: def.id,
          definitionName: optString(def.name),
          planType: optString(data?.planType),
          result: optString(data?.result),
          startTime: optString(data?.startTime),
          finishTime: optString(data?.finishTime),
        },
      ];
    });
  }
}

/**
 * A ServiceEndpoint: id, name and type are required ("endpoint.type missing" in a list, "type missing"
 * for one connection, `at` ''); the rest is optional.
 */
export function toServiceEndpoint(raw: unknown, ctx: ParseContext, at = 'endpoint'): ServiceEndpoint {
  const r = requireItem(raw, ctx, at);
  const auth = asRecord(r.authorization);
  return {
    id: requireString(r, 'id', ctx, at),
    name: requireString(r, 'name', ctx, at),
    type: requireString(r, 'type', ctx, at),
    url: optString(r.url),
    description: optString(r.description),
    authorization: { scheme: optString(auth?.scheme), parameters: optStringMap(auth?.parameters) ?? {} },
    data: optStringMap(r.data) ?? {},
    isShared: optBool(r.isShared),
    isReady: optBool(r.isReady),
    owner: optString(r.owner),
    createdBy: optIdentity(r.createdBy),
    projectReferences: records(r.serviceEndpointProjectReferences).flatMap((p) => {
      const ref = asRecord(p.projectReference);
      return typeof ref?.id === 'string' ? [{ projectId: ref.id, projectName: optString(ref.name), name: optString(p.name) }] : [];
    }),
  };
}
