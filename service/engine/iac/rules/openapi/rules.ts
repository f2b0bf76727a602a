// OpenAPI rules: which operations are protected and how (schemes, flows, transport), for OpenAPI 3.x
// and Swagger 2.0 alike.
import type { IacObject, IacResource, IacRule, IacValue, Verdict } from '../../types';
import { isObject, joinPath } from '../../values';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const HELP = 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/';

const v2 = (r: IacResource) => r.meta?.version === '2';

/** Security schemes by name: components.securitySchemes (3.x) or securityDefinitions (2.0). */
function schemes(r: IacResource): { base: string; map: IacObject } {
  if (v2(r)) return { base: 'securityDefinitions', map: isObject(r.attributes.securityDefinitions) ? r.attributes.securityDefinitions : {} };
  const c = r.attributes.components;
  return { base: 'components.securitySchemes', map: isObject(c) && isObject(c.securitySchemes) ? c.securitySchemes : {} };
}

interface Operation {
  path: string;
  method: string;
  op: IacObject;
  at: string;
}

function operations(r: IacResource): Operation[] {
  const out: Operation[] = [];
  const paths = r.attributes.paths;
  if (!isObject(paths)) return out;
  for (const [p, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const m of METHODS) {
      const op = item[m];
      if (isObject(op)) out.push({ path: p, method: m, op, at: joinPath(joinPath('paths', p), m) });
    }
  }
  return out;
}

/** A security list that requires something: at least one requirement object with at least one scheme. */
const protects = (security: IacValue | undefined): boolean => Array.isArray(security) && security.length > 0 && security.every((req) => isObject(req) && Object.keys(req).length > 0);

const doc = (version: '2' | '3', body: string): string => (version === '3' ? `openapi: 3.0.3\ninfo:\n  title: Orders\n  version: "1"\n${body}` : `swagger: "2.0"\ninfo:\n  title: Orders\n  version: "1"\n${body}`);

const bearer3 = 'components:\n  securitySchemes:\n    bearer:\n      type: http\n      scheme: bearer\n';
const ordersGet = (security = '') => `paths:\n  /orders:\n    get:\n${security}      responses:\n        "200":\n          description: ok\n`;

const base = (over: Pick<IacRule, 'id' | 'title' | 'severity' | 'description' | 'remediation' | 'check' | 'examples'> & Partial<IacRule>): IacRule => ({
  model: 'openapi',
  resourceTypes: ['openapi'],
  helpUri: HELP,
  ...over,
});

export const openApiNoSchemes = base({
  id: 'IAC-OPENAPI-NO-SECURITY-SCHEMES',
  title: 'API defines no security scheme',
  severity: 'high',
  description: 'The document defines no security scheme (components.securitySchemes / securityDefinitions): nothing says how callers authenticate, so the API is open unless something outside the contract protects it.',
  remediation: 'Define the authentication the API uses (OAuth2, OpenID Connect, bearer tokens) and require it.',
  remediationSnippet: 'components:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        authorizationCode: { authorizationUrl: https://login.example.com/authorize, tokenUrl: https://login.example.com/token, scopes: { orders.read: Read orders } }\nsecurity:\n  - oauth: [orders.read]',
  checkov: 'CKV_OPENAPI_1',
  cwe: ['CWE-306'],
  check: (r) => {
    if (!operations(r).length) return { outcome: 'not-applicable' };
    const s = schemes(r);
    return Object.keys(s.map).length ? { outcome: 'pass', path: s.base } : { outcome: 'fail', path: s.base };
  },
  examples: {
    openapi: {
      fail: [doc('3', ordersGet()), doc('2', ordersGet())],
      pass: [doc('3', `${bearer3}security:\n  - bearer: []\n${ordersGet()}`), doc('2', `securityDefinitions:\n  key:\n    type: apiKey\n    in: header\n    name: X-Key\n${ordersGet()}`)],
    },
  },
});

export const openApiNoGlobalSecurity = base({
  id: 'IAC-OPENAPI-NO-GLOBAL-SECURITY',
  title: 'No global security requirement',
  severity: 'medium',
  description: 'Without a top-level security requirement every operation is public unless it declares its own; a new endpoint is open by default. A requirement list holding an empty object ({}, authentication optional) does not count, unlike in Checkov.',
  remediation: 'Require a scheme at the top level and let operations opt out explicitly (and rarely).',
  remediationSnippet: 'security:\n  - bearer: []',
  checkov: 'CKV_OPENAPI_4',
  cwe: ['CWE-306'],
  check: (r) => {
    if (!operations(r).length) return { outcome: 'not-applicable' };
    return protects(r.attributes.security) ? { outcome: 'pass', path: 'security', value: r.attributes.security } : { outcome: 'fail', path: 'security', ...(r.attributes.security !== undefined ? { value: r.attributes.security } : {}) };
  },
  examples: {
    openapi: {
      fail: [doc('3', `${bearer3}${ordersGet('      security:\n        - bearer: []\n')}`), doc('3', `${bearer3}security: []\n${ordersGet()}`)],
      pass: [doc('3', `${bearer3}security:\n  - bearer: []\n${ordersGet()}`)],
    },
  },
});

export const openApiUnauthenticatedOperation = base({
  id: 'IAC-OPENAPI-UNAUTHENTICATED-OPERATION',
  title: 'Operation requires no authentication',
  severity: 'medium',
  description: 'Neither the operation nor the document requires a security scheme (or the operation opts out with an empty list): anyone can call it. Unlike Checkov, an operation that opts out with security: [] fails even when the document has a global requirement.',
  remediation: 'Require a scheme on the operation or at the top level; keep deliberate public endpoints (health, login) few and documented.',
  checkov: 'CKV_OPENAPI_5',
  cwe: ['CWE-306'],
  check: (r) => {
    const ops = operations(r);
    if (!ops.length) return { outcome: 'not-applicable' };
    const global = protects(r.attributes.security);
    const verdicts: Verdict[] = ops.map((o) => {
      const own = o.op.security;
      const ok = own === undefined ? global : protects(own);
      return ok
        ? { outcome: 'pass', path: `${o.at}.security` }
        : { outcome: 'fail', path: own === undefined ? o.at : `${o.at}.security`, ...(own !== undefined ? { value: own } : {}), message: `${o.method.toUpperCase()} ${o.path} requires no authentication` };
    });
    const fails = verdicts.filter((v) => v.outcome === 'fail');
    return fails.length ? fails : verdicts[0];
  },
  examples: {
    openapi: {
      fail: [doc('3', `${bearer3}${ordersGet()}`), doc('3', `${bearer3}security:\n  - bearer: []\n${ordersGet('      security: []\n')}`), doc('2', `securityDefinitions:\n  key: { type: apiKey, in: header, name: X-Key }\n${ordersGet('      security:\n        - {}\n')}`)],
      pass: [doc('3', `${bearer3}security:\n  - bearer: []\n${ordersGet()}`), doc('3', `${bearer3}${ordersGet('      security:\n        - bearer: []\n')}`)],
    },
  },
});

function schemeRule(id: string, title: string, severity: IacRule['severity'], description: string, remediation: string, bad: (scheme: IacObject, r: IacResource) => boolean, examples: IacRule['examples'], extra: Partial<IacRule> = {}): IacRule {
  return base({
    id,
    title,
    severity,
    description,
    remediation,
    ...extra,
    check: (r) => {
      const s = schemes(r);
      const names = Object.keys(s.map);
      if (!names.length) return { outcome: 'not-applicable' };
      const fails: Verdict[] = names.filter((n) => isObject(s.map[n]) && bad(s.map[n] as IacObject, r)).map((n) => ({ outcome: 'fail', path: joinPath(s.base, n), message: `${title}: security scheme ${n}` }));
      return fails.length ? fails : { outcome: 'pass', path: s.base };
    },
    examples,
  });
}

export const openApiBasicAuth = schemeRule(
  'IAC-OPENAPI-BASIC-AUTH',
  'Security scheme uses HTTP basic authentication',
  'medium',
  'Basic authentication sends a reusable password with every request, without expiry, scopes or multi-factor authentication.',
  'Use OAuth2 / OpenID Connect or short-lived bearer tokens instead of basic authentication.',
  (s) => (String(s.type).toLowerCase() === 'http' && String(s.scheme).toLowerCase() === 'basic') || String(s.type).toLowerCase() === 'basic',
  {
    openapi: {
      fail: [doc('3', `components:\n  securitySchemes:\n    basic:\n      type: http\n      scheme: basic\n${ordersGet()}`), doc('2', `securityDefinitions:\n  basic:\n    type: basic\n${ordersGet()}`)],
      pass: [doc('3', `${bearer3}${ordersGet()}`)],
    },
  },
  { checkov: ['CKV_OPENAPI_13', 'CKV_OPENAPI_15'], cwe: ['CWE-522'] },
);

const flowsOf = (s: IacObject, r: IacResource): string[] => (v2(r) ? (typeof s.flow === 'string' ? [s.flow] : []) : isObject(s.flows) ? Object.keys(s.flows) : []);

export const openApiImplicitFlow = schemeRule(
  'IAC-OPENAPI-OAUTH-IMPLICIT-FLOW',
  'OAuth2 implicit flow',
  'medium',
  'The implicit flow returns access tokens in the browser redirect, where they leak through history, referrers and logs; OAuth 2.0 Security BCP deprecates it.',
  'Use the authorization code flow with PKCE.',
  (s, r) => String(s.type).toLowerCase() === 'oauth2' && flowsOf(s, r).includes('implicit'),
  {
    openapi: {
      fail: [doc('3', `components:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        implicit:\n          authorizationUrl: https://login.example.com/authorize\n          scopes: {}\n${ordersGet()}`), doc('2', `securityDefinitions:\n  oauth:\n    type: oauth2\n    flow: implicit\n    authorizationUrl: https://login.example.com/authorize\n    scopes: {}\n${ordersGet()}`)],
      pass: [doc('3', `components:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        authorizationCode:\n          authorizationUrl: https://login.example.com/authorize\n          tokenUrl: https://login.example.com/token\n          scopes: {}\n${ordersGet()}`)],
    },
  },
  { helpUri: 'https://datatracker.ietf.org/doc/html/rfc9700#section-2.1.2', checkov: ['CKV_OPENAPI_12', 'CKV_OPENAPI_14'], cwe: ['CWE-522'] },
);

export const openApiPasswordFlow = schemeRule(
  'IAC-OPENAPI-OAUTH-PASSWORD-FLOW',
  'OAuth2 resource owner password flow',
  'medium',
  "The password flow hands the user's password to the client application; OAuth 2.0 Security BCP says it must not be used.",
  'Use the authorization code flow with PKCE (or client credentials for service-to-service calls).',
  (s, r) => String(s.type).toLowerCase() === 'oauth2' && flowsOf(s, r).includes('password'),
  {
    openapi: {
      fail: [doc('3', `components:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        password:\n          tokenUrl: https://login.example.com/token\n          scopes: {}\n${ordersGet()}`), doc('2', `securityDefinitions:\n  oauth:\n    type: oauth2\n    flow: password\n    tokenUrl: https://login.example.com/token\n    scopes: {}\n${ordersGet()}`)],
      pass: [doc('3', `components:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        clientCredentials:\n          tokenUrl: https://login.example.com/token\n          scopes: {}\n${ordersGet()}`)],
    },
  },
  { helpUri: 'https://datatracker.ietf.org/doc/html/rfc9700#section-2.4', checkov: ['CKV_OPENAPI_11', 'CKV_OPENAPI_8', 'CKV_OPENAPI_10'], cwe: ['CWE-522'] },
);

export const openApiKeyInQuery = schemeRule(
  'IAC-OPENAPI-APIKEY-IN-QUERY',
  'API key sent in the query string',
  'medium',
  'Query strings end up in proxy and server logs, browser history and Referer headers: an API key there leaks.',
  'Send API keys in a header.',
  (s) => String(s.type).toLowerCase() === 'apikey' && String(s.in).toLowerCase() === 'query',
  {
    openapi: {
      fail: [doc('3', `components:\n  securitySchemes:\n    key:\n      type: apiKey\n      in: query\n      name: api_key\n${ordersGet()}`)],
      pass: [doc('3', `components:\n  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n      name: X-API-Key\n${ordersGet()}`)],
    },
  },
  { cwe: ['CWE-598'] },
);

const plainHttp = (u: IacValue): boolean => typeof u === 'string' && /^http:\/\//i.test(u) && !/^http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?:[:/]|$)/i.test(u);

export const openApiOAuthHttpUrl = schemeRule(
  'IAC-OPENAPI-OAUTH-URL-HTTP',
  'OAuth2 endpoint over plain HTTP',
  'high',
  'An authorization or token URL over http:// exposes codes, tokens and client secrets to anyone on the network path.',
  'Use https:// for authorizationUrl, tokenUrl and refreshUrl.',
  (s) => {
    const urls: IacValue[] = [s.authorizationUrl, s.tokenUrl, s.refreshUrl, s.openIdConnectUrl];
    if (isObject(s.flows)) for (const f of Object.values(s.flows)) if (isObject(f)) urls.push(f.authorizationUrl, f.tokenUrl, f.refreshUrl);
    return urls.some(plainHttp);
  },
  {
    openapi: {
      fail: [doc('3', `components:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        clientCredentials:\n          tokenUrl: http://login.example.com/token\n          scopes: {}\n${ordersGet()}`)],
      pass: [doc('3', `components:\n  securitySchemes:\n    oauth:\n      type: oauth2\n      flows:\n        clientCredentials:\n          tokenUrl: https://login.example.com/token\n          scopes: {}\n${ordersGet()}`)],
    },
  },
  { cwe: ['CWE-319'] },
);

export const openApiCleartext = base({
  id: 'IAC-OPENAPI-CLEARTEXT-HTTP',
  title: 'API served over plain HTTP',
  severity: 'high',
  description: 'A server URL over http:// (3.x servers) or an http scheme (2.0 schemes) lets anyone on the path read and change requests, credentials included.',
  remediation: 'Serve the API over HTTPS only and list only https:// servers.',
  checkov: 'CKV_OPENAPI_18',
  cwe: ['CWE-319'],
  check: (r) => {
    const fails: Verdict[] = [];
    if (v2(r)) {
      const schemesList = r.attributes.schemes;
      if (Array.isArray(schemesList)) schemesList.forEach((s, i) => String(s).toLowerCase() === 'http' && fails.push({ outcome: 'fail', path: `schemes[${i}]`, value: s }));
      else if (!schemesList) return { outcome: 'not-applicable' };
      return fails.length ? fails : { outcome: 'pass', path: 'schemes' };
    }
    const servers = r.attributes.servers;
    if (!Array.isArray(servers) || !servers.length) return { outcome: 'not-applicable' };
    servers.forEach((s, i) => isObject(s) && plainHttp(s.url) && fails.push({ outcome: 'fail', path: `servers[${i}].url`, value: s.url }));
    return fails.length ? fails : { outcome: 'pass', path: 'servers' };
  },
  examples: {
    openapi: {
      fail: [doc('3', `servers:\n  - url: http://api.example.com/v1\n${ordersGet()}`), doc('2', `schemes:\n  - http\n  - https\n${ordersGet()}`)],
      pass: [doc('3', `servers:\n  - url: https://api.example.com/v1\n  - url: http://localhost:8080\n${ordersGet()}`), doc('2', `schemes:\n  - https\n${ordersGet()}`)],
    },
  },
});

export const openApiUndefinedScheme = base({
  id: 'IAC-OPENAPI-UNDEFINED-SECURITY-SCHEME',
  title: 'Security requirement names an undefined scheme',
  severity: 'medium',
  description: 'A security requirement refers to a scheme the document does not define: gateways and generated clients cannot enforce it, so the operation may end up unprotected.',
  remediation: 'Define the scheme, or correct the name in the requirement.',
  checkov: 'CKV_OPENAPI_6',
  cwe: ['CWE-306'],
  check: (r) => {
    const defined = new Set(Object.keys(schemes(r).map));
    const requirements: { at: string; sec: IacValue }[] = [{ at: 'security', sec: r.attributes.security }, ...operations(r).map((o) => ({ at: `${o.at}.security`, sec: o.op.security }))];
    const fails: Verdict[] = [];
    let seen = false;
    for (const { at, sec } of requirements) {
      if (!Array.isArray(sec)) continue;
      sec.forEach((req, i) => {
        if (!isObject(req)) return;
        for (const name of Object.keys(req)) {
          seen = true;
          if (!defined.has(name)) fails.push({ outcome: 'fail', path: `${at}[${i}]`, value: name, message: `${at} requires scheme "${name}", which is not defined` });
        }
      });
    }
    if (fails.length) return fails;
    return seen ? { outcome: 'pass', path: 'security' } : { outcome: 'not-applicable' };
  },
  examples: {
    openapi: {
      fail: [doc('3', `${bearer3}security:\n  - oauth: []\n${ordersGet()}`)],
      pass: [doc('3', `${bearer3}security:\n  - bearer: []\n${ordersGet()}`)],
    },
  },
});

export const openApiScopesOnNonOAuth = base({
  id: 'IAC-OPENAPI-SCOPES-ON-NON-OAUTH',
  title: 'Scopes required on a scheme that has none',
  severity: 'low',
  description: 'A requirement lists scopes for an API key or HTTP scheme; only OAuth2 and OpenID Connect have scopes, so the restriction it seems to express is not enforced.',
  remediation: 'Leave the scope list empty for non-OAuth2 schemes, or move to OAuth2 scopes.',
  checkov: 'CKV_OPENAPI_2',
  check: (r) => {
    const defined = schemes(r).map;
    const requirements: { at: string; sec: IacValue }[] = [{ at: 'security', sec: r.attributes.security }, ...operations(r).map((o) => ({ at: `${o.at}.security`, sec: o.op.security }))];
    const fails: Verdict[] = [];
    let seen = false;
    for (const { at, sec } of requirements) {
      if (!Array.isArray(sec)) continue;
      sec.forEach((req, i) => {
        if (!isObject(req)) return;
        for (const [name, scopes] of Object.entries(req)) {
          const scheme = defined[name];
          if (!isObject(scheme)) continue;
          const type = String(scheme.type).toLowerCase();
          if (type === 'oauth2' || type === 'openidconnect') continue;
          seen = true;
          if (Array.isArray(scopes) && scopes.length) fails.push({ outcome: 'fail', path: joinPath(`${at}[${i}]`, name), value: scopes });
        }
      });
    }
    if (fails.length) return fails;
    return seen ? { outcome: 'pass', path: 'security' } : { outcome: 'not-applicable' };
  },
  examples: {
    openapi: {
      fail: [doc('3', `${bearer3}security:\n  - bearer: [orders.write]\n${ordersGet()}`)],
      pass: [doc('3', `${bearer3}security:\n  - bearer: []\n${ordersGet()}`)],
    },
  },
});

export const openApiArrayMaxItems = base({
  id: 'IAC-OPENAPI-ARRAY-WITHOUT-MAX-ITEMS',
  title: 'Array schema without maxItems',
  severity: 'low',
  description: 'Arrays without an upper bound let a caller send (or ask for) unbounded lists: memory and CPU exhaustion, or mass assignment through huge batches.',
  remediation: 'Give every array schema a maxItems that fits the use.',
  remediationSnippet: 'type: array\nmaxItems: 100\nitems:\n  $ref: "#/components/schemas/Order"',
  checkov: 'CKV_OPENAPI_21',
  helpUri: 'https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/',
  cwe: ['CWE-770'],
  check: (r) => {
    const fails: Verdict[] = [];
    let arrays = 0;
    const walk = (v: IacValue, at: string, depth: number): void => {
      if (depth > 64) return;
      if (Array.isArray(v)) return v.forEach((x, i) => walk(x, joinPath(at, i), depth + 1));
      if (!isObject(v)) return;
      if (v.type === 'array' && (v.items !== undefined || at.includes('schema'))) {
        arrays++;
        if (v.maxItems === undefined) fails.push({ outcome: 'fail', path: at });
      }
      for (const [k, x] of Object.entries(v)) if (k !== 'example' && k !== 'examples') walk(x, joinPath(at, k), depth + 1);
    };
    walk(r.attributes.components ?? null, 'components', 0);
    walk(r.attributes.definitions ?? null, 'definitions', 0);
    walk(r.attributes.paths ?? null, 'paths', 0);
    if (fails.length) return fails;
    return arrays ? { outcome: 'pass', path: 'components' } : { outcome: 'not-applicable' };
  },
  examples: {
    openapi: {
      fail: [doc('3', `${ordersGet()}components:\n  schemas:\n    Orders:\n      type: array\n      items:\n        type: string\n`)],
      pass: [doc('3', `${ordersGet()}components:\n  schemas:\n    Orders:\n      type: array\n      maxItems: 100\n      items:\n        type: string\n`)],
    },
  },
});

export const openapiRuleList: readonly IacRule[] = [
  openApiNoSchemes,
  openApiNoGlobalSecurity,
  openApiUnauthenticatedOperation,
  openApiBasicAuth,
  openApiImplicitFlow,
  openApiPasswordFlow,
  openApiKeyInQuery,
  openApiOAuthHttpUrl,
  openApiCleartext,
  openApiUndefinedScheme,
  openApiScopesOnNonOAuth,
  openApiArrayMaxItems,
];
