// MD5, MD4 and SHA-1 used where the hash protects something: passwords, tokens, signatures.
import type { Node } from 'estree';
import { isFunction } from '../engine/handlers';
import { calleeName, importsAny, walkNodes, type JsFile } from '../engine/modules';
import type { TaintRuleDef } from '../rule';
import { functionName, stringValue } from './util';

const CREATE_HASH = new Set(['crypto.createHash', 'crypto.hash']);
const BROKEN_HASH = /^(?:md5|md4|md2|sha1|sha-1|rsa-md5|rsa-sha1)$/i;
// HMAC-SHA1 is still sound (TOTP, OAuth 1 use it); only MD4/MD5 are reported under HMAC.
const BROKEN_HMAC = /^(?:md5|md4|md2)$/i;
// Matched against words: camelCase and snake_case split, lower case.
const PASSWORD = /\b(?:pass|password|passwd|passphrase|pwd|pin|pincode)s?\b/;
const SECURITY = /\b(?:secret|token|sign|signature|signed|auth\w*|credentials?|session|otp|apikey|api key|nonce|salt|verify|integrity|csrf|hmac)s?\b/;

function words(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_\W]+/g, ' ').toLowerCase();
}

/** The names around a hash call: the enclosing function's, the variable it is stored in, the chain's text. */
function contextNames(file: JsFile, call: Node): string {
  const names: string[] = [];
  let n: Node | undefined = call;
  let stmt: Node | null = null;
  for (let i = 0; n && i < 200; i++) {
    if (!stmt && (n.type === 'ExpressionStatement' || n.type === 'VariableDeclaration' || n.type === 'ReturnStatement')) stmt = n;
    if (isFunction(n)) {
      names.push(functionName(n));
      break;
    }
    n = (n as { parent?: Node }).parent;
  }
  if (stmt) names.push(file.source.getText(stmt as never).slice(0, 300));
  return names.join(' ');
}

export const weakHash: TaintRuleDef = {
  name: 'weak-hash',
  rule: {
    id: 'CODE-JS-WEAK-HASH',
    language: 'javascript',
    title: 'A broken hash (MD5, SHA-1) protects a password, token or signature',
    severity: 'medium',
    confidence: 'medium',
    description:
      "crypto.createHash('md5'), ('md4') or ('sha1'), or an HMAC over MD5, is used where the hash protects something: a password, a token, a signature, a secret. MD5 and SHA-1 collide cheaply, and any fast unsalted hash of a password is cracked at billions of guesses a second once the table leaks. Hashes for cache keys or ETags are not reported.",
    remediation:
      'Hash passwords with a slow, salted function (crypto.scrypt, argon2, bcrypt). For integrity and signatures use SHA-256 or better (createHash(\'sha256\'), createHmac(\'sha256\', key)).',
    remediationSnippet: "const salt = crypto.randomBytes(16);\nconst hash = crypto.scryptSync(password, salt, 64);",
    cwe: ['CWE-328', 'CWE-916'],
    tags: ['crypto'],
    examples: {
      fail: [
        "const crypto = require('crypto');\nfunction hashPassword(password) {\n  return crypto.createHash('md5').update(password).digest('hex');\n}\nmodule.exports = { hashPassword };\n",
        {
          path: 'src/auth/tokens.ts',
          code: "import { createHash } from 'node:crypto';\n\nexport function resetToken(userId: string, issuedAt: number): string {\n  const token = createHash('sha1').update(`${userId}:${issuedAt}`).digest('hex');\n  return token;\n}\n",
        },
        "const { createHmac } = require('node:crypto');\nmodule.exports.signPayload = (body, secret) => createHmac('md5', secret).update(JSON.stringify(body)).digest('base64');\n",
        "import * as nodeCrypto from 'crypto';\nexport class UserService {\n  async register(email, pwd) {\n    const passwordHash = nodeCrypto.createHash('SHA1').update(pwd).digest('hex');\n    return this.repo.insert({ email, passwordHash });\n  }\n}\n",
      ],
      pass: [
        "const crypto = require('crypto');\nfunction hashPassword(password, salt) {\n  return crypto.scryptSync(password, salt, 64).toString('hex');\n}\nmodule.exports = { hashPassword };\n",
        "const crypto = require('crypto');\nfunction etagOf(body) {\n  return '\"' + crypto.createHash('md5').update(body).digest('hex') + '\"';\n}\nmodule.exports = etagOf;\n",
        {
          path: 'src/lib/tokens.ts',
          code: "import crypto from 'crypto';\n\nexport function signToken(payload: string, secret: string): string {\n  return crypto.createHmac('sha256', secret).update(payload).digest('hex');\n}\n\nexport function totp(secret: Buffer, counter: Buffer): Buffer {\n  return crypto.createHmac('sha1', secret).update(counter).digest();\n}\n",
        },
        "const crypto = require('crypto');\nconst cacheKey = (url) => crypto.createHash('sha1').update(url).digest('hex');\nmodule.exports = cacheKey;\n",
      ],
    },
  },
  check(file, hits) {
    if (!importsAny(file, ['crypto', 'node:crypto'])) return;
    walkNodes(file, (node) => {
      if (node.type !== 'CallExpression') return;
      const name = calleeName(file, node.callee);
      const hmac = name === 'crypto.createHmac';
      if (!hmac && !CREATE_HASH.has(name)) return;
      const algorithm = stringValue(node.arguments[0] as Node | undefined);
      if (!algorithm || !(hmac ? BROKEN_HMAC : BROKEN_HASH).test(algorithm)) return;
      const context = words(contextNames(file, node));
      const what = PASSWORD.test(context) ? 'a password' : SECURITY.test(context) ? 'a secret, token or signature' : null;
      if (!what) return;
      hits.add({ rule: 'weak-hash', node, message: `${name.replace(/^crypto\./, '')}('${algorithm}') (line ${node.loc!.start.line}) hashes ${what}: ${algorithm.toUpperCase()} is broken for this use`, flow: [] });
    });
  },
};
