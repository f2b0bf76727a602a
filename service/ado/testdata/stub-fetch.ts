// Test helpers: a fetch stub that answers ADO-shaped JSON and records the calls, a deterministic
// clock, a client against the fake organization, and the samples copied from docs/ado-samples.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FakeAdo } from '../../../test/fake-ado/server';
import { AdoClient, type AdoClientOptions } from '../client';
import { AdoError, type AdoCredential } from '../types';

export interface StubCall {
  method: string;
  url: URL;
  headers: Headers;
  /** Parsed JSON body, when one was sent. */
  body?: unknown;
}

export interface StubAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON (content type application/json) unless `text` is given. */
  body?: unknown;
  text?: string;
}

export function stubFetch(handler: (call: StubCall, index: number) => StubAnswer | Promise<StubAnswer>) {
  const calls: StubCall[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const text = typeof init?.body === 'string' ? init.body : undefined;
    const call: StubCall = {
      method: init?.method ?? 'GET',
      url: new URL(String(input)),
      headers: new Headers(init?.headers),
      body: text === undefined ? undefined : JSON.parse(text),
    };
    calls.push(call);
    const answer = await handler(call, calls.length - 1);
    const status = answer.status ?? 200;
    const noBody = status === 204 || (answer.body === undefined && answer.text === undefined);
    const headers = new Headers(answer.headers);
    if (!noBody && !headers.has('content-type')) headers.set('content-type', answer.text !== undefined ? 'text/plain' : 'application/json; charset=utf-8');
    return new Response(noBody ? null : (answer.text ?? JSON.stringify(answer.body)), { status, headers });
  };
  return { fetchImpl, calls };
}

/** The `response` (or another key) of a sample in this folder. */
export function sample<T = unknown>(name: string, key = 'response'): T {
  return JSON.parse(readFileSync(path.join(__dirname, `${name}.json`), 'utf8'))[key] as T;
}

export const FIXED_NOW = 1_700_000_000_000;

/** A client with a clock that only moves when the client sleeps, and recorded sleeps and warnings. */
export function testClient(fetchImpl: typeof fetch, over: Partial<AdoClientOptions> = {}) {
  const sleeps: number[] = [];
  const warnings: { obj: Record<string, unknown>; msg: string }[] = [];
  const clock = { now: FIXED_NOW };
  const options: AdoClientOptions = {
    orgUrl: 'https://dev.azure.com/contoso',
    credential: { kind: 'pat', token: 'test-pat-value' },
    fetchImpl,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.now += ms;
    },
    now: () => clock.now,
    random: () => 0.5,
    logger: { warn: (obj, msg) => warnings.push({ obj: obj as Record<string, unknown>, msg }) },
    ...over,
  };
  return { client: new AdoClient(options), options, sleeps, warnings, clock };
}

/**
 * testClient against the fake organization (test/fake-ado): contoso unless `over.orgUrl` says
 * otherwise, with `token` (default the full-scope PAT; a string is a PAT) over real HTTP.
 */
export function fakeClient(fake: Pick<FakeAdo, 'orgUrl' | 'pats'>, token: string | AdoCredential = fake.pats.full, over: Partial<AdoClientOptions> = {}) {
  const credential: AdoCredential = typeof token === 'string' ? { kind: 'pat', token } : token;
  return testClient(fetch, { orgUrl: fake.orgUrl('contoso'), credential, ...over });
}

export const adoError = (status: number, message: string, typeKey = 'TestException'): StubAnswer => ({
  status,
  body: { $id: '1', innerException: null, message, typeName: typeKey, typeKey, errorCode: 0, eventId: 3000 },
});

/** The AdoError a call fails with; any other outcome fails the test. */
export async function adoErrorOf(p: Promise<unknown>): Promise<AdoError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AdoError) return err;
    throw err;
  }
  throw new Error('expected an AdoError, the call succeeded');
}
