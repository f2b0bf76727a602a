import spdxIds from 'spdx-license-ids/index.json';
import { idCategory, LICENSE_CATEGORIES, licenseCategory } from './categories';
import { normalizeLicense } from './spdx';

const categoryOf = (declared: string) => licenseCategory(normalizeLicense(declared));

describe('license categories', () => {
  it.each([
    ['MIT', 'permissive'],
    ['Apache-2.0', 'permissive'],
    ['BSD-3-Clause', 'permissive'],
    ['Unlicense', 'permissive'],
    ['CC0-1.0', 'permissive'],
    ['OLDAP-2.8', 'permissive'],
    ['LGPL-2.1-only', 'weak-copyleft'],
    ['MPL-2.0', 'weak-copyleft'],
    ['EPL-2.0', 'weak-copyleft'],
    ['CDDL-1.1', 'weak-copyleft'],
    ['GPL-2.0-only', 'strong-copyleft'],
    ['GPL-3.0-or-later', 'strong-copyleft'],
    ['GPL-1.0-or-later', 'strong-copyleft'],
    ['EUPL-1.2', 'strong-copyleft'],
    ['AGPL-3.0-only', 'network-copyleft'],
    ['AGPL-1.0-or-later', 'network-copyleft'],
    ['SSPL-1.0', 'network-copyleft'],
    ['BUSL-1.1', 'proprietary'],
    ['CC-BY-NC-3.0', 'proprietary'],
    ['CC-BY-NC-SA-2.0-UK', 'proprietary'],
    ['CC-BY-ND-3.0', 'proprietary'],
    ['CC-BY-SA-3.0', 'strong-copyleft'],
    ['CC-BY-2.5', 'permissive'],
    ['LicenseRef-Acme', 'unknown'],
    ['Glide', 'unknown'],
  ])('%s is %s', (id, category) => {
    expect(idCategory(id)).toBe(category);
  });

  it('gives every current SPDX id a category from the six, and most a known one', () => {
    const categories = spdxIds.map(idCategory);
    expect(categories.every((c) => (LICENSE_CATEGORIES as readonly string[]).includes(c))).toBe(true);
    // The common families are covered by the table and the rules; the long tail is honestly unknown.
    expect(categories.filter((c) => c !== 'unknown').length).toBeGreaterThan(300);
  });

  it('takes the most permissive choice of an OR and the most restrictive part of an AND', () => {
    expect(categoryOf('MIT OR GPL-3.0-only')).toBe('permissive');
    expect(categoryOf('GPL-3.0-only OR AGPL-3.0-only')).toBe('strong-copyleft');
    expect(categoryOf('MIT AND GPL-3.0-only')).toBe('strong-copyleft');
    expect(categoryOf('MIT AND (LGPL-2.1-only OR AGPL-3.0-only)')).toBe('weak-copyleft');
    expect(categoryOf('MIT OR LicenseRef-Acme')).toBe('permissive');
    expect(categoryOf('MIT AND LicenseRef-Acme')).toBe('unknown');
  });

  it('softens a GPL with a linking exception to weak copyleft, but not with any exception', () => {
    expect(categoryOf('GPL-2.0-only WITH Classpath-exception-2.0')).toBe('weak-copyleft');
    expect(categoryOf('GPL-2.0-with-classpath-exception')).toBe('weak-copyleft');
    expect(categoryOf('GPL-3.0-or-later WITH GCC-exception-3.1')).toBe('weak-copyleft');
    expect(categoryOf('Apache-2.0 WITH LLVM-exception')).toBe('permissive');
    expect(categoryOf('GPL-2.0-only WITH Texinfo-exception')).toBe('strong-copyleft');
  });

  it('reads declarations that are not expressions', () => {
    expect(categoryOf('UNLICENSED')).toBe('proprietary');
    expect(categoryOf('SEE LICENSE IN EULA.md')).toBe('unknown');
    expect(categoryOf('Acme Terms')).toBe('unknown');
    expect(categoryOf('GPLv2+')).toBe('strong-copyleft');
  });
});
