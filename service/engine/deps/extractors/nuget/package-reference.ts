// PackageReference items of SDK-style projects (*.csproj, *.fsproj, *.vbproj) and of
// Directory.Build.props (references every project below it gets), and the GlobalPackageReference
// items of Directory.Packages.props (analyzers every project gets, never flowing to consumers: 'build'). The version comes from, in order:
// VersionOverride, Version (attribute or child element), or, with central package management
// (ManagePackageVersionsCentrally), the PackageVersion item of the nearest Directory.Packages.props.
// `$(Property)` references are expanded from Directory.Build.props, Directory.Packages.props and the
// file itself when simple; otherwise the version is '' with what is written and an
// 'unresolved-version' warning. Every entry is direct: the project names it.
// Scope: PrivateAssets="all" (analyzers, build tools: never flow to consumers) -> 'build'; every other
// reference of a test project (IsTestProject true, or a reference to Microsoft.NET.Test.Sdk) -> 'test'.
import type { TreeReader } from '../../../inventory';
import type { Warn } from '../../../types';
import type { PackageEntry, PackageExtractor } from '../../types';
import { attribute, childElements, childText, type XmlElement } from '../xml';
import { nugetEntry, nugetVersion } from './entry';
import { expandProperties, extractedMsbuild, mergeProperties, nearestAbove, readTreeMsbuild, type MsbuildFile, type PropertyValue } from './msbuild';

const NAME = 'nuget/package-reference';
const PROJECT = /\.(csproj|fsproj|vbproj)$/i;
const BUILD_PROPS = /(^|\/)directory\.build\.props$/i;
const PACKAGES_PROPS = /(^|\/)directory\.packages\.props$/i;

/** A PackageReference's item metadata: an attribute or a child element of that name (lower-cased). */
const metadata = (item: XmlElement, name: string): string | undefined => attribute(item, name) ?? childText(item, name);

interface Context {
  properties: Map<string, PropertyValue>;
  testProject: boolean;
  /** Central versions by lower-cased package id, when central package management is on. */
  central?: Map<string, string>;
  centralPath?: string;
}

export const packageReferenceExtractor: PackageExtractor = {
  name: NAME,
  version: '1',
  wants: (path) => PROJECT.test(path) || BUILD_PROPS.test(path) || PACKAGES_PROPS.test(path),
  extract({ path, text }, warn, tree) {
    const file = extractedMsbuild(tree, path, text);
    if (!file) return [];
    const context = contextOf(file, tree, warn);
    const entries: PackageEntry[] = [];
    const references = packageReferences(file).map((item) => ({ item, global: false }));
    if (PACKAGES_PROPS.test(path)) for (const item of globalReferences(file)) references.push({ item, global: true });
    for (const { item, global } of references) {
      const include = attribute(item, 'include');
      if (include === undefined) continue; // Update= / Remove= items change other references
      const line = file.doc.lineOf(item);
      const names = expandProperties(include, context.properties);
      if (names === undefined) {
        warn({ code: 'unresolved-name', message: `line ${line ?? '?'}: PackageReference "${include.slice(0, 80)}" names a property that cannot be resolved; skipped` });
        continue;
      }
      for (const name of names.split(';').map((n) => n.trim()).filter(Boolean)) entries.push(referenceEntry(path, name, item, global, line, context, warn));
    }
    return entries;
  },
};

function packageReferences(file: MsbuildFile): XmlElement[] {
  return childElements(file.project, 'itemgroup').flatMap((group) => childElements(group, 'packagereference'));
}

function globalReferences(file: MsbuildFile): XmlElement[] {
  return childElements(file.project, 'itemgroup').flatMap((group) => childElements(group, 'globalpackagereference'));
}

function isTestProject(file: MsbuildFile, properties: Map<string, PropertyValue>): boolean {
  const flag = properties.get('istestproject');
  if (flag && 'value' in flag && flag.value.trim().toLowerCase() === 'true') return true;
  return packageReferences(file).some((item) => attribute(item, 'include')?.trim().toLowerCase() === 'microsoft.net.test.sdk');
}

function contextOf(file: MsbuildFile, tree: TreeReader, warn: Warn): Context {
  const isBuildProps = BUILD_PROPS.test(file.path);
  const buildPropsPath = isBuildProps ? undefined : nearestAbove(tree, file.path, 'Directory.Build.props');
  const buildProps = buildPropsPath ? readTreeMsbuild(tree, buildPropsPath, warn) : undefined;
  const centralPath = nearestAbove(tree, file.path, 'Directory.Packages.props');
  const central = centralPath ? readTreeMsbuild(tree, centralPath, warn) : undefined;
  const properties = mergeProperties(buildProps?.properties, central?.properties, file.properties);
  const testProject = isTestProject(file, properties);
  const managed = properties.get('managepackageversionscentrally');
  if (!central || !managed || !('value' in managed) || managed.value.trim().toLowerCase() !== 'true') return { properties, testProject };
  const versions = new Map<string, string>();
  for (const group of childElements(central.project, 'itemgroup')) {
    for (const item of childElements(group, 'packageversion')) {
      const id = attribute(item, 'include') ?? attribute(item, 'update');
      const version = metadata(item, 'version');
      if (id !== undefined && version !== undefined) versions.set(id.trim().toLowerCase(), version);
    }
  }
  return { properties, testProject, central: versions, centralPath: central.path };
}

function referenceEntry(path: string, name: string, item: XmlElement, global: boolean, line: number | undefined, context: Context, warn: Warn): PackageEntry {
  const own = [metadata(item, 'versionoverride'), metadata(item, 'version')].find((v) => v !== undefined && v.trim() !== '');
  const written = own ?? context.central?.get(name.toLowerCase());
  const privateAssets = metadata(item, 'privateassets')?.trim().toLowerCase();
  const extra = { line, direct: true, scope: global || privateAssets === 'all' ? ('build' as const) : context.testProject ? ('test' as const) : undefined };
  if (written === undefined) {
    const where = context.central ? ` and ${context.centralPath} has no PackageVersion for it` : '';
    warn({ code: 'unresolved-version', message: `line ${line ?? '?'}: ${name} has no version${where}` });
    return nugetEntry(NAME, path, name, '', extra);
  }
  const expanded = expandProperties(written, context.properties);
  if (expanded === undefined) {
    warn({ code: 'unresolved-version', message: `line ${line ?? '?'}: ${name} version "${written.trim().slice(0, 80)}" uses a property that cannot be resolved` });
    return nugetEntry(NAME, path, name, '', { ...extra, declared: written.trim() });
  }
  const { version, declared } = nugetVersion(expanded);
  return nugetEntry(NAME, path, name, version, { ...extra, declared });
}
