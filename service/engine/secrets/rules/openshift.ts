// OpenShift: OAuth user tokens (sha256~ + 43 characters).
import { BASE64URL, inSyntax, randomToken } from '../examples';
import type { SecretRule } from '../rule';
import { tokenRule } from './helpers';

const sample = 'sha256~' + randomToken('openshift', BASE64URL, 43);

export const rules: SecretRule[] = [
  {
    ...tokenRule({
      id: 'SEC-OPENSHIFT-USER-TOKEN', title: 'OpenShift user token',
      description: 'An OpenShift OAuth access token authenticates to the cluster API as its user (often a cluster administrator) until it expires or is deleted.',
      prefixes: ['sha256~'], body: '[A-Za-z0-9_-]{43}', boundary: '[A-Za-z0-9_-]', minEntropy: 3.5, key: 'OPENSHIFT_TOKEN', sample,
      remediation: 'Delete the token on the cluster (oc delete useroauthaccesstoken <sha256~name>, or oc logout in the session that owns it) and log in again for a new one; prefer service account tokens scoped to the pipeline.',
      helpUri: 'https://docs.openshift.com/container-platform/latest/authentication/managing-oauth-access-tokens.html',
      extraFlag: [
        `oc login --token=${sample} --server=https://api.cluster.contoso.com:6443\n`,
        `users:\n- name: admin/api-cluster\n  user:\n    token: ${sample}\n`,
      ],
      extraNotFlag: [
        'oc login --token=sha256~<token> --server=https://api.cluster.contoso.com:6443\n',
        inSyntax('env', 'OPENSHIFT_TOKEN', sample.slice(0, 30)),
        'integrity: sha256-' + randomToken('openshift-sri', BASE64URL, 43) + '\n',
      ],
    }),
    references: [{ type: 'gitleaks', id: 'openshift-user-token' }],
  },
];
