// JSON Web Tokens: jsonwebtoken.verify without an algorithms list (or allowing "none"), and a
// token's claims read with jwt.decode (which checks no signature) deciding access.
import type { Scope } from 'eslint';
import type { Identifier, Node } from 'estree';
import type { HitStore } from '../engine/api';
import { unwrap } from '../engine/guards';
import { isFunction } from '../engine/handlers';
import { calleeName, importsAny, walkNodes, type JsFile } from '../engine/modules';
import { clip } from '../engine/values';
import type { TaintRuleDef } from '../rule';
import { propertyOf, stringValue } from './util';

function objectOf(file: JsFile, node: Node | undefined): Node | null {
  if (!node) return null;
  const n = unwrap(node);
  if (n.type === 'ObjectExpression') return n;
  if (n.type !== 'Identifier') return null;
  const def = file.variables.get(n)?.defs[0];
  const init = def?.type === 'Variable' ? (def.node as unknown as { init?: Node | null }).init : null;
  return init && unwrap(init).type === 'ObjectExpression' ? unwrap(init) : null;
}

/** Why the options of jwt.verify let the token choose its algorithm, or null when they do not (or cannot be read). */
function algorithmsProblem(file: JsFile, options: Node | undefined): string | null {
  if (!options || isFunction(options)) return 'has no options, so no algorithms list';
  const obj = objectOf(file, options);
  if (!obj || (obj.type === 'ObjectExpression' && obj.properties.some((p) => p.type === 'SpreadElement'))) return null;
  const algorithms = propertyOf(obj, 'algorithms');
  if (!algorithms) return 'has no algorithms option';
  const list = unwrap(algorithms.value as Node);
  if (list.type === 'ArrayExpression' && list.elements.some((e) => e && stringValue(e as Node)?.toLowerCase() === 'none')) return 'allows the algorithm "none"';
  return null;
}

export const jwtVerifyAlgorithms: TaintRuleDef = {
  name: 'jwt-verify-no-algorithms',
  rule: {
    id: 'CODE-JS-JWT-VERIFY-NO-ALGORITHMS',
    language: 'javascript',
    title: 'jwt.verify does not fix the accepted algorithms',
    severity: 'medium',
    confidence: 'high',
    description:
      'jsonwebtoken.verify is called without an algorithms option (or with "none" in it). The token header then chooses how it is checked: with older versions "none" or an HS256 token signed with the RSA public key as the secret passes (algorithm confusion); any version accepts algorithms you never meant to use.',
    remediation: "Pass the algorithm you issue tokens with: jwt.verify(token, key, { algorithms: ['RS256'] }), and keep jsonwebtoken at 9 or later.",
    remediationSnippet: "const claims = jwt.verify(token, publicKey, { algorithms: ['RS256'], audience: 'api' });",
    cwe: ['CWE-347', 'CWE-327'],
    tags: ['jwt'],
    examples: {
      fail: [
        "const jwt = require('jsonwebtoken');\nfunction auth(req, res, next) {\n  req.user = jwt.verify(req.headers.authorization.slice(7), process.env.JWT_SECRET);\n  next();\n}\nmodule.exports = auth;\n",
        { path: 'src/auth/token.ts', code: "import jwt from 'jsonwebtoken';\nexport function readToken(token: string) {\n  return jwt.verify(token, PUBLIC_KEY, { audience: 'api' });\n}\n" },
        "const { verify } = require('jsonwebtoken');\nmodule.exports = (token, cb) => verify(token, KEY, { algorithms: ['none', 'HS256'] }, cb);\n",
      ],
      pass: [
        "const jwt = require('jsonwebtoken');\nfunction auth(req, res, next) {\n  req.user = jwt.verify(req.headers.authorization.slice(7), process.env.JWT_SECRET, { algorithms: ['HS256'] });\n  next();\n}\nmodule.exports = auth;\n",
        { path: 'src/auth/token.ts', code: "import jwt from 'jsonwebtoken';\nconst OPTIONS = { algorithms: ['RS256'], issuer: 'https://id.example.com' };\nexport const readToken = (token: string) => jwt.verify(token, PUBLIC_KEY, OPTIONS);\n" },
        "const crypto = require('crypto');\nfunction verify(sig, data, key) {\n  return crypto.verify('sha256', data, key, sig);\n}\nmodule.exports = verify;\n",
      ],
    },
  },
  check(file, hits) {
    if (!importsAny(file, ['jsonwebtoken'])) return;
    walkNodes(file, (node) => {
      if (node.type !== 'CallExpression' || calleeName(file, node.callee) !== 'jsonwebtoken.verify') return;
      const problem = algorithmsProblem(file, node.arguments[2] as Node | undefined);
      if (problem) hits.add({ rule: 'jwt-verify-no-algorithms', node, message: `jwt.verify (line ${node.loc!.start.line}) ${problem}: the token's header chooses how it is checked`, flow: [] });
    });
  },
};

const DECODERS = new Set(['jsonwebtoken.decode', 'jwt-decode', 'jwt-decode.jwtDecode', 'jwt-decode.default']);
const IDENTITY_PROPS = /^(?:user|auth|session|claims|identity|principal|account|currentUser|userId|role|roles|isAdmin|admin|permissions|scope|tenant)$/;

function enclosingFunction(node: Node): Node | null {
  let n = (node as { parent?: Node }).parent;
  for (let i = 0; n && i < 500; i++) {
    if (isFunction(n)) return n;
    n = (n as { parent?: Node }).parent;
  }
  return null;
}

/** Where a decoded token's value decides something: an if/ternary/switch test, or req.user = …. */
function decidingUse(file: JsFile, start: Node): Node | null {
  let n = start;
  for (let i = 0; i < 20; i++) {
    const p = (n as { parent?: Node }).parent;
    if (!p) return null;
    switch (p.type) {
      case 'IfStatement':
      case 'WhileStatement':
      case 'ConditionalExpression':
        return p.test === n ? (p.test as Node) : null;
      case 'SwitchStatement':
        return p.discriminant === n ? (p.discriminant as Node) : null;
      case 'AssignmentExpression': {
        if (p.right !== n) return null;
        const left = unwrap(p.left as Node);
        if (left.type !== 'MemberExpression') return null;
        const prop = !left.computed && left.property.type === 'Identifier' ? left.property.name : '';
        return IDENTITY_PROPS.test(prop) || /^(?:req|request|ctx\.state|res\.locals)\b/.test(file.source.getText(left as never)) ? p : null;
      }
      case 'MemberExpression':
        if (p.object !== n) return null;
        break;
      case 'CallExpression':
        if (p.callee !== n) return null;
        break;
      case 'UnaryExpression':
      case 'BinaryExpression':
      case 'LogicalExpression':
      case 'AwaitExpression':
      case 'ChainExpression':
        break;
      default:
        if (!/^TS(?:As|NonNull|TypeAssertion|Satisfies)Expression$/.test(p.type as string)) return null;
    }
    n = p;
  }
  return null;
}

function variablesBound(file: JsFile, call: Node): Scope.Variable[] {
  let n: Node = call;
  let p = (n as { parent?: Node }).parent;
  while (p && (p.type === 'AwaitExpression' || /^TS(?:As|NonNull)Expression$/.test(p.type as string))) {
    n = p;
    p = (p as { parent?: Node }).parent;
  }
  const target = p?.type === 'VariableDeclarator' && p.init === n ? p.id : p?.type === 'AssignmentExpression' && p.right === n ? p.left : null;
  if (!target) return [];
  const ids: Identifier[] = [];
  walkPattern(target as Node, ids);
  return ids.flatMap((id) => {
    const v = file.variables.get(id);
    return v ? [v] : [];
  });
}

function walkPattern(p: Node, out: Identifier[], depth = 0): void {
  if (depth > 10) return;
  if (p.type === 'Identifier') out.push(p);
  else if (p.type === 'ObjectPattern') for (const prop of p.properties) walkPattern(prop.type === 'Property' ? (prop.value as Node) : prop, out, depth + 1);
  else if (p.type === 'AssignmentPattern') walkPattern(p.left, out, depth + 1);
  else if (p.type === 'RestElement') walkPattern(p.argument, out, depth + 1);
}

function checkDecode(file: JsFile, hits: HitStore, call: Node): void {
  const fn = enclosingFunction(call);
  const scopeText = fn ? file.source.getText(fn as never) : file.source.text;
  if (/\b(?:verify|jwtVerify|verifyAsync)\s*\(/.test(scopeText)) return;
  let use = decidingUse(file, call);
  if (!use) {
    for (const v of variablesBound(file, call)) {
      for (const ref of v.references) {
        if (!ref.isRead()) continue;
        use = decidingUse(file, ref.identifier as Identifier);
        if (use) break;
      }
      if (use) break;
    }
  }
  if (!use) return;
  const from = call.loc!.start;
  const to = use.loc!.start;
  const source = clip(file.source.getText(call as never), 80);
  const sink = clip(file.source.getText(use as never), 80);
  hits.add({
    rule: 'jwt-decode-without-verify',
    node: use,
    message: `${source} (line ${from.line}) reaches ${sink} (line ${to.line}) without a signature check`,
    flow: [
      { line: from.line, column: from.column + 1, label: source },
      { line: to.line, column: to.column + 1, label: sink },
    ],
  });
}

export const jwtDecodeWithoutVerify: TaintRuleDef = {
  name: 'jwt-decode-without-verify',
  rule: {
    id: 'CODE-JS-JWT-DECODE-WITHOUT-VERIFY',
    language: 'javascript',
    title: 'Claims of an unverified JWT decide access',
    severity: 'high',
    confidence: 'medium',
    description:
      "jwt.decode (jsonwebtoken) or jwt-decode returns a token's claims without checking its signature, and those claims then decide access (an if on the role, req.user = …) in a function that never verifies the token. Anyone can write a token with the claims they want.",
    remediation: "Verify the token before trusting its claims: jwt.verify(token, key, { algorithms: ['RS256'] }). Keep jwt.decode for reading headers (kid) before verifying, or for display on the client.",
    remediationSnippet: "const claims = jwt.verify(token, publicKey, { algorithms: ['RS256'] });\nif (claims.role !== 'admin') return res.sendStatus(403);",
    cwe: ['CWE-347', 'CWE-345'],
    taint: true,
    tags: ['jwt'],
    examples: {
      fail: [
        "const jwt = require('jsonwebtoken');\nfunction requireAdmin(req, res, next) {\n  const claims = jwt.decode(req.cookies.token);\n  if (!claims || claims.role !== 'admin') return res.sendStatus(403);\n  next();\n}\nmodule.exports = requireAdmin;\n",
        "import jwt from 'jsonwebtoken';\nexport async function authenticate(ctx, next) {\n  const token = ctx.get('Authorization').replace('Bearer ', '');\n  ctx.state.user = jwt.decode(token);\n  await next();\n}\n",
        {
          path: 'pages/api/admin.ts',
          code: "import { jwtDecode } from 'jwt-decode';\nimport type { NextApiRequest, NextApiResponse } from 'next';\n\nexport default function handler(req: NextApiRequest, res: NextApiResponse) {\n  const { isAdmin } = jwtDecode<{ isAdmin: boolean }>(req.headers.authorization!);\n  res.status(isAdmin ? 200 : 403).json({ ok: isAdmin });\n}\n",
        },
      ],
      pass: [
        "const jwt = require('jsonwebtoken');\nfunction requireAdmin(req, res, next) {\n  const claims = jwt.verify(req.cookies.token, process.env.KEY, { algorithms: ['HS256'] });\n  if (claims.role !== 'admin') return res.sendStatus(403);\n  next();\n}\nmodule.exports = requireAdmin;\n",
        "const jwt = require('jsonwebtoken');\nasync function check(token) {\n  const { header } = jwt.decode(token, { complete: true });\n  const key = await keys.get(header.kid);\n  return jwt.verify(token, key, { algorithms: ['RS256'] });\n}\nmodule.exports = check;\n",
        "const jwt = require('jsonwebtoken');\nfunction expiresAt(token) {\n  const payload = jwt.decode(token);\n  return new Date(payload.exp * 1000);\n}\nmodule.exports = expiresAt;\n",
      ],
    },
  },
  check(file, hits) {
    if (!importsAny(file, ['jsonwebtoken', 'jwt-decode'])) return;
    walkNodes(file, (node) => {
      if (node.type === 'CallExpression' && DECODERS.has(calleeName(file, node.callee))) checkDecode(file, hits, node);
    });
  },
};
