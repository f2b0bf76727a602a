// Request data run as JavaScript (eval, Function, vm, string timers, require/import of a request
// value) or compiled as a server-side template (ejs, pug, Handlebars, nunjucks, lodash).
import { isFunction } from '../engine/handlers';
import type { TaintRuleDef } from '../rule';
import { sinkName, taintedArg } from './util';

const FIRST_ARG = new Set([
  'eval', 'global.eval', 'globalThis.eval', 'window.eval',
  'vm.runInNewContext', 'vm.runInThisContext', 'vm.runInContext', 'vm.compileFunction', 'vm.Script', 'vm.SourceTextModule', 'vm2.VM.run',
  'setTimeout', 'setInterval', 'require', 'import',
]);
const ALL_ARGS = new Set(['Function', 'global.Function', 'globalThis.Function']);

export const codeInjection: TaintRuleDef = {
  name: 'code-injection',
  rule: {
    id: 'CODE-JS-CODE-INJECTION',
    language: 'javascript',
    title: 'Request data is run as JavaScript',
    severity: 'critical',
    confidence: 'high',
    description:
      'Data from the HTTP request reaches eval, the Function constructor, the vm module, setTimeout/setInterval with a string, or a require()/import() of a module it names. Whoever sends the request runs code inside the server process, with its files, secrets and network.',
    remediation:
      'Never evaluate request data. Parse data with JSON.parse, map names to functions with an object of allowed handlers, and compute expressions with a small parser that knows only what you allow.',
    remediationSnippet: "const handlers = { sum, avg };\nconst fn = handlers[req.query.op];\nif (!fn) return res.sendStatus(400);",
    cwe: ['CWE-94', 'CWE-95'],
    taint: true,
    tags: ['injection'],
    examples: {
      fail: [
        "const express = require('express');\nconst app = express();\napp.get('/calc', (req, res) => {\n  const result = eval(req.query.expr);\n  res.json({ result });\n});\n",
        "const vm = require('node:vm');\nconst app = require('express')();\napp.post('/rules', (req, res) => {\n  const sandbox = { order: req.body.order };\n  const ok = vm.runInNewContext(req.body.rule, sandbox);\n  res.json({ ok });\n});\n",
        "const Router = require('@koa/router');\nconst router = new Router();\nrouter.post('/filter', async (ctx) => {\n  const { predicate } = ctx.request.body;\n  const fn = new Function('item', 'return ' + predicate);\n  ctx.body = items.filter(fn);\n});\n",
        "module.exports = async (fastify) => {\n  fastify.get('/plugin', async (request, reply) => {\n    const mod = require('./plugins/' + request.query.name);\n    return mod.describe();\n  });\n};\n",
        {
          path: 'pages/api/schedule.ts',
          code: "import type { NextApiRequest, NextApiResponse } from 'next';\n\nexport default function handler(req: NextApiRequest, res: NextApiResponse) {\n  const task = String(req.body.task);\n  setTimeout(task, 1000);\n  res.status(202).end();\n}\n",
        },
      ],
      pass: [
        "const app = require('express')();\napp.get('/calc', (req, res) => {\n  const data = JSON.parse(req.query.json);\n  res.json({ sum: data.a + data.b });\n});\n",
        "const app = require('express')();\nconst OPS = { add: (a, b) => a + b };\napp.get('/op', (req, res) => {\n  setTimeout(() => res.json({ r: OPS.add(1, 2) }), 10);\n});\n",
        "const vm = require('vm');\nconst script = new vm.Script('x + 1');\nmodule.exports = (ctx) => script.runInNewContext(ctx);\n",
        "const app = require('express')();\nconst plugins = { csv: require('./plugins/csv'), xml: require('./plugins/xml') };\napp.get('/export', (req, res) => {\n  const plugin = plugins[req.query.format];\n  res.send(plugin ? plugin.run() : 'unknown');\n});\n",
      ],
    },
  },
  sink: {
    call(site, api) {
      if (ALL_ARGS.has(site.name)) {
        for (let i = 0; i < site.args.length; i++) {
          const t = taintedArg(api, site, i, 'code');
          if (t) return api.report('code-injection', site.node, sinkName(site), t);
        }
        return;
      }
      if (!FIRST_ARG.has(site.name) || isFunction(site.args[0])) return;
      const t = taintedArg(api, site, 0, 'code');
      if (t) api.report('code-injection', site.node, sinkName(site), t);
    },
  },
};

const TEMPLATE_COMPILERS = /^(?:ejs\.(?:render|compile)|pug\.(?:render|compile|compileClient)|jade\.(?:render|compile)|(?:handlebars|Handlebars|hbs)\.(?:compile|precompile)|nunjucks\.(?:renderString|compile)|(?:lodash|_)\.template|lodash\.template|(?:dot|doT)\.(?:template|compile)|eta\.renderString|(?:twig|Twig)\.twig|velocityjs\.render)$/;

export const templateInjection: TaintRuleDef = {
  name: 'template-injection',
  rule: {
    id: 'CODE-JS-TEMPLATE-INJECTION',
    language: 'javascript',
    title: 'Request data is compiled as a server-side template',
    severity: 'critical',
    confidence: 'high',
    description:
      'Data from the HTTP request is the template text given to ejs, pug, Handlebars, nunjucks, doT or lodash templates. Template languages run code (ejs and lodash run JavaScript, pug and nunjucks reach it through their expressions), so this is server-side template injection: the client runs code on the server.',
    remediation: 'Keep templates in files the application owns and pass request data only as template variables (the data argument of render).',
    remediationSnippet: "res.render('greeting', { name: req.query.name });",
    cwe: ['CWE-1336', 'CWE-94'],
    taint: true,
    tags: ['injection'],
    examples: {
      fail: [
        "const ejs = require('ejs');\nconst app = require('express')();\napp.get('/preview', (req, res) => {\n  res.send(ejs.render(req.query.template, { user: req.user }));\n});\n",
        "import pug from 'pug';\nimport Router from '@koa/router';\nconst router = new Router();\nrouter.post('/card', async (ctx) => {\n  const fn = pug.compile(`div.card\\n  h1 ${ctx.request.body.title}`);\n  ctx.body = fn();\n});\n",
        "const Handlebars = require('handlebars');\nmodule.exports = async (fastify) => {\n  fastify.post('/mail/preview', async (request, reply) => {\n    const tpl = Handlebars.compile(request.body.layout);\n    return tpl({ name: 'x' });\n  });\n};\n",
        {
          path: 'pages/api/render.ts',
          code: "import _ from 'lodash';\nimport type { NextApiRequest, NextApiResponse } from 'next';\n\nexport default function handler(req: NextApiRequest, res: NextApiResponse) {\n  const compiled = _.template(req.body.text as string);\n  res.send(compiled({ now: Date.now() }));\n}\n",
        },
      ],
      pass: [
        "const ejs = require('ejs');\nconst app = require('express')();\napp.get('/preview', (req, res) => {\n  res.send(ejs.render('<p><%= name %></p>', { name: req.query.name }));\n});\n",
        "const app = require('express')();\napp.get('/hello', (req, res) => {\n  res.render('hello', { name: req.query.name });\n});\n",
        "const pug = require('pug');\nconst page = pug.compileFile('views/page.pug');\nmodule.exports = (data) => page(data);\n",
      ],
    },
  },
  sink: {
    call(site, api) {
      if (!TEMPLATE_COMPILERS.test(site.name)) return;
      const t = taintedArg(api, site, 0, 'template');
      if (t) api.report('template-injection', site.node, sinkName(site), t);
    },
  },
};
