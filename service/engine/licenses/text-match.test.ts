import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import spdxFull from 'spdx-license-list/full';
import spdxDeprecated from 'spdx-license-ids/deprecated.json';
import spdxIds from 'spdx-license-ids/index.json';
import { identifyLicenseText, LICENSE_FILE_NAME, MATCH_MARGIN, MATCH_THRESHOLD, TEXT_MATCH_IDS } from './text-match';

const file = (name: string) => readFileSync(join(__dirname, 'testdata', 'license-files', name), 'utf8');
const spdxText = (id: string) => spdxFull[id].licenseText;

describe('identifyLicenseText', () => {
  it('restricts itself to about 40 common, current SPDX ids', () => {
    expect(TEXT_MATCH_IDS.length).toBeGreaterThanOrEqual(35);
    expect(TEXT_MATCH_IDS.length).toBeLessThanOrEqual(50);
    for (const id of TEXT_MATCH_IDS) {
      expect(spdxIds).toContain(id);
      expect(spdxDeprecated).not.toContain(id);
    }
  });

  it.each([
    ['mit.LICENSE', 'MIT'],
    ['isc.LICENSE', 'ISC'],
    ['0bsd.LICENSE', '0BSD'],
    ['bsd2.LICENSE', 'BSD-2-Clause'],
    ['bsd3.LICENSE', 'BSD-3-Clause'],
  ])('identifies %s as %s, above the threshold and ahead of the runner-up', async (name, id) => {
    const got = await identifyLicenseText(file(name));
    expect(got).toMatchObject({ id, kind: 'spdx' });
    expect(got.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(got.score - got.runnerUp!.score).toBeGreaterThanOrEqual(MATCH_MARGIN);
  });

  it('keeps the near-ties of DEPENDENCIES.md §6 apart: ISC vs 0BSD, Apache vs Pixar, BSD-3 vs BSD-3-Clause-HP', async () => {
    const isc = await identifyLicenseText(file('isc.LICENSE'));
    expect(isc.runnerUp?.id).toBe('0BSD');
    const zero = await identifyLicenseText(file('0bsd.LICENSE'));
    expect(zero.runnerUp?.id).toBe('ISC');
    // Apache-2.0 as projects ship it: the terms only, without the appendix; and whole (pep440's copy).
    const apache = spdxText('Apache-2.0');
    expect(await identifyLicenseText(apache.slice(0, apache.indexOf('APPENDIX')))).toMatchObject({ id: 'Apache-2.0', kind: 'spdx' });
    expect(await identifyLicenseText(apache)).toMatchObject({ id: 'Apache-2.0' });
    // The texts that beat the right answer over the whole list are not candidates.
    expect(TEXT_MATCH_IDS).not.toContain('Pixar');
    expect(TEXT_MATCH_IDS).not.toContain('BSD-3-Clause-HP');
    expect(await identifyLicenseText(spdxText('BSD-3-Clause-HP'))).not.toMatchObject({ id: 'BSD-2-Clause' });
  });

  it("identifies every candidate's own SPDX text as itself", async () => {
    for (const id of TEXT_MATCH_IDS) expect({ id, got: (await identifyLicenseText(spdxText(id))).id }).toEqual({ id, got: id });
  });

  it('identifies the long GNU and Mozilla texts', async () => {
    expect(await identifyLicenseText(spdxText('GPL-3.0-or-later'))).toMatchObject({ id: 'GPL-3.0-only' });
    expect(await identifyLicenseText(spdxText('GPL-2.0-only'))).toMatchObject({ id: 'GPL-2.0-only' });
    expect(await identifyLicenseText(spdxText('LGPL-2.1-only'))).toMatchObject({ id: 'LGPL-2.1-only' });
    expect(await identifyLicenseText(spdxText('MPL-2.0'))).toMatchObject({ id: 'MPL-2.0' });
    expect(await identifyLicenseText(spdxText('AGPL-3.0-only'))).toMatchObject({ id: 'AGPL-3.0-only' });
  });

  it('answers unknown for a custom license, a license with extra terms, a near-tie, and prose', async () => {
    expect(await identifyLicenseText(file('custom.LICENSE'))).toMatchObject({ kind: 'unknown' });
    const mitPlusNotices = `${file('mit.LICENSE')}\n\nThis product bundles the following third-party components, each under its own terms:\n${file('bsd3.LICENSE')}\n${file('isc.LICENSE')}`;
    expect(await identifyLicenseText(mitPlusNotices)).toMatchObject({ kind: 'unknown' });
    // Half of ISC's extra clause: as close to 0BSD as to ISC.
    const between = file('isc.LICENSE').replace('provided that the above\ncopyright notice and this permission notice appear in all copies', 'provided that the above\ncopyright notice');
    const tie = await identifyLicenseText(between);
    expect(tie).toMatchObject({ kind: 'unknown' });
    expect(tie.id).toBeUndefined();
    expect(await identifyLicenseText('Install with npm install, then run the tests.')).toMatchObject({ kind: 'unknown' });
    expect(await identifyLicenseText('')).toEqual({ score: 0, kind: 'unknown' });
  });

  it('names license files', () => {
    for (const name of ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'LICENCE', 'license', 'COPYING', 'COPYING.LESSER', 'LICENSE-MIT', 'LICENSE-APACHE', 'UNLICENSE']) {
      expect(LICENSE_FILE_NAME.test(name)).toBe(true);
    }
    for (const name of ['LICENSES', 'license-checker.json', 'README.md', 'licenses.ts', 'LICENSE.bak', 'THIRD-PARTY-LICENSES']) {
      expect(LICENSE_FILE_NAME.test(name)).toBe(false);
    }
  });
});
