// Which of the engine's scanners a repository's scan runs: the organization turns scanner families off,
// a repository turns them on or off for itself (contract/settings-api.ts). A scanner turned off is
// recorded as "not run: turned off in settings", so coverage never shows it as "ran, 0 results", and its
// category counts as not judged: its stored findings stay as they were.
import type { ScannerRun } from '../contract/model';
import { TURNED_OFF, effectiveScanners } from '../contract/settings-api';
import { engineScanners } from '../engine/registry';
import type { Scanner } from '../engine/types';
import { knownFamilies, knownOverrides } from '../store/scan-settings';

export interface ScannerChoice {
  run: readonly Scanner[];
  turnedOff: ScannerRun[];
}

/** From the organization's disabled_scanners and the repository's scanner_overrides as stored. */
export function chooseScanners(orgDisabled: unknown, repoOverrides: unknown, scanners: readonly Scanner[] = engineScanners): ScannerChoice {
  const off = new Set(effectiveScanners(knownFamilies(orgDisabled), knownOverrides(repoOverrides)).filter((s) => !s.enabled).map((s) => s.family as string));
  if (!off.size) return { run: scanners, turnedOff: [] };
  return {
    run: scanners.filter((s) => !off.has(s.category)),
    turnedOff: scanners.filter((s) => off.has(s.category)).map(turnedOffRun),
  };
}

const turnedOffRun = (s: Scanner): ScannerRun => ({
  scanner: s.name,
  version: s.version,
  category: s.category,
  status: 'not-run',
  reason: { ...TURNED_OFF },
  filesScanned: 0,
  filesSkipped: {},
  rulesRun: 0,
  findings: 0,
  results: { pass: 0, notApplicable: 0, notAvailable: 0 },
  warnings: 0,
  durationMs: 0,
});
