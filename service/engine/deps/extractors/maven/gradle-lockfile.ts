// gradle.lockfile (Gradle 6+ dependency locking, one file per project): a line per resolved module,
// `group:artifact:version=configuration,configuration,…`, and one `empty=…` line for configurations
// that resolve nothing. buildscript-gradle.lockfile and settings-gradle.lockfile lock the build's own
// class path (plugins). The file does not say which modules are direct.
//
// Scope from the configurations a module is locked in: only test ones (testRuntimeClasspath,
// integrationTestCompileClasspath…) -> 'test'; only annotation processors or compiler plugins ->
// 'build'; only developmentOnly (Spring Boot devtools) -> 'dev'; a buildscript or settings lockfile
// -> 'build'. Anything on a main class path -> none.
import type { DependencyScope, PackageEntry, PackageExtractor } from '../../types';
import { mavenEntry } from './entry';

const NAME = 'maven/gradle-lockfile';
const FILE = /(^|\/)((buildscript|settings)-)?gradle\.lockfile$/;

const isTest = (c: string): boolean => /^test|Test(?=[A-Z]|$)/.test(c);
const isBuild = (c: string): boolean => /annotationProcessor$|^kapt|^ksp|CompilerPluginClasspath/i.test(c);

function scopeOf(configurations: readonly string[], buildscript: boolean): DependencyScope | undefined {
  if (buildscript) return 'build';
  if (configurations.length === 0) return undefined;
  if (configurations.every(isTest)) return 'test';
  if (configurations.every(isBuild)) return 'build';
  if (configurations.every((c) => c === 'developmentOnly')) return 'dev';
  return undefined;
}

export const gradleLockfileExtractor: PackageExtractor = {
  name: NAME,
  version: '1',
  wants: (path) => FILE.test(path),
  extract({ path, text }, warn) {
    const buildscript = /(^|\/)(buildscript|settings)-gradle\.lockfile$/.test(path);
    const entries: PackageEntry[] = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (line === '' || line.startsWith('#') || line.startsWith('empty=')) continue;
      const eq = line.indexOf('=');
      const coordinates = (eq === -1 ? line : line.slice(0, eq)).split(':');
      if (eq === -1 || coordinates.length !== 3 || coordinates.some((p) => p.trim() === '')) {
        warn({ code: 'parse-error', message: `line ${i + 1}: not a group:artifact:version=configurations line, skipped` });
        continue;
      }
      const [groupId, artifactId, version] = coordinates.map((p) => p.trim());
      const configurations = line.slice(eq + 1).split(',').map((c) => c.trim()).filter(Boolean);
      entries.push(mavenEntry(NAME, path, groupId, artifactId, version, { line: i + 1, scope: scopeOf(configurations, buildscript) }));
    }
    return entries;
  },
};
