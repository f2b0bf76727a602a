// The verification runner: one check per distinct secret, suppressed findings left alone, the
// per-scan cap, bounded concurrency per host, the collector forgetting values, and the proof that a
// secret can only ever be sent to its own provider's host.
import type { Finding } from '../contract/model';
import { HostGate } from './limiter';
import { VERIFIERS } from './providers';
import { providerUrl } from './transport';
import type { ProviderRequest, VerifyTransport } from './types';
import { safeDetail, SecretVerifier } from './verifier';

const ghp = (n: number) => `ghp_${'A'.repeat(30)}${String(n).padStart(6, '0')}`;

const finding = (fingerprint: string, extra: Partial<Finding> = {}): Finding => ({
  ruleId: 'SEC-GITHUB-PAT',
  title: 'GitHub personal access token',
  severity: 'critical',
  category: 'secret',
  confidence: 'high',
  message: 'GitHub personal access token found',
  location: { kind: 'file', path: `src/${fingerprint}.js`, line: 1 },
  fingerprint,
  remediation: 'Rotate it',
  ...extra,
});

interface Sent {
  host: string;
  request: ProviderRequest;
}

/** Answers every request 200 {"login": "octocat"} and records it; `gate` holds answers until released. */
function recordingTransport(opts: { status?: number; body?: string; hold?: boolean } = {}) {
  const sent: Sent[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const held: (() => void)[] = [];
  const transport: VerifyTransport = async (host, request) => {
    sent.push({ host, request });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    if (opts.hold) await new Promise<void>((resolve) => held.push(resolve));
    inFlight--;
    return { status: opts.status ?? 200, headers: {}, body: opts.body ?? '{"login":"octocat"}' };
  };
  return {
    transport,
    sent,
    get maxInFlight() {
      return maxInFlight;
    },
    releaseAll() {
      while (held.length) held.shift()!();
    },
    get waiting() {
      return held.length;
    },
  };
}

describe('SecretVerifier.verifyFindings', () => {
  test('one request per distinct secret; every finding of it gets the answer; suppressed ones are not checked', async () => {
    const rec = recordingTransport();
    const verifier = new SecretVerifier({ transport: rec.transport, limits: { minIntervalMs: 0 }, now: () => new Date('2025-06-01T10:00:00Z') });
    const collector = verifier.collector();
    collector.onSecret({ fingerprint: 'a', ruleId: 'SEC-GITHUB-PAT', value: ghp(1) });
    collector.onSecret({ fingerprint: 'b', ruleId: 'SEC-GITHUB-PAT', value: ghp(1) });
    collector.onSecret({ fingerprint: 'c', ruleId: 'SEC-GITHUB-PAT', value: ghp(2) });
    collector.onSecret({ fingerprint: 'd', ruleId: 'SEC-GENERIC-PASSWORD', value: 'not-kept-by-the-collector' });
    expect(collector.size).toBe(3);
    const findings = [finding('a'), finding('b'), finding('c', { suppressed: { kind: 'inline', reason: 'test key' } }), finding('d', { ruleId: 'SEC-GENERIC-PASSWORD' })];
    const { findings: out, report } = await verifier.verifyFindings(findings, collector, {});
    expect(rec.sent).toHaveLength(1);
    const answer = { state: 'verified', at: '2025-06-01T10:00:00.000Z', provider: 'GitHub', detail: 'octocat' };
    expect(out.map((f) => f.verification)).toEqual([answer, answer, undefined, undefined]);
    expect(report).toEqual({ verified: 1, invalid: 0, unknown: 0 });
    // The values are forgotten once checked.
    expect(collector.size).toBe(0);
    expect(collector.get('a')).toBeUndefined();
  });

  test('past maxPerScan distinct secrets the rest are unknown, and not sent', async () => {
    const rec = recordingTransport();
    const verifier = new SecretVerifier({ transport: rec.transport, limits: { minIntervalMs: 0, maxPerScan: 3 } });
    const collector = verifier.collector();
    const findings = Array.from({ length: 5 }, (_, i) => {
      collector.onSecret({ fingerprint: `f${i}`, ruleId: 'SEC-GITHUB-PAT', value: ghp(i) });
      return finding(`f${i}`);
    });
    const { findings: out, report } = await verifier.verifyFindings(findings, collector, {});
    expect(rec.sent).toHaveLength(3);
    expect(out.map((f) => f.verification?.state)).toEqual(['verified', 'verified', 'verified', 'unknown', 'unknown']);
    expect(out[4].verification?.detail).toBe('not checked: more than 3 secrets in one scan');
    expect(report).toEqual({ verified: 3, invalid: 0, unknown: 2 });
  });

  test('at most `concurrency` requests to one host are in flight', async () => {
    const rec = recordingTransport({ hold: true });
    const verifier = new SecretVerifier({ transport: rec.transport, limits: { minIntervalMs: 0, concurrency: 2 } });
    const collector = verifier.collector();
    const findings = Array.from({ length: 6 }, (_, i) => {
      collector.onSecret({ fingerprint: `f${i}`, ruleId: 'SEC-GITHUB-PAT', value: ghp(i) });
      return finding(`f${i}`);
    });
    const done = verifier.verifyFindings(findings, collector, {});
    while (rec.sent.length < 6) {
      await new Promise((resolve) => setImmediate(resolve));
      if (rec.waiting === 2) rec.releaseAll();
    }
    rec.releaseAll();
    await done;
    expect(rec.maxInFlight).toBe(2);
  });

  test('an aborted scan stops verification with the abort', async () => {
    const rec = recordingTransport({ hold: true });
    const verifier = new SecretVerifier({ transport: rec.transport, limits: { minIntervalMs: 0, concurrency: 1 } });
    const collector = verifier.collector();
    collector.onSecret({ fingerprint: 'a', ruleId: 'SEC-GITHUB-PAT', value: ghp(1) });
    collector.onSecret({ fingerprint: 'b', ruleId: 'SEC-GITHUB-PAT', value: ghp(2) });
    const controller = new AbortController();
    const done = verifier.verifyFindings([finding('a'), finding('b')], collector, {}, controller.signal);
    while (rec.waiting < 1) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error('shutdown'));
    rec.releaseAll();
    await expect(done).rejects.toThrow('shutdown');
    expect(collector.size).toBe(0);
  });

  test('a provider echoing the secret back does not get it stored', async () => {
    const value = ghp(7);
    const rec = recordingTransport({ body: JSON.stringify({ login: `x${value}` }) });
    const verifier = new SecretVerifier({ transport: rec.transport, limits: { minIntervalMs: 0 } });
    const got = await verifier.check({ ruleId: 'SEC-GITHUB-PAT', value }, {});
    expect(got?.detail).toBe('(withheld: the answer repeated the secret)');
  });
});

describe('a secret goes to its own provider only', () => {
  /** A distinct value per rule (the verifiers do not check shapes; the pairs of AWS and Twilio must look right). */
  const sample = (ruleId: string, i: number) => ({ ruleId, value: `secret-${i}-${'x'.repeat(40)}-end`, paired: ruleId === 'SEC-AWS-SECRET-ACCESS-KEY' ? `AKIA${'ABCDEFGHIJKLMNOP'}` : ruleId === 'SEC-TWILIO-AUTH-TOKEN' ? `AC${'0'.repeat(31)}${i % 10}` : undefined });

  test('every request of every verifier goes to that verifier host, which is a fixed public provider name, and never carries another rule secret', async () => {
    const rec = recordingTransport({ status: 401, body: '{}' });
    const verifier = new SecretVerifier({ transport: rec.transport, limits: { minIntervalMs: 0 } });
    const all = VERIFIERS.flatMap((v) => v.ruleIds.map((ruleId, i) => ({ v, secret: sample(ruleId, i + 100 * VERIFIERS.indexOf(v)) })));
    for (const { v, secret } of all) {
      const before = rec.sent.length;
      await verifier.check(secret.paired ? secret : { ruleId: secret.ruleId, value: secret.value }, { adoOrganization: 'contoso' });
      const mine = rec.sent.slice(before);
      expect(mine.map((m) => m.host)).toEqual([v.host]);
      // The path never holds the secret (paths end up in logs and proxies).
      expect(mine[0].request.path).not.toContain(secret.value);
    }
    // Secrets travel only to their verifier's host (AWS's not at all: it only signs).
    for (const { v, secret } of all) {
      const carriers = rec.sent.filter((m) => JSON.stringify(m.request).includes(secret.value) || decodedAuth(m.request).includes(secret.value));
      expect(carriers.map((m) => m.host)).toEqual(v.host === 'sts.amazonaws.com' ? [] : [v.host]);
    }
    // The hosts: public provider names, HTTPS, fixed in the verifiers' source.
    for (const v of VERIFIERS) expect(v.host).toMatch(/^(?:[a-z0-9-]+\.)+[a-z]{2,}$/);
    expect(new Set(VERIFIERS.map((v) => v.host))).toEqual(
      new Set([
        'api.github.com',
        'gitlab.com',
        'slack.com',
        'sts.amazonaws.com',
        'dev.azure.com',
        'registry.npmjs.org',
        'api.stripe.com',
        'api.sendgrid.com',
        'api.openai.com',
        'api.anthropic.com',
        'huggingface.co',
        'api.digitalocean.com',
        'api.twilio.com',
        'api.notion.com',
        'api.groq.com',
        'api.getpostman.com',
        'api.doppler.com',
      ]),
    );
  });

  test('no path can move a request off its host', () => {
    expect(providerUrl('api.github.com', '/user').href).toBe('https://api.github.com/user');
    for (const path of ['@evil.example/x', '//evil.example/x', '/user\n', '', 'user', '/a b']) expect(() => providerUrl('api.github.com', path)).toThrow();
    // A backslash or an at-sign after the first '/' stays on the host.
    expect(providerUrl('api.github.com', '/\\@evil.example').host).toBe('api.github.com');
    expect(providerUrl('api.github.com', '/x@evil.example').host).toBe('api.github.com');
  });

  test('a verifier whose request names a bad path is unknown, and nothing is sent', async () => {
    const rec = recordingTransport();
    const rogue = { ...VERIFIERS[0], request: () => ({ method: 'GET' as const, path: '@evil.example/', headers: {} }) };
    const verifier = new SecretVerifier({ transport: rec.transport, verifiers: [rogue] });
    expect(await verifier.check({ ruleId: 'SEC-GITHUB-PAT', value: ghp(3) }, {})).toMatchObject({ state: 'unknown', detail: 'the request could not be built' });
    expect(rec.sent).toEqual([]);
  });
});

function decodedAuth(r: ProviderRequest): string {
  const m = /^Basic (.+)$/.exec(r.headers.Authorization ?? '');
  return m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
}

describe('safeDetail', () => {
  test('one printable line of at most 120 characters', () => {
    const s = { ruleId: 'R', value: 'sekrit-value' };
    expect(safeDetail('a\nb\u001b[31m  c\u202e', s)).toBe('a b [31m c');
    expect(safeDetail('x'.repeat(300), s)).toHaveLength(120);
    expect(safeDetail('   ', s)).toBeUndefined();
  });
});

describe('HostGate', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('spaces request starts by minIntervalMs and holds back past the concurrency', async () => {
    let now = 0;
    const gate = new HostGate({ concurrency: 1, minIntervalMs: 1000 }, () => now);
    const first = await gate.acquire();
    let second: (() => void) | undefined;
    void gate.acquire().then((r) => (second = r));
    await Promise.resolve();
    expect(second).toBeUndefined(); // the slot is taken
    first();
    await Promise.resolve();
    await Promise.resolve();
    expect(second).toBeUndefined(); // the slot is free, the spacing is not over
    now = 1000;
    await jest.advanceTimersByTimeAsync(1000);
    expect(second).toBeDefined();
  });

  test('a pause lasts as long as it was asked for', () => {
    let now = 0;
    const gate = new HostGate({ concurrency: 1, minIntervalMs: 0 }, () => now);
    gate.pause(30_000);
    expect(gate.paused()).toBe(true);
    now = 30_001;
    expect(gate.paused()).toBe(false);
  });
});
