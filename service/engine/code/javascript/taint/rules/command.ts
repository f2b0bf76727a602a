// Request data reaching a shell or the program a child process runs.
import { unwrap } from '../engine/guards';
import type { TaintRuleDef } from '../rule';
import { propertyOf, sinkName, stringValue, taintedArg } from './util';

const SHELL_CALLS = new Set(['child_process.exec', 'child_process.execSync', 'shelljs.exec', 'execa.command', 'execa.commandSync', 'execa.execaCommand', 'execa.execaCommandSync']);
const SPAWN_CALLS = new Set(['child_process.spawn', 'child_process.spawnSync', 'child_process.execFile', 'child_process.execFileSync', 'execa', 'execa.execa', 'execa.sync', 'execa.execaSync', 'cross-spawn', 'cross-spawn.sync']);
const SHELLS = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|zsh|dash|ksh|cmd|cmd\.exe|powershell|powershell\.exe|pwsh)$/i;
const SHELL_FLAGS = new Set(['-c', '/c', '/C', '-Command', '-command']);

export const commandInjection: TaintRuleDef = {
  name: 'command-injection',
  rule: {
    id: 'CODE-JS-COMMAND-INJECTION',
    language: 'javascript',
    title: 'Request data reaches a shell command',
    severity: 'critical',
    confidence: 'high',
    description:
      'Data from the HTTP request (query, body, params, headers, cookies) reaches child_process.exec/execSync, spawn or execFile with shell: true, or a shell started with -c. A shell reads ; | & $( ) and backticks, so the client can run any command on the server.',
    remediation:
      'Do not build command lines. Run the program directly with execFile/spawn and an argument array (no shell option), check the value against an allow-list, and put `--` before user-supplied arguments.',
    remediationSnippet: "execFile('git', ['log', '--', branch], (err, out) => res.send(out));",
    cwe: ['CWE-78'],
    taint: true,
    tags: ['injection'],
    examples: {
      fail: [
        "const { exec } = require('child_process');\nconst app = require('express')();\napp.get('/ping', (req, res) => {\n  exec('ping -c 1 ' + req.query.host, (err, out) => res.send(out));\n});\n",
        "import express from 'express';\nimport { execSync } from 'node:child_process';\nconst router = express.Router();\nrouter.post('/convert', (req, res) => {\n  const { file, format } = req.body;\n  const cmd = `convert ${file} out.${format}`;\n  execSync(cmd);\n  res.sendStatus(204);\n});\n",
        "const cp = require('child_process');\nconst Koa = require('koa');\nconst Router = require('@koa/router');\nconst router = new Router();\nrouter.get('/dig', async (ctx) => {\n  const child = cp.spawn('sh', ['-c', `dig ${ctx.query.name}`]);\n  ctx.body = child.stdout;\n});\n",
        "const util = require('util');\nconst { exec } = require('child_process');\nconst run = util.promisify(exec);\nmodule.exports = async function (fastify) {\n  fastify.post('/archive', async (request, reply) => {\n    const dir = request.body.dir;\n    await run('tar czf /tmp/a.tgz ' + dir);\n    return { ok: true };\n  });\n};\n",
        {
          path: 'pages/api/lookup.ts',
          code: "import type { NextApiRequest, NextApiResponse } from 'next';\nimport { spawn } from 'child_process';\n\nexport default function handler(req: NextApiRequest, res: NextApiResponse) {\n  const domain = req.query.domain as string;\n  const p = spawn('whois ' + domain, { shell: true });\n  p.stdout.pipe(res);\n}\n",
        },
      ],
      pass: [
        "const { execFile } = require('child_process');\nconst app = require('express')();\napp.get('/ping', (req, res) => {\n  execFile('ping', ['-c', '1', '--', req.query.host], (err, out) => res.send(out));\n});\n",
        "const { exec } = require('child_process');\nconst app = require('express')();\nconst TOOLS = ['uptime', 'df'];\napp.get('/tool', (req, res) => {\n  const tool = req.query.tool;\n  if (!TOOLS.includes(tool)) return res.status(400).end();\n  exec(tool, (err, out) => res.send(out));\n});\n",
        "const { exec } = require('child_process');\nconst app = require('express')();\napp.get('/page', (req, res) => {\n  const n = parseInt(req.query.n, 10);\n  exec('seq ' + n, (err, out) => res.send(out));\n});\n",
        "const { exec } = require('child_process');\nfunction backup() {\n  exec('tar czf /backups/db.tgz /var/lib/db');\n}\nmodule.exports = { backup };\n",
      ],
    },
  },
  sink: {
    call(site, api) {
      if (SHELL_CALLS.has(site.name)) {
        const t = taintedArg(api, site, 0, 'command');
        if (t) api.report('command-injection', site.node, sinkName(site), t);
        return;
      }
      if (!SPAWN_CALLS.has(site.name)) return;
      const program = taintedArg(api, site, 0, 'command');
      if (program) return api.report('command-injection', site.node, sinkName(site), program);
      const list = site.args[1] ? unwrap(site.args[1]) : null;
      const options = site.args.find((a, i) => i > 0 && unwrap(a).type === 'ObjectExpression');
      const shellOption = propertyOf(options, 'shell');
      const shell = !!shellOption && !(shellOption.value.type === 'Literal' && !shellOption.value.value);
      const items = list?.type === 'ArrayExpression' ? list.elements : [];
      const viaShell = SHELLS.test(stringValue(site.args[0]) ?? '') && items.some((e) => e && SHELL_FLAGS.has(stringValue(e) ?? ''));
      if (!shell && !viaShell) return;
      for (const e of items) {
        const t = e && e.type !== 'SpreadElement' ? taintedArg(api, { ...site, args: [e] }, 0, 'command') : null;
        if (t) return api.report('command-injection', site.node, sinkName(site), t);
      }
      if (shell && list && list.type !== 'ArrayExpression') {
        const t = taintedArg(api, site, 1, 'command');
        if (t) api.report('command-injection', site.node, sinkName(site), t);
      }
    },
  },
};
