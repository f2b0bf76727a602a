// Google Cloud / Firebase: API keys, service-account key files, OAuth client secrets.
import { BASE64URL, randomBase64, randomToken, lazyExamples } from '../examples';
import type { SecretRule } from '../rule';
import { revokeAt, tokenRule } from './helpers';

const SA_REMEDIATION = 'Delete the service-account key (IAM & Admin > Service accounts > Keys, or `gcloud iam service-accounts keys delete`), review its use in Cloud Audit Logs, and prefer workload identity federation over key files.';

function serviceAccountJson(seed: string): string {
  const body = randomBase64(seed, 900).replace(/(.{64})/g, '$1\\n');
  return `{\n  "type": "service_account",\n  "project_id": "contoso-prod",\n  "private_key_id": "${randomToken(seed + 'id', '0123456789abcdef', 40)}",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n${body}\\n-----END PRIVATE KEY-----\\n",\n  "client_email": "deployer@contoso-prod.iam.gserviceaccount.com",\n  "client_id": "104938475629384756281",\n  "token_uri": "https://oauth2.googleapis.com/token"\n}\n`;
}

const SA_PATTERN = /"type"\s{0,4}:\s{0,4}"service_account"[\s\S]{0,4000}?"private_key"\s{0,4}:\s{0,4}"(?<secret>-----BEGIN (?:RSA )?PRIVATE KEY-----[A-Za-z0-9+/=\\\s]{64,8192}-----END (?:RSA )?PRIVATE KEY-----)/g;

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
    keywords: ['service_account'],
    pattern: SA_PATTERN,
    window: 'block',
    priority: 2,
    describe: ({ window }) => {
      const m = /"project_id"\s{0,4}:\s{0,4}"([a-z0-9-]{4,40})"/.exec(window);
      return m ? `for project '${m[1]}'` : undefined;
    },
    examples: lazyExamples(() => ({
      mustFlag: [serviceAccountJson('gcp-sa'), serviceAccountJson('gcp-sa2').replace(/\n\s*/g, '')],
      mustNotFlag: [
        `{\n  "type": "service_account",\n  "project_id": "contoso-prod",\n  "private_key": "<private key>",\n  "client_email": "deployer@contoso-prod.iam.gserviceaccount.com"\n}\n`,
        `{\n  "type": "authorized_user",\n  "client_id": "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com"\n}\n`,
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
