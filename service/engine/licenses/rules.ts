// The license rules: metadata and examples. Each example is a small repository (a lockfile or a
// requirements file, maybe registry metadata and a policy) scanned by the real licenses scanner; a
// rule's severity is the default the organization's policy overrides.
import type { RuleMeta, RuleUnit } from '../types';
import { example, packageLock, type LockPackage } from '../deps/risk/examples';
import type { LicensePolicy } from './policy';

const SPDX_LIST = 'https://spdx.org/licenses/';

function rule(id: string, title: string, severity: RuleMeta['severity'], description: string, remediation: string): RuleMeta {
  return {
    id,
    title,
    severity,
    confidence: 'high',
    category: 'license',
    description: `${description} The severity is the policy's: the default policy flags network and strong copyleft high and unknown licenses low outside dev scope, and allows the rest; an organization sets its own in Settings.`,
    remediation,
    helpUri: SPDX_LIST,
    tags: ['license', 'dependencies'],
  };
}

const REPLACE = 'Replace the package with one under a license your policy allows, or obtain a commercial license and add a policy exception for the package.';

export const LICENSE_RULE_METAS: readonly RuleMeta[] = [
  rule(
    'LIC-NETWORK-COPYLEFT',
    'Dependency under a network copyleft license (AGPL, SSPL)',
    'high',
    'The package is licensed under a network copyleft license (AGPL, SSPL, RPL, OSL): offering the software to users over a network obliges you to publish the source of the whole service.',
    REPLACE,
  ),
  rule(
    'LIC-STRONG-COPYLEFT',
    'Dependency under a strong copyleft license (GPL)',
    'high',
    'The package is licensed under a strong copyleft license (GPL, EUPL, CC-BY-SA): distributing a program that includes it obliges you to release the program under the same license. A GPL with a linking exception (Classpath, GCC runtime) counts as weak copyleft.',
    REPLACE,
  ),
  rule(
    'LIC-WEAK-COPYLEFT',
    'Dependency under a weak copyleft license (LGPL, MPL, EPL)',
    'medium',
    'The package is licensed under a weak copyleft license (LGPL, MPL, EPL, CDDL): changes to the package itself must be published under its license, and static linking may carry obligations.',
    'Use the package unmodified and dynamically linked where its license asks for it, or replace it; add a policy exception once reviewed.',
  ),
  rule(
    'LIC-PROPRIETARY',
    'Dependency under a proprietary or non-commercial license',
    'medium',
    'The package declares no open-source license (UNLICENSED, proprietary, commercial) or one that forbids commercial use or derivatives (BUSL, Elastic, PolyForm, CC-BY-NC, CC-BY-ND).',
    'Check that your organization holds a license for the package, then add a policy exception; otherwise replace it.',
  ),
  rule(
    'LIC-UNKNOWN',
    'Dependency with an unknown or custom license',
    'low',
    'The package declares a license Vigil cannot classify: a custom text (SEE LICENSE IN <file>, LicenseRef-…), a name no SPDX id matches, or a registry placeholder such as UNKNOWN. A package whose lockfile and registry metadata record no license at all is reported as not available (the data is missing), not as a finding.',
    "Read the package's license and add a policy exception when it suits you, or ask the maintainers to declare an SPDX expression.",
  ),
  rule(
    'LIC-DENIED',
    'Dependency under a license on the deny list',
    'high',
    "The package's license is on the organization's deny list, and it offers no choice of a license that is not.",
    REPLACE,
  ),
  rule(
    'LIC-NOT-ALLOWED',
    'Dependency under a license not on the allow list',
    'medium',
    "The organization allows only the licenses on its allow list, and the package's license is not one of them (for a choice, no option is).",
    `${REPLACE} If the license is acceptable, add it to the allow list.`,
  ),
];

export const LICENSE_RULES: readonly RuleMeta[] = LICENSE_RULE_METAS;

export function licenseRuleMeta(id: string): RuleMeta {
  const meta = LICENSE_RULE_METAS.find((m) => m.id === id);
  if (!meta) throw new Error(`no license rule ${id}`);
  return meta;
}

// ---- examples ----

const lockWith = (packages: Record<string, LockPackage>, extra: { policy?: LicensePolicy; metadata?: Record<string, { license?: string }> } = {}): string =>
  example({ files: { 'package.json': '{ "name": "storefront", "version": "1.0.0" }\n', 'package-lock.json': packageLock(packages) }, ...extra });

const requirementsWith = (text: string, metadata: Record<string, { license?: string }>, policy?: LicensePolicy): string =>
  example({ files: { 'requirements.txt': text }, metadata, ...(policy ? { policy } : {}) });

/** A composer.lock holding these packages (license arrays are alternatives). */
const composerLock = (packages: Record<string, { version: string; license: string[] }>, dev: Record<string, { version: string; license: string[] }> = {}): string => {
  const list = (p: typeof packages) =>
    Object.entries(p).map(([name, { version, license }]) => ({
      name,
      version,
      source: { type: 'git', url: `https://github.com/${name}.git`, reference: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678' },
      type: 'library',
      license,
    }));
  return `${JSON.stringify({ _readme: ['This file locks the dependencies of your project to a known state'], 'content-hash': 'e3b0c44298fc1c149afbf4c8996fb924', packages: list(packages), 'packages-dev': list(dev), 'plugin-api-version': '2.6.0' }, null, 4)}\n`;
};

const composerWith = (packages: Record<string, { version: string; license: string[] }>, dev: Record<string, { version: string; license: string[] }> = {}): string =>
  example({ files: { 'composer.json': '{ "name": "acme/shop", "require": {} }\n', 'composer.lock': composerLock(packages, dev) } });

const weakFlagged: LicensePolicy = { mode: 'categories', flag: { 'weak-copyleft': 'medium', 'strong-copyleft': 'high', 'network-copyleft': 'high' } };
const proprietaryFlagged: LicensePolicy = { mode: 'categories', flag: { proprietary: 'medium' } };
const denyList: LicensePolicy = { mode: 'deny', deny: ['AGPL-*', 'GPL-3.0-only', 'SSPL-1.0'], severity: 'high' };
const allowList: LicensePolicy = { mode: 'allow', allow: ['MIT', 'ISC', 'Apache-2.0', 'BSD-*'], otherwise: 'medium' };

const EXAMPLES: Record<string, RuleUnit['examples']> = {
  'LIC-NETWORK-COPYLEFT': {
    mustFlag: [
      lockWith({ 'mongo-adapter': { version: '2.1.0', license: 'AGPL-3.0-only' } }),
      lockWith({ 'search-engine': { version: '7.10.2', license: 'SSPL-1.0' } }),
      lockWith({ 'pdf-render': { version: '4.0.1', license: 'MIT AND AGPL-3.0-or-later' } }),
      lockWith({ 'grid-server': { version: '1.0.0' } }, { metadata: { 'npm:grid-server@1.0.0': { license: 'AGPL-3.0' } } }),
      requirementsWith('flask==3.0.0\nghostscript-wrapper==0.9.1\n', {
        'PyPI:flask@3.0.0': { license: 'BSD-3-Clause' },
        'PyPI:ghostscript-wrapper@0.9.1': { license: 'License :: OSI Approved :: GNU Affero General Public License v3' },
      }),
    ],
    mustNotFlag: [
      lockWith({ 'left-pad': { version: '1.3.0', license: 'MIT' } }),
      lockWith({ 'dual-db': { version: '3.2.0', license: '(MIT OR AGPL-3.0-only)' } }),
      lockWith({ 'mongo-adapter': { version: '2.1.0', license: 'AGPL-3.0-only', dev: true } }),
      lockWith({ 'mongo-adapter': { version: '2.1.0', license: 'AGPL-3.0-only' } }, { policy: { mode: 'categories', flag: { 'network-copyleft': 'high' }, exceptions: [{ name: 'mongo-adapter', reason: 'commercial license bought' }] } }),
    ],
  },
  'LIC-STRONG-COPYLEFT': {
    mustFlag: [
      lockWith({ 'readline-sync': { version: '1.4.10', license: 'GPL-3.0-only' } }),
      lockWith({ 'old-parser': { version: '0.2.1', license: 'GPL-2.0+' } }),
      lockWith({ 'old-parser': { version: '0.2.1', license: 'GPLv2' } }),
      lockWith({ legacy: { version: '1.0.0', license: { type: 'GPL-2.0', url: 'https://www.gnu.org/licenses/gpl-2.0.html' } } }),
      requirementsWith('pyqt5==5.15.10\n', { 'PyPI:pyqt5@5.15.10': { license: 'License :: OSI Approved :: GNU General Public License v3 (GPLv3)' } }),
      composerWith({ 'phpmailer/phpmailer': { version: 'v6.9.1', license: ['LGPL-2.1-only'] }, 'acme/gpl-widgets': { version: '2.3.0', license: ['GPL-2.0-or-later'] } }),
    ],
    mustNotFlag: [
      lockWith({ 'java-bridge': { version: '2.0.0', license: 'GPL-2.0-only WITH Classpath-exception-2.0' } }),
      lockWith({ 'jszip-like': { version: '3.10.1', license: '(MIT OR GPL-3.0-or-later)' } }),
      lockWith({ 'lgpl-lib': { version: '1.0.0', license: 'LGPL-3.0-only' } }),
      lockWith({ 'eslint-plugin-gpl': { version: '1.0.0', license: 'GPL-3.0-only', dev: true } }),
      composerWith({ 'acme/dual': { version: '1.0.0', license: ['MIT', 'GPL-3.0-only'] } }, { 'acme/gpl-dev-tool': { version: '2.0.0', license: ['GPL-3.0-only'] } }),
    ],
  },
  'LIC-WEAK-COPYLEFT': {
    mustFlag: [
      lockWith({ 'web-ext-lib': { version: '2.0.0', license: 'MPL-2.0' } }, { policy: weakFlagged }),
      lockWith({ 'lgpl-lib': { version: '1.0.0', license: 'LGPL-2.1' } }, { policy: weakFlagged }),
      lockWith({ 'java-bridge': { version: '2.0.0', license: 'GPL-2.0-with-classpath-exception' } }, { policy: weakFlagged }),
      requirementsWith('certifi==2024.2.2\n', { 'PyPI:certifi@2024.2.2': { license: 'MPL-2.0' } }, weakFlagged),
    ],
    mustNotFlag: [
      lockWith({ 'web-ext-lib': { version: '2.0.0', license: 'MPL-2.0' } }),
      lockWith({ 'web-ext-lib': { version: '2.0.0', license: 'MPL-2.0 OR Apache-2.0' } }, { policy: weakFlagged }),
      lockWith({ 'left-pad': { version: '1.3.0', license: 'MIT' } }, { policy: weakFlagged }),
    ],
  },
  'LIC-PROPRIETARY': {
    mustFlag: [
      lockWith({ '@acme/internal-sdk': { version: '4.2.0', license: 'UNLICENSED' } }, { policy: proprietaryFlagged }),
      lockWith({ 'hashicorp-like': { version: '1.6.0', license: 'BUSL-1.1' } }, { policy: proprietaryFlagged }),
      lockWith({ 'chart-pro': { version: '9.0.0', license: 'CC-BY-NC-4.0' } }, { policy: proprietaryFlagged }),
      requirementsWith('acme-client==2.0.0\n', { 'PyPI:acme-client@2.0.0': { license: 'License :: Other/Proprietary License' } }, proprietaryFlagged),
    ],
    mustNotFlag: [
      // spdx-correct would read UNLICENSED as the Unlicense; the Unlicense itself is public domain.
      lockWith({ 'public-thing': { version: '1.0.0', license: 'Unlicense' } }, { policy: proprietaryFlagged }),
      lockWith({ '@acme/internal-sdk': { version: '4.2.0', license: 'UNLICENSED' } }),
      lockWith({ 'chart-lite': { version: '9.0.0', license: 'CC-BY-4.0' } }, { policy: proprietaryFlagged }),
    ],
  },
  'LIC-UNKNOWN': {
    mustFlag: [
      lockWith({ 'vendor-widget': { version: '3.1.0', license: 'SEE LICENSE IN LICENSE.txt' } }),
      lockWith({ 'odd-terms': { version: '0.0.3', license: 'Acme Fair Use Terms' } }),
      lockWith({ 'ref-only': { version: '1.0.0', license: 'LicenseRef-Acme-EULA' } }),
      requirementsWith('legacy-tool==1.0\n', { 'PyPI:legacy-tool@1.0': { license: 'UNKNOWN' } }),
    ],
    mustNotFlag: [
      lockWith({ 'left-pad': { version: '1.3.0', license: 'MIT' } }),
      lockWith({ 'vendor-widget': { version: '3.1.0', license: 'SEE LICENSE IN LICENSE.txt', dev: true } }),
      lockWith({ 'apache-thing': { version: '2.0.0', license: 'Apache 2' } }),
    ],
    notAvailable: [
      lockWith({ 'no-license-recorded': { version: '1.0.0' } }),
      lockWith({ 'no-license-recorded': { version: '1.0.0' } }, { metadata: { 'npm:something-else@1.0.0': { license: 'MIT' } } }),
    ],
  },
  'LIC-DENIED': {
    mustFlag: [
      lockWith({ 'mongo-adapter': { version: '2.1.0', license: 'AGPL-3.0-or-later' } }, { policy: denyList }),
      lockWith({ 'readline-sync': { version: '1.4.10', license: 'GPL-3.0' } }, { policy: denyList }),
      lockWith({ both: { version: '1.0.0', license: 'MIT AND SSPL-1.0' } }, { policy: denyList }),
    ],
    mustNotFlag: [
      lockWith({ 'jszip-like': { version: '3.10.1', license: 'MIT OR GPL-3.0-only' } }, { policy: denyList }),
      lockWith({ 'old-parser': { version: '0.2.1', license: 'GPL-2.0-only' } }, { policy: denyList }),
      lockWith({ 'mongo-adapter': { version: '2.1.0', license: 'AGPL-3.0-only', dev: true } }, { policy: denyList }),
    ],
  },
  'LIC-NOT-ALLOWED': {
    mustFlag: [
      lockWith({ 'web-ext-lib': { version: '2.0.0', license: 'MPL-2.0' } }, { policy: allowList }),
      lockWith({ both: { version: '1.0.0', license: 'MIT AND Zlib' } }, { policy: allowList }),
      lockWith({ 'vendor-widget': { version: '3.1.0', license: 'SEE LICENSE IN LICENSE.txt' } }, { policy: allowList }),
    ],
    mustNotFlag: [
      lockWith({ 'left-pad': { version: '1.3.0', license: 'MIT' } }, { policy: allowList }),
      lockWith({ 'bsd-thing': { version: '1.0.0', license: 'BSD-3-Clause' } }, { policy: allowList }),
      lockWith({ choice: { version: '1.0.0', license: '(GPL-3.0-only OR Apache-2.0)' } }, { policy: allowList }),
    ],
    notAvailable: [lockWith({ 'no-license-recorded': { version: '1.0.0' } }, { policy: allowList })],
  },
};

export const LICENSE_UNITS: readonly RuleUnit[] = LICENSE_RULE_METAS.map((meta) => ({ meta, examples: EXAMPLES[meta.id] }));
