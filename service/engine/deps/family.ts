// The vulnerable-dependency rule as a RuleFamily: each example is a small repository and the
// advisories to match it against, run through the real 'deps' scanner (extractors, matching) with an
// in-memory advisory index. Input: JSON of { files: { path: text }, advisories: [OSV records] }.
import { scanFiles } from '../scan';
import type { EvaluatedOutcome, RuleFamily } from '../types';
import { memoryAdvisoryIndex } from './advisory-index';
import { DEPS_SCANNER_NAME } from './facts';
import { depsScanner, depVulnerablePackageRule } from './scanner';
import type { OsvRecord } from './types';

export interface DepsExample {
  files: Record<string, string>;
  /** Omitted: no advisory database is handed in. */
  advisories?: OsvRecord[];
}

const example = (e: DepsExample): string => JSON.stringify(e);

const lodashPrototypePollution: OsvRecord = {
  id: 'GHSA-jf85-cpcp-j695',
  modified: '2023-11-01T00:00:00Z',
  aliases: ['CVE-2019-10744'],
  summary: 'Prototype Pollution in lodash',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H' }],
  affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.12' }] }] }],
};

const requestsProxyLeak: OsvRecord = {
  id: 'PYSEC-2023-74',
  modified: '2023-06-01T00:00:00Z',
  aliases: ['CVE-2023-32681', 'GHSA-j8r2-6x86-q33q'],
  summary: 'Unintended leak of Proxy-Authorization header in requests',
  affected: [{ package: { ecosystem: 'PyPI', name: 'requests' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.3.0' }, { fixed: '2.31.0' }] }] }],
};

const maliciousLodash: OsvRecord = {
  id: 'MAL-2024-9999',
  modified: '2024-01-01T00:00:00Z',
  summary: 'Malicious code in lodash (npm)',
  affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] }],
};

const packageLock = (version: string): string =>
  JSON.stringify(
    {
      name: 'shop',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'shop', version: '1.0.0', dependencies: { lodash: `^${version}` } },
        'node_modules/lodash': { version, resolved: `https://registry.npmjs.org/lodash/-/lodash-${version}.tgz`, license: 'MIT' },
      },
    },
    null,
    2,
  );

export const depsRuleFamily: RuleFamily<string> = {
  name: 'dependencies',
  title: 'Vulnerable dependencies',
  category: 'deps',
  units: [
    {
      meta: depVulnerablePackageRule,
      examples: {
        mustFlag: [
          example({ files: { 'package-lock.json': packageLock('4.17.11') }, advisories: [lodashPrototypePollution] }),
          example({ files: { 'api/requirements.txt': 'flask==2.3.2\nrequests==2.28.1 \\\n    --hash=sha256:64299f4909223da747622c030b781c0d7811e359c37124b4bd368fb8c6518baa\n' }, advisories: [requestsProxyLeak] }),
          // PEP 503: the advisory's Requests is the file's requests.
          example({ files: { 'requirements.txt': 'Requests==2.30.0\n' }, advisories: [{ ...requestsProxyLeak, affected: [{ ...requestsProxyLeak.affected![0], package: { ecosystem: 'PyPI', name: 'Requests' } }] }] }),
        ],
        mustNotFlag: [
          // The fixed version.
          example({ files: { 'package-lock.json': packageLock('4.17.12') }, advisories: [lodashPrototypePollution] }),
          // Below the introduced version.
          example({ files: { 'requirements.txt': 'requests==2.2.1\n' }, advisories: [requestsProxyLeak] }),
          // The same name in another ecosystem.
          example({ files: { 'requirements.txt': 'lodash==4.17.11\n' }, advisories: [lodashPrototypePollution] }),
          // A malicious-package record is package risk's finding, not a vulnerability.
          example({ files: { 'package-lock.json': packageLock('4.17.21') }, advisories: [maliciousLodash] }),
          // A withdrawn advisory.
          example({ files: { 'package-lock.json': packageLock('4.17.11') }, advisories: [{ ...lodashPrototypePollution, withdrawn: '2024-01-01T00:00:00Z' }, requestsProxyLeak] }),
          // A range only: nothing exact to match.
          example({ files: { 'requirements.txt': 'requests>=2.20\n' }, advisories: [requestsProxyLeak] }),
        ],
        notAvailable: [
          example({ files: { 'package-lock.json': packageLock('4.17.11') } }),
          example({ files: { 'package-lock.json': packageLock('4.17.11') }, advisories: [] }),
        ],
      },
    },
  ],
  async evaluate(unit, input): Promise<EvaluatedOutcome> {
    const { files, advisories } = JSON.parse(input) as DepsExample;
    const result = await scanFiles(
      Object.entries(files).map(([path, content]) => ({ path, content })),
      { scanners: [depsScanner], options: advisories ? { [DEPS_SCANNER_NAME]: { advisories: memoryAdvisoryIndex(advisories) } } : {} },
    );
    const run = result.scanners.find((s) => s.scanner === DEPS_SCANNER_NAME);
    if (run?.status === 'not-run') return { outcome: 'not-available', reason: { code: 'no-dataset', text: run.reason?.text ?? 'not run' } };
    if (run?.status === 'failed') return { outcome: 'not-available', reason: { code: 'error', text: run.reason?.text ?? 'failed' } };
    return { outcome: result.findings.some((f) => f.ruleId === unit.meta.id) ? 'fail' : 'pass' };
  },
};
