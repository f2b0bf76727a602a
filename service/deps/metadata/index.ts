// The PackageMetadataIndex the service hands the licenses and package-risk scanners: the store's cache
// first (one query for the whole batch), then the registries for the misses, a few at a time; answers
// (and "the registry does not know it") are cached with a TTL. A registry failure is absent metadata
// for this scan, never an error, and is not cached (the next scan asks again).
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { Ecosystem } from '../../contract/vocabulary';
import { versionedKey, type PackageMetadata, type PackageMetadataIndex } from '../../engine/deps/types';
import { cachedPackageMetadata, storePackageMetadata, type CachedMetadata } from '../../store/package-metadata';
import type { Database } from '../../store/schema';
import { mapLimit } from '../http';
import { RegistryClient } from './client';
import { mavenSource } from './maven';
import { npmSource } from './npm';
import { nugetSource } from './nuget';
import { pypiSource } from './pypi';
import type { PackageMetadataSource } from './types';

export interface MetadataIndexOptions {
  ttlSeconds: number;
  /** Registry requests in flight for one lookup (each host has its own limit besides). */
  concurrency?: number;
  /** Misses fetched per lookup at most; the rest stay absent this time (later scans fill the cache). */
  maxFetches?: number;
  /** Told about failures (absent metadata); nothing is thrown. */
  onError?: (err: unknown, pkg: { ecosystem: string; name: string; version: string }) => void;
}

const STORE_BATCH = 1000;

export function storeMetadataIndex(db: Kysely<Database>, sources: readonly PackageMetadataSource[], opts: MetadataIndexOptions): PackageMetadataIndex {
  const byEcosystem = new Map<Ecosystem, PackageMetadataSource>(sources.map((s) => [s.ecosystem, s]));
  return {
    async lookup(packages) {
      const wanted = new Map<string, { ecosystem: Ecosystem; name: string; version: string }>();
      for (const p of packages) {
        if (!p.version || !byEcosystem.has(p.ecosystem)) continue;
        wanted.set(versionedKey(p.ecosystem, p.name, p.version), { ecosystem: p.ecosystem, name: p.name, version: p.version });
      }
      const found = new Map<string, PackageMetadata>();
      if (wanted.size === 0) return found;
      const keys = [...wanted.values()];
      const known = new Set<string>();
      try {
        for (let i = 0; i < keys.length; i += STORE_BATCH) {
          for (const row of await cachedPackageMetadata(db, keys.slice(i, i + STORE_BATCH))) {
            const key = versionedKey(row.ecosystem as Ecosystem, row.name, row.version);
            known.add(key);
            if (row.metadata) found.set(key, row.metadata as PackageMetadata);
          }
        }
      } catch (err) {
        opts.onError?.(err, keys[0]);
      }
      const misses = keys.filter((k) => !known.has(versionedKey(k.ecosystem, k.name, k.version))).slice(0, opts.maxFetches ?? 2_000);
      const answers = await mapLimit(misses, opts.concurrency ?? 8, async (k): Promise<CachedMetadata | undefined> => {
        try {
          const metadata = await byEcosystem.get(k.ecosystem)!.fetch(k.name, k.version);
          return { ...k, metadata: metadata ?? null };
        } catch (err) {
          opts.onError?.(err, k);
          return undefined;
        }
      });
      const fetched = answers.filter((a): a is CachedMetadata => !!a);
      for (const a of fetched) if (a.metadata) found.set(versionedKey(a.ecosystem as Ecosystem, a.name, a.version), a.metadata as PackageMetadata);
      try {
        for (let i = 0; i < fetched.length; i += STORE_BATCH) await storePackageMetadata(db, fetched.slice(i, i + STORE_BATCH), opts.ttlSeconds);
      } catch (err) {
        opts.onError?.(err, keys[0]);
      }
      return found;
    },
  };
}

/** The four registry sources at the configured base URLs, sharing one client (its per-host limits). */
export function registrySources(settings: Config['packageMetadata'], fetchImpl?: typeof fetch): PackageMetadataSource[] {
  const client = new RegistryClient({ timeoutMs: settings.timeoutMs, fetchImpl });
  return [
    npmSource({ baseUrl: settings.npmUrl, client }),
    pypiSource({ baseUrl: settings.pypiUrl, client }),
    nugetSource({ baseUrl: settings.nugetUrl, client }),
    mavenSource({ baseUrl: settings.mavenUrl, client }),
  ];
}

/**
 * The service's metadata index per its settings, or undefined when VIGIL_PACKAGE_METADATA is off.
 * Build one per process and reuse it: the per-host limits and breaker live in it.
 */
export function packageMetadataIndex(db: Kysely<Database>, settings: Config['packageMetadata'], onError?: MetadataIndexOptions['onError']): PackageMetadataIndex | undefined {
  if (!settings.enabled) return undefined;
  return storeMetadataIndex(db, registrySources(settings), { ttlSeconds: settings.ttlHours * 3600, onError });
}
