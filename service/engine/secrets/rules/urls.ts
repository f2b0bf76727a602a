// Credentials embedded in URLs (basic auth: scheme://user:password@host).
import { BASE62, randomToken, inSyntax, inSyntaxes, lazyExamples } from '../examples';
import { placeholderVerdict } from '../allowlist';
import { shannonEntropy } from '../entropy';
import type { SecretRule } from '../rule';

const password = 'Lm4' + randomToken('url-pass', BASE62, 15);

const USER_BYTE = new Uint8Array(256);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~%!$&'*+,;=-") USER_BYTE[c.charCodeAt(0)] = 1;

/** After "://": up to 128 user-name bytes, then ":" (the pattern's start; most URLs fail at once). */
function userThenColon(bytes: Uint8Array, at: number): boolean {
  let i = at;
  const stop = Math.min(bytes.length, at + 128);
  while (i < stop && USER_BYTE[bytes[i]]) i++;
  return bytes[i] === 58;
}

/** Letters and digits, 10 or more, with the entropy of a generated value. */
function randomLooking(value: string): boolean {
  return value.length >= 10 && /[0-9]/.test(value) && /[A-Za-z]/.test(value) && shannonEntropy(value) >= 3.2;
}

/** Schemes whose URLs carry a login (the database and message-broker URLs have their own rules). */
const SCHEMES = /^(?:https?|ftps?|sftp|smtps?|git|git\+ssh|ssh|svn|svn\+ssh|ldaps?|wss?|s3|nntp|imaps?|pop3s?|smb|cifs|mqtts?|amqps?|stomp|rtsps?|socks[45]h?|telnet|webdavs?|davs?|ircs?|xmpp|sips?|proxy)$/i;

export const rules: SecretRule[] = [
  {
    id: 'SEC-URL-BASIC-AUTH',
    title: 'Password in a URL',
    description: 'A URL with user:password@ credentials (HTTP basic auth, FTP, SMTP, Git remotes): the password is readable by anyone with the file.',
    severity: 'high',
    confidence: 'medium',
    remediation: 'Change the password or token used in the URL, then pass credentials through a credential helper, a secret variable or an Authorization header built at run time.',
    keywords: ['://'],
    pattern: /:\/\/(?<user>[A-Za-z0-9._~%!$&'*+,;=-]{0,128}):(?<secret>[^@/\s"'<>`:]{1,256})@(?<host>[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,10})(?![A-Za-z0-9-])/g,
    window: 'token',
    follows: userThenColon,
    validate: ({ secret, match, window }) => {
      if (placeholderVerdict(secret, true) === 'placeholder' || /^\{[^}]*\}$|^%[sv]$|^\*+$/.test(secret) || secret.length < 4) return false;
      // scheme just before "://"
      const scheme = /[A-Za-z][A-Za-z0-9+.-]{0,20}$/.exec(window.slice(Math.max(0, match.index - 24), match.index))?.[0] ?? '';
      if (!SCHEMES.test(scheme)) return false;
      // Documentation and local hosts: a made-up login, unless the password is random (then in doubt).
      const host = match.groups?.host ?? '';
      if (/(?:^|\.)(?:example\.(?:com|org|net)|test|invalid|localhost)$/i.test(host)) return randomLooking(secret) ? 'low' : false;
      return true;
    },
    describe: ({ match }) => (match.groups?.user ? `for user '${match.groups.user}' on host '${match.groups?.host}'` : `for host '${match.groups?.host}'`),
    examples: lazyExamples(() => ({
      mustFlag: [
        ...inSyntaxes('FEED_URL', `https://deploy:${password}@pkgs.contoso.com/feed/index.json`, ['json', 'yaml', 'env', 'pipeline', 'code']),
        `git remote add origin https://builder:${password}@git.contoso.com/platform/api.git\n`,
        `curl ftp://backup:${password}@files.contoso.net/dump.sql\n`,
        `See [the feed](https://deploy:${password}@pkgs.contoso.com/feed/index.json) for the packages.\n`,
        `Connect with sftp://backup:${password}@files.contoso.net:2222/ then mount smb://svc-backup:${password}@fs01.contoso.local/share.\n`,
        `<a href="http://admin:${password}@10.20.0.5:8080/manage">router</a>\n`,
        `LDAP_URL=ldaps://cn=reader:${password}@ldap.contoso.com:636\n`,
        `git clone https://:${password}@git.contoso.com/platform/api.git\n`,
      ],
      mustNotFlag: [
        inSyntax('env', 'FEED_URL', 'https://user:password@example.com/feed'),
        inSyntax('env', 'FEED_URL', 'https://admin:s3cret@localhost:8080/feed'),
        inSyntax('env', 'FEED_URL', 'https://deploy:${FEED_PAT}@pkgs.contoso.com/feed'),
        inSyntax('env', 'FEED_URL', 'https://deploy:$(System.AccessToken)@pkgs.contoso.com/feed'),
        inSyntax('yaml', 'url', 'https://pkgs.contoso.com:8443/feed'),
        inSyntax('yaml', 'repo', 'git@github.com:contoso/api.git'),
        `proxy = "http://proxy.contoso.com:3128"\n`,
      ],
    })),
  },
];
