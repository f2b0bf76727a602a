// An organization's license policy (organizations.license_policy, migration 009). Stored as the
// contract's LicensePolicy JSON, validated at the edge (http) before it gets here; NULL means the
// default policy, which the caller supplies (it lives with the licenses scanner).
import type { Kysely } from 'kysely';
import type { LicensePolicy } from '../contract/api';
import type { Database } from './schema';

/** The stored policy: null when the organization uses the default, undefined when it is not connected. */
export async function getStoredLicensePolicy(db: Kysely<Database>, orgId: string): Promise<LicensePolicy | null | undefined> {
  const row = await db.selectFrom('organizations').select('license_policy').where('org_id', '=', orgId).executeTakeFirst();
  if (!row) return undefined;
  return (row.license_policy as LicensePolicy | null) ?? null;
}

/** Stores `policy` (null: back to the default). False when the organization is not connected. */
export async function setLicensePolicy(db: Kysely<Database>, orgId: string, policy: LicensePolicy | null): Promise<boolean> {
  const row = await db
    .updateTable('organizations')
    .set({ license_policy: policy === null ? null : JSON.stringify(policy), updated_at: new Date() })
    .where('org_id', '=', orgId)
    .returning('org_id')
    .executeTakeFirst();
  return Boolean(row);
}
