// Kubernetes: Secret manifests with literal data, and kubeconfig files with embedded credentials.
import { randomBase64, randomToken, BASE62, inSyntax, lazyExamples } from '../examples';
import { isKnownExample, isPlaceholder, isTemplateReference } from '../allowlist';
import { shannonEntropy } from '../entropy';
import type { RawHit, SecretRule } from '../rule';

const REMEDIATION = 'Rotate the values the Secret holds, delete the manifest from the repository, and deliver secrets through Key Vault (Secrets Store CSI driver), External Secrets, Sealed Secrets or SOPS instead of plain manifests.';

const ENTRY = /^(?<indent>[ \t]{1,16})(?<key>[A-Za-z0-9_.-]{1,253}):[ \t]{0,8}(?<value>[^\n#]*)$/gm;

/** Literal values under data: / stringData: of a `kind: Secret` YAML document. */
export function findSecretManifestValues(doc: string): RawHit[] {
  if (!/^kind:[ \t]{0,8}["']?Secret["']?[ \t]*$/m.test(doc)) return [];
  const hits: RawHit[] = [];
  const section = /^(?<field>data|stringData):[ \t]*$/gm;
  let s: RegExpExecArray | null;
  while ((s = section.exec(doc)) !== null) {
    const encoded = s.groups?.field === 'data';
    const bodyStart = s.index + s[0].length + 1;
    // The section ends at the next line that is not indented.
    const next = /^\S/m.exec(doc.slice(bodyStart));
    const body = doc.slice(bodyStart, next ? bodyStart + next.index : undefined);
    ENTRY.lastIndex = 0;
    let m: RegExpExecArray | null;
    let guard = 0;
    while ((m = ENTRY.exec(body)) !== null && guard++ < 256) {
      let raw = (m.groups?.value ?? '').trim();
      const quoted = /^(["']).*\1$/.exec(raw);
      if (quoted) raw = raw.slice(1, -1);
      if (raw.length < 4 || raw === '|' || raw === '>' || isTemplateReference(raw)) continue;
      let value = raw;
      if (encoded) {
        if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw)) continue;
        value = Buffer.from(raw, 'base64').toString('latin1');
        if (!/^[\x20-\x7e\t\r\n]+$/.test(value)) value = raw; // binary data (certificates): keep the encoded form
      }
      if (value.length < 6 || isTemplateReference(value) || isKnownExample(value) || isPlaceholder(value, true)) continue;
      if (shannonEntropy(value) < 2.5) continue;
      const index = bodyStart + m.index + m[0].lastIndexOf(raw);
      hits.push({ index, value, detail: `in key '${m.groups?.key}'` });
    }
  }
  return hits;
}

const dbPassword = 'Kq8' + randomToken('k8s-secret', BASE62, 17);
const manifest = (data: string): string => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders-db\n  namespace: prod\ntype: Opaque\n${data}`;

const kubeconfig = `apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://aks-prod.hcp.westeurope.azmk8s.io:443\n  name: aks-prod\nusers:\n- name: clusterAdmin\n  user:\n    client-certificate-data: ${randomBase64('kc-cert', 900)}\n    client-key-data: ${Buffer.from(`-----BEGIN RSA PRIVATE KEY-----\n${randomBase64('kc-key', 600)}\n-----END RSA PRIVATE KEY-----\n`).toString('base64')}\n`;

export const rules: SecretRule[] = [
  {
    id: 'SEC-KUBERNETES-SECRET-MANIFEST',
    title: 'Kubernetes Secret manifest with literal values',
    description: 'A `kind: Secret` manifest whose data/stringData hold real values. Base64 in `data:` is an encoding, not encryption.',
    severity: 'high',
    confidence: 'medium',
    remediation: REMEDIATION,
    helpUri: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    keywords: ['kind: secret', 'kind: "secret"', "kind: 'secret'"],
    find: findSecretManifestValues,
    window: 'document',
    examples: lazyExamples(() => ({
      mustFlag: [
        manifest(`data:\n  username: ${Buffer.from('orders_app').toString('base64')}\n  password: ${Buffer.from(dbPassword).toString('base64')}\n`),
        manifest(`stringData:\n  password: "${dbPassword}"\n`),
        `apiVersion: v1\ndata:\n  api-key: ${Buffer.from(dbPassword + 'x9').toString('base64')}\nkind: Secret\nmetadata:\n  name: api\n`,
      ],
      mustNotFlag: [
        manifest(`stringData:\n  password: {{ .Values.db.password }}\n`),
        manifest(`data:\n  password: ${Buffer.from('changeme').toString('base64')}\n`),
        manifest(`data: {}\n`),
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  password_policy: ${dbPassword}\n`,
        manifest(`stringData:\n  password: \${DB_PASSWORD}\n`),
      ],
    })),
  },
  {
    id: 'SEC-KUBECONFIG-CLIENT-KEY',
    title: 'Kubernetes client private key in a kubeconfig',
    description: 'A kubeconfig with client-key-data: the private key of a client certificate, often cluster-admin (AKS --admin credentials).',
    severity: 'critical',
    confidence: 'high',
    remediation: 'Rotate the cluster certificates or the user\'s credentials (for AKS: `az aks rotate-certs`, or disable local accounts and use Entra ID), and never commit kubeconfig files.',
    helpUri: 'https://learn.microsoft.com/azure/aks/certificate-rotation',
    keywords: ['client-key-data'],
    pattern: /client-key-data:[ \t]{0,8}["']?(?<secret>[A-Za-z0-9+/]{100,16384}={0,2})/g,
    window: 'line',
    priority: 2,
    examples: lazyExamples(() => ({
      mustFlag: [kubeconfig],
      mustNotFlag: [kubeconfig.replace(/client-key-data: .*/, 'client-key-data: REDACTED'), inSyntax('yaml', 'client-key-data', '${CLIENT_KEY}')],
    })),
  },
  {
    id: 'SEC-KUBECONFIG-TOKEN',
    title: 'Kubernetes bearer token in a kubeconfig',
    description: 'A kubeconfig user entry with a static bearer token (service-account token or static token file entry).',
    severity: 'critical',
    confidence: 'medium',
    remediation: 'Delete the service-account token Secret (or rotate the static token), and use short-lived tokens (kubectl create token, workload identity) instead.',
    keywords: ['kind: config'],
    pattern: /^[ \t]{2,12}token:[ \t]{0,8}["']?(?<secret>[A-Za-z0-9._~+/=-]{20,4096})["']?[ \t]*$/gm,
    window: 'document',
    examples: lazyExamples(() => ({
      mustFlag: [`apiVersion: v1\nkind: Config\nusers:\n- name: deployer\n  user:\n    token: ${randomToken('kc-token', BASE62, 64)}\n`],
      mustNotFlag: [`apiVersion: v1\nkind: Config\nusers:\n- name: deployer\n  user:\n    exec:\n      command: kubelogin\n`, `kind: Config\nusers:\n- name: x\n  user:\n    token: \${K8S_TOKEN}\n`],
    })),
  },
];
