import { errorForStatus } from './errors';
import { backoffDelay, MAX_BACKOFF_MS, MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry';

const NOW = Date.parse('2025-06-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['25', 25_000],
    ['1.5', 1_500],
    ['0', 0],
    [new Date(NOW + 10_000).toUTCString(), 10_000],
    [new Date(NOW - 10_000).toUTCString(), 0],
    ['99999', MAX_RETRY_AFTER_MS],
  ])('%s -> %d ms', (header, ms) => {
    expect(parseRetryAfter(header, NOW)).toBe(ms);
  });
  it.each([null, undefined, '', 'soon', '-5'])('%s -> null', (header) => {
    expect(parseRetryAfter(header, NOW)).toBeNull();
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt, with jitter between half and all of the step, capped at 60 s', () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(0, () => 1)).toBe(1000);
    expect(backoffDelay(3, () => 0.5)).toBe(6000);
    expect(backoffDelay(20, () => 1)).toBe(MAX_BACKOFF_MS);
    expect(backoffDelay(20, () => 0)).toBe(MAX_BACKOFF_MS / 2);
  });
});

describe('errorForStatus', () => {
  const ctx = { operation: 'list projects', path: '_apis/projects', credentialKind: 'pat' as const, attempts: 1 };
  it('parses ADO error JSON into the message and the TF code', () => {
    const body = JSON.stringify({ $id: '1', message: 'TF401019: The Git repository with name or identifier x does not exist', typeKey: 'GitRepositoryNotFoundException' });
    const err = errorForStatus(404, body, ctx);
    expect(err).toMatchObject({ kind: 'not-found', tfCode: 'TF401019', status: 404, path: '_apis/projects' });
    expect(err.message).toMatch(/may not see it.*TF401019: The Git repository/);
  });
  it('never copies an HTML body into the message', () => {
    const err = errorForStatus(500, '<html><body>Server Error with a lot of markup</body></html>', ctx);
    expect(err.kind).toBe('server');
    expect(err.message).not.toContain('<');
  });
  it('says a write answered 429 or 5xx was not retried (it may have taken effect) rather than throttled or failed every attempt', () => {
    const write = { ...ctx, operation: 'subscribe', path: '_apis/hooks/subscriptions', method: 'POST', notRetried: true };
    expect(errorForStatus(429, '', write)).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect(errorForStatus(429, '', write).message).toBe('Azure DevOps throttled the request to subscribe (HTTP 429); not retried, as it may have taken effect: check before trying again');
    expect(errorForStatus(503, '', write).message).toBe('Azure DevOps failed to subscribe (HTTP 503); not retried, as it may have taken effect: check before trying again');
    expect(errorForStatus(429, '', { ...ctx, attempts: 5 }).message).toBe('Azure DevOps throttled every attempt to list projects (5 attempts, HTTP 429); try again later');
  });
  it('names the scope on a 403 and the cause on a 401', () => {
    expect(errorForStatus(403, '', ctx).message).toMatch(/"Project and Team \(Read\)" scope \(vso\.project\)/);
    expect(errorForStatus(401, '', { ...ctx, credentialKind: 'bearer' }).message).toMatch(/access token is wrong/);
  });
});
