// The repository's own license: what its root package.json declares (metadata first), and what its
// LICENSE / COPYING files say (the text matcher). Reported in the licenses scanner's inventory, never
// as a finding: the repository's license is an attribute of the project, not a problem.
import type { PackageEntry } from '../deps/types';
import type { ProjectView } from '../types';
import { licenseCategory } from './categories';
import type { LicenseCategory } from '../../contract/vocabulary';
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

/**
 * The licenses of the repository root and of the project folders (those holding a manifest or
 * lockfile the extractors read): their package.json `license`, then their license files.
 */
export async function repositoryLicenses(project: ProjectView, packages: readonly PackageEntry[]): Promise<RepositoryLicense[]> {
  const folders = new Set<string>(['', ...packages.map((p) => dirOf(p.path))]);
  const out: RepositoryLicense[] = [];
  for (const folder of [...folders].sort()) {
    const manifest = folder === '' ? 'package.json' : `${folder}/package.json`;
    if (!project.has(manifest)) continue;
    const declared = declaredLicense(project.readText(manifest));
    if (declared !== undefined) {
      const license = normalizeLicense(declared);
      out.push({ kind: 'repository-license', path: manifest, source: 'manifest', license, category: licenseCategory(license) });
    }
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

function declaredLicense(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    const manifest = JSON.parse(text) as { license?: unknown; licenses?: unknown } | null;
    if (manifest === null || typeof manifest !== 'object') return undefined;
    return manifest.license ?? manifest.licenses;
  } catch {
    return undefined; // the npm extractor reports a broken package.json
  }
}
