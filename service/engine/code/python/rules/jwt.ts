// JWTs decoded without checking their signature (no Bandit test): PyJWT 2.x options={"verify_signature": False},
// PyJWT 1.x verify=False, and the "none" algorithm accepted; the same for python-jose's jwt.decode.
import type { SyntaxNode } from '../../../tree-sitter';
import { callArg, callOf, isFalse, mentions, stringValue, type PyRule } from '../context';

const DECODES = new Set(['jwt.decode', 'jwt.api_jwt.decode', 'jose.jwt.decode']);

/** `{"verify_signature": False}` or `dict(verify_signature=False)`. */
function turnsOffSignature(options: SyntaxNode | undefined): boolean {
  if (options?.type === 'dictionary') {
    return options.namedChildren.some((pair) => pair?.type === 'pair' && stringValue(pair.childForFieldName('key')) === 'verify_signature' && isFalse(pair.childForFieldName('value')));
  }
  if (options?.type === 'call' && options.childForFieldName('function')?.text === 'dict') {
    return options.childForFieldName('arguments')?.namedChildren.some((arg) => arg?.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'verify_signature' && isFalse(arg.childForFieldName('value'))) ?? false;
  }
  return false;
}

/** `algorithms=["none"]`, `algorithms=("HS256", "none")`, `algorithms="none"`. */
function acceptsNone(algorithms: SyntaxNode | undefined): boolean {
  if (!algorithms) return false;
  const values = algorithms.type === 'list' || algorithms.type === 'tuple' ? algorithms.namedChildren : [algorithms];
  return values.some((v) => stringValue(v)?.toLowerCase() === 'none');
}

export const jwtNoVerify: PyRule = {
  rule: {
    id: 'CODE-PY-JWT-NO-VERIFY',
    language: 'python',
    title: 'JWT decoded without verifying its signature',
    severity: 'high',
    confidence: 'high',
    description:
      'jwt.decode with options={"verify_signature": False} (PyJWT 2.x, python-jose), verify=False (PyJWT 1.x) or with the "none" algorithm allowed returns the claims of any token, including one an attacker wrote: whoever sends it can claim to be any user. Reading an unverified header to pick the key (jwt.get_unverified_header) is not reported.',
    remediation: 'Decode with the issuer\'s key and an explicit list of the expected algorithms, and let the library check the signature, expiry and audience.',
    remediationSnippet: 'import jwt\nclaims = jwt.decode(token, public_key, algorithms=["RS256"], audience="payments-api")',
    cwe: ['CWE-347'],
    examples: {
      fail: [
        'import jwt\n\ndef current_user(request):\n    claims = jwt.decode(request.headers["Authorization"][7:], options={"verify_signature": False})\n    return User.get(claims["sub"])\n',
        'import jwt\npayload = jwt.decode(token, verify=False)\n',
        'import jwt\nclaims = jwt.decode(token, key, algorithms=["HS256", "none"])\n',
        'from jose import jwt\nclaims = jwt.decode(token, key, options=dict(verify_signature=False))\n',
        'from jwt import decode\nclaims = decode(token, SECRET, algorithms="none")\n',
      ],
      pass: [
        'import jwt\nclaims = jwt.decode(token, public_key, algorithms=["RS256"], audience="api")\n',
        'import jwt\nheader = jwt.get_unverified_header(token)\nkey = keys[header["kid"]]\nclaims = jwt.decode(token, key, algorithms=["RS256"])\n',
        'import jwt\nclaims = jwt.decode(token, key, algorithms=["HS256"], options={"verify_exp": True, "verify_signature": True})\n',
        'import base64\nraw = base64.urlsafe_b64decode(segment)\nparsed = json.decode(raw, verify=False)\n',
      ],
    },
  },
  relevant: mentions('decode'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      if (!call.name || !DECODES.has(call.name)) return;
      if (turnsOffSignature(call.kwargs.get('options'))) report(node, 'jwt.decode with verify_signature False accepts tokens anyone can forge.');
      else if (isFalse(call.kwargs.get('verify'))) report(node, 'jwt.decode with verify=False accepts tokens anyone can forge.');
      else if (acceptsNone(callArg(call, 2, 'algorithms'))) report(node, 'jwt.decode allowing the "none" algorithm accepts unsigned tokens.');
    },
  },
};
