// What the TOML lockfiles (poetry, pdm, uv, pylock, Cargo) share: parsing with the error turned into
// a parse-error warning that names the line, and the line of each array-of-tables entry
// (`[[package]]`), found in one pass over the text since the parsed document keeps no positions.
import { parse, TomlError } from 'smol-toml';
import { errorLine } from '../../error-text';
import type { Warn } from '../../types';

export type TomlTable = Record<string, unknown>;

/** The document, or undefined after a parse-error warning (with the line when the parser gives it). */
export function parseTomlOrWarn(text: string, warn: Warn): TomlTable | undefined {
  try {
    return parse(text) as TomlTable;
  } catch (err) {
    const where = err instanceof TomlError ? `line ${err.line}: ` : '';
    warn({ code: 'parse-error', message: `${where}not valid TOML: ${errorLine(err).replace(/^Invalid TOML document: /, '')}` });
    return undefined;
  }
}

/** 1-based lines of every `[[name]]` header, in file order (the order the parser keeps the entries in). */
export function arrayTableLines(text: string, name: string): number[] {
  const lines: number[] = [];
  const header = `[[${name}]]`;
  let line = 1;
  for (let at = 0; at <= text.length; ) {
    const end = text.indexOf('\n', at);
    const stop = end < 0 ? text.length : end;
    if (text.charCodeAt(at) === 91 /* [ */ || text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9) {
      const content = text.slice(at, stop).trim();
      if (content === header || (content.startsWith(header) && /^\s*#/.test(content.slice(header.length)))) lines.push(line);
    }
    if (end < 0) break;
    at = end + 1;
    line++;
  }
  return lines;
}

/** The array under `key`, only its table entries, each with its index in the array. */
export function tablesOf(doc: TomlTable, key: string): TomlTable[] {
  const v = doc[key];
  return Array.isArray(v) ? (v as unknown[]).map((t) => (t && typeof t === 'object' && !Array.isArray(t) ? (t as TomlTable) : {})) : [];
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
export const table = (v: unknown): TomlTable | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as TomlTable) : undefined);
