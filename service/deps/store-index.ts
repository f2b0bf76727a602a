// The AdvisoryIndex the service hands the scanners: the OSV mirror in the store, a whole repository's
// packages looked up in one query, counts from the sync state.
import type { Kysely } from 'kysely';
import type { Ecosystem } from '../contract/vocabulary';
import { packageKey, type AdvisoryIndex, type OsvRecord } from '../engine/deps/types';
import { advisoriesForPackages, advisoryCounts } from '../store/advisories';
import type { Database } from '../store/schema';

export function storeAdvisoryIndex(db: Kysely<Database>): AdvisoryIndex {
  return {
    async lookup(packages) {
      const rows = await advisoriesForPackages(db, packages);
      const found = new Map<string, OsvRecord[]>();
      for (const row of rows) {
        const key = packageKey(row.ecosystem as Ecosystem, row.name);
        let list = found.get(key);
        if (!list) found.set(key, (list = []));
        list.push(row.record as OsvRecord);
      }
      return found;
    },
    async counts() {
      return (await advisoryCounts(db)) as Partial<Record<Ecosystem, number>>;
    },
  };
}
