// Optional secret verification through the whole service: the fake ADO organization is connected and
// scanned with verification off (nothing is sent to any provider), an administrator turns the
// organization's verifySecrets on, a rescan asks the fake providers about the planted secrets, and the
// findings API shows verified / invalid / unknown, lists verified live secrets first and filters on
// it. Each planted secret reaches its own provider's host only, and never a log line.
import { z } from 'zod';
import { findingDtoSchema, pagedSchema, triggerScanResponseSchema, type FindingDto } from '../../service/contract/api';
import { fullOrganizationSettingsSchema } from '../../service/contract/settings-api';
import { startFakeProviders, type FakeProviders } from '../fake-providers/server';
import { fakeProvidersTransport } from '../fake-providers/transport';
import { databaseKinds } from '../support/databases';
import { planted, reportedLine } from '../support/planted';
import { startStack, type Stack } from '../support/stack';
import { contractApi } from './contract';

const findingsPage = pagedSchema(findingDtoSchema);
const contoso = planted.filter((p) => p.org === 'contoso');
const value = (repo: string, kind: string) => contoso.find((p) => p.repo === repo && p.kind === kind)!.value;

/** The provider host each planted kind may be sent to; kinds with no verifier go nowhere. */
const HOST_OF_KIND: Record<string, string[]> = {
  'github-pat': ['api.github.com'],
  'slack-bot-token': ['slack.com'],
  'npm-token': ['registry.npmjs.org'],
  // AWS: the key id travels in the signed request; the secret itself only as a signature.
  'aws-access-key-id': ['sts.amazonaws.com'],
};

describe.each(databaseKinds)('secret verification end to end on %s', (kind) => {
  let fake: FakeProviders;
  let stack: Stack;
  let api: ReturnType<typeof contractApi>;

  beforeAll(async () => {
    fake = await startFakeProviders();
    fake.register(value('web-storefront', 'github-pat'), 'live', { identity: 'octocat' });
    fake.register(value('hostile-samples', 'github-pat'), 'revoked');
    fake.register(value('web-storefront', 'aws-secret-access-key'), 'live', {
      identity: 'arn:aws:iam::123456789012:user/deploy',
      pairedId: value('web-storefront', 'aws-access-key-id'),
    });
    fake.register(value('payments-api', 'slack-bot-token'), 'revoked');
    fake.register(value('web-storefront', 'npm-token'), 'error');
    stack = await startStack({ database: kind, captureLogs: true, verifyTransport: fakeProvidersTransport(fake.url) });
    api = contractApi(stack);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await fake?.close();
  }, 60_000);

  const secrets = async (query = '') =>
    (await api.ok(findingsPage, stack.users.admin, 'GET', `/api/v1/findings?category=secret&limit=200${query}`)).body.items;
  const at = (items: FindingDto[], repo: string, kind: string): FindingDto => {
    const p = contoso.find((q) => q.repo === repo && q.kind === kind)!;
    const f = items.find((i) => i.repositoryName === repo && i.location.kind === 'file' && i.location.path === p.path && i.location.line === reportedLine(p));
    if (!f) throw new Error(`no finding for ${repo}/${p.path}:${reportedLine(p)}`);
    return f;
  };

  test('verification is off by default: a scan sends nothing to any provider', async () => {
    await stack.connectAndScan();
    expect((await api.ok(fullOrganizationSettingsSchema, stack.users.admin, 'GET', '/api/v1/organization/settings')).body).toMatchObject({ verifySecrets: false, gateSeverity: 'high', prComments: true });
    expect(fake.requests).toEqual([]);
    expect((await secrets()).filter((f) => f.verification)).toEqual([]);
  }, 120_000);

  test('only an organization administrator changes the setting, with a valid body', async () => {
    const { admin, dev } = stack.users;
    expect((await api.ok(fullOrganizationSettingsSchema, dev, 'GET', '/api/v1/organization/settings')).body).toMatchObject({ verifySecrets: false, gateSeverity: 'high', prComments: true });
    const denied = await api.problem(dev, 'PATCH', '/api/v1/organization/settings', { verifySecrets: true });
    expect(denied.status).toBe(403);
    for (const body of [{ verifySecrets: 'yes' }, { verifySecrets: true, verifyHost: 'evil.example' }]) {
      const bad = await api.problem(admin, 'PATCH', '/api/v1/organization/settings', body);
      expect(bad.status).toBe(400);
      expect(bad.body.title).toBe('Invalid request');
    }
    expect((await api.ok(fullOrganizationSettingsSchema, admin, 'GET', '/api/v1/organization/settings')).body).toMatchObject({ verifySecrets: false, gateSeverity: 'high', prComments: true });
    const on = await api.ok(fullOrganizationSettingsSchema, admin, 'PATCH', '/api/v1/organization/settings', { verifySecrets: true });
    expect(on.body).toMatchObject({ verifySecrets: true, gateSeverity: 'high', prComments: true });
  });

  test('a rescan with verification on records what each provider said', async () => {
    const trigger = await api.ok(triggerScanResponseSchema, stack.users.admin, 'POST', '/api/v1/scans', {});
    expect(trigger.body.queued).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    await stack.waitForScans('contoso', 90_000);

    const items = await secrets();
    const v = (repo: string, kind: string) => at(items, repo, kind).verification;
    expect(v('web-storefront', 'github-pat')).toMatchObject({ state: 'verified', provider: 'GitHub', detail: 'octocat' });
    expect(v('hostile-samples', 'github-pat')).toMatchObject({ state: 'invalid', provider: 'GitHub' });
    expect(v('web-storefront', 'aws-secret-access-key')).toMatchObject({ state: 'verified', provider: 'AWS', detail: 'arn:aws:iam::123456789012:user/deploy' });
    expect(v('payments-api', 'slack-bot-token')).toMatchObject({ state: 'invalid', provider: 'Slack', detail: 'token_revoked' });
    expect(v('web-storefront', 'npm-token')).toMatchObject({ state: 'unknown', provider: 'npm', detail: 'npm failed to answer (HTTP 500)' });
    // The fake ADO organization is not on dev.azure.com: its PATs are not sent anywhere.
    expect(v('payments-api', 'azure-devops-pat')).toMatchObject({ state: 'unknown', provider: 'Azure DevOps', detail: expect.stringMatching(/^not checked/) });
    // No verifier for these.
    expect(v('payments-api', 'database-password')).toBeUndefined();
    expect(v('web-storefront', 'private-key')).toBeUndefined();
    for (const f of items.filter((i) => i.verification)) expect(Number.isNaN(Date.parse(f.verification!.at))).toBe(false);

    // Verified live secrets first.
    const states = items.map((f) => f.verification?.state);
    const lastVerified = states.lastIndexOf('verified');
    expect(lastVerified).toBeGreaterThanOrEqual(1);
    expect(states.slice(0, lastVerified + 1).every((s) => s === 'verified')).toBe(true);

    // The filter, flat and by credential.
    const live = await secrets('&verification=verified');
    expect(live.length).toBe(lastVerified + 1);
    expect(live.every((f) => f.verification?.state === 'verified')).toBe(true);
    const grouped = await secrets('&group=credential&verification=invalid,unknown');
    expect(grouped.length).toBeGreaterThan(0);
    expect(grouped.every((f) => f.verification?.state === 'invalid' || f.verification?.state === 'unknown')).toBe(true);
    const bad = await api.problem(stack.users.admin, 'GET', '/api/v1/findings?verification=live');
    expect(bad.status).toBe(400);
  }, 120_000);

  test('each planted secret reached its own provider only, and no log line holds one', async () => {
    for (const p of contoso) {
      const elsewhere = fake.hostsThatSaw(p.value).filter((h) => !(HOST_OF_KIND[p.kind] ?? []).includes(h));
      expect({ kind: p.kind, elsewhere }).toEqual({ kind: p.kind, elsewhere: [] });
    }
    expect(fake.hostsThatSaw(value('web-storefront', 'github-pat'))).toEqual(['api.github.com']);
    expect(fake.hostsThatSaw(value('payments-api', 'slack-bot-token'))).toEqual(['slack.com']);
    expect(fake.hostsThatSaw(value('web-storefront', 'aws-access-key-id'))).toEqual(['sts.amazonaws.com']);
    expect(fake.requests.every((r) => Object.values(HOST_OF_KIND).flat().includes(r.host))).toBe(true);
    const logs = stack.logs.join('\n');
    expect(logs).toMatch(/secrets verified/);
    for (const p of planted) expect(logs.includes(p.value)).toBe(false);
  });

  test('turning it off again stops the checks and keeps the recorded answers', async () => {
    await api.ok(fullOrganizationSettingsSchema, stack.users.admin, 'PATCH', '/api/v1/organization/settings', { verifySecrets: false });
    const before = fake.requests.length;
    await api.ok(triggerScanResponseSchema, stack.users.admin, 'POST', '/api/v1/scans', {});
    await new Promise((r) => setTimeout(r, 300));
    await stack.waitForScans('contoso', 90_000);
    expect(fake.requests.length).toBe(before);
    const items = await secrets();
    expect(at(items, 'web-storefront', 'github-pat').verification).toMatchObject({ state: 'verified', detail: 'octocat' });
    expect(z.array(findingDtoSchema).safeParse(items).success).toBe(true);
  }, 120_000);
});
