// What a repository scan hands the dependency family and keeps of it: the read-only datasets the
// scanners match against (the OSV mirror, the organization's license policy), the package inventory
// to store, and which categories the scan could not judge (their stored findings stay as they are).
import type { Kysely } from 'kysely';
import type { Category } from '../contract/vocabulary';
import { storeAdvisoryIndex } from '../deps/store-index';
import { DEPS_SCANNER_NAME } from '../engine/deps/facts';
import type { PackageEntry } from '../engine/deps/types';
import type { ScannerRun, ScanResult } from '../engine/types';
import type { InventoryPackage } from '../store/inventories';
import type { Database } from '../store/schema';
import { scannerLicensePolicy } from '../usecases/license-policy';

/** Scanner options by scanner name, for the dependency, license and package-risk scanners. */
export async function dependencyScanOptions(db: Kysely<Database>, orgId: string): Promise<Record<string, unknown>> {
  const advisories = storeAdvisoryIndex(db);
  const policy = await scannerLicensePolicy(db, orgId);
  return {
    [DEPS_SCANNER_NAME]: { advisories },
    licenses: { policy },
    'package-risk': { advisories },
  };
}

/** Scanners that extract packages share one extractor list: the first inventory of package entries is the repository's. */
const PACKAGE_SCANNERS = [DEPS_SCANNER_NAME, 'licenses', 'package-risk'];

/** The packages the scan extracted (none when no scanner of the family wanted a file). */
export function packageInventory(result: Pick<ScanResult, 'inventories'>): InventoryPackage[] {
  for (const name of PACKAGE_SCANNERS) {
    const inventory = result.inventories.find((i) => i.scanner === name);
    if (inventory) return (inventory.items as PackageEntry[]).map(toStored);
  }
  return [];
}

/** The stored shape is the engine's, field for field (the store cannot import the engine). */
const toStored = (p: PackageEntry): InventoryPackage => p;

/**
 * Categories about which this scan said nothing: every scanner of the category failed, or did not run
 * for want of its dataset (an empty advisory database). Their stored findings are neither fixed nor
 * refreshed. A scanner that did not run because no file was of a kind it reads did judge: nothing is
 * left of what it reported before (a lockfile removed fixes its findings).
 */
export function unjudgedCategories(runs: readonly ScannerRun[]): Category[] {
  const byCategory = new Map<Category, ScannerRun[]>();
  for (const run of runs) byCategory.set(run.category, [...(byCategory.get(run.category) ?? []), run]);
  const out: Category[] = [];
  for (const [category, list] of byCategory) {
    if (list.every((r) => r.status === 'failed' || (r.status === 'not-run' && r.reason?.code !== 'no-files'))) out.push(category);
  }
  return out;
}
