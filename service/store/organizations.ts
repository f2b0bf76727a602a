import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DEFAULT_GATE_SEVERITY, GATE_SEVERITIES, type GateSeverity } from '../contract/vocabulary';
import { open, seal } from './crypto';
import type { Database, OrganizationRow } from './schema';
import { inTransaction } from './db';

/** An Entra ID service principal: its tenant, app (client) id and one secret, a client secret or a PEM certificate with its key. */
export interface StoredServicePrincipal {
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  certificatePem?: string;
}

/** A stored credential, opened: what an ADO client authenticates with. */
export type StoredCredential = { kind: 'pat'; token: string } | { kind: 'service-principal'; principal: StoredServicePrincipal };

export type CredentialKind = StoredCredential['kind'];

/** `pat` or `servicePrincipal`: the credential, sealed with the org id (a principal as JSON). */
export type ConnectInput = {
  name: string;
  url: string;
  instanceId: string;
  connectedBy: string;
  connectedByName?: string;
  /** Who the credential acts as in ADO (connectionData's authenticated user). */
  patOwnerId: string;
  patOwnerName?: string;
  /** PAT scopes a full posture assessment lacks (stored with the credential for the hub; null for a principal). */
  scopeGaps?: unknown[] | null;
} & CredentialSecret;

/** The secret itself: a PAT or a service principal. */
export type CredentialSecret = { pat: string; servicePrincipal?: never } | { servicePrincipal: StoredServicePrincipal; pat?: never };

/** The credentials row's sealed columns for `secret` (a principal as JSON), bound to the org id. */
function sealedCredential(key: Buffer, orgId: string, secret: CredentialSecret) {
  const principal = secret.servicePrincipal;
  const plaintext = principal
    ? JSON.stringify({ tenantId: principal.tenantId, clientId: principal.clientId, clientSecret: principal.clientSecret, certificatePem: principal.certificatePem })
    : secret.pat!;
  const sealed = seal(plaintext, key, orgId);
  return { kind: principal ? 'service-principal' : 'pat', key_id: sealed.keyId, iv: sealed.iv, tag: sealed.tag, ciphertext: sealed.ciphertext };
}

/** Connect (or reconnect) an organization: one row per ADO instance, credential sealed with the org id. */
export async function connectOrganization(db: Kysely<Database>, key: Buffer, input: ConnectInput): Promise<OrganizationRow> {
  return inTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('organizations').selectAll().where('instance_id', '=', input.instanceId).executeTakeFirst();
    const orgId = existing?.org_id ?? randomUUID();
    let row: OrganizationRow;
    if (existing) {
      row = await trx
        .updateTable('organizations')
        .set({ name: input.name, url: input.url, connected_by: input.connectedBy, connected_by_name: input.connectedByName ?? null, updated_at: new Date() })
        .where('org_id', '=', orgId)
        .returningAll()
        .executeTakeFirstOrThrow();
    } else {
      row = await trx
        .insertInto('organizations')
        .values({
          org_id: orgId,
          name: input.name,
          url: input.url,
          instance_id: input.instanceId,
          connected_by: input.connectedBy,
          connected_by_name: input.connectedByName ?? null,
          secret_salt: randomBytes(16).toString('hex'),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    const values = {
      ...sealedCredential(key, orgId, input.servicePrincipal ? { servicePrincipal: input.servicePrincipal } : { pat: input.pat! }),
      scope_gaps: input.scopeGaps ? JSON.stringify(input.scopeGaps) : null,
      owner_id: input.patOwnerId,
      owner_name: input.patOwnerName ?? null,
      verified_at: new Date(),
    };
    await trx
      .insertInto('credentials')
      .values({ org_id: orgId, ...values })
      .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
      .execute();
    return row;
  });
}

/**
 * Replaces the organization's credential with one already checked; false when the organization has no
 * credential row (disconnected meanwhile).
 */
export async function replaceCredential(
  db: Kysely<Database>,
  key: Buffer,
  orgId: string,
  input: CredentialSecret & { ownerId: string; ownerName?: string; scopeGaps: unknown[] | null; replacedByName: string },
): Promise<boolean> {
  const res = await db
    .updateTable('credentials')
    .set({
      ...sealedCredential(key, orgId, input.servicePrincipal ? { servicePrincipal: input.servicePrincipal } : { pat: input.pat! }),
      owner_id: input.ownerId,
      owner_name: input.ownerName ?? null,
      scope_gaps: input.scopeGaps ? JSON.stringify(input.scopeGaps) : null,
      verified_at: new Date(),
      replaced_at: new Date(),
      replaced_by_name: input.replacedByName,
    })
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** What the hub shows of the credential: never the secret. */
export async function getCredentialInfo(db: Kysely<Database>, orgId: string) {
  return db
    .selectFrom('credentials as c')
    .innerJoin('organizations as o', 'o.org_id', 'c.org_id')
    .select(['c.kind', 'c.owner_name', 'c.owner_id', 'c.verified_at', 'c.scope_gaps', 'c.replaced_at', 'c.replaced_by_name', 'o.connected_by', 'o.connected_by_name', 'o.created_at'])
    .where('c.org_id', '=', orgId)
    .executeTakeFirst();
}

/** The organization's row with how it is connected (credentials.kind: 'pat' or 'service-principal'). */
const withCredentialKind = (db: Kysely<Database>) =>
  db
    .selectFrom('organizations')
    .selectAll('organizations')
    .select((eb) => eb.selectFrom('credentials').select('credentials.kind').whereRef('credentials.org_id', '=', 'organizations.org_id').as('credential_kind'));

export const getOrganization = (db: Kysely<Database>, orgId: string) => withCredentialKind(db).where('organizations.org_id', '=', orgId).executeTakeFirst();

/** The connected organization of that name (case-insensitive), if any. */
export const findOrganizationByName = (db: Kysely<Database>, name: string) =>
  withCredentialKind(db)
    .where((eb) => eb(eb.fn('lower', ['organizations.name']), '=', name.toLowerCase()))
    .executeTakeFirst();

export const listOrganizations = (db: Kysely<Database>) => db.selectFrom('organizations').selectAll().orderBy('name').execute();

export async function getCredential(db: Kysely<Database>, key: Buffer, orgId: string): Promise<StoredCredential> {
  const row = await db.selectFrom('credentials').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  if (!row) throw new Error('The organization has no stored credential; reconnect it');
  const plaintext = open({ keyId: row.key_id, iv: row.iv, tag: row.tag, ciphertext: row.ciphertext }, key, orgId);
  if (row.kind === 'pat') return { kind: 'pat', token: plaintext };
  if (row.kind === 'service-principal') return { kind: 'service-principal', principal: principalOf(plaintext) };
  throw new Error(`The stored credential is of an unknown kind (${row.kind}); reconnect the organization`);
}

function principalOf(plaintext: string): StoredServicePrincipal {
  const p = JSON.parse(plaintext) as Partial<StoredServicePrincipal>;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const principal = { tenantId: text(p.tenantId), clientId: text(p.clientId), clientSecret: text(p.clientSecret), certificatePem: text(p.certificatePem) };
  if (!principal.tenantId || !principal.clientId || !(principal.clientSecret || principal.certificatePem)) {
    throw new Error('The stored service principal is incomplete; reconnect the organization');
  }
  return principal as StoredServicePrincipal;
}

/** How the organization is connected, or undefined without a credential. */
export async function getCredentialKind(db: Kysely<Database>, orgId: string): Promise<CredentialKind | undefined> {
  const row = await db.selectFrom('credentials').select('kind').where('org_id', '=', orgId).executeTakeFirst();
  return row ? (row.kind as CredentialKind) : undefined;
}

export async function recordDiscovery(db: Kysely<Database>, orgId: string, error?: string): Promise<void> {
  await db
    .updateTable('organizations')
    .set(error ? { last_discovery_error: error } : { last_discovery_at: new Date(), last_discovery_error: null })
    .where('org_id', '=', orgId)
    .execute();
}

/** An organization's settings (migrations 007 and 011). */
export interface OrganizationSettingsRow {
  verifySecrets: boolean;
  /** critical | high | medium | low */
  gateSeverity: GateSeverity;
  prComments: boolean;
}

const SETTINGS_COLUMNS = ['verify_secrets', 'gate_severity', 'pr_comments'] as const;

const toSettings = (row: Pick<OrganizationRow, (typeof SETTINGS_COLUMNS)[number]>): OrganizationSettingsRow => ({
  verifySecrets: row.verify_secrets,
  // The column has no CHECK: a value the contract does not know reads as the default.
  gateSeverity: (GATE_SEVERITIES as readonly string[]).includes(row.gate_severity) ? (row.gate_severity as GateSeverity) : DEFAULT_GATE_SEVERITY,
  prComments: row.pr_comments,
});

export async function getOrganizationSettings(db: Kysely<Database>, orgId: string): Promise<OrganizationSettingsRow | undefined> {
  const row = await db.selectFrom('organizations').select(SETTINGS_COLUMNS).where('org_id', '=', orgId).executeTakeFirst();
  return row && toSettings(row);
}

/** Changes the settings named in `patch`; returns them all, or undefined when the organization is gone. */
export async function updateOrganizationSettings(
  db: Kysely<Database>,
  orgId: string,
  patch: Partial<OrganizationSettingsRow>,
): Promise<OrganizationSettingsRow | undefined> {
  const set = {
    ...(patch.verifySecrets !== undefined ? { verify_secrets: patch.verifySecrets } : {}),
    ...(patch.gateSeverity !== undefined ? { gate_severity: patch.gateSeverity } : {}),
    ...(patch.prComments !== undefined ? { pr_comments: patch.prComments } : {}),
  };
  if (!Object.keys(set).length) return getOrganizationSettings(db, orgId);
  const row = await db
    .updateTable('organizations')
    .set({ ...set, updated_at: new Date() })
    .where('org_id', '=', orgId)
    .returning(SETTINGS_COLUMNS)
    .executeTakeFirst();
  return row && toSettings(row);
}
