// A license policy (per organization in the service, from options in the CLI) and its verdict on one
// package: by category (flag copyleft, proprietary, unknown at a severity each), by an allow list
// (anything else flagged), or by a deny list. Allow and deny lists are read with spdx-satisfies, so a
// choice (MIT OR GPL-3.0-only) passes an allow list holding either, and GPL-2.0-or-later meets
// GPL-3.0-only; entries may end in `*` for a family (`AGPL-*`).
import spdxSatisfies from 'spdx-satisfies';
import type { DependencyScope } from '../deps/types';
import type { LicensePolicy } from '../../contract/api';
import type { Ecosystem, Severity } from '../../contract/vocabulary';
import { LICENSE_CATEGORY_LABELS, licenseCategory, type LicenseCategory } from './categories';
import { licenseNodes, normalizeLicense, parseExpression, renderExpression, type NormalizedLicense } from './spdx';

export type FlaggedCategory = Exclude<LicenseCategory, 'permissive'>;

/** The organization's policy as the contract defines it (categories, allow list or deny list). */
export type { LicensePolicy };
export type LicenseException = NonNullable<LicensePolicy['exceptions']>[number];

/** Network and strong copyleft flagged high outside dev scope, unknown licenses low, the rest allowed. */
export const DEFAULT_LICENSE_POLICY: LicensePolicy = {
  mode: 'categories',
  flag: { 'network-copyleft': 'high', 'strong-copyleft': 'high', unknown: 'low' },
  ignoreDevScope: true,
};

export const CATEGORY_RULES: Record<FlaggedCategory, string> = {
  'network-copyleft': 'LIC-NETWORK-COPYLEFT',
  'strong-copyleft': 'LIC-STRONG-COPYLEFT',
  'weak-copyleft': 'LIC-WEAK-COPYLEFT',
  proprietary: 'LIC-PROPRIETARY',
  unknown: 'LIC-UNKNOWN',
};
export const DENIED_RULE = 'LIC-DENIED';
export const NOT_ALLOWED_RULE = 'LIC-NOT-ALLOWED';

export interface JudgedPackage {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  scope?: DependencyScope;
}

export type LicenseVerdict =
  | { outcome: 'fail'; ruleId: string; severity: Severity; category: LicenseCategory; why: string }
  | { outcome: 'pass' | 'not-applicable'; category: LicenseCategory; why: string };

const DEV_SCOPES: ReadonlySet<DependencyScope | undefined> = new Set(['dev', 'test', 'build']);

/** The policy's verdict on one package's license. */
export function judgeLicense(license: NormalizedLicense, pkg: JudgedPackage, policy: LicensePolicy): LicenseVerdict {
  const category = licenseCategory(license);
  if ((policy.ignoreDevScope ?? true) && DEV_SCOPES.has(pkg.scope)) return { outcome: 'not-applicable', category, why: `${pkg.scope} dependency (the policy ignores dev scope)` };
  const exception = (policy.exceptions ?? []).find((e) => exceptionCovers(e, pkg));
  if (exception) return { outcome: 'not-applicable', category, why: `policy exception${exception.reason ? `: ${exception.reason}` : ''}` };
  switch (policy.mode) {
    case 'categories': {
      if (category === 'permissive') return { outcome: 'pass', category, why: 'permissive license' };
      const setting = policy.flag[category] ?? 'off';
      const label = LICENSE_CATEGORY_LABELS[category].toLowerCase();
      if (setting === 'off') return { outcome: 'pass', category, why: `${label} licenses are allowed by the policy` };
      return { outcome: 'fail', ruleId: CATEGORY_RULES[category], severity: setting, category, why: `${label} license` };
    }
    case 'allow':
      return allowedBy(license, policy.allow)
        ? { outcome: 'pass', category, why: 'on the allow list' }
        : { outcome: 'fail', ruleId: NOT_ALLOWED_RULE, severity: policy.otherwise, category, why: 'not on the allow list' };
    case 'deny': {
      const denied = deniedBy(license, policy.deny);
      return denied
        ? { outcome: 'fail', ruleId: DENIED_RULE, severity: policy.severity, category, why: `on the deny list (${denied})` }
        : { outcome: 'pass', category, why: 'not on the deny list' };
    }
  }
}

function exceptionCovers(e: LicenseException, pkg: JudgedPackage): boolean {
  return e.name === pkg.name && (e.ecosystem === undefined || e.ecosystem === pkg.ecosystem) && (e.version === undefined || e.version === pkg.version);
}

/** A list entry read once: a family (`BSD-*`), SPDX licenses (ids in any case, deprecated ones mapped), or a raw declaration (`UNLICENSED`). */
interface ListEntry {
  raw: string;
  family?: string;
  /** License nodes as rendered (`GPL-2.0-only WITH Classpath-exception-2.0`). */
  nodes: string[];
  ids: string[];
}

const readLists = new WeakMap<readonly string[], ListEntry[]>();

function readList(list: readonly string[]): ListEntry[] {
  let entries = readLists.get(list);
  if (!entries) {
    entries = list.map((entry): ListEntry => {
      const raw = entry.trim();
      if (raw.endsWith('*')) return { raw, family: raw.slice(0, -1), nodes: [], ids: [] };
      const read = normalizeLicense(raw);
      const ast = read.expression !== undefined && !read.guessed ? parseExpression(read.expression) : undefined;
      const nodes = ast ? licenseNodes(ast) : [];
      return { raw, nodes: nodes.map(renderExpression), ids: nodes.map((n) => n.license) };
    });
    readLists.set(list, entries);
  }
  return entries;
}

const sameRaw = (entry: ListEntry, license: NormalizedLicense): boolean => license.raw !== '' && entry.raw.toLowerCase() === license.raw.toLowerCase();

function expressionNodes(license: NormalizedLicense): { node: string; id: string }[] | undefined {
  const ast = license.expression === undefined ? undefined : parseExpression(license.expression);
  return ast && licenseNodes(ast).map((n) => ({ node: renderExpression(n), id: n.license }));
}

/** True when the license can be used under allowed licenses only (a choice needs one allowed option). */
function allowedBy(license: NormalizedLicense, allow: readonly string[]): boolean {
  const entries = readList(allow);
  if (entries.some((e) => sameRaw(e, license))) return true;
  const nodes = expressionNodes(license);
  if (!nodes) return false;
  const fromFamilies = nodes.filter((n) => entries.some((e) => e.family !== undefined && n.id.startsWith(e.family))).map((n) => n.node);
  const approved = [...new Set([...entries.flatMap((e) => e.nodes), ...fromFamilies])];
  return approved.length > 0 && satisfies(license.expression!, approved);
}

/** The denied parts every choice of the license includes, or undefined when one choice avoids the list. */
function deniedBy(license: NormalizedLicense, deny: readonly string[]): string | undefined {
  const entries = readList(deny);
  const rawHit = entries.find((e) => sameRaw(e, license));
  if (rawHit) return rawHit.raw;
  const nodes = expressionNodes(license);
  if (!nodes) return undefined;
  const isDenied = (n: { node: string; id: string }) =>
    entries.some((e) => (e.family !== undefined ? n.id.startsWith(e.family) : e.nodes.includes(n.node) || e.ids.includes(n.id)));
  const denied = nodes.filter(isDenied);
  if (denied.length === 0) return undefined;
  const rest = nodes.filter((n) => !isDenied(n)).map((n) => n.node);
  if (rest.length > 0 && satisfies(license.expression!, rest)) return undefined;
  return [...new Set(denied.map((n) => n.node))].join(', ');
}

/** spdx-satisfies, false rather than a throw on what it cannot read. */
function satisfies(expression: string, approved: readonly string[]): boolean {
  try {
    return spdxSatisfies(expression, approved);
  } catch {
    return false;
  }
}
