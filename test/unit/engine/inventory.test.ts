import { inventoryScanner, type Extractor } from '../../../service/engine/inventory';
import { scanDirectory } from '../../../service/engine/scan';
import type { Finding, RuleResult } from '../../../service/engine/types';
import { tempTree, testRule } from './helpers';

interface Pkg {
  name: string;
  version: string;
  path: string;
  line: number;
}

/** requirements.txt-like: `name==version` per line. */
const pins: Extractor<Pkg> = {
  name: 'test/pins',
  version: '1',
  wants: (p) => p.endsWith('pins.txt'),
  extract({ path, text }) {
    return text.split('\n').flatMap((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return [];
      const m = /^([a-z0-9-]+)==([0-9.]+)$/.exec(line);
      if (!m) throw new Error(`line ${i + 1} is not name==version: "${line}"`);
      return [{ name: m[1], version: m[2], path, line: i + 1 }];
    });
  },
};

interface Options {
  /** name@version -> advisory id, handed in by the caller. */
  advisories?: Map<string, string>;
}

const scanner = inventoryScanner<Pkg, Options>({
  name: 'pins',
  version: '1',
  category: 'deps',
  rules: [testRule('DEP-TEST-ADVISORY', { category: 'deps' })],
  extractors: [pins],
  evaluate(items, ctx) {
    const advisories = ctx.options?.advisories;
    if (!advisories) return { findings: [], notRun: { code: 'no-dataset', text: 'No advisory data was handed in' } };
    const findings: Finding[] = [];
    const results: RuleResult[] = [];
    for (const p of items) {
      const location = { kind: 'package' as const, path: p.path, line: p.line, ecosystem: 'PyPI' as const, name: p.name, version: p.version };
      const id = advisories.get(`${p.name}@${p.version}`);
      if (id) {
        findings.push({
          ruleId: 'DEP-TEST-ADVISORY', title: id, severity: 'high', category: 'deps', confidence: 'high', message: `${p.name} ${p.version} is affected by ${id}`,
          location, fingerprint: `${id}:${p.path}:${p.name}`, remediation: 'Upgrade.',
        });
      } else {
        results.push({ ruleId: 'DEP-TEST-ADVISORY', category: 'deps', outcome: 'pass', location, subjectKey: `${p.path}:${p.name}` });
      }
    }
    return { findings, results };
  },
});

describe('inventoryScanner', () => {
  let tree: ReturnType<typeof tempTree>;
  afterEach(() => tree?.remove());

  it('extracts every wanted file, then matches the inventory against the dataset the caller hands in', async () => {
    tree = tempTree({
      'api/pins.txt': '# pinned\nrequests==2.19.0\nflask==2.3.2\n',
      'web/pins.txt': 'requests==2.31.0\n',
      'README.md': 'requests==2.19.0\n',
    });
    const advisories = new Map([['requests@2.19.0', 'GHSA-x84v-xcm2-53pg']]);
    const result = await scanDirectory(tree.root, { scanners: [scanner], options: { pins: { advisories } } });
    expect(result.findings.map((f) => [f.message, f.location])).toEqual([
      ['requests 2.19.0 is affected by GHSA-x84v-xcm2-53pg', { kind: 'package', path: 'api/pins.txt', line: 2, ecosystem: 'PyPI', name: 'requests', version: '2.19.0' }],
    ]);
    expect(result.results.map((r) => r.subjectKey)).toEqual(['api/pins.txt:flask', 'web/pins.txt:requests']);
    expect(result.inventories).toEqual([{ scanner: 'pins', items: expect.arrayContaining([expect.objectContaining({ name: 'flask', version: '2.3.2' })]) }]);
    expect(result.inventories[0].items).toHaveLength(3);
    expect(result.scanners[0]).toMatchObject({ status: 'ran', filesScanned: 2, findings: 1, results: { pass: 2, notApplicable: 0, notAvailable: 0 } });
  });

  it('still returns the inventory but reports "not run" when no dataset was handed in', async () => {
    tree = tempTree({ 'pins.txt': 'requests==2.19.0\n' });
    const result = await scanDirectory(tree.root, { scanners: [scanner] });
    expect(result.findings).toEqual([]);
    expect(result.inventories[0].items).toHaveLength(1);
    expect(result.scanners[0]).toMatchObject({ status: 'not-run', reason: { code: 'no-dataset', text: 'No advisory data was handed in' } });
  });

  it('turns a file its extractor cannot read into a parse-error warning without its content, and goes on', async () => {
    tree = tempTree({ 'a/pins.txt': 'requests>=2 # SECRETVALUE123\n', 'b/pins.txt': 'flask==2.3.2\n' });
    const result = await scanDirectory(tree.root, { scanners: [scanner], options: { pins: { advisories: new Map() } } });
    expect(result.warnings).toEqual([
      { code: 'parse-error', path: 'a/pins.txt', scanner: 'pins', message: 'test/pins could not read this file: line 1 is not name==version: "…"' },
    ]);
    expect(result.inventories[0].items).toEqual([expect.objectContaining({ name: 'flask' })]);
  });
});
