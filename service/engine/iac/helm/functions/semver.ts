// Masterminds/semver v3 constraints as sprig's semverCompare uses them.
import { TemplateError } from '../gotemplate/values';

export interface Version {
  major: number;
  minor: number;
  patch: number;
  pre: string;
  original: string;
}

const VERSION = /^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z\-.]+))?(?:\+([0-9A-Za-z\-.]+))?$/;

export function parseVersion(text: string): Version {
  const m = VERSION.exec(text.trim());
  if (!m) throw new TemplateError('Invalid Semantic Version');
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), pre: m[4] ?? '', original: text };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (pa[i] === undefined) return -1;
    if (pb[i] === undefined) return 1;
    const na = /^\d+$/.test(pa[i]);
    const nb = /^\d+$/.test(pb[i]);
    if (na && nb && Number(pa[i]) !== Number(pb[i])) return Number(pa[i]) < Number(pb[i]) ? -1 : 1;
    if (na !== nb) return na ? -1 : 1;
    if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  }
  return 0;
}

export function compareVersions(a: Version, b: Version): number {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1;
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1;
  return comparePre(a.pre, b.pre);
}

interface Bound {
  op: string;
  v: Version;
  /** Which parts were wildcards or absent ("1.2" leaves patch open). */
  dirty: { minor: boolean; patch: boolean };
  hasPre: boolean;
}

function parseBound(text: string): Bound[] {
  const m = /^(>=|=>|<=|=<|!=|>|<|=|~>|~|\^)?\s*v?([0-9xX*]+)(?:\.([0-9xX*]+))?(?:\.([0-9xX*]+))?(?:-([0-9A-Za-z\-.]+))?(?:\+[0-9A-Za-z\-.]+)?$/.exec(text.trim());
  if (!m) throw new TemplateError(`improper constraint: ${text}`);
  const op = (m[1] ?? '=').replace('=>', '>=').replace('=<', '<=').replace('~>', '~');
  const wild = (s: string | undefined): boolean => s === undefined || /^[xX*]$/.test(s);
  const num = (s: string | undefined): number => (wild(s) ? 0 : Number(s));
  if (wild(m[2])) return op === '=' || op === '>=' || op === '<=' || op === '~' || op === '^' ? [] : [];
  const v: Version = { major: num(m[2]), minor: num(m[3]), patch: num(m[4]), pre: m[5] ?? '', original: text };
  return [{ op, v, dirty: { minor: wild(m[3]), patch: wild(m[4]) }, hasPre: m[5] !== undefined }];
}

function upper(b: Bound): Version {
  if (b.dirty.minor) return { ...b.v, major: b.v.major + 1, minor: 0, patch: 0, pre: '' };
  return { ...b.v, minor: b.v.minor + 1, patch: 0, pre: '' };
}

function check(b: Bound, v: Version): boolean {
  const c = compareVersions(v, b.v);
  const open = b.dirty.minor || b.dirty.patch;
  switch (b.op) {
    case '=':
      if (!open) return c === 0;
      return c >= 0 && compareVersions(v, upper(b)) < 0;
    case '!=':
      if (!open) return c !== 0;
      return !(c >= 0 && compareVersions(v, upper(b)) < 0);
    case '>':
      if (!open) return c > 0;
      return compareVersions(v, upper(b)) >= 0;
    case '>=':
      return c >= 0;
    case '<':
      return c < 0;
    case '<=':
      if (!open) return c <= 0;
      return compareVersions(v, upper(b)) < 0;
    case '~': {
      const max = b.dirty.minor && b.v.minor === 0 && b.dirty.patch ? { ...b.v, major: b.v.major + 1, minor: 0, patch: 0, pre: '' } : { ...b.v, minor: b.v.minor + 1, patch: 0, pre: '' };
      return c >= 0 && compareVersions(v, max) < 0;
    }
    case '^': {
      let max: Version;
      if (b.v.major > 0 || b.dirty.minor) max = { ...b.v, major: b.v.major + 1, minor: 0, patch: 0, pre: '' };
      else if (b.v.minor > 0 || b.dirty.patch) max = { ...b.v, minor: b.v.minor + 1, patch: 0, pre: '' };
      else max = { ...b.v, patch: b.v.patch + 1, pre: '' };
      return c >= 0 && compareVersions(v, max) < 0;
    }
  }
  return false;
}

/** Constraint check: "a, b" or "a b" is AND, "||" is OR; "1.2 - 1.4" is a range. A pre-release matches only a constraint with one. */
export function semverMatches(constraint: string, version: string): boolean {
  const v = parseVersion(version);
  return constraint.split('||').some((group) => {
    const text = group.trim().replace(/\s+-\s+/g, ' - ');
    const parts = text.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
    const bounds: Bound[] = [];
    for (let i = 0; i < parts.length; i++) {
      let part = parts[i];
      if (parts[i + 1] === '-') {
        bounds.push(...parseBound('>=' + part), ...parseBound('<=' + parts[i + 2]));
        i += 2;
        continue;
      }
      if (/^(>=|<=|!=|>|<|=|~|\^)$/.test(part)) part += parts[++i] ?? '';
      bounds.push(...parseBound(part));
    }
    if (v.pre && !bounds.some((b) => b.hasPre)) return false;
    return bounds.every((b) => check(b, v));
  });
}
