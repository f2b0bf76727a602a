// A request object used as a MongoDB filter (operators like {"$ne": null} or {"$gt": ""} come with
// it), or request data inside a $where JavaScript condition.
import type { Node } from 'estree';
import type { SinkApi } from '../engine/api';
import { unwrap } from '../engine/guards';
import { importsAny } from '../engine/modules';
import { taintFor, type Taint } from '../engine/values';
import type { TaintRuleDef } from '../rule';
import { shortReceiver } from './util';

const FILTER_METHODS = new Set([
  'find', 'findOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndRemove', 'findOneAndReplace', 'updateOne', 'updateMany', 'update',
  'deleteOne', 'deleteMany', 'remove', 'countDocuments', 'count', 'exists', 'replaceOne', 'where', 'aggregate', 'distinct',
]);
const MONGO_MODULES = ['mongoose', 'mongodb', 'monk', 'mongojs', '@typegoose/typegoose'];
const MODEL_LIKE = /^(?:[A-Z]\w*|\w*(?:collection|Collection|coll|Model|model|repo|Repo)\w*)$/;

const SQL_MODULES = ['sequelize', 'typeorm', '@prisma/client', 'knex', 'objection', '@mikro-orm/core', 'pg', 'mysql', 'mysql2'];
/** Parsed body and query values can be objects ({"$ne": null}); route params and headers are always strings. */
const OBJECT_CARRYING_SOURCE = /\.(?:body|query|request\.body)\b/;

/** A field of a filter literal set to a body or query value as it came (no String(), template, check). */
function requestValueField(api: SinkApi, filter: Node): Taint | null {
  const n = unwrap(filter);
  if (n.type !== 'ObjectExpression') return null;
  for (const p of n.properties) {
    if (p.type !== 'Property' || (p.key.type === 'Identifier' && !p.computed && p.key.name.startsWith('$'))) continue;
    const t = taintFor(api.value(p.value), 'nosql');
    if (t && t.shape === 'value' && OBJECT_CARRYING_SOURCE.test(t.source.label)) return t;
  }
  return null;
}

export const nosqlInjection: TaintRuleDef = {
  name: 'nosql-injection',
  rule: {
    id: 'CODE-JS-NOSQL-INJECTION',
    language: 'javascript',
    title: 'A request object is used as a MongoDB query',
    severity: 'high',
    confidence: 'medium',
    description:
      'The parsed request body or query string (or an object taken from it) is passed as the filter of a MongoDB or Mongoose find, findOne, update or delete, or request data is part of a $where condition. JSON bodies and bracket query strings (?user[$ne]=x) carry objects, so the client sends operators like {"$ne": null} or {"$regex": ".*"} and matches (or deletes) records it should not: the classic login bypass.',
    remediation:
      'Build the filter from the fields you expect, each converted to the type it must have (String(x), Number(x)), or validate the body with a schema; enable Mongoose\'s sanitizeFilter or express-mongo-sanitize; never use $where with request data.',
    remediationSnippet: 'const user = await User.findOne({ email: String(req.body.email) });',
    cwe: ['CWE-943'],
    taint: true,
    tags: ['injection'],
    examples: {
      fail: [
        "const mongoose = require('mongoose');\nconst User = mongoose.model('User');\nconst app = require('express')();\napp.post('/login', async (req, res) => {\n  const user = await User.findOne(req.body);\n  res.json({ ok: !!user });\n});\n",
        "const { MongoClient } = require('mongodb');\nconst client = new MongoClient(process.env.MONGO_URL);\nconst router = require('express').Router();\nrouter.get('/products', async (req, res) => {\n  const filter = req.query.filter;\n  const items = await client.db('shop').collection('products').find(filter).toArray();\n  res.json(items);\n});\n",
        "const Router = require('@koa/router');\nconst Order = require('./models/order');\nconst router = new Router();\nrouter.delete('/orders', async (ctx) => {\n  await Order.deleteMany(ctx.request.body);\n  ctx.status = 204;\n});\n",
        "const mongoose = require('mongoose');\nconst Post = mongoose.model('Post');\nmodule.exports = async (fastify) => {\n  fastify.get('/posts', async (request, reply) => {\n    return Post.find({ $where: `this.author == '${request.query.author}'` });\n  });\n};\n",
        {
          path: 'pages/api/account.ts',
          code: "import type { NextApiRequest, NextApiResponse } from 'next';\nimport { Account } from '../../models/account';\n\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  const { where } = req.body;\n  const account = await Account.findOne(where);\n  res.json(account);\n}\n",
        },
        "const mongoose = require('mongoose');\nconst User = mongoose.model('User');\nconst router = require('express').Router();\nrouter.post('/login', async (req, res) => {\n  const user = await User.findOne({ username: req.body.username, password: req.body.password });\n  if (!user) return res.status(401).send('Invalid credentials');\n  req.session.userId = user.id;\n  res.redirect('/');\n});\nmodule.exports = router;\n",
        {
          path: 'src/routes/reset.ts',
          code: "import { Router } from 'express';\nimport { db } from '../db';\n\nexport const reset = Router();\nreset.get('/reset', async (req, res) => {\n  const { token } = req.query;\n  const request = await db.collection('resets').findOne({ token, used: false });\n  res.json({ valid: !!request });\n});\n",
        },
      ],
      pass: [
        "const mongoose = require('mongoose');\nconst User = mongoose.model('User');\nconst app = require('express')();\napp.post('/login', async (req, res) => {\n  const user = await User.findOne({ email: String(req.body.email) });\n  res.json({ ok: !!user });\n});\n",
        "const mongoose = require('mongoose');\nconst Post = mongoose.model('Post');\nconst app = require('express')();\napp.get('/posts/:id', async (req, res) => {\n  res.json(await Post.findById(req.params.id));\n});\n",
        "const app = require('express')();\nconst tags = ['a', 'b'];\napp.get('/tag', (req, res) => {\n  const t = tags.find((x) => x === req.query.tag);\n  res.json({ t });\n});\n",
        "const mongoose = require('mongoose');\nconst Item = mongoose.model('Item');\nconst app = require('express')();\napp.get('/items', async (req, res) => {\n  if (typeof req.query.owner !== 'string') return res.sendStatus(400);\n  res.json(await Item.find({ owner: req.query.owner }));\n});\n",
        "const mongoose = require('mongoose');\nconst User = mongoose.model('User');\nconst router = require('express').Router();\nrouter.post('/login', async (req, res) => {\n  const user = await User.findOne({ username: `${req.body.username}` });\n  const ok = user && (await user.checkPassword(String(req.body.password)));\n  res.sendStatus(ok ? 204 : 401);\n});\nmodule.exports = router;\n",
        {
          path: 'src/routes/orders.ts',
          code: "import { Router } from 'express';\nimport { Order } from '../models/order';\n\nexport const orders = Router();\norders.get('/orders/:id', async (req, res) => {\n  const order = await Order.findOne({ _id: req.params.id, customer: req.user.id });\n  res.json(order);\n});\n",
        },
        {
          path: 'src/routes/catalog.ts',
          code: "import { Router } from 'express';\nimport { Product } from '../models/product';\n\nexport const catalog = Router();\ncatalog.get('/products', async (req, res) => {\n  const page = Number(req.query.page) || 1;\n  res.json(await Product.find({ category: String(req.query.category), page }));\n});\n",
        },
      ],
    },
  },
  sink: {
    call(site, api) {
      if (!site.method || !FILTER_METHODS.has(site.method) || !site.receiver || site.isNew) return;
      const recv = unwrap(site.receiver);
      const mongoLike =
        importsAny(api.file, MONGO_MODULES) ||
        (recv.type === 'Identifier' && MODEL_LIKE.test(recv.name)) ||
        (recv.type === 'CallExpression' && recv.callee.type === 'MemberExpression' && recv.callee.property.type === 'Identifier' && /^(?:collection|model)$/.test(recv.callee.property.name));
      if (!mongoLike) return;
      const filter = site.args[site.method === 'distinct' ? 1 : 0];
      const sink = `${shortReceiver(api, site)}.${site.method}`;
      const t = taintFor(api.value(filter), 'nosql');
      if (t && (t.shape === 'container' || t.shape === 'value')) api.report('nosql-injection', site.node, sink, t);
      else if (filter && !importsAny(api.file, SQL_MODULES)) {
        const field = requestValueField(api, filter);
        if (field) api.report('nosql-injection', site.node, sink, field);
      }
    },
    object(node, api) {
      for (const p of node.properties) {
        if (p.type !== 'Property') continue;
        const key = !p.computed && p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : null;
        if (key !== '$where' && key !== '$function' && key !== '$accumulator') continue;
        const t = taintFor(api.value(p.value), 'nosql');
        if (t) api.report('nosql-injection', p, key, t);
      }
    },
  },
};
