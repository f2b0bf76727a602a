// Where a JSON block ends, from parse/json's line map: the map holds paths in document order, so a
// block's paths are contiguous and the block ends before the next path outside it.
export function blockEnds(lines: ReadonlyMap<string, number>, lastLine: number): (prefix: string) => number {
  const keys = [...lines.keys()];
  const indexOf = new Map<string, number>();
  keys.forEach((k, i) => indexOf.set(k, i));
  return (prefix) => {
    if (!prefix) return lastLine;
    const start = indexOf.get(prefix);
    if (start === undefined) return lastLine;
    let i = start + 1;
    while (i < keys.length && (keys[i].startsWith(`${prefix}.`) || keys[i].startsWith(`${prefix}[`))) i++;
    const inside = lines.get(keys[i - 1]) ?? 1;
    if (i >= keys.length) return lastLine;
    return Math.max(inside, (lines.get(keys[i]) ?? lastLine) - 1);
  };
}
