import { dependencyDtoSchema, findingDtoSchema, repositoryDtoSchema, scanDtoSchema } from '../contract/api';
import type { FindingWithRepo } from '../store/finding-queries';
import type { RepositoryWithCounts } from '../store/repositories';
import type { ScanRow } from '../store/schema';
import { toDependencyDto, toFindingDto, toFindingGroupDto, toRepositoryDto, toScanDto } from './dto';

const ORG_URL = 'https://dev.azure.com/contoso/';
const at = new Date('2025-06-01T10:00:00.000Z');

const repository = (extra: Partial<RepositoryWithCounts> = {}): RepositoryWithCounts => ({
  org_id: 'o',
  repo_id: 'r1',
  project_id: 'p1',
  project_name: 'Store Front',
  name: 'web app',
  default_branch: 'refs/heads/main',
  web_url: null,
  size_bytes: 10,
  is_disabled: false,
  is_fork: false,
  head_sha: null,
  scan_state: 'done',
  skip_reason: null,
  last_scan_id: null,
  discovered_at: at,
  updated_at: at,
  removed_at: null,
  gate_severity: null,
  last_full_scan_at: null,
  rules_digest: null,
  scanner_overrides: null,
  open_counts: { critical: 2, low: 1 },
  ...extra,
});

const secretRow = (extra: Partial<FindingWithRepo> = {}): FindingWithRepo => ({
  org_id: 'o',
  finding_id: 'f1',
  repo_id: 'r1',
  project_id: 'p1',
  fingerprint: 'fp1',
  group_key: 'secret:0123456789abcdef0123456789abcdef',
  rule_id: 'SEC-GITHUB-PAT',
  category: 'secret',
  severity: 'critical',
  severity_rank: 0,
  confidence: 'high',
  title: 'GitHub token',
  message: 'GitHub token found',
  location: { kind: 'file', path: 'src/app.ts', line: 42, column: 7 },
  details: { secret: { preview: 'ghp_ab…yz', hash: '0123456789abcdef0123456789abcdef' } },
  cwe: ['CWE-798'],
  remediation: 'Rotate it',
  help_uri: null,
  state: 'open',
  suppression: null,
  dismissal: null,
  commit_sha: 'c0ffee',
  first_seen_scan: 's1',
  last_seen_scan: 's1',
  first_seen_at: at,
  last_seen_at: at,
  fixed_at: null,
  verification: null,
  verified_at: null,
  verification_provider: null,
  verification_detail: null,
  repo_name: 'web app',
  project_name: 'Store Front',
  repo_web_url: null,
  ...extra,
});

describe('repository DTO', () => {
  test('ADO gave no web URL: it is built from the organization URL, project and name', () => {
    const dto = repositoryDtoSchema.parse(toRepositoryDto(repository(), ORG_URL));
    expect(dto.webUrl).toBe('https://dev.azure.com/contoso/Store%20Front/_git/web%20app');
    expect(dto.openFindings).toEqual({ critical: 2, high: 0, medium: 0, low: 1, info: 0 });
  });

  test('a TFVC project\'s row says so; a Git repository is git', () => {
    expect(toRepositoryDto(repository(), ORG_URL).versionControl).toBe('git');
    expect(toRepositoryDto(repository({ repo_id: 'tfvc:p1', name: '$/Store Front', default_branch: null }), ORG_URL).versionControl).toBe('tfvc');
  });

  test('a size ADO did not give stays unknown (absent), never 0', () => {
    expect(toRepositoryDto(repository(), ORG_URL).sizeBytes).toBe(10);
    expect(toRepositoryDto(repository({ size_bytes: null }), ORG_URL)).not.toHaveProperty('sizeBytes');
    expect(toRepositoryDto(repository({ size_bytes: '0' }), ORG_URL).sizeBytes).toBe(0);
  });

  test('a web URL from ADO is kept', () => {
    expect(toRepositoryDto(repository({ web_url: 'https://ado.example/x/_git/y' }), ORG_URL).webUrl).toBe('https://ado.example/x/_git/y');
  });
});

describe('finding DTO', () => {
  test('a secret: location in words, a link to the line at the commit, the preview, never the hash or the details', () => {
    const dto = toFindingDto(secretRow(), ORG_URL);
    expect(findingDtoSchema.parse(dto)).toEqual(JSON.parse(JSON.stringify(dto)));
    expect(dto).toMatchObject({
      repositoryId: 'r1',
      repositoryName: 'web app',
      projectId: 'p1',
      projectName: 'Store Front',
      location: { kind: 'file', path: 'src/app.ts', line: 42, column: 7 },
      locationText: 'src/app.ts:42',
      preview: 'ghp_ab…yz',
      cwe: ['CWE-798'],
    });
    const link = new URL(dto.webUrl!);
    expect(link.origin + link.pathname).toBe('https://dev.azure.com/contoso/Store%20Front/_git/web%20app');
    expect(Object.fromEntries(link.searchParams)).toMatchObject({ path: '/src/app.ts', version: 'GCc0ffee', line: '42' });
    const wire = JSON.stringify(dto);
    expect(wire).not.toContain('0123456789abcdef');
    expect(wire).not.toMatch(/"details"|"hash"|"group_key"/);
  });

  test('a finding of a project (no repository): the project comes from its ADO location, the link is the object', () => {
    const dto = toFindingDto(
      secretRow({
        repo_id: null,
        repo_name: null,
        project_name: null,
        category: 'posture',
        rule_id: 'ADO-PRJ-1',
        location: { kind: 'ado-object', objectKind: 'project', id: 'p1', name: 'Store Front', url: 'https://dev.azure.com/contoso/Store%20Front' },
        details: {},
      }),
      ORG_URL,
    );
    expect(findingDtoSchema.parse(dto)).toMatchObject({
      projectId: 'p1',
      projectName: 'Store Front',
      locationText: 'Project Store Front',
      webUrl: 'https://dev.azure.com/contoso/Store%20Front',
    });
    expect(dto.repositoryId).toBeUndefined();
    expect(dto.preview).toBeUndefined();
  });

  test('dismissal and suppression carry only their contract fields', () => {
    const dismissal = { reason: 'used-in-tests' as const, by: 'u1', byName: 'Ada', at: at.toISOString(), expires: '2999-12-31' };
    const row = secretRow({ state: 'dismissed', dismissal: { ...dismissal, internal: 'x' } as never, suppression: { kind: 'inline', reason: 'test' } });
    const dto = findingDtoSchema.parse(toFindingDto(row, ORG_URL));
    expect(dto.dismissal).toEqual(dismissal);
    expect(dto.suppression).toEqual({ kind: 'inline', reason: 'test' });
  });

  test('a group lists every location with its own place and state', () => {
    const other = secretRow({ finding_id: 'f2', repo_id: 'r2', repo_name: 'api', project_id: 'p2', project_name: 'Payments', state: 'fixed', location: { kind: 'file', path: 'run.sh', line: 5 } });
    const dto = findingDtoSchema.parse(toFindingGroupDto({ representative: secretRow(), locations: [secretRow(), other] }, ORG_URL));
    expect(dto.locations?.map((l) => [l.findingId, `${l.repositoryName}/${l.locationText}`, l.state, l.webUrl?.split('?')[0]])).toEqual([
      ['f1', 'web app/src/app.ts:42', 'open', 'https://dev.azure.com/contoso/Store%20Front/_git/web%20app'],
      ['f2', 'api/run.sh:5', 'fixed', 'https://dev.azure.com/contoso/Payments/_git/api'],
    ]);
  });
});

describe('scan DTO', () => {
  const scan = (extra: Partial<ScanRow> = {}): ScanRow => ({
    org_id: 'o',
    scan_id: 's1',
    repo_id: 'r1',
    commit_sha: 'c0ffee',
    state: 'done',
    trigger: 'manual',
    queued_at: at,
    started_at: at,
    finished_at: at,
    duration_ms: 1200,
    error: null,
    files_scanned: 9,
    bytes_scanned: '90',
    findings_new: 0,
    findings_fixed: 0,
    findings_open: 1,
    scanners: [],
    warnings: [],
    coverage: null,
    kind: 'full',
    base_commit: null,
    progress: null,
    ...extra,
  });

  it('carries the coverage of a finished scan, and none for scans that have none', () => {
    const coverage = { complete: false, skipped: [{ reason: 'file-too-large' as const, count: 3, limit: 5_242_880, examples: ['a.log'] }] };
    const dto = toScanDto(scan({ coverage }));
    expect(dto.coverage).toEqual(coverage);
    expect(scanDtoSchema.strict().parse(dto)).toEqual(dto);
    expect(toScanDto(scan()).coverage).toBeUndefined();
  });

  it('carries the progress of a running scan only (a finished one keeps its last figures in the row, not on the wire)', () => {
    const progress = { phase: 'scanning' as const, filesDone: 40, filesTotal: 120, findings: 3, updatedAt: at.toISOString() };
    const running = toScanDto(scan({ state: 'running', finished_at: null, progress }));
    expect(running.progress).toEqual(progress);
    expect(scanDtoSchema.strict().parse(running)).toEqual(running);
    expect(toScanDto(scan({ progress })).progress).toBeUndefined();
    expect(toScanDto(scan({ kind: 'incremental' })).kind).toBe('incremental');
  });
});

describe('package findings and dependencies on the wire', () => {
  const depsRow = secretRow({
    rule_id: 'DEP-VULNERABLE-PACKAGE',
    category: 'deps',
    group_key: 'dep:abc',
    location: { kind: 'package', path: 'package-lock.json', line: 87, ecosystem: 'npm', name: 'lodash', version: '4.17.15', purl: 'pkg:npm/lodash@4.17.15', dependencyPath: ['lodash'] },
    details: {
      extra: {
        advisory: 'GHSA-35jh-r3h4-6jhm',
        aliases: ['CVE-2021-23337'],
        summary: 'Command Injection in lodash',
        cvss: { version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', score: 7.2 },
        fixedVersions: ['4.17.21'],
        upgrade: '4.17.21',
        direct: true,
        scope: 'dev',
        references: ['https://github.com/advisories/GHSA-35jh-r3h4-6jhm', 'javascript:alert(1)'],
        internal: 'never sent',
      },
    },
  });

  it('carries the advisory facts in the contract words, never the details themselves', () => {
    const dto = findingDtoSchema.parse(toFindingDto(depsRow, ORG_URL));
    expect(dto).toMatchObject({
      direct: true,
      scope: 'dev',
      locationText: 'lodash@4.17.15 in package-lock.json:87',
      advisory: { id: 'GHSA-35jh-r3h4-6jhm', aliases: ['CVE-2021-23337'], fixedVersions: ['4.17.21'], upgrade: '4.17.21', cvss: { score: 7.2 } },
    });
    // Only http(s) references cross; nothing of details but what the contract names.
    expect(dto.advisory?.references).toEqual(['https://github.com/advisories/GHSA-35jh-r3h4-6jhm']);
    expect(JSON.stringify(toFindingDto(depsRow, ORG_URL))).not.toMatch(/"details"|never sent/);
  });

  it('leaves a secret without package facts', () => {
    const dto = toFindingDto(secretRow(), ORG_URL);
    expect(dto.advisory).toBeUndefined();
    expect(dto.direct).toBeUndefined();
  });

  it('maps a stored package to the Dependencies view, linked at the inventory commit', () => {
    const dto = dependencyDtoSchema.parse(
      toDependencyDto(
        { ecosystem: 'npm', name: 'qs', version: '6.7.0', purl: 'pkg:npm/qs@6.7.0', path: 'package-lock.json', line: 123, direct: false, dependencyPath: ['express', 'qs'], extractor: 'npm/package-lock', resolvedLicense: 'BSD-3-Clause', advisories: 1, worstRank: 1 },
        { webUrl: 'https://dev.azure.com/contoso/Store%20Front/_git/web%20app', commitSha: 'c0ffee' },
      ),
    );
    expect(dto).toMatchObject({ license: 'BSD-3-Clause', advisories: 1, worstSeverity: 'high', direct: false });
    const link = new URL(dto.webUrl!);
    expect([link.searchParams.get('path'), link.searchParams.get('version'), link.searchParams.get('line')]).toEqual(['/package-lock.json', 'GCc0ffee', '123']);
  });
});
