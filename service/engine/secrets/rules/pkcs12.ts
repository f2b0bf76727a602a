// PKCS#12 keystores (.p12 / .pfx): the committed file itself, and keystores pasted as base64 into
// configuration (Kubernetes secrets, pipeline variables, app settings).
import { BASE64, inSyntax, inSyntaxes, lazyExamples, notSecrets, randomToken } from '../examples';
import type { RawHit, SecretRule } from '../rule';

const REMEDIATION = 'Treat the certificate\'s private key as compromised: revoke the certificate, issue a new one with a new key, and keep the keystore in a key vault (Azure Key Vault certificates, secure files in pipelines) instead of the repository.';

/** The path of a PKCS#12 keystore file. */
const PKCS12_PATH = /(?:^|\/)[^/]+\.(?:p12|pfx)$/i;

/**
 * The first bytes of the file as the finding's value: the file is the secret. This finds text
 * (base64) keystores; binary ones are found by the scanner itself (binaryFile). Empty files and
 * placeholders are not keystores.
 */
export function findPkcs12File(window: string): RawHit[] {
  const first = /\S[^\r\n]{0,79}/.exec(window);
  if (!first || window.trim().length < 64) return [];
  return [{ index: first.index, value: first[0], detail: 'a committed PKCS#12 keystore' }];
}

/** A binary (DER) keystore as committed: SEQUENCE, version 3, pkcs7-data, then random bytes (NUL included). */
const derKeystore = (seed: string): string =>
  '\x30\x82\x0a\x00\x02\x01\x03\x30\x82\x09\xc6\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x01\xa0\x82\x09\xb7\x04\x82\x09\xb3' +
  Buffer.from(randomToken(seed, BASE64, 600), 'base64').toString('latin1');

// PFX = SEQUENCE { version 3, authSafe ContentInfo (pkcs7-data) … }: in base64, MII…IBAzCC…CSqGSIb3DQEHAaCC.
const base64Keystore = (seed: string): string =>
  'MIIJ' + randomToken(seed, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1) + 'wIBAzCCCY' + randomToken(seed + 'a', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1) + 'GCSqGSIb3DQEHAaCCCXYEgglyMIIJbjCC' + randomToken(seed + 'b', BASE64, 1200);

export const rules: SecretRule[] = [
  {
    id: 'SEC-PKCS12-FILE',
    title: 'PKCS#12 keystore file (.p12 / .pfx)',
    description: 'A .p12 / .pfx keystore committed to the repository: it holds a certificate\'s private key, protected at most by a password that is often weak or stored next to it.',
    severity: 'high',
    confidence: 'medium',
    remediation: REMEDIATION,
    helpUri: 'https://learn.microsoft.com/azure/key-vault/certificates/about-certificates',
    references: [{ type: 'gitleaks', id: 'pkcs12-file' }],
    keywords: [],
    find: findPkcs12File,
    paths: PKCS12_PATH,
    binaryFile: true,
    // The file is the finding: ahead of the base64 rule on the same text.
    priority: 2,
    examplePath: 'deploy/certs/signing.pfx',
    examples: lazyExamples(() => ({
      mustFlag: [base64Keystore('pfx-file'), base64Keystore('pfx-file2').replace(/(.{64})/g, '$1\n'), derKeystore('pfx-der')],
      mustNotFlag: ['', '# placeholder: the build downloads the real keystore\n', derKeystore('pfx-der-short').slice(0, 40)],
    })),
  },
  {
    id: 'SEC-PKCS12-BASE64',
    title: 'PKCS#12 keystore (base64-encoded)',
    description: 'A PKCS#12 (.p12 / .pfx) keystore pasted as base64: it holds a certificate\'s private key, protected at most by a password that is often stored next to it.',
    severity: 'high',
    confidence: 'high',
    remediation: REMEDIATION,
    keywords: ['csqgsib3dqehaacc'],
    pattern: /(?<![A-Za-z0-9+/])(?<secret>MII[A-Za-z0-9+/]{3}IBAzCC[A-Za-z0-9+/]{4}CSqGSIb3DQEHAaCC[A-Za-z0-9+/]{64,8192}={0,2})/g,
    window: 'token',
    priority: 1,
    examples: lazyExamples(() => ({
      mustFlag: [
        ...inSyntaxes('CERTIFICATE_PFX_BASE64', base64Keystore('pfx-b64'), ['json', 'yaml', 'env', 'xml', 'pipeline', 'code']),
        `apiVersion: v1\nkind: Secret\nmetadata:\n  name: signing-cert\ntype: Opaque\ndata:\n  keystore.p12: ${base64Keystore('pfx-k8s')}\n`,
      ],
      mustNotFlag: [
        ...notSecrets('CERTIFICATE_PFX_BASE64', base64Keystore('pfx-b64')),
        inSyntax('yaml', 'CERTIFICATE_PFX_BASE64', base64Keystore('pfx-trunc').slice(0, 40)),
        // A certificate alone (no PFX wrapper) is public.
        inSyntax('yaml', 'certificate', 'MIIDazCCAlOgAwIBAgIUJ' + randomToken('cert', BASE64, 400)),
      ],
    })),
  },
];
