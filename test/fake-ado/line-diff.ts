// A line diff (longest common subsequence) shaped as ADO's FileDiff.lineDiffBlocks: runs of added,
// deleted or replaced lines with 1-based starts on both sides. The LCS table covers the lines between
// the common head and tail only, and gives way to one block past MAX_CELLS.

export type LineChange = 'add' | 'delete' | 'edit';

export interface LineDiffBlock {
  changeType: LineChange;
  originalLineNumberStart: number;
  originalLinesCount: number;
  modifiedLineNumberStart: number;
  modifiedLinesCount: number;
}

/** Lines of a text; a final newline does not make an extra empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * The blocks that turn `original` into `modified`. A block that only adds starts on the original
 * side at the line it is inserted before (count 0); one that only deletes, likewise on the modified
 * side. UNVERIFIED: ADO's exact start of an empty side (some clients see the line before).
 */
export function lineDiff(original: string[], modified: string[]): LineDiffBlock[] {
  // Common head and tail lines are unchanged; only the middle needs the LCS table.
  let head = 0;
  while (head < original.length && head < modified.length && original[head] === modified[head]) head++;
  let tail = 0;
  while (tail < original.length - head && tail < modified.length - head && original[original.length - 1 - tail] === modified[modified.length - 1 - tail]) tail++;
  const a = original.slice(head, original.length - tail);
  const b = modified.slice(head, modified.length - tail);
  if (!a.length && !b.length) return [];
  // A middle too large for the table (lockfiles rewritten whole) is one block: coarser than ADO, never wrong about which lines changed around it.
  const blocks =
    a.length * b.length > MAX_CELLS
      ? [{ changeType: (a.length && b.length ? 'edit' : a.length ? 'delete' : 'add') as LineChange, originalLineNumberStart: 1, originalLinesCount: a.length, modifiedLineNumberStart: 1, modifiedLinesCount: b.length }]
      : lcsBlocks(a, b);
  return blocks.map((x) => ({ ...x, originalLineNumberStart: x.originalLineNumberStart + head, modifiedLineNumberStart: x.modifiedLineNumberStart + head }));
}

const MAX_CELLS = 4_000_000;

function lcsBlocks(original: string[], modified: string[]): LineDiffBlock[] {
  const n = original.length;
  const m = modified.length;
  // lcs[i][j]: length of the LCS of original[i..] and modified[j..].
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = original[i] === modified[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const blocks: LineDiffBlock[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && original[i] === modified[j]) {
      i++;
      j++;
      continue;
    }
    const startI = i;
    const startJ = j;
    while ((i < n || j < m) && !(i < n && j < m && original[i] === modified[j])) {
      if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) i++;
      else j++;
    }
    const deleted = i - startI;
    const added = j - startJ;
    blocks.push({
      changeType: deleted && added ? 'edit' : added ? 'add' : 'delete',
      originalLineNumberStart: startI + 1,
      originalLinesCount: deleted,
      modifiedLineNumberStart: startJ + 1,
      modifiedLinesCount: added,
    });
  }
  return blocks;
}
