// Core area: who the credential is (connectionData) and the organization's projects (ado-rest.md §1.1).
import { asRecord, collect, optString, requireBody, requireItem, requireObject, requireString, seg, type ParseContext } from '../parse';
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

  /**
   * Who the credential is, and which organization (instanceId) answered. ADO documents no example
   * of this answer (docs/ado-fields.md): authenticatedUser.id and instanceId are checked one by one, and
   * a missing or mistyped one fails with "unexpected answer from Azure DevOps to read the connection
   * data: <field> missing". Display names and descriptors are optional.
   */
  async connectionData(): Promise<ConnectionData> {
    const spec: RequestSpec = { path: '_apis/connectionData', operation: 'read the connection data', apiVersion: CONNECTION_DATA_API_VERSION };
    return toConnectionData(await this.t.getJson(spec), spec);
  }

  /** Every well-formed project, across continuation-token pages. */
  listProjects(): Promise<AdoProject[]> {
    const spec: RequestSpec = { path: '_apis/projects', query: { stateFilter: 'wellFormed', $top: 100 }, operation: 'list projects' };
    return collect(this.t.pages(spec), (raw) => toProject(raw, spec));
  }

  /** One project by id or name; with capabilities, its version control and process template. */
  async getProject(projectId: string, opts: { includeCapabilities?: boolean } = {}): Promise<AdoProjectDetails> {
    const spec: RequestSpec = {
      path: `_apis/projects/${seg(projectId)}`,
      query: { includeCapabilities: opts.includeCapabilities || undefined },
      operation: `read project ${projectId}`,
    };
    const raw = await this.t.getJson(spec);
    const p = toProject(raw, spec, '');
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

/** The parsed connectionData answer; see connectionData(). */
export function toConnectionData(body: unknown, ctx: ParseContext): ConnectionData {
  const data = requireBody(body, ctx);
  const user = requireObject(data, 'authenticatedUser', ctx);
  const userId = requireString(user, 'id', ctx, 'authenticatedUser');
  const instanceId = requireString(data, 'instanceId', ctx);
  const authorized = asRecord(data.authorizedUser);
  return {
    authenticatedUser: { id: userId, providerDisplayName: optString(user.providerDisplayName), descriptor: optString(user.descriptor) },
    authorizedUser:
      typeof authorized?.id === 'string' ? { id: authorized.id, providerDisplayName: optString(authorized.providerDisplayName) } : undefined,
    instanceId,
    deploymentId: optString(data.deploymentId),
  };
}

/**
 * A TeamProjectReference (ado-rest.md §1.1): id and name are required ("project.id missing" in a list,
 * "id missing" for one project, `at` ''); state, visibility and lastUpdateTime are optional (the
 * official list example has neither visibility nor lastUpdateTime).
 */
export function toProject(raw: unknown, ctx: ParseContext, at = 'project'): AdoProject {
  const p = requireItem(raw, ctx, at);
  return {
    id: requireString(p, 'id', ctx, at),
    name: requireString(p, 'name', ctx, at),
    state: optString(p.state),
    visibility: optString(p.visibility),
    lastUpdateTime: optString(p.lastUpdateTime),
  };
}

