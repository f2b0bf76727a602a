// RBAC rules: what Roles and ClusterRoles grant (wildcards, secrets, pods, exec, bind, escalate,
// impersonate, webhooks, CSR approval) and who bindings give cluster-admin or the default account.
import type { IacRule, Verdict } from '../../types';
import { isObject, joinPath } from '../../values';
import { grants, noGrant, rbacRules } from './checks';

const RBAC = 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/';
const ROLES = ['Role', 'ClusterRole'];
const BINDINGS = ['RoleBinding', 'ClusterRoleBinding'];

const role = (kind: 'Role' | 'ClusterRole', rules: string, name = 'app'): string =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${kind === 'Role' ? '  namespace: shop\n' : ''}rules:\n${rules}`;

const rule = (apiGroups: string, resources: string, verbs: string): string => `  - apiGroups: [${apiGroups}]\n    resources: [${resources}]\n    verbs: [${verbs}]\n`;

const readConfigMaps = rule('""', 'configmaps', 'get, list, watch');

export const rbacWildcard: IacRule = {
  id: 'IAC-K8S-RBAC-WILDCARD',
  title: 'Role grants wildcard verbs, resources or API groups',
  severity: 'high',
  description:
    'A * in verbs, resources (including */subresource) or apiGroups grants everything, including what the API adds later: such a role is broader than anyone reviewed. Every rule of the role is judged (Checkov reads only the first).',
  remediation: 'List the verbs, resources and API groups the subject needs explicitly.',
  helpUri: RBAC,
  checkov: 'CKV_K8S_49',
  cis: ['CIS Kubernetes 5.1.3'],
  cwe: ['CWE-269'],
  model: 'kubernetes',
  resourceTypes: ROLES,
  check: (r) => {
    const fails: Verdict[] = [];
    for (const g of rbacRules(r)) {
      const wild = (list: string[]) => list.find((x) => x.includes('*'));
      const field = wild(g.verbs) ? 'verbs' : wild(g.resources) ? 'resources' : wild(g.apiGroups) ? 'apiGroups' : undefined;
      if (field) fails.push({ outcome: 'fail', path: joinPath(g.path, field), value: wild(g[field]) ?? '*' });
    }
    return fails.length ? fails : { outcome: 'pass', path: 'rules' };
  },
  examples: {
    k8s: {
      fail: [role('ClusterRole', rule('"*"', '"*"', '"*"')), role('Role', rule('apps', 'deployments', '"*"')), role('Role', rule('""', '"*"', 'get')), role('Role', readConfigMaps + rule('apps', '"*/scale"', 'update'))],
      pass: [role('ClusterRole', readConfigMaps), role('Role', rule('apps', 'deployments', 'get, list, patch'))],
    },
    kustomize: {
      fail: [{ files: { 'kustomization.yaml': 'resources:\n  - role.yaml\npatches:\n  - target:\n      kind: Role\n    patch: |-\n      - op: replace\n        path: /rules/0/verbs\n        value: ["*"]\n', 'role.yaml': role('Role', readConfigMaps) } }],
      pass: [{ files: { 'kustomization.yaml': 'resources:\n  - role.yaml\n', 'role.yaml': role('Role', readConfigMaps) } }],
    },
  },
};

export const rbacReadSecrets: IacRule = {
  id: 'IAC-K8S-RBAC-READ-SECRETS',
  title: 'Role can read Secrets',
  severity: 'medium',
  description: 'get, list or watch on secrets returns their values: service account tokens and credentials of every workload in scope (list and watch return all of them).',
  remediation: 'Remove read access to secrets, or restrict it with resourceNames to the secrets the subject needs.',
  helpUri: RBAC,
  cis: ['CIS Kubernetes 5.1.2'],
  cwe: ['CWE-522'],
  model: 'kubernetes',
  resourceTypes: ROLES,
  check: (r) => {
    const fails = rbacRules(r)
      .filter((g) => grants(g, ['get', 'list', 'watch'], ['secrets'], ['']) && (!g.resourceNames.length || g.verbs.some((v) => v === 'list' || v === 'watch' || v === '*')))
      .map((g): Verdict => ({ outcome: 'fail', path: g.path }));
    return fails.length ? fails : { outcome: 'pass', path: 'rules' };
  },
  examples: {
    k8s: {
      fail: [role('ClusterRole', rule('""', 'secrets', 'get, list')), role('Role', rule('""', 'secrets', 'watch'))],
      pass: [role('ClusterRole', readConfigMaps), role('Role', `  - apiGroups: [""]\n    resources: [secrets]\n    resourceNames: [app-tls]\n    verbs: [get]\n`)],
    },
  },
};

export const rbacCreatePods: IacRule = {
  id: 'IAC-K8S-RBAC-CREATE-PODS',
  title: 'Role can create pods or workloads',
  severity: 'medium',
  description: 'Whoever creates a pod chooses its service account, volumes and image: it can mount any secret and act as any service account of the namespace.',
  remediation: 'Grant create on pods and workload controllers only to deployment identities, not to applications.',
  helpUri: RBAC,
  cis: ['CIS Kubernetes 5.1.4'],
  model: 'kubernetes',
  resourceTypes: ROLES,
  check: noGrant(['create'], ['pods', 'deployments', 'daemonsets', 'statefulsets', 'replicasets', 'jobs', 'cronjobs', 'replicationcontrollers']),
  examples: {
    k8s: {
      fail: [role('Role', rule('""', 'pods', 'create, delete')), role('ClusterRole', rule('apps', 'deployments', 'create'))],
      pass: [role('Role', rule('""', 'pods', 'get, list')), role('ClusterRole', readConfigMaps)],
    },
  },
};

export const rbacExec: IacRule = {
  id: 'IAC-K8S-RBAC-POD-EXEC',
  title: 'Role can exec or attach into pods, or proxy to nodes',
  severity: 'high',
  description: 'pods/exec and pods/attach run commands inside containers with their identity and secrets; nodes/proxy reaches the kubelet API of the node.',
  remediation: 'Remove create/get on pods/exec, pods/attach and nodes/proxy from roles that applications or broad groups hold.',
  helpUri: RBAC,
  model: 'kubernetes',
  resourceTypes: ROLES,
  check: noGrant(['create', 'get'], ['pods/exec', 'pods/attach', 'nodes/proxy']),
  examples: {
    k8s: {
      fail: [role('Role', rule('""', 'pods/exec', 'create')), role('ClusterRole', rule('""', 'nodes/proxy', 'get'))],
      pass: [role('Role', rule('""', 'pods/log', 'get')), role('ClusterRole', readConfigMaps)],
    },
  },
};

export const rbacBind: IacRule = {
  id: 'IAC-K8S-RBAC-BIND',
  title: 'Role can bind roles',
  severity: 'high',
  description:
    'The bind verb lets a subject create bindings to roles with more rights than it has itself: a path to cluster-admin. Kubernetes checks bind on the roles and clusterroles being bound, so those count as well as the rolebindings and clusterrolebindings Checkov looks at.',
  remediation: 'Remove the bind verb on roles and clusterroles.',
  helpUri: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#restrictions-on-role-binding-creation-or-update',
  checkov: 'CKV_K8S_157',
  cis: ['CIS Kubernetes 5.1.8'],
  cwe: ['CWE-269'],
  model: 'kubernetes',
  resourceTypes: ROLES,
  check: noGrant(['bind'], ['roles', 'clusterroles', 'rolebindings', 'clusterrolebindings'], ['rbac.authorization.k8s.io']),
  examples: {
    k8s: {
      fail: [role('ClusterRole', rule('rbac.authorization.k8s.io', 'clusterroles', 'bind')), role('Role', rule('rbac.authorization.k8s.io', 'roles', '"*"'))],
      pass: [role('ClusterRole', rule('rbac.authorization.k8s.io', 'roles', 'get, list')), role('Role', readConfigMaps)],
    },
  },
};

export const rbacEscalate: IacRule = {
  id: 'IAC-K8S-RBAC-ESCALATE',
  title: 'Role can escalate roles',
  severity: 'high',
  description: 'The escalate verb lets a subject write roles with rights it does not hold: it can grant itself anything.',
  remediation: 'Remove the escalate verb on roles and clusterroles.',
  helpUri: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#restrictions-on-role-creation-or-update',
  checkov: 'CKV_K8S_158',
  cis: ['CIS Kubernetes 5.1.8'],
  cwe: ['CWE-269'],
  model: 'kubernetes',
  resourceTypes: ROLES,
  check: noGrant(['escalate'], ['roles', 'clusterroles'], ['rbac.authorization.k8s.io']),
  examples: {
    k8s: {
      fail: [role('ClusterRole', rule('rbac.authorization.k8s.io', 'clusterroles', 'escalate, update')), role('Role', rule('"*"', 'roles', 'escalate'))],
      pass: [role('ClusterRole', rule('rbac.authorization.k8s.io', 'clusterroles', 'get')), role('Role', readConfigMaps)],
    },
  },
};

export const rbacImpersonate: IacRule = {
  id: 'IAC-K8S-RBAC-IMPERSONATE',
  title: 'Role can impersonate users, groups or service accounts',
  severity: 'high',
  description: 'impersonate lets a subject act as any user, group (system:masters included) or service account it may impersonate.',
  remediation: 'Remove the impersonate verb, or limit it with resourceNames to specific identities.',
  helpUri: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation',
  cis: ['CIS Kubernetes 5.1.8'],
  cwe: ['CWE-269'],
  model: 'kubernetes',
  resourceTypes: ROLES,
  check: noGrant(['impersonate'], ['users', 'groups', 'serviceaccounts', 'userextras', 'uids']),
  examples: {
    k8s: {
      fail: [role('ClusterRole', rule('""', 'users, groups', 'impersonate')), role('Role', rule('""', 'serviceaccounts', 'impersonate'))],
      pass: [role('ClusterRole', rule('""', 'serviceaccounts', 'get, list')), role('Role', readConfigMaps)],
    },
  },
};

export const rbacWebhooks: IacRule = {
  id: 'IAC-K8S-RBAC-ADMISSION-WEBHOOKS',
  title: 'ClusterRole controls admission webhook configurations',
  severity: 'high',
  description:
    'Whoever writes validating or mutating webhook configurations can intercept, change or block every object written to the cluster, secrets included; delete counts as well as create/update/patch (Checkov’s verbs), since removing a validating webhook switches its policy off.',
  remediation: 'Grant create/update/patch/delete on webhook configurations only to the controllers that own them.',
  helpUri: RBAC,
  checkov: 'CKV_K8S_155',
  model: 'kubernetes',
  resourceTypes: ['ClusterRole'],
  check: noGrant(['create', 'update', 'patch', 'delete'], ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations'], ['admissionregistration.k8s.io']),
  examples: {
    k8s: {
      fail: [role('ClusterRole', rule('admissionregistration.k8s.io', 'mutatingwebhookconfigurations', 'create, update, patch'))],
      pass: [role('ClusterRole', rule('admissionregistration.k8s.io', 'validatingwebhookconfigurations', 'get, list, watch'))],
    },
  },
};

export const rbacApproveCsr: IacRule = {
  id: 'IAC-K8S-RBAC-APPROVE-CSR',
  title: 'ClusterRole can approve certificate signing requests',
  severity: 'high',
  description: 'Approving CSRs (update on certificatesigningrequests/approval plus approve on a signer) lets a subject issue client certificates, for example for system:masters or a node.',
  remediation: 'Keep CSR approval to the controllers and administrators that need it.',
  helpUri: 'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization',
  checkov: 'CKV_K8S_156',
  model: 'kubernetes',
  resourceTypes: ['ClusterRole'],
  check: (r) => {
    const list = rbacRules(r);
    const approval = list.find((g) => grants(g, ['update', 'patch'], ['certificatesigningrequests/approval'], ['certificates.k8s.io']));
    const signer = list.find((g) => grants(g, ['approve'], ['signers'], ['certificates.k8s.io']));
    if (approval && signer) return [{ outcome: 'fail', path: approval.path }, { outcome: 'fail', path: signer.path }];
    return { outcome: 'pass', path: 'rules' };
  },
  examples: {
    k8s: {
      fail: [role('ClusterRole', rule('certificates.k8s.io', 'certificatesigningrequests/approval', 'update') + rule('certificates.k8s.io', 'signers', 'approve'))],
      pass: [role('ClusterRole', rule('certificates.k8s.io', 'certificatesigningrequests', 'get, list, create'))],
    },
  },
};

const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', roleRef: string, subjects: string): string =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: grant\n${kind === 'RoleBinding' ? '  namespace: shop\n' : ''}roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ${roleRef.split('/')[0]}\n  name: ${roleRef.split('/')[1]}\nsubjects:\n${subjects}`;

const sa = (name: string, ns = 'shop') => `  - kind: ServiceAccount\n    name: ${name}\n    namespace: ${ns}\n`;

function subjects(r: Parameters<IacRule['check']>[0]): { path: string; kind: string; name: string; namespace?: string }[] {
  const list = r.attributes.subjects;
  if (!Array.isArray(list)) return [];
  const out: { path: string; kind: string; name: string; namespace?: string }[] = [];
  list.forEach((s, i) => {
    if (!isObject(s)) return;
    out.push({ path: joinPath('subjects', i), kind: String(s.kind ?? ''), name: String(s.name ?? ''), ...(typeof s.namespace === 'string' ? { namespace: s.namespace } : {}) });
  });
  return out;
}

export const clusterAdminBinding: IacRule = {
  id: 'IAC-K8S-CLUSTER-ADMIN-BINDING',
  title: 'cluster-admin is bound to a user, group or service account',
  severity: 'high',
  description: 'cluster-admin can do anything in every namespace. Bound to an application’s service account or a broad group, one compromise owns the cluster.',
  remediation: 'Bind a role with the rights the subject needs instead of cluster-admin.',
  helpUri: RBAC,
  cis: ['CIS Kubernetes 5.1.1'],
  cwe: ['CWE-269'],
  model: 'kubernetes',
  resourceTypes: BINDINGS,
  check: (r) => {
    const ref = r.attributes.roleRef;
    if (!isObject(ref) || ref.kind !== 'ClusterRole' || ref.name !== 'cluster-admin') return { outcome: 'pass', path: 'roleRef.name', ...(isObject(ref) ? { value: ref.name } : {}) };
    const fails = subjects(r)
      .filter((s) => !s.name.startsWith('system:'))
      .map((s): Verdict => ({ outcome: 'fail', path: `${s.path}.name`, value: s.name }));
    return fails.length ? fails : { outcome: 'pass', path: 'subjects' };
  },
  examples: {
    k8s: {
      fail: [binding('ClusterRoleBinding', 'ClusterRole/cluster-admin', sa('ci-deployer')), binding('RoleBinding', 'ClusterRole/cluster-admin', '  - kind: Group\n    name: developers\n    apiGroup: rbac.authorization.k8s.io\n')],
      pass: [binding('ClusterRoleBinding', 'ClusterRole/view', sa('ci-deployer')), binding('ClusterRoleBinding', 'ClusterRole/cluster-admin', '  - kind: Group\n    name: system:masters\n    apiGroup: rbac.authorization.k8s.io\n')],
    },
  },
};

export const defaultServiceAccountBinding: IacRule = {
  id: 'IAC-K8S-DEFAULT-SERVICE-ACCOUNT-BOUND',
  title: 'A role is bound to a default service account',
  severity: 'medium',
  description: 'Every pod of a namespace that names no service account runs as its default one: a role bound to it is granted to all of them.',
  remediation: 'Create a service account for the workload that needs the role and bind that one.',
  helpUri: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
  checkov: 'CKV_K8S_42',
  cis: ['CIS Kubernetes 5.1.5'],
  model: 'kubernetes',
  resourceTypes: BINDINGS,
  check: (r) => {
    const fails = subjects(r)
      .filter((s) => (s.kind === 'ServiceAccount' && s.name === 'default') || (s.kind === 'User' && /^system:serviceaccount:[^:]+:default$/.test(s.name)))
      .map((s): Verdict => ({ outcome: 'fail', path: `${s.path}.name`, value: s.name }));
    return fails.length ? fails : { outcome: 'pass', path: 'subjects' };
  },
  examples: {
    k8s: {
      fail: [binding('RoleBinding', 'Role/app', sa('default')), binding('ClusterRoleBinding', 'ClusterRole/view', '  - kind: User\n    name: system:serviceaccount:shop:default\n    apiGroup: rbac.authorization.k8s.io\n')],
      pass: [binding('RoleBinding', 'Role/app', sa('web')), binding('ClusterRoleBinding', 'ClusterRole/view', sa('monitoring', 'observability'))],
    },
  },
};

export const rbacRulesList: readonly IacRule[] = [
  rbacWildcard,
  rbacReadSecrets,
  rbacCreatePods,
  rbacExec,
  rbacBind,
  rbacEscalate,
  rbacImpersonate,
  rbacWebhooks,
  rbacApproveCsr,
  clusterAdminBinding,
  defaultServiceAccountBinding,
];
