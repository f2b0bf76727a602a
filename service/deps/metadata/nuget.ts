// NuGet: the registration resource, GET <base>/v3/registration5-gz-semver2/<lower id>/index.json (gzip,
// which fetch inflates). Pages are inlined for small packages; a page that is not (many versions) is
// fetched from its @id, only on the registry's own origin. Per version: licenseExpression, listed,
// deprecation, published (unlisted versions carry 1900-01-01).
import type { PackageMetadata, PackageMetadataSource, SourceOptions } from './types';

interface CatalogEntry {
  version?: unknown;
  licenseExpression?: unknown;
  licenseUrl?: unknown;
  listed?: unknown;
  published?: unknown;
  deprecation?: { message?: unknown; reasons?: unknown };
}
interface RegistrationPage {
  '@id'?: unknown;
  lower?: unknown;
  upper?: unknown;
  items?: { catalogEntry?: CatalogEntry }[];
}
interface RegistrationIndex {
  items?: RegistrationPage[];
}

const MAX_PAGES = 50;

const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : '');
/** NuGet compares versions without build metadata and case-insensitively. */
const sameVersion = (a: unknown, b: string) => lower(a).split('+')[0] === b.toLowerCase().split('+')[0];

/** A listed version's publish time (unlisted ones are dated 1900). */
const publishedAt = (e: CatalogEntry): string | undefined => {
  if (e.listed === false || typeof e.published !== 'string' || Number.isNaN(Date.parse(e.published))) return undefined;
  const iso = new Date(e.published).toISOString();
  return iso.startsWith('1900-') ? undefined : iso;
};

export function nugetMetadata(entries: readonly CatalogEntry[], version: string): PackageMetadata | undefined {
  const entry = entries.find((e) => sameVersion(e.version, version));
  if (!entry) return undefined;
  const out: PackageMetadata = {};
  if (typeof entry.licenseExpression === 'string' && entry.licenseExpression.trim()) out.license = entry.licenseExpression.trim().slice(0, 500);
  else if (typeof entry.licenseUrl === 'string' && entry.licenseUrl.trim()) out.license = entry.licenseUrl.trim().slice(0, 500);
  if (entry.listed === false) out.yanked = true;
  if (entry.deprecation && typeof entry.deprecation === 'object') {
    const message = typeof entry.deprecation.message === 'string' && entry.deprecation.message.trim();
    const reasons = Array.isArray(entry.deprecation.reasons) ? entry.deprecation.reasons.filter((r) => typeof r === 'string').join(', ') : '';
    const text = message || reasons;
    out.deprecated = text ? text.slice(0, 500) : true;
  }
  let latestReleaseAt: string | undefined;
  let latestVersion: string | undefined;
  for (const e of entries) {
    const at = publishedAt(e);
    if (!at) continue;
    if (!latestReleaseAt || at > latestReleaseAt) latestReleaseAt = at;
    // Pages list versions in ascending order: the last listed stable one is the latest.
    if (typeof e.version === 'string' && !e.version.includes('-')) latestVersion = e.version;
  }
  if (latestReleaseAt) out.latestReleaseAt = latestReleaseAt;
  if (latestVersion) out.latestVersion = latestVersion;
  return out;
}

export function nugetSource({ baseUrl, client }: SourceOptions): PackageMetadataSource {
  const origin = new URL(baseUrl).origin;
  return {
    ecosystem: 'NuGet',
    async fetch(name, version) {
      const entries = await client.once(`nuget:${name.toLowerCase()}`, async () => {
        const index = await client.getJson<RegistrationIndex>(`${baseUrl}/v3/registration5-gz-semver2/${encodeURIComponent(name.toLowerCase())}/index.json`);
        if (!index) return undefined;
        const all: CatalogEntry[] = [];
        for (const page of (index.items ?? []).slice(0, MAX_PAGES)) {
          let items = page.items;
          if (!items && typeof page['@id'] === 'string' && new URL(page['@id'], baseUrl).origin === origin) {
            items = (await client.getJson<RegistrationPage>(new URL(page['@id'], baseUrl).toString()))?.items;
          }
          for (const item of items ?? []) if (item?.catalogEntry) all.push(item.catalogEntry);
        }
        return all;
      });
      return entries ? nugetMetadata(entries, version) : undefined;
    },
  };
}
