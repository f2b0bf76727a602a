// Pipelines area: which pipelines may use a protected resource ("open access"), and the approvals and
// checks on it (ado-rest.md §6). Both are preview resources.
import { asRecord, collectionItems, optIdentity, optNumber, optString, records, requireBody, requireItem, requireNumber, requireObject, requireString, seg, type Json, type ParseContext } from '../parse';
import type { AdoTransport, RequestSpec } from '../transport';
import type { IdentityRef } from '../types';

export const PIPELINES_PREVIEW_API_VERSION = '7.1-preview.1';

/**
 * endpoint: service connection GUID; variablegroup: integer id; securefile: GUID; queue: agent queue id
 * (not the pool id); environment: integer id; repository: "{projectId}.{repositoryId}".
 */
export type ProtectedResourceType = 'endpoint' | 'variablegroup' | 'securefile' | 'queue' | 'environment' | 'repository';

export interface PipelinePermissions {
  resource: { type: string; id: string; name?: string };
  /** Set when "Grant access permission to all pipelines" is on. Absent or authorized=false otherwise. */
  allPipelines?: { authorized: boolean; authorizedBy?: IdentityRef; authorizedOn?: string };
  pipelines: { id: number; authorized: boolean; authorizedBy?: IdentityRef; authorizedOn?: string }[];
}

export interface CheckConfiguration {
  id: number;
  /** e.g. Approval, Task Check, ExtendsCheck... */
  type: { id: string; name?: string };
  resource?: { type?: string; id?: string; name?: string };
  /** Minutes. */
  timeout?: number;
  /** Type-specific, as sent (approvers, required template...). */
  settings?: Json;
  createdBy?: IdentityRef;
  createdOn?: string;
}

export class PipelinesArea {
  constructor(private readonly t: AdoTransport) {}

  async getPipelinePermissions(projectId: string, resourceType: ProtectedResourceType, resourceId: string | number): Promise<PipelinePermissions> {
    const spec: RequestSpec = {
      path: `${seg(projectId)}/_apis/pipelines/pipelinePermissions/${resourceType}/${seg(resourceId)}`,
      apiVersion: PIPELINES_PREVIEW_API_VERSION,
      operation: `read which pipelines may use ${resourceType} ${resourceId}`,
    };
    const r = requireBody(await this.t.getJson(spec), spec);
    const resource = requireObject(r, 'resource', spec);
    const all = asRecord(r.allPipelines);
    return {
      resource: { type: optString(resource.type) ?? resourceType, id: requireString(resource, 'id', spec, 'resource'), name: optString(resource.name) },
      allPipelines: all && { authorized: all.authorized === true, authorizedBy: optIdentity(all.authorizedBy), authorizedOn: optString(all.authorizedOn) },
      pipelines: records(r.pipelines).flatMap((p) =>
        typeof p.id === 'number' ? [{ id: p.id, authorized: p.authorized === true, authorizedBy: optIdentity(p.authorizedBy), authorizedOn: optString(p.authorizedOn) }] : [],
      ),
    };
  }

  async listCheckConfigurations(projectId: string, resourceType: ProtectedResourceType, resourceId: string | number): Promise<CheckConfiguration[]> {
    const spec: RequestSpec = {
      path: `${seg(projectId)}/_apis/pipelines/checks/configurations`,
      query: { resourceType, resourceId: String(resourceId), $expand: 'settings' },
      apiVersion: PIPELINES_PREVIEW_API_VERSION,
      operation: `list the checks on ${resourceType} ${resourceId}`,
    };
    return collectionItems(await this.t.getJson(spec), spec).map((raw) => toCheck(raw, spec));
  }

  /**
   * The checks on many resources of a project in one request (Check Configurations - Query, a POST
   * that only reads), with their settings. Match them back by `resource.type` and `resource.id`.
   */
  async queryCheckConfigurations(projectId: string, resources: { type: ProtectedResourceType; id: string | number }[]): Promise<CheckConfiguration[]> {
    if (resources.length === 0) return [];
    const spec: RequestSpec = {
      path: `${seg(projectId)}/_apis/pipelines/checks/queryconfigurations`,
      query: { $expand: 'settings' },
      apiVersion: PIPELINES_PREVIEW_API_VERSION,
      operation: `list the checks on ${resources.length} resources of project ${projectId}`,
    };
    const body = await this.t.write({ ...spec, method: 'POST', readOnly: true, body: resources.map((r) => ({ type: r.type, id: String(r.id) })) });
    return collectionItems(body, spec).map((raw) => toCheck(raw, spec));
  }
}

/** A CheckConfiguration: id and type.id are required ("check.type.id missing"). */
function toCheck(raw: unknown, spec: ParseContext): CheckConfiguration {
  const r = requireItem(raw, spec, 'check');
  const id = requireNumber(r, 'id', spec, 'check');
  const type = requireObject(r, 'type', spec, 'check');
  const resource = asRecord(r.resource);
  return {
    id,
    type: { id: requireString(type, 'id', spec, 'check.type'), name: optString(type.name) },
    resource: resource && { type: optString(resource.type), id: optString(resource.id), name: optString(resource.name) },
    timeout: optNumber(r.timeout),
    settings: asRecord(r.settings),
    createdBy: optIdentity(r.createdBy),
    createdOn: optString(r.createdOn),
  };
}
