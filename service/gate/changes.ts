// What a pull request changes, line by line: the files of its iteration (added, edited, renamed,
// deleted) and, for the edited and renamed ones, the line blocks of their diff. The lines a PR adds or
// changes are where its new findings may sit. Pure: the job reads ADO and hands the answers in.

/** One file of the iteration's changes. Paths are repository-relative, without a leading slash. */
export interface ChangedFile {
  path: string;
  /** rename: the file moved (perhaps edited too); its diff against originalPath says which lines changed. */
  change: 'add' | 'edit' | 'rename' | 'delete';
  originalPath?: string;
}

/** A block of a file's diff, new side numbered from 1 (ADO's LineDiffBlock). */
export interface LineBlock {
  changeType: 'none' | 'add' | 'delete' | 'edit';
  modifiedLineNumberStart: number;
  modifiedLinesCount: number;
}

export interface FileLineDiff {
  path: string;
  lineDiffBlocks: readonly LineBlock[];
}

/** Inclusive ranges of new-side lines, sorted and merged; 'all' for a file the PR adds. */
export type ChangedLines = 'all' | readonly (readonly [number, number])[];

/** Strips ADO's leading slash: '/src/a.ts' -> 'src/a.ts'. */
export const repoPathOf = (adoPath: string): string => adoPath.replace(/^\/+/, '');

/** The files whose content is on the source side (findings can sit in them): every change but a deletion. */
export const presentFiles = (files: readonly ChangedFile[]): ChangedFile[] => files.filter((f) => f.change !== 'delete');

/** The files that need a line diff: edited and renamed ones (an added file is new throughout). */
export const filesToDiff = (files: readonly ChangedFile[]): ChangedFile[] => files.filter((f) => f.change === 'edit' || f.change === 'rename');

/** Sorted, merged, inclusive ranges. */
export function mergeRanges(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = ranges.filter(([a, b]) => b >= a).map(([a, b]) => [a, b] as [number, number]).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}

/** The new-side lines a diff adds or edits (deleted lines leave nothing on the new side). */
export function changedRangesOf(diff: FileLineDiff): [number, number][] {
  return mergeRanges(
    diff.lineDiffBlocks
      .filter((b) => (b.changeType === 'add' || b.changeType === 'edit') && b.modifiedLinesCount > 0 && b.modifiedLineNumberStart > 0)
      .map((b) => [b.modifiedLineNumberStart, b.modifiedLineNumberStart + b.modifiedLinesCount - 1] as const),
  );
}

export interface ChangedLinesResult {
  /** Every file present on the source side, with the lines the PR adds or changes in it. */
  lines: Map<string, ChangedLines>;
  /** Edited or renamed files no diff came back for: taken as changed throughout (the gate errs towards looking). */
  undiffed: string[];
}

/** The lines the PR adds or changes, per present file (repository paths). */
export function changedLines(files: readonly ChangedFile[], diffs: readonly FileLineDiff[]): ChangedLinesResult {
  const byPath = new Map(diffs.map((d) => [repoPathOf(d.path), d]));
  const lines = new Map<string, ChangedLines>();
  const undiffed: string[] = [];
  for (const f of presentFiles(files)) {
    if (f.change === 'add') {
      lines.set(f.path, 'all');
      continue;
    }
    const diff = byPath.get(f.path);
    if (!diff) {
      undiffed.push(f.path);
      lines.set(f.path, 'all');
      continue;
    }
    lines.set(f.path, changedRangesOf(diff));
  }
  return { lines, undiffed };
}

/**
 * Whether the lines `line`..`endLine` touch a changed line. A location without a line (a package
 * found in a lockfile without one) touches when the file changed at all.
 */
export function touchesChange(changed: ChangedLines | undefined, line: number | undefined, endLine?: number): boolean {
  if (!changed) return false;
  if (changed === 'all') return true;
  if (line === undefined || line < 1) return changed.length > 0;
  const end = Math.max(line, endLine ?? line);
  return changed.some(([a, b]) => line <= b && end >= a);
}
