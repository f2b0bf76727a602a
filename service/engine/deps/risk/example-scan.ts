// Rule examples of the package scanners (licenses, package-risk): each example is a small repository
// as JSON, scanned through the real engine with the real extractors and the scanner under test; the
// datasets the scanner needs (metadata, advisories) come with the example, in memory.
import type { EvaluatedOutcome, ScanResult, Scanner } from '../../types';
import { memoryAdvisoryIndex } from '../advisory-index';
import type { PackageExample } from './examples';
import { memoryMetadataIndex } from './metadata-index';

/**
 * Scans an example with one scanner, its options built from the example's datasets. The engine is
 * imported when first needed: scan.ts imports the registry, which imports the families, so a static
 * import here would make a cycle that leaves a family undefined in the registry when a family module
 * is the first one loaded.
 */
export async function scanExample(scanner: Scanner, input: string): Promise<ScanResult> {
  const { scanFiles } = await import('../../scan');
  const e = JSON.parse(input) as PackageExample;
  const options = {
    ...(e.policy ? { policy: e.policy } : {}),
    ...(e.metadata ? { metadata: memoryMetadataIndex(e.metadata) } : {}),
    ...(e.advisories ? { advisories: memoryAdvisoryIndex(e.advisories) } : {}),
    ...(e.now ? { now: e.now } : {}),
  };
  return scanFiles(
    Object.entries(e.files).map(([path, content]) => ({ path, content })),
    { scanners: [scanner], options: { [scanner.name]: options } },
  );
}

/**
 * One rule's outcome in a scan: fail when it found something; else not available when any package
 * lacked the data (with the reason); else pass when it judged some package; else not applicable.
 */
export function ruleOutcome(result: ScanResult, ruleId: string): EvaluatedOutcome {
  if (result.findings.some((f) => f.ruleId === ruleId)) return { outcome: 'fail' };
  const results = result.results.filter((r) => r.ruleId === ruleId);
  const missing = results.find((r) => r.outcome === 'not-available');
  if (missing) return { outcome: 'not-available', reason: missing.reason };
  if (results.some((r) => r.outcome === 'pass')) return { outcome: 'pass' };
  return { outcome: 'not-applicable' };
}
