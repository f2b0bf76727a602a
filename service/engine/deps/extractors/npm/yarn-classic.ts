// A fast reader for classic yarn.lock (v1) as yarn 1.x writes it: unindented `descriptors:` headers,
// two-space `key value` fields, four-space `name "range"` lines under `dependencies:`-like fields.
// parseSyml's PEG parser reads the same files some ten times slower (a 100k-entry lockfile took
// seconds); whatever this reader does not recognise makes it give up (undefined), and the caller
// falls back to parseSyml, which also names the line of a real syntax error.

type Fields = Record<string, unknown>;

/** Entries keyed by their header (`"a@^1", a@^2`), as parseSyml keys them before splitting; or undefined. */
export function readClassicYarnLock(text: string): Record<string, Fields> | undefined {
  const out: Record<string, Fields> = {};
  let entry: Fields | undefined;
  let nested: Record<string, string> | undefined;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.charCodeAt(end - 1) === 0x0d ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    if (line === '' || line.startsWith('#')) continue;
    const indent = line.startsWith('    ') ? 4 : line.startsWith('  ') ? 2 : line.startsWith(' ') ? -1 : 0;
    if (indent < 0 || line.charCodeAt(indent) === 0x20) return undefined;
    if (indent === 0) {
      if (!line.endsWith(':')) return undefined;
      entry = {};
      nested = undefined;
      out[line.slice(0, -1)] = entry;
      continue;
    }
    if (!entry) return undefined;
    const pair = keyValue(line, indent);
    if (!pair) return undefined;
    const [key, value] = pair;
    if (indent === 2) {
      if (value === undefined) entry[key] = nested = {};
      else {
        entry[key] = value;
        nested = undefined;
      }
    } else {
      if (!nested || value === undefined) return undefined;
      nested[key] = value;
    }
  }
  return out;
}

/** `key value`, `"key" "value"` or `key:` (a nested map follows: value undefined). */
function keyValue(line: string, from: number): [string, string | undefined] | undefined {
  const key = token(line, from);
  if (!key) return undefined;
  if (key.end === line.length) return undefined;
  if (line.charCodeAt(key.end) === 0x3a && key.end + 1 === line.length) return [key.value, undefined];
  if (line.charCodeAt(key.end) !== 0x20) return undefined;
  const value = token(line, key.end + 1);
  if (!value || value.end !== line.length) return undefined;
  return [key.value, value.value];
}

/** A plain word (up to a space or a final ':') or a JSON-quoted string. */
function token(line: string, from: number): { value: string; end: number } | undefined {
  if (line.charCodeAt(from) === 0x22) {
    let i = from + 1;
    for (;;) {
      const q = line.indexOf('"', i);
      if (q < 0) return undefined;
      let backslashes = 0;
      for (let k = q - 1; line.charCodeAt(k) === 0x5c; k--) backslashes++;
      if (backslashes % 2 === 0) {
        const raw = line.slice(from, q + 1);
        try {
          return { value: raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1), end: q + 1 };
        } catch {
          return undefined;
        }
      }
      i = q + 1;
    }
  }
  let end = line.indexOf(' ', from);
  if (end < 0) end = line.endsWith(':') ? line.length - 1 : line.length;
  if (end === from) return undefined;
  return { value: line.slice(from, end), end };
}
