// New or existing: of the findings of a pull request's source tree, only those in files the PR changes
// count; among them a finding is NEW when it sits on a line the PR adds or changes and its fingerprint is
// not known on the target branch (open, dismissed or suppressed there); every other one is EXISTING.
// A finding suppressed in the PR's own tree (an inline vigil:ignore, .vigil.yml) is never new.
import type { Finding } from '../contract/model';
import { locationLine, locationPath } from '../contract/places';
import { touchesChange, type ChangedLines } from './changes';

export interface ClassifiedFinding {
  finding: Finding;
  /** The target branch's finding of the same fingerprint, when there is one. */
  targetFindingId?: string;
}

export interface Classification {
  newFindings: ClassifiedFinding[];
  existingFindings: ClassifiedFinding[];
}

const endLineOf = (f: Finding): number | undefined => (f.location.kind === 'file' || f.location.kind === 'resource' ? f.location.endLine : undefined);

/** Sorted by path, then line, then rule: the order threads are posted and findings listed in. */
const byPlace = (a: ClassifiedFinding, b: ClassifiedFinding): number =>
  (locationPath(a.finding.location) ?? '').localeCompare(locationPath(b.finding.location) ?? '') ||
  (locationLine(a.finding.location) ?? 0) - (locationLine(b.finding.location) ?? 0) ||
  a.finding.ruleId.localeCompare(b.finding.ruleId) ||
  a.finding.fingerprint.localeCompare(b.finding.fingerprint);

/**
 * Splits the scan's findings. `changed`: the lines the PR adds or changes per present file (changes.ts
 * changedLines); `onTarget`: fingerprint -> the target branch's finding id, for the fingerprints known
 * there. Findings outside the changed files are dropped (the PR tab lists the files the PR touches);
 * a fingerprint reported twice is kept once.
 */
export function classifyFindings(findings: readonly Finding[], changed: ReadonlyMap<string, ChangedLines>, onTarget: ReadonlyMap<string, string>): Classification {
  const out: Classification = { newFindings: [], existingFindings: [] };
  const seen = new Set<string>();
  for (const finding of findings) {
    const path = locationPath(finding.location);
    if (path === undefined || !changed.has(path) || seen.has(finding.fingerprint)) continue;
    seen.add(finding.fingerprint);
    const targetFindingId = onTarget.get(finding.fingerprint);
    const isNew = targetFindingId === undefined && !finding.suppressed && touchesChange(changed.get(path), locationLine(finding.location), endLineOf(finding));
    (isNew ? out.newFindings : out.existingFindings).push({ finding, ...(targetFindingId ? { targetFindingId } : {}) });
  }
  out.newFindings.sort(byPlace);
  out.existingFindings.sort(byPlace);
  return out;
}

/** The fingerprints to look up on the target branch: those of findings in the changed files. */
export function fingerprintsInChangedFiles(findings: readonly Finding[], changed: ReadonlyMap<string, ChangedLines>): string[] {
  const out = new Set<string>();
  for (const f of findings) {
    const path = locationPath(f.location);
    if (path !== undefined && changed.has(path)) out.add(f.fingerprint);
  }
  return [...out];
}
