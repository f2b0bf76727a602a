// App-token checks (audience, lifetime) and the caller cache's lifetime: issue 10, item 7.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { DEFAULT_APP_TOKEN_AUDIENCES, loadConfig } from '../config';
import { AppError } from '../errors';
import type { Caller } from '../usecases/identify-caller';
import { AudienceError, CallerCache, checkAppToken, MAX_APP_TOKEN_LIFETIME_S } from './auth';

const SECRET = 's'.repeat(40);
const ISSUER = 'app.vstoken.visualstudio.com';
const AUDIENCE = '560de67c-a2e8-408a-86ae-be7ea6bd0b7a';
const NOW = 1_769_006_959;
const check = { secrets: [SECRET], issuer: ISSUER, audiences: [AUDIENCE], now: NOW };

/** As Azure DevOps issues them: nbf now, exp 70 minutes later (third-party decodes, ado-platform.md §2.4). */
const token = (claims: Record<string, unknown> = {}) => {
  const payload = Object.fromEntries(
    Object.entries({ nameid: 'user-1', tid: 't', iss: ISSUER, aud: AUDIENCE, nbf: NOW, exp: NOW + 70 * 60, ...claims }).filter(([, v]) => v !== undefined),
  );
  return jwt.sign(payload, SECRET, { algorithm: 'HS256', noTimestamp: true });
};

const refusal = (t: string, c = check): AppError => {
  try {
    checkAppToken(t, c);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(401);
    return err as AppError;
  }
  throw new Error('the token was accepted');
};

describe('app tokens', () => {
  test('a token as Azure DevOps issues it is accepted, and says when it expires', () => {
    expect(checkAppToken(token(), check)).toEqual({ userId: 'user-1', expiresAt: (NOW + 70 * 60) * 1000 });
    // aud may be a list: one accepted value is enough.
    expect(checkAppToken(token({ aud: ['other', AUDIENCE] }), check).userId).toBe('user-1');
  });

  test('another audience, or none, is refused and the audience named for the log', () => {
    const other = refusal(token({ aud: 'vigil-security.someone-else' }));
    expect(other).toBeInstanceOf(AudienceError);
    expect((other as AudienceError).tokenAudience).toBe('vigil-security.someone-else');
    expect(other.detail).toMatch(/audience.*VIGIL_APP_TOKEN_AUDIENCE/);
    expect((refusal(token({ aud: undefined })) as AudienceError).tokenAudience).toBe('(none)');
  });

  test('a lifetime beyond what Azure DevOps issues is refused', () => {
    // Ten years from nbf.
    expect(refusal(token({ exp: NOW + 10 * 365 * 86400 })).detail).toMatch(/lifetime/);
    // No nbf nor iat: measured from now.
    expect(refusal(token({ nbf: undefined, exp: NOW + MAX_APP_TOKEN_LIFETIME_S + 600 })).detail).toMatch(/lifetime/);
    // A short life that starts tomorrow: refused today.
    expect(refusal(token({ nbf: NOW + 86400, exp: NOW + 86400 + 60 })).detail).toMatch(/not valid yet/);
    // A long life behind an nbf in the past is measured from now too.
    expect(refusal(token({ nbf: NOW - 60, exp: NOW + 5 * 3600 })).detail).toMatch(/lifetime/);
    // Right at the cap is fine.
    expect(checkAppToken(token({ exp: NOW + MAX_APP_TOKEN_LIFETIME_S }), check).userId).toBe('user-1');
  });

  test('expired, wrongly signed, or from another issuer: refused', () => {
    expect(refusal(token({ nbf: NOW - 3 * 3600, exp: NOW - 3600 })).detail).toMatch(/expired/);
    expect(refusal(jwt.sign({ nameid: 'u', aud: AUDIENCE, nbf: NOW, exp: NOW + 60 }, 'x'.repeat(40), { algorithm: 'HS256', issuer: ISSUER })).detail).toMatch(/invalid/);
    expect(refusal(token({ iss: 'evil.example.com' })).detail).toMatch(/issuer/);
  });

  test('the previous secret is still accepted', () => {
    expect(checkAppToken(token(), { ...check, secrets: ['p'.repeat(40), SECRET] }).userId).toBe('user-1');
  });

  test('the default audiences are the full ids of the packages vss-extension.json and configs/ build', () => {
    const root = path.join(__dirname, '../..');
    const manifest = JSON.parse(readFileSync(path.join(root, 'vss-extension.json'), 'utf8'));
    const ids = readdirSync(path.join(root, 'configs'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(path.join(root, 'configs', f), 'utf8')).id ?? manifest.id);
    expect([...DEFAULT_APP_TOKEN_AUDIENCES].sort()).toEqual([...new Set(ids)].map((id) => `${manifest.publisher}.${id}`).sort());
    // A token of the dev package (as the fake host frame signs it) passes with the default audiences.
    const devToken = jwt.sign({ nameid: 'u' }, SECRET, { algorithm: 'HS256', issuer: ISSUER, audience: 'vigil-security.vigil-dev', expiresIn: 70 * 60 });
    expect(checkAppToken(devToken, { secrets: [SECRET], issuer: ISSUER, audiences: DEFAULT_APP_TOKEN_AUDIENCES }).userId).toBe('u');
  });

  test('VIGIL_APP_TOKEN_AUDIENCE: a comma-separated list, never empty', () => {
    const env = { VIGIL_APP_SECRET: SECRET, VIGIL_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'), VIGIL_DATA_DIR: '/nonexistent-vigil' };
    expect(loadConfig(env).appTokenAudiences).toEqual(DEFAULT_APP_TOKEN_AUDIENCES);
    expect(loadConfig({ ...env, VIGIL_APP_TOKEN_AUDIENCE: ` ${AUDIENCE}, old-guid ` }).appTokenAudiences).toEqual([AUDIENCE, 'old-guid']);
    expect(() => loadConfig({ ...env, VIGIL_APP_TOKEN_AUDIENCE: ' , ' })).toThrow(/VIGIL_APP_TOKEN_AUDIENCE: must name at least one audience/);
  });
});

describe('the caller cache', () => {
  const caller = { userId: 'u', orgName: 'contoso', isOrgAdmin: true } as Caller;
  const clock = () => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => void (t += ms) };
  };

  test('by default, a resolved caller (and its rights) is reused for one minute, not five', () => {
    const env = { VIGIL_APP_SECRET: SECRET, VIGIL_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'), VIGIL_DATA_DIR: '/nonexistent-vigil' };
    const ttl = loadConfig(env).callerCacheSeconds;
    expect(ttl).toBe(60);
    const c = clock();
    const cache = new CallerCache(ttl * 1000, c.now);
    cache.set('k', caller, c.now() + 3600_000);
    c.advance(59_000);
    expect(cache.get('k')).toBe(caller);
    c.advance(2_000);
    // A right revoked in Azure DevOps a minute ago no longer counts: the caller is asked for again.
    expect(cache.get('k')).toBeUndefined();
  });

  test('never beyond the app token it was resolved with', () => {
    const c = clock();
    const cache = new CallerCache(60_000, c.now);
    cache.set('k', caller, c.now() + 10_000);
    c.advance(10_001);
    expect(cache.get('k')).toBeUndefined();
    cache.set('expired', caller, c.now() - 1);
    expect(cache.get('expired')).toBeUndefined();
  });

  test('0 seconds: nothing is cached; an organization can be forgotten at once', () => {
    const c = clock();
    const off = new CallerCache(0, c.now);
    off.set('k', caller, c.now() + 60_000);
    expect(off.get('k')).toBeUndefined();
    const cache = new CallerCache(60_000, c.now);
    cache.set('k', caller, c.now() + 60_000);
    cache.forgetOrg('CONTOSO');
    expect(cache.get('k')).toBeUndefined();
  });
});
