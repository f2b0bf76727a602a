// JSON lockfiles and manifests (npm, NuGet): parsing with the error's line, JSONC (bun.lock: comments
// and trailing commas), and the line of chosen object keys found in ONE pass over the text (a 50 MB
// package-lock must not be searched once per package).

/** JSON.parse, its error rethrown with the line it points at (Node names a position). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw withLine(err, text);
  }
}

/** JSON with comments and trailing commas (bun.lock), parsed after stripping both outside strings. */
export function parseJsonc(text: string): unknown {
  return parseJson(stripJsonc(text));
}

function withLine(err: unknown, text: string): Error {
  const message = err instanceof Error ? err.message : String(err);
  const position = /position (\d+)/.exec(message);
  if (position) return new Error(`line ${lineAt(text, Number(position[1]))}: ${message}`);
  if (/end of JSON input/.test(message)) return new Error(`line ${lineAt(text, text.length)}: ${message}`);
  const offset = snippetOffset(message, text);
  return new Error(offset === undefined ? message : `line ${lineAt(text, offset)}: ${message}`);
}

/**
 * V8 names no position for an unexpected token; it quotes the text around it instead, 10 characters
 * either side of the token: `..."CTX"...` (middle), `..."CTX"` (end of the text), `"CTX"...` (start).
 */
function snippetOffset(message: string, text: string): number | undefined {
  const quoted = /^Unexpected token .*?, ([\s\S]*) is not valid JSON$/.exec(message);
  if (!quoted) return undefined;
  const q = quoted[1];
  if (q.startsWith('..."')) {
    const context = q.endsWith('"...') ? q.slice(4, -4) : q.endsWith('"') ? q.slice(4, -1) : undefined;
    const at = context === undefined ? -1 : text.indexOf(context);
    return at < 0 ? undefined : at + Math.min(10, (context as string).length - 1);
  }
  if (q.startsWith('"') && q.endsWith('"...')) return Math.max(0, q.length - 5 - 10);
  return undefined;
}

/** The 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Comments become spaces and trailing commas are dropped; line breaks stay where they were. */
export function stripJsonc(text: string): string {
  return dropTrailingCommas(blankComments(text));
}

function blankComments(text: string): string {
  if (!text.includes('/')) return text;
  let out = '';
  let from = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = stringEnd(text, i);
    } else if (c === 0x2f && (text.charCodeAt(i + 1) === 0x2f || text.charCodeAt(i + 1) === 0x2a)) {
      const end = text.charCodeAt(i + 1) === 0x2f ? lineEnd(text, i) : blockEnd(text, i);
      out += text.slice(from, i) + text.slice(i, end).replace(/[^\n]/g, ' ');
      from = i = end;
    } else {
      i++;
    }
  }
  return out + text.slice(from);
}

function dropTrailingCommas(text: string): string {
  let out = '';
  let from = 0;
  let lastSignificant = -1;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = stringEnd(text, i);
      lastSignificant = i - 1;
      continue;
    }
    if ((c === 0x7d || c === 0x5d) && lastSignificant >= from && text.charCodeAt(lastSignificant) === 0x2c) {
      out += text.slice(from, lastSignificant) + ' ';
      from = lastSignificant + 1;
    }
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) lastSignificant = i;
    i++;
  }
  return out + text.slice(from);
}

function stringEnd(text: string, open: number): number {
  let i = open + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return text.length;
    let backslashes = 0;
    for (let k = q - 1; k > open && text.charCodeAt(k) === 0x5c; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    i = q + 1;
  }
}

function lineEnd(text: string, i: number): number {
  const e = text.indexOf('\n', i);
  return e < 0 ? text.length : e;
}

function blockEnd(text: string, i: number): number {
  const e = text.indexOf('*/', i + 2);
  return e < 0 ? text.length : e + 2;
}

/**
 * Decides under which name a key's line is kept: `parents` are the keys leading to the object holding
 * it (outside the root object; an array level appears as ''), `key` the key itself. Undefined skips it.
 */
export type KeyNamer = (parents: readonly string[], key: string) => string | undefined;

/**
 * The 1-based line of each key the namer names, in one pass. Tolerates comments and trailing commas.
 * The text is expected to be valid JSON(C) (parse it first); on broken text the result is partial.
 */
export function jsonKeyLines(text: string, namer: KeyNamer, maxDepth = 256): Map<string, number> {
  const lines = new Map<string, number>();
  const parents: string[] = [];
  const inObject: boolean[] = [];
  let pendingKey: string | undefined; // the key whose value comes next
  let expectKey = false;
  let line = 1;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      i++;
    } else if (c === 0x22) {
      const end = stringEnd(text, i);
      if (expectKey && inObject[inObject.length - 1]) {
        const raw = text.slice(i + 1, end - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
        const name = namer(parents, key);
        if (name !== undefined && !lines.has(name)) lines.set(name, line);
        pendingKey = key;
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      if (inObject.length >= maxDepth) return lines;
      if (inObject.length > 0) parents.push(inObject[inObject.length - 1] ? (pendingKey ?? '') : '');
      inObject.push(c === 0x7b);
      expectKey = c === 0x7b;
      pendingKey = undefined;
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      if (inObject.length > 1) parents.pop();
      inObject.pop();
      expectKey = false;
      i++;
    } else if (c === 0x2c) {
      expectKey = inObject[inObject.length - 1] === true;
      i++;
    } else if (c === 0x2f && (text.charCodeAt(i + 1) === 0x2f || text.charCodeAt(i + 1) === 0x2a)) {
      const end = text.charCodeAt(i + 1) === 0x2f ? lineEnd(text, i) : blockEnd(text, i);
      for (let k = text.indexOf('\n', i); k >= 0 && k < end; k = text.indexOf('\n', k + 1)) line++;
      i = end;
    } else {
      i++;
    }
  }
  return lines;
}

/** Joins a key path (`['dependencies', 'net8.0', 'Serilog']`) the way keyPathLines keys its map. */
export const keyPath = (...keys: string[]): string => keys.join('\u0000');

/** Line of every object key at most `maxDepth` deep (the root's keys are depth 1), by keyPath. */
export function keyPathLines(text: string, maxDepth: number): Map<string, number> {
  return jsonKeyLines(text, (parents, key) => (parents.length < maxDepth ? keyPath(...parents, key) : undefined));
}
