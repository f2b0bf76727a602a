// A license policy (per organization in the service, from options in the CLI) and its verdict on one
// package: by category (flag copyleft, proprietary, unknown at a severity each), by an allow list
// (anything else flagged), or by a deny list. Allow and deny lists are read with spdx-satisfies, so a
// choice (MIT OR GPL-3.0-only) passes an allow list holding either, and GPL-2.0-or-later meets
// GPL-3.0-only; entries may end in `*` for a family (`AGPL-*`).
import spdxSatisfies from 'spdx-satisfies';
import type { DependencyScope } from '../deps/types';
import type { Ecosystem, Severity } from '../../contract/vocabulary';
import { LICENSE_CATEGORY_LABELS, licenseCategory, type LicenseCategory } from './categories';
import { licenseNodes, parseExpression, renderExpression, type NormalizedLicense } from './spdx';

export type FlaggedCategory = Exclude<LicenseCategory, 'permissive'>;

/** A package the policy lets through whatever its license (a bought license, a legal review). */
export interface LicenseException {
  /** Any ecosystem when absent. */
  ecosystem?: Ecosystem;
  /** As extractors normalise it (PEP 503 for PyPI, lower case for NuGet, group:artifact for Maven). */
  name: string;
  /** Any version when absent. */
  version?: string;
  reason?: string;
}

interface PolicyCommon {
  /** Packages used only to develop, test or build are not judged. Default true. */
  ignoreDevScope?: boolean;
  exceptions?: LicenseException[];
}

export type LicensePolicy = PolicyCommon &
  (
    | { mode: 'categories'; flag: Partial<Record<FlaggedCategory, Severity | 'off'>> }
    | { mode: 'allow'; allow: string[]; otherwise: Severity }
    | { mode: 'deny'; deny: string[]; severity: Severity }
  );

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
      const label = LICENSE_CATEGORY_LABELS[category];
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

/** A list entry: an SPDX id (with `+` or WITH), a family (`BSD-*`), or a raw declaration (`UNLICENSED`). */
function entryMatches(entry: string, node: string, id: string): boolean {
  if (entry.endsWith('*')) return id.startsWith(entry.slice(0, -1));
  return entry === node || entry === id;
}

function isSpdxEntry(entry: string): boolean {
  const ast = parseExpression(entry);
  return ast !== undefined && !('conjunction' in ast);
}

/** True when the license can be used under allowed licenses only (a choice needs one allowed option). */
function allowedBy(license: NormalizedLicense, allow: readonly string[]): boolean {
  if (allow.some((entry) => entry.toLowerCase() === license.raw.toLowerCase())) return true;
  const ast = license.expression === undefined ? undefined : parseExpression(license.expression);
  if (!ast) return false;
  const nodes = licenseNodes(ast).map((n) => ({ node: renderExpression(n), id: n.license }));
  const fromFamilies = nodes.filter((n) => allow.some((entry) => entry.endsWith('*') && entryMatches(entry, n.node, n.id))).map((n) => n.node);
  const approved = [...allow.filter(isSpdxEntry), ...fromFamilies];
  return approved.length > 0 && satisfies(license.expression!, approved);
}

/** The denied part that every choice of the license includes, or undefined when one choice avoids the list. */
function deniedBy(license: NormalizedLicense, deny: readonly string[]): string | undefined {
  const rawHit = deny.find((entry) => entry.toLowerCase() === license.raw.toLowerCase());
  if (rawHit) return rawHit;
  const ast = license.expression === undefined ? undefined : parseExpression(license.expression);
  if (!ast) return undefined;
  const nodes = licenseNodes(ast).map((n) => ({ node: renderExpression(n), id: n.license }));
  const isDenied = (n: { node: string; id: string }) => deny.some((entry) => entryMatches(entry, n.node, n.id));
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
