// Graph area (vssps host): users, groups, direct memberships and descriptor lookup (ado-rest.md §13.2-§13.3).
import { collect, collectionItems, optBool, optString, requireBody, requireItem, requireObject, requireString, seg, type ParseContext } from '../parse';
import type { AdoTransport, RequestSpec } from '../transport';

export const GRAPH_API_VERSION = '7.1-preview.1';
/** Descriptors per subjectlookup request (no documented cap; keeps bodies small). */
const LOOKUP_CHUNK = 100;

export interface GraphSubject {
  /** aad.* / msa.* / svc.* / vss.* for users; vssgp.* / aadgp.* for groups. */
  descriptor: string;
  /** user | group | ... */
  subjectKind?: string;
  displayName?: string;
  principalName?: string;
  mailAddress?: string;
  /** aad | msa | vsts | ad */
  origin?: string;
  originId?: string;
  domain?: string;
  /** member | guest (Entra B2B guests) */
  metaType?: string;
  isDeletedInOrigin?: boolean;
  description?: string;
}

export interface GraphMembership {
  containerDescriptor: string;
  memberDescriptor: string;
}

export class GraphArea {
  constructor(private readonly t: AdoTransport) {}

  /** Users, optionally of some origins only (subjectTypes 'aad', 'msa', ...). No last-access date here. */
  listUsers(subjectTypes?: string[]): Promise<GraphSubject[]> {
    const spec: RequestSpec = {
      host: 'vssps',
      path: '_apis/graph/users',
      query: { subjectTypes: subjectTypes?.join(',') },
      apiVersion: GRAPH_API_VERSION,
      operation: 'list users',
    };
    return collect(this.t.pages(spec), (raw) => toSubject(raw, spec));
  }

  /** Every group of the organization (Project Collection Administrators, project groups, ...). */
  listGroups(): Promise<GraphSubject[]> {
    const spec: RequestSpec = { host: 'vssps', path: '_apis/graph/groups', apiVersion: GRAPH_API_VERSION, operation: 'list groups' };
    return collect(this.t.pages(spec), (raw) => toSubject(raw, spec));
  }

  /** Direct memberships only (depth 1): 'down' lists a group's members, 'up' the groups of a subject. */
  async listMemberships(subjectDescriptor: string, direction: 'down' | 'up' = 'down'): Promise<GraphMembership[]> {
    const spec: RequestSpec = {
      host: 'vssps',
      path: `_apis/graph/Memberships/${seg(subjectDescriptor)}`,
      query: { direction },
      apiVersion: GRAPH_API_VERSION,
      operation: `list the memberships of ${subjectDescriptor}`,
    };
    return collectionItems(await this.t.getJson(spec), spec).map((raw) => {
      const r = requireItem(raw, spec, 'membership');
      return { containerDescriptor: requireString(r, 'containerDescriptor', spec, 'membership'), memberDescriptor: requireString(r, 'memberDescriptor', spec, 'membership') };
    });
  }

  /** Resolves descriptors in bulk; descriptors ADO does not know are absent from the map. */
  async lookupSubjects(descriptors: string[]): Promise<Map<string, GraphSubject>> {
    const out = new Map<string, GraphSubject>();
    const spec: RequestSpec = { host: 'vssps', path: '_apis/graph/subjectlookup', apiVersion: GRAPH_API_VERSION, operation: 'look up graph subjects' };
    for (let i = 0; i < descriptors.length; i += LOOKUP_CHUNK) {
      const chunk = descriptors.slice(i, i + LOOKUP_CHUNK);
      const body = requireBody(
        await this.t.write({ ...spec, method: 'POST', readOnly: true, body: { lookupKeys: chunk.map((descriptor) => ({ descriptor })) } }),
        spec,
      );
      // A map keyed by descriptor, not an array.
      const value = requireObject(body, 'value', spec);
      for (const raw of Object.values(value)) {
        const subject = toSubject(raw, spec);
        out.set(subject.descriptor, subject);
      }
    }
    return out;
  }
}

/** A GraphSubject (user or group): descriptor is required ("subject.descriptor missing"); the rest is optional. */
export function toSubject(raw: unknown, ctx: ParseContext, at = 'subject'): GraphSubject {
  const r = requireItem(raw, ctx, at);
  return {
    descriptor: requireString(r, 'descriptor', ctx, at),
    subjectKind: optString(r.subjectKind),
    displayName: optString(r.displayName),
    principalName: optString(r.principalName),
    mailAddress: optString(r.mailAddress),
    origin: optString(r.origin),
    originId: optString(r.originId),
    domain: optString(r.domain),
    metaType: optString(r.metaType),
    isDeletedInOrigin: optBool(r.isDeletedInOrigin),
    description: optString(r.description),
  };
}
