// The providers of the evaluation set, each written from its own public documentation of the
// credential format (prefix, length, alphabet, checksum), never from another scanner's rules or test
// files. Values are random of the documented shape; a few are built with the documented checksum
// (GitHub, npm, Grafana service-account tokens, Azure DevOps' 84-character PATs) so the checksum
// can be broken on purpose for the hard negatives.
import {
  azureDevOpsPat, ecPrivateKeyPem, gcpServiceAccount, jwt, opensshPrivateKeyPem, pkcs8PrivateKeyPem, pypiToken, rsaPrivateKeyPem,
} from './keys';
import { COMMAND_SYNTAXES, type Companion, type Credential, type DocNegative, type Marks, type Provider } from './model';
import {
  ALPHA, B64URL, BASE32_LOWER, BASE32_UPPER, BASE62, DIGITS, HEX_UPPER, LOWER_ALNUM, type Rng, UPPER_ALNUM, base62, crc32, toBase64,
} from './random';

const tok = (variant: string, value: string, more: Partial<Credential> = {}): Credential => ({ kind: 'token', variant, value, ...more });
const url = (variant: string, value: string, more: Partial<Credential> = {}): Credential => ({ kind: 'url', variant, value, ...more });
const comp = (env: string, key: string, value: string, paired = false): Companion => ({ env, key, value, paired });

const bearer = (endpoint: string) => (c: Credential, m: Marks): string => `curl -sS -H "Authorization: Bearer ${m.S(c.value)}" ${endpoint}`;
const header = (name: string, endpoint: string) => (c: Credential, m: Marks): string => `curl -sS -H "${name}: ${m.S(c.value)}" ${endpoint}`;
/** `docker run -e NAME='value'`: how a connection string usually reaches a container by hand. */
const dockerRun = (env: string, image: string) => (c: Credential, m: Marks): string => `docker run --rm -e ${env}='${m.S(c.value)}' ${image}`;

/** GitHub's and npm's format: prefix, 30 base62 chars, then CRC32 of those 30 chars in 6 base62 chars. */
function checksummed(r: Rng, prefix: string): string {
  const body = r.chars(BASE62, 30);
  return prefix + body + base62(crc32(body), 6);
}

function breakLast(r: Rng, token: string): string {
  const last = token[token.length - 1];
  let other = last;
  while (other === last) other = BASE62[r.int(62)];
  return token.slice(0, -1) + other;
}

/** Grafana service-account token: glsa_, 32 base62 chars, _, CRC32 of the text before it (hex, little-endian bytes). */
function grafanaSat(r: Rng, corrupt = false): string {
  const head = `glsa_${r.chars(BASE62, 32)}`;
  const c = crc32(head);
  const bytes = [c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, (c >>> 24) & 0xff];
  if (corrupt) bytes[0] ^= 0x3c;
  return `${head}_${bytes.map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const SAFE_SYMBOLS = '!*-_+=.^%';
/** A generated password: letters, digits and symbols that need no quoting in any syntax of the set. */
export function password(r: Rng): string {
  for (;;) {
    const p = r.chars(BASE62 + SAFE_SYMBOLS, r.between(16, 24));
    if (/[0-9]/.test(p) && /[A-Z]/.test(p) && /[a-z]/.test(p) && /[!*\-_+=.^%]/.test(p)) return p;
  }
}

/** A password safe inside a URL's userinfo without percent-encoding. */
function urlPassword(r: Rng): string {
  for (;;) {
    const p = r.chars(BASE62 + '-_.~', r.between(18, 28));
    if (/[0-9]/.test(p) && /[A-Z]/.test(p) && /[a-z]/.test(p)) return p;
  }
}

const host = (r: Rng, suffix: string): string => `${r.word(5, 8)}-${r.word(3, 5)}.${suffix}`;
const user = (r: Rng): string => `svc_${r.word(4, 7)}`;
const email = (r: Rng): string => `${r.word(4, 7)}.${r.word(4, 8)}@${r.word(5, 8)}.io`;

export const PROVIDERS: readonly Provider[] = [
  // ---------------------------------------------------------------- Microsoft / Azure
  {
    id: 'azure-devops-pat',
    name: 'Azure DevOps personal access token (84 chars)',
    docs: 'https://learn.microsoft.com/purview/sit-defn-azure-devops-personal-access-token',
    format: '84 base62 chars: 52 random, JQQJ99, date, reserved, AZDO at 76-79, 4-char Marvin32 checksum (microsoft/security-utilities)',
    names: { env: 'AZURE_DEVOPS_PAT', section: 'AzureDevOps', key: 'PersonalAccessToken' },
    variants: [(r) => tok('cask-84', azureDevOpsPat(r))],
    command: (c, m) => `curl -sS -u :${m.S(c.value)} "https://dev.azure.com/fabrikam/_apis/projects?api-version=7.1"`,
    wrongChecksum: (r) => azureDevOpsPat(r, true),
    registry: 'both',
    npmrc: (c, m) => `registry=https://pkgs.dev.azure.com/fabrikam/_packaging/shared/npm/registry/\nalways-auth=true\n//pkgs.dev.azure.com/fabrikam/_packaging/shared/npm/registry/:username=fabrikam\n//pkgs.dev.azure.com/fabrikam/_packaging/shared/npm/registry/:_password=${m.S(Buffer.from(c.value).toString('base64'))}\n//pkgs.dev.azure.com/fabrikam/_packaging/shared/npm/registry/:email=npm requires email to be set but doesn't use the value`,
  },
  {
    id: 'azure-devops-pat-legacy',
    name: 'Azure DevOps personal access token (52 chars)',
    docs: 'https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate',
    format: '52 chars of lower-case base32 (a-z, 2-7)',
    names: { env: 'AZURE_DEVOPS_EXT_PAT', section: 'AzureDevOps', key: 'Pat' },
    variants: [(r) => tok('base32-52', r.chars(BASE32_LOWER, 52))],
    command: (c, m) => `git clone https://build:${m.S(c.value)}@dev.azure.com/fabrikam/Web/_git/portal`,
    registry: 'maven',
  },
  {
    id: 'azure-storage-connection-string',
    name: 'Azure Storage connection string',
    docs: 'https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string',
    format: 'DefaultEndpointsProtocol=https;AccountName=<name>;AccountKey=<88-char base64 of 64 bytes>;EndpointSuffix=core.windows.net',
    names: { env: 'AZURE_STORAGE_CONNECTION_STRING', section: 'Storage', key: 'ConnectionString' },
    variants: [
      (r) => url('account-key', `DefaultEndpointsProtocol=https;AccountName=${r.word(5, 9)}${r.digits(3)};AccountKey=${toBase64(r.bytes(64))};EndpointSuffix=core.windows.net`),
      (r) => url('blob-endpoint', `BlobEndpoint=https://${r.word(5, 9)}${r.digits(2)}.blob.core.windows.net/;AccountName=${r.word(5, 9)};AccountKey=${toBase64(r.bytes(64))}`),
    ],
    command: (c, m) => `az storage blob upload-batch --destination '$web' --source ./dist --connection-string "${m.S(c.value)}"`,
    docNegatives: () => [
      { what: 'emulator-shortcut', value: 'UseDevelopmentStorage=true', syntax: 'appsettings' },
      // The Azurite / storage emulator account, documented by Microsoft as a public well-known key.
      { what: 'emulator-documented-key', value: 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;', syntax: 'appsettings' },
    ],
  },
  {
    id: 'azure-storage-key',
    name: 'Azure Storage account key',
    docs: 'https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage',
    format: '88-char base64 (64 random bytes, ending ==), next to the account name',
    names: { env: 'AZURE_STORAGE_KEY', section: 'Storage', key: 'AccountKey' },
    variants: [(r) => tok('base64-88', toBase64(r.bytes(64)), { companions: [comp('AZURE_STORAGE_ACCOUNT', 'AccountName', `${r.word(5, 9)}${r.digits(3)}`)] })],
    command: (c, m) => `az storage container list --account-name ${c.companions![0].value} --account-key ${m.S(c.value)} -o table`,
  },
  {
    id: 'azure-sas',
    name: 'Azure shared access signature URL',
    docs: 'https://learn.microsoft.com/azure/storage/common/storage-sas-overview',
    format: 'https://<account>.blob.core.windows.net/<container>?sv=...&sp=...&se=...&sig=<url-encoded base64 HMAC-SHA256>',
    names: { env: 'BACKUP_CONTAINER_SAS_URL', section: 'Backup', key: 'SasUrl' },
    variants: [
      (r) => url('service-sas', `https://${r.word(5, 9)}${r.digits(2)}.blob.core.windows.net/backups?sp=racwdl&st=2025-01-06T09:00:00Z&se=2026-01-06T17:00:00Z&spr=https&sv=2022-11-02&sr=c&sig=${encodeURIComponent(toBase64(r.bytes(32)))}`),
    ],
    command: (c, m) => `azcopy copy "./backups/*" "${m.S(c.value)}" --recursive`,
  },
  {
    id: 'azure-service-bus',
    name: 'Azure Service Bus / Event Hubs connection string',
    docs: 'https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas',
    format: 'Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=<rule>;SharedAccessKey=<44-char base64 of 32 bytes>',
    names: { env: 'SERVICEBUS_CONNECTION_STRING', section: 'ServiceBus', key: 'ConnectionString' },
    variants: [
      (r) => url('namespace-rule', `Endpoint=sb://${r.word(5, 9)}-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${toBase64(r.bytes(32))}`),
      (r) => url('event-hub', `Endpoint=sb://${r.word(5, 9)}-events.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${toBase64(r.bytes(32))};EntityPath=telemetry`),
    ],
    command: dockerRun('SERVICEBUS_CONNECTION_STRING', 'fabrikam/order-worker:3.2.0'),
  },
  {
    id: 'azure-cosmos',
    name: 'Azure Cosmos DB connection string',
    docs: 'https://learn.microsoft.com/azure/cosmos-db/secure-access-to-data',
    format: 'AccountEndpoint=https://<account>.documents.azure.com:443/;AccountKey=<88-char base64>;',
    names: { env: 'COSMOS_CONNECTION_STRING', section: 'Cosmos', key: 'ConnectionString' },
    variants: [(r) => url('account-key', `AccountEndpoint=https://${r.word(5, 9)}-db.documents.azure.com:443/;AccountKey=${toBase64(r.bytes(64))};`)],
    command: dockerRun('COSMOS_CONNECTION_STRING', 'fabrikam/catalog-api:1.9.4'),
    docNegatives: () => [
      // The Cosmos DB emulator's documented, public key.
      { what: 'emulator-documented-key', value: 'AccountEndpoint=https://localhost:8081/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==', syntax: 'appsettings' },
    ],
  },
  {
    id: 'entra-client-secret',
    name: 'Microsoft Entra ID (Azure AD) client secret',
    docs: 'https://learn.microsoft.com/purview/sit-defn-azure-ad-client-secret',
    format: '40 chars of [A-Za-z0-9_~.-]: 3 chars, "8Q~", 34 chars; next to tenant and client ids (GUIDs)',
    names: { env: 'AZURE_CLIENT_SECRET', section: 'AzureAd', key: 'ClientSecret' },
    variants: [
      (r) => tok('8Q~', `${r.chars(BASE62, 3)}8Q~${r.chars(BASE62 + '_~.-', 33)}${r.chars(BASE62, 1)}`, {
        companions: [comp('AZURE_TENANT_ID', 'TenantId', r.uuid()), comp('AZURE_CLIENT_ID', 'ClientId', r.uuid())],
      }),
    ],
    command: (c, m) => `az login --service-principal -u ${c.companions![1].value} -p '${m.S(c.value)}' --tenant ${c.companions![0].value}`,
  },
  // ---------------------------------------------------------------- AWS and Google Cloud
  {
    id: 'aws-access-key',
    name: 'AWS access key pair',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    format: 'access key id AKIA + 16 of [A-Z2-7]; secret access key 40 chars of [A-Za-z0-9/+]',
    names: { env: 'AWS_SECRET_ACCESS_KEY', section: 'Aws', key: 'SecretAccessKey' },
    variants: [
      (r) => tok('akia-pair', r.chars(ALPHA + DIGITS + '/+', 40), { companions: [comp('AWS_ACCESS_KEY_ID', 'AccessKeyId', `AKIA${r.chars(BASE32_UPPER, 16)}`, true)] }),
    ],
    command: (c, m) => `AWS_ACCESS_KEY_ID=${m.P(c.companions![0])} AWS_SECRET_ACCESS_KEY=${m.S(c.value)} aws s3 sync ./site s3://${'fabrikam-www'}`,
    docNegatives: () => [
      // The example pair of AWS's own documentation.
      { what: 'aws-docs-example', value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', companions: [comp('AWS_ACCESS_KEY_ID', 'AccessKeyId', 'AKIAIOSFODNN7EXAMPLE')] },
      { what: 'aws-docs-example', value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', syntax: 'ini', companions: [comp('AWS_ACCESS_KEY_ID', 'AccessKeyId', 'AKIAIOSFODNN7EXAMPLE')] },
    ],
  },
  {
    id: 'gcp-service-account',
    name: 'Google Cloud service-account key file',
    docs: 'https://cloud.google.com/iam/docs/keys-create-delete',
    format: 'JSON with "type": "service_account", private_key_id (40 hex), private_key (PKCS#8 PEM), client_email ...iam.gserviceaccount.com',
    names: { env: 'GOOGLE_CREDENTIALS', section: 'Gcp', key: 'Credentials' },
    variants: [(r) => ({ kind: 'block', format: 'json', variant: 'key-file', value: gcpServiceAccount(r).json })],
    keyFile: 'service-account.json',
  },
  {
    id: 'gcp-api-key',
    name: 'Google Cloud API key',
    docs: 'https://cloud.google.com/docs/authentication/api-keys',
    format: 'AIza + 35 chars of [A-Za-z0-9_-]',
    names: { env: 'GOOGLE_API_KEY', section: 'GoogleMaps', key: 'ApiKey' },
    variants: [(r) => tok('AIza', `AIza${r.chars(B64URL, 35)}`)],
    prefix: 'AIza',
    command: (c, m) => `curl -sS "https://maps.googleapis.com/maps/api/geocode/json?address=Lyon&key=${m.S(c.value)}"`,
  },
  // ---------------------------------------------------------------- Source forges and CI
  {
    id: 'github-classic-pat',
    name: 'GitHub personal access token (classic)',
    docs: 'https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/',
    format: 'ghp_ + 30 base62 chars + 6-char base62 CRC32 checksum of those 30',
    names: { env: 'GITHUB_TOKEN', section: 'GitHub', key: 'Token' },
    variants: [(r) => tok('ghp', checksummed(r, 'ghp_'))],
    prefix: 'ghp_',
    wrongChecksum: (r) => breakLast(r, checksummed(r, 'ghp_')),
    command: (c, m) => `curl -sS -H "Authorization: token ${m.S(c.value)}" https://api.github.com/user`,
    registry: 'both',
    npmrc: (c, m) => `@fabrikam:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=${m.S(c.value)}`,
  },
  {
    id: 'github-fine-grained-pat',
    name: 'GitHub fine-grained personal access token',
    docs: 'https://docs.github.com/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens',
    format: 'github_pat_ + 22 base62 + _ + 59 base62',
    names: { env: 'GH_PAT', section: 'GitHub', key: 'Pat' },
    variants: [(r) => tok('github_pat', `github_pat_11${r.chars(UPPER_ALNUM, 20)}_${r.chars(BASE62, 59)}`)],
    prefix: 'github_pat_',
    command: (c, m) => `git clone https://oauth2:${m.S(c.value)}@github.com/fabrikam/infra-live.git`,
  },
  {
    id: 'github-app-token',
    name: 'GitHub app / OAuth tokens (ghs_, ghu_, gho_, ghr_)',
    docs: 'https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/',
    format: 'ghs_/ghu_/gho_/ghr_ + 30 base62 + 6-char base62 CRC32 checksum',
    names: { env: 'GH_INSTALLATION_TOKEN', section: 'GitHubApp', key: 'InstallationToken' },
    variants: [
      (r) => tok('ghs', checksummed(r, 'ghs_')),
      (r) => tok('gho', checksummed(r, 'gho_'), { names: { env: 'GITHUB_OAUTH_TOKEN', key: 'OAuthToken' } }),
      (r) => tok('ghu', checksummed(r, 'ghu_'), { names: { env: 'GITHUB_USER_TOKEN', key: 'UserToken' } }),
      (r) => tok('ghr', `ghr_${r.chars(BASE62, 76)}`, { names: { env: 'GITHUB_REFRESH_TOKEN', key: 'RefreshToken' } }),
    ],
    prefix: 'ghs_',
    wrongChecksum: (r) => breakLast(r, checksummed(r, 'ghs_')),
    command: (c, m) => `git clone https://x-access-token:${m.S(c.value)}@github.com/fabrikam/release-notes.git`,
  },
  {
    id: 'gitlab-pat',
    name: 'GitLab personal / project access token',
    docs: 'https://docs.gitlab.com/ee/security/tokens/',
    format: 'glpat- + 20 chars of [A-Za-z0-9_-]',
    names: { env: 'GITLAB_TOKEN', section: 'GitLab', key: 'Token' },
    variants: [(r) => tok('glpat', `glpat-${r.chars(B64URL, 20)}`)],
    prefix: 'glpat-',
    command: (c, m) => `curl -sS --header "PRIVATE-TOKEN: ${m.S(c.value)}" "https://gitlab.com/api/v4/projects?membership=true"`,
    registry: 'maven',
  },
  {
    id: 'gitlab-runner-token',
    name: 'GitLab runner authentication token',
    docs: 'https://docs.gitlab.com/ee/security/tokens/#runner-authentication-tokens',
    format: 'glrt- + 20 chars of [A-Za-z0-9_-]',
    names: { env: 'RUNNER_TOKEN', section: 'Runner', key: 'Token' },
    variants: [(r) => tok('glrt', `glrt-${r.chars(B64URL, 20)}`)],
    prefix: 'glrt-',
    command: (c, m) => `gitlab-runner register --non-interactive --url https://gitlab.com --token ${m.S(c.value)} --executor docker --docker-image alpine:3.20`,
  },
  {
    id: 'npm-token',
    name: 'npm access token',
    docs: 'https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/',
    format: 'npm_ + 30 base62 + 6-char base62 CRC32 checksum',
    names: { env: 'NPM_TOKEN', section: 'Npm', key: 'AuthToken' },
    variants: [(r) => tok('npm_', checksummed(r, 'npm_'))],
    prefix: 'npm_',
    wrongChecksum: (r) => breakLast(r, checksummed(r, 'npm_')),
    command: (c, m) => `npm config set //registry.npmjs.org/:_authToken ${m.S(c.value)} && npm publish --access public`,
    registry: 'npm',
    npmrc: (c, m) => `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${m.S(c.value)}`,
    docNegatives: () => [{ what: 'env-reference', value: '${NPM_TOKEN}', syntax: 'npmrc' }],
  },
  {
    id: 'pypi-token',
    name: 'PyPI API token',
    docs: 'https://pypi.org/help/#apitoken',
    format: 'pypi- + base64url of a v2 macaroon for location pypi.org (starts pypi-AgEIcHlwaS5vcmc)',
    names: { env: 'TWINE_PASSWORD', section: 'Pypi', key: 'Password' },
    variants: [(r) => tok('macaroon', pypiToken(r, `${r.word(4, 7)}-${r.word(3, 6)}`))],
    prefix: 'pypi-AgEIcHlwaS5vcmc',
    command: (c, m) => `twine upload --non-interactive -u __token__ -p ${m.S(c.value)} dist/*`,
  },
  {
    id: 'nuget-api-key',
    name: 'NuGet.org API key',
    docs: 'https://learn.microsoft.com/nuget/nuget-org/publish-a-package#create-an-api-key',
    format: 'oy2 + 43 chars of [a-z0-9]',
    names: { env: 'NUGET_API_KEY', section: 'NuGet', key: 'ApiKey' },
    variants: [(r) => tok('oy2', `oy2${r.chars(LOWER_ALNUM, 43)}`)],
    prefix: 'oy2',
    command: (c, m) => `dotnet nuget push "./artifacts/*.nupkg" --api-key ${m.S(c.value)} --source https://api.nuget.org/v3/index.json`,
  },
  {
    id: 'docker-hub-pat',
    name: 'Docker Hub personal access token',
    docs: 'https://docs.docker.com/security/for-developers/access-tokens/',
    format: 'dckr_pat_ + 27 chars of [A-Za-z0-9_-]',
    names: { env: 'DOCKERHUB_TOKEN', section: 'DockerHub', key: 'Token' },
    variants: [(r) => tok('dckr_pat', `dckr_pat_${r.chars(B64URL, 27)}`)],
    prefix: 'dckr_pat_',
    command: (c, m) => `docker login -u fabrikamci -p ${m.S(c.value)} docker.io`,
    registry: 'maven',
  },
  {
    id: 'terraform-cloud',
    name: 'HCP Terraform (Terraform Cloud) API token',
    docs: 'https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens',
    format: '14 base62 + .atlasv1. + 67 base62',
    names: { env: 'TFE_TOKEN', section: 'TerraformCloud', key: 'Token' },
    variants: [(r) => tok('atlasv1', `${r.chars(BASE62, 14)}.atlasv1.${r.chars(BASE62, 67)}`)],
    command: bearer('https://app.terraform.io/api/v2/account/details'),
  },
  {
    id: 'vault-token',
    name: 'HashiCorp Vault token',
    docs: 'https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes',
    format: 'hvs. (service) or hvb. (batch) + base64url body, about 95 chars for hvs.',
    names: { env: 'VAULT_TOKEN', section: 'Vault', key: 'Token' },
    variants: [
      (r) => tok('hvs', `hvs.CAESI${r.chars(B64URL, 86)}`),
      (r) => tok('hvb', `hvb.AAAAAQ${r.chars(B64URL, 128)}`),
    ],
    prefix: 'hvs.',
    command: header('X-Vault-Token', 'https://vault.fabrikam.internal:8200/v1/kv/data/orders'),
  },
  {
    id: 'doppler',
    name: 'Doppler token',
    docs: 'https://docs.doppler.com/docs/token-formats',
    format: 'dp.pt. (personal), dp.st. (service, with config) or dp.sa. + 43 base62',
    names: { env: 'DOPPLER_TOKEN', section: 'Doppler', key: 'Token' },
    variants: [
      (r) => tok('dp.pt', `dp.pt.${r.chars(BASE62, 43)}`),
      (r) => tok('dp.st', `dp.st.prd.${r.chars(BASE62, 43)}`),
    ],
    prefix: 'dp.pt.',
    command: (c, m) => `doppler run --token ${m.S(c.value)} -- node server.js`,
  },
  {
    id: 'postman',
    name: 'Postman API key',
    docs: 'https://learning.postman.com/docs/developer/postman-api/authentication/',
    format: 'PMAK- + 24 hex + - + 34 hex',
    names: { env: 'POSTMAN_API_KEY', section: 'Postman', key: 'ApiKey' },
    variants: [(r) => tok('PMAK', `PMAK-${r.hex(24)}-${r.hex(34)}`)],
    prefix: 'PMAK-',
    command: header('X-API-Key', 'https://api.getpostman.com/me'),
  },
  {
    id: 'databricks',
    name: 'Databricks personal access token',
    docs: 'https://docs.databricks.com/dev-tools/auth/pat.html',
    format: 'dapi + 32 hex (optionally -2 suffix)',
    names: { env: 'DATABRICKS_TOKEN', section: 'Databricks', key: 'Token' },
    variants: [
      (r) => tok('dapi', `dapi${r.hex(32)}`, { companions: [comp('DATABRICKS_HOST', 'Host', `https://adb-${r.digits(16)}.${r.between(1, 19)}.azuredatabricks.net`)] }),
      (r) => tok('dapi-2', `dapi${r.hex(32)}-2`, { companions: [comp('DATABRICKS_HOST', 'Host', `https://adb-${r.digits(16)}.${r.between(1, 19)}.azuredatabricks.net`)] }),
    ],
    prefix: 'dapi',
    command: (c, m) => `curl -sS -H "Authorization: Bearer ${m.S(c.value)}" ${c.companions![0].value}/api/2.0/clusters/list`,
  },
  // ---------------------------------------------------------------- Messaging
  {
    id: 'slack-token',
    name: 'Slack bot / user token',
    docs: 'https://api.slack.com/authentication/token-types',
    format: 'xoxb-<team digits>-<bot digits>-<24 base62>; xoxp-<d>-<d>-<d>-<32 hex>',
    names: { env: 'SLACK_BOT_TOKEN', section: 'Slack', key: 'BotToken' },
    variants: [
      (r) => tok('xoxb', `xoxb-${r.digits(r.between(10, 13))}-${r.digits(r.between(10, 13))}-${r.chars(BASE62, 24)}`),
      (r) => tok('xoxp', `xoxp-${r.digits(12)}-${r.digits(12)}-${r.digits(13)}-${r.hex(32)}`, { names: { env: 'SLACK_USER_TOKEN', key: 'UserToken' } }),
    ],
    prefix: 'xoxb-',
    command: bearer('https://slack.com/api/auth.test'),
  },
  {
    id: 'slack-webhook',
    name: 'Slack incoming webhook URL',
    docs: 'https://api.slack.com/messaging/webhooks',
    format: 'https://hooks.slack.com/services/T<workspace>/B<channel>/<24 base62 secret>',
    names: { env: 'SLACK_WEBHOOK_URL', section: 'Slack', key: 'WebhookUrl' },
    variants: [(r) => url('services', `https://hooks.slack.com/services/T${r.chars(UPPER_ALNUM, 10)}/B${r.chars(UPPER_ALNUM, 10)}/${r.chars(BASE62, 24)}`)],
    command: (c, m) => `curl -sS -X POST -H 'Content-type: application/json' --data '{"text":"Deploy finished"}' ${m.S(c.value)}`,
  },
  {
    id: 'discord-bot-token',
    name: 'Discord bot token',
    docs: 'https://discord.com/developers/docs/reference#authentication',
    format: 'base64(user id).<6-char timestamp>.<27 to 38-char HMAC>, base64url',
    names: { env: 'DISCORD_BOT_TOKEN', section: 'Discord', key: 'BotToken' },
    variants: [
      (r) => tok('bot-38', `${Buffer.from(r.digits(19)).toString('base64').replace(/=+$/, '')}.${r.chars(B64URL, 6)}.${r.chars(B64URL, 38)}`),
      (r) => tok('bot-27', `${Buffer.from(r.digits(18)).toString('base64').replace(/=+$/, '')}.${r.chars(B64URL, 6)}.${r.chars(B64URL, 27)}`),
    ],
    command: (c, m) => `curl -sS -H "Authorization: Bot ${m.S(c.value)}" https://discord.com/api/v10/users/@me`,
  },
  {
    id: 'discord-webhook',
    name: 'Discord webhook URL',
    docs: 'https://discord.com/developers/docs/resources/webhook',
    format: 'https://discord.com/api/webhooks/<17-20 digit id>/<68-char token>',
    names: { env: 'DISCORD_WEBHOOK_URL', section: 'Discord', key: 'WebhookUrl' },
    variants: [(r) => url('webhook', `https://discord.com/api/webhooks/${r.digits(19)}/${r.chars(B64URL, 68)}`)],
    command: (c, m) => `curl -sS -H "Content-Type: application/json" -d '{"content":"Nightly build failed"}' "${m.S(c.value)}"`,
  },
  {
    id: 'telegram-bot',
    name: 'Telegram bot token',
    docs: 'https://core.telegram.org/bots/api#authorizing-your-bot',
    format: '<8-10 digit bot id>:<35 chars of [A-Za-z0-9_-]>, the secret part usually starting AA',
    names: { env: 'TELEGRAM_BOT_TOKEN', section: 'Telegram', key: 'BotToken' },
    variants: [(r) => tok('bot', `${r.digits(10)}:AA${r.chars(B64URL, 33)}`)],
    command: (c, m) => `curl -sS "https://api.telegram.org/bot${m.S(c.value)}/getMe"`,
  },
  {
    id: 'twilio',
    name: 'Twilio account SID + auth token / API key',
    docs: 'https://www.twilio.com/docs/iam/api/account',
    format: 'Account SID AC + 32 hex, auth token 32 hex; API key SID SK + 32 hex, secret 32 base62',
    names: { env: 'TWILIO_AUTH_TOKEN', section: 'Twilio', key: 'AuthToken' },
    variants: [
      (r) => tok('auth-token', r.hex(32), { companions: [comp('TWILIO_ACCOUNT_SID', 'AccountSid', `AC${r.hex(32)}`, true)] }),
      (r) => tok('api-key', r.chars(BASE62, 32), { names: { env: 'TWILIO_API_SECRET', key: 'ApiSecret' }, companions: [comp('TWILIO_API_KEY', 'ApiKey', `SK${r.hex(32)}`, true)] }),
    ],
    command: (c, m) => `curl -sS "https://api.twilio.com/2010-04-01/Accounts.json" -u ${m.P(c.companions![0])}:${m.S(c.value)}`,
  },
  {
    id: 'sendgrid',
    name: 'SendGrid API key',
    docs: 'https://docs.sendgrid.com/ui/account-and-settings/api-keys',
    format: 'SG. + 22 base64url + . + 43 base64url',
    names: { env: 'SENDGRID_API_KEY', section: 'SendGrid', key: 'ApiKey' },
    variants: [(r) => tok('SG', `SG.${r.chars(B64URL, 22)}.${r.chars(B64URL, 43)}`)],
    prefix: 'SG.',
    command: bearer('https://api.sendgrid.com/v3/scopes'),
  },
  {
    id: 'mailchimp',
    name: 'Mailchimp API key',
    docs: 'https://mailchimp.com/developer/marketing/guides/quick-start/#generate-your-api-key',
    format: '32 hex + -us<datacenter number>',
    names: { env: 'MAILCHIMP_API_KEY', section: 'Mailchimp', key: 'ApiKey' },
    variants: [(r) => tok('dc', `${r.hex(32)}-us${r.between(1, 21)}`)],
    command: (c, m) => `curl -sS -u "anystring:${m.S(c.value)}" https://${c.value.split('-').pop()}.api.mailchimp.com/3.0/ping`,
  },
  {
    id: 'mailgun',
    name: 'Mailgun API key',
    docs: 'https://documentation.mailgun.com/docs/mailgun/api-reference/authentication',
    format: 'key- + 32 hex (legacy), or 32 hex-8 hex-8 hex (current private keys)',
    names: { env: 'MAILGUN_API_KEY', section: 'Mailgun', key: 'ApiKey' },
    variants: [
      (r) => tok('key-', `key-${r.hex(32)}`),
      (r) => tok('hex-3-part', `${r.hex(32)}-${r.hex(8)}-${r.hex(8)}`),
    ],
    command: (c, m) => `curl -s --user 'api:${m.S(c.value)}' https://api.mailgun.net/v3/mg.fabrikam.io/messages -F from='Ops <ops@mg.fabrikam.io>' -F to=oncall@fabrikam.io -F subject=Alert -F text=Disk`,
  },
  // ---------------------------------------------------------------- Payments
  {
    id: 'stripe',
    name: 'Stripe secret / restricted key',
    docs: 'https://docs.stripe.com/keys',
    format: 'sk_live_ or rk_live_ + 24 base62 (older) or 99 base62 (current)',
    names: { env: 'STRIPE_SECRET_KEY', section: 'Stripe', key: 'SecretKey' },
    variants: [
      (r) => tok('sk_live-99', `sk_live_51${r.chars(BASE62, 97)}`),
      (r) => tok('sk_live-24', `sk_live_${r.chars(BASE62, 24)}`),
      (r) => tok('rk_live', `rk_live_51${r.chars(BASE62, 97)}`, { names: { env: 'STRIPE_RESTRICTED_KEY', key: 'RestrictedKey' } }),
    ],
    prefix: 'sk_live_',
    command: (c, m) => `curl -sS https://api.stripe.com/v1/balance -u ${m.S(c.value)}:`,
    docNegatives: (r) => [
      // The secret key Stripe's own documentation uses in its examples.
      { what: 'stripe-docs-key', value: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc' },
      // Publishable keys are public by design (they ship in the browser).
      { what: 'publishable-key', value: `pk_live_51${r.chars(BASE62, 97)}`, syntax: 'javascript', names: { env: 'STRIPE_PUBLISHABLE_KEY', key: 'PublishableKey' } },
    ],
  },
  {
    id: 'square',
    name: 'Square access token / application secret',
    docs: 'https://developer.squareup.com/docs/build-basics/access-tokens',
    format: 'EAAA + 60 base64url (access token); sq0csp- + 43 base64url (application secret)',
    names: { env: 'SQUARE_ACCESS_TOKEN', section: 'Square', key: 'AccessToken' },
    variants: [
      (r) => tok('EAAA', `EAAA${r.chars(B64URL, 60)}`),
      (r) => tok('sq0csp', `sq0csp-${r.chars(B64URL, 43)}`, { names: { env: 'SQUARE_APPLICATION_SECRET', key: 'ApplicationSecret' } }),
    ],
    prefix: 'EAAA',
    command: (c, m) => c.variant === 'sq0csp'
      ? `curl -sS https://connect.squareup.com/oauth2/token -H 'Content-Type: application/json' -d '{"client_id": "sq0idp-Fk2Lx9TqWb4RzY0aVnM3cD", "client_secret": "${m.S(c.value)}", "grant_type": "refresh_token", "refresh_token": "$SQUARE_REFRESH_TOKEN"}'`
      : `curl -sS https://connect.squareup.com/v2/locations -H "Authorization: Bearer ${m.S(c.value)}"`,
  },
  {
    id: 'paypal',
    name: 'PayPal REST client secret',
    docs: 'https://developer.paypal.com/api/rest/authentication/',
    format: 'client id A + 79 base64url; secret E + 79 base64url',
    names: { env: 'PAYPAL_CLIENT_SECRET', section: 'PayPal', key: 'ClientSecret' },
    variants: [(r) => tok('E80', `E${r.chars(B64URL, 79)}`, { companions: [comp('PAYPAL_CLIENT_ID', 'ClientId', `A${r.chars(B64URL, 79)}`, true)] })],
    command: (c, m) => `curl -sS https://api-m.paypal.com/v1/oauth2/token -u "${m.P(c.companions![0])}:${m.S(c.value)}" -d "grant_type=client_credentials"`,
  },
  {
    id: 'braintree',
    name: 'Braintree access token',
    docs: 'https://developer.paypal.com/braintree/docs/guides/authorization/access-token',
    format: 'access_token$production$<16 lower alnum>$<32 hex>',
    names: { env: 'BRAINTREE_ACCESS_TOKEN', section: 'Braintree', key: 'AccessToken' },
    variants: [(r) => tok('production', `access_token$production$${r.chars(LOWER_ALNUM, 16)}$${r.hex(32)}`)],
    prefix: 'access_token$production$',
    command: dockerRun('BRAINTREE_ACCESS_TOKEN', 'fabrikam/checkout:5.0.1'),
  },
  {
    id: 'plaid',
    name: 'Plaid secret / access token',
    docs: 'https://plaid.com/docs/api/#api-keys-and-access',
    format: 'client id 24 hex + secret 30 hex; access tokens access-<env>-<uuid>',
    names: { env: 'PLAID_SECRET', section: 'Plaid', key: 'Secret' },
    variants: [
      (r) => tok('secret', r.hex(30), { companions: [comp('PLAID_CLIENT_ID', 'ClientId', r.hex(24), true)] }),
      (r) => tok('access-token', `access-production-${r.uuid()}`, { names: { env: 'PLAID_ACCESS_TOKEN', key: 'AccessToken' } }),
    ],
    command: (c, m) => c.variant === 'access-token'
      ? `curl -sS -X POST https://production.plaid.com/accounts/balance/get -H 'Content-Type: application/json' -d '{"client_id": "'"$PLAID_CLIENT_ID"'", "secret": "'"$PLAID_SECRET"'", "access_token": "${m.S(c.value)}"}'`
      : `curl -sS -X POST https://production.plaid.com/item/get -H 'Content-Type: application/json' -d '{"client_id": "${m.P(c.companions![0])}", "secret": "${m.S(c.value)}", "access_token": "'"$PLAID_ACCESS_TOKEN"'"}'`,
  },
  // ---------------------------------------------------------------- AI
  {
    id: 'openai',
    name: 'OpenAI API key',
    docs: 'https://platform.openai.com/docs/api-reference/authentication',
    format: 'sk- / sk-proj- / sk-svcacct- + base64url body containing T3BlbkFJ',
    names: { env: 'OPENAI_API_KEY', section: 'OpenAI', key: 'ApiKey' },
    variants: [
      (r) => tok('sk-proj', `sk-proj-${r.chars(B64URL, 74)}T3BlbkFJ${r.chars(B64URL, 74)}`),
      (r) => tok('sk-legacy', `sk-${r.chars(BASE62, 20)}T3BlbkFJ${r.chars(BASE62, 20)}`),
      (r) => tok('sk-svcacct', `sk-svcacct-${r.chars(B64URL, 74)}T3BlbkFJ${r.chars(B64URL, 74)}`),
    ],
    prefix: 'sk-proj-',
    command: bearer('https://api.openai.com/v1/models'),
  },
  {
    id: 'anthropic',
    name: 'Anthropic API key',
    docs: 'https://docs.anthropic.com/en/api/getting-started#authentication',
    format: 'sk-ant-api03- + 93 base64url + AA (admin keys: sk-ant-admin01-)',
    names: { env: 'ANTHROPIC_API_KEY', section: 'Anthropic', key: 'ApiKey' },
    variants: [
      (r) => tok('api03', `sk-ant-api03-${r.chars(B64URL, 93)}AA`),
      (r) => tok('admin01', `sk-ant-admin01-${r.chars(B64URL, 93)}AA`, { names: { env: 'ANTHROPIC_ADMIN_KEY', key: 'AdminKey' } }),
    ],
    prefix: 'sk-ant-api03-',
    command: (c, m) => `curl -sS https://api.anthropic.com/v1/models -H "x-api-key: ${m.S(c.value)}" -H "anthropic-version: 2023-06-01"`,
  },
  {
    id: 'huggingface',
    name: 'Hugging Face access token',
    docs: 'https://huggingface.co/docs/hub/security-tokens',
    format: 'hf_ + 34 letters',
    names: { env: 'HF_TOKEN', section: 'HuggingFace', key: 'Token' },
    variants: [(r) => tok('hf_', `hf_${r.chars(ALPHA, 34)}`)],
    prefix: 'hf_',
    command: (c, m) => `huggingface-cli login --token ${m.S(c.value)} --add-to-git-credential`,
  },
  // ---------------------------------------------------------------- SaaS and developer tools
  {
    id: 'shopify',
    name: 'Shopify access tokens',
    docs: 'https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens',
    format: 'shpat_ / shpca_ / shppa_ / shpss_ + 32 hex',
    names: { env: 'SHOPIFY_ACCESS_TOKEN', section: 'Shopify', key: 'AccessToken' },
    variants: [
      (r) => tok('shpat', `shpat_${r.hex(32)}`),
      (r) => tok('shpca', `shpca_${r.hex(32)}`),
      (r) => tok('shpss', `shpss_${r.hex(32)}`, { names: { env: 'SHOPIFY_SHARED_SECRET', key: 'SharedSecret' } }),
      (r) => tok('shppa', `shppa_${r.hex(32)}`),
    ],
    prefix: 'shpat_',
    command: (c, m) => c.variant === 'shpss'
      ? `openssl dgst -sha256 -hmac ${m.S(c.value)} -binary webhook-body.json | base64`
      : `curl -sS -H "X-Shopify-Access-Token: ${m.S(c.value)}" https://fabrikam-store.myshopify.com/admin/api/2024-10/shop.json`,
  },
  {
    id: 'atlassian',
    name: 'Atlassian API token',
    docs: 'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/',
    format: 'ATATT3 + base64url body + = + 8 hex checksum (192 chars), used with the account e-mail',
    names: { env: 'JIRA_API_TOKEN', section: 'Jira', key: 'ApiToken' },
    variants: [(r) => tok('ATATT', `ATATT3xFfGF0${r.chars(B64URL, 171)}=${r.chars(HEX_UPPER, 8)}`, { companions: [comp('JIRA_EMAIL', 'Email', email(r))] })],
    prefix: 'ATATT3xFfGF0',
    command: (c, m) => `curl -sS --user ${c.companions![0].value}:${m.S(c.value)} https://fabrikam.atlassian.net/rest/api/3/myself`,
  },
  {
    id: 'datadog',
    name: 'Datadog API / application key',
    docs: 'https://docs.datadoghq.com/account_management/api-app-keys/',
    format: 'API key 32 hex; application key 40 hex (no prefix: found by the variable name)',
    names: { env: 'DD_API_KEY', section: 'Datadog', key: 'ApiKey' },
    variants: [
      (r) => tok('api-key', r.hex(32)),
      (r) => tok('app-key', r.hex(40), { names: { env: 'DD_APP_KEY', key: 'AppKey' } }),
    ],
    command: (c, m) => c.variant === 'app-key'
      ? `curl -sS https://api.datadoghq.eu/api/v1/monitor -H "DD-API-KEY: $DD_API_KEY" -H "DD-APPLICATION-KEY: ${m.S(c.value)}"`
      : `curl -sS https://api.datadoghq.com/api/v1/validate -H "DD-API-KEY: ${m.S(c.value)}"`,
  },
  {
    id: 'new-relic',
    name: 'New Relic user API key / license key',
    docs: 'https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/',
    format: 'user key NRAK- + 27 upper alnum; ingest license key 36 hex + NRAL',
    names: { env: 'NEW_RELIC_API_KEY', section: 'NewRelic', key: 'ApiKey' },
    variants: [
      (r) => tok('NRAK', `NRAK-${r.chars(UPPER_ALNUM, 27)}`),
      (r) => tok('NRAL', `${r.hex(36)}NRAL`, { names: { env: 'NEW_RELIC_LICENSE_KEY', key: 'LicenseKey' } }),
    ],
    prefix: 'NRAK-',
    command: (c, m) => c.variant === 'NRAL'
      ? `docker run -d --name newrelic-infra --network=host -e NRIA_LICENSE_KEY=${m.S(c.value)} newrelic/infrastructure:latest`
      : `curl -sS -X POST https://api.newrelic.com/graphql -H 'Content-Type: application/json' -H "API-Key: ${m.S(c.value)}" -d '{"query":"{ actor { user { name } } }"}'`,
  },
  {
    id: 'sentry',
    name: 'Sentry auth token',
    docs: 'https://docs.sentry.io/account/auth-tokens/',
    format: 'sntryu_ + 64 hex (user); sntrys_ + base64 JSON claims + _ + 43 base64url (org)',
    names: { env: 'SENTRY_AUTH_TOKEN', section: 'Sentry', key: 'AuthToken' },
    variants: [
      (r) => tok('sntryu', `sntryu_${r.hex(64)}`),
      (r) => tok('sntrys', `sntrys_${Buffer.from(JSON.stringify({ iat: 1730000000 + r.int(3e7), url: 'https://sentry.io', region_url: 'https://de.sentry.io', org: r.word(5, 8) })).toString('base64')}_${r.chars(B64URL, 43)}`),
    ],
    prefix: 'sntryu_',
    command: (c, m) => `sentry-cli --auth-token ${m.S(c.value)} releases new "$(git rev-parse HEAD)"`,
  },
  {
    id: 'grafana',
    name: 'Grafana service-account / Cloud tokens',
    docs: 'https://grafana.com/docs/grafana/latest/administration/service-accounts/',
    format: 'glsa_ + 32 base62 + _ + 8 hex CRC32; Grafana Cloud glc_ + base64 JSON',
    names: { env: 'GRAFANA_SERVICE_ACCOUNT_TOKEN', section: 'Grafana', key: 'ServiceAccountToken' },
    variants: [
      (r) => tok('glsa', grafanaSat(r)),
      (r) => tok('glc', `glc_${Buffer.from(JSON.stringify({ o: r.digits(6), n: `stack-${r.digits(6)}-hm-write-${r.word(4, 6)}`, k: r.chars(BASE62, 24), m: { r: 'prod-eu-west-2' } })).toString('base64')}`, { names: { env: 'GRAFANA_CLOUD_TOKEN', key: 'CloudToken' } }),
    ],
    prefix: 'glsa_',
    wrongChecksum: (r) => grafanaSat(r, true),
    command: bearer('https://grafana.fabrikam.io/api/org'),
  },
  {
    id: 'linear',
    name: 'Linear API key',
    docs: 'https://developers.linear.app/docs/graphql/working-with-the-graphql-api#personal-api-keys',
    format: 'lin_api_ + 40 base62',
    names: { env: 'LINEAR_API_KEY', section: 'Linear', key: 'ApiKey' },
    variants: [(r) => tok('lin_api', `lin_api_${r.chars(BASE62, 40)}`)],
    prefix: 'lin_api_',
    command: (c, m) => `curl -sS -X POST https://api.linear.app/graphql -H "Content-Type: application/json" -H "Authorization: ${m.S(c.value)}" --data '{"query":"{ viewer { id } }"}'`,
  },
  {
    id: 'notion',
    name: 'Notion integration token',
    docs: 'https://developers.notion.com/docs/authorization',
    format: 'ntn_ + 11 digits + 35 base62 (current); secret_ + 43 base62 (legacy)',
    names: { env: 'NOTION_TOKEN', section: 'Notion', key: 'Token' },
    variants: [
      (r) => tok('ntn', `ntn_${r.digits(11)}${r.chars(BASE62, 35)}`),
      (r) => tok('secret_', `secret_${r.chars(BASE62, 43)}`),
    ],
    prefix: 'ntn_',
    command: (c, m) => `curl -sS https://api.notion.com/v1/users/me -H "Authorization: Bearer ${m.S(c.value)}" -H "Notion-Version: 2022-06-28"`,
  },
  {
    id: 'figma',
    name: 'Figma personal access token',
    docs: 'https://www.figma.com/developers/api#access-tokens',
    format: 'figd_ + 40 base64url',
    names: { env: 'FIGMA_TOKEN', section: 'Figma', key: 'Token' },
    variants: [(r) => tok('figd', `figd_${r.chars(B64URL, 40)}`)],
    prefix: 'figd_',
    command: header('X-Figma-Token', 'https://api.figma.com/v1/me'),
  },
  {
    id: 'vercel',
    name: 'Vercel access token',
    docs: 'https://vercel.com/changelog/new-token-formats-and-secret-scanning',
    format: 'vcp_ / vci_ / vca_ / vck_ + base62 (current); 24 base62 (legacy, found by name)',
    names: { env: 'VERCEL_TOKEN', section: 'Vercel', key: 'Token' },
    variants: [
      (r) => tok('vcp', `vcp_${r.chars(BASE62, 56)}`),
      (r) => tok('legacy-24', r.chars(BASE62, 24)),
    ],
    prefix: 'vcp_',
    command: (c, m) => `vercel deploy --prod --yes --token ${m.S(c.value)}`,
  },
  {
    id: 'netlify',
    name: 'Netlify personal access token',
    docs: 'https://docs.netlify.com/api/get-started/#authentication',
    format: 'nfp_ + 36 base62 (current); 43 base64url (legacy, found by name)',
    names: { env: 'NETLIFY_AUTH_TOKEN', section: 'Netlify', key: 'AuthToken' },
    variants: [
      (r) => tok('nfp', `nfp_${r.chars(BASE62, 36)}`),
      (r) => tok('legacy-43', r.chars(B64URL, 43)),
    ],
    prefix: 'nfp_',
    command: (c, m) => `netlify deploy --prod --dir=dist --auth ${m.S(c.value)}`,
  },
  {
    id: 'digitalocean',
    name: 'DigitalOcean token',
    docs: 'https://docs.digitalocean.com/reference/api/create-personal-access-token/',
    format: 'dop_v1_ / doo_v1_ / dor_v1_ + 64 hex',
    names: { env: 'DIGITALOCEAN_ACCESS_TOKEN', section: 'DigitalOcean', key: 'AccessToken' },
    variants: [
      (r) => tok('dop_v1', `dop_v1_${r.hex(64)}`),
      (r) => tok('doo_v1', `doo_v1_${r.hex(64)}`),
    ],
    prefix: 'dop_v1_',
    command: bearer('https://api.digitalocean.com/v2/account'),
  },
  {
    id: 'heroku',
    name: 'Heroku API key',
    docs: 'https://devcenter.heroku.com/articles/authentication',
    format: 'HRKU-AA + 58 base64url (current); a UUID (legacy, found by name)',
    names: { env: 'HEROKU_API_KEY', section: 'Heroku', key: 'ApiKey' },
    variants: [
      (r) => tok('HRKU', `HRKU-AA${r.chars(B64URL, 58)}`),
      (r) => tok('uuid', r.uuid()),
    ],
    prefix: 'HRKU-',
    command: (c, m) => `curl -sS https://api.heroku.com/apps -H "Accept: application/vnd.heroku+json; version=3" -H "Authorization: Bearer ${m.S(c.value)}"`,
  },
  {
    id: 'cloudflare',
    name: 'Cloudflare API token / global API key',
    docs: 'https://developers.cloudflare.com/fundamentals/api/get-started/create-token/',
    format: 'API token 40 chars of [A-Za-z0-9_-]; global API key 37 hex with the account e-mail',
    names: { env: 'CLOUDFLARE_API_TOKEN', section: 'Cloudflare', key: 'ApiToken' },
    variants: [
      (r) => tok('api-token', r.chars(B64URL, 40)),
      (r) => tok('global-key', r.hex(37), { names: { env: 'CLOUDFLARE_API_KEY', key: 'ApiKey' }, companions: [comp('CLOUDFLARE_EMAIL', 'Email', email(r))] }),
    ],
    command: (c, m) => c.variant === 'global-key'
      ? `curl -sS https://api.cloudflare.com/client/v4/zones -H "X-Auth-Email: ${c.companions![0].value}" -H "X-Auth-Key: ${m.S(c.value)}"`
      : `curl -sS https://api.cloudflare.com/client/v4/user/tokens/verify -H "Authorization: Bearer ${m.S(c.value)}"`,
  },
  {
    id: 'okta',
    name: 'Okta API token',
    docs: 'https://developer.okta.com/docs/guides/create-an-api-token/main/',
    format: '00 + 40 chars of [A-Za-z0-9_-], sent as "SSWS <token>"',
    names: { env: 'OKTA_API_TOKEN', section: 'Okta', key: 'ApiToken' },
    variants: [(r) => tok('ssws', `00${r.chars(B64URL, 40)}`, { companions: [comp('OKTA_ORG_URL', 'OrgUrl', `https://${r.word(5, 9)}.okta.com`)] })],
    command: (c, m) => `curl -sS -H "Authorization: SSWS ${m.S(c.value)}" ${c.companions![0].value}/api/v1/users/me`,
  },
  {
    id: 'auth0',
    name: 'Auth0 client secret',
    docs: 'https://auth0.com/docs/get-started/applications/application-settings',
    format: 'client secret 64 chars of [A-Za-z0-9_-], client id 32 base62, domain <tenant>.<region>.auth0.com',
    names: { env: 'AUTH0_CLIENT_SECRET', section: 'Auth0', key: 'ClientSecret' },
    variants: [
      (r) => tok('client-secret', r.chars(B64URL, 64), {
        companions: [comp('AUTH0_DOMAIN', 'Domain', `${r.word(5, 8)}.eu.auth0.com`), comp('AUTH0_CLIENT_ID', 'ClientId', r.chars(BASE62, 32))],
      }),
    ],
    command: (c, m) => `curl -sS --request POST --url https://${c.companions![0].value}/oauth/token --header 'content-type: application/json' --data '{"client_id":"${c.companions![1].value}","client_secret":"${m.S(c.value)}","audience":"https://api.fabrikam.io","grant_type":"client_credentials"}'`,
  },
  {
    id: 'dropbox',
    name: 'Dropbox access token',
    docs: 'https://developers.dropbox.com/oauth-guide',
    format: 'short-lived sl. + about 135 base64url; sl.u. in newer tokens',
    names: { env: 'DROPBOX_ACCESS_TOKEN', section: 'Dropbox', key: 'AccessToken' },
    variants: [
      (r) => tok('sl', `sl.B${r.chars(B64URL, 134)}`),
      (r) => tok('sl.u', `sl.u.AF${r.chars(B64URL, 150)}`),
    ],
    prefix: 'sl.',
    command: (c, m) => `curl -sS -X POST https://api.dropboxapi.com/2/users/get_current_account --header "Authorization: Bearer ${m.S(c.value)}"`,
  },
  {
    id: 'asana',
    name: 'Asana personal access token',
    docs: 'https://developers.asana.com/docs/personal-access-token',
    format: '1/<16 digits>:<32 hex> (v1); 2/<16 digits>/<16 digits>:<32 hex> (v2)',
    names: { env: 'ASANA_ACCESS_TOKEN', section: 'Asana', key: 'AccessToken' },
    variants: [
      (r) => tok('v1', `1/${r.digits(16)}:${r.hex(32)}`),
      (r) => tok('v2', `2/${r.digits(16)}/${r.digits(16)}:${r.hex(32)}`),
    ],
    command: bearer('https://app.asana.com/api/1.0/users/me'),
  },
  {
    id: 'airtable',
    name: 'Airtable personal access token',
    docs: 'https://airtable.com/developers/web/guides/personal-access-tokens',
    format: 'pat + 14 base62 + . + 64 hex',
    names: { env: 'AIRTABLE_API_KEY', section: 'Airtable', key: 'ApiKey' },
    variants: [(r) => tok('pat', `pat${r.chars(BASE62, 14)}.${r.hex(64)}`)],
    command: bearer('https://api.airtable.com/v0/meta/whoami'),
  },
  {
    id: 'hubspot',
    name: 'HubSpot private app access token',
    docs: 'https://developers.hubspot.com/docs/api/private-apps',
    format: 'pat-<region>- + UUID (pat-na1-..., pat-eu1-...)',
    names: { env: 'HUBSPOT_ACCESS_TOKEN', section: 'HubSpot', key: 'AccessToken' },
    variants: [
      (r) => tok('pat-na1', `pat-na1-${r.uuid()}`),
      (r) => tok('pat-eu1', `pat-eu1-${r.uuid()}`),
    ],
    prefix: 'pat-na1-',
    command: bearer('https://api.hubapi.com/crm/v3/objects/contacts?limit=1'),
  },
  {
    id: 'zendesk',
    name: 'Zendesk API token',
    docs: 'https://developer.zendesk.com/api-reference/introduction/security-and-auth/#api-token',
    format: '40 base62 chars used as <email>/token:<token> (found by name)',
    names: { env: 'ZENDESK_API_TOKEN', section: 'Zendesk', key: 'ApiToken' },
    variants: [(r) => tok('api-token', r.chars(BASE62, 40), { companions: [comp('ZENDESK_EMAIL', 'Email', email(r))] })],
    command: (c, m) => `curl -sS https://fabrikam.zendesk.com/api/v2/users/me.json -u ${c.companions![0].value}/token:${m.S(c.value)}`,
  },
  {
    id: 'twitch',
    name: 'Twitch client secret',
    docs: 'https://dev.twitch.tv/docs/authentication/register-app/',
    format: 'client id and client secret, 30 chars of [a-z0-9] each (found by name)',
    names: { env: 'TWITCH_CLIENT_SECRET', section: 'Twitch', key: 'ClientSecret' },
    variants: [(r) => tok('client-secret', r.chars(LOWER_ALNUM, 30), { companions: [comp('TWITCH_CLIENT_ID', 'ClientId', r.chars(LOWER_ALNUM, 30))] })],
    command: (c, m) => `curl -sS -X POST 'https://id.twitch.tv/oauth2/token' -d 'client_id=${c.companions![0].value}&client_secret=${m.S(c.value)}&grant_type=client_credentials'`,
  },
  {
    id: 'twitter',
    name: 'X (Twitter) bearer token / API secret',
    docs: 'https://developer.x.com/en/docs/authentication/oauth-2-0/bearer-tokens',
    format: 'app-only bearer token: 21+ A, then base62 with URL-encoded %2B/%3D (about 110 chars); API key secret 50 base62',
    names: { env: 'TWITTER_BEARER_TOKEN', section: 'Twitter', key: 'BearerToken' },
    variants: [
      (r) => tok('bearer', `${'A'.repeat(22)}${r.chars(BASE62, 18)}%2B${r.chars(BASE62, 24)}%3D${r.chars(BASE62, 50)}`),
      (r) => tok('api-secret', r.chars(BASE62, 50), { names: { env: 'TWITTER_API_SECRET', key: 'ApiSecret' }, companions: [comp('TWITTER_API_KEY', 'ApiKey', r.chars(BASE62, 25), true)] }),
    ],
    command: (c, m) => c.variant === 'api-secret'
      ? `twurl authorize --consumer-key ${m.P(c.companions![0])} --consumer-secret ${m.S(c.value)}`
      : `curl -sS https://api.x.com/2/tweets/search/recent?query=fabrikam -H "Authorization: Bearer ${m.S(c.value)}"`,
  },
  {
    id: 'facebook',
    name: 'Facebook (Meta) access token / app secret',
    docs: 'https://developers.facebook.com/docs/facebook-login/guides/access-tokens',
    format: 'access tokens EAA + about 180 base62; app secret 32 hex next to a 15-16 digit app id',
    names: { env: 'FACEBOOK_ACCESS_TOKEN', section: 'Facebook', key: 'AccessToken' },
    variants: [
      (r) => tok('EAA', `EAA${r.pick(['B', 'G', 'J', 'I'])}${r.chars(BASE62, 180)}`),
      (r) => tok('app-secret', r.hex(32), { names: { env: 'FACEBOOK_APP_SECRET', key: 'AppSecret' }, companions: [comp('FACEBOOK_APP_ID', 'AppId', r.digits(16), true)] }),
    ],
    prefix: 'EAAB',
    command: (c, m) => c.variant === 'app-secret'
      ? `curl -sS -G -d "access_token=${m.P(c.companions![0])}|${m.S(c.value)}" https://graph.facebook.com/v19.0/app`
      : `curl -sS -G -d "access_token=${m.S(c.value)}" https://graph.facebook.com/v19.0/me`,
  },
  // ---------------------------------------------------------------- Generic shapes
  {
    id: 'jwt',
    name: 'JSON Web Token (bearer)',
    docs: 'https://datatracker.ietf.org/doc/html/rfc7519',
    format: 'base64url(header).base64url(claims).base64url(signature), header starting eyJ',
    names: { env: 'API_ACCESS_TOKEN', section: 'OrdersApi', key: 'AccessToken' },
    variants: [
      (r) => tok('HS256', jwt(r, { issuer: `https://auth.${r.word(5, 8)}.io/`, audience: 'orders-api', subject: r.uuid(), iat: 1733000000 + r.int(3e7), lifetime: 31536000 })),
      (r) => tok('RS256', jwt(r, { alg: 'RS256', issuer: `https://login.microsoftonline.com/${r.uuid()}/v2.0`, audience: `api://${r.uuid()}`, subject: r.uuid(), iat: 1733000000 + r.int(3e7), lifetime: 3600 })),
    ],
    command: bearer('https://orders.fabrikam.io/api/v2/orders?status=open'),
    docNegatives: () => [
      // The sample token of jwt.io's debugger, reproduced in countless tutorials.
      { what: 'jwt-io-sample', value: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', syntax: 'markdown-env' },
    ],
  },
  {
    id: 'private-key-rsa',
    name: 'RSA private key (PKCS#1 PEM)',
    docs: 'https://datatracker.ietf.org/doc/html/rfc8017#appendix-A.1.2',
    format: '-----BEGIN RSA PRIVATE KEY----- base64 DER RSAPrivateKey -----END RSA PRIVATE KEY-----',
    names: { env: 'JWT_SIGNING_KEY', section: 'Jwt', key: 'SigningKey' },
    variants: [(r) => ({ kind: 'block', format: 'pem', variant: 'pkcs1', value: rsaPrivateKeyPem(r) })],
    keyFile: 'certs/signing.key',
  },
  {
    id: 'private-key-ec',
    name: 'EC private key (SEC1 PEM)',
    docs: 'https://datatracker.ietf.org/doc/html/rfc5915',
    format: '-----BEGIN EC PRIVATE KEY----- base64 DER ECPrivateKey -----END EC PRIVATE KEY-----',
    names: { env: 'APNS_PRIVATE_KEY', section: 'Apns', key: 'PrivateKey' },
    variants: [(r) => ({ kind: 'block', format: 'pem', variant: 'sec1-p256', value: ecPrivateKeyPem(r) })],
    keyFile: 'keys/apns.pem',
  },
  {
    id: 'private-key-openssh',
    name: 'OpenSSH private key',
    docs: 'https://github.com/openssh/openssh-portable/blob/master/PROTOCOL.key',
    format: '-----BEGIN OPENSSH PRIVATE KEY----- base64 of openssh-key-v1 (70-char lines) -----END OPENSSH PRIVATE KEY-----',
    names: { env: 'DEPLOY_SSH_KEY', section: 'Deploy', key: 'SshKey' },
    variants: [(r) => ({ kind: 'block', format: 'pem', variant: 'ed25519', value: opensshPrivateKeyPem(r, `deploy@${r.word(4, 7)}-agent`) })],
    keyFile: 'deploy/id_ed25519',
  },
  {
    id: 'private-key-pkcs8',
    name: 'PKCS#8 private key',
    docs: 'https://datatracker.ietf.org/doc/html/rfc5208',
    format: '-----BEGIN PRIVATE KEY----- base64 DER PrivateKeyInfo -----END PRIVATE KEY-----',
    names: { env: 'TLS_PRIVATE_KEY', section: 'Tls', key: 'PrivateKey' },
    variants: [(r) => ({ kind: 'block', format: 'pem', variant: 'pkcs8-rsa', value: pkcs8PrivateKeyPem(r) })],
    keyFile: 'nginx/tls.key',
  },
  {
    id: 'postgres-url',
    name: 'PostgreSQL connection URL',
    docs: 'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS',
    format: 'postgresql://user:password@host:port/db?params',
    names: { env: 'DATABASE_URL', section: 'Database', key: 'Url' },
    variants: [
      (r) => url('postgresql', `postgresql://${user(r)}:${urlPassword(r)}@${host(r, 'postgres.database.azure.com')}:5432/orders?sslmode=require`),
      (r) => url('postgres', `postgres://${user(r)}:${urlPassword(r)}@${host(r, 'eu-west-1.rds.amazonaws.com')}/billing`),
    ],
    command: (c, m) => `psql "${m.S(c.value)}" -c 'select count(*) from orders'`,
    docNegatives: () => [
      { what: 'placeholder-url', value: 'postgresql://<user>:<password>@<host>:5432/<database>', syntax: 'markdown-env' },
      { what: 'template-url', value: 'postgresql://${DB_USER}:${DB_PASSWORD}@db:5432/orders', syntax: 'yaml-compose' },
    ],
  },
  {
    id: 'mysql-url',
    name: 'MySQL connection URL / JDBC URL',
    docs: 'https://dev.mysql.com/doc/refman/8.4/en/connecting-using-uri-or-key-value-pairs.html',
    format: 'mysql://user:password@host:3306/db?options; jdbc:mysql://host/db?user=..&password=..',
    names: { env: 'MYSQL_URL', section: 'Mysql', key: 'Url' },
    variants: [
      (r) => url('mysql-options', `mysql://${user(r)}:${urlPassword(r)}@${host(r, 'mysql.database.azure.com')}:3306/shop?charset=utf8mb4&parseTime=true&tls=true`),
      (r) => url('jdbc', `jdbc:mysql://${host(r, 'corp.internal')}:3306/inventory?user=${user(r)}&password=${urlPassword(r)}&useSSL=true`),
    ],
    command: (c, m) => `mysqlsh --uri "${m.S(c.value)}" --sql -e 'show tables'`,
  },
  {
    id: 'mongodb-srv',
    name: 'MongoDB connection string (SRV)',
    docs: 'https://www.mongodb.com/docs/manual/reference/connection-string/',
    format: 'mongodb+srv://user:password@cluster.xxxxx.mongodb.net/db?retryWrites=true&w=majority',
    names: { env: 'MONGODB_URI', section: 'Mongo', key: 'ConnectionString' },
    variants: [
      (r) => url('srv', `mongodb+srv://${user(r)}:${urlPassword(r)}@cluster0.${r.chars(LOWER_ALNUM, 5)}.mongodb.net/catalog?retryWrites=true&w=majority&appName=Cluster0`),
      (r) => url('replica-set', `mongodb://${user(r)}:${urlPassword(r)}@mongo-0.${r.word(5, 8)}.internal:27017,mongo-1.${r.word(5, 8)}.internal:27017/events?replicaSet=rs0&authSource=admin`),
    ],
    command: (c, m) => `mongosh "${m.S(c.value)}" --eval 'db.runCommand({ ping: 1 })'`,
    docNegatives: () => [{ what: 'placeholder-url', value: 'mongodb+srv://<username>:<password>@cluster0.mongodb.net/?retryWrites=true&w=majority', syntax: 'markdown-env' }],
  },
  {
    id: 'redis-url',
    name: 'Redis connection URL',
    docs: 'https://www.iana.org/assignments/uri-schemes/prov/redis',
    format: 'redis[s]://[user]:password@host:port[/db]',
    names: { env: 'REDIS_URL', section: 'Redis', key: 'Url' },
    variants: [
      (r) => url('rediss-default', `rediss://default:${urlPassword(r)}@${host(r, 'redis.cache.windows.net')}:6380/0`),
      (r) => url('redis-no-user', `redis://:${urlPassword(r)}@${r.word(5, 8)}-cache.internal:6379/2`),
    ],
    command: (c, m) => `redis-cli -u ${m.S(c.value)} ping`,
  },
  {
    id: 'sqlserver-connection-string',
    name: 'SQL Server connection string',
    docs: 'https://learn.microsoft.com/dotnet/api/system.data.sqlclient.sqlconnection.connectionstring',
    format: 'Server=...;Database=...;User ID=...;Password=...; (keywords case-insensitive, spaces allowed)',
    names: { env: 'SQL_CONNECTION_STRING', section: 'ConnectionStrings', key: 'DefaultConnection' },
    variants: [
      (r) => url('azure-sql', `Server=tcp:${r.word(5, 8)}-sql.database.windows.net,1433;Initial Catalog=Orders;Persist Security Info=False;User ID=${user(r)};Password=${password(r)};MultipleActiveResultSets=False;Encrypt=True;TrustServerCertificate=False;Connection Timeout=30;`),
      (r) => url('odd-spacing', `Data Source = sql01.${r.word(5, 8)}.local ; Initial Catalog = Billing ; User Id = ${user(r)} ; Password = ${password(r)} ;`),
      (r) => url('uid-pwd', `Server=${r.word(5, 8)}db.corp.local;Database=Hr;Uid=${user(r)};Pwd=${password(r)};`),
    ],
    command: (c, m) => `dotnet ef database update --project src/Orders.Data --connection "${m.S(c.value)}"`,
  },
  {
    id: 'basic-auth-url',
    name: 'Credentials in a URL (http, https, ftp)',
    docs: 'https://datatracker.ietf.org/doc/html/rfc3986#section-3.2.1',
    format: 'scheme://user:password@host/path',
    names: { env: 'ARTIFACT_FEED_URL', section: 'Feed', key: 'Url' },
    variants: [
      (r) => url('https', `https://${user(r)}:${urlPassword(r)}@artifacts.${r.word(5, 8)}.io/repository/releases/`),
      (r) => url('ftp', `ftp://${user(r)}:${urlPassword(r)}@ftp.${r.word(5, 8)}.net/uploads/`, { names: { env: 'FTP_URL', section: 'Ftp', key: 'Url' } }),
      (r) => url('http', `http://${user(r)}:${urlPassword(r)}@${r.word(5, 8)}-proxy.corp.local:3128`, { names: { env: 'HTTP_PROXY', section: 'Proxy', key: 'Url' } }),
    ],
    command: (c, m) => `curl -fsSLO ${m.S(c.value)}build-tools-4.2.tgz`,
    docNegatives: () => [
      { what: 'placeholder-url', value: 'https://user:password@host/path', syntax: 'markdown-env' },
      { what: 'template-url', value: 'https://${FEED_USER}:${FEED_PASSWORD}@artifacts.fabrikam.io/repository/releases/', syntax: 'yaml-gha' },
    ],
  },
  {
    id: 'curl-basic-auth',
    name: 'curl -u / --user with a password',
    docs: 'https://curl.se/docs/manpage.html#-u',
    format: 'curl -u user:password | --user user:password | -H "Authorization: Basic base64(user:password)"',
    names: { env: 'DEPLOY_PASSWORD', section: 'Deploy', key: 'Password' },
    variants: [
      (r) => tok('-u', password(r), { companions: [comp('DEPLOY_USER', 'User', user(r))] }),
      (r) => tok('--user', password(r), { companions: [comp('DEPLOY_USER', 'User', user(r))] }),
      (r) => tok('basic-header', Buffer.from(`${user(r)}:${password(r)}`).toString('base64')),
    ],
    syntaxes: COMMAND_SYNTAXES,
    command: (c, m) => c.variant === 'basic-header'
      ? `curl -fsS -H "Authorization: Basic ${m.S(c.value)}" https://nexus.fabrikam.io/service/rest/v1/status`
      : `curl -fsS ${c.variant} '${c.companions![0].value}:${m.S(c.value)}' -T build/app.zip https://nexus.fabrikam.io/repository/drops/app.zip`,
  },
  {
    id: 'curl-auth-header',
    name: 'Opaque tokens in HTTP headers (Bearer, Token, Api-Token, apikey)',
    docs: 'https://datatracker.ietf.org/doc/html/rfc6750#section-2.1',
    format: '-H "Authorization: Bearer|Token <opaque>", -H "apikey: <opaque>", -H "Api-Token: <opaque>"',
    names: { env: 'PARTNER_API_TOKEN', section: 'Partner', key: 'ApiToken' },
    variants: [
      (r) => tok('Bearer', r.chars(B64URL, 40)),
      (r) => tok('Token', r.hex(40)),
      (r) => tok('apikey', r.chars(BASE62, 32)),
      (r) => tok('Api-Token', r.chars(BASE62, 36)),
    ],
    syntaxes: COMMAND_SYNTAXES,
    command: (c, m) => c.variant === 'Bearer' || c.variant === 'Token'
      ? `curl -sS -H "Authorization: ${c.variant} ${m.S(c.value)}" https://partner.fabrikam.io/v1/shipments`
      : `curl -sS -H "${c.variant}: ${m.S(c.value)}" https://partner.fabrikam.io/v1/shipments`,
  },
  {
    id: 'password-assignment',
    name: 'Passwords assigned in code and configuration',
    docs: 'https://cwe.mitre.org/data/definitions/798.html',
    format: 'a variable or key named like a password, assigned a literal',
    names: { env: 'DB_PASSWORD', section: 'Database', key: 'Password' },
    variants: [
      (r) => tok('db', password(r), { companions: [comp('DB_USER', 'User', user(r))] }),
      (r) => tok('smtp', password(r), { names: { env: 'SMTP_PASSWORD', section: 'Smtp', key: 'Password' }, companions: [comp('SMTP_USER', 'User', `alerts@${r.word(5, 8)}.io`)] }),
      (r) => tok('admin', password(r), { names: { env: 'ADMIN_PASSWORD', section: 'Admin', key: 'Password' } }),
      (r) => tok('keystore', password(r), { names: { env: 'KEYSTORE_PASS', section: 'Keystore', key: 'Pass' } }),
    ],
    command: (c, m) => `sshpass -p '${m.S(c.value)}' ssh -o StrictHostKeyChecking=no deploy@10.20.4.17 'sudo systemctl restart orders'`,
    registry: 'maven',
  },
  {
    id: 'generic-secret',
    name: 'High-entropy secrets with no provider (signing keys, in-house API keys)',
    docs: 'https://cwe.mitre.org/data/definitions/798.html',
    format: 'a secret-named variable assigned a random base64 / hex / base62 string',
    names: { env: 'WEBHOOK_SIGNING_SECRET', section: 'Webhooks', key: 'SigningSecret' },
    variants: [
      (r) => tok('base64-32', toBase64(r.bytes(32))),
      (r) => tok('hex-64', r.hex(64), { names: { env: 'SESSION_SECRET', section: 'Session', key: 'Secret' } }),
      (r) => tok('base62-40', r.chars(BASE62, 40), { names: { env: 'INTERNAL_API_KEY', section: 'InternalApi', key: 'ApiKey' } }),
      (r) => tok('b64-48', toBase64(r.bytes(48)), { names: { env: 'ENCRYPTION_KEY', section: 'Encryption', key: 'Key' } }),
    ],
    command: (c, m) => `curl -sS -X POST https://hooks.fabrikam.io/v1/replay -H "X-Signature-Secret: ${m.S(c.value)}"`,
  },
];

/** Public test values documented by the providers themselves, usable anywhere (general hard negatives). */
export function documentedPublicValues(): DocNegative[] {
  return [
    // Google's documented reCAPTCHA v2 test keys (always pass, documented for automated tests).
    { what: 'recaptcha-test-secret', value: '6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe', syntax: 'env', companions: [comp('RECAPTCHA_SITE_KEY', 'SiteKey', '6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI')] },
  ];
}
