// Credentials in HTTP headers written down: `Authorization: Basic|Bearer|Token …` in curl
// commands, .http files and code, and secret-named headers passed to curl (`-H "X-API-Key: …"`).
// Provider rules that know the token's shape win on the same span (higher priority).
import { BASE62, inSyntax, lazyExamples, randomToken } from '../examples';
import { isPlaceholder, isTemplateReference } from '../allowlist';
import { shannonEntropy } from '../entropy';
import type { MatchContext, SecretRule } from '../rule';

const REMEDIATION = 'Revoke the token or change the password the header carries at the service that issued it, then have the client read it at run time (a secret store, a pipeline secret variable) instead of writing it into commands and files.';
const HELP = 'https://developer.mozilla.org/docs/Web/HTTP/Headers/Authorization';

const token = randomToken('http-auth-bearer', BASE62, 40);
const password = 'Wq7' + randomToken('http-auth-basic', BASE62, 13);
const basic = Buffer.from(`deploy:${password}`).toString('base64');
const apiKey = randomToken('http-auth-apikey', BASE62, 32);

/**
 * After `authorization`: optional \ and quote, blanks, ':', '=' or ',', blanks, optional \ and
 * quote, blanks, then a value byte (a scheme or the credential). Most mentions in code (a header
 * built from a template or a variable) fail here, before the line's regex runs.
 */
function headerValueFollows(bytes: Uint8Array, at: number): boolean {
  let i = at;
  if (bytes[i] === 92) i++;
  if (bytes[i] === 34 || bytes[i] === 39) i++;
  for (let k = 0; k < 4 && (bytes[i] === 32 || bytes[i] === 9); k++) i++;
  const op = bytes[i];
  if (op !== 58 && op !== 61 && op !== 44) return false;
  i++;
  for (let k = 0; k < 4 && (bytes[i] === 32 || bytes[i] === 9); k++) i++;
  if (bytes[i] === 92) i++;
  if (bytes[i] === 34 || bytes[i] === 39) i++;
  for (let k = 0; k < 4 && (bytes[i] === 32 || bytes[i] === 9); k++) i++;
  return VALUE_BYTE[bytes[i]] === 1;
}
const VALUE_BYTE = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~+/=:-') VALUE_BYTE[c.charCodeAt(0)] = 1;

/** A value a person or a service generated: not a name, a reference or a placeholder. */
function plausibleToken(value: string): boolean {
  if (isTemplateReference(value) || isPlaceholder(value, true)) return false;
  // ACCESS_TOKEN, accessToken, access-token: names, not values.
  if (/^[A-Z]+(?:_[A-Z]+)*$|^[a-z]+(?:[A-Z][a-z]+)*$|^[a-z]+(?:[_-][a-z]+)*$/.test(value)) return false;
  return shannonEntropy(value) >= 3 && (/[0-9]/.test(value) || value.length >= 24) && !/^[0-9]+$/.test(value);
}

/** Basic credentials: base64 of `user:password`, with a real-looking password. */
function plausibleBasic(value: string): { user: string } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('latin1');
  const colon = decoded.indexOf(':');
  if (colon < 0 || !/^[\x20-\x7e]+$/.test(decoded)) return undefined;
  const user = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  if (secret.length < 4 || isTemplateReference(secret) || isPlaceholder(secret, true)) return undefined;
  return { user };
}

function validAuthorization({ secret, match }: MatchContext): boolean {
  const scheme = (match.groups?.scheme ?? '').toLowerCase();
  if (scheme === 'basic') return plausibleBasic(secret) !== undefined;
  return plausibleToken(secret);
}

export const rules: SecretRule[] = [
  {
    id: 'SEC-HTTP-AUTHORIZATION-HEADER',
    title: 'Credential in an HTTP Authorization header',
    description: 'An Authorization header written out with its credential (Basic user:password, a Bearer or API token) in a command, an HTTP request file or code: anyone with the file can call the service as that account.',
    severity: 'high',
    confidence: 'medium',
    remediation: REMEDIATION,
    helpUri: HELP,
    references: [{ type: 'gitleaks', id: 'curl-auth-header' }],
    keywords: ['authorization'],
    follows: headerValueFollows,
    // Authorization: Bearer x, "Authorization": "Token x", ("Authorization", "Basic x"), Authorization=Bearer x
    // The credential is read in a lookahead (atomic: no backtracking into it) and '=' only pads its
    // end, so a line of `authorization=authorization=…` costs one short attempt per occurrence.
    pattern: /(?<![A-Za-z0-9_-])(?:proxy-)?authorization\\?["']?[ \t]{0,4}[:=,][ \t]{0,4}\\?["']?[ \t]{0,4}(?:(?<scheme>[A-Za-z][A-Za-z0-9_-]{1,30})[ \t]{1,4})?(?=(?<secret>[A-Za-z0-9._~+/:-]{12,2048}={0,2}))\k<secret>(?![A-Za-z0-9._~+/=:-])/gi,
    window: 'line',
    // Below provider rules and JWTs on the same span, above the generic assignment rules.
    priority: -0.5,
    validate: validAuthorization,
    describe: ({ match, secret }) => {
      const scheme = match.groups?.scheme;
      if (scheme?.toLowerCase() === 'basic') return `(Basic, for user '${plausibleBasic(secret)?.user ?? ''}')`;
      return scheme ? `(${scheme})` : undefined;
    },
    examples: lazyExamples(() => ({
      mustFlag: [
        `curl -H "Authorization: Bearer ${token}" https://api.contoso.com/v1/orders\n`,
        `curl -H 'Authorization: Basic ${basic}' https://api.contoso.com/v1/orders\n`,
        `curl -s --header "Authorization: Token ${token}" https://api.contoso.com/v1/orders\n`,
        `curl -H "Authorization: Api-Token ${token}" https://api.contoso.com/v1/orders\n`,
        `GET https://api.contoso.com/v1/orders\nAuthorization: Bearer ${token}\nAccept: application/json\n`,
        `const res = await fetch(url, { headers: { "Authorization": "Bearer ${token}" } });\n`,
        `xhr.setRequestHeader("Authorization", "Basic ${basic}");\n`,
        `headers = {'Authorization': 'Token ${token}', 'Accept': 'application/json'}\n`,
        inSyntax('yaml', 'Authorization', `Bearer ${token}`),
        `Invoke-RestMethod -Uri $url -Headers @{ Authorization = "Bearer ${token}" }\n`,
      ],
      mustNotFlag: [
        'curl -H "Authorization: Bearer $TOKEN" https://api.contoso.com/v1/orders\n',
        'curl -H "Authorization: Bearer ${ACCESS_TOKEN}" https://api.contoso.com/v1/orders\n',
        'curl -H "Authorization: Bearer <token>" https://api.contoso.com/v1/orders\n',
        'curl -H "Authorization: Bearer YOUR_ACCESS_TOKEN" https://api.contoso.com/v1/orders\n',
        'curl -H "Authorization: Bearer $(az account get-access-token --query accessToken -o tsv)" https://management.azure.com\n',
        `curl -H "Authorization: Basic ${Buffer.from('user:password').toString('base64')}" https://api.contoso.com\n`,
        'const headers = { Authorization: `Bearer ${session.accessToken}` };\n',
        'headers["Authorization"] = "Bearer " + token\n',
        '- Authorization: Bearer token from the login response\n',
        `Authorization: Bearer ${'x'.repeat(40)}\n`,
      ],
    })),
  },
  {
    id: 'SEC-HTTP-SECRET-HEADER',
    title: 'Secret in an HTTP header of a command',
    description: 'A command (curl, wget, httpie) sending a header named for a key or token (X-API-Key, apikey, X-Auth-Token, Private-Token …) with its value written out.',
    severity: 'high',
    confidence: 'medium',
    remediation: REMEDIATION,
    references: [{ type: 'gitleaks', id: 'curl-auth-header' }],
    keywords: ['-h "', "-h '", '--header'],
    pattern: /(?<![A-Za-z0-9_-])(?:-H|--header)(?:[ \t]{1,4}|=)(?<q>["']?)(?<name>[A-Za-z][A-Za-z0-9_-]{1,48})[ \t]{0,4}:[ \t]{0,4}(?<secret>[A-Za-z0-9._~+/=:-]{12,512})\k<q>(?![A-Za-z0-9._~+/=:-])/g,
    window: 'line',
    priority: -0.5,
    validate: ({ match, secret }) => {
      const name = match.groups?.name ?? '';
      return /key|token|secret|passw|auth|signature|credential|session/i.test(name) && !/^(?:proxy-)?authorization$/i.test(name) && plausibleToken(secret);
    },
    describe: ({ match }) => `in header '${match.groups?.name}'`,
    examples: lazyExamples(() => ({
      mustFlag: [
        `curl -H "apikey: ${apiKey}" https://api.contoso.com/v1/rates\n`,
        `curl -H "X-API-Key: ${apiKey}" https://api.contoso.com/v1/rates\n`,
        `curl --header 'X-Auth-Token: ${apiKey}' https://api.contoso.com/v1/rates\n`,
        `curl -sS -X POST -H "Content-Type: application/json" -H 'Private-Token: ${apiKey}' https://git.contoso.com/api/v4/projects\n`,
        `wget --header="X-Api-Token: ${apiKey}" https://files.contoso.com/export.csv\n`,
      ],
      mustNotFlag: [
        'curl -H "X-API-Key: $API_KEY" https://api.contoso.com/v1/rates\n',
        'curl -H "X-API-Key: ${{ secrets.API_KEY }}" https://api.contoso.com/v1/rates\n',
        'curl -H "X-API-Key: <your-api-key>" https://api.contoso.com/v1/rates\n',
        `curl -H "Content-Type: application/json" -H "X-Request-Id: ${apiKey}" https://api.contoso.com\n`,
        'curl -H "X-Api-Key: YOUR_API_KEY_HERE" https://api.contoso.com/v1/rates\n',
      ],
    })),
  },
];
