// What a license obliges a user to, in six categories a policy can act on: a table of the common
// ids, rules by family for the rest, and the categories of whole expressions (a choice takes the
// most permissive option, a conjunction the most restrictive part; a linking exception softens a
// GPL to weak copyleft).
import type parseSpdx from 'spdx-expression-parse';
import { LICENSE_CATEGORIES, LICENSE_CATEGORY_LABELS, type LicenseCategory } from '../../contract/vocabulary';
import { parseExpression } from './spdx';
import type { NormalizedLicense } from './spdx';

export { LICENSE_CATEGORIES, LICENSE_CATEGORY_LABELS, type LicenseCategory };

/**
 * Most permissive first. Unknown ranks below proprietary: a choice between a known license and an
 * unreadable one takes the known one, and a conjunction with an unreadable part is unknown as a whole.
 */
const RANK: Record<LicenseCategory, number> = {
  permissive: 0,
  'weak-copyleft': 1,
  'strong-copyleft': 2,
  'network-copyleft': 3,
  proprietary: 4,
  unknown: 5,
};

const P = 'permissive';
const W = 'weak-copyleft';
const S = 'strong-copyleft';
const N = 'network-copyleft';
const X = 'proprietary';

/** The common ids, checked one by one. Public-domain dedications count as permissive. */
const BY_ID: Readonly<Record<string, LicenseCategory>> = {
  MIT: P, 'MIT-0': P, ISC: P, '0BSD': P, 'BSD-1-Clause': P, 'BSD-2-Clause': P, 'BSD-2-Clause-Patent': P, 'BSD-2-Clause-Views': P,
  'BSD-3-Clause': P, 'BSD-3-Clause-Clear': P, 'BSD-4-Clause': P, 'Apache-1.0': P, 'Apache-1.1': P, 'Apache-2.0': P, Zlib: P,
  'zlib-acknowledgement': P, 'BSL-1.0': P, 'PSF-2.0': P, 'Python-2.0': P, 'Python-2.0.1': P, X11: P, PostgreSQL: P, NCSA: P,
  OpenSSL: P, 'OpenSSL-standalone': P, curl: P, Libpng: P, 'libpng-2.0': P, 'Unicode-DFS-2015': P, 'Unicode-DFS-2016': P,
  'Unicode-3.0': P, 'BlueOak-1.0.0': P, 'CC-BY-3.0': P, 'CC-BY-4.0': P, 'AFL-2.1': P, 'AFL-3.0': P, 'Artistic-1.0': P,
  'Artistic-2.0': P, 'UPL-1.0': P, 'MulanPSL-2.0': P, 'ECL-2.0': P, 'EFL-2.0': P, HPND: P, ICU: P, NTP: P, 'bzip2-1.0.6': P,
  Beerware: P, 'PHP-3.0': P, 'PHP-3.01': P, 'ZPL-2.0': P, 'ZPL-2.1': P, W3C: P, 'W3C-20150513': P, JSON: P, Ruby: P, Vim: P,
  'OFL-1.1': P, 'CECILL-B': P, 'MS-PL': P, 'BSD-Source-Code': P,
  Unlicense: P, 'CC0-1.0': P, WTFPL: P, 'CC-PDDC': P, 'CC-PDM-1.0': P, 'PDDL-1.0': P, blessing: P,
  'MPL-1.0': W, 'MPL-1.1': W, 'MPL-2.0': W, 'MPL-2.0-no-copyleft-exception': W, 'EPL-1.0': W, 'EPL-2.0': W, 'CDDL-1.0': W,
  'CDDL-1.1': W, 'CPL-1.0': W, 'MS-RL': W, 'APSL-2.0': W, 'IPL-1.0': W, 'CECILL-C': W, 'CPAL-1.0': W, 'ODbL-1.0': W, 'NPL-1.1': W,
  'LGPL-2.0-only': W, 'LGPL-2.0-or-later': W, 'LGPL-2.1-only': W, 'LGPL-2.1-or-later': W, 'LGPL-3.0-only': W, 'LGPL-3.0-or-later': W,
  'GPL-2.0-only': S, 'GPL-2.0-or-later': S, 'GPL-3.0-only': S, 'GPL-3.0-or-later': S, 'EUPL-1.1': S, 'EUPL-1.2': S,
  'CECILL-2.1': S, Sleepycat: S, 'CC-BY-SA-4.0': S, 'QPL-1.0': S,
  'AGPL-3.0-only': N, 'AGPL-3.0-or-later': N, 'SSPL-1.0': N, 'RPL-1.5': N, 'OSL-3.0': N,
  'BUSL-1.1': X, 'Elastic-2.0': X, 'PolyForm-Noncommercial-1.0.0': X, 'PolyForm-Small-Business-1.0.0': X, 'CC-BY-NC-4.0': X,
  'CC-BY-NC-SA-4.0': X, 'CC-BY-NC-ND-4.0': X, 'CC-BY-ND-4.0': X,
};

/** Families of ids, tried in order after the table (GPL after AGPL and LGPL, CC-BY after its NC/ND/SA variants). */
const BY_FAMILY: readonly (readonly [RegExp, LicenseCategory])[] = [
  [/^AGPL-/, N],
  [/^SSPL/, N],
  [/^RPL-/, N],
  [/^OSL-/, N],
  [/^LGPL/, W],
  [/^GPL-/, S],
  [/^GFDL-/, S],
  [/^EUPL-/, S],
  [/^MPL-/, W],
  [/^EPL-/, W],
  [/^CDDL-/, W],
  [/^CECILL-C$/, W],
  [/^CECILL-B$/, P],
  [/^CECILL-/, S],
  [/^(NPL|CPL|APSL|MS-RL|IPL|CPAL)-?/, W],
  [/^BUSL-/, X],
  [/^PolyForm-/, X],
  [/^Elastic-/, X],
  [/^CC-BY-NC/, X],
  [/^CC-BY-ND/, X],
  [/^CC-BY-SA/, S],
  [/^CC-SA/, S],
  [/^CC-BY-/, P],
  [/^CC0-/, P],
  [/^(MIT|BSD|Apache|AFL|Artistic|ZPL|OLDAP|Unicode|HPND|X11|PSF|Python|MulanPSL|OFL|W3C|ECL|EFL|libpng|Zlib|zlib)\b/, P],
];

/**
 * Exceptions that let a copyleft library be linked without the copyleft reaching the program (GCC
 * runtime, Classpath, the Linux syscall note, font embedding...): a GPL with one is weak copyleft.
 */
const LINKING_EXCEPTIONS: ReadonlySet<string> = new Set([
  'Classpath-exception-2.0',
  'LLVM-exception',
  'GCC-exception-2.0',
  'GCC-exception-2.0-note',
  'GCC-exception-3.1',
  'Linux-syscall-note',
  'Autoconf-exception-2.0',
  'Autoconf-exception-3.0',
  'Autoconf-exception-generic',
  'Autoconf-exception-generic-3.0',
  'Bison-exception-1.24',
  'Bison-exception-2.2',
  'Font-exception-2.0',
  'OpenJDK-assembly-exception-1.0',
  'WxWindows-exception-3.1',
  'eCos-exception-2.0',
  'Libtool-exception',
  'GPL-3.0-linking-exception',
  'GPL-3.0-linking-source-exception',
  'LGPL-3.0-linking-exception',
  'Qt-LGPL-exception-1.1',
  'Qt-GPL-exception-1.0',
  'Universal-FOSS-exception-1.0',
  'freertos-exception-2.0',
  'GNAT-exception',
  'SWI-exception',
  'mif-exception',
  'GPL-CC-1.0',
  'GNU-compiler-exception',
]);

/** One id's category (LicenseRef-… and ids Vigil does not know: unknown). */
export function idCategory(id: string): LicenseCategory {
  const direct = BY_ID[id];
  if (direct) return direct;
  if (/^(LicenseRef|DocumentRef)-/.test(id)) return 'unknown';
  for (const [pattern, category] of BY_FAMILY) if (pattern.test(id)) return category;
  return 'unknown';
}

type Ast = parseSpdx.Info;

/** The category of a parsed expression. */
export function expressionCategory(ast: Ast): LicenseCategory {
  if ('conjunction' in ast) {
    const left = expressionCategory(ast.left);
    const right = expressionCategory(ast.right);
    const pickLeft = ast.conjunction === 'or' ? RANK[left] <= RANK[right] : RANK[left] >= RANK[right];
    return pickLeft ? left : right;
  }
  const category = idCategory(ast.license);
  if (ast.exception && LINKING_EXCEPTIONS.has(ast.exception) && category === 'strong-copyleft') return 'weak-copyleft';
  return category;
}

const byExpression = new Map<string, LicenseCategory>();

/** The category of a normalised license (proprietary and custom declarations included). */
export function licenseCategory(license: NormalizedLicense): LicenseCategory {
  if (license.kind === 'proprietary') return 'proprietary';
  if (license.expression === undefined) return 'unknown';
  let category = byExpression.get(license.expression);
  if (category === undefined) {
    const ast = parseExpression(license.expression);
    category = ast ? expressionCategory(ast) : 'unknown';
    if (byExpression.size >= 10_000) byExpression.clear();
    byExpression.set(license.expression, category);
  }
  return category;
}

/** The more restrictive of two categories (unknown counts as the most restrictive). */
export function moreRestrictive(a: LicenseCategory, b: LicenseCategory): LicenseCategory {
  return RANK[a] >= RANK[b] ? a : b;
}
