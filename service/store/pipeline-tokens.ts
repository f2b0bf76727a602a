// Pipeline upload tokens: an organization administrator creates one for the pipeline task's service
// connection. The token is shown once; only its SHA-256 is stored, and a lookup compares digests in
// constant time. A revoked token never authenticates again.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { PIPELINE_TOKEN_PREFIX } from '../contract/pipeline-api';
import type { Database, PipelineTokenRow } from './schema';

/** 32 random bytes: the token carries 256 bits whatever its prefix. */
const TOKEN_BYTES = 32;

export const tokenDigest = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/** A token as lists show it: never its hash. */
export type PipelineTokenInfo = Omit<PipelineTokenRow, 'token_hash'>;

export interface CreatedPipelineToken {
  /** The token itself: returned once, never stored. */
  token: string;
  info: PipelineTokenInfo;
}

export async function createPipelineToken(
  db: Kysely<Database>,
  orgId: string,
  input: { name: string; by: string; byName?: string },
): Promise<CreatedPipelineToken> {
  const token = PIPELINE_TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');
  const row = await db
    .insertInto('pipeline_tokens')
    .values({
      org_id: orgId,
      token_id: randomUUID(),
      name: input.name,
      token_hash: tokenDigest(token),
      created_by: input.by,
      created_by_name: input.byName ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, info: withoutHash(row) };
}

function withoutHash(row: PipelineTokenRow): PipelineTokenInfo {
  const { token_hash: _hash, ...info } = row;
  return info;
}

/** Every token of the organization, live ones first, newest first. */
export async function listPipelineTokens(db: Kysely<Database>, orgId: string): Promise<PipelineTokenInfo[]> {
  const rows = await db
    .selectFrom('pipeline_tokens')
    .select(['org_id', 'token_id', 'name', 'created_by', 'created_by_name', 'created_at', 'last_used_at', 'revoked_at', 'revoked_by'])
    .where('org_id', '=', orgId)
    .orderBy((eb) => eb.case().when('revoked_at', 'is', null).then(0).else(1).end())
    .orderBy('created_at', 'desc')
    .orderBy('token_id')
    .execute();
  return rows;
}

/** Revokes a live token; false when the organization has no such live token. */
export async function revokePipelineToken(db: Kysely<Database>, orgId: string, tokenId: string, by: string): Promise<boolean> {
  const r = await db
    .updateTable('pipeline_tokens')
    .set({ revoked_at: new Date(), revoked_by: by })
    .where('org_id', '=', orgId)
    .where('token_id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * The live token a request offers, or undefined. Found by its digest (a 256-bit secret's hash reveals
 * nothing to probe), then compared again in constant time; its last use is recorded.
 */
export async function authenticatePipelineToken(db: Kysely<Database>, token: string): Promise<{ orgId: string; tokenId: string } | undefined> {
  if (!token.startsWith(PIPELINE_TOKEN_PREFIX) || token.length > 200) return undefined;
  const digest = tokenDigest(token);
  const row = await db
    .selectFrom('pipeline_tokens')
    .select(['org_id', 'token_id', 'token_hash', 'revoked_at'])
    .where('token_hash', '=', digest)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.token_hash.length !== digest.length || !timingSafeEqual(row.token_hash, digest)) return undefined;
  await db.updateTable('pipeline_tokens').set({ last_used_at: new Date() }).where('org_id', '=', row.org_id).where('token_id', '=', row.token_id).execute();
  return { orgId: row.org_id, tokenId: row.token_id };
}
