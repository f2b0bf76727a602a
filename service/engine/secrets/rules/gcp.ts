// Google Cloud / Firebase: API keys, service-account key files, OAuth client secrets.
import { BASE64URL, randomBase64, randomToken, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const SA_REMEDIATION = 'Delete the service-account key (IAM & Admin > Service accounts > Keys, or `gcloud iam service-accounts keys delete`), review its use in Cloud Audit Logs, and prefer workload identity federation over key files.';

const PEM_BODY = (seed: string): string => randomBase64(seed, 1190).replace(/(.{64})/g, '$1\n');

/** A service-account key file as `gcloud iam service-accounts keys create` writes it; `nl` is how a newline inside the key is written. */
function serviceAccountJson(seed: string, nl = '\\n'): string {
  const key = `-----BEGIN PRIVATE KEY-----\n${PEM_BODY(seed)}\n-----END PRIVATE KEY-----\n`.replace(/\n/g, nl);
  return `{\n  "type": "service_account",\n  "project_id": "contoso-prod",\n  "private_key_id": "${randomToken(seed + 'id', '0123456789abcdef', 40)}",\n  "private_key": "${key}",\n  "client_email": "deployer@contoso-prod.iam.gserviceaccount.com",\n  "client_id": "104938475629384756281",\n  "auth_uri": "https://accounts.google.com/o/oauth2/auth",\n  "token_uri": "https://oauth2.googleapis.com/token",\n  "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",\n  "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/deployer%40contoso-prod.iam.gserviceaccount.com",\n  "universe_domain": "googleapis.com"\n}\n`;
}

/** A name or string in JSON, Python or YAML, its quotes possibly escaped (JSON inside a string). */
const Q = '(?:\\\\{0,3}["\'])?';
const TYPE = new RegExp(`${Q}type${Q}\\s{0,4}[:=]\\s{0,4}${Q}service_account\\b`);
/**
 * The private_key field wherever it sits in the file (Google writes it after type, tools that sort
 * keys put it before): a quoted string with escaped newlines, or a YAML block scalar.
 */
const SA_PATTERN = new RegExp(
  `(?<![A-Za-z0-9_])${Q}private_key${Q}[ \\t]{0,4}[:=][ \\t]{0,4}(?:[|>][-+]?[ \\t]*\\r?\\n[ \\t]{0,16})?${Q}` +
  '(?<secret>-----BEGIN (?:RSA )?PRIVATE KEY-----[A-Za-z0-9+/=\\\\\\s]{64,8192}?-----END (?:RSA )?PRIVATE KEY-----)',
  'g',
);

/** At least 64 base64 characters once escapes and whitespace are removed. */
function hasKeyMaterial(pem: string): boolean {
  const body = pem.replace(/^-----BEGIN[^-]*-----|-----END[^-]*-----$/g, '').replace(/\\+[nr]/g, '').replace(/[\s\\]/g, '');
  return body.length >= 64 && new Set(body).size > 20;
}

export const rules: SecretRule[] = [
  tokenRule({
    id: 'SEC-GCP-API-KEY', title: 'Google API key', severity: 'high',
    prefixes: ['AIza'], body: '[0-9A-Za-z_-]{35}', key: 'GOOGLE_API_KEY',
    remediation: revokeAt('the Google Cloud console', 'APIs & Services > Credentials: regenerate or delete the key') + ' Restrict keys by API and by referrer/IP.',
    helpUri: 'https://cloud.google.com/docs/authentication/api-keys',
    sample: 'AIza' + randomToken('gcp-api', BASE64URL, 35),
  }),
  {
    id: 'SEC-GCP-SERVICE-ACCOUNT-KEY',
    title: 'Google Cloud service account key file',
    description: 'A service-account JSON key: it authenticates as the service account with all its IAM roles, and does not expire by default.',
    severity: 'critical',
    confidence: 'high',
    remediation: SA_REMEDIATION,
    helpUri: 'https://cloud.google.com/iam/docs/keys-create-delete',
    // From either field (their order varies: Google writes type first, tools that sort keys do not).
    keywords: ['service_account', 'private_key'],
    pattern: SA_PATTERN,
    window: 'block',
    priority: 2,
    validate: ({ secret, window }) => TYPE.test(window) && hasKeyMaterial(secret),
    describe: ({ window }) => {
      const m = /project_id\\{0,3}["']?\s{0,4}[:=]\s{0,4}\\{0,3}["']?([a-z][a-z0-9-]{4,40})/.exec(window);
      return m ? `for project '${m[1]}'` : undefined;
    },
    examples: lazyExamples(() => ({
      mustFlag: [
        serviceAccountJson('gcp-sa'),
        // Minified, and with the keys sorted (private_key before type).
        serviceAccountJson('gcp-sa2').replace(/\n\s*/g, ''),
        `{"client_email": "ci@contoso-prod.iam.gserviceaccount.com", "private_key": "-----BEGIN PRIVATE KEY-----\\n${PEM_BODY('gcp-sa3').replace(/\n/g, '\\n')}\\n-----END PRIVATE KEY-----\\n", "project_id": "contoso-prod", "type": "service_account"}\n`,
        // Inline in a Kubernetes Secret (stringData) and in a YAML block scalar.
        `apiVersion: v1\nkind: Secret\nmetadata:\n  name: gcp-sa\nstringData:\n  key.json: |\n${serviceAccountJson('gcp-sa4').split('\n').map((l) => '    ' + l).join('\n')}\n`,
        // JSON inside a JSON string (escaped quotes, doubly escaped newlines).
        `{"GOOGLE_CREDENTIALS": ${JSON.stringify(serviceAccountJson('gcp-sa5'))}}\n`,
        // Real newlines inside the key (a tool re-wrote the escapes).
        serviceAccountJson('gcp-sa6', '\n'),
        `type: service_account\nproject_id: contoso-prod\nprivate_key: |\n  -----BEGIN PRIVATE KEY-----\n${PEM_BODY('gcp-sa7').split('\n').map((l) => '  ' + l).join('\n')}\n  -----END PRIVATE KEY-----\nclient_email: ci@contoso-prod.iam.gserviceaccount.com\n`,
      ],
      mustNotFlag: [
        `{\n  "type": "service_account",\n  "project_id": "contoso-prod",\n  "private_key": "<private key>",\n  "client_email": "deployer@contoso-prod.iam.gserviceaccount.com"\n}\n`,
        `{\n  "type": "authorized_user",\n  "client_id": "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com"\n}\n`,
        `{\n  "type": "service_account",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC...\\n-----END PRIVATE KEY-----\\n"\n}\n`,
      ],
    })),
  },
  tokenRule({
    id: 'SEC-GCP-OAUTH-CLIENT-SECRET', title: 'Google OAuth client secret', severity: 'high',
    prefixes: ['GOCSPX-'], body: '[A-Za-z0-9_-]{28}', key: 'GOOGLE_CLIENT_SECRET',
    remediation: revokeAt('the Google Cloud console', 'APIs & Services > Credentials > OAuth client: reset secret'),
    helpUri: 'https://support.google.com/cloud/answer/6158849',
    sample: 'GOCSPX-' + randomToken('gcp-oauth', BASE64URL, 28),
  }),
  tokenRule({
    id: 'SEC-GCP-OAUTH-REFRESH-TOKEN', title: 'Google OAuth refresh token', severity: 'high', confidence: 'medium',
    prefixes: ['1//0'], body: '[A-Za-z0-9_-]{60,200}', key: 'GOOGLE_REFRESH_TOKEN',
    remediation: 'Revoke the grant (myaccount.google.com > Security > Third-party access, or the OAuth revoke endpoint) and re-authorise.',
    sample: '1//0' + randomToken('gcp-refresh', BASE64URL, 99),
  }),
  tokenRule({
    id: 'SEC-GCP-OAUTH-ACCESS-TOKEN', title: 'Google OAuth access token', severity: 'medium', confidence: 'medium',
    prefixes: ['ya29.'], body: '[A-Za-z0-9_-]{50,400}', key: 'GOOGLE_ACCESS_TOKEN',
    remediation: 'Revoke the token through the OAuth revoke endpoint; it expires within an hour, but the refresh token that minted it may also be exposed.',
    sample: 'ya29.' + randomToken('gcp-access', BASE64URL, 160),
  }),
  tokenRule({
    id: 'SEC-FIREBASE-CLOUD-MESSAGING-KEY', title: 'Firebase Cloud Messaging server key', severity: 'high',
    prefixes: ['AAAA'], body: '[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}', key: 'FCM_SERVER_KEY',
    remediation: revokeAt('the Firebase console', 'Project settings > Cloud Messaging') + ' Migrate to the HTTP v1 API with service-account OAuth.',
    sample: 'AAAA' + randomToken('fcm1', BASE64URL, 7) + ':APA91b' + randomToken('fcm2', BASE64URL, 134),
    boundary: '[A-Za-z0-9_-]',
  }),
];
