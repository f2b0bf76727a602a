// Request data as the URL (or host) of an outgoing request: fetch, axios, got, needle, request,
// superagent, undici, http(s).get/request. A constant scheme and host in front of the value
// ('https://api.example.com/users/' + id) keeps the request on that host and is fine.
import type { Node } from 'estree';
import type { CallSite, SinkApi } from '../engine/api';
import { taintFor, type Taint } from '../engine/values';
import type { TaintRuleDef } from '../rule';
import { sinkName, stringValue } from './util';
import { unwrap } from '../engine/guards';

const URL_FIRST = /^(?:fetch|global\.fetch|globalThis\.fetch|window\.fetch|undici\.(?:fetch|request|stream)|axios|axios\.(?:get|post|put|patch|delete|head|options|request|getUri)|got|got\.(?:get|post|put|patch|delete|head|stream|paginate)|request|request\.(?:get|post|put|patch|del|delete|head)|superagent|superagent\.(?:get|post|put|patch|del|delete|head)|needle\.(?:get|post|put|patch|delete|head)|ky|ky\.(?:get|post|put|patch|delete|head)|https?\.(?:get|request)|phin|bent|node-fetch)$/;
const NEEDLE_METHOD_FIRST = /^needle(?:\.request)?$/;
const URL_PROPS = /^(?:url|uri|baseURL|baseUrl|prefixUrl|host|hostname|origin)$/;

function urlTaint(api: SinkApi, node: Node | undefined): Taint | null {
  if (!node) return null;
  const n = unwrap(node);
  if (n.type === 'ObjectExpression') {
    for (const p of n.properties) {
      if (p.type !== 'Property') continue;
      const key = !p.computed && p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : '';
      const t = URL_PROPS.test(key) ? urlTaint(api, p.value as Node) : null;
      if (t) return t;
    }
    return null;
  }
  const t = taintFor(api.value(node), 'ssrf');
  return t && !t.fixedPrefix && t.shape !== 'container' && t.shape !== 'object' ? t : null;
}

function check(site: CallSite, api: SinkApi): Taint | null {
  if (site.isNew) return null;
  if (URL_FIRST.test(site.name)) return urlTaint(api, site.args[0]);
  if (NEEDLE_METHOD_FIRST.test(site.name) && stringValue(site.args[0])) return urlTaint(api, site.args[1]);
  return null;
}

export const ssrf: TaintRuleDef = {
  name: 'ssrf',
  rule: {
    id: 'CODE-JS-SSRF',
    language: 'javascript',
    title: 'Request data chooses the URL of an outgoing request',
    severity: 'high',
    confidence: 'medium',
    description:
      'The URL or host of a request the server makes (fetch, axios, got, needle, request, superagent, http.get) comes from the client. The server then fetches what the client names: cloud metadata endpoints (169.254.169.254) with credentials, internal admin services, files through other schemes, and the answer often comes back to the client.',
    remediation:
      'Keep the scheme and host constant and put the client\'s value only in the path or query, encoded (encodeURIComponent). When the host must vary, check new URL(value).host against an allow-list and refuse private and link-local addresses after DNS resolution.',
    remediationSnippet: "const res = await fetch(`https://api.example.com/users/${encodeURIComponent(req.params.id)}`);",
    cwe: ['CWE-918'],
    taint: true,
    tags: ['ssrf'],
    examples: {
      fail: [
        "const axios = require('axios');\nconst app = require('express')();\napp.get('/preview', async (req, res) => {\n  const { data } = await axios.get(req.query.url);\n  res.send(data);\n});\n",
        "const app = require('express')();\napp.post('/webhook/test', async (req, res) => {\n  const target = req.body.callback;\n  const r = await fetch(target, { method: 'POST', body: '{}' });\n  res.json({ status: r.status });\n});\n",
        "const https = require('https');\nconst Router = require('@koa/router');\nconst router = new Router();\nrouter.get('/proxy', async (ctx) => {\n  https.get({ hostname: ctx.query.host, path: '/status' }, (r) => r.resume());\n  ctx.status = 202;\n});\n",
        "const got = require('got');\nmodule.exports = async (fastify) => {\n  fastify.get('/avatar', async (request, reply) => {\n    const url = `http://${request.query.host}/avatar.png`;\n    return got(url).buffer();\n  });\n};\n",
        {
          path: 'pages/preview.tsx',
          code: "import type { GetServerSideProps } from 'next';\n\nexport const getServerSideProps: GetServerSideProps = async (context) => {\n  const res = await fetch(String(context.query.feed));\n  return { props: { xml: await res.text() } };\n};\n\nexport default function Preview({ xml }: { xml: string }) {\n  return <pre>{xml}</pre>;\n}\n",
        },
        {
          path: 'app/api/fetch/route.ts',
          code: "import { NextRequest, NextResponse } from 'next/server';\n\nexport async function POST(request: NextRequest) {\n  const { url } = await request.json();\n  const upstream = await fetch(url);\n  return NextResponse.json({ ok: upstream.ok });\n}\n",
        },
      ],
      pass: [
        "const axios = require('axios');\nconst app = require('express')();\napp.get('/user/:id', async (req, res) => {\n  const { data } = await axios.get('https://api.example.com/users/' + encodeURIComponent(req.params.id));\n  res.json(data);\n});\n",
        "const app = require('express')();\napp.get('/weather', async (req, res) => {\n  const r = await fetch(`https://weather.example.com/v1/forecast?city=${req.query.city}`);\n  res.json(await r.json());\n});\n",
        "const app = require('express')();\nconst HOSTS = new Set(['a.example.com', 'b.example.com']);\napp.get('/probe', async (req, res) => {\n  const url = new URL(req.query.url);\n  if (!HOSTS.has(url.hostname)) return res.sendStatus(400);\n  const r = await fetch(url);\n  res.json({ status: r.status });\n});\n",
        "const axios = require('axios');\nasync function refresh() {\n  return axios.get(process.env.CONFIG_URL);\n}\nmodule.exports = { refresh };\n",
      ],
    },
  },
  sink: {
    call(site, api) {
      const t = check(site, api);
      if (t) api.report('ssrf', site.node, sinkName(site), t);
    },
  },
};
