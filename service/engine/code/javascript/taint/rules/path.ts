// Request data as a file path: fs reads, writes and deletes, res.sendFile / res.download without a
// root directory, koa-send without root.
import type { TaintRuleDef } from '../rule';
import { hasSpread, propertyOf, sinkName, taintedArg } from './util';

const ONE_PATH = new Set([
  'readFile', 'readFileSync', 'createReadStream', 'createWriteStream', 'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync',
  'unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'readdir', 'readdirSync', 'open', 'openSync', 'mkdir', 'mkdirSync',
  'truncate', 'truncateSync', 'chmod', 'chmodSync', 'opendir', 'readlink', 'outputFile', 'outputFileSync', 'remove', 'removeSync',
  'readJson', 'readJSON', 'readJsonSync', 'writeJson', 'writeJSON', 'outputJson', 'emptyDir',
]);
const TWO_PATHS = new Set(['copyFile', 'copyFileSync', 'rename', 'renameSync', 'cp', 'cpSync', 'symlink', 'symlinkSync', 'link', 'linkSync', 'copy', 'copySync', 'move', 'moveSync']);

export const pathTraversal: TaintRuleDef = {
  name: 'path-traversal',
  rule: {
    id: 'CODE-JS-PATH-TRAVERSAL',
    language: 'javascript',
    title: 'Request data is used as a file path',
    severity: 'high',
    confidence: 'high',
    description:
      'Data from the HTTP request becomes the path of a file the server reads, writes or deletes (fs.readFile, createReadStream, writeFile, unlink, rm, rename…), or is sent with res.sendFile / res.download without a root directory. With ../ segments or an absolute path the client reaches any file the process can: configuration, keys, source code, or overwrites them.',
    remediation:
      'Keep the client to a name, not a path: path.basename(name) checked against an allow-list or a strict pattern, joined to a fixed directory, and the resolved path checked to start with that directory. Use res.sendFile(name, { root: dir }) so Express refuses ../.',
    remediationSnippet: "const name = path.basename(req.params.name);\nres.sendFile(name, { root: path.join(__dirname, 'public') });",
    cwe: ['CWE-22'],
    taint: true,
    tags: ['injection'],
    examples: {
      fail: [
        "const fs = require('fs');\nconst path = require('path');\nconst app = require('express')();\napp.get('/docs/:name', (req, res) => {\n  const file = path.join(__dirname, 'docs', req.params.name);\n  fs.readFile(file, 'utf8', (err, text) => res.type('text').send(text));\n});\n",
        "const express = require('express');\nconst app = express();\napp.get('/download', (req, res) => {\n  res.download('/var/app/exports/' + req.query.file);\n});\n",
        "const express = require('express');\nconst path = require('path');\nconst app = express();\napp.get('/img', function (req, res) {\n  res.sendFile(path.resolve('uploads', req.query.img));\n});\n",
        "import { promises as fsp } from 'fs';\nimport Router from '@koa/router';\nconst router = new Router();\nrouter.delete('/files/:name', async (ctx) => {\n  await fsp.unlink(`/srv/uploads/${ctx.params.name}`);\n  ctx.status = 204;\n});\n",
        "const fs = require('node:fs/promises');\nmodule.exports = async (fastify) => {\n  fastify.post('/notes', async (request, reply) => {\n    const { title, text } = request.body;\n    await fs.writeFile('./notes/' + title + '.txt', text);\n    return { saved: title };\n  });\n};\n",
        {
          path: 'pages/api/avatar.ts',
          code: "import fs from 'fs';\nimport type { NextApiRequest, NextApiResponse } from 'next';\n\nexport default function handler(req: NextApiRequest, res: NextApiResponse) {\n  const user = req.query.user as string;\n  fs.createReadStream(`./avatars/${user}.png`).pipe(res);\n}\n",
        },
      ],
      pass: [
        "const express = require('express');\nconst path = require('path');\nconst app = express();\napp.get('/img/:name', (req, res) => {\n  res.sendFile(req.params.name, { root: path.join(__dirname, 'public') });\n});\n",
        "const fs = require('fs');\nconst path = require('path');\nconst app = require('express')();\napp.get('/docs/:name', (req, res) => {\n  const name = path.basename(req.params.name);\n  fs.readFile(path.join(__dirname, 'docs', name), 'utf8', (err, text) => res.type('text').send(text));\n});\n",
        "const fs = require('fs');\nconst app = require('express')();\nconst REPORTS = new Set(['daily.csv', 'weekly.csv']);\napp.get('/report', (req, res) => {\n  const name = req.query.name;\n  if (!REPORTS.has(name)) return res.sendStatus(404);\n  fs.createReadStream('/srv/reports/' + name).pipe(res);\n});\n",
        "const fs = require('fs');\nconst path = require('path');\nconst ROOT = '/srv/files';\nconst app = require('express')();\napp.get('/f', (req, res) => {\n  const full = path.resolve(ROOT, req.query.p);\n  if (!full.startsWith(ROOT + path.sep)) return res.sendStatus(403);\n  fs.createReadStream(full).pipe(res);\n});\n",
        "const fs = require('fs');\nconst config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));\nmodule.exports = config;\n",
      ],
    },
  },
  sink: {
    call(site, api) {
      const report = (i: number) => {
        const t = taintedArg(api, site, i, 'path');
        if (t) api.report('path-traversal', site.node, sinkName(site), t);
        return !!t;
      };
      if (site.name.startsWith('fs.') && site.method) {
        if (ONE_PATH.has(site.method)) report(0);
        else if (TWO_PATHS.has(site.method) && !report(0)) report(1);
        return;
      }
      if ((site.method === 'sendFile' || site.method === 'download' || site.method === 'sendfile') && site.receiver && api.isResponse(site.receiver)) {
        const options = site.args.slice(1).find((a) => a.type === 'ObjectExpression' || a.type === 'Identifier');
        if (options && (propertyOf(options, 'root') || hasSpread(options) || options.type === 'Identifier')) return;
        report(0);
        return;
      }
      if (site.name === 'koa-send' || site.name === 'koa-send.default') {
        if (propertyOf(site.args[2], 'root') || (site.args[2] && site.args[2].type !== 'ObjectExpression')) return;
        report(1);
      }
    },
  },
};
