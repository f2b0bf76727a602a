// B113 request_without_timeout: requests calls without a timeout (or with timeout=None); httpx
// calls with timeout=None (httpx has a default timeout, requests has none).
import { callOf, calleeName, isNone, mentions, type PyRule } from '../context';

const HTTP_VERBS = new Set(['get', 'options', 'head', 'post', 'put', 'patch', 'delete', 'request']);
const HTTPX_CALLS = new Set([...HTTP_VERBS, 'stream', 'Client', 'AsyncClient']);

export const requestWithoutTimeout: PyRule = {
  rule: {
    id: 'CODE-PY-REQUEST-WITHOUT-TIMEOUT',
    language: 'python',
    title: 'HTTP request without a timeout',
    severity: 'medium',
    confidence: 'low',
    description:
      'requests waits forever by default: a server that accepts the connection and never answers hangs the worker that asked, and enough such calls exhaust the service (denial of service). httpx has a default timeout, so only timeout=None is reported for it. Calls passing **kwargs are not reported (the timeout may be in them).',
    remediation: 'Pass timeout= to every request (seconds, or a (connect, read) tuple).',
    remediationSnippet: 'import requests\nresp = requests.get(url, timeout=(3.05, 27))',
    cwe: ['CWE-400'],
    upstream: { type: 'bandit', id: 'B113' },
    helpUri: 'https://bandit.readthedocs.io/en/latest/plugins/b113_request_without_timeout.html',
    examples: {
      fail: [
        'import requests\nresp = requests.get("https://api.example.com/rates")\n',
        'from requests import post\npost(WEBHOOK_URL, json=payload)\n',
        'import requests as r\nr.put(url, data=body, timeout=None)\n',
        'import httpx\nwith httpx.Client(timeout=None) as client:\n    client.get(url)\n',
      ],
      pass: [
        'import requests\nresp = requests.get("https://api.example.com/rates", timeout=10)\n',
        'import requests\nrequests.post(url, **options)\n',
        'import httpx\nhttpx.get(url)\n',
        'session.get(url)\n',
      ],
    },
  },
  relevant: mentions('requests', 'httpx'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      const name = call.name;
      if (!name || !(name.startsWith('requests.') || name.startsWith('httpx.'))) return;
      const fn = calleeName(call)!;
      const timeout = call.kwargs.get('timeout');
      if (name.startsWith('requests.') && HTTP_VERBS.has(fn)) {
        if (!timeout && !call.args.some((a) => a.type === 'dictionary_splat')) report(node, `${name} without a timeout: it can wait forever.`);
        else if (isNone(timeout)) report(node, `${name} with timeout=None: it can wait forever.`);
      } else if (name.startsWith('httpx.') && HTTPX_CALLS.has(fn) && isNone(timeout)) {
        report(node, `${name} with timeout=None: it can wait forever.`);
      }
    },
  },
};
