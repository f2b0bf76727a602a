// Per-container security context rules: privilege, escalation, root, file system, capabilities,
// seccomp, AppArmor, SELinux, /proc and Windows host processes. One verdict per container.
import type { IacRule } from '../../types';
import { asBoolean, asNumber, isObject, isUnknown } from '../../values';
import { annotationsPath, capabilities, effective, eachContainer, judgeSetting, own, podAnnotations, verdict, WORKLOAD_KINDS } from './checks';
import { cronJob, deployment, deploymentPatch, helmChart, overlay, pod, statefulSet } from './examples';

const PSS = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
const SECURITY_CONTEXT = 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/';

export const privilegedContainer: IacRule = {
  id: 'IAC-K8S-PRIVILEGED-CONTAINER',
  title: 'Container runs privileged',
  severity: 'high',
  description:
    'A privileged container has every capability and access to all host devices: a compromise of the container is a compromise of the node and of every pod on it.',
  remediation: 'Remove securityContext.privileged or set it to false; grant only the capabilities the workload needs.',
  remediationSnippet: 'securityContext:\n  privileged: false',
  helpUri: PSS,
  checkov: 'CKV_K8S_16',
  cis: ['CIS Kubernetes 5.2.2'],
  cwe: ['CWE-250'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: eachContainer((c) => judgeSetting(own(c, 'privileged'), (v) => asBoolean(v) !== true)),
  examples: {
    helm: {
      fail: [helmChart({ securityContext: 'privileged: true' })],
      pass: [helmChart({ securityContext: 'privileged: false' })],
    },
    k8s: {
      fail: [
        pod({ container: 'securityContext:\n  privileged: true' }),
        deployment({ container: 'securityContext:\n  privileged: "true"' }),
        cronJob({ initContainers: '- name: setup\n  image: busybox:1.36\n  securityContext:\n    privileged: true' }),
      ],
      pass: [pod(), deployment({ container: 'securityContext:\n  privileged: false' }), cronJob({ container: 'securityContext:\n  runAsNonRoot: true' })],
    },
    kustomize: {
      fail: [overlay(deployment(), deploymentPatch({ container: 'securityContext:\n  privileged: true' }))],
      pass: [overlay(deployment({ container: 'securityContext:\n  privileged: true' }), deploymentPatch({ container: 'securityContext:\n  privileged: false' }))],
    },
  },
};

export const allowPrivilegeEscalation: IacRule = {
  id: 'IAC-K8S-ALLOW-PRIVILEGE-ESCALATION',
  title: 'Container may gain more privileges than its parent process',
  severity: 'medium',
  description:
    'Unless allowPrivilegeEscalation is false, a process in the container can gain privileges (setuid binaries, file capabilities). The default is true.',
  remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
  remediationSnippet: 'securityContext:\n  allowPrivilegeEscalation: false',
  helpUri: SECURITY_CONTEXT,
  checkov: 'CKV_K8S_20',
  cis: ['CIS Kubernetes 5.2.6'],
  cwe: ['CWE-269'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: eachContainer((c) => judgeSetting(own(c, 'allowPrivilegeEscalation'), (v) => asBoolean(v) === false)),
  examples: {
    k8s: {
      fail: [pod(), deployment({ container: 'securityContext:\n  allowPrivilegeEscalation: true' }), cronJob({ container: 'securityContext:\n  runAsNonRoot: true' })],
      pass: [
        pod({ container: 'securityContext:\n  allowPrivilegeEscalation: false' }),
        deployment({ container: 'securityContext:\n  allowPrivilegeEscalation: false' }),
        cronJob({ container: 'securityContext:\n  allowPrivilegeEscalation: false' }),
      ],
    },
    kustomize: {
      fail: [overlay(deployment({ container: 'securityContext:\n  allowPrivilegeEscalation: false' }), deploymentPatch({ container: 'securityContext:\n  allowPrivilegeEscalation: true' }))],
      pass: [overlay(deployment(), deploymentPatch({ container: 'securityContext:\n  allowPrivilegeEscalation: false' }))],
    },
  },
};

export const runAsRoot: IacRule = {
  id: 'IAC-K8S-RUN-AS-ROOT',
  title: 'Container may run as root',
  severity: 'medium',
  description:
    'Without runAsNonRoot: true or a non-zero runAsUser (on the container or the pod), the container runs as the image’s user, often root: a container escape then starts as root on the node. The container’s settings override the pod’s field by field, as the kubelet applies them, and runAsUser: 0 fails even beside runAsNonRoot: true.',
  remediation: 'Set runAsNonRoot: true (and a non-zero runAsUser) in the pod or container securityContext.',
  remediationSnippet: 'securityContext:\n  runAsNonRoot: true\n  runAsUser: 10001',
  helpUri: PSS,
  checkov: 'CKV_K8S_23',
  cis: ['CIS Kubernetes 5.2.7'],
  cwe: ['CWE-250'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: eachContainer((c, p) => {
    const nonRoot = effective(c, p, 'runAsNonRoot');
    const user = effective(c, p, 'runAsUser');
    if (isUnknown(nonRoot.value) || isUnknown(user.value)) return verdict('unknown', isUnknown(nonRoot.value) ? nonRoot : user);
    const uid = asNumber(user.value);
    if (uid === 0) return verdict('fail', user);
    if (asBoolean(nonRoot.value) === true || (uid !== undefined && uid > 0)) return verdict('pass', asBoolean(nonRoot.value) === true ? nonRoot : user);
    return verdict('fail', nonRoot);
  }),
  examples: {
    helm: {
      fail: [helmChart({ securityContext: 'runAsUser: 0' })],
      pass: [helmChart({ securityContext: 'runAsNonRoot: true\nrunAsUser: 10001' })],
    },
    k8s: {
      fail: [
        pod(),
        deployment({ pod: 'securityContext:\n  runAsNonRoot: true', container: 'securityContext:\n  runAsUser: 0' }),
        cronJob({ container: 'securityContext:\n  runAsNonRoot: false' }),
      ],
      pass: [
        pod({ pod: 'securityContext:\n  runAsNonRoot: true' }),
        deployment({ container: 'securityContext:\n  runAsUser: 10001' }),
        cronJob({ pod: 'securityContext:\n  runAsUser: 1000\n  runAsNonRoot: true' }),
      ],
    },
    kustomize: {
      fail: [overlay(deployment({ pod: 'securityContext:\n  runAsNonRoot: true' }), deploymentPatch({ pod: 'securityContext:\n  runAsNonRoot: false' }))],
      pass: [overlay(deployment(), deploymentPatch({ pod: 'securityContext:\n  runAsNonRoot: true' }))],
    },
  },
};

export const readOnlyRootFilesystem: IacRule = {
  id: 'IAC-K8S-READ-ONLY-ROOT-FILESYSTEM',
  title: 'Container root file system is writable',
  severity: 'low',
  description: 'A writable root file system lets an attacker drop tools or change binaries and configuration inside the container.',
  remediation: 'Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes where the application must write.',
  remediationSnippet: 'securityContext:\n  readOnlyRootFilesystem: true',
  helpUri: SECURITY_CONTEXT,
  checkov: 'CKV_K8S_22',
  cwe: ['CWE-732'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: eachContainer((c) => judgeSetting(own(c, 'readOnlyRootFilesystem'), (v) => asBoolean(v) === true)),
  examples: {
    k8s: {
      fail: [pod(), deployment({ container: 'securityContext:\n  readOnlyRootFilesystem: false' }), cronJob()],
      pass: [
        pod({ container: 'securityContext:\n  readOnlyRootFilesystem: true' }),
        deployment({ container: 'securityContext:\n  readOnlyRootFilesystem: true' }),
        cronJob({ container: 'securityContext:\n  readOnlyRootFilesystem: true' }),
      ],
    },
    kustomize: {
      fail: [overlay(deployment({ container: 'securityContext:\n  readOnlyRootFilesystem: true' }), deploymentPatch({ container: 'securityContext:\n  readOnlyRootFilesystem: false' }))],
      pass: [overlay(deployment(), deploymentPatch({ container: 'securityContext:\n  readOnlyRootFilesystem: true' }))],
    },
  },
};

export const containerSecurityContext: IacRule = {
  id: 'IAC-K8S-CONTAINER-SECURITY-CONTEXT',
  title: 'Container has no security context',
  severity: 'low',
  description: 'A container without a securityContext runs with every default: root user, privilege escalation allowed, writable root file system, default capabilities.',
  remediation: 'Give every container a securityContext (non-root user, no privilege escalation, dropped capabilities, read-only root file system).',
  remediationSnippet: 'securityContext:\n  allowPrivilegeEscalation: false\n  readOnlyRootFilesystem: true\n  capabilities:\n    drop: ["ALL"]',
  helpUri: SECURITY_CONTEXT,
  checkov: 'CKV_K8S_30',
  cis: ['CIS Kubernetes 5.7.3'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: eachContainer((c) => {
    const sc = c.container.securityContext;
    const s = { value: sc, path: `${c.path}.securityContext` };
    if (isUnknown(sc)) return verdict('unknown', s);
    return isObject(sc) && Object.keys(sc).length > 0 ? { outcome: 'pass', path: s.path } : { outcome: 'fail', path: s.path };
  }),
  examples: {
    k8s: {
      fail: [pod(), deployment({ container: 'securityContext: {}' }), cronJob()],
      pass: [
        pod({ container: 'securityContext:\n  runAsNonRoot: true' }),
        deployment({ container: 'securityContext:\n  allowPrivilegeEscalation: false' }),
        cronJob({ container: 'securityContext:\n  readOnlyRootFilesystem: true' }),
      ],
    },
  },
};

export const capabilitiesDropAll: IacRule = {
  id: 'IAC-K8S-CAPABILITIES-NOT-DROPPED',
  title: 'Container does not drop all capabilities',
  severity: 'low',
  description: 'Container runtimes grant a default set of Linux capabilities (CHOWN, SETUID, NET_RAW...). Dropping ALL and adding back only what is needed limits what a compromised process can do.',
  remediation: 'Set securityContext.capabilities.drop: ["ALL"] and add back only the capabilities the process needs.',
  remediationSnippet: 'securityContext:\n  capabilities:\n    drop: ["ALL"]',
  helpUri: SECURITY_CONTEXT,
  checkov: 'CKV_K8S_37',
  cis: ['CIS Kubernetes 5.2.10'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: eachContainer((c) => {
    const drop = capabilities(c, 'drop');
    if (isUnknown(drop.value)) return verdict('unknown', drop);
    return { outcome: drop.list.includes('ALL') ? 'pass' : 'fail', path: drop.path, ...(drop.value !== undefined ? { value: drop.value } : {}) };
  }),
  examples: {
    k8s: {
      fail: [pod(), deployment({ container: 'securityContext:\n  capabilities:\n    drop: ["NET_RAW"]' }), cronJob()],
      pass: [
        pod({ container: 'securityContext:\n  capabilities:\n    drop: ["ALL"]' }),
        deployment({ container: 'securityContext:\n  capabilities:\n    drop:\n      - all\n    add:\n      - NET_BIND_SERVICE' }),
        cronJob({ container: 'securityContext:\n  capabilities:\n    drop: ["ALL"]' }),
      ],
    },
    kustomize: {
      fail: [overlay(deployment({ container: 'securityContext:\n  capabilities:\n    drop: ["ALL"]' }), deploymentPatch({ container: 'securityContext:\n  capabilities:\n    drop: ["SYS_TIME"]' }))],
      pass: [overlay(deployment(), deploymentPatch({ container: 'securityContext:\n  capabilities:\n    drop: ["ALL"]' }))],
    },
  },
};

export const netRawCapability: IacRule = {
  id: 'IAC-K8S-NET-RAW-CAPABILITY',
  title: 'Container keeps the NET_RAW capability',
  severity: 'medium',
  description:
    'NET_RAW is granted by default and lets a process craft raw packets: ARP and DNS spoofing against other pods on the node. Adding NET_RAW (or ALL) back fails even when drop lists ALL, which Checkov does not look at.',
  remediation: 'Drop NET_RAW (or ALL) in securityContext.capabilities.drop and do not add it back.',
  remediationSnippet: 'securityContext:\n  capabilities:\n    drop: ["ALL"]',
  helpUri: SECURITY_CONTEXT,
  checkov: 'CKV_K8S_28',
  cis: ['CIS Kubernetes 5.2.8'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: eachContainer((c) => {
    const add = capabilities(c, 'add');
    const drop = capabilities(c, 'drop');
    if (isUnknown(add.value)) return verdict('unknown', add);
    if (add.list.includes('NET_RAW') || add.list.includes('ALL')) return verdict('fail', add);
    if (isUnknown(drop.value)) return verdict('unknown', drop);
    return verdict(drop.list.includes('NET_RAW') || drop.list.includes('ALL') ? 'pass' : 'fail', drop);
  }),
  examples: {
    k8s: {
      fail: [
        pod(),
        deployment({ container: 'securityContext:\n  capabilities:\n    drop: ["ALL"]\n    add: ["NET_RAW"]' }),
        cronJob({ container: 'securityContext:\n  capabilities:\n    drop: ["SYS_ADMIN"]' }),
      ],
      pass: [
        pod({ container: 'securityContext:\n  capabilities:\n    drop: ["NET_RAW"]' }),
        deployment({ container: 'securityContext:\n  capabilities:\n    drop: ["ALL"]' }),
        cronJob({ container: 'securityContext:\n  capabilities:\n    drop: ["CAP_NET_RAW"]' }),
      ],
    },
  },
};

export const sysAdminCapability: IacRule = {
  id: 'IAC-K8S-SYS-ADMIN-CAPABILITY',
  title: 'Container adds the SYS_ADMIN capability',
  severity: 'high',
  description:
    'CAP_SYS_ADMIN allows mounting file systems, namespace operations and much more: it is close to root on the node and a common container escape path. CAP_SYS_ADMIN and ALL in add count as SYS_ADMIN.',
  remediation: 'Remove SYS_ADMIN from securityContext.capabilities.add.',
  remediationSnippet: 'securityContext:\n  capabilities:\n    drop: ["ALL"]',
  helpUri: SECURITY_CONTEXT,
  checkov: 'CKV_K8S_39',
  cwe: ['CWE-250'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: eachContainer((c) => {
    const add = capabilities(c, 'add');
    if (isUnknown(add.value)) return verdict('unknown', add);
    return verdict(add.list.includes('SYS_ADMIN') || add.list.includes('ALL') ? 'fail' : 'pass', add);
  }),
  examples: {
    k8s: {
      fail: [
        pod({ container: 'securityContext:\n  capabilities:\n    add: ["SYS_ADMIN"]' }),
        deployment({ container: 'securityContext:\n  capabilities:\n    add: ["CAP_SYS_ADMIN"]' }),
        cronJob({ container: 'securityContext:\n  capabilities:\n    add: ["ALL"]' }),
      ],
      pass: [pod(), deployment({ container: 'securityContext:\n  capabilities:\n    add: ["NET_BIND_SERVICE"]' }), cronJob()],
    },
    kustomize: {
      fail: [overlay(deployment(), deploymentPatch({ container: 'securityContext:\n  capabilities:\n    add: ["SYS_ADMIN"]' }))],
      pass: [overlay(deployment({ container: 'securityContext:\n  capabilities:\n    add: ["SYS_ADMIN"]' }), deploymentPatch({ container: 'securityContext:\n  capabilities:\n    add: []' }))],
    },
  },
};

export const addedCapabilities: IacRule = {
  id: 'IAC-K8S-ADDED-CAPABILITIES',
  title: 'Container adds Linux capabilities',
  severity: 'low',
  description:
    'Each added capability widens what a compromised process may do on the node. NET_BIND_SERVICE alone passes, as the restricted Pod Security Standard allows it (Checkov flags any added capability).',
  remediation: 'Remove entries from securityContext.capabilities.add, or keep only NET_BIND_SERVICE when the process binds a low port.',
  helpUri: PSS,
  checkov: 'CKV_K8S_25',
  cis: ['CIS Kubernetes 5.2.9'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: eachContainer((c) => {
    const add = capabilities(c, 'add');
    if (isUnknown(add.value)) return verdict('unknown', add);
    return verdict(add.list.some((x) => x !== 'NET_BIND_SERVICE') ? 'fail' : 'pass', add);
  }),
  examples: {
    k8s: {
      fail: [
        pod({ container: 'securityContext:\n  capabilities:\n    add: ["NET_ADMIN"]' }),
        deployment({ container: 'securityContext:\n  capabilities:\n    add: ["SYS_TIME", "NET_BIND_SERVICE"]' }),
        cronJob({ container: 'securityContext:\n  capabilities:\n    add: ["CHOWN"]' }),
      ],
      pass: [pod(), deployment({ container: 'securityContext:\n  capabilities:\n    drop: ["ALL"]\n    add: ["NET_BIND_SERVICE"]' }), cronJob()],
    },
  },
};

export const highUid: IacRule = {
  id: 'IAC-K8S-LOW-UID',
  title: 'Container does not run with a high UID',
  severity: 'low',
  description: 'A UID below 10000 can collide with a user of the node (and its file permissions) should the container escape; a high UID cannot.',
  remediation: 'Set runAsUser to 10000 or more in the pod or container securityContext.',
  remediationSnippet: 'securityContext:\n  runAsUser: 10001',
  helpUri: SECURITY_CONTEXT,
  checkov: 'CKV_K8S_40',
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: eachContainer((c, p) => judgeSetting(effective(c, p, 'runAsUser'), (v) => (asNumber(v) ?? 0) >= 10000)),
  examples: {
    k8s: {
      fail: [pod(), deployment({ container: 'securityContext:\n  runAsUser: 1000' }), cronJob({ pod: 'securityContext:\n  runAsUser: 0' })],
      pass: [
        pod({ container: 'securityContext:\n  runAsUser: 10001' }),
        deployment({ pod: 'securityContext:\n  runAsUser: 65534' }),
        cronJob({ pod: 'securityContext:\n  runAsUser: 1000', container: 'securityContext:\n  runAsUser: 20000' }),
      ],
    },
  },
};

const SECCOMP_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const goodSeccompAnnotation = (v: unknown): boolean => typeof v === 'string' && /^(?:runtime\/default|docker\/default|localhost\/.+)$/.test(v);

export const seccompProfile: IacRule = {
  id: 'IAC-K8S-SECCOMP-PROFILE',
  title: 'Container runs without a seccomp profile',
  severity: 'medium',
  description:
    'Without a seccomp profile (RuntimeDefault or a Localhost profile) the container may call every system call of the kernel, including those used in kernel exploits; Kubernetes runs pods Unconfined by default. A Localhost profile passes, as the restricted Pod Security Standard allows it (Checkov accepts only the runtime default).',
  remediation: 'Set securityContext.seccompProfile.type: RuntimeDefault on the pod (or each container); older clusters: the seccomp.security.alpha.kubernetes.io/pod annotation.',
  remediationSnippet: 'spec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault',
  helpUri: 'https://kubernetes.io/docs/tutorials/security/seccomp/',
  checkov: 'CKV_K8S_31',
  cis: ['CIS Kubernetes 5.7.2'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: eachContainer((c, p, r) => {
    const profile = effective(c, p, 'seccompProfile');
    const type = isObject(profile.value) ? profile.value.type : profile.value;
    const at = { value: type, path: `${profile.path}.type` };
    if (isUnknown(type)) return verdict('unknown', at);
    if (type === 'RuntimeDefault' || type === 'Localhost') return verdict('pass', at);
    if (type !== undefined) return verdict('fail', at);
    const annotations = podAnnotations(r);
    const key = `container.seccomp.security.alpha.kubernetes.io/${c.name}`;
    const annotated = annotations[key] ?? annotations[SECCOMP_ANNOTATION];
    if (annotated !== undefined) {
      const path = annotationsPath(r, annotations[key] !== undefined ? key : SECCOMP_ANNOTATION);
      return verdict(goodSeccompAnnotation(annotated) ? 'pass' : 'fail', { value: annotated, path });
    }
    return verdict('fail', at);
  }),
  examples: {
    k8s: {
      fail: [
        pod(),
        deployment({ pod: 'securityContext:\n  seccompProfile:\n    type: Unconfined' }),
        cronJob({ podMeta: 'annotations:\n  seccomp.security.alpha.kubernetes.io/pod: unconfined' }),
      ],
      pass: [
        pod({ pod: 'securityContext:\n  seccompProfile:\n    type: RuntimeDefault' }),
        deployment({ container: 'securityContext:\n  seccompProfile:\n    type: Localhost\n    localhostProfile: profiles/app.json' }),
        cronJob({ podMeta: 'annotations:\n  seccomp.security.alpha.kubernetes.io/pod: runtime/default' }),
      ],
    },
    kustomize: {
      fail: [overlay(deployment(), deploymentPatch({ pod: 'securityContext:\n  runAsNonRoot: true' }))],
      pass: [overlay(deployment(), deploymentPatch({ pod: 'securityContext:\n  seccompProfile:\n    type: RuntimeDefault' }))],
    },
  },
};

export const appArmorUnconfined: IacRule = {
  id: 'IAC-K8S-APPARMOR-UNCONFINED',
  title: 'Container runs without AppArmor confinement',
  severity: 'medium',
  description: 'An Unconfined AppArmor profile removes the runtime’s default profile, which blocks writes to /proc and /sys and mounts; the baseline Pod Security Standard forbids it.',
  remediation: 'Remove the Unconfined AppArmor profile (securityContext.appArmorProfile or the container.apparmor.security.beta.kubernetes.io annotation), or use RuntimeDefault.',
  remediationSnippet: 'securityContext:\n  appArmorProfile:\n    type: RuntimeDefault',
  helpUri: 'https://kubernetes.io/docs/tutorials/security/apparmor/',
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: eachContainer((c, p, r) => {
    const profile = effective(c, p, 'appArmorProfile');
    const type = isObject(profile.value) ? profile.value.type : profile.value;
    const at = { value: type, path: `${profile.path}.type` };
    if (isUnknown(type)) return verdict('unknown', at);
    if (type !== undefined) return verdict(type === 'Unconfined' ? 'fail' : 'pass', at);
    const key = `container.apparmor.security.beta.kubernetes.io/${c.name}`;
    const annotated = podAnnotations(r)[key];
    if (annotated !== undefined) return verdict(annotated === 'unconfined' ? 'fail' : 'pass', { value: annotated, path: annotationsPath(r, key) });
    return verdict('pass', at);
  }),
  examples: {
    k8s: {
      fail: [
        pod({ container: 'securityContext:\n  appArmorProfile:\n    type: Unconfined' }),
        deployment({ podMeta: 'annotations:\n  container.apparmor.security.beta.kubernetes.io/app: unconfined' }),
        cronJob({ pod: 'securityContext:\n  appArmorProfile:\n    type: Unconfined' }),
      ],
      pass: [
        pod(),
        deployment({ podMeta: 'annotations:\n  container.apparmor.security.beta.kubernetes.io/app: runtime/default' }),
        cronJob({ pod: 'securityContext:\n  appArmorProfile:\n    type: RuntimeDefault' }),
      ],
    },
  },
};

const SELINUX_TYPES = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

export const seLinuxOptions: IacRule = {
  id: 'IAC-K8S-SELINUX-CUSTOM-OPTIONS',
  title: 'Container sets a custom SELinux user, role or type',
  severity: 'medium',
  description: 'A custom SELinux type (spc_t, unconfined_t...), user or role can lift the confinement SELinux gives containers; the baseline Pod Security Standard allows only the container types.',
  remediation: 'Remove seLinuxOptions.user and role, and use only container_t, container_init_t, container_kvm_t or container_engine_t as type.',
  helpUri: PSS,
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: eachContainer((c, p) => {
    const opts = effective(c, p, 'seLinuxOptions');
    if (isUnknown(opts.value)) return verdict('unknown', opts);
    if (!isObject(opts.value)) return { outcome: 'pass', path: opts.path };
    for (const key of ['user', 'role'] as const) {
      if (opts.value[key] !== undefined && opts.value[key] !== '') return verdict('fail', { value: opts.value[key], path: `${opts.path}.${key}` });
    }
    const type = opts.value.type;
    if (type === undefined || type === '') return { outcome: 'pass', path: opts.path };
    return verdict(typeof type === 'string' && SELINUX_TYPES.has(type) ? 'pass' : 'fail', { value: type, path: `${opts.path}.type` });
  }),
  examples: {
    k8s: {
      fail: [
        pod({ container: 'securityContext:\n  seLinuxOptions:\n    type: spc_t' }),
        deployment({ pod: 'securityContext:\n  seLinuxOptions:\n    user: system_u' }),
        cronJob({ pod: 'securityContext:\n  seLinuxOptions:\n    type: unconfined_t' }),
      ],
      pass: [pod(), deployment({ pod: 'securityContext:\n  seLinuxOptions:\n    level: "s0:c123,c456"' }), cronJob({ container: 'securityContext:\n  seLinuxOptions:\n    type: container_t' })],
    },
  },
};

export const unmaskedProcMount: IacRule = {
  id: 'IAC-K8S-PROC-MOUNT-UNMASKED',
  title: 'Container mounts /proc unmasked',
  severity: 'medium',
  description: 'procMount: Unmasked removes the masking of sensitive /proc paths (kcore, sysrq-trigger...) that protects the node from the container.',
  remediation: 'Remove securityContext.procMount or set it to Default.',
  helpUri: PSS,
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: eachContainer((c) => judgeSetting(own(c, 'procMount'), (v) => v === undefined || v === 'Default')),
  examples: {
    k8s: {
      fail: [pod({ container: 'securityContext:\n  procMount: Unmasked' }), deployment({ container: 'securityContext:\n  procMount: Unmasked' })],
      pass: [pod(), deployment({ container: 'securityContext:\n  procMount: Default' })],
    },
  },
};

export const windowsHostProcess: IacRule = {
  id: 'IAC-K8S-WINDOWS-HOST-PROCESS',
  title: 'Windows container runs as a host process',
  severity: 'high',
  description: 'A HostProcess container runs directly on the Windows node with the node’s privileges and network: it is the Windows equivalent of a privileged container.',
  remediation: 'Remove securityContext.windowsOptions.hostProcess (or set it to false) unless the pod is a node agent that needs it.',
  helpUri: PSS,
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: eachContainer((c, p) => {
    const opts = effective(c, p, 'windowsOptions');
    const value = isObject(opts.value) ? opts.value.hostProcess : undefined;
    return judgeSetting({ value, path: `${opts.path}.hostProcess` }, (v) => asBoolean(v) !== true);
  }),
  examples: {
    k8s: {
      fail: [pod({ pod: 'securityContext:\n  windowsOptions:\n    hostProcess: true\n    runAsUserName: "NT AUTHORITY\\\\SYSTEM"\nhostNetwork: true' }), statefulSet({ container: 'securityContext:\n  windowsOptions:\n    hostProcess: true' })],
      pass: [pod(), statefulSet({ container: 'securityContext:\n  windowsOptions:\n    runAsUserName: ContainerUser' })],
    },
  },
};

export const securityContextRules: readonly IacRule[] = [
  privilegedContainer,
  allowPrivilegeEscalation,
  runAsRoot,
  readOnlyRootFilesystem,
  containerSecurityContext,
  capabilitiesDropAll,
  netRawCapability,
  sysAdminCapability,
  addedCapabilities,
  highUid,
  seccompProfile,
  appArmorUnconfined,
  seLinuxOptions,
  unmaskedProcMount,
  windowsHostProcess,
];
