// Offsets to 1-based line numbers.

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function lineOfOffset(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * lineOfOffset for offsets read mostly in increasing order (a walk of a parse tree): steps forward
 * from the last answer, and searches only when the offset goes back or jumps far.
 */
export function lineReader(starts: readonly number[]): (offset: number) => number {
  let at = 0; // index into starts of the last answer
  return (offset) => {
    if (offset < starts[at]) at = lineOfOffset(starts, offset) - 1;
    else {
      let steps = 0;
      while (at + 1 < starts.length && starts[at + 1] <= offset) {
        if (++steps > 16) return (at = lineOfOffset(starts, offset) - 1) + 1;
        at++;
      }
    }
    return at + 1;
  };
}

/**
 * A resource's lineOf() over the line map of the document that holds it: the resource's attributes
 * live under `prefix` (`Resources.Logs.Properties`, `resources[2]`, '' for a whole document).
 */
export function linesUnder(lines: ReadonlyMap<string, number>, prefix: string): (attributePath: string) => { line: number } | undefined {
  return (attributePath) => {
    const key = !prefix ? attributePath : !attributePath ? prefix : attributePath.startsWith('[') ? prefix + attributePath : `${prefix}.${attributePath}`;
    const line = lines.get(key);
    return line === undefined ? undefined : { line };
  };
}
