// Request data in an HTML response: res.send / res.write / res.end / reply.send with HTML built
// around it, Express res.send of a request string (Express sends strings as text/html), Koa
// ctx.body = '<…>' + x, new Response(html) from a Next.js route. JSON responses are fine.
import type { Node } from 'estree';
import type { CallSite, SinkApi } from '../engine/api';
import { unwrap } from '../engine/guards';
import { taintFor, type Taint } from '../engine/values';
import type { TaintRuleDef } from '../rule';
import { propertyOf, sinkName, stringValue } from './util';

function rootName(node: Node): string {
  let n = unwrap(node);
  for (let i = 0; i < 20; i++) {
    if (n.type === 'CallExpression') n = unwrap(n.callee as Node);
    else if (n.type === 'MemberExpression') n = unwrap(n.object as Node);
    else break;
  }
  return n.type === 'Identifier' ? n.name : '';
}

function htmlTaint(api: SinkApi, node: Node | undefined, plainIsHtml: boolean): Taint | null {
  const t = node ? taintFor(api.value(node), 'xss') : null;
  if (!t || t.shape === 'container' || t.shape === 'object') return null;
  return t.html || plainIsHtml ? t : null;
}

/** Template text with an unescaped output tag: ejs <%- %>, Handlebars/Mustache {{{ }}} or {{& }}, nunjucks | safe, pug !{ }. */
const RAW_OUTPUT = /<%-|\{\{\{|\{\{&|\|\s*safe\b|!\{/;
const TEMPLATE_RENDER = /^(?:ejs\.render|nunjucks\.renderString|(?:mustache|Mustache)\.render|pug\.render|eta\.renderString)$/;
const TEMPLATE_COMPILE = /^(?:(?:handlebars|Handlebars|hbs)\.compile|ejs\.compile|pug\.compile|nunjucks\.compile)$/;

/** Request data given to a template whose literal text prints it raw: ejs.render('<p><%- note %></p>', { note }). */
function rawTemplate(site: CallSite, api: SinkApi): Taint | null {
  if (TEMPLATE_RENDER.test(site.name) && RAW_OUTPUT.test(stringValue(site.args[0]) ?? '')) {
    const t = site.args[1] ? taintFor(api.value(site.args[1]), 'xss') : null;
    return t && (t.shape === 'object' || t.shape === 'container') ? t : null;
  }
  // Handlebars.compile('{{{ bio }}}')(data)
  const callee = site.node.type === 'CallExpression' ? unwrap(site.node.callee as Node) : null;
  if (callee?.type === 'CallExpression' && site.args[0] && RAW_OUTPUT.test(stringValue(callee.arguments[0] as Node) ?? '')) {
    const inner = unwrap(callee.callee as Node);
    if (inner.type !== 'MemberExpression' || !TEMPLATE_COMPILE.test(`${api.text(inner.object as Node)}.${inner.property.type === 'Identifier' ? inner.property.name : ''}`)) return null;
    const t = taintFor(api.value(site.args[0]), 'xss');
    return t && (t.shape === 'object' || t.shape === 'container') ? t : null;
  }
  return null;
}

function check(site: CallSite, api: SinkApi): Taint | null {
  const raw = rawTemplate(site, api);
  if (raw) return raw;
  if (site.isNew && /^(?:Response|(?:next\/server\.)?NextResponse)$/.test(site.name)) {
    const headers = propertyOf(site.args[1], 'headers');
    const type = headers && propertyOf(headers.value as Node, /^content-type$/i);
    const declared = type ? stringValue(type.value as Node) : null;
    return htmlTaint(api, site.args[0], !!declared && /html/i.test(declared));
  }
  if (!site.method || !site.receiver || !/^(?:send|write|end)$/.test(site.method) || !api.isResponse(site.receiver)) return null;
  const type = api.responseType(site.receiver);
  if (type && !/html/.test(type)) return null;
  // Express's res.send sends a string as text/html; Fastify's reply.send and Node's write/end set no HTML type by themselves.
  const plainIsHtml = !!type || (site.method === 'send' && !/^reply$/.test(rootName(site.receiver)));
  return htmlTaint(api, site.args[0], plainIsHtml);
}

export const reflectedXss: TaintRuleDef = {
  name: 'reflected-xss',
  rule: {
    id: 'CODE-JS-REFLECTED-XSS',
    language: 'javascript',
    title: 'Request data is written into an HTML response unescaped',
    severity: 'high',
    confidence: 'medium',
    description:
      'Data from the HTTP request is sent back in an HTML response without escaping: res.send with a string (Express sends it as text/html), res.write/res.end or reply.send of HTML built around the value, Koa ctx.body set to markup, new Response(html) with an HTML content type. A link with <script> in the parameter runs script in the victim\'s session on your origin.',
    remediation:
      'Render with a template engine that escapes by default (res.render with EJS <%= %>, Pug, Handlebars {{ }}), escape the value for HTML (escape-html, he.encode), or send JSON (res.json) or text/plain.',
    remediationSnippet: "const escapeHtml = require('escape-html');\nres.send(`<p>Results for ${escapeHtml(req.query.q)}</p>`);",
    cwe: ['CWE-79'],
    taint: true,
    tags: ['xss'],
    examples: {
      fail: [
        "const app = require('express')();\napp.get('/search', (req, res) => {\n  res.send('<h1>Results for ' + req.query.q + '</h1>');\n});\n",
        "const app = require('express')();\napp.get('/hello/:name', (req, res) => {\n  res.status(200).send(`Hello ${req.params.name}`);\n});\n",
        "const http = require('http');\nhttp.createServer((req, res) => {\n  const q = new URL(req.url, 'http://localhost').searchParams.get('q');\n  res.writeHead(200, { 'Content-Type': 'text/html' });\n  res.end(`<p>You searched for ${q}</p>`);\n}).listen(3000);\n",
        "const Router = require('@koa/router');\nconst router = new Router();\nrouter.get('/greet', async (ctx) => {\n  const name = ctx.query.name;\n  ctx.body = `<html><body>Hi ${name}</body></html>`;\n});\n",
        "module.exports = async (fastify) => {\n  fastify.get('/error', async (request, reply) => {\n    reply.type('text/html').send('<div class=\"error\">' + request.query.msg + '</div>');\n  });\n};\n",
        "const ejs = require('ejs');\nconst app = require('express')();\napp.get('/note', (req, res) => {\n  const html = ejs.render('<p><%- note %></p>', { note: req.query.note });\n  res.json({ html });\n});\n",
        "const Handlebars = require('handlebars');\nconst Router = require('@koa/router');\nconst router = new Router();\nrouter.get('/card', async (ctx) => {\n  ctx.body = Handlebars.compile('<div class=\"bio\">{{{bio}}}</div>')({ bio: ctx.query.bio });\n});\n",
        {
          path: 'pages/api/preview.ts',
          code: "import type { NextApiRequest, NextApiResponse } from 'next';\n\nfunction page(title: string) {\n  return '<html><head><title>' + title + '</title></head></html>';\n}\n\nexport default function handler(req: NextApiRequest, res: NextApiResponse) {\n  res.setHeader('Content-Type', 'text/html');\n  res.send(page(req.query.title as string));\n}\n",
        },
      ],
      pass: [
        "const app = require('express')();\napp.get('/search', (req, res) => {\n  res.json({ query: req.query.q, results: [] });\n});\n",
        "const escapeHtml = require('escape-html');\nconst app = require('express')();\napp.get('/search', (req, res) => {\n  res.send('<h1>Results for ' + escapeHtml(req.query.q) + '</h1>');\n});\n",
        "const app = require('express')();\napp.get('/echo', (req, res) => {\n  res.type('text/plain').send(req.query.text);\n});\n",
        "const app = require('express')();\napp.get('/profile', (req, res) => {\n  res.render('profile', { name: req.query.name });\n});\n",
        "const fs = require('fs');\nconst app = require('express')();\napp.post('/log', (req, res) => {\n  const out = fs.createWriteStream('/tmp/log.txt');\n  out.write(req.body.line);\n  res.sendStatus(204);\n});\n",
        "const ejs = require('ejs');\nconst app = require('express')();\napp.get('/note', (req, res) => {\n  res.send(ejs.render('<p><%= note %></p>', { note: req.query.note }));\n});\n",
      ],
    },
  },
  sink: {
    call(site, api) {
      const t = check(site, api);
      if (!t) return;
      const callee = site.node.type === 'CallExpression' ? unwrap(site.node.callee as Node) : null;
      const compiled = callee?.type === 'CallExpression' ? `${api.text(callee.callee as Node)}(…)` : null;
      api.report('reflected-xss', site.node, site.name === '?' && compiled ? compiled : sinkName(site), t);
    },
    assign(node, api) {
      const left = unwrap(node.left as Node);
      if (node.operator !== '=' || left.type !== 'MemberExpression' || left.computed || left.property.type !== 'Identifier' || left.property.name !== 'body') return;
      if (!api.isResponse(left.object as Node)) return;
      const t = htmlTaint(api, node.right, false);
      if (t) api.report('reflected-xss', node, `${api.text(left).slice(0, 40)} =`, t);
    },
  },
};
