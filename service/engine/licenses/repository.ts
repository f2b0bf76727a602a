// The repository's own license: what its root package.json declares (metadata first), and what its
// LICENSE / COPYING files say (the text matcher). Reported in the licenses scanner's inventory, never
// as a finding: the repository's license is an attribute of the project, not a problem.
import type { PackageEntry } from '../deps/types';
import type { ProjectView } from '../types';
import { licenseCategory } from './categories';
import type { LicenseCategory } from '../../contract/vocabulary';
import { parse as parseToml } from 'smol-toml';
import { normalizeLicense, type NormalizedLicense } from './spdx';
import { identifyLicenseText, LICENSE_FILE_NAME } from './text-match';

export interface RepositoryLicense {
  kind: 'repository-license';
  /** The file it comes from. */
  path: string;
  /** manifest: the `license` field of the folder's package.json; text: a license file identified by its text. */
  source: 'manifest' | 'text';
  license: NormalizedLicense;
  category: LicenseCategory;
  /** For license files: the matcher's score and runner-up. */
  match?: { score: number; runnerUp?: { id: string; score: number } };
}

/** Folders whose license files are someone else's. */
const THIRD_PARTY = /(^|\/)(node_modules|vendor|third[_-]?party|external|bower_components|site-packages|\.git)\//i;
/** License files this deep or deeper are not the project's own (fixtures, vendored copies). */
const MAX_LICENSE_DEPTH = 3;
/** License files read per scan. */
const MAX_LICENSE_FILES = 20;

/** A license file the scanner may read (cheap path test). */
export function isLicenseFilePath(path: string): boolean {
  const slash = path.lastIndexOf('/');
  if (!LICENSE_FILE_NAME.test(path.slice(slash + 1))) return false;
  return !THIRD_PARTY.test(path) && path.split('/').length <= MAX_LICENSE_DEPTH;
}

const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

/** Manifests that declare the project's own license, and how to read it. */
const MANIFESTS: readonly { name: RegExp; read: (text: string) => unknown }[] = [
  { name: /^(package|composer)\.json$/, read: (text) => jsonLicense(text) },
  { name: /^pyproject\.toml$/, read: (text) => pyprojectLicense(text) },
  { name: /^Cargo\.toml$/, read: (text) => tomlTable(text, 'package')?.license },
  { name: /\.(cs|fs|vb)proj$|^Directory\.Build\.props$/, read: (text) => /<PackageLicenseExpression>\s*([^<]{1,200}?)\s*<\/PackageLicenseExpression>/.exec(text)?.[1] },
];
/** Manifests larger than this are not read for their license (the extractors still read them). */
const MAX_MANIFEST_BYTES = 1024 * 1024;

/**
 * The licenses of the repository root and of the project folders (those holding a manifest or
 * lockfile the extractors read): what their manifests declare, then what their license files say.
 */
export async function repositoryLicenses(project: ProjectView, packages: readonly PackageEntry[]): Promise<RepositoryLicense[]> {
  const folders = new Set<string>(['', ...packages.map((p) => dirOf(p.path))]);
  const out: RepositoryLicense[] = [];
  for (const file of project.files) {
    if (out.length >= MAX_LICENSE_FILES || file.size > MAX_MANIFEST_BYTES || !folders.has(dirOf(file.path))) continue;
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    const manifest = MANIFESTS.find((m) => m.name.test(name));
    if (!manifest) continue;
    const text = project.readText(file.path);
    const declared = text === undefined ? undefined : safely(() => manifest.read(text));
    if (declared === undefined || declared === null) continue;
    const license = normalizeLicense(declared);
    if (license.raw === '') continue;
    out.push({ kind: 'repository-license', path: file.path, source: 'manifest', license, category: licenseCategory(license) });
  }
  const files = project.wanted.filter((f) => isLicenseFilePath(f.path) && folders.has(dirOf(f.path))).slice(0, MAX_LICENSE_FILES);
  for (const file of files) {
    const text = project.readText(file.path);
    if (text === undefined) continue;
    const match = await identifyLicenseText(text);
    const license: NormalizedLicense = match.id
      ? { expression: match.id, ids: [match.id], guessed: true, raw: file.path, kind: 'spdx' }
      : { ids: [], guessed: false, raw: file.path, kind: 'custom' };
    out.push({
      kind: 'repository-license',
      path: file.path,
      source: 'text',
      license,
      category: licenseCategory(license),
      match: { score: match.score, ...(match.runnerUp ? { runnerUp: match.runnerUp } : {}) },
    });
  }
  return out;
}

/** A manifest that does not parse has no license here (its extractor reports it). */
function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function jsonLicense(text: string): unknown {
  const manifest = JSON.parse(text) as { license?: unknown; licenses?: unknown } | null;
  return manifest !== null && typeof manifest === 'object' ? (manifest.license ?? manifest.licenses) : undefined;
}

function tomlTable(text: string, ...path: string[]): Record<string, unknown> | undefined {
  let at: unknown = parseToml(text);
  for (const key of path) at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  return at !== null && typeof at === 'object' ? (at as Record<string, unknown>) : undefined;
}

/** PEP 621 `license` (an expression, or `{ text }`), else the license classifiers, else Poetry's `license`. */
function pyprojectLicense(text: string): unknown {
  const project = tomlTable(text, 'project');
  const license = project?.license;
  if (typeof license === 'string') return license;
  if (license !== null && typeof license === 'object' && typeof (license as { text?: unknown }).text === 'string') return (license as { text: string }).text;
  const classifiers = Array.isArray(project?.classifiers) ? project.classifiers.filter((c): c is string => typeof c === 'string' && c.startsWith('License ::')) : [];
  if (classifiers.length > 0) return classifiers;
  return tomlTable(text, 'tool', 'poetry')?.license;
}
