// The Terraform files of the scanned tree by folder (a folder is a module), each .tf file parsed once,
// the local module calls between folders, and the root modules: folders no other module calls.
import type { Warn } from '../../types';
import type { LoadContext } from '../types';
import type { Block, HclFile } from './hcl/ast';
import { parseHcl } from './hcl/parser';
import { tfJsonToHcl } from './tfjson';

export const folderOf = (path: string): string => {
  const cut = path.lastIndexOf('/');
  return cut === -1 ? '' : path.slice(0, cut);
};

const TF = /\.tf(?:\.json)?$/i;
/**
 * Override files (override.tf, *_override.tf) patch blocks of the other files when Terraform merges them;
 * they are usually local to one machine. They are not evaluated: the module is judged as committed.
 */
const OVERRIDE = /(?:^|\/)(?:override|[^/]*_override)\.tf(?:\.json)?$/i;
const TFVARS = /\.tfvars(?:\.json)?$/i;

/** A local module source: `./net`, `../modules/net` (Terraform treats only these prefixes as local paths). */
export const isLocalSource = (source: string): boolean => source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..';

/** `rel` against the folder `from`, as a tree folder ('' is the tree's root); undefined when it leaves the tree. */
export function joinFolder(from: string, rel: string): string | undefined {
  const parts = from ? from.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!parts.length) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

/** A folder under .terraform/ (modules and providers `terraform init` installed). */
const isInstalledModule = (folder: string): boolean => folder === '.terraform' || folder.startsWith('.terraform/') || folder.includes('/.terraform/');

export interface ParsedTf {
  path: string;
  file: HclFile;
}

export class TerraformTree {
  private readonly tfByFolder = new Map<string, string[]>();
  private readonly varsByFolder = new Map<string, string[]>();
  private readonly parsed = new Map<string, ParsedTf | null>();
  /** Files read (parsed .tf, read tfvars), for the loader's claims. */
  readonly consumed = new Set<string>();

  constructor(
    private readonly ctx: Pick<LoadContext, 'project' | 'text'>,
    private readonly warn: Warn,
  ) {
    for (const f of ctx.project.files) {
      const byFolder = TF.test(f.path) && !OVERRIDE.test(f.path) ? this.tfByFolder : TFVARS.test(f.path) ? this.varsByFolder : undefined;
      if (!byFolder) continue;
      const folder = folderOf(f.path);
      let list = byFolder.get(folder);
      if (!list) byFolder.set(folder, (list = []));
      list.push(f.path);
    }
    for (const list of [...this.tfByFolder.values(), ...this.varsByFolder.values()]) list.sort();
  }

  hasModule(folder: string): boolean {
    return this.tfByFolder.has(folder);
  }

  /** The .tfvars / .tfvars.json files of a folder, sorted by path. */
  varFiles(folder: string): readonly string[] {
    return this.varsByFolder.get(folder) ?? [];
  }

  text(path: string): string | undefined {
    const t = this.ctx.text(path);
    if (t !== undefined) this.consumed.add(path);
    return t;
  }

  /** The parsed .tf files of a module folder; files with syntax errors keep what parsed (each error is a warning). */
  files(folder: string): ParsedTf[] {
    const out: ParsedTf[] = [];
    for (const path of this.tfByFolder.get(folder) ?? []) {
      const p = this.parse(path);
      if (p) out.push(p);
    }
    return out;
  }

  private parse(path: string): ParsedTf | null {
    const known = this.parsed.get(path);
    if (known !== undefined) return known;
    const text = this.text(path);
    let result: ParsedTf | null = null;
    if (text !== undefined) {
      try {
        let source = text;
        if (/\.json$/i.test(path)) {
          const converted = tfJsonToHcl(text);
          for (const p of converted.problems.slice(0, 1)) this.warn({ code: 'parse-error', path, message: `line ${p.line}: ${p.message}` });
          source = converted.hcl;
        }
        const { file, errors } = parseHcl(source, path);
        for (const e of errors.slice(0, 5)) this.warn({ code: 'parse-error', path, message: `line ${e.line}: ${e.message}` });
        if (errors.length > 5) this.warn({ code: 'parse-error', path, message: `${errors.length - 5} more syntax errors` });
        result = { path, file };
      } catch (err) {
        this.warn({ code: 'parse-error', path, message: `line 1: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
    this.parsed.set(path, result);
    return result;
  }

  /**
   * The folders `terraform init` installed the root's remote modules in, by module key, from
   * .terraform/modules/modules.json (committed or left in a scanned working copy).
   */
  installedModules(root: string): Map<string, string> {
    const out = new Map<string, string>();
    const path = `${root ? `${root}/` : ''}.terraform/modules/modules.json`;
    const text = this.ctx.project.has(path) ? this.text(path) : undefined;
    if (text === undefined) return out;
    try {
      const manifest = JSON.parse(text) as { Modules?: { Key?: unknown; Dir?: unknown }[] };
      for (const m of Array.isArray(manifest.Modules) ? manifest.Modules : []) {
        if (typeof m.Key !== 'string' || !m.Key || typeof m.Dir !== 'string') continue;
        const dir = joinFolder(root, m.Dir.replace(/\\/g, '/'));
        if (dir !== undefined) out.set(m.Key, dir);
      }
    } catch (err) {
      this.warn({ code: 'parse-error', path, message: `line 1: ${err instanceof Error ? err.message : String(err)}` });
    }
    return out;
  }

  /** The folders the module blocks of `folder` call by a local path (literal `source` only, as Terraform requires). */
  localCalls(folder: string): string[] {
    const out = new Set<string>();
    for (const f of this.files(folder)) {
      for (const block of f.file.body.blocks) {
        if (block.type !== 'module') continue;
        const source = literalSource(block);
        if (source === undefined || !isLocalSource(source)) continue;
        const target = joinFolder(folder, source);
        if (target !== undefined && this.hasModule(target)) out.add(target);
      }
    }
    return [...out];
  }

  /**
   * Root modules among `candidates` (folders holding .tf files handed to the loader): those no other
   * module calls. Folders only reachable through a cycle of calls get the first of them as a root, so
   * nothing is lost; a root's called modules are evaluated as part of it.
   */
  roots(candidates: readonly string[]): string[] {
    const sorted = [...new Set(candidates)].sort();
    const calls = new Map<string, string[]>();
    const callsOf = (f: string): string[] => {
      let c = calls.get(f);
      if (!c) calls.set(f, (c = this.localCalls(f)));
      return c;
    };
    const called = new Set<string>();
    for (const f of sorted) for (const t of callsOf(f)) if (t !== f) called.add(t);
    const reached = new Set<string>();
    const reach = (start: string) => {
      const stack = [start];
      while (stack.length) {
        const f = stack.pop()!;
        if (reached.has(f)) continue;
        reached.add(f);
        stack.push(...callsOf(f));
      }
    };
    // Modules `terraform init` downloaded are evaluated through their callers' manifest, never as roots.
    const roots = sorted.filter((f) => !called.has(f) && !isInstalledModule(f));
    roots.forEach(reach);
    for (const f of sorted) {
      if (reached.has(f) || isInstalledModule(f)) continue;
      roots.push(f);
      reach(f);
    }
    return roots;
  }
}

/** A module block's `source` when it is a string literal. */
export function literalSource(block: Block): string | undefined {
  const attr = block.body.attributes.find((a) => a.name === 'source');
  if (!attr) return undefined;
  const e = attr.expr;
  if (e.kind === 'literal' && typeof e.value === 'string') return e.value;
  if (e.kind === 'template' && e.parts.every((p) => p.kind === 'literal')) return e.parts.map((p) => String((p as { value: unknown }).value)).join('');
  return undefined;
}
