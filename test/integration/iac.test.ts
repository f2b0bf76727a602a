// Infrastructure as code end to end: the service scans the fake organization (platform-infra holds
// Terraform with a local module, a plan JSON, Bicep with a module, ARM with a parameters file, a Helm
// chart, a Kustomize overlay, CloudFormation, SAM, Serverless, OpenAPI and Dockerfiles) and the API
// gives exactly the planted misconfigurations (test/fake-ado/fixtures/planted-iac.json): open or
// suppressed as the files say, filtered by platform, with the resource and the rule's IaC facts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { findingDtoSchema, pagedSchema, repositoryDtoSchema, scanDtoSchema, type FindingDto, type RepositoryDto } from '../../service/contract/api';
import { iacRules } from '../../service/engine/iac/rules';
import { checkovIds } from '../../service/engine/iac/evaluate';
import { IAC_PLATFORMS } from '../../service/contract/vocabulary';
import { databaseKinds } from '../support/databases';
import { findingIacKey, iacDiff, plantedIac, plantedIacKey, type PlantedIac } from '../support/planted-iac';
import { startStack, type Stack } from '../support/stack';
import { conforming, contractApi } from './contract';

const findingsPage = pagedSchema(findingDtoSchema);
const scansPage = pagedSchema(scanDtoSchema);
const { planted, decoys } = plantedIac;
const ruleById = new Map(iacRules.map((r) => [r.id, r]));
/** Folder names are repository names in the fake's contoso fixtures. */
const fixtureFile = (repo: string, file: string) => path.join(__dirname, '../fake-ado/fixtures/repos/contoso', repo, file);

describe.each(databaseKinds)('infrastructure as code through the service on %s', (kind) => {
  let stack: Stack;
  let api: ReturnType<typeof contractApi>;
  let repos: Record<string, RepositoryDto>;
  /** Every IaC finding of the organization, open and suppressed. */
  let all: FindingDto[];

  /** Every page of a findings query (the planted set is larger than one page). */
  const everyPage = async (query: string): Promise<FindingDto[]> => {
    const out: FindingDto[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const body = (await api.ok(findingsPage, stack.users.admin, 'GET', `/api/v1/findings?${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).body;
      out.push(...body.items);
      if (!body.nextCursor) {
        expect(out).toHaveLength(body.total);
        return out;
      }
      cursor = body.nextCursor;
    }
    throw new Error(`more than 50 pages of ${query}`);
  };
  const expectSameSet = (what: string, expected: readonly PlantedIac[], found: readonly FindingDto[]) => {
    const diff = iacDiff(expected.map(plantedIacKey), found.map(findingIacKey));
    expect(diff ? `${what}:\n${diff}` : '').toBe('');
  };

  beforeAll(async () => {
    stack = await startStack({ database: kind });
    api = contractApi(stack);
    await stack.connectAndScan();
    const list = conforming(z.array(repositoryDtoSchema), await stack.waitForScans('contoso', 120_000), 'repositories');
    repos = Object.fromEntries(list.map((r) => [r.name, r]));
    all = await everyPage('category=iac&state=open,suppressed');
  }, 240_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  test('the planted set is reviewed: every entry names a real rule of its platform, once', () => {
    expect(planted.length).toBeGreaterThan(50);
    for (const p of planted) {
      expect({ key: plantedIacKey(p), rule: ruleById.has(p.ruleId), platform: (IAC_PLATFORMS as readonly string[]).includes(p.platform) }).toEqual({
        key: plantedIacKey(p),
        rule: true,
        platform: true,
      });
    }
    const keys = planted.map(plantedIacKey);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    // Each names a line of a file of the fixtures, and each decoy a file.
    const badPlaces = planted.filter((p) => !existsSync(fixtureFile(p.repo, p.path)) || readFileSync(fixtureFile(p.repo, p.path), 'utf8').split('\n').length < p.line);
    expect(badPlaces.map(plantedIacKey)).toEqual([]);
    expect(decoys.filter((d) => !existsSync(fixtureFile(d.repo, d.path))).map((d) => `${d.repo} ${d.path}`)).toEqual([]);
    // Every platform the scanner reads has at least one planted finding.
    expect(new Set(planted.map((p) => p.platform))).toEqual(new Set(IAC_PLATFORMS));
  });

  test('the IaC findings of the organization are exactly the planted set, open or suppressed as the files say', () => {
    expectSameSet('IaC findings of the organization (open and suppressed) against planted-iac.json', planted, all);
    for (const f of all) expect({ id: f.id, category: f.category }).toEqual({ id: f.id, category: 'iac' });
  });

  test('decoys: the well-configured resources give no finding of the rule they stand next to', () => {
    expect(decoys.length).toBeGreaterThan(5);
    const hits = decoys.filter((d) =>
      all.some((f) => f.repositoryName === d.repo && f.ruleId === d.ruleId && f.location.kind === 'resource' && f.location.address === d.address),
    );
    expect(hits.map((d) => `${d.repo} ${d.path} ${d.ruleId} ${d.address}: ${d.note}`)).toEqual([]);
    // A decoy stands next to a planted finding of the same rule, so the rule did run on that platform.
    for (const d of decoys) expect({ decoy: `${d.ruleId} ${d.address}`, planted: planted.some((p) => p.ruleId === d.ruleId) }).toEqual({ decoy: `${d.ruleId} ${d.address}`, planted: true });
  });

  test('findings carry the resource, the platform, the resource type, the Checkov id and the fix', () => {
    for (const f of all) {
      const rule = ruleById.get(f.ruleId)!;
      expect(f.location.kind).toBe('resource');
      if (f.location.kind !== 'resource') continue;
      const p = planted.find((x) => plantedIacKey(x) === findingIacKey(f));
      expect(f.iac).toEqual({
        platform: p?.platform ?? '(not planted)',
        resourceType: expect.any(String),
        ...(checkovIds(rule).length ? { checkov: checkovIds(rule)[0] } : {}),
        ...(rule.remediationSnippet ? { fix: rule.remediationSnippet } : {}),
      });
      expect(f).toMatchObject({ title: rule.title, severity: rule.severity, remediation: rule.remediation });
      // The place in words names the file, the line and the resource; the link opens the file at that line.
      expect(f.locationText).toContain(`${f.location.path}:${f.location.line}`);
      expect(f.locationText).toContain(f.location.address);
      const link = new URL(f.webUrl!);
      expect([link.searchParams.get('path'), link.searchParams.get('line')]).toEqual([`/${f.location.path}`, String(f.location.line)]);
    }

    // The SSH rule planted inside the local module: reported in the module's file, named by its module
    // address, its value coming from terraform.tfvars through a variable, a local and the module input.
    const ssh = all.find((f) => f.ruleId === 'IAC-TF-AZ-NSG-SSH-INTERNET' && f.repositoryName === 'platform-infra' && f.location.kind === 'resource' && f.location.path.startsWith('terraform/'))!;
    expect(ssh).toMatchObject({
      severity: 'high',
      state: 'open',
      location: { kind: 'resource', path: 'terraform/modules/network/main.tf', address: 'module.network.azurerm_network_security_rule.ssh' },
      iac: { platform: 'terraform', resourceType: 'azurerm_network_security_rule', checkov: 'CKV_AZURE_10', fix: expect.any(String) },
    });
    // The Kustomize overlay's patch is where the break is: the finding points into the patch file.
    const hostNetwork = all.find((f) => f.ruleId === 'IAC-K8S-HOST-NETWORK' && f.iac?.platform === 'kustomize')!;
    expect(hostNetwork.location).toMatchObject({ kind: 'resource', path: 'kustomize/overlays/prod/debug-tools.yaml', attribute: 'spec.template.spec.hostNetwork', value: true });
    // The ARM parameters file decides: publicNetworkAccess is Disabled by default, Enabled by the file.
    const sqlPublic = all.find((f) => f.ruleId === 'IAC-AZ-SQL-PUBLIC-NETWORK' && f.iac?.platform === 'arm');
    expect(sqlPublic?.location).toMatchObject({ kind: 'resource', path: 'arm/azuredeploy.json', value: 'Enabled' });
  });

  test('the platform filter narrows to each platform, and several platforms add up', async () => {
    for (const platform of IAC_PLATFORMS) {
      const found = await everyPage(`category=iac&state=open,suppressed&platform=${platform}`);
      expectSameSet(`platform=${platform}`, planted.filter((p) => p.platform === platform), found);
    }
    const two = await everyPage('category=iac&state=open,suppressed&platform=helm,kustomize');
    expectSameSet('platform=helm,kustomize', planted.filter((p) => p.platform === 'helm' || p.platform === 'kustomize'), two);
    // Open only (the default state): the suppressed ones are left out.
    const open = await everyPage('category=iac');
    expectSameSet('open IaC findings', planted.filter((p) => !p.suppressed), open);
    expect((await api.problem(stack.users.admin, 'GET', '/api/v1/findings?platform=pulumi')).status).toBe(400);
    // The platform filter is about IaC findings: secrets have none.
    expect((await everyPage('category=secret&platform=terraform')).length).toBe(0);
  });

  test('suppressed findings are in state suppressed with the reason the file gives', () => {
    const suppressed = all.filter((f) => f.state === 'suppressed');
    expect(suppressed.length).toBe(planted.filter((p) => p.suppressed).length);
    expect(suppressed.length).toBeGreaterThanOrEqual(2);
    const checkovSkip = suppressed.find((f) => f.ruleId === 'IAC-TF-AZ-ACR-GEO-REPLICATION');
    expect(checkovSkip?.suppression).toEqual({ kind: 'inline', reason: 'checkov:skip CKV_AZURE_165: Single-region registry, geo-replication is not part of the DR plan' });
    const vigilIgnore = suppressed.find((f) => f.ruleId === 'IAC-AWS-S3-ACCESS-LOGGING');
    expect(vigilIgnore?.suppression).toEqual({ kind: 'inline', reason: 'the access-log bucket cannot log to itself' });
  });

  test("the scan's figures: iac ran on the files it read, the broken file is a warning and nothing else failed", async () => {
    const infra = repos['platform-infra'];
    const scan = infra.lastScan!;
    expect(scan.state).toBe('done');
    const iac = scan.scanners.find((s) => s.scanner === 'iac');
    const inRepo = planted.filter((p) => p.repo === 'platform-infra');
    expect(iac).toMatchObject({ status: 'ran', category: 'iac', findings: inRepo.length, results: { pass: expect.any(Number) } });
    // Every file of every platform is read: at least the distinct files that hold a finding, plus the
    // files that only feed others (variables, tfvars, Chart.yaml, values.yaml, parameters, kustomizations).
    expect(iac!.filesScanned).toBeGreaterThan(new Set(inRepo.map((p) => p.path)).size);
    expect(iac!.rulesRun).toBeGreaterThan(100);
    expect(iac!.results.pass).toBeGreaterThan(decoys.filter((d) => d.repo === 'platform-infra').length);
    expect(iac!.warnings).toBeGreaterThanOrEqual(1);

    const scans = (await api.ok(scansPage, stack.users.admin, 'GET', `/api/v1/scans?repository=${infra.id}&limit=10`)).body.items;
    const last = scans.find((s) => s.id === scan.id)!;
    const iacWarnings = last.warnings.filter((w) => w.scanner === 'iac');
    expect(iacWarnings.length).toBeGreaterThanOrEqual(1);
    expect(iacWarnings.every((w) => w.code === 'parse-error' && w.path === 'cloudformation/broken-queue.yaml')).toBe(true);
    expect(iacWarnings[0].message).toMatch(/^line \d+: /);
    // The repository with only a Dockerfile: iac ran there too; repositories without IaC files ran with nothing to read.
    const payments = repos['payments-api'].lastScan!.scanners.find((s) => s.scanner === 'iac');
    expect(payments).toMatchObject({ status: 'ran', findings: planted.filter((p) => p.repo === 'payments-api').length });
    for (const name of Object.keys(repos).filter((n) => !planted.some((p) => p.repo === n) && repos[n].lastScan)) {
      const run = repos[name].lastScan!.scanners.find((s) => s.scanner === 'iac');
      expect({ name, findings: run?.findings ?? 0, failed: run?.status === 'failed' }).toEqual({ name, findings: 0, failed: false });
    }
  });

  test('one finding in full: GET /findings/{id} gives the same IaC facts', async () => {
    const f = all.find((x) => x.ruleId === 'IAC-K8S-PRIVILEGED-CONTAINER' && x.iac?.platform === 'helm') ?? all[0];
    const one = await api.ok(findingDtoSchema, stack.users.admin, 'GET', `/api/v1/findings/${f.id}`);
    expect(one.body).toMatchObject({ id: f.id, ruleId: f.ruleId, iac: f.iac, location: f.location, state: f.state });
  });
});
