// Session and auth cookies set with httpOnly: false or secure: false spelled out.
import type { Node, Property } from 'estree';
import { unwrap } from '../engine/guards';
import { calleeName, walkNodes, type JsFile } from '../engine/modules';
import type { HitStore } from '../engine/api';
import type { TaintRuleDef } from '../rule';
import { isLiteralFlag, objectLiteralOf, propertyOf } from './util';

const SESSION_MIDDLEWARE = /^(?:express-session|cookie-session|koa-session|@fastify\/session|@fastify\/secure-session)(?:\.default)?$/;
const SENSITIVE = /sess|sid\b|token|auth|jwt|remember|login|access|refresh|credential|user|account|connect\./i;
// Double-submit CSRF cookies must be readable by the page's script.
const SCRIPT_READABLE = /csrf|xsrf/i;

function reportFlags(file: JsFile, hits: HitStore, options: Node | null, what: string, readableOk: boolean): void {
  const flags: Property[] = [];
  const httpOnly = propertyOf(options, /^(?:httpOnly|httponly)$/);
  if (!readableOk && isLiteralFlag(httpOnly, false)) flags.push(httpOnly!);
  const secure = propertyOf(options, 'secure');
  if (isLiteralFlag(secure, false)) flags.push(secure!);
  if (!flags.length) return;
  const names = flags.map((p) => file.source.getText(p as never).replace(/\s+/g, ' ')).join(', ');
  const why = flags.length === 2 ? 'script can read it and it travels over plain HTTP' : flags[0] === httpOnly ? "the page's script (and any XSS) can read it" : 'it is sent over plain HTTP too';
  hits.add({ rule: 'cookie-flags', node: flags[0], message: `${what} sets ${names} (line ${flags[0].loc!.start.line}): ${why}`, flow: [] });
}

export const cookieFlags: TaintRuleDef = {
  name: 'cookie-flags',
  rule: {
    id: 'CODE-JS-COOKIE-FLAGS',
    language: 'javascript',
    title: 'A session or auth cookie turns off httpOnly or secure',
    severity: 'medium',
    confidence: 'high',
    description:
      'A session middleware (express-session, cookie-session, koa-session) or a res.cookie / ctx.cookies.set / reply.setCookie call for a session or token cookie sets httpOnly: false or secure: false explicitly. Without httpOnly any script on the page, including injected script, reads the session; without secure the cookie is also sent over plain HTTP, where anyone on the network can take it.',
    remediation:
      "Keep httpOnly on (the default of express-session and res.cookie's session use) and set secure: true in production (behind a proxy: app.set('trust proxy', 1)); sameSite: 'lax' or 'strict' as well.",
    remediationSnippet: "app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true, secure: true, sameSite: 'lax' } }));",
    cwe: ['CWE-1004', 'CWE-614'],
    tags: ['cookies', 'session'],
    examples: {
      fail: [
        "const session = require('express-session');\nconst app = require('express')();\napp.use(session({\n  secret: process.env.SESSION_SECRET,\n  resave: false,\n  cookie: { httpOnly: false, secure: false, maxAge: 86400000 },\n}));\n",
        "const app = require('express')();\napp.post('/login', async (req, res) => {\n  const token = await login(req.body.email, req.body.password);\n  res.cookie('token', token, { httpOnly: false, maxAge: 3600000 });\n  res.redirect('/');\n});\n",
        {
          path: 'src/server/auth.ts',
          code: "import Koa from 'koa';\n\nexport async function issueSession(ctx: Koa.Context, sessionId: string) {\n  ctx.cookies.set('sid', sessionId, { httpOnly: true, secure: false, sameSite: 'lax' });\n  ctx.status = 204;\n}\n",
        },
        "import cookieSession from 'cookie-session';\nimport express from 'express';\nconst app = express();\napp.use(cookieSession({ name: 'session', keys: [process.env.COOKIE_KEY], httpOnly: false }));\n",
      ],
      pass: [
        "const session = require('express-session');\nconst app = require('express')();\napp.use(session({\n  secret: process.env.SESSION_SECRET,\n  resave: false,\n  cookie: { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax' },\n}));\n",
        "const app = require('express')();\napp.get('/', (req, res) => {\n  res.cookie('XSRF-TOKEN', req.csrfToken(), { httpOnly: false, sameSite: 'strict' });\n  res.render('index');\n});\n",
        {
          path: 'src/server/prefs.ts',
          code: "import type { Response } from 'express';\n\nexport function rememberTheme(res: Response, theme: 'light' | 'dark') {\n  res.cookie('theme', theme, { httpOnly: false, maxAge: 31536000000 });\n}\n",
        },
        "const app = require('express')();\napp.post('/login', async (req, res) => {\n  const token = await login(req.body.email, req.body.password);\n  res.cookie('token', token, { httpOnly: true, secure: true, sameSite: 'strict' });\n  res.redirect('/');\n});\n",
      ],
    },
  },
  check(file, hits) {
    if (!/httpOnly|httponly|secure/.test(file.source.text)) return;
    walkNodes(file, (node) => {
      if (node.type !== 'CallExpression') return;
      const name = calleeName(file, node.callee);
      const args = node.arguments as Node[];
      if (SESSION_MIDDLEWARE.test(name)) {
        const options = objectLiteralOf(file, args[0]);
        const module = name.replace(/\.default$/, '');
        reportFlags(file, hits, options, module, false);
        const cookie = propertyOf(options, 'cookie');
        if (cookie) reportFlags(file, hits, objectLiteralOf(file, cookie.value as Node), `${module}'s cookie`, false);
        return;
      }
      const callee = unwrap(node.callee as Node);
      if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
      const method = callee.property.name;
      const receiver = file.source.getText(callee.object as never);
      const cookieCall = method === 'cookie' || method === 'setCookie' || (method === 'set' && /cookies(?:\(\))?$/.test(receiver));
      if (!cookieCall || args.length < 2) return;
      const nameText = file.source.getText(args[0] as never);
      const valueText = file.source.getText(args[1] as never);
      if (!SENSITIVE.test(`${nameText} ${valueText}`)) return;
      reportFlags(file, hits, objectLiteralOf(file, args[2]), `${receiver.slice(0, 40)}.${method}(${nameText.slice(0, 40)})`, SCRIPT_READABLE.test(nameText));
    });
  },
};
