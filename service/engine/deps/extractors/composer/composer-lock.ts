// composer.lock (Composer 2): `packages` and `packages-dev` (scope dev), each with name, version,
// license (an array of alternatives: joined with OR) and `require` (the graph; platform requirements
// such as php and ext-* are not locked packages and drop out). Names are lower-case (Packagist
// compares them so) and a leading `v` is dropped from versions (v5.4.21 is 5.4.21 to Composer and to
// the advisories). composer.json beside the lock says which packages are direct.
import * as posix from 'node:path/posix';
import type { TreeReader } from '../../../inventory';
import { normalizePackageName } from '../../names';
import type { PackageEntry, PackageExtractor } from '../../types';
import { parseJsonObjectOrWarn } from '../json-lock';
import { linkByName } from '../lock-graph';
import { packageEntry } from '../package-entry';

const EXTRACTOR = 'composer/composer-lock';
const SECTIONS = [
  ['packages', undefined],
  ['packages-dev', 'dev'],
] as const;

type Json = Record<string, unknown>;
const object = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);

export const composerVersion = (v: string): string => v.replace(/^v(?=\d)/i, '');

export function licenseOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v || undefined;
  if (!Array.isArray(v)) return undefined;
  const ids = v.filter((x): x is string => typeof x === 'string' && x !== '');
  if (ids.length === 0) return undefined;
  return ids.length === 1 ? ids[0] : ids.map((id) => (/\s/.test(id) ? `(${id})` : id)).join(' OR ');
}

export const composerLockExtractor: PackageExtractor = {
  name: EXTRACTOR,
  version: '1',
  wants: (path) => path === 'composer.lock' || path.endsWith('/composer.lock'),
  extract(file, warn, tree) {
    const doc = parseJsonObjectOrWarn(file.text, warn);
    if (!doc) return [];
    const nameLines = new NameLines(file.text);
    const direct = declaredInComposerJson(tree, file.path);
    const entries: PackageEntry[] = [];
    const dependencyNames: string[][] = [];
    let unnamed = 0;
    for (const [section, scope] of SECTIONS) {
      const list = doc[section];
      if (!Array.isArray(list)) continue;
      for (const item of list) {
        const p = object(item);
        const name = typeof p?.name === 'string' ? p.name : undefined;
        if (!p || !name || typeof p.version !== 'string') {
          unnamed++;
          continue;
        }
        const normal = normalizePackageName('Packagist', name);
        entries.push(
          packageEntry('Packagist', name, composerVersion(p.version), { path: file.path, line: nameLines.next(name), extractor: EXTRACTOR }, {
            scope,
            direct: direct ? direct.has(normal) : undefined,
            license: licenseOf(p.license),
          }),
        );
        dependencyNames.push(Object.keys(object(p.require) ?? {}).map((d) => normalizePackageName('Packagist', d)));
      }
    }
    if (unnamed > 0) warn({ code: 'parse-error', message: `${unnamed} package entries without a name or version were skipped` });
    linkByName(entries, dependencyNames);
    return entries;
  },
};

/**
 * Lines of `"name": "..."` in file order, handed out forward only: each package's line is the first
 * one naming it after the previous package's, at the indentation of the first package's (so an
 * author's "name" nested deeper is never taken for a package).
 */
const LOOKAHEAD = 256;

class NameLines {
  private readonly found: { line: number; value: string; indent: number }[] = [];
  private at = 0;
  private indent: number | undefined;
  constructor(text: string) {
    const re = /^([ \t]*)"name"[ \t]*:[ \t]*"((?:[^"\\\n]|\\.)*)"/gm;
    const lineStarts: number[] = [];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i);
    let line = 1;
    let k = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      while (k < lineStarts.length && lineStarts[k] < m.index) {
        k++;
        line++;
      }
      this.found.push({ line, value: m[2].replace(/\\\//g, '/'), indent: m[1].length });
    }
  }
  next(name: string): number | undefined {
    // Only a few author names sit between two packages; a name not found nearby has no line (bounded work).
    for (let i = this.at; i < this.found.length && i < this.at + LOOKAHEAD; i++) {
      const f = this.found[i];
      if (f.value === name && (this.indent === undefined || f.indent === this.indent)) {
        this.at = i + 1;
        this.indent = f.indent;
        return f.line;
      }
    }
    return undefined;
  }
}

function declaredInComposerJson(tree: TreeReader, lockPath: string): Set<string> | undefined {
  const path = posix.join(posix.dirname(lockPath), 'composer.json');
  if (!tree.has(path)) return undefined;
  const text = tree.readText(path);
  if (text === undefined) return undefined;
  try {
    const doc = object(JSON.parse(text));
    const names = [...Object.keys(object(doc?.require) ?? {}), ...Object.keys(object(doc?.['require-dev']) ?? {})];
    return new Set(names.map((n) => normalizePackageName('Packagist', n)));
  } catch {
    return undefined;
  }
}
