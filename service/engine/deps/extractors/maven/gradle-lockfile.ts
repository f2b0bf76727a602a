// gradle.lockfile (Gradle 6+ dependency locking, one file per project): a line per resolved module,
// `group:artifact:version=configuration,configuration,…`, and one `empty=…` line for configurations
// that resolve nothing. buildscript-gradle.lockfile and settings-gradle.lockfile lock the build's own
// class path (plugins). The file does not say which modules are direct.
//
// Scope from the configurations a module is locked in, test ones (testRuntimeClasspath,
// integrationTestCompileClasspath…) set aside: none left -> 'test'; on a main runtime class path
// (runtimeClasspath, productionRuntimeClasspath, releaseRuntimeClasspath…) -> none (shipped); only
// developmentOnly (Spring Boot devtools) -> 'dev'; otherwise only annotation processors or compiler
// plugins, or only compile class paths (compileOnly) in a file that does lock a runtime class path ->
// 'build'. A buildscript or settings lockfile -> 'build'.
import type { DependencyScope, PackageExtractor } from '../../types';
import { mavenEntry } from './entry';

const NAME = 'maven/gradle-lockfile';
const FILE = /(^|\/)((buildscript|settings)-)?gradle\.lockfile$/;

const isTest = (c: string): boolean => /^test|Test(?=[A-Z]|$)/.test(c);
const isRuntime = (c: string): boolean => /(^r|R)untimeClasspath$/.test(c);
const isProcessor = (c: string): boolean => /annotationProcessor$|^kapt|^ksp|CompilerPluginClasspath/i.test(c);

function scopeOf(configurations: readonly string[], fileLocksRuntime: boolean): DependencyScope | undefined {
  if (configurations.length === 0) return undefined;
  const main = configurations.filter((c) => !isTest(c));
  if (main.length === 0) return 'test';
  if (main.some(isRuntime)) return undefined;
  if (main.every((c) => c === 'developmentOnly')) return 'dev';
  if (fileLocksRuntime || main.every(isProcessor)) return 'build';
  return undefined;
}

interface LockLine {
  line: number;
  groupId: string;
  artifactId: string;
  version: string;
  configurations: string[];
}

export const gradleLockfileExtractor: PackageExtractor = {
  name: NAME,
  version: '1',
  wants: (path) => FILE.test(path),
  extract({ path, text }, warn) {
    const buildscript = /(^|\/)(buildscript|settings)-gradle\.lockfile$/.test(path);
    const locked: LockLine[] = [];
    let fileLocksRuntime = false;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (line === '' || line.startsWith('#')) continue;
      if (line.startsWith('empty=')) {
        fileLocksRuntime ||= line.slice(6).split(',').some((c) => isRuntime(c.trim()));
        continue;
      }
      const eq = line.indexOf('=');
      const coordinates = (eq === -1 ? line : line.slice(0, eq)).split(':');
      if (eq === -1 || coordinates.length !== 3 || coordinates.some((p) => p.trim() === '')) {
        warn({ code: 'parse-error', message: `line ${i + 1}: not a group:artifact:version=configurations line, skipped` });
        continue;
      }
      const [groupId, artifactId, version] = coordinates.map((p) => p.trim());
      const configurations = line.slice(eq + 1).split(',').map((c) => c.trim()).filter(Boolean);
      fileLocksRuntime ||= configurations.some(isRuntime);
      locked.push({ line: i + 1, groupId, artifactId, version, configurations });
    }
    return locked.map((l) =>
      mavenEntry(NAME, path, l.groupId, l.artifactId, l.version, { line: l.line, scope: buildscript ? 'build' : scopeOf(l.configurations, fileLocksRuntime) }),
    );
  },
};
