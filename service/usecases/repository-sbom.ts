// A repository's CycloneDX SBOM from what the store holds (its last scan's inventory and its open
// deps findings): the engine's toCycloneDx, so the CLI, the API and the hub give the same document,
// and no rescan is needed.
import type { Kysely } from 'kysely';
import { DEPS_SCANNER_NAME } from '../engine/deps/facts';
import { toCycloneDx, type CycloneDxBom } from '../engine/deps/sbom';
import type { Finding } from '../engine/types';
import { repositoryFindings } from '../store/finding-queries';
import { getInventoryMeta, loadInventory } from '../store/inventories';
import type { Database, FindingRow } from '../store/schema';
import type { Category, Confidence, Severity } from '../contract/vocabulary';

/** The finding a stored row holds, as the engine reported it (what toCycloneDx reads). */
export function findingOfRow(r: FindingRow): Finding {
  return {
    ruleId: r.rule_id,
    title: r.title,
    severity: r.severity as Severity,
    category: r.category as Category,
    confidence: r.confidence as Confidence,
    message: r.message,
    location: r.location,
    fingerprint: r.fingerprint,
    details: r.details,
    remediation: r.remediation,
    ...(r.help_uri ? { helpUri: r.help_uri } : {}),
    ...(r.cwe?.length ? { cwe: r.cwe } : {}),
  };
}

/**
 * The SBOM of the repository's last scanned commit, or undefined when no inventory is stored (never
 * scanned since dependencies are kept). Deterministic for one inventory: its time is the scan's.
 */
export async function repositorySbom(
  db: Kysely<Database>,
  orgId: string,
  repo: { repoId: string; name: string },
  toolVersion: string,
): Promise<{ bom: CycloneDxBom; commitSha?: string } | undefined> {
  const meta = await getInventoryMeta(db, orgId, repo.repoId);
  if (!meta) return undefined;
  const [items, rows] = await Promise.all([
    // The licenses the hub shows: the lockfile's, else the registry's.
    loadInventory(db, orgId, repo.repoId, { registryLicenses: true }),
    repositoryFindings(db, orgId, repo.repoId, { categories: ['deps'], states: ['open'] }),
  ]);
  const bom = toCycloneDx(
    { inventories: [{ scanner: DEPS_SCANNER_NAME, items }], findings: rows.map(findingOfRow) },
    {
      name: repo.name,
      ...(meta.commitSha ? { version: meta.commitSha } : {}),
      toolVersion,
      timestamp: new Date(meta.storedAt).toISOString(),
      serialNumber: `urn:uuid:${meta.scanId}`,
    },
  );
  return { bom, commitSha: meta.commitSha };
}
