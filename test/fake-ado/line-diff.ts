// A line diff (longest common subsequence) shaped as ADO's FileDiff.lineDiffBlocks: runs of added,
// deleted or replaced lines with 1-based starts on both sides. Small inputs only (O(n*m) memory).

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
