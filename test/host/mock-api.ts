// A small in-memory /api/v1 that serves the api-types shapes, for looking at the hub pages without the
// service (preview, screenshots while the service is being built). The browser test uses the real
// service (test/support/stack.ts); this is a development aid, not a stand-in for it in tests.
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import type { Category, Severity } from '../../service/engine/types';
import type {
  DismissalDto,
  FindingDto,
  FindingPlace,
  FindingLocationDto,
  FindingState,
  MeResponse,
  OrganizationDto,
  Paged,
  RepositoryDto,
  ScanDto,
  SeverityCounts,
} from '../../service/http/api-types';
import { locationsOf } from '../../web/common/locations';

export interface MockApiOptions {
  port?: number;
  orgName?: string;
  /** Start connected (default) or on the Connect page. */
  connected?: boolean;
  isOrgAdmin?: boolean;
  /** How long a triggered scan stays queued, then running (ms each). */
  scanStepMs?: number;
}

export interface MockApi {
  url: string;
  requests: { method: string; path: string; query: Record<string, unknown>; headers: Record<string, string | undefined> }[];
  close(): Promise<void>;
}

const HOUR = 3600_000;

export const MOCK_PROJECTS = [
  { id: '0b5e8a2c-1d1f-4d47-9a51-5b8f7d1a0001', name: 'Payments' },
  { id: '0b5e8a2c-1d1f-4d47-9a51-5b8f7d1a0002', name: 'Platform' },
];

interface Repo {
  id: string;
  name: string;
  project: { id: string; name: string };
  isDisabled?: boolean;
  isEmpty?: boolean;
}

export const MOCK_REPOS: Repo[] = [
  { id: 'a1e0c9f2-0000-4000-8000-000000000001', name: 'payments-api', project: MOCK_PROJECTS[0] },
  { id: 'a1e0c9f2-0000-4000-8000-000000000002', name: 'payments-web', project: MOCK_PROJECTS[0] },
  { id: 'a1e0c9f2-0000-4000-8000-000000000003', name: 'ledger-batch-jobs-with-a-rather-long-repository-name', project: MOCK_PROJECTS[0] },
  { id: 'a1e0c9f2-0000-4000-8000-000000000004', name: 'infra', project: MOCK_PROJECTS[1] },
  { id: 'a1e0c9f2-0000-4000-8000-000000000005', name: 'legacy-tools', project: MOCK_PROJECTS[1], isDisabled: true },
  { id: 'a1e0c9f2-0000-4000-8000-000000000006', name: 'new-service', project: MOCK_PROJECTS[1], isEmpty: true },
];

const RULES: { ruleId: string; title: string; severity: Severity; category: Category; preview: string; remediation: string; helpUri?: string }[] = [
  { ruleId: 'SEC-AWS-ACCESS-KEY', title: 'AWS access key', severity: 'critical', category: 'secret', preview: 'AKIA************MPLE', remediation: 'Deactivate the key in AWS IAM, create a new one, store it in a secret store (Azure Key Vault, a secret pipeline variable), and remove it from the repository history.', helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html' },
  { ruleId: 'SEC-ADO-PAT', title: 'Azure DevOps personal access token', severity: 'critical', category: 'secret', preview: 'abcd********************************************wxyz', remediation: 'Revoke the token in User settings › Personal access tokens and use a pipeline service connection instead.' },
  { ruleId: 'SEC-AZURE-STORAGE-KEY', title: 'Azure Storage account key', severity: 'high', category: 'secret', preview: 'AccountKey=Zm9v****************************==', remediation: 'Rotate the storage account key and use a managed identity or a SAS with a short expiry.' },
  { ruleId: 'SEC-GITHUB-PAT', title: 'GitHub personal access token', severity: 'high', category: 'secret', preview: 'ghp_****************************1a2B', remediation: 'Revoke the token on GitHub and use a fine-grained token stored as a secret.' },
  { ruleId: 'SEC-SLACK-WEBHOOK', title: 'Slack incoming webhook URL', severity: 'medium', category: 'secret', preview: 'https://hooks.slack.com/services/T0****/B0****/********', remediation: 'Regenerate the webhook in Slack and keep the URL in a secret variable.' },
  { ruleId: 'SEC-PRIVATE-KEY', title: 'Private key', severity: 'high', category: 'secret', preview: '-----BEGIN RSA PRIVATE KEY----- ****', remediation: 'Replace the key pair and keep private keys out of source control.' },
  { ruleId: 'SEC-GENERIC-PASSWORD', title: 'Password in configuration', severity: 'low', category: 'secret', preview: 'password: "S3********"', remediation: 'Move the password to a secret store and reference it at run time.' },
];

const PATHS = ['config/settings.json', 'deploy/azure-pipelines.yml', 'src/Payments.Api/appsettings.Development.json', 'scripts/release.ps1', '.env', 'docs/runbook.md', 'infra/modules/storage/main.tf', 'tests/fixtures/very/deeply/nested/folder/structure/for/integration-tests/credentials.json'];

/** A finding and the alert it belongs to (one credential seen in several places shares a group). */
type MockFinding = FindingDto & { group: string };

const DISMISSAL_REASONS = ['false-positive', 'accepted-risk', 'used-in-tests', 'revoked'];

function placeIn(repo: Repo, path: string, line: number): FindingPlace {
  return {
    repositoryId: repo.id,
    repositoryName: repo.name,
    projectId: repo.project.id,
    projectName: repo.project.name,
    path,
    line,
    webUrl: `https://dev.azure.com/contoso/${repo.project.name}/_git/${repo.name}?path=/${path}&line=${line}`,
  };
}

function buildFindings(now: number): MockFinding[] {
  const out: MockFinding[] = [];
  let n = 0;
  for (const repo of MOCK_REPOS.filter((r) => !r.isDisabled && !r.isEmpty)) {
    const count = repo.name === 'payments-web' ? 0 : repo.name === 'infra' ? 9 : 6;
    for (let i = 0; i < count; i++) {
      const rule = RULES[(n + i * 3) % RULES.length];
      const path = PATHS[(n * 5 + i) % PATHS.length];
      const line = 3 + ((n * 17 + i * 11) % 180);
      const state: FindingState = i === count - 1 ? 'fixed' : 'open';
      n++;
      const id = `f0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      out.push({
        id,
        group: id,
        fingerprint: `fp-${n}`,
        ruleId: rule.ruleId,
        title: rule.title,
        severity: rule.severity,
        category: rule.category,
        confidence: 'high',
        message: `${rule.title} found in ${path}. The value is masked; Vigil never stores it.`,
        state,
        ...placeIn(repo, path, line),
        preview: rule.preview,
        remediation: rule.remediation,
        helpUri: rule.helpUri,
        firstSeenAt: new Date(now - (n * 7 + 2) * HOUR).toISOString(),
        lastSeenAt: new Date(now - HOUR).toISOString(),
        fixedAt: state === 'fixed' ? new Date(now - 2 * HOUR).toISOString() : undefined,
        commitSha: '3f2a9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b',
      });
    }
  }
  // The first AWS key was also copied into two more places: one alert, three locations.
  const aws = out.find((f) => f.ruleId === 'SEC-AWS-ACCESS-KEY' && f.state === 'open')!;
  const copies: [Repo, string, number][] = [
    [MOCK_REPOS[0], 'deploy/helm/values.prod.yaml', 41],
    [MOCK_REPOS[3], 'scripts/bootstrap.sh', 7],
  ];
  for (const [i, [repo, path, line]] of copies.entries()) {
    out.push({
      ...aws,
      id: `f0000000-0000-4000-8000-1000000000${i}0`,
      fingerprint: `fp-copy-${i}`,
      ...placeIn(repo, path, line),
      message: `${aws.title} found in ${path}. The value is masked; Vigil never stores it.`,
    });
  }
  // A few alerts already triaged, to show each state.
  const open = out.filter((f) => f.state === 'open' && f.group === f.id && f !== aws);
  Object.assign(open[3], {
    state: 'dismissed',
    dismissal: { reason: 'used-in-tests', comment: 'Fixture for the integration tests; the account was deleted.', by: 'user-admin', byName: 'Ada Admin', at: new Date(now - 26 * HOUR).toISOString(), expires: '2026-12-31' },
  });
  Object.assign(open[5], {
    dismissal: { reason: 'accepted-risk', by: 'user-admin', byName: 'Ada Admin', at: new Date(now - 60 * 24 * HOUR).toISOString(), expires: '2025-01-31', expired: true },
  });
  Object.assign(open[7], { state: 'suppressed', suppression: { kind: 'inline', reason: 'sample value in the docs' } });
  return out;
}

function location(f: FindingDto): FindingLocationDto {
  return locationsOf({ ...f, locations: undefined })[0];
}

const dto = ({ group: _group, ...f }: MockFinding): FindingDto => f;

const problem = (res: Response, status: number, title: string, detail?: string) =>
  res.status(status).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title, status, detail }));

function paginate<T>(items: T[], req: Request): Paged<T> {
  const limit = Math.min(200, Math.max(1, Number(req.query.limit ?? 50) || 50));
  const offset = req.query.cursor ? Number(Buffer.from(String(req.query.cursor), 'base64url').toString()) || 0 : 0;
  const slice = items.slice(offset, offset + limit);
  const next = offset + slice.length;
  return { items: slice, total: items.length, nextCursor: next < items.length ? Buffer.from(String(next)).toString('base64url') : undefined };
}

const csv = (v: unknown) => (typeof v === 'string' && v ? v.split(',') : undefined);

export async function startMockApi(opts: MockApiOptions = {}): Promise<MockApi> {
  const orgName = opts.orgName ?? 'contoso';
  const stepMs = opts.scanStepMs ?? 4000;
  const startedAt = Date.now();
  let connected = opts.connected ?? true;
  const findings = buildFindings(startedAt);
  /** repo id -> when a manual scan was queued */
  const manual = new Map<string, number>();
  const requests: MockApi['requests'] = [];

  const scanOf = (repo: Repo, now: number): ScanDto | undefined => {
    if (repo.isDisabled || repo.isEmpty) return undefined;
    const queued = manual.get(repo.id);
    if (queued !== undefined && now - queued < 2 * stepMs) {
      const running = now - queued >= stepMs;
      return { id: `scan-${repo.id}-m`, repositoryId: repo.id, repositoryName: repo.name, state: running ? 'running' : 'queued', trigger: 'manual', queuedAt: new Date(queued).toISOString(), startedAt: running ? new Date(queued + stepMs).toISOString() : undefined, scanners: [], warnings: [] };
    }
    const finished = queued !== undefined ? queued + 2 * stepMs : startedAt - 40 * 60_000;
    const failed = repo.name === 'ledger-batch-jobs-with-a-rather-long-repository-name' && queued === undefined;
    return {
      id: `scan-${repo.id}`,
      repositoryId: repo.id,
      repositoryName: repo.name,
      commitSha: '3f2a9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b',
      state: failed ? 'failed' : 'done',
      trigger: queued !== undefined ? 'manual' : 'discovery',
      queuedAt: new Date(finished - 12_000).toISOString(),
      startedAt: new Date(finished - 9_000).toISOString(),
      finishedAt: new Date(finished).toISOString(),
      durationMs: 9_000,
      error: failed ? 'Download stopped: the repository archive is larger than the 500 MB cap' : undefined,
      filesScanned: failed ? undefined : 412,
      scanners: [],
      warnings: [],
    };
  };

  const counts = (repoId: string): SeverityCounts => {
    const c: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
    for (const f of findings) if (f.repositoryId === repoId && f.state === 'open') c[f.severity]++;
    return c;
  };

  const repoDto = (repo: Repo, now: number): RepositoryDto => {
    const lastScan = scanOf(repo, now);
    return {
      id: repo.id,
      name: repo.name,
      projectId: repo.project.id,
      projectName: repo.project.name,
      defaultBranch: repo.isEmpty ? undefined : 'refs/heads/main',
      webUrl: `https://dev.azure.com/${orgName}/${repo.project.name}/_git/${repo.name}`,
      isDisabled: Boolean(repo.isDisabled),
      isEmpty: Boolean(repo.isEmpty),
      scanState: lastScan ? lastScan.state : 'never',
      skipReason: repo.isDisabled ? 'repository is disabled' : repo.isEmpty ? 'repository is empty' : undefined,
      lastScan,
      openFindings: counts(repo.id),
    };
  };

  const app = express();
  app.use((req, res, next) => {
    res.set('Access-Control-Allow-Origin', '*');
    res.set('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Vigil-Access-Token, X-Vigil-Org');
    res.set('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS');
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next();
  });
  app.use(express.json());
  app.use('/api/v1', (req, res, next) => {
    requests.push({ method: req.method, path: req.path, query: { ...req.query }, headers: { authorization: req.get('authorization'), 'x-vigil-access-token': req.get('x-vigil-access-token'), 'x-vigil-org': req.get('x-vigil-org') } });
    if (!/^Bearer \S+$/.test(req.get('authorization') ?? '') || !req.get('x-vigil-access-token')) {
      return void problem(res, 401, 'Not signed in', 'Missing app token or access token');
    }
    if (req.path !== '/me' && req.path !== '/organization/connect' && !connected) {
      return void problem(res, 404, 'Organization not connected', 'This organization is not connected to Vigil yet');
    }
    next();
  });

  app.get('/api/v1/me', (_req, res) => {
    const body: MeResponse = {
      user: { id: 'user-admin', displayName: 'Ada Admin' },
      organization: { name: orgName, connected, id: connected ? 'org-1' : undefined, url: `https://dev.azure.com/${orgName}` },
      isOrgAdmin: opts.isOrgAdmin ?? true,
    };
    res.json(body);
  });
  app.post('/api/v1/organization/connect', (req, res) => {
    const pat = String(req.body?.pat ?? '');
    if (pat.length < 20) return void problem(res, 400, 'Invalid request', 'pat: looks too short for a personal access token');
    if (pat.startsWith('noscope')) {
      return void problem(res, 400, 'The PAT lacks scopes', 'The PAT is missing these scopes: Code (Read) — vso.code. Create an organization-scoped PAT with them.');
    }
    connected = true;
    const org: OrganizationDto = { id: 'org-1', name: orgName, url: String(req.body.organizationUrl), connectedAt: new Date().toISOString(), connectedBy: 'Ada Admin', credentialKind: 'pat', repositoryCount: MOCK_REPOS.length };
    res.status(201).json(org);
  });
  app.get('/api/v1/organization', (_req, res) => {
    const org: OrganizationDto = { id: 'org-1', name: orgName, url: `https://dev.azure.com/${orgName}`, connectedAt: new Date(startedAt).toISOString(), connectedBy: 'Ada Admin', credentialKind: 'pat', lastDiscoveryAt: new Date(startedAt).toISOString(), repositoryCount: MOCK_REPOS.length };
    res.json(org);
  });
  app.get('/api/v1/repositories', (req, res) => {
    const now = Date.now();
    const repos = MOCK_REPOS.filter((r) => !req.query.project || r.project.id === req.query.project).map((r) => repoDto(r, now));
    res.json(paginate(repos, req));
  });
  app.get('/api/v1/scans', (req, res) => {
    const now = Date.now();
    const scans = MOCK_REPOS.filter((r) => !req.query.repository || r.id === req.query.repository)
      .map((r) => scanOf(r, now))
      .filter((s): s is ScanDto => Boolean(s));
    res.json(paginate(scans, req));
  });
  app.post('/api/v1/scans', (req, res) => {
    const id = req.body?.repositoryId as string | undefined;
    const targets = MOCK_REPOS.filter((r) => !r.isDisabled && !r.isEmpty && (!id || r.id === id));
    const now = Date.now();
    for (const r of targets) manual.set(r.id, now);
    res.status(202).json({ queued: targets.length, scans: targets.map((r) => ({ id: `scan-${r.id}-m`, repositoryId: r.id })) });
  });
  app.get('/api/v1/findings', (req, res) => {
    const severity = csv(req.query.severity);
    const category = csv(req.query.category);
    const state = csv(req.query.state) ?? ['open'];
    const inScope = (f: FindingDto) =>
      (!req.query.repository || f.repositoryId === req.query.repository) && (!req.query.project || f.projectId === req.query.project);
    const list = findings.filter(
      (f) =>
        (!severity || severity.includes(f.severity)) &&
        (!category || category.includes(f.category)) &&
        state.includes(f.state) &&
        inScope(f),
    );
    const rank = ['critical', 'high', 'medium', 'low', 'info'];
    list.sort((a, b) => rank.indexOf(a.severity) - rank.indexOf(b.severity) || b.firstSeenAt.localeCompare(a.firstSeenAt));
    if (req.query.group !== 'credential') return void res.json(paginate(list.map(dto), req));
    const seen = new Set<string>();
    const alerts: FindingDto[] = [];
    for (const f of list) {
      if (seen.has(f.group)) continue;
      seen.add(f.group);
      alerts.push({ ...dto(f), locations: findings.filter((g) => g.group === f.group && inScope(g)).map(location) });
    }
    res.json(paginate(alerts, req));
  });
  const alertOf = (req: Request, res: Response): MockFinding[] | undefined => {
    if (!(opts.isOrgAdmin ?? true)) return void problem(res, 403, 'Forbidden', 'Dismissing and reopening alerts needs an organization administrator');
    const target = findings.find((f) => f.id === req.params.id);
    if (!target) return void problem(res, 404, 'Not found', 'No such finding in this organization');
    return findings.filter((f) => f.group === target.group);
  };
  app.put('/api/v1/findings/:id/dismissal', (req, res) => {
    const errors: { path: string; message: string }[] = [];
    const { reason, comment, expires } = req.body ?? {};
    if (!DISMISSAL_REASONS.includes(reason)) errors.push({ path: 'reason', message: `must be one of ${DISMISSAL_REASONS.join(', ')}` });
    if (expires !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(String(expires)) || String(expires) < new Date().toISOString().slice(0, 10))) {
      errors.push({ path: 'expires', message: 'must not be in the past' });
    }
    if (errors.length) {
      return void res.status(400).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title: 'Invalid request', status: 400, detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors }));
    }
    const group = alertOf(req, res);
    if (!group) return;
    const dismissal: DismissalDto = { reason, comment: comment || undefined, expires, by: 'user-admin', byName: 'Ada Admin', at: new Date().toISOString() };
    for (const f of group) Object.assign(f, { dismissal, state: f.state === 'fixed' ? 'fixed' : 'dismissed' });
    res.json(dto(group.find((f) => f.id === req.params.id)!));
  });
  app.delete('/api/v1/findings/:id/dismissal', (req, res) => {
    const group = alertOf(req, res);
    if (!group) return;
    for (const f of group) Object.assign(f, { dismissal: undefined, state: f.state === 'dismissed' ? (f.suppression ? 'suppressed' : 'open') : f.state });
    res.json(dto(group.find((f) => f.id === req.params.id)!));
  });

  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const s = app.listen(opts.port ?? 0, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
