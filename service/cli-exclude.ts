// What `npm run scan` leaves out of a local folder: the folder's .gitignore files (root and nested),
// --exclude patterns, and dependency, build-output and VCS folders. A predicate for the engine's
// `exclude` option; the engine counts what it excludes in the coverage.
import { closeSync, constants as fsc, fstatSync, openSync, readSync } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

/** Folders skipped by default at any depth: dependencies, common build output, other VCS metadata (.git is never walked). */
export const DEFAULT_EXCLUDED_DIRS: readonly string[] = ['node_modules', 'dist', 'build', 'out', 'target', '.next', 'coverage', '.hg', '.svn', '.bzr'];

/** A .gitignore larger than this, or with more rules, is read only up to the limit (a file in the scanned tree is untrusted). */
const MAX_IGNORE_FILE_BYTES = 256 * 1024;
const MAX_RULES_PER_FILE = 5_000;

interface Rule {
  negated: boolean;
  directoryOnly: boolean;
  matches: (relPath: string) => boolean;
}

/**
 * One line of a .gitignore (or an --exclude pattern) as a rule relative to the folder holding it;
 * undefined for blank lines and comments. Follows git's rules: `#` comments, `\#` and `\!` escapes,
 * trailing spaces dropped unless escaped, `!` negates, a trailing `/` matches folders only, a pattern
 * with a `/` at the start or in the middle is anchored to its folder, otherwise it matches at any
 * depth; `*`, `?`, `[...]` never cross a `/`, `**` does.
 */
export function parseIgnoreLine(line: string): Rule | undefined {
  let text = line.replace(/\r$/, '');
  text = text.replace(/(?<!\\)\s+$/, '').replace(/\\(\s)$/, '$1');
  if (!text || text.startsWith('#')) return undefined;
  let negated = false;
  if (text.startsWith('!')) {
    negated = true;
    text = text.slice(1);
  } else if (text.startsWith('\\!') || text.startsWith('\\#')) {
    text = text.slice(1);
  }
  const directoryOnly = text.endsWith('/');
  if (directoryOnly) text = text.replace(/\/+$/, '');
  if (!text) return undefined;
  const anchored = text.includes('/');
  const glob = anchored ? text.replace(/^\/+/, '') : `**/${text}`;
  if (!glob) return undefined;
  const isMatch = picomatch(glob, { dot: true });
  // "dir/**" matches what is inside dir, not dir itself (so "!dir/keep" can still bring a file back).
  const inside = glob.endsWith('/**') ? glob.slice(0, -3) : undefined;
  return { negated, directoryOnly, matches: (p) => p !== inside && isMatch(p) };
}

export function parseIgnoreFile(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const line of text.split('\n')) {
    const rule = parseIgnoreLine(line);
    if (rule) rules.push(rule);
    if (rules.length >= MAX_RULES_PER_FILE) break;
  }
  return rules;
}

/** The last rule that matches decides; undefined when none does. */
function verdict(rules: readonly Rule[], relPath: string, isDirectory: boolean): boolean | undefined {
  let excluded: boolean | undefined;
  for (const r of rules) {
    if (r.directoryOnly && !isDirectory) continue;
    if (r.matches(relPath)) excluded = !r.negated;
  }
  return excluded;
}

export interface ExcludeOptions {
  /** Honour .gitignore files of the folder and its subfolders (default true). */
  gitignore: boolean;
  /** Skip DEFAULT_EXCLUDED_DIRS (default true). */
  defaults: boolean;
  /** Extra .gitignore-style patterns, relative to the folder. */
  patterns: readonly string[];
}

/**
 * The engine's `exclude` predicate for `root`. Order of precedence, as in git: --exclude patterns
 * over .gitignore files, a deeper .gitignore over its parents, the last matching line in a file;
 * the default folders are skipped unless some rule brings them back with a negation.
 */
export function makeExcluder(root: string, opts: ExcludeOptions): ((relPath: string, isDirectory: boolean) => boolean) | undefined {
  const cli = opts.patterns.flatMap((p) => parseIgnoreLine(p) ?? []);
  if (!opts.gitignore && !opts.defaults && cli.length === 0) return undefined;
  const defaults = new Set(opts.defaults ? DEFAULT_EXCLUDED_DIRS : []);
  const perFolder = new Map<string, Rule[]>();
  const rulesOf = (folder: string): Rule[] => {
    let rules = perFolder.get(folder);
    if (!rules) perFolder.set(folder, (rules = parseIgnoreFile(readSmallFile(path.join(root, folder, '.gitignore')))));
    return rules;
  };
  return (relPath, isDirectory) => {
    const fromCli = verdict(cli, relPath, isDirectory);
    if (fromCli !== undefined) return fromCli;
    if (opts.gitignore) {
      // The folders from the deepest up to the root: the first one with a verdict decides.
      const parts = relPath.split('/');
      for (let depth = parts.length - 1; depth >= 0; depth--) {
        const folder = parts.slice(0, depth).join('/');
        const v = verdict(rulesOf(folder), parts.slice(depth).join('/'), isDirectory);
        if (v !== undefined) return v;
      }
    }
    return isDirectory && defaults.has(path.posix.basename(relPath));
  };
}

/** A regular file's text up to MAX_IGNORE_FILE_BYTES; '' when missing, not a regular file (a link, a FIFO) or unreadable. */
function readSmallFile(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, fsc.O_RDONLY | (fsc.O_NOFOLLOW ?? 0) | (fsc.O_NONBLOCK ?? 0));
  } catch {
    return '';
  }
  try {
    if (!fstatSync(fd).isFile()) return '';
    const buf = Buffer.alloc(MAX_IGNORE_FILE_BYTES);
    let length = 0;
    for (let n = -1; n !== 0 && length < buf.length; length += n) n = readSync(fd, buf, length, buf.length - length, null);
    return buf.toString('utf8', 0, length);
  } catch {
    return '';
  } finally {
    closeSync(fd);
  }
}
