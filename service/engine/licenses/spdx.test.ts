import { normalizeLicense } from './spdx';

describe('normalizeLicense', () => {
  it.each([
    ['MIT', 'MIT', ['MIT']],
    ['(MIT OR Apache-2.0)', 'MIT OR Apache-2.0', ['MIT', 'Apache-2.0']],
    ['MIT AND (BSD-3-Clause OR Apache-2.0)', 'MIT AND (BSD-3-Clause OR Apache-2.0)', ['MIT', 'BSD-3-Clause', 'Apache-2.0']],
    ['(MIT AND ISC) OR Apache-2.0', 'MIT AND ISC OR Apache-2.0', ['MIT', 'ISC', 'Apache-2.0']],
    ['GPL-3.0-only WITH Classpath-exception-2.0', 'GPL-3.0-only WITH Classpath-exception-2.0', ['GPL-3.0-only']],
    ['mit or apache-2.0', 'MIT OR Apache-2.0', ['MIT', 'Apache-2.0']],
    ['LicenseRef-Acme AND MIT', 'LicenseRef-Acme AND MIT', ['LicenseRef-Acme', 'MIT']],
  ])('reads the valid expression %j exactly, not guessed', (raw, expression, ids) => {
    expect(normalizeLicense(raw)).toEqual({ expression, ids, guessed: false, raw, kind: 'spdx' });
  });

  it.each([
    ['GPL-2.0', 'GPL-2.0-only'],
    ['GPL-2.0+', 'GPL-2.0-or-later'],
    ['LGPL-2.1+', 'LGPL-2.1-or-later'],
    ['AGPL-3.0', 'AGPL-3.0-only'],
    ['GPL-2.0-with-classpath-exception', 'GPL-2.0-only WITH Classpath-exception-2.0'],
    ['GPL-3.0-with-GCC-exception', 'GPL-3.0-only WITH GCC-exception-3.1'],
    ['BSD-2-Clause-FreeBSD', 'BSD-2-Clause-Views'],
    ['wxWindows', 'GPL-2.0-or-later WITH WxWindows-exception-3.1'],
    ['MIT OR GPL-3.0', 'MIT OR GPL-3.0-only'],
    ['Apache-2.0+', 'Apache-2.0+'],
  ])('maps the deprecated or `+` form %j to %j without guessing', (raw, expression) => {
    const got = normalizeLicense(raw);
    expect(got).toMatchObject({ expression, guessed: false, kind: 'spdx' });
  });

  it.each([
    ['Apache 2', 'Apache-2.0'],
    ['Apache License 2.0', 'Apache-2.0'],
    ['MIT/X11', 'MIT'],
    ['BSD', 'BSD-2-Clause'],
    ['GPLv3', 'GPL-3.0-or-later'],
    ['MIT / Apache 2', 'MIT OR Apache-2.0'],
    ['Apache 2, MIT', 'Apache-2.0 OR MIT'],
    ['Public Domain', 'Unlicense'],
  ])('corrects %j into %j and marks it guessed', (raw, expression) => {
    expect(normalizeLicense(raw)).toMatchObject({ expression, guessed: true, kind: 'spdx', raw });
  });

  it('reads UNLICENSED as proprietary, never as the Unlicense', () => {
    for (const raw of ['UNLICENSED', 'unlicensed', 'Proprietary', 'Commercial', 'All rights reserved']) {
      const got = normalizeLicense(raw);
      expect(got).toEqual({ ids: [], guessed: false, raw, kind: 'proprietary' });
    }
    // ...while the Unlicense itself is an ordinary SPDX id.
    expect(normalizeLicense('Unlicense')).toMatchObject({ expression: 'Unlicense', kind: 'spdx', guessed: false });
  });

  it('reads SEE LICENSE IN <file> and LicenseRef-only expressions as custom', () => {
    expect(normalizeLicense('SEE LICENSE IN LICENSE.txt')).toEqual({ ids: [], guessed: false, raw: 'SEE LICENSE IN LICENSE.txt', kind: 'custom' });
    expect(normalizeLicense('LicenseRef-Acme-EULA')).toMatchObject({ expression: 'LicenseRef-Acme-EULA', kind: 'custom' });
  });

  it('reads the old package.json shapes: {type, url} and lists of them (a choice)', () => {
    expect(normalizeLicense({ type: 'MIT', url: 'https://x.test/LICENSE' })).toMatchObject({ expression: 'MIT', kind: 'spdx', raw: 'MIT' });
    expect(normalizeLicense([{ type: 'MIT' }, { type: 'GPL-2.0' }])).toMatchObject({ expression: 'MIT OR GPL-2.0-only', ids: ['MIT', 'GPL-2.0-only'], guessed: false });
    expect(normalizeLicense(['Apache 2', 'MIT'])).toMatchObject({ expression: 'Apache-2.0 OR MIT', guessed: true });
    expect(normalizeLicense([{ type: 'MIT' }, { type: 'Acme Special' }])).toMatchObject({ expression: 'MIT', guessed: true });
    expect(normalizeLicense([])).toMatchObject({ kind: 'unknown', raw: '' });
    expect(normalizeLicense({ url: 'https://x.test' })).toMatchObject({ kind: 'unknown' });
  });

  it('reads PyPI classifiers', () => {
    expect(normalizeLicense('License :: OSI Approved :: MIT License')).toMatchObject({ expression: 'MIT', guessed: false, kind: 'spdx' });
    expect(normalizeLicense('License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)')).toMatchObject({ expression: 'GPL-3.0-or-later', guessed: false });
    expect(normalizeLicense('License :: OSI Approved :: Apache Software License')).toMatchObject({ expression: 'Apache-2.0', guessed: true });
    expect(normalizeLicense(['License :: OSI Approved :: MIT License', 'License :: OSI Approved :: Apache Software License'])).toMatchObject({
      expression: 'MIT OR Apache-2.0',
      guessed: true,
    });
    expect(normalizeLicense('License :: Other/Proprietary License')).toMatchObject({ kind: 'proprietary' });
    expect(normalizeLicense('License :: OSI Approved')).toMatchObject({ kind: 'unknown' });
  });

  it('reads single ids only when asked (a scan past its budget of distinct declarations)', () => {
    expect(normalizeLicense('Apache License 2.0 (custom build)', { idsOnly: true })).toMatchObject({ kind: 'unknown' });
    expect(normalizeLicense('mit', { idsOnly: true })).toMatchObject({ expression: 'MIT', guessed: false });
    expect(normalizeLicense('GPL-2.0', { idsOnly: true })).toMatchObject({ expression: 'GPL-2.0-only', guessed: false });
    expect(normalizeLicense('MIT OR ISC AND Zlib', { idsOnly: true })).toMatchObject({ kind: 'unknown' });
    expect(normalizeLicense('Apache 2')).toMatchObject({ expression: 'Apache-2.0', guessed: true });
    // Known (cached) declarations keep their reading.
    expect(normalizeLicense('Apache 2', { idsOnly: true })).toMatchObject({ expression: 'Apache-2.0', guessed: true });
  });

  it('gives unknown for what names no license, and never throws', () => {
    for (const raw of ['', 'UNKNOWN', 'none', 'see license', 'Acme Special Terms v7', 42, null, undefined, [[[['MIT']]]]]) {
      expect(normalizeLicense(raw).kind).toBe('unknown');
    }
    // Broken expressions spdx-correct can still read are guesses, flagged as such.
    expect(normalizeLicense('MIT OR')).toMatchObject({ expression: 'MIT', guessed: true });
    expect(normalizeLicense('((MIT')).toMatchObject({ expression: 'MIT', guessed: true });
    expect(normalizeLicense('x'.repeat(100_000))).toEqual({ ids: [], guessed: false, raw: 'x'.repeat(500), kind: 'unknown' });
    // Parsing grows faster than the text: a declaration longer than any real one is not parsed.
    expect(normalizeLicense(`${'MIT OR '.repeat(100)}MIT`)).toMatchObject({ kind: 'unknown' });
    expect(normalizeLicense(`${'('.repeat(600)}MIT`)).toMatchObject({ kind: 'unknown' });
    expect(normalizeLicense(`${'('.repeat(20)}MIT${')'.repeat(20)}`)).toMatchObject({ kind: 'unknown' });
    expect(normalizeLicense(`${'MIT OR '.repeat(40)}MIT`)).toMatchObject({ kind: 'unknown' });
    expect(normalizeLicense('((MIT OR ISC) AND (Apache-2.0 OR (BSD-2-Clause AND Zlib)))')).toMatchObject({ kind: 'spdx', guessed: false });
  });
});
