// pom.xml: the project's own direct dependencies. A version comes from the dependency itself or from
// dependencyManagement (the pom's and its local parents'); `${…}` is resolved from the properties and
// coordinates the pom and its local parents define. A version that cannot be resolved that way (a
// BOM imported from outside the tree, a remote parent, an environment property) is '' with what is
// written in `declared` and one 'unresolved-version' warning naming the dependency: never guessed.
// Transitive dependencies need a repository and are not resolved (a lockfile gives them).
//
// Scopes: test -> 'test'; provided and system -> 'build' (on the compile class path, not shipped);
// compile and runtime -> none; <optional>true</optional> -> 'optional' unless already test or build.
import type { DependencyScope, PackageEntry, PackageExtractor } from '../../types';
import { mavenEntry } from './entry';
import { inheritedManagement, inheritedProperties, interpolate, managementKey, parentChain, readExtractedPom } from './pom-inheritance';

const NAME = 'maven/pom';

const SCOPES: Record<string, DependencyScope | undefined> = { test: 'test', provided: 'build', system: 'build' };

/** A Maven version range (`[1.0,2.0)`, `(,1.5]`, `[1.2]`) rather than a version. */
const isRange = (v: string): boolean => /^[[(]/.test(v) || v.includes(',');

const clip = (s: string): string => (s.length > 80 ? `${s.slice(0, 80)}…` : s);

export const pomExtractor: PackageExtractor = {
  name: NAME,
  version: '1',
  wants: (path) => path === 'pom.xml' || path.endsWith('/pom.xml'),
  extract({ path, text }, warn, tree) {
    const pom = readExtractedPom(tree, path, text);
    const chain = parentChain(tree, pom, warn);
    const properties = inheritedProperties(chain);
    const resolve = (s: string): string | undefined => interpolate(s, properties);
    const managed = inheritedManagement(chain, resolve);

    const entries: PackageEntry[] = [];
    for (const dep of pom.dependencies) {
      const at = `line ${dep.line ?? '?'}`;
      const groupId = dep.groupId && resolve(dep.groupId);
      const artifactId = dep.artifactId && resolve(dep.artifactId);
      if (!groupId || !artifactId) {
        warn({ code: 'unresolved-name', message: `${at}: a dependency without a resolvable groupId and artifactId (${clip(`${dep.groupId ?? '?'}:${dep.artifactId ?? '?'}`)}), skipped` });
        continue;
      }
      const management = managed.get(managementKey(groupId, artifactId, dep));
      const scopeName = (dep.scope ?? management?.scope ?? '').trim();
      const scope = SCOPES[scopeName] ?? (dep.optional?.trim() === 'true' ? 'optional' : undefined);
      const extra = { line: dep.line, direct: true, scope };
      const written = dep.version ?? management?.version;
      if (written === undefined || written === '') {
        warn({ code: 'unresolved-version', message: `${at}: ${groupId}:${artifactId} has no version here and none is managed by this pom or its local parents (an imported BOM or a remote parent may manage it)` });
        entries.push(mavenEntry(NAME, path, groupId, artifactId, '', extra));
        continue;
      }
      const version = resolve(written);
      if (version === undefined) {
        warn({ code: 'unresolved-version', message: `${at}: ${groupId}:${artifactId} version "${clip(written)}" names a property this pom and its local parents do not define` });
        entries.push(mavenEntry(NAME, path, groupId, artifactId, '', { ...extra, declared: written }));
      } else if (isRange(version)) entries.push(mavenEntry(NAME, path, groupId, artifactId, '', { ...extra, declared: version }));
      else entries.push(mavenEntry(NAME, path, groupId, artifactId, version, extra));
    }
    return entries;
  },
};
