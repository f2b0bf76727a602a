// PyPI JSON API: GET <base>/pypi/<name>/json. The license: license_expression (PEP 639), else a short
// license field, else the License :: classifiers; per release, yanked when every file is; the newest
// upload time; info.version as the latest. The document describes the latest release: its license is
// taken for every version (PyPI's per-version documents would double the requests).
import type { PackageMetadata, PackageMetadataSource, SourceOptions } from './types';

interface PypiFile {
  yanked?: unknown;
  yanked_reason?: unknown;
  upload_time_iso_8601?: unknown;
  upload_time?: unknown;
}
interface PypiDocument {
  info?: { license?: unknown; license_expression?: unknown; classifiers?: unknown; version?: unknown };
  releases?: Record<string, PypiFile[] | undefined>;
}

/** The common License :: classifiers as SPDX ids; others are kept as written. */
const CLASSIFIERS: Record<string, string> = {
  'MIT License': 'MIT',
  'Apache Software License': 'Apache-2.0',
  'ISC License (ISCL)': 'ISC',
  'Mozilla Public License 2.0 (MPL 2.0)': 'MPL-2.0',
  'GNU General Public License v2 (GPLv2)': 'GPL-2.0-only',
  'GNU General Public License v2 or later (GPLv2+)': 'GPL-2.0-or-later',
  'GNU General Public License v3 (GPLv3)': 'GPL-3.0-only',
  'GNU General Public License v3 or later (GPLv3+)': 'GPL-3.0-or-later',
  'GNU Lesser General Public License v2 or later (LGPLv2+)': 'LGPL-2.1-or-later',
  'GNU Lesser General Public License v3 (LGPLv3)': 'LGPL-3.0-only',
  'GNU Lesser General Public License v3 or later (LGPLv3+)': 'LGPL-3.0-or-later',
  'GNU Affero General Public License v3': 'AGPL-3.0-only',
  'GNU Affero General Public License v3 or later (AGPLv3+)': 'AGPL-3.0-or-later',
  'Python Software Foundation License': 'PSF-2.0',
  'The Unlicense (Unlicense)': 'Unlicense',
  'Eclipse Public License 2.0 (EPL-2.0)': 'EPL-2.0',
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export function pypiLicense(info: PypiDocument['info']): string | undefined {
  const expression = str(info?.license_expression);
  if (expression) return expression.slice(0, 500);
  const field = str(info?.license);
  // The field often holds the whole license text; a short one is a name.
  if (field && field.length <= 100 && !field.includes('\n') && field.toUpperCase() !== 'UNKNOWN') return field;
  const classifiers = Array.isArray(info?.classifiers) ? info!.classifiers.filter((c): c is string => typeof c === 'string') : [];
  const licenses = classifiers
    .filter((c) => c.startsWith('License :: '))
    .map((c) => c.split(' :: ').pop()!)
    .filter((c) => c !== 'OSI Approved')
    .map((c) => CLASSIFIERS[c] ?? c);
  if (licenses.length === 0) return undefined;
  return (licenses.length === 1 ? licenses[0] : `(${[...new Set(licenses)].join(' OR ')})`).slice(0, 500);
}

interface PypiSummary {
  license?: string;
  inactive: boolean;
  latestVersion?: string;
  latestReleaseAt?: string;
  releases: Map<string, { yanked: boolean; reason?: string }>;
}

export function summarizePypi(doc: PypiDocument): PypiSummary {
  const releases = new Map<string, { yanked: boolean; reason?: string }>();
  let latestReleaseAt: string | undefined;
  for (const [version, files] of Object.entries(doc.releases ?? {})) {
    const list = Array.isArray(files) ? files : [];
    const yanked = list.length > 0 && list.every((f) => f?.yanked === true);
    releases.set(version, { yanked, reason: yanked ? str(list[0]?.yanked_reason) : undefined });
    for (const f of list) {
      const when = str(f?.upload_time_iso_8601) ?? str(f?.upload_time);
      if (!when || Number.isNaN(Date.parse(when))) continue;
      const iso = new Date(when.endsWith('Z') || /[+-]\d\d:?\d\d$/.test(when) ? when : `${when}Z`).toISOString();
      if (!yanked && (!latestReleaseAt || iso > latestReleaseAt)) latestReleaseAt = iso;
    }
  }
  const classifiers = Array.isArray(doc.info?.classifiers) ? doc.info!.classifiers : [];
  return {
    license: pypiLicense(doc.info),
    inactive: classifiers.includes('Development Status :: 7 - Inactive'),
    latestVersion: str(doc.info?.version),
    latestReleaseAt,
    releases,
  };
}

export function pypiSource({ baseUrl, client }: SourceOptions): PackageMetadataSource {
  return {
    ecosystem: 'PyPI',
    async fetch(name, version) {
      const summary = await client.once(`pypi:${name}`, async () => {
        const doc = await client.getJson<PypiDocument>(`${baseUrl}/pypi/${encodeURIComponent(name)}/json`);
        return doc ? summarizePypi(doc) : undefined;
      });
      if (!summary) return undefined;
      const release = summary.releases.get(version);
      if (!release) return undefined;
      const out: PackageMetadata = { latestVersion: summary.latestVersion, latestReleaseAt: summary.latestReleaseAt };
      if (summary.license) out.license = summary.license;
      if (release.yanked) out.yanked = true;
      if (summary.inactive) out.deprecated = 'Development Status :: 7 - Inactive';
      return out;
    },
  };
}
