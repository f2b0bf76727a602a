// Docker Hub access tokens and registry credentials in Docker config files.
import { BASE62, BASE64URL, randomToken, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';
import { keyedRule, revokeAt, tokenRule } from './helpers';

const dockerAuth = Buffer.from('ci-bot:' + randomToken('docker-pass', BASE62, 24)).toString('base64');

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-DOCKER-HUB-PAT', title: 'Docker Hub personal access token', prefixes: ['dckr_pat_', 'dckr_oat_'], body: '[A-Za-z0-9_-]{27,32}', key: 'DOCKERHUB_TOKEN', boundary: '[A-Za-z0-9_-]',
    remediation: revokeAt('Docker Hub', 'Account settings > Personal access tokens'), helpUri: 'https://docs.docker.com/security/for-developers/access-tokens/',
    sample: 'dckr_pat_' + randomToken('dckr', BASE64URL, 27),
    extraFlag: [
      `echo "dckr_pat_${randomToken('dckr2', BASE64URL, 27)}" | docker login -u contoso --password-stdin\n`,
      `docker login -u contoso-org -p dckr_oat_${randomToken('dckr-oat', BASE64URL, 32)}\n`,
    ],
  }),
  keyedRule({
    id: 'SEC-DOCKER-HUB-TOKEN-LEGACY', title: 'Docker Hub access token (legacy UUID format)', remediation: revokeAt('Docker Hub', 'Account settings > Personal access tokens'),
    description: 'A Docker Hub access token from before the dckr_pat_ prefix (a UUID), found by its key name: pushes and pulls images as the account.',
    helpUri: 'https://docs.docker.com/security/for-developers/access-tokens/',
    keywords: ['docker'], keyPattern: 'docker(?:[_-]?hub)?[A-Za-z0-9_.-]{0,20}(?:token|pat|password|pass)', value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    sample: '4f9e2a7c-1b3d-4c8e-9a6f-0d2b5e7c1a93', keys: ['DOCKERHUB_TOKEN', 'DOCKER_PASSWORD', 'dockerHubToken'],
  }),
  {
    id: 'SEC-DOCKER-CONFIG-AUTH',
    title: 'Registry credential in a Docker config.json',
    description: 'An "auth" entry (base64 of user:password) in a Docker config.json or an image pull secret\'s .dockerconfigjson.',
    severity: 'critical',
    confidence: 'high',
    remediation: 'Revoke the registry password or token, and use a credential helper (docker-credential-*) or short-lived tokens instead of a committed config.json.',
    helpUri: 'https://docs.docker.com/reference/cli/docker/login/#credential-stores',
    // "auths" in config.json; the older ~/.dockercfg has the registries at the top level.
    keywords: ['"auths"', '"auth"'],
    pattern: /"auth"\s{0,4}:\s{0,4}"(?<secret>[A-Za-z0-9+/]{12,1024}={0,2})"/g,
    window: 'block',
    priority: 1,
    validate: ({ secret }) => {
      const decoded = Buffer.from(secret, 'base64').toString('latin1');
      const i = decoded.indexOf(':');
      return i > 0 && decoded.length - i > 4 && /^[\x20-\x7e]+$/.test(decoded);
    },
    examples: lazyExamples(() => ({
      mustFlag: [
        `{\n  "auths": {\n    "contoso.azurecr.io": {\n      "auth": "${dockerAuth}"\n    }\n  }\n}\n`,
        `{"registry.contoso.com":{"auth":"${dockerAuth}","email":"ci@contoso.com"}}\n`,
        `apiVersion: v1\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\nmetadata:\n  name: regcred\ndata:\n  .dockerconfigjson: ${Buffer.from(JSON.stringify({ auths: { 'ghcr.io': { username: 'ci-bot', auth: dockerAuth } } })).toString('base64')}\n`,
      ],
      mustNotFlag: [
        `{\n  "auths": {\n    "contoso.azurecr.io": {}\n  },\n  "credsStore": "desktop"\n}\n`,
        `{\n  "auths": {\n    "contoso.azurecr.io": {\n      "auth": "${Buffer.from('nocolonhere').toString('base64')}"\n    }\n  }\n}\n`,
      ],
    })),
  },
];
