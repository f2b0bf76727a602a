// What a package scanner's rule example holds (a small repository and the datasets handed in), and
// builders for the files examples use. The JSON text of a PackageExample is the example the catalog
// replays (example-scan.ts scans it).
import type { LicensePolicy } from '../../../contract/api';
import type { OsvRecord, PackageMetadata } from '../types';

/** What an example holds (its JSON text is the example). */
export interface PackageExample {
  /** Repository files by tree path. */
  files: Record<string, string>;
  /** Registry metadata by `ecosystem:name@version` or `ecosystem:name`; absent: no metadata handed in. */
  metadata?: Record<string, PackageMetadata>;
  /** OSV records; absent: no advisory database handed in. */
  advisories?: OsvRecord[];
  policy?: LicensePolicy;
  /** ISO time the scan takes as now (package-risk's unmaintained rule). */
  now?: string;
}

/** An example as the JSON text the catalog replays. */
export const example = (e: PackageExample): string => JSON.stringify(e);

export interface LockPackage {
  version: string;
  license?: unknown;
  dev?: boolean;
}

/** A package-lock.json (v3) holding these packages, as npm 9 writes it. */
export function packageLock(packages: Record<string, LockPackage>): string {
  const entries: Record<string, unknown> = {
    '': { name: 'storefront', version: '1.0.0', dependencies: Object.fromEntries(Object.entries(packages).map(([n, p]) => [n, `^${p.version}`])) },
  };
  for (const [name, p] of Object.entries(packages)) {
    entries[`node_modules/${name}`] = {
      version: p.version,
      resolved: `https://registry.npmjs.org/${name}/-/${name.replace(/^@[^/]+\//, '')}-${p.version}.tgz`,
      integrity: 'sha512-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==',
      ...(p.dev ? { dev: true } : {}),
      ...(p.license !== undefined ? { license: p.license } : {}),
    };
  }
  return `${JSON.stringify({ name: 'storefront', version: '1.0.0', lockfileVersion: 3, requires: true, packages: entries }, null, 2)}\n`;
}

