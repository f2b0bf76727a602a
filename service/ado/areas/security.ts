// Security area: permission checks in a security namespace.
import { badResponse, collectionItems, kindOf, seg, type ParseContext } from '../parse';
import type { AdoTransport, RequestSpec } from '../transport';

/** Collection security namespace; GENERIC_WRITE on COLLECTION_TOKEN ~ "is an organization admin". */
export const COLLECTION_NAMESPACE_ID = '3e65f728-f8bc-4ecd-8764-7e378b19bfa7';
export const COLLECTION_GENERIC_WRITE = 2;
/** The security token of the whole organization in the Collection namespace: pass it, never the literal. */
export const COLLECTION_TOKEN = 'NAMESPACE';

export class SecurityArea {
  constructor(private readonly t: AdoTransport) {}

  /**
   * Whether the caller holds `bits` on `token` in a security namespace. Used with a hub user's bearer
   * token and COLLECTION_NAMESPACE_ID / COLLECTION_GENERIC_WRITE / COLLECTION_TOKEN to ask "is this user an
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
    return toPermission(await this.t.getJson(spec), spec);
  }
}

/**
 * The permissions answer: `{count, value: [boolean]}`, one boolean per token, in the order asked (a bare
 * array under noArrayWrap). ADO documents no example (docs/ado-fields.md); the client reads value[0]
 * only, and fails with "value missing" (collectionItems), "value[0] missing" or "value[0] is not a
 * boolean (a string)".
 */
export function toPermission(body: unknown, ctx: ParseContext): boolean {
  const first = collectionItems(body, ctx)[0];
  if (first === undefined || first === null) throw badResponse(ctx, 'value[0] missing');
  if (typeof first !== 'boolean') throw badResponse(ctx, `value[0] is not a boolean (${kindOf(first)})`);
  return first;
}
