// Every provider verifier against the fake providers (test/fake-providers): a live secret is verified
// (with who it belongs to), a revoked or unknown one is invalid, a 429, a 500 or no answer is unknown;
// and each secret reaches its own provider's host only.
import { SECRET_RULES } from '../engine/secrets';
import { HEX, randomToken } from '../engine/secrets/examples';
import { SecretScanner, type FoundSecret } from '../engine/secrets/scanner';
import { startFakeProviders, type FakeProviders } from '../../test/fake-providers/server';
import { fakeProvidersTransport } from '../../test/fake-providers/transport';
import { VERIFIERS } from './providers';
import type { SecretToVerify, Verifier } from './types';
import { SecretVerifier } from './verifier';

const scanner = new SecretScanner(SECRET_RULES);

/** A value each rule really reports, taken from the rule's own must-flag examples through the scanner's hook. */
function sampleOf(ruleId: string): SecretToVerify {
  const rule = SECRET_RULES.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  for (const example of rule.examples.mustFlag) {
    const found: FoundSecret[] = [];
    const content = Buffer.from(example, 'utf8');
    scanner.scan({ path: rule.examplePath ?? 'example.txt', size: content.length, content }, { options: { salt: 's', onSecret: (s) => found.push(s) }, warn: () => undefined });
    const hit = found.find((s) => s.ruleId === ruleId);
    if (hit) return { ruleId, value: hit.value, ...(hit.paired ? { paired: hit.paired } : {}) };
  }
  throw new Error(`no must-flag example of ${ruleId} gives a value`);
}

const AWS_KEY_ID = 'AKIA' + randomToken('verify-aws-id', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16);
const TWILIO_SID = 'AC' + randomToken('verify-twilio-sid', HEX, 32);
/** The pair the finding carries for rules that need one. */
const PAIRS: Record<string, string> = { 'SEC-AWS-SECRET-ACCESS-KEY': AWS_KEY_ID, 'SEC-TWILIO-AUTH-TOKEN': TWILIO_SID };
const ctx = { adoOrganization: 'contoso' };

const cases: [string, Verifier][] = VERIFIERS.flatMap((v) => v.ruleIds.map((id): [string, Verifier] => [id, v]));
const samples = new Map(cases.map(([id]) => [id, (() => {
  const s = sampleOf(id);
  return PAIRS[id] ? { ...s, paired: PAIRS[id] } : s;
})()]));

describe('provider verifiers', () => {
  let fake: FakeProviders;
  beforeAll(async () => {
    fake = await startFakeProviders();
  });
  afterAll(async () => {
    await fake?.close();
  });
  const verifier = (limits = {}) => new SecretVerifier({ transport: fakeProvidersTransport(fake.url), limits: { minIntervalMs: 0, ...limits } });

  test('every verified rule exists, and belongs to one verifier', () => {
    const ids = new Set(SECRET_RULES.map((r) => r.id));
    const all = cases.map(([id]) => id);
    expect(all.filter((id) => !ids.has(id))).toEqual([]);
    expect(new Set(all).size).toBe(all.length);
    expect(VERIFIERS.length).toBeGreaterThanOrEqual(15);
  });

  test.each(cases)('%s: live -> verified with an identity, on its provider\'s host only', async (ruleId, v) => {
    const secret = samples.get(ruleId)!;
    fake.register(secret.value, 'live', { identity: `who-${ruleId.toLowerCase()}`, ...(secret.paired ? { pairedId: secret.paired } : {}) });
    const got = await verifier().check(secret, ctx);
    expect(got).toMatchObject({ state: 'verified', provider: v.provider });
    expect(Number.isNaN(Date.parse(got!.at))).toBe(false);
    // AWS signs: the secret itself never travels, only the key id and a signature.
    const hosts = fake.hostsThatSaw(ruleId === 'SEC-AWS-SECRET-ACCESS-KEY' ? secret.paired! : secret.value);
    expect(hosts).toEqual([v.host]);
    expect(got!.detail ?? '').not.toContain(secret.value);
  });

  test.each(cases)('%s: revoked -> invalid (Azure DevOps: unknown, the PAT may be of another organization)', async (ruleId, v) => {
    const secret = { ...samples.get(ruleId)!, value: samples.get(ruleId)!.value.slice(0, -2) + 'zz' };
    fake.register(secret.value, 'revoked', secret.paired ? { pairedId: `${secret.paired}-other` } : {});
    const got = await verifier().check(secret, ctx);
    if (v.host === 'dev.azure.com') expect(got).toMatchObject({ state: 'unknown', detail: expect.stringMatching(/another/) });
    else expect(got).toMatchObject({ state: 'invalid', provider: v.provider });
  });

  test.each(cases)('%s: 429, 500 and no answer -> unknown, with the reason', async (ruleId) => {
    const base = samples.get(ruleId)!;
    // Digits 2-7 keep a paired id valid both as an AWS key id (base32) and as a Twilio SID (hex).
    const variant = (tag: string) => ({ ...base, value: base.value.slice(0, -2) + tag, ...(base.paired ? { paired: base.paired.slice(0, -2) + tag } : {}) });
    const [limited, failing, silent] = [variant('23'), variant('34'), variant('45')];
    const register = (s: SecretToVerify, b: 'rate-limited' | 'error' | 'hang') => fake.register(s.value, b, s.paired ? { pairedId: s.paired } : {});
    register(limited, 'rate-limited');
    register(failing, 'error');
    register(silent, 'hang');
    expect(await verifier().check(limited, ctx)).toMatchObject({ state: 'unknown', detail: expect.stringMatching(/rate limited .*429/) });
    expect(await verifier().check(failing, ctx)).toMatchObject({ state: 'unknown', detail: expect.stringMatching(/HTTP 500/) });
    expect(await verifier({ timeoutMs: 300 }).check(silent, ctx)).toMatchObject({ state: 'unknown', detail: expect.stringMatching(/no answer .* within 0.3 s/) });
  });

  test('a 429 pauses the provider for its Retry-After: the next check is not sent', async () => {
    const s = samples.get('SEC-GITHUB-PAT')!;
    const limited = { ...s, value: s.value.slice(0, -4) + 'RL42' };
    fake.register(limited.value, 'rate-limited');
    const v = verifier();
    await v.check(limited, ctx);
    const before = fake.requests.length;
    const next = await v.check({ ...s, value: s.value.slice(0, -4) + 'NX42' }, ctx);
    expect(next).toMatchObject({ state: 'unknown', detail: expect.stringMatching(/^not checked: GitHub asked to wait until /) });
    expect(fake.requests.length).toBe(before);
    // Another provider is not paused.
    const npm = samples.get('SEC-NPM-ACCESS-TOKEN')!;
    expect((await v.check(npm, ctx))?.state).not.toBe('unknown');
  });

  test('what cannot be checked says why, and sends nothing', async () => {
    const before = fake.requests.length;
    const v = verifier();
    const aws = samples.get('SEC-AWS-SECRET-ACCESS-KEY')!;
    expect(await v.check({ ruleId: aws.ruleId, value: aws.value }, ctx)).toMatchObject({ state: 'unknown', detail: 'not checked: no access key id found beside the secret' });
    const ado = samples.get('SEC-AZURE-DEVOPS-PAT')!;
    expect(await v.check(ado, {})).toMatchObject({ state: 'unknown', detail: expect.stringMatching(/Azure DevOps Services organization/) });
    const dor = { ruleId: 'SEC-DIGITALOCEAN-OAUTH-TOKEN', value: 'dor_v1_' + randomToken('verify-dor', HEX, 64) };
    expect(await v.check(dor, ctx)).toMatchObject({ state: 'unknown', detail: expect.stringMatching(/refresh token/) });
    expect(await v.check({ ruleId: 'SEC-GENERIC-PASSWORD', value: 'hunter2hunter2' }, ctx)).toBeUndefined();
    expect(fake.requests.length).toBe(before);
  });

  test('AWS: a secret that does not match its key id is invalid (the fake checks the signature)', async () => {
    const aws = samples.get('SEC-AWS-SECRET-ACCESS-KEY')!;
    const otherId = 'AKIA' + randomToken('verify-aws-other', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16);
    fake.register(aws.value.slice(0, -1) + (aws.value.endsWith('A') ? 'B' : 'A'), 'live', { pairedId: otherId });
    expect(await verifier().check({ ...aws, paired: otherId }, ctx)).toMatchObject({ state: 'invalid', detail: expect.stringMatching(/SignatureDoesNotMatch/) });
  });
});
