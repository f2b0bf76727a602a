// Request data in the text of a SQL query (mysql/mysql2, pg, sqlite, sequelize.query, knex.raw,
// TypeORM, Prisma's unsafe raw queries). Values passed separately (placeholders) are fine.
import type { Node } from 'estree';
import type { CallSite, SinkApi } from '../engine/api';
import { unwrap } from '../engine/guards';
import type { TaintRuleDef } from '../rule';
import { receiverName, shortReceiver, taintedArg } from './util';

const ANY_RECEIVER = new Set(['query', 'raw', 'whereRaw', 'orWhereRaw', 'andWhereRaw', 'havingRaw', 'orHavingRaw', 'orderByRaw', 'groupByRaw', 'joinRaw', 'fromRaw', '$queryRawUnsafe', '$executeRawUnsafe', 'unsafe']);
const RAW_ONLY = /Raw|^raw$|Unsafe$|^unsafe$/;
const DB_RECEIVER = new Set(['execute', 'exec', 'run', 'all', 'get', 'each', 'prepare', 'literal']);
const DB_NAME = /(?:^|\.)(?:db|database|conn|connection|pool|client|sql|sqlite|mysql|pg|knex|trx|tx|sequelize|Sequelize|prisma|dataSource|manager|entityManager|em|queryRunner|repository|repo|statement)$/i;
const NOT_SQL = /graph|apollo|gql|urql|elastic|search|algolia|router|url|req|request|ctx|cache|redis/i;
const BUILDER_METHODS = new Set(['where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving', 'orderBy', 'addOrderBy', 'groupBy', 'select', 'addSelect', 'innerJoin', 'leftJoin', 'setParameter']);

function inQueryBuilder(site: CallSite): boolean {
  let n: Node | null = site.receiver;
  for (let i = 0; n && i < 30; i++) {
    const c = unwrap(n);
    if (c.type !== 'CallExpression') return false;
    const callee = unwrap(c.callee as Node);
    if (callee.type !== 'MemberExpression') return false;
    if (callee.property.type === 'Identifier' && callee.property.name === 'createQueryBuilder') return true;
    n = callee.object as Node;
  }
  return false;
}

function isSqlSink(site: CallSite, api: SinkApi): boolean {
  if (!site.method || !site.receiver || site.isNew) return false;
  const recv = receiverName(api, site);
  if (ANY_RECEIVER.has(site.method)) return !NOT_SQL.test(recv);
  if (DB_RECEIVER.has(site.method)) return DB_NAME.test(recv) && !NOT_SQL.test(recv);
  return BUILDER_METHODS.has(site.method) && inQueryBuilder(site);
}

export const sqlInjection: TaintRuleDef = {
  name: 'sql-injection',
  rule: {
    id: 'CODE-JS-SQL-INJECTION',
    language: 'javascript',
    title: 'Request data is part of a SQL query',
    severity: 'critical',
    confidence: 'high',
    description:
      "Data from the HTTP request is concatenated or interpolated into the text of a SQL query (mysql/mysql2 and pg query, sqlite, sequelize.query, knex.raw and whereRaw, TypeORM query and query builder conditions, Prisma's $queryRawUnsafe). A quote in the value ends the literal and the rest is SQL the client wrote: reading or changing any table.",
    remediation:
      'Pass values as parameters: placeholders in the text (?, $1, :name) and the values in the separate array or object (query(sql, [id]), knex.raw(sql, [id]), where("u.id = :id", { id })), or use Prisma\'s tagged $queryRaw`...${id}`. Identifiers (column names, sort order) come from an allow-list.',
    remediationSnippet: "const { rows } = await pool.query('SELECT * FROM users WHERE email = $1', [req.query.email]);",
    cwe: ['CWE-89'],
    taint: true,
    tags: ['injection'],
    examples: {
      fail: [
        "const mysql = require('mysql');\nconst db = mysql.createConnection({ host: 'db' });\nconst app = require('express')();\napp.get('/user', (req, res) => {\n  const sql = \"SELECT * FROM users WHERE name = '\" + req.query.name + \"'\";\n  db.query(sql, (err, rows) => res.json(rows));\n});\n",
        "const { Pool } = require('pg');\nconst pool = new Pool();\nconst router = require('express').Router();\nrouter.get('/orders/:id', async (req, res) => {\n  const { id } = req.params;\n  const { rows } = await pool.query(`SELECT * FROM orders WHERE id = ${id}`);\n  res.json(rows);\n});\n",
        "const Router = require('@koa/router');\nconst { sequelize } = require('./db');\nconst router = new Router();\nrouter.get('/search', async (ctx) => {\n  let q = 'SELECT * FROM products WHERE 1=1';\n  if (ctx.query.category) q += ` AND category = '${ctx.query.category}'`;\n  ctx.body = await sequelize.query(q);\n});\n",
        "const knex = require('knex')({ client: 'pg' });\nfunction orderClause(field) {\n  return 'ORDER BY ' + field;\n}\nmodule.exports = async (fastify) => {\n  fastify.get('/items', async (request, reply) => {\n    return knex.raw('SELECT * FROM items ' + orderClause(request.query.sort));\n  });\n};\n",
        {
          path: 'pages/api/users.ts',
          code: "import type { NextApiRequest, NextApiResponse } from 'next';\nimport { AppDataSource } from '../../lib/data-source';\nimport { User } from '../../lib/entities';\n\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  const users = await AppDataSource.getRepository(User)\n    .createQueryBuilder('u')\n    .where(`u.email = '${req.query.email}'`)\n    .getMany();\n  res.json(users);\n}\n",
        },
      ],
      pass: [
        "const mysql = require('mysql2/promise');\nconst app = require('express')();\napp.get('/user', async (req, res) => {\n  const db = await mysql.createConnection({ host: 'db' });\n  const [rows] = await db.execute('SELECT * FROM users WHERE name = ?', [req.query.name]);\n  res.json(rows);\n});\n",
        "const { Pool } = require('pg');\nconst pool = new Pool();\nconst app = require('express')();\napp.get('/orders/:id', async (req, res) => {\n  const { rows } = await pool.query({ text: 'SELECT * FROM orders WHERE id = $1', values: [req.params.id] });\n  res.json(rows);\n});\n",
        "const knex = require('knex')({ client: 'pg' });\nconst app = require('express')();\napp.get('/page', async (req, res) => {\n  const limit = Number(req.query.limit);\n  res.json(await knex.raw('SELECT * FROM items LIMIT ' + limit));\n});\n",
        "const mysql = require('mysql');\nconst db = mysql.createConnection({});\nconst app = require('express')();\napp.get('/user', (req, res) => {\n  db.query('SELECT * FROM users WHERE name = ' + mysql.escape(req.query.name), (e, rows) => res.json(rows));\n});\n",
        {
          path: 'pages/api/users.ts',
          code: "import type { NextApiRequest, NextApiResponse } from 'next';\nimport { AppDataSource } from '../../lib/data-source';\nimport { User } from '../../lib/entities';\n\nexport default async function handler(req: NextApiRequest, res: NextApiResponse) {\n  const users = await AppDataSource.getRepository(User)\n    .createQueryBuilder('u')\n    .where('u.email = :email', { email: req.query.email })\n    .getMany();\n  res.json(users);\n}\n",
        },
      ],
    },
  },
  sink: {
    call(site, api) {
      if (!isSqlSink(site, api)) return;
      const t = taintedArg(api, site, 0, 'sql', /^(?:sql|text)$/);
      // Text built around request data; a bare value is SQL only for the raw-SQL methods (db.get(id) is a key-value read).
      if (t && (t.shape === 'string' || (t.shape === 'value' && RAW_ONLY.test(site.method!)))) api.report('sql-injection', site.node, `${shortReceiver(api, site)}.${site.method}`, t);
    },
  },
};
