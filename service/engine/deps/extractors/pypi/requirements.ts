// requirements*.txt and requirements/*.txt (pip, pip-compile output): one direct entry per
// requirement line. `-r` includes are followed inside the repository (through the tree, never the
// disk), `-c` constraint files lend their pins to unpinned lines, `\` continuations are joined,
// per-requirement options (--hash) dropped, and the other options (-e, --index-url, ...) noted once
// per file. Only `==`/`===` pins give a version; anything else is kept as `declared`.
import * as posix from 'node:path/posix';
import type { TreeReader } from '../../../inventory';
import type { Warn } from '../../../types';
import { normalizePackageName } from '../../names';
import type { DependencyScope, PackageEntry, PackageExtractor } from '../../types';
import { purlOf } from '../../names';
import { packageEntry } from '../package-entry';
import { parseRequirementSpec, pinnedVersion } from './requirement-spec';

const EXTRACTOR = 'pypi/requirements';
/** Includes followed from one file, counting the file itself as depth 0. */
const MAX_INCLUDE_DEPTH = 8;
/** Files read per top-level file, whatever the include graph (a wide fan of includes). */
const MAX_FILES_READ = 64;

export function isRequirementsFile(path: string): boolean {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1).toLowerCase();
  if (!base.endsWith('.txt')) return false;
  if (base.startsWith('requirements')) return true;
  const parent = path.slice(0, Math.max(slash, 0)).split('/').pop();
  return parent?.toLowerCase() === 'requirements';
}

/**
 * dev or test from the file's own name (requirements-dev.txt, requirements/test.txt); runtime
 * otherwise. Folder names do not count: environments/dev/requirements.txt may well be production's.
 */
export function scopeOfRequirementsFile(path: string): DependencyScope | undefined {
  const words = path.slice(path.lastIndexOf('/') + 1).toLowerCase().replace(/\.txt$/, '').split(/[-_.]+/);
  if (words.some((w) => w === 'dev' || w === 'develop' || w === 'development' || w === 'lint' || w === 'docs')) return 'dev';
  if (words.some((w) => w === 'test' || w === 'tests' || w === 'testing')) return 'test';
  return undefined;
}

export interface LogicalLine {
  text: string;
  /** 1-based line where it starts. */
  line: number;
}

/** Lines with `\` continuations joined and comments removed; blank ones dropped. */
export function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  const physical = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
  let pending = '';
  let start = 0;
  for (let i = 0; i < physical.length; i++) {
    let raw = physical[i];
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (pending === '') start = i + 1;
    if (raw.endsWith('\\') && i + 1 < physical.length) {
      pending += `${raw.slice(0, -1)} `;
      continue;
    }
    const joined = (pending + raw).replace(/(^|\s)#.*$/, '').trim();
    pending = '';
    if (joined !== '') out.push({ text: joined, line: start });
  }
  return out;
}

const INCLUDE = /^(-r|--requirements?|-c|--constraints?)(?:\s*=\s*|\s+|(?=[^\s-]))(\S+)$/;
/** A requirement that is a URL or a local path, not a name (`./pkg`, `git+https://…`, `/wheels/x.whl`). */
const URL_OR_PATH = /^(?:[a-z][a-z0-9+.-]*:\/\/|git\+|hg\+|svn\+|bzr\+|\.{1,2}\/|\/|~)/i;
/** Per-requirement options (pip's --hash, --config-settings, ...), which end the requirement text. */
const PER_REQUIREMENT_OPTION = /\s--?[a-z][a-z-]*(?:[=\s]|$)/i;

interface Walk {
  tree: TreeReader;
  warn: Warn;
  filesRead: number;
  scope?: DependencyScope;
  entries: PackageEntry[];
  pins: Map<string, string>;
}

export const requirementsExtractor: PackageExtractor = {
  name: EXTRACTOR,
  version: '1',
  wants: (path) => isRequirementsFile(path),
  extract(file, warn, tree) {
    const walk: Walk = { tree, warn, filesRead: 1, scope: scopeOfRequirementsFile(file.path), entries: [], pins: new Map() };
    readFile(walk, file.path, file.text, [file.path], 'requirements');
    for (const e of walk.entries) {
      const pin = e.version === '' && e.declared?.startsWith('@') !== true ? walk.pins.get(e.name) : undefined;
      if (pin === undefined) continue;
      e.version = pin;
      e.purl = purlOf('PyPI', e.name, pin);
    }
    return walk.entries;
  },
};

function readFile(walk: Walk, path: string, text: string, stack: readonly string[], mode: 'requirements' | 'constraints'): void {
  const ignored = new Set<string>();
  let unreadable = 0;
  let firstUnreadable = 0;
  for (const { text: line, line: n } of logicalLines(text)) {
    if (line.startsWith('-')) {
      const include = INCLUDE.exec(line);
      if (include) follow(walk, path, include[2], n, stack, include[1].startsWith('-c') || include[1].startsWith('--c') ? 'constraints' : mode);
      else ignored.add(/^--?[A-Za-z-]+/.exec(line)?.[0] ?? line.slice(0, 16));
      continue;
    }
    if (URL_OR_PATH.test(line)) {
      ignored.add('a URL or local path requirement');
      continue;
    }
    const optionAt = line.search(PER_REQUIREMENT_OPTION);
    const spec = parseRequirementSpec(optionAt < 0 ? line : line.slice(0, optionAt));
    if (!spec) {
      if (unreadable++ === 0) firstUnreadable = n;
      continue;
    }
    const version = spec.url ? '' : (pinnedVersion(spec.specifier) ?? '');
    if (mode === 'constraints') {
      if (version) walk.pins.set(normalizePackageName('PyPI', spec.name), version);
      continue;
    }
    const declared = version ? undefined : spec.url ? `@ ${spec.url}` : spec.specifier || undefined;
    walk.entries.push(packageEntry('PyPI', spec.name, version, { path, line: n, extractor: EXTRACTOR }, { direct: true, scope: walk.scope, declared }));
  }
  if (unreadable > 0)
    walk.warn({ code: 'parse-error', path, message: `line ${firstUnreadable}: not a requirement${unreadable > 1 ? ` (and ${unreadable - 1} more lines)` : ''}` });
  if (ignored.size > 0)
    walk.warn({ code: 'ignored-option', path, message: `Not inventoried here: ${[...ignored].join(', ')}` });
}

function follow(walk: Walk, from: string, written: string, line: number, stack: readonly string[], mode: 'requirements' | 'constraints'): void {
  const rel = written.replace(/\\/g, '/'); // pip on Windows reads requirements\base.txt too
  const shown = rel.length > 120 ? `${rel.slice(0, 120)}…` : rel;
  const say = (code: string, message: string): void => walk.warn({ code, path: from, message: `line ${line}: ${message}` });
  const target = /^[a-z][a-z0-9+.-]*:/i.test(rel) ? undefined : walk.tree.resolve(posix.dirname(from), rel);
  if (target === undefined) return say('include-outside-tree', `${shown} is not a file of this repository; not followed`);
  if (stack.includes(target)) return say('include-cycle', `${shown} is already being read (${[...stack, target].join(' -> ')}); not followed again`);
  if (!walk.tree.has(target)) return say('include-not-found', `${shown} is not in the repository`);
  // A requirements file found on its own is extracted on its own: reading it here too would list its packages twice.
  if (mode === 'requirements' && isRequirementsFile(target)) return;
  if (stack.length > MAX_INCLUDE_DEPTH || walk.filesRead >= MAX_FILES_READ) return say('include-too-deep', `${shown} not followed: includes nest too deep or too many`);
  const text = walk.tree.readText(target);
  if (text === undefined) return;
  walk.filesRead++;
  readFile(walk, target, text, [...stack, target], mode);
}
