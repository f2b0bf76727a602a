// JSON Web Tokens: signed bearer tokens (often long-lived service tokens or Supabase keys).
import { inSyntax, inSyntaxes, randomToken, BASE64URL, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';

function b64url(o: object): string {
  return Buffer.from(JSON.stringify(o)).toString('base64url');
}

const sample = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'svc-deployer', iss: 'https://auth.contoso.com', iat: 1718000000, role: 'service_role' })}.${randomToken('jwt-sig', BASE64URL, 43)}`;
const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: 'x' })}.`;
const jwtIo = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

function headerOk(token: string): boolean {
  try {
    const header = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8')) as { alg?: unknown };
    return typeof header.alg === 'string' && header.alg.toLowerCase() !== 'none';
  } catch {
    return false;
  }
}

export const rules: SecretRule[] = [
  {
    id: 'SEC-JWT',
    title: 'JSON Web Token',
    description: 'A signed JWT: a bearer credential valid until it expires (service tokens and API keys in JWT form often never do).',
    severity: 'medium',
    confidence: 'medium',
    remediation: 'Revoke the token at its issuer (or rotate the signing key if the token cannot be revoked), and issue short-lived tokens at run time instead of committing them.',
    helpUri: 'https://datatracker.ietf.org/doc/html/rfc7519',
    keywords: ['eyj'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{10,2000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{20,1000})(?![A-Za-z0-9_-])/g,
    window: 'line',
    // jwt.io's sample token is documentation, not a credential.
    validate: ({ secret }) => headerOk(secret) && !secret.endsWith('SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'),
    examples: lazyExamples(() => ({
      mustFlag: [...inSyntaxes('SERVICE_TOKEN', sample, ['json', 'yaml', 'env', 'pipeline', 'code']), `curl -H "Authorization: Bearer ${sample}" https://api.contoso.com/v1/orders\n`],
      mustNotFlag: [inSyntax('env', 'SERVICE_TOKEN', unsigned), inSyntax('code', 'example', jwtIo), inSyntax('yaml', 'token', 'eyJhbGciOiJIUzI1NiJ9.${PAYLOAD}.${SIG}')],
    })),
  },
];
