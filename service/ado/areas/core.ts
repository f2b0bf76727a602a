// Core area: who the credential is (connectionData) and the organization's projects (ado-rest.md §1.1).
import { asRecord, badResponse, optString, seg, type ParseContext } from '../parse';
import type { AdoTransport, RequestSpec } from '../transport';
import type { AdoProject, ConnectionData } from '../types';

/** The Location area (connectionData) never left preview: a plain '7.1' is refused there (VS800075). */
export const CONNECTION_DATA_API_VERSION = '7.1-preview.1';

export interface AdoProjectDetails extends AdoProject {
  description?: string;
  /** With includeCapabilities: the version control and process template capabilities. */
  sourceControlType?: string;
  processTemplateName?: string;
}

export class CoreArea {
  constructor(private readonly t: AdoTransport) {}

  /** Who the credential is, and which organization (instanceId) answered. */
  async connectionData(): Promise<ConnectionData> {
    const spec: RequestSpec = { path: '_apis/connectionData', operation: 'read the connection data', apiVersion: CONNECTION_DATA_API_VERSION };
    const data = asRecord(await this.t.getJson(spec));
    const user = asRecord(data?.authenticatedUser);
    if (!data || typeof user?.id !== 'string' || typeof data.instanceId !== 'string') {
      throw badResponse(spec, 'no authenticatedUser.id or instanceId');
    }
    const authorized = asRecord(data.authorizedUser);
    return {
      authenticatedUser: { id: user.id, providerDisplayName: optString(user.providerDisplayName), descriptor: optString(user.descriptor) },
      authorizedUser:
        typeof authorized?.id === 'string' ? { id: authorized.id, providerDisplayName: optString(authorized.providerDisplayName) } : undefined,
      instanceId: data.instanceId,
      deploymentId: optString(data.deploymentId),
    };
  }

  /** Every well-formed project, across continuation-token pages. */
  listProjects(): Promise<AdoProject[]> {
    const spec: RequestSpec = { path: '_apis/projects', query: { stateFilter: 'wellFormed', $top: 100 }, operation: 'list projects' };
    return this.t.collect(this.t.pages(spec), (raw) => toProject(raw, spec));
  }

  /** One project by id or name; with capabilities, its version control and process template. */
  async getProject(projectId: string, opts: { includeCapabilities?: boolean } = {}): Promise<AdoProjectDetails> {
    const spec: RequestSpec = {
      path: `_apis/projects/${seg(projectId)}`,
      query: { includeCapabilities: opts.includeCapabilities || undefined },
      operation: `read project ${projectId}`,
    };
    const raw = await this.t.getJson(spec);
    const p = toProject(raw, spec);
    const r = asRecord(raw)!;
    const caps = asRecord(r.capabilities);
    return {
      ...p,
      description: optString(r.description),
      sourceControlType: optString(asRecord(caps?.versioncontrol)?.sourceControlType),
      processTemplateName: optString(asRecord(caps?.processTemplate)?.templateName),
    };
  }
}

export function toProject(raw: unknown, ctx: ParseContext): AdoProject {
  const p = asRecord(raw);
  if (typeof p?.id !== 'string' || typeof p.name !== 'string') throw badResponse(ctx, 'a project without id or name');
  return {
    id: p.id,
    name: p.name,
    state: optString(p.state),
    visibility: optString(p.visibility),
    lastUpdateTime: optString(p.lastUpdateTime),
  };
}

