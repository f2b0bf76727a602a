// Release area (classic release definitions), served from the vsrm host (ado-rest.md §0). Trimmed to
// what tells a classic release pipeline exists and who changed it; the rest is not covered by the doc.
import { collect, optBool, optIdentity, optString, requireItem, requireNumber, requireString, seg, webLink, type ParseContext } from '../parse';
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
}

/** A ReleaseDefinition: id and name are required ("definition.id missing"); the rest is optional. */
function toReleaseDefinition(raw: unknown, ctx: ParseContext): ReleaseDefinitionRef {
  const r = requireItem(raw, ctx, 'definition');
  return {
    id: requireNumber(r, 'id', ctx, 'definition'),
    name: requireString(r, 'name', ctx, 'definition'),
    path: optString(r.path),
    createdBy: optIdentity(r.createdBy),
    createdOn: optString(r.createdOn),
    modifiedBy: optIdentity(r.modifiedBy),
    modifiedOn: optString(r.modifiedOn),
    isDeleted: optBool(r.isDeleted),
    webUrl: webLink(r),
  };
}
