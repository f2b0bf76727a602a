// Request data compiled as a regular expression: a pattern like (a+)+$ makes the match take
// exponential time (ReDoS) and blocks Node's single thread; metacharacters also change what matches.
import type { TaintRuleDef } from '../rule';
import { sinkName, taintedArg } from './util';

export const regexInjection: TaintRuleDef = {
  name: 'regex-injection',
  rule: {
    id: 'CODE-JS-REGEX-INJECTION',
    language: 'javascript',
    title: 'Request data is compiled as a regular expression',
    severity: 'medium',
    confidence: 'high',
    description:
      'new RegExp(...) is built from request data. The client chooses the pattern: a catastrophic one such as (a+)+$ makes each match take seconds to hours on the single Node.js thread (ReDoS), so one request stops the service; metacharacters also widen what a search or a check matches.',
    remediation: 'Escape the value before building the pattern (escape-string-regexp, lodash.escapeRegExp), or search with String.prototype.includes; limit the input length.',
    remediationSnippet: "const escapeStringRegexp = require('escape-string-regexp');\nconst re = new RegExp(escapeStringRegexp(req.query.q), 'i');",
    cwe: ['CWE-1333', 'CWE-730'],
    taint: true,
    tags: ['dos'],
    examples: {
      fail: [
        "const app = require('express')();\napp.get('/search', (req, res) => {\n  const re = new RegExp(req.query.q, 'i');\n  res.json(products.filter((p) => re.test(p.name)));\n});\n",
        "const Router = require('@koa/router');\nconst router = new Router();\nrouter.get('/validate', async (ctx) => {\n  const { pattern, value } = ctx.query;\n  ctx.body = { ok: RegExp('^' + pattern + '$').test(value) };\n});\n",
        "module.exports = async (fastify) => {\n  fastify.post('/grep', async (request) => {\n    const lines = request.body.text.split('\\n');\n    return lines.filter((l) => new RegExp(request.body.expr).test(l));\n  });\n};\n",
        {
          path: 'pages/api/find.ts',
          code: "import type { NextApiRequest, NextApiResponse } from 'next';\n\nexport default function handler(req: NextApiRequest, res: NextApiResponse) {\n  const term = String(req.query.term);\n  const matcher = new RegExp(`\\\\b${term}\\\\b`, 'g');\n  res.json({ count: (DOC.match(matcher) || []).length });\n}\n",
        },
      ],
      pass: [
        "const escapeStringRegexp = require('escape-string-regexp');\nconst app = require('express')();\napp.get('/search', (req, res) => {\n  const re = new RegExp(escapeStringRegexp(req.query.q), 'i');\n  res.json(products.filter((p) => re.test(p.name)));\n});\n",
        "const app = require('express')();\napp.get('/search', (req, res) => {\n  const q = String(req.query.q).replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&');\n  res.json(products.filter((p) => new RegExp(q, 'i').test(p.name)));\n});\n",
        "const app = require('express')();\nconst SLUG = new RegExp('^[a-z0-9-]+$');\napp.get('/p/:slug', (req, res) => {\n  res.json({ ok: SLUG.test(req.params.slug) });\n});\n",
      ],
    },
  },
  sink: {
    call(site, api) {
      if (site.name !== 'RegExp' && site.name !== 'global.RegExp' && site.name !== 'globalThis.RegExp') return;
      const t = taintedArg(api, site, 0, 'regex');
      if (t) api.report('regex-injection', site.node, sinkName(site), t);
    },
  },
};
