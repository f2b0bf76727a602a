// One OSV record -> what the advisory store keeps: its id, kind (MAL- records are malicious packages),
// times, aliases and the (ecosystem, normalised name) keys it affects. Records arrive from public but
// unauthenticated sources (a zip, a folder, a URL), so the shape is checked before anything is kept.
import { ecosystemOfOsv } from '../engine/deps/advisory-index';
import { normalizePackageName } from '../engine/deps/names';
import type { OsvRecord } from '../engine/deps/types';
import type { StoredAdvisory } from '../store/advisories';

/** OSV ids are short ASCII words (GHSA-xxxx-xxxx-xxxx, PYSEC-2021-1, MAL-2024-1, GO-2022-0001). */
export const OSV_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export class RecordError extends Error {
  override name = 'RecordError';
}

const MAX_ALIASES = 200;
const MAX_AFFECTED = 5_000;

const isoOrUndefined = (value: unknown, field: string): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw new RecordError(`${field} is not an RFC 3339 time`);
  return new Date(value).toISOString();
};

/** Parses one record's JSON text; throws RecordError (a warning for the caller) when it is not an OSV record. */
export function parseOsvRecord(text: string): OsvRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new RecordError(`not JSON: ${(err as Error).message}`);
  }
  return checkOsvRecord(value);
}

export function checkOsvRecord(value: unknown): OsvRecord {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new RecordError('not an OSV record (an object is expected)');
  const r = value as Record<string, unknown>;
  if (typeof r.id !== 'string' || !OSV_ID.test(r.id)) throw new RecordError('not an OSV record (no valid id)');
  if (typeof r.modified !== 'string' || Number.isNaN(Date.parse(r.modified))) throw new RecordError(`${r.id}: modified is missing or not a time`);
  if (r.affected !== undefined && !Array.isArray(r.affected)) throw new RecordError(`${r.id}: affected is not a list`);
  if (r.aliases !== undefined && !Array.isArray(r.aliases)) throw new RecordError(`${r.id}: aliases is not a list`);
  return r as unknown as OsvRecord;
}

/** What the store keeps of a checked record. */
export function toStoredAdvisory(record: OsvRecord): StoredAdvisory {
  const packages = new Map<string, { ecosystem: string; name: string }>();
  for (const a of (record.affected ?? []).slice(0, MAX_AFFECTED)) {
    const pkg = a?.package;
    if (!pkg || typeof pkg.ecosystem !== 'string' || typeof pkg.name !== 'string' || !pkg.name.trim()) continue;
    const ecosystem = ecosystemOfOsv(pkg.ecosystem);
    if (!ecosystem) continue;
    const name = normalizePackageName(ecosystem, pkg.name);
    packages.set(`${ecosystem}:${name}`, { ecosystem, name });
  }
  const aliases = (record.aliases ?? []).filter((a): a is string => typeof a === 'string' && a.length <= 200).slice(0, MAX_ALIASES);
  return {
    id: record.id,
    kind: record.id.startsWith('MAL-') ? 'malicious' : 'advisory',
    modified: isoOrUndefined(record.modified, 'modified')!,
    published: isoOrUndefined(record.published, 'published'),
    withdrawn: isoOrUndefined(record.withdrawn, 'withdrawn'),
    aliases,
    ecosystems: [...new Set([...packages.values()].map((p) => p.ecosystem))],
    packages: [...packages.values()],
    record,
  };
}
