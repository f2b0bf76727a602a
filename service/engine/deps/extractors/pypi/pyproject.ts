// The direct dependencies a Python project declares beside its lockfile (pyproject.toml: PEP 621
// [project], PEP 735 [dependency-groups], Poetry's and pdm's and uv's own tables), so lockfiles that
// do not say which packages are direct (poetry.lock, pdm.lock) can. Read through the tree; a
// pyproject that is missing or broken simply gives no answer (it is not the file being extracted).
import * as posix from 'node:path/posix';
import { parse } from 'smol-toml';
import type { TreeReader } from '../../../inventory';
import { normalizePackageName } from '../../names';
import { strings, table, type TomlTable } from '../toml-lock';
import { parseRequirementSpec } from './requirement-spec';

export type DeclaredScope = 'runtime' | 'optional' | 'dev';
/** Normalised name -> the scope it is declared in ('runtime' for the main dependencies). */
export type DeclaredDirect = Map<string, DeclaredScope>;

/** Lower is less restricted: a package declared in two scopes takes the lower. */
export const RANK: Record<DeclaredScope, number> = { runtime: 0, optional: 1, dev: 2 };

/** What pyproject.toml beside `lockPath` declares, or undefined when there is none to read. */
export function declaredInPyproject(tree: TreeReader, lockPath: string): DeclaredDirect | undefined {
  const path = posix.join(posix.dirname(lockPath), 'pyproject.toml');
  if (!tree.has(path)) return undefined;
  const text = tree.readText(path);
  if (text === undefined) return undefined;
  let doc: TomlTable;
  try {
    doc = parse(text) as TomlTable;
  } catch {
    return undefined;
  }
  const out: DeclaredDirect = new Map();
  const add = (raw: string, scope: DeclaredScope): void => {
    const name = normalizePackageName('PyPI', raw);
    if (name === 'python') return;
    // The least restricted scope wins: a package both runtime and dev is runtime.
    const had = out.get(name);
    if (had === undefined || RANK[scope] < RANK[had]) out.set(name, scope);
  };
  const addSpecs = (list: unknown, scope: DeclaredScope): void => {
    for (const s of strings(list)) {
      const spec = parseRequirementSpec(s);
      if (spec) add(spec.name, scope);
    }
  };
  const project = table(doc.project);
  addSpecs(project?.dependencies, 'runtime');
  for (const list of Object.values(table(project?.['optional-dependencies']) ?? {})) addSpecs(list, 'optional');
  for (const list of Object.values(table(doc['dependency-groups']) ?? {})) addSpecs(list, 'dev');
  const tool = table(doc.tool);
  const poetry = table(tool?.poetry);
  for (const [name, v] of Object.entries(table(poetry?.dependencies) ?? {})) add(name, table(v)?.optional === true ? 'optional' : 'runtime');
  for (const name of Object.keys(table(poetry?.['dev-dependencies']) ?? {})) add(name, 'dev');
  for (const group of Object.values(table(poetry?.group) ?? {})) for (const name of Object.keys(table(table(group)?.dependencies) ?? {})) add(name, 'dev');
  for (const list of Object.values(table(table(tool?.pdm)?.['dev-dependencies']) ?? {})) addSpecs(list, 'dev');
  addSpecs(table(tool?.uv)?.['dev-dependencies'], 'dev');
  return out;
}
