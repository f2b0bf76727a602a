// Pod-level rules: host namespaces, host paths, the pod security context, service account tokens,
// sysctls, and the namespace a resource lands in.
import { isClusterScoped } from '../../kubernetes/resources';
import type { IacRule, IacValue, Verdict } from '../../types';
import { asBoolean, isObject, isUnknown, joinPath } from '../../values';
import { onPod, verdict, WORKLOAD_KINDS } from './checks';
import { cronJob, deployment, deploymentPatch, helmChart, overlay, pod, statefulSet } from './examples';

const PSS = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';

function hostNamespace(key: 'hostPID' | 'hostIPC' | 'hostNetwork') {
  return onPod((p) => {
    const value = p.spec[key];
    const path = `${p.path}.${key}`;
    if (isUnknown(value)) return verdict('unknown', { value, path });
    return { outcome: asBoolean(value) === true ? 'fail' : 'pass', path, ...(value !== undefined ? { value } : {}) };
  });
}

export const hostPid: IacRule = {
  id: 'IAC-K8S-HOST-PID',
  title: 'Pod shares the host process namespace',
  severity: 'high',
  description: 'With hostPID the pod sees every process of the node: it can read their environment and, with ptrace or privileges, enter them.',
  remediation: 'Remove hostPID or set it to false.',
  helpUri: PSS,
  checkov: 'CKV_K8S_17',
  cis: ['CIS Kubernetes 5.2.3'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: hostNamespace('hostPID'),
  examples: {
    k8s: {
      fail: [pod({ pod: 'hostPID: true' }), deployment({ pod: 'hostPID: true' }), cronJob({ pod: 'hostPID: true' })],
      pass: [pod(), deployment({ pod: 'hostPID: false' }), cronJob()],
    },
    kustomize: {
      fail: [overlay(deployment(), deploymentPatch({ pod: 'hostPID: true' }))],
      pass: [overlay(deployment({ pod: 'hostPID: true' }), deploymentPatch({ pod: 'hostPID: false' }))],
    },
  },
};

export const hostIpc: IacRule = {
  id: 'IAC-K8S-HOST-IPC',
  title: 'Pod shares the host IPC namespace',
  severity: 'high',
  description: 'With hostIPC the pod can read and write the shared memory and message queues of every process on the node.',
  remediation: 'Remove hostIPC or set it to false.',
  helpUri: PSS,
  checkov: 'CKV_K8S_18',
  cis: ['CIS Kubernetes 5.2.4'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: hostNamespace('hostIPC'),
  examples: {
    k8s: {
      fail: [pod({ pod: 'hostIPC: true' }), deployment({ pod: 'hostIPC: true' }), cronJob({ pod: 'hostIPC: true' })],
      pass: [pod(), deployment({ pod: 'hostIPC: false' }), cronJob()],
    },
  },
};

export const hostNetwork: IacRule = {
  id: 'IAC-K8S-HOST-NETWORK',
  title: 'Pod uses the host network',
  severity: 'high',
  description: 'With hostNetwork the pod uses the node’s network stack: it can reach services bound to localhost on the node, sniff traffic, and bypasses network policies.',
  remediation: 'Remove hostNetwork or set it to false; expose the pod through a Service.',
  helpUri: PSS,
  checkov: 'CKV_K8S_19',
  cis: ['CIS Kubernetes 5.2.5'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: hostNamespace('hostNetwork'),
  examples: {
    helm: {
      fail: [helmChart({ hostNetwork: true })],
      pass: [helmChart({ hostNetwork: false })],
    },
    k8s: {
      fail: [pod({ pod: 'hostNetwork: true' }), deployment({ pod: 'hostNetwork: true' }), cronJob({ pod: 'hostNetwork: true' })],
      pass: [pod(), deployment({ pod: 'hostNetwork: false' }), cronJob()],
    },
    kustomize: {
      fail: [overlay(deployment(), deploymentPatch({ pod: 'hostNetwork: true' }))],
      pass: [overlay(deployment({ pod: 'hostNetwork: true' }), deploymentPatch({ pod: 'hostNetwork: null' }))],
    },
  },
};

const RUNTIME_SOCKETS = /^\/(?:var\/)?run\/(?:docker\.sock|containerd\/containerd\.sock|crio\/crio\.sock|cri-dockerd\.sock)\/?$|^\/var\/run\/?$|^\/run\/?$/;

function hostPathVolumes(p: { path: string; spec: Record<string, IacValue> }): { path: string; value: IacValue }[] {
  const volumes = p.spec.volumes;
  if (!Array.isArray(volumes)) return [];
  const out: { path: string; value: IacValue }[] = [];
  volumes.forEach((v, i) => {
    if (!isObject(v) || v.hostPath === undefined || v.hostPath === null) return;
    const hp = v.hostPath;
    out.push({ path: joinPath(joinPath(`${p.path}.volumes`, i), 'hostPath.path'), value: isObject(hp) ? (hp.path ?? null) : hp });
  });
  return out;
}

export const runtimeSocketMount: IacRule = {
  id: 'IAC-K8S-CONTAINER-RUNTIME-SOCKET',
  title: 'Pod mounts the container runtime socket',
  severity: 'high',
  description:
    'The Docker, containerd or CRI-O socket gives full control of the node’s containers: mounting it is root on the node. The containerd, CRI-O and cri-dockerd sockets and the /var/run and /run directories that hold them count, not only /var/run/docker.sock.',
  remediation: 'Do not mount /var/run/docker.sock or another runtime socket; build images with a rootless builder (BuildKit rootless, kaniko).',
  helpUri: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
  checkov: 'CKV_K8S_27',
  cwe: ['CWE-250'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: onPod((p) => {
    const found = hostPathVolumes(p);
    const unknown = found.find((f) => isUnknown(f.value));
    const fails: Verdict[] = found.filter((f) => typeof f.value === 'string' && RUNTIME_SOCKETS.test(f.value)).map((f) => ({ outcome: 'fail', path: f.path, value: f.value }));
    if (fails.length) return fails;
    if (unknown) return verdict('unknown', unknown);
    return { outcome: 'pass', path: `${p.path}.volumes` };
  }),
  examples: {
    k8s: {
      fail: [
        pod({ pod: 'volumes:\n  - name: docker\n    hostPath:\n      path: /var/run/docker.sock\n      type: Socket' }),
        deployment({ pod: 'volumes:\n  - name: cri\n    hostPath:\n      path: /run/containerd/containerd.sock' }),
        cronJob({ pod: 'volumes:\n  - name: run\n    hostPath:\n      path: /var/run' }),
      ],
      pass: [pod(), deployment({ pod: 'volumes:\n  - name: cache\n    emptyDir: {}' }), cronJob({ pod: 'volumes:\n  - name: logs\n    hostPath:\n      path: /var/log/app' })],
    },
  },
};

export const hostPathVolume: IacRule = {
  id: 'IAC-K8S-HOST-PATH-VOLUME',
  title: 'Pod mounts a host path',
  severity: 'medium',
  description: 'A hostPath volume exposes the node’s file system to the pod: credentials, other pods’ data, and a way to escape when writable. The baseline Pod Security Standard forbids it.',
  remediation: 'Use emptyDir, a ConfigMap/Secret, or a PersistentVolumeClaim instead of hostPath.',
  helpUri: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
  cis: ['CIS Kubernetes 5.2.12'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: onPod((p) => {
    const found = hostPathVolumes(p);
    return found.length ? found.map((f) => ({ outcome: 'fail' as const, path: f.path, value: f.value })) : { outcome: 'pass', path: `${p.path}.volumes` };
  }),
  examples: {
    k8s: {
      fail: [
        pod({ pod: 'volumes:\n  - name: host\n    hostPath:\n      path: /' }),
        deployment({ pod: 'volumes:\n  - name: logs\n    hostPath:\n      path: /var/log' }),
        cronJob({ pod: 'volumes:\n  - name: etc\n    hostPath:\n      path: /etc/kubernetes' }),
      ],
      pass: [pod(), deployment({ pod: 'volumes:\n  - name: data\n    persistentVolumeClaim:\n      claimName: data' }), cronJob({ pod: 'volumes:\n  - name: tmp\n    emptyDir: {}' })],
    },
  },
};

export const podSecurityContext: IacRule = {
  id: 'IAC-K8S-POD-SECURITY-CONTEXT',
  title: 'Pod has no security context',
  severity: 'low',
  description: 'The pod security context sets defaults for every container (non-root user, seccomp profile, fsGroup): without one, each container runs with the runtime’s defaults unless it sets its own.',
  remediation: 'Set spec.securityContext on the pod: runAsNonRoot, runAsUser, seccompProfile.',
  remediationSnippet: 'spec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001\n    seccompProfile:\n      type: RuntimeDefault',
  helpUri: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  checkov: 'CKV_K8S_29',
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: onPod((p) => {
    const sc = p.spec.securityContext;
    const path = `${p.path}.securityContext`;
    if (isUnknown(sc)) return verdict('unknown', { value: sc, path });
    return { outcome: isObject(sc) && Object.keys(sc).length > 0 ? 'pass' : 'fail', path };
  }),
  examples: {
    k8s: {
      fail: [pod(), deployment({ pod: 'securityContext: {}' }), cronJob()],
      pass: [pod({ pod: 'securityContext:\n  runAsNonRoot: true' }), deployment({ pod: 'securityContext:\n  fsGroup: 2000' }), cronJob({ pod: 'securityContext:\n  runAsUser: 10001' })],
    },
  },
};

const automount = (v: IacValue | undefined): boolean | undefined => asBoolean(v ?? undefined);

export const serviceAccountTokenMounted: IacRule = {
  id: 'IAC-K8S-SERVICE-ACCOUNT-TOKEN-MOUNTED',
  title: 'Pod mounts a service account token it may not need',
  severity: 'medium',
  description: 'Every pod gets its service account’s API token mounted unless told otherwise: an attacker in the pod can call the Kubernetes API with it.',
  remediation: 'Set automountServiceAccountToken: false on pods that do not call the Kubernetes API.',
  remediationSnippet: 'spec:\n  automountServiceAccountToken: false',
  helpUri: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
  checkov: 'CKV_K8S_38',
  cis: ['CIS Kubernetes 5.1.6'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: onPod((p) => {
    const value = p.spec.automountServiceAccountToken;
    const path = `${p.path}.automountServiceAccountToken`;
    if (isUnknown(value)) return verdict('unknown', { value, path });
    return { outcome: automount(value) === false ? 'pass' : 'fail', path, ...(value !== undefined ? { value } : {}) };
  }),
  examples: {
    k8s: {
      fail: [pod(), deployment({ pod: 'automountServiceAccountToken: true' }), cronJob({ pod: 'serviceAccountName: reporter' })],
      pass: [pod({ pod: 'automountServiceAccountToken: false' }), deployment({ pod: 'automountServiceAccountToken: false' }), cronJob({ pod: 'automountServiceAccountToken: false' })],
    },
    kustomize: {
      fail: [overlay(deployment({ pod: 'automountServiceAccountToken: false' }), deploymentPatch({ pod: 'automountServiceAccountToken: true' }))],
      pass: [overlay(deployment(), deploymentPatch({ pod: 'automountServiceAccountToken: false' }))],
    },
  },
};

export const defaultServiceAccount: IacRule = {
  id: 'IAC-K8S-DEFAULT-SERVICE-ACCOUNT',
  title: 'Pod uses the namespace’s default service account with its token mounted',
  severity: 'low',
  description: 'The default service account is shared by every pod of the namespace that names no other: rights granted to it for one workload reach all of them.',
  remediation: 'Give the workload its own service account (serviceAccountName), or set automountServiceAccountToken: false.',
  helpUri: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
  cis: ['CIS Kubernetes 5.1.5'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: onPod((p) => {
    const nameKey = p.spec.serviceAccountName !== undefined ? 'serviceAccountName' : 'serviceAccount';
    const name = p.spec[nameKey];
    const path = `${p.path}.${nameKey === 'serviceAccount' && name === undefined ? 'serviceAccountName' : nameKey}`;
    if (isUnknown(name)) return verdict('unknown', { value: name, path });
    if (name !== undefined && name !== null && name !== '' && name !== 'default') return { outcome: 'pass', path, value: name };
    const mount = p.spec.automountServiceAccountToken;
    if (automount(mount) === false) return { outcome: 'pass', path: `${p.path}.automountServiceAccountToken`, value: false };
    return { outcome: 'fail', path, ...(name !== undefined ? { value: name } : {}) };
  }),
  examples: {
    k8s: {
      fail: [pod(), deployment({ pod: 'serviceAccountName: default' }), cronJob()],
      pass: [pod({ pod: 'serviceAccountName: web' }), deployment({ pod: 'automountServiceAccountToken: false' }), cronJob({ pod: 'serviceAccountName: reporter' })],
    },
  },
};

/** The sysctls the baseline Pod Security Standard allows (namespaced and isolated from the node). */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

export const unsafeSysctls: IacRule = {
  id: 'IAC-K8S-UNSAFE-SYSCTLS',
  title: 'Pod sets unsafe sysctls',
  severity: 'high',
  description: 'Sysctls outside the safe set are not isolated between pods: they change the kernel of the node for everyone, or can be used to starve or attack it.',
  remediation: 'Remove sysctls other than the safe set (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies, ...).',
  helpUri: 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: onPod((p) => {
    const list = isObject(p.spec.securityContext) ? p.spec.securityContext.sysctls : undefined;
    const base = `${p.path}.securityContext.sysctls`;
    if (isUnknown(list)) return verdict('unknown', { value: list, path: base });
    const fails: Verdict[] = [];
    if (Array.isArray(list)) {
      list.forEach((s, i) => {
        const name = isObject(s) ? s.name : undefined;
        if (typeof name === 'string' && !SAFE_SYSCTLS.has(name)) fails.push({ outcome: 'fail', path: joinPath(joinPath(base, i), 'name'), value: name });
      });
    }
    return fails.length ? fails : { outcome: 'pass', path: base };
  }),
  examples: {
    k8s: {
      fail: [
        pod({ pod: 'securityContext:\n  sysctls:\n    - name: kernel.msgmax\n      value: "65536"' }),
        deployment({ pod: 'securityContext:\n  sysctls:\n    - name: net.core.somaxconn\n      value: "1024"' }),
      ],
      pass: [pod(), deployment({ pod: 'securityContext:\n  sysctls:\n    - name: net.ipv4.tcp_syncookies\n      value: "1"' })],
    },
  },
};

/** Kinds that live in a namespace and are judged for landing in 'default'. */
const NAMESPACED = [
  ...WORKLOAD_KINDS,
  'Service',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'Ingress',
  'NetworkPolicy',
  'PersistentVolumeClaim',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
];

/** Objects Kubernetes itself keeps in the default namespace (its default ServiceAccount, the kubernetes Service). */
const isBuiltInDefault = (r: { type: string; name: string }): boolean =>
  (r.type === 'ServiceAccount' && r.name === 'default') || (r.type === 'Service' && r.name === 'kubernetes');

export const defaultNamespace: IacRule = {
  id: 'IAC-K8S-DEFAULT-NAMESPACE',
  title: 'Resource is in the default namespace',
  severity: 'low',
  description:
    'Resources in the default namespace share it with everything else deployed without thought: RBAC, network policies, quotas and Pod Security admission cannot be scoped to the application. The objects Kubernetes creates there itself (the default ServiceAccount, the kubernetes Service) are not flagged; PodTemplates, NetworkPolicies, PersistentVolumeClaims, HorizontalPodAutoscalers and PodDisruptionBudgets are judged as well as Checkov’s kinds.',
  remediation: 'Set metadata.namespace (or the kustomization’s namespace) to the application’s own namespace.',
  remediationSnippet: 'metadata:\n  namespace: shop',
  helpUri: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/',
  checkov: 'CKV_K8S_21',
  cis: ['CIS Kubernetes 5.7.4'],
  model: 'kubernetes',
  resourceTypes: NAMESPACED,
  check: (r) => {
    if (isClusterScoped(r.type)) return { outcome: 'not-applicable' };
    if (isBuiltInDefault(r)) return { outcome: 'pass', path: 'metadata.name', value: r.name };
    const ns = isObject(r.attributes.metadata) ? r.attributes.metadata.namespace : undefined;
    if (isUnknown(ns)) return verdict('unknown', { value: ns, path: 'metadata.namespace' });
    if (ns === undefined || ns === null || ns === '' || ns === 'default') return { outcome: 'fail', path: 'metadata.namespace', ...(ns ? { value: ns } : {}) };
    return { outcome: 'pass', path: 'metadata.namespace', value: ns };
  },
  examples: {
    k8s: {
      fail: [pod({ namespace: '' }), deployment({ namespace: 'default' }), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n'],
      pass: [
        pod(),
        statefulSet({ namespace: 'data' }),
        'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: default\n',
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: kubernetes\nspec:\n  ports:\n    - name: https\n      port: 443\n',
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  level: info\n',
      ],
    },
    kustomize: {
      fail: [{ files: { 'kustomization.yaml': 'resources:\n  - deployment.yaml\n', 'deployment.yaml': deployment({ namespace: '' }) } }],
      pass: [{ files: { 'kustomization.yaml': 'namespace: shop\nresources:\n  - deployment.yaml\n', 'deployment.yaml': deployment({ namespace: '' }) } }],
    },
  },
};

export const podRules: readonly IacRule[] = [
  hostPid,
  hostIpc,
  hostNetwork,
  runtimeSocketMount,
  hostPathVolume,
  podSecurityContext,
  serviceAccountTokenMounted,
  defaultServiceAccount,
  unsafeSysctls,
  defaultNamespace,
];
