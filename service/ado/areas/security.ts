// Security area: permission checks in a security namespace.
import { collectionItems, badResponse, seg } from '../parse';
import type { AdoTransport, RequestSpec } from '../transport';

/** Collection security namespace; bit 2 (GENERIC_WRITE) on token "NAMESPACE" ~ "is an organization admin". */
export const COLLECTION_NAMESPACE_ID = '3e65f728-f8bc-4ecd-8764-7e378b19bfa7';
export const COLLECTION_GENERIC_READ = 1;
export const COLLECTION_GENERIC_WRITE = 2;
/** The security token of the whole organization in the Collection namespace. */
export const COLLECTION_TOKEN = 'NAMESPACE';

export class SecurityArea {
  constructor(private readonly t: AdoTransport) {}

  /**
   * Whether the caller holds `bits` on `token` in a security namespace. Used with a hub user's bearer
   * token and COLLECTION_NAMESPACE_ID / COLLECTION_GENERIC_WRITE / "NAMESPACE" to ask "is this user an
   * organization admin". UNVERIFIED against a live org: that this triple is the right admin test.
   */
  async hasPermission(namespaceId: string, bits: number, token: string): Promise<boolean> {
    if (!Number.isInteger(bits) || bits <= 0) throw new Error('bits must be a positive integer');
    if (token === '') throw new Error('token must not be empty');
    const spec: RequestSpec = {
      path: `_apis/permissions/${seg(namespaceId)}/${bits}`,
      query: { tokens: token },
      operation: 'check permissions',
    };
    const values = collectionItems(await this.t.getJson(spec), spec);
    if (typeof values[0] !== 'boolean') throw badResponse(spec, 'no boolean in the answer');
    return values[0];
  }
}
