// Fake secret providers: one Express app that answers, for each provider host Vigil verifies
// secrets with, the "who am I" call the way that provider documents it: for a live secret, a revoked
// (or unknown) one, and on demand a 429 with Retry-After, a 500 or no answer at all. Requests arrive
// as /{host}/{path} (the test transport, transport.ts, puts the verifier's host first), and every one
// is recorded so that tests can prove where each secret went.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Request, type Response, type Router } from 'express';
import { signV4 } from '../../service/verify/sigv4';

/** How the fake treats a registered secret. Unregistered secrets are refused, as real providers do. */
export type Behaviour = 'live' | 'revoked' | 'rate-limited' | 'error' | 'hang';

export interface Registered {
  behaviour: Behaviour;
  /** Who the provider says it belongs to (a login, a team...). */
  identity: string;
}

export interface RecordedProviderRequest {
  host: string;
  method: string;
  /** Path and query below the host. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface FakeProviders {
  url: string;
  /** Every request received, in order. */
  requests: RecordedProviderRequest[];
  /** Declares a secret (and, for AWS and Twilio, its paired id) with its behaviour. */
  register(secret: string, behaviour: Behaviour, opts?: { identity?: string; pairedId?: string }): void;
  /** The hosts a value appeared on (in a path, a header or a body). */
  hostsThatSaw(value: string): string[];
  close(): Promise<void>;
}

export const RETRY_AFTER_SECONDS = 30;

export async function startFakeProviders(): Promise<FakeProviders> {
  const secrets = new Map<string, Registered>();
  /** AWS access key id / Twilio account SID -> the secret that goes with it. */
  const pairs = new Map<string, string>();
  const requests: RecordedProviderRequest[] = [];
  const hanging = new Set<Response>();

  const app = express();
  app.disable('x-powered-by');
  app.use(express.text({ type: () => true, limit: '64kb' }));
  app.use((req, _res, next) => {
    const [, host, ...rest] = req.originalUrl.split('/');
    requests.push({
      host: decodeURIComponent(host ?? ''),
      method: req.method,
      path: `/${rest.join('/')}`,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')])),
      body: typeof req.body === 'string' ? req.body : '',
    });
    next();
  });

  /** Looks a secret up and answers the abnormal behaviours; returns the registration for live/revoked/unknown. */
  function judge(res: Response, secret: string | undefined, json = true): Registered | undefined | 'answered' {
    const reg = secret ? secrets.get(secret) : undefined;
    if (reg?.behaviour === 'rate-limited') {
      res.status(429).set('Retry-After', String(RETRY_AFTER_SECONDS));
      if (json) res.json({ message: 'Too many requests' });
      else res.type('text/plain').send('Too many requests');
      return 'answered';
    }
    if (reg?.behaviour === 'error') {
      res.status(500).type('text/plain').send('Internal error');
      return 'answered';
    }
    if (reg?.behaviour === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return 'answered';
    }
    return reg;
  }
  const live = (r: Registered | undefined): r is Registered => r?.behaviour === 'live';
  const bearerOf = (req: Request): string | undefined => /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
  const basicOf = (req: Request): [string, string] | undefined => {
    const m = /^Basic (.+)$/.exec(req.get('authorization') ?? '');
    if (!m) return undefined;
    const text = Buffer.from(m[1], 'base64').toString('utf8');
    const i = text.indexOf(':');
    return i < 0 ? undefined : [text.slice(0, i), text.slice(i + 1)];
  };

  /** The common shape: a bearer-like credential, 200 with `body(identity)` when live, `refusal` otherwise. */
  function simple(router: Router, method: 'get' | 'post', path: string, credential: (req: Request) => string | undefined, body: (identity: string) => unknown, refusal: { status: number; body: unknown }): void {
    router[method](path, (req, res) => {
      const reg = judge(res, credential(req));
      if (reg === 'answered') return;
      if (live(reg)) return void res.json(body(reg.identity));
      res.status(refusal.status).json(refusal.body);
    });
  }

  const hosts: Record<string, Router> = {};
  const host = (name: string): Router => (hosts[name] = express.Router());

  // GitHub: 401 {"message":"Bad credentials"}.
  const gh = host('api.github.com');
  const ghRefused = { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } };
  simple(gh, 'get', '/user', bearerOf, (login) => ({ login, id: 1, type: 'User' }), ghRefused);
  simple(gh, 'get', '/installation/repositories', bearerOf, () => ({ total_count: 1, repositories: [{ name: 'private-repo' }] }), ghRefused);

  // GitLab.com
  const gl = host('gitlab.com');
  gl.get('/api/v4/personal_access_tokens/self', (req, res) => {
    const reg = judge(res, req.get('private-token'));
    if (reg === 'answered') return;
    if (live(reg)) return void res.json({ id: 7, name: reg.identity, revoked: false, active: true, scopes: ['read_api'], user_id: 3 });
    res.status(401).json({ message: '401 Unauthorized' });
  });
  gl.post('/api/v4/runners/verify', (req, res) => {
    let token: string | undefined;
    try {
      token = JSON.parse(req.body).token;
    } catch {
      token = undefined;
    }
    const reg = judge(res, token);
    if (reg === 'answered') return;
    if (live(reg)) return void res.status(200).json({ id: 12, token, token_expires_at: null });
    res.status(403).json({ message: '403 Forbidden' });
  });

  // Slack: always 200, {ok:false,error} when refused.
  simple(host('slack.com'), 'post', '/api/auth.test', bearerOf, (identity) => ({ ok: true, url: 'https://example.slack.com/', team: 'Example', user: identity, team_id: 'T01', user_id: 'U01', bot_id: 'B01' }), {
    status: 200,
    body: { ok: false, error: 'token_revoked' },
  });

  // AWS STS: SigV4 checked against the registered pair.
  host('sts.amazonaws.com').post('/', (req, res) => {
    const auth = req.get('authorization') ?? '';
    const keyId = /Credential=([A-Z0-9]+)\//.exec(auth)?.[1];
    const secret = keyId ? pairs.get(keyId) : undefined;
    const xmlError = (code: string) =>
      res.status(403).type('text/xml').send(`<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>refused</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`);
    const reg = judge(res, secret, false);
    if (reg === 'answered') return;
    if (!secret || !live(reg)) return void xmlError('InvalidClientTokenId');
    const expected = signV4({
      method: 'POST',
      host: 'sts.amazonaws.com',
      path: '/',
      headers: { 'Content-Type': req.get('content-type') ?? '' },
      body: req.body,
      accessKeyId: keyId!,
      secretAccessKey: secret,
      region: 'us-east-1',
      service: 'sts',
      now: parseAmzDate(req.get('x-amz-date') ?? ''),
    });
    if (expected.headers.Authorization !== auth) return void xmlError('SignatureDoesNotMatch');
    res
      .type('text/xml')
      .send(
        `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${reg.identity}</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
  });

  // Azure DevOps: connectionData of any organization; 401 without the Suppress header would be a 203 sign-in page.
  host('dev.azure.com').get('/:org/_apis/connectionData', (req, res) => {
    const reg = judge(res, basicOf(req)?.[1]);
    if (reg === 'answered') return;
    if (live(reg)) return void res.json({ authenticatedUser: { id: '4f1e0c4b-0000-4000-8000-000000000001', providerDisplayName: reg.identity }, instanceId: 'i-1' });
    if (req.get('x-tfs-fedauthredirect') === 'Suppress') return void res.status(401).send('');
    res.status(203).type('text/html').send('<html>Sign in</html>');
  });

  simple(host('registry.npmjs.org'), 'get', '/-/whoami', bearerOf, (username) => ({ username }), { status: 401, body: { error: 'Unauthorized' } });
  simple(host('api.stripe.com'), 'get', '/v1/account', bearerOf, (identity) => ({ id: 'acct_1Example', object: 'account', settings: { dashboard: { display_name: identity } } }), {
    status: 401,
    body: { error: { message: 'Invalid API Key provided', type: 'invalid_request_error' } },
  });
  simple(host('api.sendgrid.com'), 'get', '/v3/scopes', bearerOf, () => ({ scopes: ['mail.send', 'user.profile.read'] }), { status: 401, body: { errors: [{ field: null, message: 'authorization required' }] } });
  simple(host('api.openai.com'), 'get', '/v1/models', bearerOf, () => ({ object: 'list', data: [{ id: 'gpt-4o', object: 'model' }] }), {
    status: 401,
    body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } },
  });
  const anthropicRefused = { status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } } };
  const xApiKey = (req: Request) => req.get('x-api-key');
  simple(host('api.anthropic.com'), 'get', '/v1/models', xApiKey, () => ({ data: [{ id: 'claude-x', type: 'model' }], has_more: false }), anthropicRefused);
  simple(hosts['api.anthropic.com'], 'get', '/v1/organizations/me', xApiKey, (name) => ({ id: 'org-1', type: 'organization', name }), anthropicRefused);
  simple(host('huggingface.co'), 'get', '/api/whoami-v2', bearerOf, (name) => ({ type: 'user', name, auth: { accessToken: { role: 'read' } } }), { status: 401, body: { error: 'Invalid credentials in Authorization header' } });
  simple(host('api.digitalocean.com'), 'get', '/v2/account', bearerOf, (team) => ({ account: { uuid: 'u-1', email: 'someone@example.com', status: 'active', team: { uuid: 't-1', name: team } } }), {
    status: 401,
    body: { id: 'unauthorized', message: 'Unable to authenticate you' },
  });
  host('api.twilio.com').get('/2010-04-01/Accounts/:sid.json', (req, res) => {
    const [user, token] = basicOf(req) ?? [];
    const reg = judge(res, token);
    if (reg === 'answered') return;
    if (live(reg) && user === req.params.sid && pairs.get(user) === token) return void res.json({ sid: user, friendly_name: reg.identity, status: 'active' });
    res.status(401).json({ code: 20003, message: 'Authenticate', status: 401 });
  });
  simple(host('api.notion.com'), 'get', '/v1/users/me', bearerOf, (workspace) => ({ object: 'user', type: 'bot', name: 'Integration', bot: { workspace_name: workspace } }), {
    status: 401,
    body: { object: 'error', status: 401, code: 'unauthorized', message: 'API token is invalid.' },
  });
  simple(host('api.groq.com'), 'get', '/openai/v1/models', bearerOf, () => ({ object: 'list', data: [] }), { status: 401, body: { error: { message: 'Invalid API Key', code: 'invalid_api_key' } } });
  simple(host('api.getpostman.com'), 'get', '/me', (req) => req.get('x-api-key'), (username) => ({ user: { id: 1, username } }), { status: 401, body: { error: { name: 'AuthenticationError', message: 'Invalid API Key.' } } });
  simple(host('api.doppler.com'), 'get', '/v3/me', bearerOf, (workplace) => ({ name: 'ci token', type: 'service_token', workplace: { name: workplace } }), { status: 401, body: { messages: ['Invalid Auth token'], success: false } });

  for (const [name, router] of Object.entries(hosts)) app.use(`/${name}`, router);
  app.use((req, res) => void res.status(404).json({ message: `the fake has no ${req.method} ${req.originalUrl}` }));

  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    register(secret, behaviour, opts = {}) {
      secrets.set(secret, { behaviour, identity: opts.identity ?? 'octocat' });
      if (opts.pairedId) pairs.set(opts.pairedId, secret);
    },
    hostsThatSaw(value) {
      const seen = (r: RecordedProviderRequest) => {
        const auth = r.headers.authorization ?? '';
        const basic = /^Basic (.+)$/.exec(auth);
        const decoded = basic ? Buffer.from(basic[1], 'base64').toString('utf8') : '';
        return [r.path, r.body, decoded, ...Object.values(r.headers)].some((part) => part.includes(value));
      };
      return [...new Set(requests.filter(seen).map((r) => r.host))];
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** 20150830T123600Z -> Date. */
function parseAmzDate(v: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : new Date(NaN);
}
