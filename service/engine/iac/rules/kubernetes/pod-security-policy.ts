// PodSecurityPolicy rules (policy/v1beta1, removed in Kubernetes 1.25 but still in older manifests):
// a policy that admits what the pod rules flag.
import { expect as expectValue, forbid } from '../../helpers';
import type { IacRule } from '../../types';
import { asNumber, get, isObject, isUnknown } from '../../values';
import { strings, verdict } from './checks';

const PSP = 'https://kubernetes.io/docs/concepts/security/pod-security-policy/';

const psp = (spec: string, annotations = ''): string =>
  `apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: restricted\n${annotations}spec:\n${spec}  seLinux:\n    rule: RunAsAny\n  supplementalGroups:\n    rule: RunAsAny\n  fsGroup:\n    rule: RunAsAny\n  volumes: [configMap, secret, emptyDir]\n`;

const RUN_AS_NON_ROOT = '  runAsUser:\n    rule: MustRunAsNonRoot\n';

function flagRule(id: string, checkov: string, key: 'hostPID' | 'hostIPC' | 'hostNetwork' | 'privileged', what: string, cis?: string): IacRule {
  return {
    id,
    title: `PodSecurityPolicy admits ${what}`,
    severity: 'high',
    description: `The policy lets pods use ${key}: ${what} is then admitted wherever the policy applies.`,
    remediation: `Set spec.${key}: false (or remove it) and move to Pod Security admission (PodSecurityPolicy was removed in Kubernetes 1.25).`,
    helpUri: PSP,
    checkov,
    ...(cis ? { cis: [cis] } : {}),
    model: 'kubernetes',
    resourceTypes: ['PodSecurityPolicy'],
    check: forbid(`spec.${key}`, true),
    examples: {
      k8s: { fail: [psp(`  ${key}: true\n${RUN_AS_NON_ROOT}`)], pass: [psp(`  ${key}: false\n${RUN_AS_NON_ROOT}`), psp(RUN_AS_NON_ROOT)] },
    },
  };
}

export const pspHostPid = flagRule('IAC-K8S-PSP-HOST-PID', 'CKV_K8S_1', 'hostPID', 'pods sharing the host process namespace');
export const pspPrivileged = flagRule('IAC-K8S-PSP-PRIVILEGED', 'CKV_K8S_2', 'privileged', 'privileged containers');
export const pspHostIpc = flagRule('IAC-K8S-PSP-HOST-IPC', 'CKV_K8S_3', 'hostIPC', 'pods sharing the host IPC namespace');
export const pspHostNetwork = flagRule('IAC-K8S-PSP-HOST-NETWORK', 'CKV_K8S_4', 'hostNetwork', 'pods on the host network');

export const pspPrivilegeEscalation: IacRule = {
  id: 'IAC-K8S-PSP-PRIVILEGE-ESCALATION',
  title: 'PodSecurityPolicy admits privilege escalation',
  severity: 'medium',
  description: 'allowPrivilegeEscalation defaults to true in a PodSecurityPolicy: containers may gain privileges through setuid binaries.',
  remediation: 'Set spec.allowPrivilegeEscalation: false.',
  helpUri: PSP,
  checkov: 'CKV_K8S_5',
  model: 'kubernetes',
  resourceTypes: ['PodSecurityPolicy'],
  check: expectValue('spec.allowPrivilegeEscalation', false),
  examples: {
    k8s: { fail: [psp(RUN_AS_NON_ROOT), psp(`  allowPrivilegeEscalation: true\n${RUN_AS_NON_ROOT}`)], pass: [psp(`  allowPrivilegeEscalation: false\n${RUN_AS_NON_ROOT}`)] },
  },
};

export const pspRoot: IacRule = {
  id: 'IAC-K8S-PSP-ROOT',
  title: 'PodSecurityPolicy admits root containers',
  severity: 'medium',
  description: 'Unless runAsUser requires a non-root user (MustRunAsNonRoot, or MustRunAs with ranges above 0), the policy admits containers running as root.',
  remediation: 'Set spec.runAsUser.rule: MustRunAsNonRoot.',
  helpUri: PSP,
  checkov: 'CKV_K8S_6',
  model: 'kubernetes',
  resourceTypes: ['PodSecurityPolicy'],
  check: (r) => {
    const rule = get(r.attributes, 'spec.runAsUser.rule');
    const path = 'spec.runAsUser.rule';
    if (isUnknown(rule)) return verdict('unknown', { value: rule, path });
    if (rule === 'MustRunAsNonRoot') return { outcome: 'pass', path, value: rule };
    if (rule === 'MustRunAs') {
      const ranges = get(r.attributes, 'spec.runAsUser.ranges');
      const ok = Array.isArray(ranges) && ranges.length > 0 && ranges.every((x) => isObject(x) && (asNumber(x.min) ?? 0) > 0);
      return { outcome: ok ? 'pass' : 'fail', path: 'spec.runAsUser.ranges' };
    }
    return { outcome: 'fail', path, ...(rule !== undefined ? { value: rule } : {}) };
  },
  examples: {
    k8s: {
      fail: [psp('  runAsUser:\n    rule: RunAsAny\n'), psp('  runAsUser:\n    rule: MustRunAs\n    ranges:\n      - min: 0\n        max: 65535\n')],
      pass: [psp(RUN_AS_NON_ROOT), psp('  runAsUser:\n    rule: MustRunAs\n    ranges:\n      - min: 10000\n        max: 65535\n')],
    },
  },
};

const dropped = (v: unknown) => strings(v as never).map((s) => s.toUpperCase().replace(/^CAP_/, ''));

export const pspNetRaw: IacRule = {
  id: 'IAC-K8S-PSP-NET-RAW',
  title: 'PodSecurityPolicy admits containers with NET_RAW',
  severity: 'medium',
  description: 'Unless requiredDropCapabilities contains NET_RAW (or ALL), admitted containers keep NET_RAW and can spoof traffic on the node’s network.',
  remediation: 'Add NET_RAW (or ALL) to spec.requiredDropCapabilities.',
  helpUri: PSP,
  checkov: 'CKV_K8S_7',
  model: 'kubernetes',
  resourceTypes: ['PodSecurityPolicy'],
  check: expectValue('spec.requiredDropCapabilities', (v) => dropped(v).some((c) => c === 'NET_RAW' || c === 'ALL')),
  examples: {
    k8s: { fail: [psp(RUN_AS_NON_ROOT), psp(`  requiredDropCapabilities: [SYS_ADMIN]\n${RUN_AS_NON_ROOT}`)], pass: [psp(`  requiredDropCapabilities: [ALL]\n${RUN_AS_NON_ROOT}`)] },
  },
};

export const pspAllowedCapabilities: IacRule = {
  id: 'IAC-K8S-PSP-ALLOWED-CAPABILITIES',
  title: 'PodSecurityPolicy allows containers to add capabilities',
  severity: 'medium',
  description: 'allowedCapabilities lets admitted containers add capabilities beyond the runtime defaults.',
  remediation: 'Remove spec.allowedCapabilities (or leave it empty).',
  helpUri: PSP,
  checkov: 'CKV_K8S_24',
  model: 'kubernetes',
  resourceTypes: ['PodSecurityPolicy'],
  check: forbid('spec.allowedCapabilities', (v) => Array.isArray(v) && v.length > 0),
  examples: {
    k8s: { fail: [psp(`  allowedCapabilities: [NET_ADMIN]\n${RUN_AS_NON_ROOT}`)], pass: [psp(RUN_AS_NON_ROOT), psp(`  allowedCapabilities: []\n${RUN_AS_NON_ROOT}`)] },
  },
};

export const pspRequiredDrop: IacRule = {
  id: 'IAC-K8S-PSP-REQUIRED-DROP-CAPABILITIES',
  title: 'PodSecurityPolicy requires no capabilities to be dropped',
  severity: 'low',
  description: 'Without requiredDropCapabilities, admitted containers keep every default capability of the runtime.',
  remediation: 'Set spec.requiredDropCapabilities: [ALL].',
  helpUri: PSP,
  checkov: 'CKV_K8S_36',
  model: 'kubernetes',
  resourceTypes: ['PodSecurityPolicy'],
  check: expectValue('spec.requiredDropCapabilities', (v) => Array.isArray(v) && v.length > 0),
  examples: {
    k8s: { fail: [psp(RUN_AS_NON_ROOT)], pass: [psp(`  requiredDropCapabilities: [ALL]\n${RUN_AS_NON_ROOT}`)] },
  },
};

const SECCOMP_DEFAULT = 'seccomp.security.alpha.kubernetes.io/defaultProfileName';

export const pspSeccomp: IacRule = {
  id: 'IAC-K8S-PSP-SECCOMP',
  title: 'PodSecurityPolicy sets no default seccomp profile',
  severity: 'medium',
  description: 'Without the defaultProfileName annotation, pods admitted by the policy run without seccomp filtering.',
  remediation: 'Annotate the policy with seccomp.security.alpha.kubernetes.io/defaultProfileName: runtime/default.',
  helpUri: PSP,
  checkov: 'CKV_K8S_32',
  model: 'kubernetes',
  resourceTypes: ['PodSecurityPolicy'],
  check: expectValue(`metadata.annotations["${SECCOMP_DEFAULT}"]`, ['runtime/default', 'docker/default']),
  examples: {
    k8s: {
      fail: [psp(RUN_AS_NON_ROOT), psp(RUN_AS_NON_ROOT, `  annotations:\n    ${SECCOMP_DEFAULT}: unconfined\n`)],
      pass: [psp(RUN_AS_NON_ROOT, `  annotations:\n    ${SECCOMP_DEFAULT}: runtime/default\n`)],
    },
  },
};

export const podSecurityPolicyRules: readonly IacRule[] = [
  pspHostPid,
  pspPrivileged,
  pspHostIpc,
  pspHostNetwork,
  pspPrivilegeEscalation,
  pspRoot,
  pspNetRaw,
  pspAllowedCapabilities,
  pspRequiredDrop,
  pspSeccomp,
];
