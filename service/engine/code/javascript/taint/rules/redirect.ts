// Request data as the target of a redirect: res.redirect, ctx.redirect, reply.redirect, the
// Location header, Next.js redirects. A target with a constant site-relative or absolute prefix
// ('/orders/' + id, 'https://shop.example/' + path) stays on the site and is fine.
import type { Node } from 'estree';
import type { CallSite, SinkApi } from '../engine/api';
import { unwrap } from '../engine/guards';
import { taintFor, type Taint } from '../engine/values';
import type { TaintRuleDef } from '../rule';
import { propertyOf, sinkName, stringValue } from './util';

const REDIRECT_FUNCTIONS = /^(?:(?:next\/server\.)?NextResponse\.redirect|Response\.redirect|next\/navigation\.(?:redirect|permanentRedirect))$/;

function target(api: SinkApi, node: Node | undefined): Taint | null {
  const t = node ? taintFor(api.value(node), 'redirect') : null;
  return t && !t.fixedPrefix && t.shape !== 'object' ? t : null;
}

function check(site: CallSite, api: SinkApi): Taint | null {
  if (REDIRECT_FUNCTIONS.test(site.name)) return target(api, site.args[0]);
  if (!site.method || !site.receiver || !api.isResponse(site.receiver)) return null;
  switch (site.method) {
    case 'redirect':
      for (const a of site.args) {
        const t = target(api, a);
        if (t) return t;
      }
      return null;
    case 'location':
      return target(api, site.args[0]);
    case 'setHeader':
    case 'set':
    case 'header':
    case 'append':
      return stringValue(site.args[0])?.toLowerCase() === 'location' ? target(api, site.args[1]) : null;
    case 'writeHead': {
      const headers = site.args.find((a) => unwrap(a).type === 'ObjectExpression');
      const loc = propertyOf(headers, /^location$/i);
      return loc ? target(api, loc.value as Node) : null;
    }
    default:
      return null;
  }
}

export const openRedirect: TaintRuleDef = {
  name: 'open-redirect',
  rule: {
    id: 'CODE-JS-OPEN-REDIRECT',
    language: 'javascript',
    title: 'Request data chooses where a redirect goes',
    severity: 'medium',
    confidence: 'high',
    description:
      'A redirect target (res.redirect, ctx.redirect, reply.redirect, the Location header, NextResponse.redirect) comes from the request. A link to your site that lands on an attacker\'s page is convincing phishing, and with OAuth or login flows it can leak tokens to the other site.',
    remediation:
      'Redirect to paths you build yourself, or check the target: a site-relative path (starts with a single "/", not "//" or "/\\"), or a URL whose host is in an allow-list (new URL(target).host).',
    remediationSnippet: "const next = String(req.query.next || '/');\nres.redirect(next.startsWith('/') && !next.startsWith('//') ? next : '/');",
    cwe: ['CWE-601'],
    taint: true,
    tags: ['redirect'],
    examples: {
      fail: [
        "const app = require('express')();\napp.get('/login/done', (req, res) => {\n  res.redirect(req.query.returnTo);\n});\n",
        "const app = require('express')();\napp.get('/out', (req, res) => {\n  const url = req.query.url;\n  res.status(302).setHeader('Location', url);\n  res.end();\n});\n",
        "const Router = require('@koa/router');\nconst router = new Router();\nrouter.get('/sso/callback', async (ctx) => {\n  const { state } = ctx.query;\n  ctx.redirect(decodeURIComponent(state));\n});\n",
        "module.exports = async (fastify) => {\n  fastify.get('/go', async (request, reply) => {\n    return reply.redirect(request.query.to);\n  });\n};\n",
        "const http = require('http');\nconst url = require('url');\nhttp.createServer((req, res) => {\n  const { next } = url.parse(req.url, true).query;\n  res.writeHead(302, { Location: next });\n  res.end();\n}).listen(8080);\n",
        {
          path: 'app/api/auth/route.ts',
          code: "import { NextResponse } from 'next/server';\n\nexport async function GET(request: Request) {\n  const target = new URL(request.url).searchParams.get('callbackUrl');\n  return NextResponse.redirect(target!);\n}\n",
        },
      ],
      pass: [
        "const app = require('express')();\napp.get('/orders/:id/view', (req, res) => {\n  res.redirect('/orders/' + encodeURIComponent(req.params.id));\n});\n",
        "const app = require('express')();\napp.get('/shop', (req, res) => {\n  res.redirect(`https://shop.example.com/items/${req.query.item}`);\n});\n",
        "const app = require('express')();\nconst ALLOWED = ['/home', '/account'];\napp.get('/login/done', (req, res) => {\n  const to = req.query.returnTo;\n  res.redirect(ALLOWED.includes(to) ? to : '/home');\n});\n",
        "const app = require('express')();\napp.get('/out', (req, res) => {\n  const target = new URL(req.query.url);\n  if (target.hostname !== 'docs.example.com') return res.sendStatus(400);\n  res.redirect(target.href);\n});\n",
      ],
    },
  },
  sink: {
    call(site, api) {
      const t = check(site, api);
      if (t) api.report('open-redirect', site.node, sinkName(site), t);
    },
  },
};
