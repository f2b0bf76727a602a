// Package names and purls, normalised the way each ecosystem compares them, so that extractors,
// the advisory index and the SBOM agree on one spelling.
import { PackageURL } from 'packageurl-js';
import type { Ecosystem } from '../../contract/vocabulary';

/**
 * PyPI: PEP 503 (lower-case, runs of -, _ and . become -). NuGet and Packagist: lower-case. Maven:
 * `group:artifact` as written (case matters there). Others: as written.
 */
export function normalizePackageName(ecosystem: Ecosystem, name: string): string {
  const n = name.trim();
  switch (ecosystem) {
    case 'PyPI':
      return n.toLowerCase().replace(/[-_.]+/g, '-');
    case 'NuGet':
    case 'Packagist':
      return n.toLowerCase();
    default:
      return n;
  }
}

const PURL_TYPES: Partial<Record<Ecosystem, string>> = {
  npm: 'npm',
  PyPI: 'pypi',
  NuGet: 'nuget',
  Maven: 'maven',
  Go: 'golang',
  'crates.io': 'cargo',
  RubyGems: 'gem',
  Packagist: 'composer',
  Pub: 'pub',
  Hex: 'hex',
  SwiftURL: 'swift',
};

/**
 * The package URL (purl spec) of a normalised name and version; version omitted when ''. Names and
 * versions come from untrusted files and packageurl-js rejects some (a Go version `v1` that is not
 * semver, a Go path ending in '/'; for Go it even fails with a ReferenceError of its own): one
 * malformed entry must not cost a file its other packages, so the purl then goes without the
 * version, and failing that is the generic type's.
 */
export function purlOf(ecosystem: Ecosystem, name: string, version: string): string {
  // packageurl-js validates and encodes at some microseconds a purl; the same packages recur across
  // lockfiles and repositories, so recent answers are kept (short names only: memory stays bounded).
  if (name.length + version.length > MAX_MEMO_KEY) return purlOfUncached(ecosystem, name, version);
  const key = `${ecosystem}\u0000${name}\u0000${version}`;
  let purl = purlMemo.get(key);
  if (purl === undefined) {
    if (purlMemo.size >= MAX_MEMO) purlMemo.clear();
    purlMemo.set(key, (purl = purlOfUncached(ecosystem, name, version)));
  }
  return purl;
}

const MAX_MEMO = 50_000;
const MAX_MEMO_KEY = 200;
const purlMemo = new Map<string, string>();

function purlOfUncached(ecosystem: Ecosystem, name: string, version: string): string {
  try {
    return strictPurl(ecosystem, name, version);
  } catch {
    try {
      return strictPurl(ecosystem, name, '');
    } catch {
      return `pkg:generic/${encodeURIComponent(name)}${version ? `@${encodeURIComponent(version)}` : ''}`;
    }
  }
}

function strictPurl(ecosystem: Ecosystem, name: string, version: string): string {
  const type = PURL_TYPES[ecosystem] ?? 'generic';
  let namespace: string | undefined;
  let local = name;
  if (ecosystem === 'Maven') {
    const i = name.indexOf(':');
    if (i > 0) [namespace, local] = [name.slice(0, i), name.slice(i + 1)];
  } else if (ecosystem === 'npm' && name.startsWith('@') && name.includes('/')) {
    const i = name.indexOf('/');
    [namespace, local] = [name.slice(0, i), name.slice(i + 1)];
  } else if (ecosystem === 'Go' || ecosystem === 'Packagist' || ecosystem === 'SwiftURL') {
    const i = name.lastIndexOf('/');
    if (i > 0) [namespace, local] = [name.slice(0, i), name.slice(i + 1)];
  }
  return new PackageURL(type, namespace, local, version || undefined, undefined, undefined).toString();
}
