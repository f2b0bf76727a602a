// Request objects deep-merged or written by request-chosen keys: lodash merge/defaultsDeep/set,
// similar packages, a hand-written recursive merge without a __proto__ check, Object.assign into an
// object shared across requests, obj[a][b] = v with both keys from the request.
import type { Node } from 'estree';
import type { SinkApi } from '../engine/api';
import { parentOf, unwrap } from '../engine/guards';
import type { FunctionNode } from '../engine/handlers';
import { taintFor, type Taint } from '../engine/values';
import type { TaintRuleDef } from '../rule';
import { sinkName } from './util';

const DEEP_MERGE = /^(?:(?:lodash|_)\.(?:merge|mergeWith|defaultsDeep)|lodash\.(?:merge|mergewith|defaultsdeep)|merge|merge-deep|mixin-deep|deep-extend|defaults-deep|merge-options|assign-deep|(?:jquery|\$)\.extend)$/;
const SET_PATH = /^(?:(?:lodash|_)\.(?:set|setWith|update|updateWith)|lodash\.(?:set|setwith)|set-value|dot-prop\.(?:set|setProperty)|object-path\.(?:set|insert|push)|dottie\.set|nested-property\.set)$/;
const UNSAFE_WORDS = /__proto__|constructor|prototype|Object\.create\(null\)|hasOwn|isSafeKey|isPrototypePolluted/;

/** An object value from the request (not a string built from it). */
function objectTaint(api: SinkApi, node: Node | undefined): Taint | null {
  const t = node ? taintFor(api.value(node), 'proto') : null;
  return t && (t.shape === 'container' || t.shape === 'value') ? t : null;
}

const mergeCache = new WeakMap<Node, boolean>();

/** A same-file function that copies keys into a target and calls itself for nested objects, without a key check. */
function isUnsafeMerge(api: SinkApi, fn: FunctionNode): boolean {
  const known = mergeCache.get(fn);
  if (known !== undefined) return known;
  const text = api.text(fn);
  const name = fn.type === 'FunctionDeclaration' ? fn.id?.name : parentOf(fn)?.type === 'VariableDeclarator' ? ((parentOf(fn) as unknown as { id: { name?: string } }).id.name ?? null) : null;
  const result =
    !!name &&
    text.length < 5000 &&
    fn.params.length >= 2 &&
    new RegExp(`\\b${name}\\s*\\(`).test(text.slice(text.indexOf('{'))) &&
    /\bfor\s*\(\s*(?:const|let|var)\s+\w+\s+in\b|Object\.(?:keys|entries)\(/.test(text) &&
    /\w+\s*\[\s*\w+\s*\]\s*=(?!=)/.test(text) &&
    !UNSAFE_WORDS.test(text);
  mergeCache.set(fn, result);
  return result;
}

/** A target that outlives the request: a module-level variable or a property of one (config.site, app.locals) or of this. */
function isShared(api: SinkApi, node: Node): boolean {
  let n = unwrap(node);
  for (let i = 0; i < 20 && n.type === 'MemberExpression'; i++) n = unwrap(n.object as Node);
  if (n.type === 'ThisExpression') return true;
  if (n.type !== 'Identifier') return false;
  const v = api.file.variables.get(n);
  return !!v && (v.scope.type === 'module' || v.scope.type === 'global' || (v.scope.type === 'function' && v.scope.block.type === 'Program'));
}

export const prototypePollution: TaintRuleDef = {
  name: 'prototype-pollution',
  rule: {
    id: 'CODE-JS-PROTOTYPE-POLLUTION',
    language: 'javascript',
    title: 'Request data is merged into objects by keys the client chooses',
    severity: 'high',
    confidence: 'medium',
    description:
      'A request object is deep-merged (lodash merge/defaultsDeep, merge packages, a recursive merge written in the file), written through a path or keys from the request (_.set(obj, req.body.path, v), obj[a][b] = v), or Object.assign-ed into an object shared by all requests. A key "__proto__" or "constructor.prototype" then changes Object.prototype (or the shared object\'s prototype) for the whole process: properties like isAdmin appear on every object, and gadgets in libraries turn it into denial of service or code execution.',
    remediation:
      'Copy only the fields you expect, validate the body with a schema, skip the keys __proto__, constructor and prototype in your own merges, merge into Object.create(null) or a Map, and keep lodash at 4.17.21 or later.',
    remediationSnippet: "const { theme, language } = req.body;\nconst prefs = { ...defaults, theme: String(theme), language: String(language) };",
    cwe: ['CWE-1321', 'CWE-915'],
    taint: true,
    tags: ['injection'],
    examples: {
      fail: [
        "const _ = require('lodash');\nconst app = require('express')();\nconst settings = {};\napp.post('/settings', (req, res) => {\n  _.merge(settings, req.body);\n  res.json(settings);\n});\n",
        "const app = require('express')();\nfunction merge(target, source) {\n  for (const key in source) {\n    if (typeof source[key] === 'object') {\n      if (!target[key]) target[key] = {};\n      merge(target[key], source[key]);\n    } else {\n      target[key] = source[key];\n    }\n  }\n  return target;\n}\napp.put('/profile', (req, res) => {\n  const profile = merge({}, req.body);\n  res.json(profile);\n});\n",
        "const Router = require('@koa/router');\nconst router = new Router();\nconst store = {};\nrouter.post('/kv', async (ctx) => {\n  const { ns, key, value } = ctx.request.body;\n  store[ns] = store[ns] || {};\n  store[ns][key] = value;\n  ctx.status = 204;\n});\n",
        "const { set } = require('lodash');\nmodule.exports = async (fastify) => {\n  const config = {};\n  fastify.patch('/config', async (request) => {\n    set(config, request.body.path, request.body.value);\n    return config;\n  });\n};\n",
        {
          path: 'pages/api/prefs.ts',
          code: "import type { NextApiRequest, NextApiResponse } from 'next';\n\nconst defaults = { theme: 'light' };\n\nexport default function handler(req: NextApiRequest, res: NextApiResponse) {\n  Object.assign(defaults, req.body);\n  res.json(defaults);\n}\n",
        },
      ],
      pass: [
        "const _ = require('lodash');\nconst app = require('express')();\napp.post('/settings', (req, res) => {\n  const settings = _.merge({}, DEFAULTS, { theme: String(req.body.theme) });\n  res.json(settings);\n});\n",
        "const app = require('express')();\nfunction merge(target, source) {\n  for (const key of Object.keys(source)) {\n    if (key === '__proto__' || key === 'constructor') continue;\n    if (typeof source[key] === 'object') merge(target[key] = target[key] || {}, source[key]);\n    else target[key] = source[key];\n  }\n  return target;\n}\napp.put('/profile', (req, res) => {\n  res.json(merge({}, req.body));\n});\n",
        "const app = require('express')();\napp.post('/user', (req, res) => {\n  const user = Object.assign({}, req.body);\n  res.json(user);\n});\n",
        "const app = require('express')();\nconst counters = {};\napp.post('/hit', (req, res) => {\n  const name = req.body.name;\n  counters[name] = (counters[name] || 0) + 1;\n  res.json(counters);\n});\n",
      ],
    },
  },
  sink: {
    call(site, api) {
      const fn = !site.isNew && site.node.type === 'CallExpression' ? api.functionOf(site.node.callee as Node) : null;
      if (fn) {
        if (!isUnsafeMerge(api, fn)) return;
        for (const a of site.args) {
          const t = objectTaint(api, a);
          if (t) return api.report('prototype-pollution', site.node, `${api.text(site.node.type === 'CallExpression' ? (site.node.callee as Node) : site.node)} (a recursive merge)`, t);
        }
        return;
      }
      if (DEEP_MERGE.test(site.name)) {
        for (let i = 1; i < site.args.length; i++) {
          const t = objectTaint(api, site.args[i]);
          if (t) return api.report('prototype-pollution', site.node, sinkName(site), t);
        }
        return;
      }
      if (SET_PATH.test(site.name)) {
        const t = taintFor(api.value(site.args[1]), 'proto');
        if (t) api.report('prototype-pollution', site.node, sinkName(site), t);
        return;
      }
      if (/^(?:lodash|_)\.zipObjectDeep$/.test(site.name)) {
        const t = taintFor(api.value(site.args[0]), 'proto');
        if (t) api.report('prototype-pollution', site.node, sinkName(site), t);
        return;
      }
      if (site.name === 'Object.assign' && site.args[0] && isShared(api, site.args[0])) {
        for (let i = 1; i < site.args.length; i++) {
          const t = objectTaint(api, site.args[i]);
          if (t) return api.report('prototype-pollution', site.node, 'Object.assign', t);
        }
      }
    },
    assign(node, api) {
      const left = unwrap(node.left as Node);
      if (node.operator !== '=' || left.type !== 'MemberExpression' || !left.computed) return;
      const inner = unwrap(left.object as Node);
      if (inner.type !== 'MemberExpression' || !inner.computed) return;
      const outerKey = taintFor(api.value(left.property as Node), 'proto');
      const innerKey = taintFor(api.value(inner.property as Node), 'proto');
      if (outerKey && innerKey) api.report('prototype-pollution', node, `${api.text(inner).slice(0, 40)}[…] =`, innerKey);
    },
  },
};
