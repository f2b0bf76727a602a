// npm registry: GET <registry>/<name> (the packument; scoped names as @scope%2Fname): per version its
// license and deprecation message, release times, dist-tags.latest. A version missing from the
// document but listed in time{} was unpublished (yanked).
import type { PackageMetadata, PackageMetadataSource, SourceOptions } from './types';

interface Packument {
  'dist-tags'?: Record<string, unknown>;
  versions?: Record<string, { license?: unknown; licenses?: unknown; deprecated?: unknown }>;
  time?: Record<string, unknown>;
}

/** What is kept of a packument (documents of busy packages are large; this is small). */
interface NpmSummary {
  versions: Map<string, { license?: string; deprecated?: string }>;
  released: Set<string>;
  latestVersion?: string;
  latestReleaseAt?: string;
}

/** npm's license field: "MIT", {type: "MIT"}, or the old licenses: [{type}] list (joined with OR). */
export function npmLicense(license: unknown, licenses?: unknown): string | undefined {
  const one = (l: unknown): string | undefined =>
    typeof l === 'string' ? l.trim() || undefined : l && typeof l === 'object' && typeof (l as { type?: unknown }).type === 'string' ? (l as { type: string }).type.trim() || undefined : undefined;
  const direct = one(license);
  if (direct) return direct.slice(0, 500);
  if (Array.isArray(licenses)) {
    const ids = licenses.map(one).filter((x): x is string => !!x);
    if (ids.length) return (ids.length === 1 ? ids[0] : `(${ids.join(' OR ')})`).slice(0, 500);
  }
  return undefined;
}

export function summarizePackument(doc: Packument): NpmSummary {
  const versions = new Map<string, { license?: string; deprecated?: string }>();
  for (const [v, manifest] of Object.entries(doc.versions ?? {})) {
    if (!manifest || typeof manifest !== 'object') continue;
    const deprecated = typeof manifest.deprecated === 'string' && manifest.deprecated.trim() ? manifest.deprecated.slice(0, 500) : undefined;
    versions.set(v, { license: npmLicense(manifest.license, manifest.licenses), deprecated });
  }
  let latestReleaseAt: string | undefined;
  const released = new Set<string>();
  for (const [key, when] of Object.entries(doc.time ?? {})) {
    if (key === 'created' || key === 'modified' || key === 'unpublished' || typeof when !== 'string' || Number.isNaN(Date.parse(when))) continue;
    released.add(key);
    const iso = new Date(when).toISOString();
    if (!latestReleaseAt || iso > latestReleaseAt) latestReleaseAt = iso;
  }
  const latest = doc['dist-tags']?.latest;
  return { versions, released, latestVersion: typeof latest === 'string' ? latest : undefined, latestReleaseAt };
}

/** The packument's path: a scoped name keeps its @ and escapes its slash. */
export const npmPath = (name: string): string => (name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name));

export function npmSource({ baseUrl, client }: SourceOptions): PackageMetadataSource {
  return {
    ecosystem: 'npm',
    async fetch(name, version) {
      const summary = await client.once(`npm:${name}`, async () => {
        const doc = await client.getJson<Packument>(`${baseUrl}/${npmPath(name)}`);
        return doc ? summarizePackument(doc) : undefined;
      });
      if (!summary) return undefined;
      const v = summary.versions.get(version);
      if (!v && !summary.released.has(version)) return undefined; // never published: nothing to say
      const out: PackageMetadata = { latestVersion: summary.latestVersion, latestReleaseAt: summary.latestReleaseAt };
      if (!v) return { ...out, yanked: true };
      if (v.license) out.license = v.license;
      if (v.deprecated) out.deprecated = v.deprecated;
      return out;
    },
  };
}
