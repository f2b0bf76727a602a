// B501–B504: TLS certificate checks turned off, broken SSL/TLS protocol versions passed, defaulted
// or left to the library.
import type { PyRule } from '../context';
import { callOf, importsModule, isFalse, lastPart, mentions, qualifiedName } from '../context';
import type { SyntaxNode } from '../../../tree-sitter';
import { argument, calledName, endName, hasKwargsSplat } from './util-py';

const BANDIT_DOCS = 'https://bandit.readthedocs.io/en/latest/plugins';

const HTTP_VERBS = new Set(['get', 'options', 'head', 'post', 'put', 'patch', 'delete', 'request']);
const HTTPX_EXTRA = new Set(['stream', 'Client', 'AsyncClient']);

/** B501: a requests/httpx call (module function, or a method on a session/client of a file that imports them) with verify=False. */
export const requestNoCertValidation: PyRule = {
  rule: {
    id: 'CODE-PY-REQUEST-NO-CERT-VALIDATION',
    language: 'python',
    title: 'HTTPS request with certificate verification turned off',
    severity: 'high',
    confidence: 'high',
    description:
      'verify=False makes requests/httpx accept any TLS certificate, so anyone on the network path can read and change the traffic (including credentials and tokens) without the client noticing.',
    remediation: 'Remove verify=False. For a private CA, pass verify="/path/to/ca-bundle.pem" (or set REQUESTS_CA_BUNDLE) instead of turning verification off.',
    remediationSnippet: 'requests.get(url, verify="/etc/ssl/certs/internal-ca.pem", timeout=10)\n',
    cwe: ['CWE-295'],
    upstream: { type: 'bandit', id: 'B501' },
    helpUri: `${BANDIT_DOCS}/b501_request_with_no_cert_validation.html`,
    examples: {
      fail: [
        'import requests\nr = requests.get("https://internal.example.com/api", verify=False)\n',
        'from requests import post as send\nsend(url, json=body, verify=False, timeout=5)\n',
        'import httpx\nwith httpx.Client(verify=False) as client:\n    client.get(url)\n',
        'import requests\ns = requests.Session()\nresp = s.post(url, data=form, verify=False)\n',
        'import requests\nrequests.Session().get(url, verify=False)\n',
      ],
      pass: [
        'import requests\nrequests.get("https://example.com", verify=True, timeout=10)\n',
        'import requests\nrequests.get(url, verify="/etc/ssl/internal-ca.pem")\n',
        'config.get("tls", verify=False)\n',
      ],
    },
  },
  relevant: mentions('verify'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      const func = call.name ? lastPart(call.name) : calledName(node);
      if (!isFalse(call.kwargs.get('verify')) || !func) return;
      const head = call.name?.split('.')[0];
      const direct = (head === 'requests' && HTTP_VERBS.has(func)) || (head === 'httpx' && (HTTP_VERBS.has(func) || HTTPX_EXTRA.has(func)));
      const onSession = HTTP_VERBS.has(func) && head !== 'requests' && head !== 'httpx' && (importsModule(file, 'requests') || importsModule(file, 'httpx'));
      if (direct || onSession) report(node, `${call.name ?? func}() with verify=False accepts any TLS certificate`);
    },
  },
};

const BAD_PROTOCOLS = new Set([
  'PROTOCOL_SSLv2',
  'PROTOCOL_SSLv3',
  'PROTOCOL_TLSv1',
  'PROTOCOL_TLSv1_1',
  'SSLv2_METHOD',
  'SSLv23_METHOD',
  'SSLv3_METHOD',
  'TLSv1_METHOD',
  'TLSv1_1_METHOD',
]);

/** The ssl.TLSVersion members of broken versions (context.minimum_version = …). */
const BAD_TLS_VERSIONS = new Set(['SSLv3', 'TLSv1', 'TLSv1_1'].map((v) => `ssl.TLSVersion.${v}`));

const badProtocol = (node: SyntaxNode | undefined): string | undefined => {
  const name = endName(node);
  return name && BAD_PROTOCOLS.has(name) && node?.type !== 'call' ? name : undefined;
};

/** B502: a broken protocol version given to ssl/pyOpenSSL (high), or to any call as method=/ssl_version= (medium). */
export const sslBadVersion: PyRule = {
  rule: {
    id: 'CODE-PY-SSL-BAD-VERSION',
    language: 'python',
    title: 'SSL/TLS connection with a broken protocol version',
    severity: 'high',
    confidence: 'high',
    description:
      'SSL 2, SSL 3, TLS 1.0 and TLS 1.1 have known practical attacks (POODLE, BEAST, DROWN) and are disabled by current browsers and servers. Forcing one of them lets an attacker on the network path decrypt or tamper with the connection.',
    remediation: 'Use ssl.create_default_context() (or PROTOCOL_TLS_CLIENT / TLS_CLIENT_METHOD) and set a minimum version of TLS 1.2.',
    remediationSnippet: 'ctx = ssl.create_default_context()\nctx.minimum_version = ssl.TLSVersion.TLSv1_2\nconn = ctx.wrap_socket(sock, server_hostname=host)\n',
    cwe: ['CWE-327'],
    upstream: { type: 'bandit', id: 'B502' },
    helpUri: `${BANDIT_DOCS}/b502_ssl_with_bad_version.html`,
    examples: {
      fail: [
        'import ssl\nssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_SSLv3)\n',
        'import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\n',
        'from OpenSSL import SSL\nctx = SSL.Context(SSL.TLSv1_1_METHOD)\n',
        'from ssl import PROTOCOL_TLSv1_1\nconnect(host, ssl_version=PROTOCOL_TLSv1_1)\n',
        'import ssl\nctx = ssl.create_default_context()\nctx.minimum_version = ssl.TLSVersion.TLSv1\n',
        'import ssl\nfrom ldap3 import Tls\ntls = Tls(validate=ssl.CERT_REQUIRED, version=ssl.PROTOCOL_TLSv1)\n',
      ],
      pass: [
        'import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n',
        'from OpenSSL import SSL\nctx = SSL.Context(SSL.TLS_CLIENT_METHOD)\n',
        'import ssl\nssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_TLSv1_2)\n',
        'import ssl\nctx = ssl.create_default_context()\nctx.minimum_version = ssl.TLSVersion.TLSv1_2\n',
      ],
    },
  },
  relevant: mentions(...BAD_PROTOCOLS, 'minimum_version', 'maximum_version'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      const name = call.name ?? '';
      if (name === 'ssl.wrap_socket' || name === 'ssl.SSLContext' || name === 'OpenSSL.SSL.Context') {
        const arg = name === 'ssl.wrap_socket' ? call.kwargs.get('ssl_version') : argument(call, 0, name === 'ssl.SSLContext' ? 'protocol' : 'method');
        const bad = badProtocol(arg);
        if (bad) report(node, `${name}() with ${bad}, a broken SSL/TLS protocol version`);
        return;
      }
      // Bandit reads method= and ssl_version=; the constants are distinctive enough to read any keyword (ldap3's Tls(version=…)).
      for (const value of call.kwargs.values()) {
        const bad = badProtocol(value);
        if (bad) return report(node, `Call with ${bad}, a broken SSL/TLS protocol version`, undefined, { severity: 'medium', confidence: 'medium' });
      }
    },
    assignment(node, file, report) {
      const left = node.childForFieldName('left');
      const bound = left?.type === 'attribute' ? left.childForFieldName('attribute')?.text : undefined;
      if (bound !== 'minimum_version' && bound !== 'maximum_version') return;
      const version = qualifiedName(node.childForFieldName('right'), file.imports);
      if (version && BAD_TLS_VERSIONS.has(version)) report(node, `${bound} set to ${version}, a broken SSL/TLS protocol version`);
    },
  },
};

/** B503: a function whose parameter defaults to a broken protocol version. */
export const sslBadDefaults: PyRule = {
  rule: {
    id: 'CODE-PY-SSL-BAD-DEFAULTS',
    language: 'python',
    title: 'Function defaults to a broken SSL/TLS protocol version',
    severity: 'medium',
    confidence: 'medium',
    description:
      'A parameter defaulting to SSL 2/3 or TLS 1.0/1.1 means every caller that does not pass a version gets a connection with known practical attacks.',
    remediation: 'Default to a modern protocol (PROTOCOL_TLS_CLIENT / TLS_CLIENT_METHOD with a TLS 1.2 minimum), or to None and build a default context inside.',
    remediationSnippet: 'def open_tls(sock, version=ssl.PROTOCOL_TLS_CLIENT):\n    ...\n',
    cwe: ['CWE-327'],
    upstream: { type: 'bandit', id: 'B503' },
    helpUri: `${BANDIT_DOCS}/b503_ssl_with_bad_defaults.html`,
    examples: {
      fail: [
        'from OpenSSL import SSL\ndef open_ssl_socket(version=SSL.SSLv2_METHOD):\n    return SSL.Context(version)\n',
        'import ssl\nclass Client:\n    def connect(self, host, *, protocol: int = ssl.PROTOCOL_TLSv1):\n        pass\n',
      ],
      pass: ['import ssl\ndef open_tls(sock, version=ssl.PROTOCOL_TLS_CLIENT):\n    pass\n', 'def f(method=None):\n    pass\n'],
    },
  },
  relevant: mentions(...BAD_PROTOCOLS),
  on: {
    function_definition(node, _file, report) {
      for (const p of node.childForFieldName('parameters')?.namedChildren ?? []) {
        if (p?.type !== 'default_parameter' && p?.type !== 'typed_default_parameter') continue;
        const bad = badProtocol(p.childForFieldName('value') ?? undefined);
        if (bad) {
          report(p, `Parameter ${p.childForFieldName('name')?.text ?? ''} defaults to ${bad}, a broken SSL/TLS protocol version`);
          return;
        }
      }
    },
  },
};

/** B504: ssl.wrap_socket without a protocol version (its default allows old versions on old Pythons). */
export const sslNoVersion: PyRule = {
  rule: {
    id: 'CODE-PY-SSL-NO-VERSION',
    language: 'python',
    title: 'ssl.wrap_socket without a protocol version',
    severity: 'low',
    confidence: 'medium',
    description:
      'ssl.wrap_socket() without ssl_version negotiates with a compatibility default that, depending on the Python and OpenSSL versions, still allows broken protocol versions. It also does not check host names, and it was removed in Python 3.12.',
    remediation: 'Use ssl.create_default_context() and context.wrap_socket(sock, server_hostname=host); set minimum_version to TLS 1.2.',
    remediationSnippet: 'ctx = ssl.create_default_context()\nconn = ctx.wrap_socket(sock, server_hostname=host)\n',
    cwe: ['CWE-327'],
    upstream: { type: 'bandit', id: 'B504' },
    helpUri: `${BANDIT_DOCS}/b504_ssl_with_no_version.html`,
    examples: {
      fail: ['import ssl\nconn = ssl.wrap_socket(sock)\n', 'from ssl import wrap_socket\nconn = wrap_socket(sock, certfile="client.pem")\n'],
      pass: [
        'import ssl\nconn = ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_TLSv1_2)\n',
        'import ssl\nctx = ssl.create_default_context()\nconn = ctx.wrap_socket(sock, server_hostname=host)\n',
      ],
    },
  },
  relevant: mentions('wrap_socket'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      if (call.name !== 'ssl.wrap_socket' || call.kwargs.has('ssl_version') || hasKwargsSplat(call)) return;
      // wrap_socket(sock, keyfile, certfile, server_side, cert_reqs, ssl_version, …)
      if (call.args.length >= 6 || call.args.some((a) => a.type === 'list_splat')) return;
      report(node, 'ssl.wrap_socket() without ssl_version');
    },
  },
};

export const tlsRules: readonly PyRule[] = [requestNoCertValidation, sslBadVersion, sslBadDefaults, sslNoVersion];
