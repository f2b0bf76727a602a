// SARIF for vulnerable-dependency findings: the advisory is the rule.
import { DEP_VULNERABLE_PACKAGE, factsToExtra, type VulnerabilityFacts } from '../../../service/engine/deps/facts';
import { FINGERPRINT_KEY, readBaseline, toSarif } from '../../../service/engine/sarif';
import type { Finding, ScanResult } from '../../../service/engine/types';
import { makeFinding, testRule } from './helpers';

const depVulnerablePackageRule = testRule(DEP_VULNERABLE_PACKAGE, { category: 'deps' });

function depFinding(name: string, version: string, path: string, facts: Partial<VulnerabilityFacts> & { advisory: string }, severity: Finding['severity']): Finding {
  const full: VulnerabilityFacts = { aliases: [], summary: '', fixedVersions: [], references: [], ...facts };
  return {
    ruleId: DEP_VULNERABLE_PACKAGE,
    title: `${name}@${version}: ${full.summary}`,
    severity,
    category: 'deps',
    confidence: 'high',
    message: `${name} ${version} (npm) is affected by ${full.advisory}`,
    location: { kind: 'package', path, line: 12, ecosystem: 'npm', name, version, purl: `pkg:npm/${name}@${version}`, dependencyPath: ['express', name] },
    fingerprint: `fp-${full.advisory}-${path}`,
    groupKey: `dep:${full.advisory}`,
    details: { extra: factsToExtra(full) },
    remediation: `Upgrade ${name}.`,
    cwe: ['CWE-1321'],
  };
}

const qs: Partial<VulnerabilityFacts> & { advisory: string } = {
  advisory: 'GHSA-hrpp-h998-j3pp',
  aliases: ['CVE-2022-24999'],
  summary: 'qs vulnerable to Prototype Pollution',
  cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', score: 7.5 },
  fixedVersions: ['6.7.3', '6.10.3'],
  upgrade: '6.7.3',
};

const result: ScanResult = {
  findings: [
    depFinding('qs', '6.7.0', 'package-lock.json', qs, 'high'),
    depFinding('qs', '6.7.0', 'web/package-lock.json', qs, 'high'),
    depFinding('minimist', '1.2.0', 'package-lock.json', { advisory: 'GHSA-xvch-5gv4-984h', summary: 'Prototype Pollution in minimist' }, 'critical'),
    makeFinding({ ruleId: 'SEC-AWS-ACCESS-KEY', path: 'a.env', line: 1, severity: 'critical' }),
  ],
  results: [],
  inventories: [],
  scanners: [],
  warnings: [],
  stats: { filesSeen: 3, filesScanned: 3, bytesScanned: 100, durationMs: 1 },
  coverage: { complete: true, skipped: [] },
} as unknown as ScanResult;

describe('SARIF for vulnerable dependencies', () => {
  const log = toSarif(result, { toolVersion: '1.0.0', rules: [depVulnerablePackageRule] });
  const run = log.runs[0];
  const rules = run.tool.driver.rules!;

  it('makes each advisory a rule, once, with its summary, an OSV link and the CVSS score as security-severity', () => {
    expect(rules.map((r) => r.id)).toEqual([DEP_VULNERABLE_PACKAGE, 'GHSA-hrpp-h998-j3pp', 'GHSA-xvch-5gv4-984h', 'SEC-AWS-ACCESS-KEY']);
    const rule = rules[1];
    expect(rule.shortDescription).toEqual({ text: 'qs vulnerable to Prototype Pollution' });
    expect(rule.fullDescription!.text).toContain('GHSA-hrpp-h998-j3pp, CVE-2022-24999');
    expect(rule.helpUri).toBe('https://osv.dev/vulnerability/GHSA-hrpp-h998-j3pp');
    expect(rule.help!.text).toContain('6.7.3, 6.10.3');
    expect(rule.defaultConfiguration).toEqual({ level: 'error' });
    expect(rule.properties).toMatchObject({
      'security-severity': '7.5',
      severity: 'high',
      aliases: ['CVE-2022-24999'],
      vigilRule: DEP_VULNERABLE_PACKAGE,
      tags: ['security', 'deps', 'vulnerability', 'npm', 'external/cwe/cwe-1321'],
    });
    // Without a CVSS vector, the severity's usual number.
    expect(rules[2].properties!['security-severity']).toBe('9.5');
  });

  it('points each result at its advisory rule, the manifest line and the package as a logical location', () => {
    const [first, second, third, secret] = run.results!;
    expect(first).toMatchObject({ ruleId: 'GHSA-hrpp-h998-j3pp', ruleIndex: 1, level: 'error', properties: { vigilRule: DEP_VULNERABLE_PACKAGE, category: 'deps' } });
    expect(first.locations![0]).toEqual({
      physicalLocation: { artifactLocation: { uri: 'package-lock.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 12 } },
      logicalLocations: [{ name: 'qs@6.7.0', fullyQualifiedName: 'pkg:npm/qs@6.7.0', kind: 'package' }],
      properties: { dependencyPath: ['express', 'qs'] },
    });
    expect(second).toMatchObject({ ruleId: 'GHSA-hrpp-h998-j3pp', ruleIndex: 1 });
    expect(second.locations![0].physicalLocation!.artifactLocation!.uri).toBe('web/package-lock.json');
    expect(third).toMatchObject({ ruleId: 'GHSA-xvch-5gv4-984h', ruleIndex: 2 });
    expect(secret).toMatchObject({ ruleId: 'SEC-AWS-ACCESS-KEY', ruleIndex: 3 });
    expect(secret.properties).not.toHaveProperty('vigilRule');
  });

  it('keeps the fingerprints, so a SARIF baseline still works', () => {
    expect(run.results!.map((r) => r.partialFingerprints![FINGERPRINT_KEY])).toEqual(result.findings.map((f) => f.fingerprint));
    expect(readBaseline(JSON.stringify(log))).toEqual(new Set(result.findings.map((f) => f.fingerprint)));
  });

  it('a deps finding without advisory facts keeps its own rule', () => {
    const bare = { ...result.findings[0], details: undefined };
    const single = toSarif({ ...result, findings: [bare] }, { toolVersion: '1.0.0', rules: [depVulnerablePackageRule] }).runs[0];
    expect(single.results![0]).toMatchObject({ ruleId: DEP_VULNERABLE_PACKAGE, ruleIndex: 0 });
  });
});
