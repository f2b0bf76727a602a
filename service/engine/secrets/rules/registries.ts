// Package and container registries: npm, PyPI, NuGet, Docker Hub, JFrog, RubyGems, crates.io,
// Maven/Gradle, Composer, and credentials in .npmrc / Docker config files.
import { ALNUM_LOWER, BASE62, BASE64URL, HEX, randomToken, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const npmToken = 'npm_' + randomToken('npm', BASE62, 36);
const dockerAuth = Buffer.from('ci-bot:' + randomToken('docker-pass', BASE62, 24)).toString('base64');

/** JavaScript's \s among latin1 bytes. */
const SPACE = new Uint8Array(256);
for (const b of [9, 10, 11, 12, 13, 32, 160]) SPACE[b] = 1;
const NPMRC_VALUE = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=._~-') NPMRC_VALUE[c.charCodeAt(0)] = 1;

/**
 * The npmrc pattern around a keyword (`_authtoken`, `_password`, `_auth=`, `_auth =`, each starting
 * with its only '_'): the key starts a line or follows blank space or ':', and `=` and 16 value
 * bytes follow it. Keys inside JavaScript and Terraform names (`admin_password = var.x`) fail it.
 */
function npmrcKeyFollows(bytes: Uint8Array, at: number): boolean {
  let s = at - 1;
  while (s > at - 10 && bytes[s] !== 95 /* _ */) s--;
  if (s > 0 && !SPACE[bytes[s - 1]] && bytes[s - 1] !== 58 /* : */) return false;
  let i = at;
  if (bytes[at - 1] !== 61 /* = */) {
    for (let n = 0; n < 4 && SPACE[bytes[i]]; n++) i++;
    if (bytes[i++] !== 61) return false;
  }
  for (let n = 0; n < 4 && SPACE[bytes[i]]; n++) i++;
  for (let n = 0; n < 16; n++, i++) if (!NPMRC_VALUE[bytes[i]]) return false;
  return true;
}

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-NPM-ACCESS-TOKEN', title: 'npm access token', prefixes: ['npm_'], body: '[A-Za-z0-9]{36}', key: 'NPM_TOKEN',
    remediation: revokeAt('npmjs.com', 'Access Tokens > delete, or `npm token revoke`') + ' Prefer granular, read-only tokens and trusted publishing.',
    helpUri: 'https://docs.npmjs.com/revoking-access-tokens', sample: npmToken,
    extraFlag: [`//registry.npmjs.org/:_authToken=${npmToken}\n`],
  }),
  {
    id: 'SEC-NPMRC-AUTH',
    title: 'Registry credential in .npmrc',
    description: 'An _authToken, _auth or _password in an .npmrc: publishes or reads packages as its owner (npm, Azure Artifacts, GitHub Packages …).',
    severity: 'critical',
    confidence: 'high',
    remediation: 'Revoke the token or PAT at the registry (for Azure Artifacts: the PAT used as the feed password), and use `npm login` / the pipeline\'s npmAuthenticate task instead of committing credentials.',
    helpUri: 'https://docs.npmjs.com/cli/v10/configuring-npm/npmrc#auth-related-configuration',
    keywords: ['_authtoken', '_auth=', '_auth =', '_password'],
    pattern: /(?:^|[\s:])(?:\/\/[^\s:]{1,256}:)?(?:_authToken|_auth|_password)\s{0,4}=\s{0,4}(?<secret>[A-Za-z0-9+/=._~-]{16,512})/gm,
    follows: npmrcKeyFollows,
    window: 'line',
    validate: ({ secret }) => !/^npm_/.test(secret) || secret.length !== 40,
    examples: lazyExamples(() => ({
      mustFlag: [
        `registry=https://pkgs.dev.azure.com/contoso/_packaging/feed/npm/registry/\n//pkgs.dev.azure.com/contoso/_packaging/feed/npm/registry/:_password=${Buffer.from(randomToken('npmrc-pat', BASE62, 40)).toString('base64')}\n`,
        `//npm.pkg.github.com/:_authToken=${randomToken('npmrc-gh', BASE62, 36)}1234\n`,
        `_auth = ${Buffer.from('deploy:' + randomToken('npmrc-auth', BASE62, 20)).toString('base64')}\n`,
      ],
      mustNotFlag: [
        '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n',
        '//pkgs.dev.azure.com/contoso/_packaging/feed/npm/registry/:_password=$(System.AccessToken)\n',
        'always-auth=true\n',
      ],
    })),
  },
  tokenRule({
    id: 'SEC-PYPI-UPLOAD-TOKEN', title: 'PyPI upload token', prefixes: ['pypi-AgEIcHlwaS5vcmc', 'pypi-AgENdGVzdC5weXBpLm9yZw'], body: '[A-Za-z0-9_-]{50,250}', key: 'TWINE_PASSWORD',
    remediation: revokeAt('PyPI', 'Account settings > API tokens') + ' Prefer trusted publishing.', helpUri: 'https://pypi.org/help/#apitoken',
    sample: 'pypi-AgEIcHlwaS5vcmc' + randomToken('pypi', BASE64URL, 140),
  }),
  tokenRule({
    id: 'SEC-NUGET-API-KEY', title: 'NuGet.org API key', prefixes: ['oy2'], body: '[a-z0-9]{43}', key: 'NUGET_API_KEY', confidence: 'medium',
    remediation: revokeAt('nuget.org', 'API Keys > Regenerate or Delete'), helpUri: 'https://learn.microsoft.com/nuget/nuget-org/scoped-api-keys',
    sample: 'oy2' + randomToken('nuget', ALNUM_LOWER, 43),
  }),
  keyedRule({
    id: 'SEC-NUGET-CONFIG-PASSWORD', title: 'Password in NuGet.config packageSourceCredentials', severity: 'critical', confidence: 'high',
    remediation: 'Revoke the PAT or password used for the feed, and authenticate with the NuGet credential provider or the pipeline\'s NuGetAuthenticate task instead.',
    helpUri: 'https://learn.microsoft.com/nuget/reference/nuget-config-file#packagesourcecredentials',
    keywords: ['cleartextpassword'], keyPattern: 'ClearTextPassword', value: '[^"\'\\s<>]{8,256}',
    sample: randomToken('nuget-cfg', BASE62, 52), keys: ['ClearTextPassword'],
    extraFlag: [`<configuration>\n  <packageSourceCredentials>\n    <contoso>\n      <add key="Username" value="build" />\n      <add key="ClearTextPassword" value="${randomToken('nuget-cfg2', BASE62, 40)}" />\n    </contoso>\n  </packageSourceCredentials>\n</configuration>\n`],
  }),
  tokenRule({
    id: 'SEC-DOCKER-HUB-PAT', title: 'Docker Hub personal access token', prefixes: ['dckr_pat_', 'dckr_oat_'], body: '[A-Za-z0-9_-]{27,32}', key: 'DOCKERHUB_TOKEN', boundary: '[A-Za-z0-9_-]',
    remediation: revokeAt('Docker Hub', 'Account settings > Personal access tokens'), helpUri: 'https://docs.docker.com/security/for-developers/access-tokens/',
    sample: 'dckr_pat_' + randomToken('dckr', BASE64URL, 27),
  }),
  {
    id: 'SEC-DOCKER-CONFIG-AUTH',
    title: 'Registry credential in a Docker config.json',
    description: 'An "auth" entry (base64 of user:password) in a Docker config.json or an image pull secret\'s .dockerconfigjson.',
    severity: 'critical',
    confidence: 'high',
    remediation: 'Revoke the registry password or token, and use a credential helper (docker-credential-*) or short-lived tokens instead of a committed config.json.',
    helpUri: 'https://docs.docker.com/reference/cli/docker/login/#credential-stores',
    keywords: ['"auths"'],
    pattern: /"auth"\s{0,4}:\s{0,4}"(?<secret>[A-Za-z0-9+/]{12,1024}={0,2})"/g,
    window: 'block',
    priority: 1,
    validate: ({ secret }) => {
      const decoded = Buffer.from(secret, 'base64').toString('latin1');
      const i = decoded.indexOf(':');
      return i > 0 && decoded.length - i > 4 && /^[\x20-\x7e]+$/.test(decoded);
    },
    examples: lazyExamples(() => ({
      mustFlag: [`{\n  "auths": {\n    "contoso.azurecr.io": {\n      "auth": "${dockerAuth}"\n    }\n  }\n}\n`],
      mustNotFlag: [
        `{\n  "auths": {\n    "contoso.azurecr.io": {}\n  },\n  "credsStore": "desktop"\n}\n`,
        `{\n  "auths": {\n    "contoso.azurecr.io": {\n      "auth": "${Buffer.from('nocolonhere').toString('base64')}"\n    }\n  }\n}\n`,
      ],
    })),
  },
  tokenRule({
    id: 'SEC-JFROG-API-KEY', title: 'JFrog Artifactory API key', prefixes: ['AKCp'], body: '[A-Za-z0-9]{69}', key: 'ARTIFACTORY_API_KEY',
    remediation: revokeAt('JFrog', 'Edit profile > API key > revoke'), sample: 'AKCp' + randomToken('jfrog', BASE62, 69),
  }),
  tokenRule({
    id: 'SEC-JFROG-REFERENCE-TOKEN', title: 'JFrog reference / access token', prefixes: ['cmVmdGtuOjAxOj'], body: '[A-Za-z0-9]{50}', key: 'JFROG_ACCESS_TOKEN',
    remediation: revokeAt('JFrog', 'Administration > User management > Access tokens'), sample: 'cmVmdGtuOjAxOj' + randomToken('jfrog-ref', BASE62, 50),
  }),
  tokenRule({
    id: 'SEC-RUBYGEMS-API-KEY', title: 'RubyGems API key', prefixes: ['rubygems_'], body: '[a-f0-9]{48}', key: 'GEM_HOST_API_KEY',
    remediation: revokeAt('rubygems.org', 'Settings > API keys'), sample: 'rubygems_' + randomToken('rubygems', HEX, 48),
  }),
  tokenRule({
    id: 'SEC-CRATES-IO-TOKEN', title: 'crates.io API token', prefixes: ['cio'], body: '[A-Za-z0-9]{32}', key: 'CARGO_REGISTRY_TOKEN', confidence: 'medium', keywords: ['cargo', 'crates'], keywordsOnly: true, window: 'near',
    remediation: revokeAt('crates.io', 'Account settings > API tokens'), sample: 'cio' + randomToken('crates', BASE62, 32),
    validate: ({ window }) => /cargo|crates/i.test(window),
  }),
  {
    id: 'SEC-MAVEN-SETTINGS-PASSWORD',
    title: 'Password in Maven settings.xml',
    description: 'A literal <password> of a <server> entry in Maven settings.xml (or a POM): the feed or repository credential.',
    severity: 'high',
    confidence: 'medium',
    remediation: 'Revoke the repository password or token, and use encrypted passwords (mvn --encrypt-password) or pipeline-provided credentials (MavenAuthenticate).',
    helpUri: 'https://maven.apache.org/guides/mini/guide-encryption.html',
    keywords: ['<password>'],
    pattern: /<password>(?<secret>[^<>{}$\s]{8,256})<\/password>/g,
    window: 'line',
    examples: lazyExamples(() => ({
      mustFlag: [
        `<settings>\n  <servers>\n    <server>\n      <id>contoso-feed</id>\n      <username>contoso</username>\n      <password>${randomToken('maven2', BASE62, 52)}</password>\n    </server>\n  </servers>\n</settings>\n`,
        `<server><id>nexus</id><username>ci</username><password>${randomToken('maven3', BASE62, 24)}</password></server>\n`,
      ],
      mustNotFlag: [`<server><id>feed</id><password>\${env.FEED_PAT}</password></server>\n`, `<server><id>feed</id><password>{COQLCE6DU6GtcS5P=}</password></server>\n`, `<password>changeme</password>\n`],
    })),
  },
  keyedRule({
    id: 'SEC-GRADLE-PROPERTIES-PASSWORD', title: 'Repository password in gradle.properties', severity: 'high', confidence: 'medium',
    remediation: 'Revoke the credential and pass it through environment variables (ORG_GRADLE_PROJECT_*) or the pipeline\'s secret variables.',
    keywords: ['repopassword', 'mavenpassword', 'artifactorypassword', 'nexuspassword', 'ossrhpassword', 'signing.password', 'signing_password', 'feedpassword', 'repo_password', 'maven_password'],
    keyPattern: '(?:repo|maven|artifactory|nexus|ossrh|feed|sonatype)[_-]?(?:password|token)|signing[._]password',
    value: '[^\\s"\'<>{}$]{8,256}', sample: randomToken('gradle', BASE62, 40), keys: ['mavenPassword', 'ossrhPassword', 'signing.password'],
  }),
  {
    id: 'SEC-COMPOSER-AUTH-TOKEN',
    title: 'Token in Composer auth.json',
    description: 'A github-oauth, gitlab-token or bearer token in a Composer auth.json (or COMPOSER_AUTH).',
    severity: 'high',
    confidence: 'medium',
    remediation: 'Revoke the token at its host (GitHub, GitLab, Bitbucket, private Packagist) and use COMPOSER_AUTH from a secret variable instead.',
    keywords: ['"github-oauth"', '"gitlab-token"', '"bearer"'],
    pattern: /"(?:github-oauth|gitlab-token|bearer)"\s{0,8}:\s{0,8}\{\s{0,8}"[a-z0-9.-]{3,253}"\s{0,8}:\s{0,8}"(?<secret>[A-Za-z0-9_.-]{20,128})"/g,
    window: 'near',
    examples: lazyExamples(() => ({
      mustFlag: [
        `{\n  "bearer": {\n    "repo.packagist.com": "${randomToken('composer2', BASE62, 40)}"\n  }\n}\n`,
        `{"github-oauth": {"github.com": "${randomToken('composer3', BASE62, 40)}"}}\n`,
      ],
      mustNotFlag: [`{\n  "github-oauth": {\n    "github.com": "<token>"\n  }\n}\n`, `{"bearer": {}}\n`],
    })),
  },
];
