import { DEFAULT_LICENSE_POLICY, judgeLicense, type JudgedPackage, type LicensePolicy } from './policy';
import { normalizeLicense } from './spdx';

const pkg: JudgedPackage = { ecosystem: 'npm', name: 'left-pad', version: '1.3.0' };
const judge = (declared: string, policy: LicensePolicy = DEFAULT_LICENSE_POLICY, p: JudgedPackage = pkg) => judgeLicense(normalizeLicense(declared), p, policy);

describe('the default license policy', () => {
  it('flags network and strong copyleft high, unknown low, and allows the rest', () => {
    expect(judge('AGPL-3.0-only')).toMatchObject({ outcome: 'fail', ruleId: 'LIC-NETWORK-COPYLEFT', severity: 'high' });
    expect(judge('GPL-2.0')).toMatchObject({ outcome: 'fail', ruleId: 'LIC-STRONG-COPYLEFT', severity: 'high' });
    expect(judge('SEE LICENSE IN LICENSE')).toMatchObject({ outcome: 'fail', ruleId: 'LIC-UNKNOWN', severity: 'low' });
    expect(judge('LGPL-3.0-only')).toMatchObject({ outcome: 'pass', category: 'weak-copyleft' });
    expect(judge('UNLICENSED')).toMatchObject({ outcome: 'pass', category: 'proprietary' });
    expect(judge('MIT OR GPL-3.0-only')).toMatchObject({ outcome: 'pass', category: 'permissive' });
  });

  it('ignores dev, test and build scope unless told otherwise', () => {
    expect(judge('AGPL-3.0-only', DEFAULT_LICENSE_POLICY, { ...pkg, scope: 'dev' })).toMatchObject({ outcome: 'not-applicable' });
    expect(judge('AGPL-3.0-only', DEFAULT_LICENSE_POLICY, { ...pkg, scope: 'optional' })).toMatchObject({ outcome: 'fail' });
    expect(judge('AGPL-3.0-only', { ...DEFAULT_LICENSE_POLICY, ignoreDevScope: false }, { ...pkg, scope: 'dev' })).toMatchObject({ outcome: 'fail' });
  });

  it('lets a per-package exception through, for its ecosystem and version only when given', () => {
    const policy: LicensePolicy = { ...DEFAULT_LICENSE_POLICY, exceptions: [{ name: 'left-pad', ecosystem: 'npm', version: '1.3.0', reason: 'bought' }] };
    expect(judge('GPL-3.0-only', policy)).toMatchObject({ outcome: 'not-applicable', why: 'policy exception: bought' });
    expect(judge('GPL-3.0-only', policy, { ...pkg, version: '1.4.0' })).toMatchObject({ outcome: 'fail' });
    expect(judge('GPL-3.0-only', policy, { ...pkg, ecosystem: 'PyPI' })).toMatchObject({ outcome: 'fail' });
  });
});

describe('category policies', () => {
  it('use the severity the policy gives each category, and off', () => {
    const policy: LicensePolicy = { mode: 'categories', flag: { 'weak-copyleft': 'medium', proprietary: 'critical', 'strong-copyleft': 'off' } };
    expect(judge('MPL-2.0', policy)).toMatchObject({ outcome: 'fail', ruleId: 'LIC-WEAK-COPYLEFT', severity: 'medium' });
    expect(judge('UNLICENSED', policy)).toMatchObject({ outcome: 'fail', ruleId: 'LIC-PROPRIETARY', severity: 'critical' });
    expect(judge('BUSL-1.1', policy)).toMatchObject({ outcome: 'fail', ruleId: 'LIC-PROPRIETARY' });
    expect(judge('GPL-3.0-only', policy)).toMatchObject({ outcome: 'pass' });
    expect(judge('Acme', policy)).toMatchObject({ outcome: 'pass', category: 'unknown' });
  });
});

describe('allow-list policies', () => {
  const policy: LicensePolicy = { mode: 'allow', allow: ['mit', 'Apache-2.0', 'BSD-*', 'GPL-3.0', 'UNLICENSED', 'ISC OR Zlib'], otherwise: 'medium' };
  it.each([
    ['MIT', true],
    ['MIT OR GPL-2.0-only', true],
    ['MIT AND GPL-2.0-only', false],
    ['MIT AND Apache-2.0', true],
    ['BSD-3-Clause', true],
    ['BSD-2-Clause OR ISC', true],
    ['ISC', true],
    ['0BSD', false],
    ['MPL-2.0', false],
    ['GPL-2.0-or-later', true], // may be taken under GPL-3.0-only (spdx-satisfies' or-later reading)
    ['UNLICENSED', true],
    ['SEE LICENSE IN LICENSE', false],
    ['Acme Terms', false],
  ])('%s allowed: %s', (declared, allowed) => {
    expect(judge(declared, policy)).toMatchObject(allowed ? { outcome: 'pass' } : { outcome: 'fail', ruleId: 'LIC-NOT-ALLOWED', severity: 'medium' });
  });
});

describe('deny-list policies', () => {
  const policy: LicensePolicy = { mode: 'deny', deny: ['AGPL-*', 'GPL-3.0-only', 'SSPL-1.0'], severity: 'critical' };
  it.each([
    ['AGPL-3.0-or-later', 'AGPL-3.0-or-later'],
    ['GPL-3.0', 'GPL-3.0-only'],
    ['MIT AND GPL-3.0-only', 'GPL-3.0-only'],
    ['SSPL-1.0 OR AGPL-3.0-only', 'SSPL-1.0, AGPL-3.0-only'],
  ])('%s is denied (%s)', (declared, part) => {
    expect(judge(declared, policy)).toMatchObject({ outcome: 'fail', ruleId: 'LIC-DENIED', severity: 'critical', why: `on the deny list (${part})` });
  });
  it.each(['MIT', 'MIT OR GPL-3.0-only', 'GPL-2.0-only', 'Acme Terms', 'UNLICENSED'])('%s is not denied', (declared) => {
    expect(judge(declared, policy)).toMatchObject({ outcome: 'pass' });
  });
});
