// Repository selection (issue 14 §5): which repositories of an organization Vigil scans and shows
// (contract/selection-api.ts has the modes). The selection lives in organizations.repo_selection and is
// applied at read time by ONE SQL predicate (`selectedRepository`), which the repository, finding and
// overview reads and the scan queue share: changing the selection back is instant. Repositories stay
// in the repositories table whatever the selection, so the hub can offer them.
import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import { DEFAULT_SELECTION, EXCLUDED_BY_SELECTION, repositorySelectionSchema, type RepositorySelection } from '../contract/selection-api';
import type { Database } from './schema';
import { inTransaction } from './db';

/** An uncorrelated subquery of one part of a selection (its mode, one of its lists...). */
type SelectionPart = (part: (selection: Expression<unknown>) => RawBuilder<unknown>) => RawBuilder<unknown>;

/**
 * True when the repository row `alias` is selected by the selection `of` reads from. The one
 * definition of the semantics. Each part is its own uncorrelated subquery, which PostgreSQL evaluates
 * once: the lists are hashed (a chosen list of thousands of repositories costs one lookup per row), and
 * no row reads the whole selection document again (a large one is stored compressed).
 */
function selectedBy(of: SelectionPart, alias: string): RawBuilder<boolean> {
  const repoId = sql.ref(`${alias}.repo_id`);
  const projectId = sql.ref(`${alias}.project_id`);
  const mode = of((s) => sql`${s}->>'mode'`);
  const included = of((s) => sql`coalesce(jsonb_array_length(${s}->'includeProjects'), 0)`);
  const list = (key: string) => of((s) => sql`jsonb_array_elements_text(${s}->${sql.lit(key)})`);
  return sql<boolean>`(
    (${included} = 0 OR ${projectId} IN ${list('includeProjects')})
    AND ${projectId} NOT IN ${list('excludeProjects')}
    AND (${mode} = 'all-future' OR ${repoId} IN ${list('repositoryIds')})
  )`;
}

/** Parts of the organization's stored selection. */
const storedSelection =
  (orgId: string): SelectionPart =>
  (part) =>
    sql`(SELECT ${part(sql.ref('sel_org.repo_selection'))} FROM organizations AS sel_org WHERE sel_org.org_id = ${orgId})`;

/** Parts of a selection not stored yet. */
const givenSelection =
  (selection: RepositorySelection): SelectionPart =>
  (part) =>
    sql`(SELECT ${part(sql`${JSON.stringify(selection)}::jsonb`)})`;

/**
 * True when the repository row `alias` (a row of repositories, with repo_id and project_id, of the
 * organization `orgId`) is selected by that organization's stored selection. Use it in every read
 * that lists or counts repositories or their findings.
 */
export const selectedRepository = (orgId: string, alias = 'repositories'): RawBuilder<boolean> => selectedBy(storedSelection(orgId), alias);

/** A stored selection as the contract types it; anything unreadable counts as the default. */
export function selectionOf(raw: unknown): RepositorySelection {
  const parsed = repositorySelectionSchema.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_SELECTION;
}

export async function getRepositorySelection(db: Kysely<Database>, orgId: string): Promise<RepositorySelection | undefined> {
  const row = await db.selectFrom('organizations').select('repo_selection').where('org_id', '=', orgId).executeTakeFirst();
  return row && selectionOf(row.repo_selection);
}

/**
 * Whether the organization's selection excludes the repository. A repository discovery has not stored
 * yet is not excluded here (a push may name it first); once stored, the selection decides.
 */
export async function isRepositoryExcluded(db: Kysely<Database>, orgId: string, repoId: string): Promise<boolean> {
  const row = await db
    .selectFrom('repositories')
    .select(selectedRepository(orgId).as('selected'))
    .where('org_id', '=', orgId)
    .where('repo_id', '=', repoId)
    .executeTakeFirst();
  return row !== undefined && row.selected !== true;
}

export interface SelectableRepository {
  id: string;
  name: string;
  projectId: string;
  projectName: string;
  included: boolean;
  skipReason: string | null;
}

/** Every live repository of the organization with whether the stored selection includes it, by project then name. */
export async function selectableRepositories(db: Kysely<Database>, orgId: string): Promise<SelectableRepository[]> {
  const rows = await db
    .selectFrom('repositories')
    .select(['repo_id', 'name', 'project_id', 'project_name', 'skip_reason', selectedRepository(orgId).as('included')])
    .where('org_id', '=', orgId)
    .where('removed_at', 'is', null)
    .orderBy('project_name')
    .orderBy('name')
    .orderBy('repo_id')
    .execute();
  return rows.map((r) => ({ id: r.repo_id, name: r.name, projectId: r.project_id, projectName: r.project_name, included: r.included === true, skipReason: r.skip_reason }));
}

export interface RepositoryToDelete {
  id: string;
  name: string;
  projectName: string;
}

export type SelectionChange =
  | { outcome: 'not-connected' }
  /** Nothing changed: saving would delete the stored data of these repositories. */
  | { outcome: 'needs-confirmation'; repositories: RepositoryToDelete[] }
  | { outcome: 'saved'; selection: RepositorySelection; deleted: { repositories: number; findings: number } };

/**
 * Store a new selection. 'all' takes the live repositories known now (or keeps the list of the stored
 * 'all'). Repositories the new selection excludes lose their stored findings, scan results and
 * package inventories, in the same transaction, and their waiting scan requests; when any of them has
 * such data, nothing happens unless `confirmDelete`.
 */
export async function changeRepositorySelection(
  db: Kysely<Database>,
  orgId: string,
  wanted: RepositorySelection,
  opts: { confirmDelete: boolean },
): Promise<SelectionChange> {
  return inTransaction(db, async (trx) => {
    const org = await trx.selectFrom('organizations').select('repo_selection').where('org_id', '=', orgId).forUpdate().executeTakeFirst();
    if (!org) return { outcome: 'not-connected' };
    const selection = await normalise(trx, orgId, wanted, selectionOf(org.repo_selection));
    const excluded = () =>
      trx
        .selectFrom('repositories as r')
        .where('r.org_id', '=', orgId)
        .where('r.removed_at', 'is', null)
        .where(sql<boolean>`NOT ${selectedBy(givenSelection(selection), 'r')}`);

    const holding = await excluded()
      .select(['r.repo_id', 'r.name', 'r.project_name'])
      .where((eb) =>
        eb.or([
          eb.exists(eb.selectFrom('findings as f').select(sql`1`.as('x')).whereRef('f.org_id', '=', 'r.org_id').whereRef('f.repo_id', '=', 'r.repo_id')),
          eb.exists(eb.selectFrom('results as x').select(sql`1`.as('x')).whereRef('x.org_id', '=', 'r.org_id').whereRef('x.repo_id', '=', 'r.repo_id').where('x.source', '=', 'scan')),
          eb.exists(eb.selectFrom('package_inventories as i').select(sql`1`.as('x')).whereRef('i.org_id', '=', 'r.org_id').whereRef('i.repo_id', '=', 'r.repo_id')),
        ]),
      )
      .orderBy('r.project_name')
      .orderBy('r.name')
      .execute();
    if (holding.length && !opts.confirmDelete) {
      return { outcome: 'needs-confirmation', repositories: holding.map((r) => ({ id: r.repo_id, name: r.name, projectName: r.project_name })) };
    }

    await trx.updateTable('organizations').set({ repo_selection: JSON.stringify(selection), updated_at: new Date() }).where('org_id', '=', orgId).execute();
    let findings = 0;
    const ids = holding.map((r) => r.repo_id);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const gone = await trx.deleteFrom('findings').where('org_id', '=', orgId).where('repo_id', 'in', chunk).executeTakeFirst();
      findings += Number(gone.numDeletedRows);
      await trx.deleteFrom('results').where('org_id', '=', orgId).where('source', '=', 'scan').where('repo_id', 'in', chunk).execute();
      await trx.deleteFrom('inventory_packages').where('org_id', '=', orgId).where('repo_id', 'in', chunk).execute();
      await trx.deleteFrom('package_inventories').where('org_id', '=', orgId).where('repo_id', 'in', chunk).execute();
      // Forget what was scanned, so that choosing the repository again scans it whole at the next discovery.
      await trx
        .updateTable('repositories')
        .set({ head_sha: null, last_full_scan_at: null, rules_digest: null })
        .where('org_id', '=', orgId)
        .where('repo_id', 'in', chunk)
        .execute();
    }
    await cancelWaitingScans(trx, orgId, selection);
    return { outcome: 'saved', selection, deleted: { repositories: ids.length, findings } };
  });
}

/** The selection to store: 'all' lists the repositories known now; lists without duplicates; empty project lists left out. */
async function normalise(db: Kysely<Database>, orgId: string, wanted: RepositorySelection, stored: RepositorySelection): Promise<RepositorySelection> {
  const unique = (ids: readonly string[] | undefined) => (ids?.length ? [...new Set(ids)] : undefined);
  let repositoryIds: string[] | undefined;
  if (wanted.mode === 'selected') repositoryIds = [...new Set(wanted.repositoryIds ?? [])];
  if (wanted.mode === 'all') {
    repositoryIds =
      stored.mode === 'all'
        ? (stored.repositoryIds ?? [])
        : (await db.selectFrom('repositories').select('repo_id').where('org_id', '=', orgId).where('removed_at', 'is', null).orderBy('repo_id').execute()).map((r) => r.repo_id);
  }
  const includeProjects = unique(wanted.includeProjects);
  const excludeProjects = unique(wanted.excludeProjects);
  return {
    mode: wanted.mode,
    ...(repositoryIds ? { repositoryIds } : {}),
    ...(includeProjects ? { includeProjects } : {}),
    ...(excludeProjects ? { excludeProjects } : {}),
  };
}

/**
 * Scan requests of excluded repositories still waiting to start are withdrawn: their scans are
 * recorded as failed, with the reason, and never claimed. A scan already running finishes; its
 * findings are not shown while the repository stays excluded.
 */
async function cancelWaitingScans(db: Kysely<Database>, orgId: string, selection: RepositorySelection): Promise<void> {
  const waiting = await db
    .selectFrom('scan_requests as q')
    .innerJoin('repositories as r', (j) => j.onRef('r.org_id', '=', 'q.org_id').onRef('r.repo_id', '=', 'q.repo_id'))
    .select(['q.repo_id', 'q.pending_scan_id', 'q.running_scan_id'])
    .where('q.org_id', '=', orgId)
    .where('q.pending_scan_id', 'is not', null)
    .where(sql<boolean>`NOT ${selectedBy(givenSelection(selection), 'r')}`)
    .execute();
  if (!waiting.length) return;
  const scanIds = waiting.map((w) => w.pending_scan_id!);
  await db
    .updateTable('scans')
    .set({ state: 'failed', finished_at: new Date(), error: `Not run: ${EXCLUDED_BY_SELECTION.charAt(0).toLowerCase()}${EXCLUDED_BY_SELECTION.slice(1)}` })
    .where('org_id', '=', orgId)
    .where('scan_id', 'in', scanIds)
    .where('state', '=', 'queued')
    .execute();
  await db
    .updateTable('scan_requests')
    .set({ pending_scan_id: null, pending_since: null })
    .where('org_id', '=', orgId)
    .where('pending_scan_id', 'in', scanIds)
    .execute();
  const idle = waiting.filter((w) => !w.running_scan_id).map((w) => w.repo_id);
  if (idle.length) await db.updateTable('repositories').set({ scan_state: 'failed' }).where('org_id', '=', orgId).where('repo_id', 'in', idle).execute();
}
