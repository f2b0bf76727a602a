// For the table tests (NuGet, Maven): files in memory scanned through the engine with one extractor.
import { inventoryScanner } from '../../inventory';
import { scanFiles } from '../../scan';
import type { ScanWarning } from '../../types';
import type { PackageEntry, PackageExtractor } from '../types';

export async function extractFiles(extractor: PackageExtractor, files: Record<string, string>): Promise<{ packages: PackageEntry[]; warnings: ScanWarning[] }> {
  const scanner = inventoryScanner<PackageEntry, unknown>({ name: 'table', version: '1', category: 'deps', rules: [], extractors: [extractor], evaluate: () => ({ findings: [] }) });
  const result = await scanFiles(
    Object.entries(files).map(([path, content]) => ({ path, content })),
    { scanners: [scanner] },
  );
  return { packages: (result.inventories.find((i) => i.scanner === 'table')?.items ?? []) as PackageEntry[], warnings: result.warnings };
}
