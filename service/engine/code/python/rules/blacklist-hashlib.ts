// B324 hashlib: MD4, MD5, SHA (SHA-1) from hashlib (by name or through hashlib.new) unless marked
// usedforsecurity=False, and crypt's weak methods.
import type { SyntaxNode } from '../../../tree-sitter';
import { callArg, callOf, isFalse, lastPart, mentions, stringValue, type HitLevel, type PyRule } from '../context';

const WEAK_HASHES = new Set(['md4', 'md5', 'sha', 'sha1']);
const WEAK_CRYPT_METHODS = new Set(['METHOD_CRYPT', 'METHOD_MD5', 'METHOD_BLOWFISH']);

const SECRET_NAME = /pass(?:word|wd)|pwd|secret|token/i;
const PASSWORD_FUNCTION = /pass(?:word|wd)|pwd/i;

/** The name a hash result is stored under or compared with: `token = md5(…).hexdigest()`, `if stored_pw == sha1(…)`. */
function storedUnder(node: SyntaxNode): string | undefined {
  let at = node;
  // Climb the call chain (.hexdigest(), .digest()) up to the expression that uses the hash.
  while (at.parent && (at.parent.type === 'attribute' || at.parent.type === 'call')) at = at.parent;
  const user = at.parent;
  if (user?.type === 'assignment' || user?.type === 'augmented_assignment') return user.childForFieldName('left')?.text;
  if (user?.type === 'keyword_argument') return user.childForFieldName('name')?.text;
  if (user?.type === 'comparison_operator') return user.namedChildren.filter((c) => c && c.id !== at.id).map((c) => c!.text).join(' ');
  return undefined;
}

function enclosingFunctionName(node: SyntaxNode): string | undefined {
  for (let at = node.parent; at; at = at.parent) if (at.type === 'function_definition') return at.childForFieldName('name')?.text;
  return undefined;
}

/**
 * Weak hashes are mostly protocol-mandated (HTTP Digest, APOP, uuid5, X.509 key ids) or cache keys: medium.
 * High when the hash is kept under a password/secret/token name or computed in a function about passwords.
 */
function levelOf(node: SyntaxNode): HitLevel {
  const name = storedUnder(node);
  const fn = enclosingFunctionName(node);
  return (name && SECRET_NAME.test(name)) || (fn && PASSWORD_FUNCTION.test(fn)) ? { severity: 'high' } : {};
}

export const hashlibWeakHash: PyRule = {
  rule: {
    id: 'CODE-PY-HASHLIB-WEAK-HASH',
    language: 'python',
    title: 'Weak hash from hashlib (MD4, MD5, SHA-1) used for security',
    severity: 'medium',
    confidence: 'high',
    description:
      'MD4, MD5 and SHA-1 are broken: collisions are practical, so they must not protect integrity, signatures, tokens or passwords. hashlib lets code say a hash is not for security with usedforsecurity=False (Python 3.9+); without it Bandit, and this rule, assume it is. crypt\'s METHOD_CRYPT, METHOD_MD5 and METHOD_BLOWFISH are weak password hashes. Reported at medium (most MD5/SHA-1 uses are protocol-mandated: HTTP Digest, uuid5, X.509 key identifiers), high when the hash is stored under or compared with a password, secret or token name, or computed in a function about passwords.',
    remediation: 'Use hashlib.sha256 or better; for passwords a password hash (hashlib.scrypt, argon2, bcrypt). If the hash is only a checksum or cache key, say so with usedforsecurity=False.',
    remediationSnippet: 'import hashlib\ncache_key = hashlib.md5(body, usedforsecurity=False).hexdigest()\ndigest = hashlib.sha256(body).hexdigest()',
    cwe: ['CWE-327'],
    upstream: { type: 'bandit', id: 'B324' },
    helpUri: 'https://bandit.readthedocs.io/en/latest/plugins/b324_hashlib.html',
    examples: {
      fail: [
        'import hashlib\n\ndef hash_password(pw):\n    return hashlib.md5(pw.encode()).hexdigest()\n',
        'import hashlib\nsig = hashlib.new("sha1", payload).hexdigest()\n',
        'from hashlib import sha1\ntoken = sha1(secret + nonce).hexdigest()\n',
        'import hashlib\nh = hashlib.new(name="MD5")\n',
        'import crypt\nstored = crypt.crypt(password, crypt.METHOD_MD5)\n',
      ],
      pass: [
        'import hashlib\netag = hashlib.md5(body, usedforsecurity=False).hexdigest()\n',
        'import hashlib\ndigest = hashlib.sha256(body).hexdigest()\n',
        'import hashlib\nh = hashlib.new("sha256")\n',
        'import crypt\nstored = crypt.crypt(password, crypt.mksalt(crypt.METHOD_SHA512))\n',
      ],
    },
  },
  relevant: mentions('hashlib', 'crypt'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      const name = call.name;
      if (!name) return;
      if (name.startsWith('hashlib.')) {
        const forSecurity = !isFalse(call.kwargs.get('usedforsecurity'));
        const fn = name.slice(8);
        if (WEAK_HASHES.has(fn) && forSecurity) report(node, `Use of weak ${fn.toUpperCase()} hash for security; if it is not, say usedforsecurity=False.`, undefined, levelOf(node));
        else if (fn === 'new') {
          const algorithm = stringValue(callArg(call, 0, 'name'))?.toLowerCase();
          if (algorithm && WEAK_HASHES.has(algorithm) && forSecurity) report(node, `Use of weak ${algorithm.toUpperCase()} hash for security; if it is not, say usedforsecurity=False.`, undefined, levelOf(node));
        }
        return;
      }
      const method = name === 'crypt.crypt' ? callArg(call, 1, 'salt') : name === 'crypt.mksalt' ? callArg(call, 0, 'method') : undefined;
      const methodName = method && (method.type === 'attribute' || method.type === 'identifier') ? lastPart(method.text) : undefined;
      if (methodName && WEAK_CRYPT_METHODS.has(methodName)) report(node, `Use of insecure crypt.${methodName} hash function.`);
    },
  },
};
