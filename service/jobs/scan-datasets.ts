// What a repository scan hands the dependency family and keeps of it: the read-only datasets the
// scanners match against (the OSV mirror, the organization's license policy), the package inventory
// to store, and which categories the scan could not judge (their stored findings stay as they are).
import type { AppContext } from '../context';
import type { Category } from '../contract/vocabulary';
import { packageMetadataIndex } from '../deps/metadata';
import { storeAdvisoryIndex } from '../deps/store-index';
import { DEPS_SCANNER_NAME } from '../engine/deps/facts';
import { PACKAGE_RISK_SCANNER_NAME } from '../engine/deps/risk/scanner';
import { LICENSES_SCANNER_NAME } from '../engine/licenses/scanner';
import type { PackageEntry, PackageMetadataIndex } from '../engine/deps/types';
import type { ScannerRun, ScanResult } from '../engine/types';
import type { Store } from '../store/db';
import type { InventoryPackage } from '../store/inventories';
import { scannerLicensePolicy } from '../usecases/license-policy';

/**
 * One registry metadata index per store (so per process in production): its per-host limits and
 * breaker are shared by every scan. Null when VIGIL_PACKAGE_METADATA is off.
 */
const metadataIndexes = new WeakMap<Store, PackageMetadataIndex | null>();

function metadataIndexOf(ctx: Pick<AppContext, 'store' | 'config' | 'log'>): PackageMetadataIndex | undefined {
  let index = metadataIndexes.get(ctx.store);
  if (index === undefined) {
    const log = ctx.log.child({ job: 'package-metadata' });
    index = packageMetadataIndex(ctx.store.db, ctx.config.packageMetadata, (err, pkg) => log.debug({ err: err instanceof Error ? err.message : String(err), ...pkg }, 'registry metadata not available')) ?? null;
    metadataIndexes.set(ctx.store, index);
  }
  return index ?? undefined;
}

/** Scanner options by scanner name, for the dependency, license and package-risk scanners. */
export async function dependencyScanOptions(ctx: Pick<AppContext, 'store' | 'config' | 'log'>, orgId: string): Promise<Record<string, unknown>> {
  const { db } = ctx.store;
  const advisories = storeAdvisoryIndex(db);
  const metadata = metadataIndexOf(ctx);
  const policy = await scannerLicensePolicy(db, orgId);
  return {
    [DEPS_SCANNER_NAME]: { advisories },
    [LICENSES_SCANNER_NAME]: { policy, ...(metadata ? { metadata } : {}) },
    [PACKAGE_RISK_SCANNER_NAME]: { advisories, ...(metadata ? { metadata } : {}) },
  };
}

/** Scanners that extract packages share one extractor list: the first inventory of package entries is the repository's. */
const PACKAGE_SCANNERS = [DEPS_SCANNER_NAME, LICENSES_SCANNER_NAME, PACKAGE_RISK_SCANNER_NAME];

/** The packages the scan extracted (none when no scanner of the family wanted a file). */
export function packageInventory(result: Pick<ScanResult, 'inventories'>): InventoryPackage[] {
  for (const name of PACKAGE_SCANNERS) {
    const inventory = result.inventories.find((i) => i.scanner === name && i.items.every(isPackageEntry));
    if (inventory) return (inventory.items as PackageEntry[]).map(toStored);
  }
  return [];
}

/** A scanner may keep other items in its inventory (the licenses scanner: licenses read per package). */
const isPackageEntry = (item: unknown): item is PackageEntry => {
  const p = item as Partial<PackageEntry> | null;
  return typeof p?.purl === 'string' && typeof p.extractor === 'string' && typeof p.path === 'string' && typeof p.ecosystem === 'string';
};

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
