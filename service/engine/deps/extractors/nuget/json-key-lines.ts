// JSON.parse gives no positions: one pass over the text finds the line of each object key down to a
// given depth, so lockfile entries (packages.lock.json, *.deps.json) get their lines.

/** Joins a key path (`['dependencies', 'net8.0', 'Serilog']`) the way jsonKeyLines keys its map. */
export const keyPath = (...keys: string[]): string => keys.join('\u0000');

interface Container {
  isObject: boolean;
  /** The key it is the value of ('' for the root and for array items). */
  key: string;
}

/** Line (1-based) of every object key at most `maxDepth` deep (the root's keys are depth 1), by keyPath. */
export function jsonKeyLines(text: string, maxDepth: number): Map<string, number> {
  const lines = new Map<string, number>();
  const stack: Container[] = [];
  let line = 1;
  let lastKey = '';
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 123 || c === 91) {
      const top = stack[stack.length - 1];
      stack.push({ isObject: c === 123, key: top?.isObject ? lastKey : '' });
    } else if (c === 125 || c === 93) stack.pop();
    else if (c === 34) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === 34) break;
        else j++;
      }
      const top = stack[stack.length - 1];
      if (top?.isObject && nextSignificant(text, j + 1) === 58) {
        lastKey = keyText(text.slice(i + 1, j));
        if (stack.length <= maxDepth) lines.set(keyPath(...stack.slice(1).map((s) => s.key), lastKey), line);
      }
      i = j;
    }
  }
  return lines;
}

function nextSignificant(text: string, from: number): number {
  for (let k = from; k < text.length; k++) {
    const d = text.charCodeAt(k);
    if (d !== 32 && d !== 9 && d !== 10 && d !== 13) return d;
  }
  return -1;
}

function keyText(raw: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** JSON.parse, with the line of a syntax error (Node names only the offset) leading its message. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const at = err instanceof SyntaxError ? /at position (\d+)/.exec(err.message) : null;
    if (!at) throw err;
    const offset = Number(at[1]);
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    throw new SyntaxError(`line ${line}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
