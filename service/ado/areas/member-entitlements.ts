// Member entitlements (vsaex host): users with their access level and last access (ado-rest.md §13.1).
import { asRecord, collect, optString, requireItem, requireObject, requireString, type ParseContext } from '../parse';
import type { AdoTransport, RequestSpec } from '../transport';
import { toSubject, type GraphSubject } from './graph';

/** ADO's "never signed in" value of lastAccessedDate. */
export const NEVER_ACCESSED = '0001-01-01T00:00:00Z';

export interface UserEntitlement {
  id: string;
  user: GraphSubject;
  dateCreated?: string;
  /** null when ADO says the user never signed in (NEVER_ACCESSED); undefined when ADO sent nothing (unknown). */
  lastAccessedDate?: string | null;
  accessLevel?: {
    licenseDisplayName?: string;
    /** express (Basic) | stakeholder | advanced | none ... */
    accountLicenseType?: string;
    /** account | msdn | ... */
    licensingSource?: string;
    /** active | disabled | pending ... */
    status?: string;
  };
}

export interface EntitlementSearch {
  /** e.g. "userType eq 'guest'", "licenseId eq 'Account-Stakeholder'". */
  filter?: string;
  /** e.g. 'lastAccessed asc'. */
  orderBy?: string;
}

export class MemberEntitlementsArea {
  constructor(private readonly t: AdoTransport) {}

  /** Every matching user, across body-token pages. */
  searchUserEntitlements(search: EntitlementSearch = {}): Promise<UserEntitlement[]> {
    const spec: RequestSpec = {
      host: 'vsaex',
      path: '_apis/userentitlements',
      query: { $filter: search.filter, $orderBy: search.orderBy },
      operation: 'list user entitlements',
    };
    return collect(this.t.bodyTokenPages(spec, { items: 'items' }), (raw) => toEntitlement(raw, spec));
  }
}

/** A UserEntitlement: id and user.descriptor are required ("entitlement.user.descriptor missing"). */
function toEntitlement(raw: unknown, ctx: ParseContext): UserEntitlement {
  const r = requireItem(raw, ctx, 'entitlement');
  const id = requireString(r, 'id', ctx, 'entitlement');
  const user = toSubject(requireObject(r, 'user', ctx, 'entitlement'), ctx, 'entitlement.user');
  const level = asRecord(r.accessLevel);
  const last = optString(r.lastAccessedDate);
  return {
    id,
    user,
    dateCreated: optString(r.dateCreated),
    lastAccessedDate: last === undefined ? undefined : last.startsWith(NEVER_ACCESSED.slice(0, 10)) ? null : last,
    accessLevel: level && {
      licenseDisplayName: optString(level.licenseDisplayName),
      accountLicenseType: optString(level.accountLicenseType),
      licensingSource: optString(level.licensingSource),
      status: optString(level.status),
    },
  };
}
