// kube-apiserver flags in static pod manifests (kubeadm's /etc/kubernetes/manifests, self-managed
// control planes): one verdict per API server container.
import type { ContainerAt } from '../../kubernetes/pod';
import type { IacRule, Verdict } from '../../types';
import { isUnknown, joinPath } from '../../values';
import { eachContainer, strings, WORKLOAD_KINDS } from './checks';

const HELP = 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/';

interface Flag {
  value: string | undefined;
  path: string;
}

/** The container's --flags (command and args) when it runs kube-apiserver; undefined for other containers. */
function apiServerFlags(c: ContainerAt): Map<string, Flag> | undefined {
  const command = strings(c.container.command);
  const args = strings(c.container.args);
  const runs = [...command, ...args.slice(0, 1)].some((x) => x === 'kube-apiserver' || x.endsWith('/kube-apiserver'));
  if (!runs) return undefined;
  const flags = new Map<string, Flag>();
  const read = (list: string[], key: 'command' | 'args') =>
    list.forEach((x, i) => {
      if (!x.startsWith('--')) return;
      const eq = x.indexOf('=');
      flags.set(eq === -1 ? x : x.slice(0, eq), { value: eq === -1 ? undefined : x.slice(eq + 1), path: joinPath(`${c.path}.${key}`, i) });
    });
  read(command, 'command');
  read(args, 'args');
  return flags;
}

/** A check over API server containers: `judge` gets the flags and says pass or fail (with the flag's path). */
function onApiServer(judge: (flags: Map<string, Flag>, c: ContainerAt) => Verdict): IacRule['check'] {
  const perContainer = eachContainer((c) => {
    if (isUnknown(c.container.command) || isUnknown(c.container.args)) return { outcome: 'unknown', path: `${c.path}.command` };
    const flags = apiServerFlags(c);
    return flags ? judge(flags, c) : { outcome: 'not-applicable' };
  });
  return (r, ctx) => {
    const verdicts = perContainer(r, ctx);
    const list = Array.isArray(verdicts) ? (verdicts as readonly Verdict[]) : [verdicts as Verdict];
    const judged = list.filter((v) => v.outcome !== 'not-applicable');
    return judged.length ? judged : { outcome: 'not-applicable' };
  };
}

const apiServer = (flags: string[]): string => `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
  labels:
    component: kube-apiserver
spec:
  hostNetwork: true
  priorityClassName: system-node-critical
  containers:
    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.30.2
      command:
        - kube-apiserver
        - --advertise-address=10.0.0.10
${flags.map((f) => `        - ${f}\n`).join('')}        - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt
        - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key
`;

const SAFE = ['--anonymous-auth=false', '--authorization-mode=Node,RBAC', '--profiling=false'];

function flagRequired(flag: string, wanted: string, missing: 'pass' | 'fail') {
  return onApiServer((flags, c) => {
    const f = flags.get(flag);
    if (!f) return { outcome: missing, path: `${c.path}.command`, message: missing === 'fail' ? `kube-apiserver in ${c.name} does not set ${flag}=${wanted}` : undefined };
    return { outcome: f.value === wanted ? 'pass' : 'fail', path: f.path, value: `${flag}${f.value === undefined ? '' : `=${f.value}`}` };
  });
}

function flagForbidden(flag: string) {
  return onApiServer((flags, c) => {
    const f = flags.get(flag);
    return f ? { outcome: 'fail', path: f.path, value: `${flag}${f.value === undefined ? '' : `=${f.value}`}` } : { outcome: 'pass', path: `${c.path}.command` };
  });
}

export const apiServerAnonymousAuth: IacRule = {
  id: 'IAC-K8S-APISERVER-ANONYMOUS-AUTH',
  title: 'API server accepts anonymous requests',
  severity: 'medium',
  description: 'kube-apiserver treats unauthenticated requests as system:anonymous unless --anonymous-auth=false: every RBAC mistake for that user or system:unauthenticated is open to the network.',
  remediation: 'Start kube-apiserver with --anonymous-auth=false (or restrict anonymous access to health endpoints with an authentication configuration).',
  helpUri: HELP,
  checkov: 'CKV_K8S_68',
  cis: ['CIS Kubernetes 1.2.1'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: flagRequired('--anonymous-auth', 'false', 'fail'),
  examples: { k8s: { fail: [apiServer(['--authorization-mode=Node,RBAC']), apiServer(['--anonymous-auth=true'])], pass: [apiServer(SAFE)] } },
};

export const apiServerBasicAuthFile: IacRule = {
  id: 'IAC-K8S-APISERVER-BASIC-AUTH-FILE',
  title: 'API server accepts static passwords (basic auth file)',
  severity: 'high',
  description: 'Static passwords in a basic-auth file never expire and cannot be revoked without a restart (removed in Kubernetes 1.19).',
  remediation: 'Remove --basic-auth-file and use certificates, OIDC or service account tokens.',
  helpUri: HELP,
  checkov: 'CKV_K8S_69',
  cwe: ['CWE-798'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: flagForbidden('--basic-auth-file'),
  examples: { k8s: { fail: [apiServer([...SAFE, '--basic-auth-file=/etc/kubernetes/users.csv'])], pass: [apiServer(SAFE)] } },
};

export const apiServerTokenAuthFile: IacRule = {
  id: 'IAC-K8S-APISERVER-TOKEN-AUTH-FILE',
  title: 'API server accepts static tokens (token auth file)',
  severity: 'high',
  description: 'Static bearer tokens in a token file never expire and cannot be revoked without a restart of the API server.',
  remediation: 'Remove --token-auth-file and use certificates, OIDC or bound service account tokens.',
  helpUri: HELP,
  checkov: 'CKV_K8S_70',
  cwe: ['CWE-798'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: flagForbidden('--token-auth-file'),
  examples: { k8s: { fail: [apiServer([...SAFE, '--token-auth-file=/etc/kubernetes/tokens.csv'])], pass: [apiServer(SAFE)] } },
};

export const apiServerAlwaysAllow: IacRule = {
  id: 'IAC-K8S-APISERVER-ALWAYS-ALLOW',
  title: 'API server authorizes every request (AlwaysAllow)',
  severity: 'critical',
  description: 'With AlwaysAllow in --authorization-mode every authenticated request is allowed: RBAC does nothing.',
  remediation: 'Set --authorization-mode=Node,RBAC.',
  helpUri: 'https://kubernetes.io/docs/reference/access-authn-authz/authorization/#authorization-modules',
  checkov: 'CKV_K8S_74',
  cwe: ['CWE-862'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: onApiServer((flags, c) => {
    const f = flags.get('--authorization-mode');
    if (!f) return { outcome: 'pass', path: `${c.path}.command` };
    return { outcome: (f.value ?? '').split(',').includes('AlwaysAllow') ? 'fail' : 'pass', path: f.path, value: `--authorization-mode=${f.value ?? ''}` };
  }),
  examples: {
    k8s: {
      fail: [apiServer(['--anonymous-auth=false', '--authorization-mode=AlwaysAllow']), apiServer(['--authorization-mode=RBAC,AlwaysAllow'])],
      pass: [apiServer(SAFE)],
    },
  },
};

export const apiServerInsecureBindAddress: IacRule = {
  id: 'IAC-K8S-APISERVER-INSECURE-BIND-ADDRESS',
  title: 'API server binds its insecure port to an address',
  severity: 'high',
  description: 'The insecure port serves the API without authentication or authorization; --insecure-bind-address exposes it beyond localhost.',
  remediation: 'Remove --insecure-bind-address (and --insecure-port).',
  helpUri: HELP,
  checkov: 'CKV_K8S_86',
  cwe: ['CWE-306'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: flagForbidden('--insecure-bind-address'),
  examples: { k8s: { fail: [apiServer([...SAFE, '--insecure-bind-address=0.0.0.0'])], pass: [apiServer(SAFE)] } },
};

export const apiServerInsecurePort: IacRule = {
  id: 'IAC-K8S-APISERVER-INSECURE-PORT',
  title: 'API server serves an unauthenticated port',
  severity: 'high',
  description:
    'A non-zero --insecure-port serves the whole API without authentication or authorization. A missing flag passes, unlike in Checkov: the port defaults to 0 since Kubernetes 1.20 and was removed in 1.24.',
  remediation: 'Remove --insecure-port or set it to 0.',
  helpUri: HELP,
  checkov: 'CKV_K8S_88',
  cwe: ['CWE-306'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: onApiServer((flags, c) => {
    const f = flags.get('--insecure-port');
    if (!f) return { outcome: 'pass', path: `${c.path}.command` };
    return { outcome: f.value === '0' ? 'pass' : 'fail', path: f.path, value: `--insecure-port=${f.value ?? ''}` };
  }),
  examples: { k8s: { fail: [apiServer([...SAFE, '--insecure-port=8080'])], pass: [apiServer(SAFE), apiServer([...SAFE, '--insecure-port=0'])] } },
};

export const apiServerProfiling: IacRule = {
  id: 'IAC-K8S-APISERVER-PROFILING',
  title: 'API server exposes profiling endpoints',
  severity: 'low',
  description: 'Profiling (/debug/pprof) is on by default: it reveals details of the server and can be used to load it.',
  remediation: 'Start kube-apiserver with --profiling=false.',
  helpUri: HELP,
  checkov: 'CKV_K8S_90',
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: flagRequired('--profiling', 'false', 'fail'),
  examples: { k8s: { fail: [apiServer(['--anonymous-auth=false']), apiServer(['--profiling=true'])], pass: [apiServer(SAFE)] } },
};

export const controlPlaneRules: readonly IacRule[] = [
  apiServerAnonymousAuth,
  apiServerBasicAuthFile,
  apiServerTokenAuthFile,
  apiServerAlwaysAllow,
  apiServerInsecureBindAddress,
  apiServerInsecurePort,
  apiServerProfiling,
];
