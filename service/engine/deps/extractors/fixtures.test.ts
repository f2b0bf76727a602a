// The generic extractor test: every case folder under extractors/<ecosystem>/testdata/<case>/ is a
// small tree (files named as in a real repository) plus expected.json, scanned through the engine with
// every extractor, and the packages (and warnings) it gives must be exactly the expected ones.
//
// expected.json: { "packages": [ { "path", "name", "version", ...any other PackageEntry fields } ],
//                  "warnings"?: [ { "code", "path"? } ] }
// Packages are compared as a sorted list (path, name, version, line), each actual entry matching its
// expected one on the fields given; the counts must be equal. Warnings: each expected one must occur.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inventoryScanner } from '../../inventory';
import { scanDirectory } from '../../scan';
import type { PackageEntry } from '../types';
import { packageExtractors } from '.';

interface Expected {
  packages: Partial<PackageEntry>[];
  warnings?: { code: string; path?: string }[];
}

const root = __dirname;
const cases: [string, string][] = [];
for (const eco of readdirSync(root)) {
  const testdata = join(root, eco, 'testdata');
  if (!statSync(join(root, eco)).isDirectory() || !existsDir(testdata)) continue;
  for (const c of readdirSync(testdata)) if (statSync(join(testdata, c)).isDirectory()) cases.push([`${eco}/${c}`, join(testdata, c)]);
}

function existsDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

const collect = inventoryScanner<PackageEntry, unknown>({
  name: 'fixture-extract',
  version: '1',
  category: 'deps',
  rules: [],
  extractors: packageExtractors,
  evaluate: () => ({ findings: [] }),
});

const order = (p: Partial<PackageEntry>): string => `${p.path}\u0000${p.name}\u0000${p.version}\u0000${String(p.line ?? 0).padStart(8, '0')}`;

describe('package extractor fixtures', () => {
  it('has cases', () => {
    // Grows with the extractors; each ecosystem's change adds its own.
    expect(cases.length).toBeGreaterThanOrEqual(22);
  });

  it.each(cases)('%s', async (_name, dir) => {
    const expectedPath = join(dir, 'expected.json');
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected;
    const result = await scanDirectory(dir, { scanners: [collect] });
    const items = (result.inventories.find((i) => i.scanner === 'fixture-extract')?.items ?? []) as PackageEntry[];
    const actual = [...items].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
    const want = [...expected.packages].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
    expect(actual.map((p) => `${p.path} ${p.name}@${p.version}`)).toEqual(want.map((p) => `${p.path} ${p.name}@${p.version}`));
    actual.forEach((p, i) => expect(p).toMatchObject(want[i]));
    for (const w of expected.warnings ?? []) expect(result.warnings).toContainEqual(expect.objectContaining(w));
    if (!expected.warnings?.length) expect(result.warnings.filter((w) => w.code !== 'binary')).toEqual([]);
  });
});
