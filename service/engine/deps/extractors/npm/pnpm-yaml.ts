// A fast reader for the YAML that pnpm writes in pnpm-lock.yaml: block mappings indented by spaces,
// plain or quoted scalars, and one-line flow collections (`{integrity: sha512-…}`, `[darwin]`).
// The `yaml` package reads the same files about ten times slower (a 7 MB lockfile took seconds).
// Anything outside that subset (block sequences, multi-line scalars, anchors, tags, comments after
// values, tabs) makes it give up (undefined): the caller then parses with `yaml`.

export interface PnpmYaml {
  data: Record<string, unknown>;
  /** Line of each key of the `packages` and `snapshots` mappings (packages' line when in both). */
  keyLines: Map<string, number>;
}

class GiveUp extends Error {}

interface Frame {
  indent: number;
  map: Record<string, unknown>;
  /** The top-level key this frame sits under (for key lines). */
  section?: string;
}

export function readPnpmYaml(text: string): PnpmYaml | undefined {
  try {
    return read(text);
  } catch (err) {
    if (err instanceof GiveUp) return undefined;
    throw err;
  }
}

function read(text: string): PnpmYaml {
  const data: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const snapshotLines = new Map<string, number>();
  const keyLines = new Map<string, number>();
  const stack: Frame[] = [{ indent: 0, map: data }];
  let pending: { map: Record<string, unknown>; key: string; indent: number; section?: string } | undefined;
  let lineNumber = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.charCodeAt(end - 1) === 0x0d ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    lineNumber++;
    let indent = 0;
    while (line.charCodeAt(indent) === 0x20) indent++;
    if (indent === line.length) continue;
    const first = line.charCodeAt(indent);
    if (first === 0x23) continue; // # comment line
    if (first === 0x09 || first === 0x2d || first === 0x26 || first === 0x2a || first === 0x21 || first === 0x7c || first === 0x3e) throw new GiveUp();

    if (pending) {
      if (indent <= pending.indent) {
        pending.map[pending.key] = null;
      } else {
        const child = Object.create(null) as Record<string, unknown>;
        pending.map[pending.key] = child;
        stack.push({ indent, map: child, section: pending.section });
      }
      pending = undefined;
    }
    while (stack.length > 1 && stack[stack.length - 1].indent > indent) stack.pop();
    const frame = stack[stack.length - 1];
    if (indent !== frame.indent) throw new GiveUp(); // keys of one mapping align

    const [key, afterKey] = readKey(line, indent);
    if (stack.length === 2 && (frame.section === 'packages' || frame.section === 'snapshots')) {
      (frame.section === 'packages' ? keyLines : snapshotLines).set(key, lineNumber);
    }
    if (afterKey === line.length) {
      pending = { map: frame.map, key, indent, section: stack.length === 1 ? key : frame.section };
      continue;
    }
    frame.map[key] = readValue(line, afterKey);
  }
  if (pending) pending.map[pending.key] = null;
  for (const [key, line] of snapshotLines) if (!keyLines.has(key)) keyLines.set(key, line);
  return { data, keyLines };
}

/** The key at `from` and the index just past `: ` (or the line's end for `key:`). */
function readKey(line: string, from: number): [string, number] {
  let key: string;
  let end: number;
  if (line.charCodeAt(from) === 0x27 || line.charCodeAt(from) === 0x22) {
    [key, end] = readQuoted(line, from);
  } else {
    const colon = line.indexOf(': ', from);
    end = colon >= 0 ? colon : line.endsWith(':') ? line.length - 1 : -1;
    if (end <= from) throw new GiveUp();
    key = line.slice(from, end);
    if (/^[?[\]{},"'&*!|>%@`]/.test(key) && !key.startsWith('@')) throw new GiveUp();
  }
  if (line.charCodeAt(end) !== 0x3a) throw new GiveUp();
  if (end + 1 === line.length) return [key, line.length];
  if (line.charCodeAt(end + 1) !== 0x20) throw new GiveUp();
  return [key, end + 2];
}

function readValue(line: string, from: number): unknown {
  const c = line.charCodeAt(from);
  if (c === 0x7b || c === 0x5b) {
    const [value, end] = readFlow(line, from);
    if (line.slice(end).trim() !== '') throw new GiveUp();
    return value;
  }
  if (c === 0x27 || c === 0x22) {
    const [value, end] = readQuoted(line, from);
    if (line.slice(end).trim() !== '') throw new GiveUp();
    return value;
  }
  const raw = line.slice(from).trimEnd();
  if (raw.includes(' #') || c === 0x26 || c === 0x2a || c === 0x21 || c === 0x7c || c === 0x3e) throw new GiveUp();
  return plain(raw);
}

/** Plain scalars as the core schema reads the ones pnpm writes; everything else stays a string. */
function plain(raw: string): unknown {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null' || raw === '~') return null;
  return raw;
}

/** '…' (a doubled quote escapes one) or "…" (JSON escapes); [value, index past the closing quote]. */
function readQuoted(line: string, from: number): [string, number] {
  if (line.charCodeAt(from) === 0x27) {
    let out = '';
    let i = from + 1;
    for (;;) {
      const q = line.indexOf("'", i);
      if (q < 0) throw new GiveUp();
      out += line.slice(i, q);
      if (line.charCodeAt(q + 1) === 0x27) {
        out += "'";
        i = q + 2;
        continue;
      }
      return [out, q + 1];
    }
  }
  for (let i = from + 1; ; ) {
    const q = line.indexOf('"', i);
    if (q < 0) throw new GiveUp();
    let backslashes = 0;
    for (let k = q - 1; line.charCodeAt(k) === 0x5c; k--) backslashes++;
    if (backslashes % 2 === 0) {
      try {
        return [JSON.parse(line.slice(from, q + 1)) as string, q + 1];
      } catch {
        throw new GiveUp();
      }
    }
    i = q + 1;
  }
}

/** A one-line flow mapping or sequence; [value, index past its closing bracket]. */
function readFlow(line: string, from: number, depth = 0): [unknown, number] {
  if (depth > 16) throw new GiveUp();
  const isMap = line.charCodeAt(from) === 0x7b;
  const close = isMap ? 0x7d : 0x5d;
  const map: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const list: unknown[] = [];
  let i = skipSpaces(line, from + 1);
  if (line.charCodeAt(i) === close) return [isMap ? map : list, i + 1];
  for (;;) {
    let key: string | undefined;
    if (isMap) {
      let keyEnd: number;
      if (line.charCodeAt(i) === 0x27 || line.charCodeAt(i) === 0x22) [key, keyEnd] = readQuoted(line, i);
      else {
        keyEnd = line.indexOf(':', i);
        if (keyEnd < 0) throw new GiveUp();
        key = line.slice(i, keyEnd).trim();
      }
      if (line.charCodeAt(keyEnd) !== 0x3a || line.charCodeAt(keyEnd + 1) !== 0x20) throw new GiveUp();
      i = skipSpaces(line, keyEnd + 2);
    }
    let value: unknown;
    const c = line.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) [value, i] = readFlow(line, i, depth + 1);
    else if (c === 0x27 || c === 0x22) [value, i] = readQuoted(line, i);
    else {
      let end = i;
      while (end < line.length && !',]}'.includes(line[end])) end++;
      const raw = line.slice(i, end).trim();
      if (raw === '' || /^[&*!|>#[{]/.test(raw)) throw new GiveUp();
      value = plain(raw);
      i = end;
    }
    if (isMap) map[key as string] = value;
    else list.push(value);
    i = skipSpaces(line, i);
    const sep = line.charCodeAt(i);
    if (sep === close) return [isMap ? map : list, i + 1];
    if (sep !== 0x2c) throw new GiveUp();
    i = skipSpaces(line, i + 1);
  }
}

function skipSpaces(line: string, i: number): number {
  while (line.charCodeAt(i) === 0x20) i++;
  return i;
}
