// Scope of every locked package from the scopes its roots are declared in, for lockfiles that do
// not record one per package (uv.lock, Poetry 1.5–1.8): runtime when reachable from a runtime
// dependency, else optional when reachable from an optional one, else dev. Runs after linkByName.
import type { PackageEntry } from '../../types';
import { dependencyPaths } from '../lock-graph';
import type { DeclaredScope } from './pyproject';

export function scopeByReach(entries: PackageEntry[], rootScopes: ReadonlyMap<string, DeclaredScope>): void {
  const edges = new Map<string, readonly string[]>();
  for (const e of entries) edges.set(e.purl, [...(edges.get(e.purl) ?? []), ...(e.dependsOn ?? [])]);
  const graph = { edges, nameOf: (k: string) => k };
  const reach = (scope: DeclaredScope): Map<string, string[]> =>
    dependencyPaths(
      graph,
      entries.filter((e) => rootScopes.get(e.name) === scope).map((e) => e.purl),
    );
  const runtime = reach('runtime');
  const optional = reach('optional');
  const dev = reach('dev');
  for (const e of entries) {
    if (runtime.has(e.purl)) continue;
    if (optional.has(e.purl)) e.scope = 'optional';
    else if (dev.has(e.purl)) e.scope = 'dev';
  }
}
