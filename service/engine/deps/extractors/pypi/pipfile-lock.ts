// Pipfile.lock (pipenv): JSON with `default` and `develop` maps of name -> { version: "==x", ... };
// develop entries are scope dev. Entries without a version (path or VCS checkouts: `"path": "."`,
// `"git": ...`) are kept with version '' unless they are the project itself (path "."). The lock
// holds no graph; the Pipfile beside it says which packages are direct.
import * as posix from 'node:path/posix';
import { parse } from 'smol-toml';
import type { TreeReader } from '../../../inventory';
import { normalizePackageName } from '../../names';
import type { PackageEntry, PackageExtractor } from '../../types';
import { parseJsonObjectOrWarn } from '../json-lock';
import { packageEntry } from '../package-entry';
import { table } from '../toml-lock';

const EXTRACTOR = 'pypi/pipfile-lock';
const SECTIONS = [
  ['default', undefined],
  ['develop', 'dev'],
] as const;

export const pipfileLockExtractor: PackageExtractor = {
  name: EXTRACTOR,
  version: '1',
  wants: (path) => path === 'Pipfile.lock' || path.endsWith('/Pipfile.lock'),
  extract(file, warn, tree) {
    const doc = parseJsonObjectOrWarn(file.text, warn);
    if (!doc) return [];
    const lines = entryLines(file.text);
    const direct = declaredInPipfile(tree, file.path);
    const entries: PackageEntry[] = [];
    for (const [section, scope] of SECTIONS) {
      for (const [name, spec] of Object.entries(table(doc[section]) ?? {})) {
        const info = table(spec) ?? {};
        if (info.path === '.' || info.file === '.') continue;
        const pinned = typeof info.version === 'string' ? /^===?\s*(.+)$/.exec(info.version.trim())?.[1] : undefined;
        const normal = normalizePackageName('PyPI', name);
        entries.push(
          packageEntry('PyPI', name, pinned ?? '', { path: file.path, line: lines.get(`${section}\u0000${name}`), extractor: EXTRACTOR }, {
            scope,
            direct: direct ? direct.has(normal) : undefined,
          }),
        );
      }
    }
    return entries;
  },
};

/**
 * Line of each `"name": {` key inside "default" / "develop", in one pass over pipenv's indented
 * output (JSON on fewer lines simply gives no lines).
 */
function entryLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const lines = text.split('\n');
  let section: string | undefined;
  let sectionIndent = -1;
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)"((?:[^"\\]|\\.)*)"\s*:\s*\{/.exec(lines[i]);
    if (!m) continue;
    const indent = m[1].length;
    if (m[2] === 'default' || m[2] === 'develop') {
      section = m[2];
      sectionIndent = indent;
    } else if (indent <= sectionIndent) {
      section = undefined;
    } else if (section !== undefined) {
      const key = `${section}\u0000${m[2]}`;
      if (!out.has(key)) out.set(key, i + 1);
    }
  }
  return out;
}

function declaredInPipfile(tree: TreeReader, lockPath: string): Set<string> | undefined {
  const path = posix.join(posix.dirname(lockPath), 'Pipfile');
  if (!tree.has(path)) return undefined;
  const text = tree.readText(path);
  if (text === undefined) return undefined;
  try {
    const doc = parse(text);
    const names = [...Object.keys(table(doc.packages) ?? {}), ...Object.keys(table(doc['dev-packages']) ?? {})];
    return new Set(names.map((n) => normalizePackageName('PyPI', n)));
  } catch {
    return undefined;
  }
}
