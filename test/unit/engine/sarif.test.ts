import { FINGERPRINT_KEY, readBaseline, rulesThatRan, toSarif } from '../../../service/engine/sarif';
import type { RuleMeta, ScannerRun, ScanResult } from '../../../service/engine/types';
import { makeFinding, needleScanner } from './helpers';

const rules: RuleMeta[] = [
  {
    id: 'SEC-AWS-ACCESS-KEY',
    title: 'AWS access key ID',
    severity: 'critical',
    confidence: 'high',
    category: 'secret',
    description: 'An AWS access key id was committed.',
    remediation: 'Deactivate the key in IAM and rotate it.',
    helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    cwe: ['CWE-798'],
    references: [{ type: 'gitleaks', id: 'aws-access-token' }],
  },
  {
    id: 'SEC-GENERIC-PASSWORD',
    title: 'Hard-coded password',
    severity: 'medium',
    confidence: 'medium',
    category: 'secret',
    description: 'A password assigned in source.',
    remediation: 'Move it to a secret store.',
  },
  {
    id: 'IAC-TF-AZURE-STORAGE-TLS',
    title: 'Storage account accepts TLS below 1.2',
    severity: 'high',
    confidence: 'high',
    category: 'iac',
    description: 'min_tls_version is below TLS1_2.',
    remediation: 'Set min_tls_version to TLS1_2.',
    remediationSnippet: 'min_tls_version = "TLS1_2"',
    tags: ['terraform', 'azure'],
    cwe: ['CWE-326'],
    references: [
      { type: 'checkov', id: 'CKV_AZURE_44', url: 'https://www.checkov.io/5.Policy%20Index/terraform.html' },
      { type: 'cis', id: 'Azure 3.15' },
    ],
  },
];

const run1 = (over: Partial<ScannerRun>): ScannerRun => ({
  scanner: 'secrets', version: '2', category: 'secret', status: 'ran', filesScanned: 4, filesSkipped: {}, rulesRun: 2, findings: 4,
  results: { pass: 0, notApplicable: 0, notAvailable: 0 }, warnings: 1, durationMs: 1.5, ...over,
});

const result: ScanResult = {
  findings: [
    makeFinding({
      ruleId: 'SEC-AWS-ACCESS-KEY', path: 'config/app env.yml', line: 3, column: 9, severity: 'critical',
      groupKey: 'secret:feedfacefeedfacefeedfacefeedface', details: { secret: { preview: 'AKIA…MPLE', hash: 'feedfacefeedfacefeedfacefeedface' } },
      verification: { state: 'verified', at: '2026-12-07T08:00:00Z', provider: 'AWS', detail: 'account 123456789012' },
    }),
    makeFinding({ ruleId: 'SEC-GENERIC-PASSWORD', path: 'src/db.ts', line: 10, severity: 'medium', suppressed: { kind: 'inline', reason: 'test password' } }),
    makeFinding({ ruleId: 'SEC-GENERIC-PASSWORD', path: 'test/a.ts', line: 1, severity: 'medium', suppressed: { kind: 'file', reason: 'fixtures', expires: '2027-01-31' } }),
    makeFinding({ ruleId: 'IAC-TF-UNKNOWN-1', path: 'main.tf', line: 4, severity: 'low', category: 'iac', title: 'Storage is public' }),
    {
      ...makeFinding({ ruleId: 'IAC-TF-AZURE-STORAGE-TLS', path: 'infra/storage.tf', line: 12, category: 'iac' }),
      location: { kind: 'resource', path: 'infra/storage.tf', line: 12, address: 'azurerm_storage_account.logs', attribute: 'min_tls_version', value: 'TLS1_0' },
    },
    {
      ...makeFinding({ ruleId: 'DEP-GHSA-X84V-XCM2-53PG', path: 'x', line: 1, category: 'deps' }),
      location: { kind: 'package', path: 'requirements.txt', line: 2, ecosystem: 'PyPI', name: 'requests', version: '2.19.0', purl: 'pkg:pypi/requests@2.19.0', dependencyPath: ['flask', 'requests'] },
    },
    {
      ...makeFinding({ ruleId: 'ADO-SC-SHARED', path: 'x', line: 1, category: 'posture' }),
      location: { kind: 'ado-object', objectKind: 'service-connection', id: 'sc-1', name: 'prod-azure', project: { id: 'p1', name: 'Storefront' }, url: 'https://dev.azure.com/contoso/Storefront/_settings/adminservices?resourceId=sc-1' },
    },
  ],
  results: [
    { ruleId: 'IAC-TF-AZURE-STORAGE-TLS', category: 'iac', outcome: 'pass', location: { kind: 'resource', path: 'infra/storage.tf', line: 30, address: 'azurerm_storage_account.data' }, subjectKey: 'data' },
  ],
  inventories: [],
  scanners: [run1({})],
  warnings: [{ code: 'binary', message: 'Skipped binary file', path: 'img.png' }],
  stats: { filesSeen: 5, filesScanned: 4, filesSkipped: 1, bytesScanned: 1000, durationMs: 3 },
  coverage: { complete: false, skipped: [{ reason: 'file-limit', count: 2, limit: 4, examples: ['z/1.txt', 'z/2.txt'] }] },
};

describe('toSarif', () => {
  const log = toSarif(result, { toolVersion: '0.1.0', rules, informationUri: 'https://example.test/vigil' });
  const run = log.runs[0];

  it('is one SARIF 2.1.0 run from the Vigil driver', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'Vigil', version: '0.1.0', semanticVersion: '0.1.0', informationUri: 'https://example.test/vigil' });
  });

  it('gives semanticVersion only for a semantic version, and informationUri only when known', () => {
    const driver = toSarif(result, { toolVersion: 'dev-build', rules }).runs[0].tool.driver;
    expect(driver.version).toBe('dev-build');
    expect(driver.semanticVersion).toBeUndefined();
    expect(driver).not.toHaveProperty('informationUri');
  });

  it('gives helpUri to every rule that has one, listed or built from a finding (advisories: sarif-deps.test.ts)', () => {
    const withHelp = makeFinding({ ruleId: 'SEC-UNLISTED-HELP', path: 'a.txt', line: 1 });
    const log2 = toSarif({ ...result, findings: [{ ...withHelp, helpUri: 'https://example.test/help' }] }, { toolVersion: '0.1.0', rules });
    const descriptors = log2.runs[0].tool.driver.rules!;
    expect(descriptors.find((r) => r.id === 'SEC-UNLISTED-HELP')?.helpUri).toBe('https://example.test/help');
    expect(descriptors.find((r) => r.id === 'SEC-AWS-ACCESS-KEY')?.helpUri).toBe(rules[0].helpUri);
    expect(descriptors.find((r) => r.id === 'SEC-GENERIC-PASSWORD')).not.toHaveProperty('helpUri');
  });

  it('describes each rule with help, tags and security-severity', () => {
    expect(run.tool.driver.rules?.[0]).toEqual({
      id: 'SEC-AWS-ACCESS-KEY',
      name: 'AWSAccessKeyID',
      shortDescription: { text: 'AWS access key ID' },
      fullDescription: { text: 'An AWS access key id was committed.' },
      help: { text: 'Deactivate the key in IAM and rotate it.' },
      helpUri: rules[0].helpUri,
      defaultConfiguration: { level: 'error' },
      properties: {
        tags: ['security', 'secret', 'external/cwe/cwe-798'],
        'security-severity': '9.5',
        severity: 'critical',
        confidence: 'high',
        precision: 'high',
        cwe: ['CWE-798'],
        references: [{ type: 'gitleaks', id: 'aws-access-token' }],
      },
    });
    // A finding whose rule is not in the list still gets a descriptor, so ruleIndex stays valid.
    expect(run.tool.driver.rules?.map((r) => r.id)).toEqual([
      'SEC-AWS-ACCESS-KEY', 'SEC-GENERIC-PASSWORD', 'IAC-TF-AZURE-STORAGE-TLS', 'IAC-TF-UNKNOWN-1', 'DEP-GHSA-X84V-XCM2-53PG', 'ADO-SC-SHARED',
    ]);
  });

  it('carries every cross-reference, the tags and the fixed snippet of a rule', () => {
    expect(run.tool.driver.rules?.[2]).toMatchObject({
      help: { text: 'Set min_tls_version to TLS1_2.\n\nmin_tls_version = "TLS1_2"' },
      properties: {
        tags: ['security', 'iac', 'terraform', 'azure', 'external/cwe/cwe-326'],
        references: [{ type: 'checkov', id: 'CKV_AZURE_44', url: expect.any(String) }, { type: 'cis', id: 'Azure 3.15' }],
        checkov: ['CKV_AZURE_44'],
        precision: 'high',
      },
    });
  });

  it('gives resources, packages and ADO objects logical locations', () => {
    const [, , , , tls, dep, ado] = run.results!;
    expect(tls.locations).toEqual([{
      physicalLocation: { artifactLocation: { uri: 'infra/storage.tf', uriBaseId: '%SRCROOT%' }, region: { startLine: 12 } },
      logicalLocations: [{ name: 'azurerm_storage_account.logs', fullyQualifiedName: 'azurerm_storage_account.logs.min_tls_version', kind: 'resource' }],
      properties: { value: 'TLS1_0' },
    }]);
    expect(dep.locations?.[0]).toMatchObject({
      physicalLocation: { artifactLocation: { uri: 'requirements.txt' }, region: { startLine: 2 } },
      logicalLocations: [{ name: 'requests@2.19.0', fullyQualifiedName: 'pkg:pypi/requests@2.19.0', kind: 'package' }],
      properties: { dependencyPath: ['flask', 'requests'] },
    });
    expect(ado.locations).toEqual([{
      logicalLocations: [{ name: 'prod-azure', fullyQualifiedName: 'service-connection/sc-1', kind: 'ado-service-connection' }],
      message: { text: 'Service connection prod-azure (Storefront)' },
      properties: { url: expect.stringContaining('resourceId=sc-1') },
    }]);
    expect(run.properties?.results).toEqual(result.results);
  });

  it('says in the run what was not scanned (coverage), so a consumer can tell a partial scan', () => {
    expect(run.properties?.coverage).toEqual(result.coverage);
  });

  it('lists the rules of every scanner that ran, and only those', () => {
    const ran = needleScanner({ name: 'ran', needle: 'x', ruleId: 'SEC-RAN' });
    const idle = needleScanner({ name: 'idle', needle: 'x', ruleId: 'SEC-IDLE' });
    const metas = rulesThatRan([ran, idle], { scanners: [run1({ scanner: 'ran' }), run1({ scanner: 'idle', status: 'not-run' })] });
    expect(metas.map((m) => m.id)).toEqual(['SEC-RAN']);
  });

  it('maps findings to results with level, location, fingerprint and suppressions', () => {
    const [aws, inline, file, iac] = run.results!;
    expect(aws).toMatchObject({
      ruleId: 'SEC-AWS-ACCESS-KEY',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'SEC-AWS-ACCESS-KEY found (AKIA…MPLE)' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'config/app%20env.yml' }, region: { startLine: 3, startColumn: 9 } } }],
      partialFingerprints: { [FINGERPRINT_KEY]: result.findings[0].fingerprint },
    });
    expect(aws.suppressions).toBeUndefined();
    expect(aws.properties?.verification).toEqual({ state: 'verified', at: '2026-12-07T08:00:00Z', provider: 'AWS', detail: 'account 123456789012' });
    expect(inline.properties?.verification).toBeUndefined();
    expect(inline).toMatchObject({ ruleIndex: 1, level: 'warning', suppressions: [{ kind: 'inSource', status: 'accepted', justification: 'test password' }] });
    expect(file.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'fixtures', properties: { vigilKind: 'file', expires: '2027-01-31' } }]);
    expect(iac).toMatchObject({ ruleId: 'IAC-TF-UNKNOWN-1', ruleIndex: 3, level: 'note' });
    for (const r of run.results!) expect(run.tool.driver.rules![r.ruleIndex!].id).toBe(r.ruleId);
  });

  it('reports warnings as tool notifications', () => {
    expect(run.invocations?.[0].toolExecutionNotifications).toEqual([
      { level: 'warning', descriptor: { id: 'binary' }, message: { text: 'Skipped binary file' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'img.png' } } }] },
    ]);
  });

  it('never carries the salted secret hash', () => {
    expect(JSON.stringify(log)).not.toContain('feedfacefeedface');
  });
});

describe('readBaseline', () => {
  it('round-trips the fingerprints of a Vigil SARIF log', () => {
    const text = JSON.stringify(toSarif(result, { toolVersion: '0.1.0', rules }));
    expect(readBaseline(text)).toEqual(new Set(result.findings.map((f) => f.fingerprint)));
  });

  it('accepts the JSON output of the CLI', () => {
    const text = JSON.stringify({ tool: { name: 'Vigil', version: '0.1.0' }, ...result });
    expect(readBaseline(text)).toEqual(new Set(result.findings.map((f) => f.fingerprint)));
  });

  it('accepts a SARIF log with no results', () => {
    expect(readBaseline(JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'Vigil' } }, results: [] }] }))).toEqual(new Set());
  });

  test.each([
    ['not JSON', 'nope{', /not valid JSON/],
    ['another tool’s SARIF', JSON.stringify({ version: '2.1.0', runs: [{ results: [{ ruleId: 'x', message: { text: 'y' } }] }] }), /not a Vigil log/],
    ['some other JSON', '{"hello": 1}', /neither a SARIF log nor Vigil JSON/],
    ['a JSON array', '[]', /neither/],
  ])('rejects %s with a clear message', (_label, text, message) => {
    expect(() => readBaseline(text)).toThrow(message);
  });
});

describe('toSarif for code findings', () => {
  const codeRule: RuleMeta = {
    id: 'CODE-PY-TAINT-SQL',
    title: 'Request data reaches a SQL query',
    severity: 'high',
    confidence: 'medium',
    category: 'code',
    description: 'A query is built from request data.',
    remediation: 'Pass the values as query parameters.',
    remediationSnippet: 'cursor.execute("SELECT * FROM t WHERE q = %s", (q,))',
    helpUri: 'https://cwe.mitre.org/data/definitions/89.html',
    tags: ['code', 'python', 'taint'],
    cwe: ['CWE-89'],
    references: [{ type: 'cwe', id: 'CWE-89' }, { type: 'bandit', id: 'B608' }],
  };
  const taint = makeFinding({
    ruleId: 'CODE-PY-TAINT-SQL', path: 'app/views.py', line: 18, column: 5, category: 'code', confidence: 'medium',
    message: "request.args['q'] (line 12) reaches cursor.execute (line 18)",
    details: {
      flow: [
        { line: 12, column: 9, label: "request.args['q']" },
        { path: 'app/db.py', line: 4, label: 'query = "SELECT … " + q' },
        { line: 18, column: 5, label: 'cursor.execute(query)' },
      ],
      extra: { language: 'python', upstream: { type: 'bandit', id: 'B608' } },
    },
  });
  const plain = {
    ...makeFinding({ ruleId: 'CODE-JS-EVAL', path: 'src/app.js', line: 3, column: 1, category: 'code', details: { extra: { language: 'javascript', upstream: { type: 'eslint', id: 'no-eval' } } } }),
    location: { kind: 'file' as const, path: 'src/app.js', line: 3, column: 1, endLine: 3, endColumn: 12 },
  };
  const log = toSarif({ ...result, findings: [taint, plain], results: [] }, { toolVersion: '0.1.0', rules: [codeRule] });
  const [taintResult, plainResult] = log.runs[0].results!;

  it('gives a taint finding one thread flow, its steps in order from source to sink', () => {
    expect(taintResult.codeFlows).toEqual([
      {
        threadFlows: [
          {
            locations: [
              {
                location: {
                  physicalLocation: { artifactLocation: { uri: 'app/views.py', uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 9 } },
                  message: { text: "request.args['q']" },
                },
                kinds: ['source'],
              },
              {
                location: {
                  physicalLocation: { artifactLocation: { uri: 'app/db.py', uriBaseId: '%SRCROOT%' }, region: { startLine: 4 } },
                  message: { text: 'query = "SELECT … " + q' },
                },
              },
              {
                location: {
                  physicalLocation: { artifactLocation: { uri: 'app/views.py', uriBaseId: '%SRCROOT%' }, region: { startLine: 18, startColumn: 5 } },
                  message: { text: 'cursor.execute(query)' },
                },
                kinds: ['sink'],
              },
            ],
          },
        ],
      },
    ]);
    expect(plainResult.codeFlows).toBeUndefined();
  });

  it('carries the language, the upstream id and the fingerprint on each result', () => {
    expect(taintResult).toMatchObject({
      ruleId: 'CODE-PY-TAINT-SQL',
      level: 'error',
      partialFingerprints: { [FINGERPRINT_KEY]: taint.fingerprint },
      properties: { category: 'code', language: 'python', upstream: { type: 'bandit', id: 'B608' } },
    });
    expect(plainResult.properties).toMatchObject({ language: 'javascript', upstream: { type: 'eslint', id: 'no-eval' } });
    expect(plainResult.locations?.[0].physicalLocation?.region).toEqual({ startLine: 3, startColumn: 1, endLine: 3, endColumn: 12 });
  });

  it('describes a code rule with its help, fixed snippet, CWE tag, precision from its confidence and the upstream id', () => {
    expect(log.runs[0].tool.driver.rules?.[0]).toMatchObject({
      id: 'CODE-PY-TAINT-SQL',
      help: { text: 'Pass the values as query parameters.\n\ncursor.execute("SELECT * FROM t WHERE q = %s", (q,))' },
      helpUri: 'https://cwe.mitre.org/data/definitions/89.html',
      properties: {
        tags: ['security', 'code', 'python', 'taint', 'external/cwe/cwe-89'],
        precision: 'medium',
        cwe: ['CWE-89'],
        bandit: ['B608'],
      },
    });
    expect(log.runs[0].tool.driver.rules?.[0].properties).not.toHaveProperty('checkov');
  });
});
