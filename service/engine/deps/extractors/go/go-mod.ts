// go.mod: the modules a Go module requires (single lines and blocks; `// indirect` marks the ones it
// does not import itself), with `replace` applied (the replacement's module and version stand in for
// the original; a local-path replacement has no version) and `exclude`d versions dropped. The `go`
// directive (or `toolchain`, when present) is the Go standard library's version, listed as the
// package `stdlib` the way OSV's Go ecosystem names it. go.sum is not read: it lists every module
// version ever considered, not the ones built.
import type { PackageEntry, PackageExtractor } from '../../types';
import { packageEntry } from '../package-entry';

const EXTRACTOR = 'go/go-mod';
const BLOCK_VERBS = new Set(['require', 'replace', 'exclude', 'retract', 'tool', 'godebug', 'ignore']);

interface Require {
  module: string;
  version: string;
  line: number;
  indirect: boolean;
}
interface Replace {
  module: string;
  /** Only this version is replaced; undefined replaces every version. */
  version?: string;
  to: string;
  toVersion?: string;
  line: number;
}
export interface GoMod {
  go?: { version: string; line: number };
  toolchain?: { version: string; line: number };
  requires: Require[];
  replaces: Replace[];
  excludes: Set<string>;
  /** 1-based lines that could not be read. */
  unreadable: number[];
}

/** Tokens of a go.mod line (quoted strings unquoted) and its comment. */
function tokenize(line: string): { tokens: string[]; comment: string } {
  const tokens: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '/' && line[i + 1] === '/') {
      return { tokens, comment: line.slice(i + 2).trim() };
    } else if (c === '"' || c === '`') {
      const end = line.indexOf(c, i + 1);
      const stop = end < 0 ? line.length : end;
      tokens.push(line.slice(i + 1, stop).replace(/\\(.)/g, c === '"' ? '$1' : '\\$1'));
      i = stop + 1;
    } else {
      let j = i;
      while (j < line.length && !' \t\r"`'.includes(line[j]) && !(line[j] === '/' && line[j + 1] === '/')) j++;
      tokens.push(line.slice(i, j));
      i = j;
    }
  }
  return { tokens, comment: '' };
}

export function parseGoMod(text: string): GoMod {
  const mod: GoMod = { requires: [], replaces: [], excludes: new Set(), unreadable: [] };
  let block: string | undefined;
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const { tokens, comment } = tokenize(lines[i]);
    if (tokens.length === 0) continue;
    if (block !== undefined) {
      if (tokens[0] === ')') {
        block = undefined;
        continue;
      }
      directive(mod, block, tokens, comment, n);
      continue;
    }
    const [verb, ...args] = tokens;
    if (BLOCK_VERBS.has(verb) && args.length === 1 && args[0] === '(') {
      block = verb;
      continue;
    }
    directive(mod, verb, args, comment, n);
  }
  return mod;
}

function directive(mod: GoMod, verb: string, args: string[], comment: string, line: number): void {
  switch (verb) {
    case 'go':
      if (args.length === 1) mod.go = { version: args[0], line };
      else mod.unreadable.push(line);
      return;
    case 'toolchain':
      if (args.length === 1) mod.toolchain = { version: args[0], line };
      else mod.unreadable.push(line);
      return;
    case 'require':
      if (args.length === 2) mod.requires.push({ module: args[0], version: args[1], line, indirect: /(^|;)\s*indirect\s*(;|$)/.test(comment) });
      else mod.unreadable.push(line);
      return;
    case 'exclude':
      if (args.length === 2) mod.excludes.add(`${args[0]}@${args[1]}`);
      else mod.unreadable.push(line);
      return;
    case 'replace': {
      const arrow = args.indexOf('=>');
      const from = arrow < 0 ? [] : args.slice(0, arrow);
      const to = arrow < 0 ? [] : args.slice(arrow + 1);
      if (from.length < 1 || from.length > 2 || to.length < 1 || to.length > 2) return void mod.unreadable.push(line);
      mod.replaces.push({ module: from[0], version: from[1], to: to[0], toVersion: to[1], line });
      return;
    }
    default:
      // module, retract, tool, godebug, ignore and directives of later Go versions: nothing to inventory.
      return;
  }
}

/** A go directive or toolchain name as a semver the OSV stdlib records compare with: go1.21.3 -> 1.21.3, 1.22 -> 1.22.0, 1.21rc2 -> 1.21.0-rc.2. */
export function stdlibVersion(raw: string): string | undefined {
  const m = /^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?$/.exec(raw);
  if (!m) return undefined;
  return `${m[1]}.${m[2]}.${m[3] ?? '0'}${m[4] ? `-${m[4]}.${m[5]}` : ''}`;
}

const isLocalPath = (p: string): boolean => p.startsWith('./') || p.startsWith('../') || p.startsWith('/') || p === '.' || p === '..' || /^[A-Za-z]:[\\/]/.test(p);

export const goModExtractor: PackageExtractor = {
  name: EXTRACTOR,
  version: '1',
  wants: (path) => path === 'go.mod' || path.endsWith('/go.mod'),
  extract(file, warn) {
    const mod = parseGoMod(file.text);
    if (mod.unreadable.length > 0) {
      const more = mod.unreadable.length > 1 ? ` (and ${mod.unreadable.length - 1} more lines)` : '';
      warn({ code: 'parse-error', message: `line ${mod.unreadable[0]}: not a go.mod directive${more}` });
    }
    const at = (line: number) => ({ path: file.path, line, extractor: EXTRACTOR });
    const entries: PackageEntry[] = [];
    const toolchain = mod.toolchain && stdlibVersion(mod.toolchain.version) ? mod.toolchain : undefined;
    const goLine = toolchain ?? mod.go;
    const goVersion = goLine && stdlibVersion(goLine.version);
    if (goLine && goVersion) entries.push(packageEntry('Go', 'stdlib', goVersion, at(goLine.line), { direct: true }));
    const exact = new Map<string, Replace>();
    const anyVersion = new Map<string, Replace>();
    for (const r of mod.replaces) (r.version === undefined ? anyVersion : exact).set(r.version === undefined ? r.module : `${r.module}@${r.version}`, r);
    for (const req of mod.requires) {
      if (mod.excludes.has(`${req.module}@${req.version}`)) continue;
      const replace = exact.get(`${req.module}@${req.version}`) ?? anyVersion.get(req.module);
      const direct = !req.indirect;
      if (!replace) entries.push(packageEntry('Go', req.module, req.version, at(req.line), { direct }));
      else if (isLocalPath(replace.to) || replace.toVersion === undefined) entries.push(packageEntry('Go', req.module, '', at(replace.line), { direct }));
      else entries.push(packageEntry('Go', replace.to, replace.toVersion, at(replace.line), { direct }));
    }
    return entries;
  },
};
