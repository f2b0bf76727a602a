// Reads of findings for the hub: filtered, paged, flat or one item per alert (group).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { severityRank, type Category, type CodeLanguage, type Confidence, type Ecosystem, type FindingState, type IacPlatform, type Severity, type VerificationFilter, type VerificationState } from '../contract/vocabulary';
import type { FindingSort } from '../contract/api';
import { selectedRepository } from './repository-selection';
import type { Database, FindingRow } from './schema';

export interface FindingFilters {
  severities?: Severity[];
  categories?: Category[];
  confidences?: Confidence[];
  states?: FindingState[];
  repoId?: string;
  projectId?: string;
  /** Secrets by their provider's answer; 'none': never verified. */
  verifications?: VerificationFilter[];
  /** Package findings of these ecosystems. */
  ecosystems?: Ecosystem[];
  /** Package findings whose package the project names itself (direct) or gets through another (transitive). */
  dependency?: 'direct' | 'transitive';
  /** Findings with (true) or without (false) a fixed version to upgrade to. */
  hasFix?: boolean;
  /** IaC findings from these platforms. */
  platforms?: IacPlatform[];
  /** Code findings in these languages. */
  languages?: CodeLanguage[];
  /** Words found (case-insensitive, literally) in the title, rule id, path or repository name. */
  search?: string;
  /** One rule's findings. */
  ruleId?: string;
}

export interface FindingOrder {
  sort: FindingSort;
  order: 'asc' | 'desc';
}

/** The fixed versions a finding names (details.extra.fixedVersions, deps findings): some or none. */
const HAS_FIX = sql<boolean>`CASE WHEN jsonb_typeof(f.details->'extra'->'fixedVersions') = 'array' THEN jsonb_array_length(f.details->'extra'->'fixedVersions') > 0 ELSE false END`;

/** 0 for a secret its provider said is live, else 1: verified live secrets sort first everywhere. */
const LIVE_RANK = sql<number>`CASE WHEN f.verification = 'verified' THEN 0 ELSE 1 END`;

/** A finding with its repository's names and link; null for a finding of a project or the organization. */
export type FindingWithRepo = FindingRow & { repo_name: string | null; project_name: string | null; repo_web_url: string | null };

const REPO_COLUMNS = ['r.name as repo_name', 'r.project_name as project_name', 'r.web_url as repo_web_url'] as const;

/** Findings of live repositories (and of none) matching the filters, as `f` joined with their repository `r`. */
export function filteredFindings(db: Kysely<Database>, orgId: string, filters: FindingFilters) {
  let base = db
    .selectFrom('findings as f')
    .leftJoin('repositories as r', (j) => j.onRef('r.org_id', '=', 'f.org_id').onRef('r.repo_id', '=', 'f.repo_id'))
    .where('f.org_id', '=', orgId)
    // Null both for a live repository and for a finding without one.
    .where('r.removed_at', 'is', null)
    // A finding of an organization or project has no repository; one of an excluded repository is not shown.
    .where(sql<boolean>`(r.repo_id IS NULL OR ${selectedRepository(orgId, 'r')})`);
  // By rank, so the (org, state, severity_rank, last_seen_at) index serves it.
  if (filters.severities?.length) base = base.where('f.severity_rank', 'in', filters.severities.map(severityRank));
  if (filters.categories?.length) base = base.where('f.category', 'in', filters.categories);
  if (filters.confidences?.length) base = base.where('f.confidence', 'in', filters.confidences);
  if (filters.states?.length) base = base.where('f.state', 'in', filters.states);
  if (filters.repoId) base = base.where('f.repo_id', '=', filters.repoId);
  if (filters.projectId) base = base.where('f.project_id', '=', filters.projectId);
  if (filters.ecosystems?.length) base = base.where(sql<boolean>`f.location->>'ecosystem' = ANY(${filters.ecosystems}::text[])`);
  if (filters.dependency) base = base.where(sql<boolean>`f.details->'extra'->>'direct' = ${filters.dependency === 'direct' ? 'true' : 'false'}`);
  if (filters.platforms?.length) base = base.where(sql<boolean>`f.details->'extra'->>'platform' = ANY(${filters.platforms}::text[])`);
  if (filters.languages?.length) base = base.where(sql<boolean>`f.category = 'code' AND f.details->'extra'->>'language' = ANY(${filters.languages}::text[])`);
  if (filters.hasFix !== undefined) base = base.where(filters.hasFix ? HAS_FIX : sql<boolean>`NOT ${HAS_FIX}`);
  if (filters.search) base = base.where(searchPredicate(filters.search));
  if (filters.ruleId) base = base.where('f.rule_id', '=', filters.ruleId);
  if (filters.verifications?.length) {
    const states = filters.verifications.filter((v): v is VerificationState => v !== 'none');
    const never = filters.verifications.includes('none');
    base = base.where((eb) =>
      eb.or([...(states.length ? [eb('f.verification', 'in', states)] : []), ...(never ? [eb('f.verification', 'is', null)] : [])]),
    );
  }
  return base;
}

/** `100%_x` -> `100\\%\\_x`: the words as LIKE matches them, literally. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Every word (split on spaces) must appear in the title, rule id, path (or ADO object name) or
 * repository name. Bound parameters only; ILIKE works the same on PostgreSQL and PGlite.
 */
function searchPredicate(search: string) {
  const words = search.split(/\s+/).filter(Boolean).slice(0, 10);
  const haystack = sql`concat_ws(' ', f.title, f.rule_id, f.location->>'path', f.location->>'name', r.name)`;
  return sql<boolean>`(${sql.join(
    words.map((w) => sql`${haystack} ILIKE ${`%${escapeLike(w)}%`} ESCAPE '\\'`),
    sql` AND `,
  )})`;
}

/** The sort key of one finding (`f`, `r`) for each sortable column; ascending is the natural reading. */
const SORT_KEY: Record<FindingSort, RawBuilder<unknown>> = {
  // Ascending severity reads from Info up to Critical.
  severity: sql`(-f.severity_rank)`,
  rule: sql`f.rule_id`,
  location: sql`concat(coalesce(r.name, ''), '/', coalesce(f.location->>'path', f.location->>'name', ''))`,
  firstSeen: sql`f.first_seen_at`,
  lastSeen: sql`f.last_seen_at`,
};
/** The same key for a group (alert): its most severe, first, newest location decides. */
const GROUP_SORT_KEY: Record<FindingSort, (order: 'asc' | 'desc') => RawBuilder<unknown>> = {
  severity: () => sql`max(-f.severity_rank)`,
  rule: () => sql`min(f.rule_id)`,
  location: (o) => (o === 'asc' ? sql`min(${SORT_KEY.location})` : sql`max(${SORT_KEY.location})`),
  firstSeen: () => sql`min(f.first_seen_at)`,
  lastSeen: () => sql`max(f.last_seen_at)`,
};
const direction = (order: 'asc' | 'desc') => (order === 'asc' ? sql`ASC` : sql`DESC`);

/**
 * Totals from this size up are estimates: counting a large organization's findings reads every one of
 * them (a million open findings: most of a second on PostgreSQL, several for the distinct alerts), and
 * the hub asks for the total with every page. Such a total is counted once per filter and process, then
 * served as it is while a new count runs in the background, at most once every COUNT_TTL_MS: it is at
 * most that (plus one count) old. Smaller totals are exact at every request, so a dismissal shows at
 * once in them.
 */
export const CACHED_COUNT_MIN = 5_000;
export const COUNT_TTL_MS = 10_000;
interface CachedCount {
  value: number;
  countedAt: number;
  recounting?: Promise<number>;
}
const countCaches = new WeakMap<Kysely<Database>, Map<string, CachedCount>>();

/** `count()`, or a large total counted earlier under the rules above. */
async function cachedCount(db: Kysely<Database>, key: string, count: () => Promise<number>): Promise<number> {
  let cache = countCaches.get(db);
  if (!cache) countCaches.set(db, (cache = new Map()));
  const hit = cache.get(key);
  const recount = (): Promise<number> => {
    const running = count().then(
      (value) => {
        if (value >= CACHED_COUNT_MIN) {
          if (cache.size >= 1000) cache.clear();
          cache.set(key, { value, countedAt: Date.now() });
        } else cache.delete(key);
        return value;
      },
      (err: unknown) => {
        const entry = cache.get(key);
        if (entry?.recounting === running) entry.recounting = undefined;
        throw err;
      },
    );
    return running;
  };
  if (!hit) return recount();
  if (Date.now() - hit.countedAt > COUNT_TTL_MS && !hit.recounting) {
    hit.recounting = recount();
    hit.recounting.catch(() => undefined); // served stale meanwhile; the next request tries again
  }
  return hit.value;
}

const countKey = (what: string, orgId: string, filters: FindingFilters) => JSON.stringify([what, orgId, filters]);

export async function listFindings(
  db: Kysely<Database>,
  orgId: string,
  filters: FindingFilters,
  page: { limit: number; offset: number },
  order?: FindingOrder,
): Promise<{ rows: FindingWithRepo[]; total: number }> {
  const total = await cachedCount(db, countKey('findings', orgId, filters), async () => {
    const [row] = await filteredFindings(db, orgId, filters).select((eb) => eb.fn.countAll<string>().as('total')).execute();
    return Number(row.total);
  });
  return { rows: await findingRows(db, orgId, filters, page, order), total };
}

/** One page of findings (no count): in `order` when given, else the default order; always a total order. */
export async function findingRows(
  db: Kysely<Database>,
  orgId: string,
  filters: FindingFilters,
  page: { limit: number; offset: number },
  order?: FindingOrder,
): Promise<FindingWithRepo[]> {
  let sorted = filteredFindings(db, orgId, filters).selectAll('f').select(REPO_COLUMNS);
  // The chosen column first; the default order breaks its ties, the id makes the order total (stable pages).
  if (order) sorted = sorted.orderBy(sql`${SORT_KEY[order.sort]} ${direction(order.order)}`);
  return sorted
    .orderBy(LIVE_RANK)
    .orderBy('f.severity_rank')
    .orderBy('f.last_seen_at', 'desc')
    .orderBy('f.finding_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function getFinding(db: Kysely<Database>, orgId: string, findingId: string): Promise<FindingWithRepo | undefined> {
  return db
    .selectFrom('findings as f')
    .leftJoin('repositories as r', (j) => j.onRef('r.org_id', '=', 'f.org_id').onRef('r.repo_id', '=', 'f.repo_id'))
    .selectAll('f')
    .select(REPO_COLUMNS)
    .where('f.org_id', '=', orgId)
    .where('f.finding_id', '=', findingId)
    .executeTakeFirst();
}

export interface FindingGroup {
  /** A location verified live, else the most severe, most recently seen one stands for the group. */
  representative: FindingWithRepo;
  locations: FindingWithRepo[];
}

/**
 * Findings grouped so that one credential is one alert with all its locations (across files and
 * repositories of the organization). Filters apply to locations; a group is listed when any of its
 * locations matches.
 */
export async function listFindingGroups(
  db: Kysely<Database>,
  orgId: string,
  filters: FindingFilters,
  page: { limit: number; offset: number },
  order?: FindingOrder,
): Promise<{ groups: FindingGroup[]; total: number }> {
  const base = filteredFindings(db, orgId, filters);
  const total = await cachedCount(db, countKey('groups', orgId, filters), async () => {
    const [row] = await db
      .selectFrom(base.select('f.group_key').groupBy('f.group_key').as('g'))
      .select((eb) => eb.fn.countAll<string>().as('total'))
      .execute();
    return Number(row.total);
  });
  const keys = order ? await sortedGroupKeys(db, orgId, filters, page, order) : await groupKeysInDefaultOrder(db, orgId, filters, page);
  if (!keys.length) return { groups: [], total };
  const rows = await filteredFindings(db, orgId, { ...filters, states: undefined })
    .where('f.group_key', 'in', keys.map((k) => k.group_key))
    .selectAll('f')
    .select(REPO_COLUMNS)
    .orderBy(LIVE_RANK)
    .orderBy('f.severity_rank')
    .orderBy('f.last_seen_at', 'desc')
    .orderBy('r.name')
    .orderBy(sql`f.location->>'path'`)
    .orderBy('f.finding_id')
    .execute();
  const byKey = new Map<string, FindingWithRepo[]>();
  for (const r of rows) {
    const list = byKey.get(r.group_key);
    if (list) list.push(r);
    else byKey.set(r.group_key, [r]);
  }
  const groups = keys.map((k) => {
    const locations = byKey.get(k.group_key) ?? [];
    const wanted = filters.states?.length ? locations.filter((l) => filters.states!.includes(l.state as FindingState)) : locations;
    return { representative: wanted[0] ?? locations[0], locations };
  });
  return { groups: groups.filter((g) => g.representative), total };
}

/** A page of groups in a chosen order: every matching location is aggregated, then sorted. */
async function sortedGroupKeys(db: Kysely<Database>, orgId: string, filters: FindingFilters, page: { limit: number; offset: number }, order: FindingOrder) {
  return filteredFindings(db, orgId, filters)
    .select((eb) => ['f.group_key', eb.fn.min(LIVE_RANK).as('live'), eb.fn.min('f.severity_rank').as('rank'), eb.fn.max('f.last_seen_at').as('last')])
    .groupBy('f.group_key')
    .orderBy(sql`${GROUP_SORT_KEY[order.sort](order.order)} ${direction(order.order)}`)
    .orderBy('live')
    .orderBy('rank')
    .orderBy('last', 'desc')
    .orderBy('f.group_key')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/**
 * A page of groups in the default order, which is the order of their representatives (a live
 * location, else the most severe, newest): the groups as they first appear in the findings' own
 * default order. That order is an index (findings_page, migration 015), so this reads the first rows
 * of it until it has met enough groups, instead of aggregating every matching location.
 */
async function groupKeysInDefaultOrder(db: Kysely<Database>, orgId: string, filters: FindingFilters, page: { limit: number; offset: number }) {
  const wanted = page.offset + page.limit;
  for (let rows = Math.max(200, wanted * 4); ; rows *= 4) {
    const found = await filteredFindings(db, orgId, filters)
      .select('f.group_key')
      .orderBy(LIVE_RANK)
      .orderBy('f.severity_rank')
      .orderBy('f.last_seen_at', 'desc')
      .orderBy('f.finding_id')
      .limit(rows)
      .execute();
    const keys = [...new Set(found.map((r) => r.group_key))];
    if (keys.length >= wanted || found.length < rows) return keys.slice(page.offset, wanted).map((group_key) => ({ group_key }));
  }
}

/** Every finding of the repository in these categories and states (a repository's SBOM reads its open deps findings). */
export async function repositoryFindings(
  db: Kysely<Database>,
  orgId: string,
  repoId: string,
  filters: { categories: Category[]; states: FindingState[] },
): Promise<FindingRow[]> {
  return db
    .selectFrom('findings')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('repo_id', '=', repoId)
    .where('category', 'in', filters.categories)
    .where('state', 'in', filters.states)
    .orderBy('severity_rank')
    .orderBy('finding_id')
    .execute();
}
