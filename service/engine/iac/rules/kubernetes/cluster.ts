// Rules on cluster objects other than workloads and RBAC: service accounts, Services, Ingresses and
// Namespaces (Pod Security admission).
import { expect as expectValue, forbid } from '../../helpers';
import type { IacRule, Verdict } from '../../types';
import { get, isObject, isUnknown, joinPath } from '../../values';
import { strings, verdict } from './checks';

const service = (spec: string, name = 'web', labels = ''): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: shop\n${labels}spec:\n  selector:\n    app: ${name}\n  ports:\n    - port: 443\n      targetPort: 8443\n${spec}`;

export const defaultServiceAccountAutomount: IacRule = {
  id: 'IAC-K8S-DEFAULT-SERVICE-ACCOUNT-AUTOMOUNT',
  title: 'Default service account mounts its token into pods',
  severity: 'medium',
  description: 'Pods that name no service account run as the namespace’s default one and get its token. Turning automount off on the default account keeps tokens out of pods that never asked for one.',
  remediation: 'Declare the default ServiceAccount with automountServiceAccountToken: false.',
  remediationSnippet: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: shop\nautomountServiceAccountToken: false',
  helpUri: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
  checkov: 'CKV_K8S_41',
  cis: ['CIS Kubernetes 5.1.5'],
  model: 'kubernetes',
  resourceTypes: ['ServiceAccount'],
  check: (r, ctx) => (r.name === 'default' ? expectValue('automountServiceAccountToken', false)(r, ctx) : { outcome: 'not-applicable' }),
  examples: {
    k8s: {
      fail: ['apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: shop\n', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: shop\nautomountServiceAccountToken: true\n'],
      pass: ['apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: shop\nautomountServiceAccountToken: false\n'],
    },
  },
};

export const tillerService: IacRule = {
  id: 'IAC-K8S-TILLER-SERVICE',
  title: 'A Service exposes Tiller (Helm 2)',
  severity: 'high',
  description: 'Tiller’s gRPC port (44134) is unauthenticated by default: a Service in front of it lets any pod deploy anything with Tiller’s rights.',
  remediation: 'Delete the tiller-deploy Service (and Tiller itself: move to Helm 3).',
  helpUri: 'https://helm.sh/docs/faq/changes_since_helm2/#removal-of-tiller',
  checkov: 'CKV_K8S_44',
  model: 'kubernetes',
  resourceTypes: ['Service'],
  check: (r) => {
    const selector = get(r.attributes, 'spec.selector');
    const labels = get(r.attributes, 'metadata.labels');
    const tiller = (m: unknown) => isObject(m) && Object.values(m).some((v) => typeof v === 'string' && /tiller/i.test(v));
    if (/tiller/i.test(r.name)) return { outcome: 'fail', path: 'metadata.name', value: r.name };
    if (tiller(selector)) return { outcome: 'fail', path: 'spec.selector' };
    if (tiller(labels)) return { outcome: 'fail', path: 'metadata.labels' };
    return { outcome: 'pass', path: 'spec.selector' };
  },
  examples: {
    k8s: {
      fail: [
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: tiller-deploy\n  namespace: kube-system\nspec:\n  selector:\n    app: helm\n    name: tiller\n  ports:\n    - port: 44134\n`,
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: helm-api\n  namespace: kube-system\nspec:\n  selector:\n    component: tiller-deploy\n  ports:\n    - port: 44134\n`,
      ],
      pass: [service('')],
    },
  },
};

export const nodePortService: IacRule = {
  id: 'IAC-K8S-NODEPORT-SERVICE',
  title: 'Service is exposed on every node (NodePort)',
  severity: 'low',
  description: 'A NodePort Service opens the port on every node’s address, bypassing the load balancer, ingress and their controls.',
  remediation: 'Use ClusterIP behind an Ingress, or a LoadBalancer with source ranges.',
  helpUri: 'https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport',
  model: 'kubernetes',
  resourceTypes: ['Service'],
  check: forbid('spec.type', 'NodePort'),
  examples: {
    k8s: {
      fail: [service('  type: NodePort\n')],
      pass: [service(''), service('  type: ClusterIP\n')],
    },
    kustomize: {
      fail: [{ files: { 'kustomization.yaml': 'resources:\n  - service.yaml\npatches:\n  - target:\n      kind: Service\n      name: web\n    patch: |-\n      - op: add\n        path: /spec/type\n        value: NodePort\n', 'service.yaml': service('') } }],
      pass: [{ files: { 'kustomization.yaml': 'resources:\n  - service.yaml\n', 'service.yaml': service('') } }],
    },
  },
};

export const loadBalancerSourceRanges: IacRule = {
  id: 'IAC-K8S-LOADBALANCER-OPEN',
  title: 'LoadBalancer Service is open to the internet',
  severity: 'medium',
  description: 'A LoadBalancer Service without loadBalancerSourceRanges (or with 0.0.0.0/0) accepts connections from anywhere.',
  remediation: 'Set spec.loadBalancerSourceRanges to the networks that should reach the service, or make the load balancer internal.',
  remediationSnippet: 'spec:\n  type: LoadBalancer\n  loadBalancerSourceRanges:\n    - 203.0.113.0/24',
  helpUri: 'https://kubernetes.io/docs/tasks/access-application-cluster/create-external-load-balancer/#restricting-access',
  model: 'kubernetes',
  resourceTypes: ['Service'],
  check: (r) => {
    const type = get(r.attributes, 'spec.type');
    if (type !== 'LoadBalancer') return { outcome: 'not-applicable' };
    const annotations = get(r.attributes, 'metadata.annotations');
    if (isObject(annotations) && Object.entries(annotations).some(([k, v]) => /internal|load-balancer-scheme/.test(k) && /^(?:true|internal)$/i.test(String(v)))) {
      return { outcome: 'pass', path: 'metadata.annotations' };
    }
    const ranges = get(r.attributes, 'spec.loadBalancerSourceRanges');
    if (isUnknown(ranges)) return verdict('unknown', { value: ranges, path: 'spec.loadBalancerSourceRanges' });
    const list = strings(ranges);
    if (!list.length) return { outcome: 'fail', path: 'spec.loadBalancerSourceRanges' };
    const open = list.findIndex((x) => x === '0.0.0.0/0' || x === '::/0');
    return open === -1 ? { outcome: 'pass', path: 'spec.loadBalancerSourceRanges', value: ranges } : { outcome: 'fail', path: `spec.loadBalancerSourceRanges[${open}]`, value: list[open] };
  },
  examples: {
    k8s: {
      fail: [service('  type: LoadBalancer\n'), service('  type: LoadBalancer\n  loadBalancerSourceRanges:\n    - 0.0.0.0/0\n')],
      pass: [
        service('  type: LoadBalancer\n  loadBalancerSourceRanges:\n    - 10.0.0.0/8\n'),
        service('  type: LoadBalancer\n', 'web', '  annotations:\n    service.beta.kubernetes.io/azure-load-balancer-internal: "true"\n'),
      ],
    },
  },
};

export const externalIps: IacRule = {
  id: 'IAC-K8S-SERVICE-EXTERNAL-IPS',
  title: 'Service sets externalIPs',
  severity: 'medium',
  description: 'spec.externalIPs lets a Service capture traffic to any address in the cluster (CVE-2020-8554): whoever can write Services can intercept others’ traffic.',
  remediation: 'Remove spec.externalIPs; use a LoadBalancer or Ingress; block the field with an admission policy.',
  helpUri: 'https://github.com/kubernetes/kubernetes/issues/97076',
  model: 'kubernetes',
  resourceTypes: ['Service'],
  check: (r) => {
    const ips = get(r.attributes, 'spec.externalIPs');
    if (isUnknown(ips)) return verdict('unknown', { value: ips, path: 'spec.externalIPs' });
    return strings(ips).length ? { outcome: 'fail', path: 'spec.externalIPs', value: ips } : { outcome: 'pass', path: 'spec.externalIPs' };
  },
  examples: {
    k8s: {
      fail: [service('  externalIPs:\n    - 203.0.113.10\n')],
      pass: [service('')],
    },
  },
};

const ingress = (extra: string, annotations = ''): string =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\n${annotations}spec:\n  ingressClassName: nginx\n${extra}  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 443\n`;

const TLS = '  tls:\n    - hosts: [shop.example.com]\n      secretName: shop-tls\n';

export const ingressTls: IacRule = {
  id: 'IAC-K8S-INGRESS-NO-TLS',
  title: 'Ingress serves without TLS',
  severity: 'medium',
  description: 'An Ingress without a tls section serves its hosts over plain HTTP: credentials and session cookies cross the network in clear text.',
  remediation: 'Add spec.tls with the hosts and the Secret holding their certificate (cert-manager can issue it).',
  remediationSnippet: TLS.replace(/^ {2}/gm, ''),
  helpUri: 'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
  cwe: ['CWE-319'],
  model: 'kubernetes',
  resourceTypes: ['Ingress'],
  check: (r) => {
    const tls = get(r.attributes, 'spec.tls');
    if (isUnknown(tls)) return verdict('unknown', { value: tls, path: 'spec.tls' });
    return Array.isArray(tls) && tls.length ? { outcome: 'pass', path: 'spec.tls' } : { outcome: 'fail', path: 'spec.tls' };
  },
  examples: {
    k8s: { fail: [ingress('')], pass: [ingress(TLS)] },
    kustomize: {
      fail: [{ files: { 'kustomization.yaml': 'resources:\n  - ingress.yaml\npatches:\n  - target:\n      kind: Ingress\n    patch: |-\n      - op: remove\n        path: /spec/tls\n', 'ingress.yaml': ingress(TLS) } }],
      pass: [{ files: { 'kustomization.yaml': 'resources:\n  - ingress.yaml\n', 'ingress.yaml': ingress(TLS) } }],
    },
  },
};

/** Any *-snippet annotation: ingress-nginx's prefix is configurable (--annotation-prefix), so the key's prefix is not required. */
const SNIPPET = /snippet/i;

export const nginxSnippets: IacRule = {
  id: 'IAC-K8S-INGRESS-NGINX-SNIPPET',
  title: 'Ingress uses ingress-nginx snippet annotations',
  severity: 'high',
  description: 'Snippet annotations inject raw NGINX configuration: whoever can write an Ingress can read the controller’s secrets or run code in it (CVE-2021-25742, CVE-2023-5044, CVE-2025-1974).',
  remediation: 'Remove the *-snippet annotations and keep allow-snippet-annotations disabled on the controller.',
  helpUri: 'https://github.com/kubernetes/ingress-nginx/issues/7837',
  checkov: 'CKV_K8S_153',
  model: 'kubernetes',
  resourceTypes: ['Ingress'],
  check: (r) => {
    const annotations = get(r.attributes, 'metadata.annotations');
    const fails: Verdict[] = isObject(annotations)
      ? Object.keys(annotations)
          .filter((k) => SNIPPET.test(k))
          .map((k) => ({ outcome: 'fail', path: joinPath('metadata.annotations', k) }))
      : [];
    return fails.length ? fails : { outcome: 'pass', path: 'metadata.annotations' };
  },
  examples: {
    k8s: {
      fail: [
        ingress(TLS, '  annotations:\n    nginx.ingress.kubernetes.io/configuration-snippet: |\n      more_set_headers "X-Env: prod";\n'),
        ingress(TLS, '  annotations:\n    ingress.example.com/server-snippet: |\n      location /x { return 403; }\n'),
      ],
      pass: [ingress(TLS, '  annotations:\n    nginx.ingress.kubernetes.io/ssl-redirect: "true"\n')],
    },
  },
};

const PSA_ENFORCE = 'pod-security.kubernetes.io/enforce';

export const namespacePodSecurity: IacRule = {
  id: 'IAC-K8S-NAMESPACE-POD-SECURITY',
  title: 'Namespace does not enforce a Pod Security Standard',
  severity: 'medium',
  description: 'Pod Security admission enforces the baseline or restricted standard only in namespaces labelled for it: without the label (or with privileged) any pod spec is admitted.',
  remediation: 'Label the namespace pod-security.kubernetes.io/enforce: restricted (or baseline).',
  remediationSnippet: 'metadata:\n  labels:\n    pod-security.kubernetes.io/enforce: restricted',
  helpUri: 'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
  model: 'kubernetes',
  resourceTypes: ['Namespace'],
  check: (r) => {
    if (/^kube-/.test(r.name)) return { outcome: 'not-applicable' };
    const path = joinPath('metadata.labels', PSA_ENFORCE);
    const labels = get(r.attributes, 'metadata.labels');
    const level = isObject(labels) ? labels[PSA_ENFORCE] : undefined;
    if (isUnknown(level)) return verdict('unknown', { value: level, path });
    if (level === 'baseline' || level === 'restricted') return { outcome: 'pass', path, value: level };
    return { outcome: 'fail', path, ...(level !== undefined ? { value: level } : {}) };
  },
  examples: {
    k8s: {
      fail: ['apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n'],
      pass: ['apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/enforce-version: latest\n'],
    },
    kustomize: {
      fail: [{ files: { 'kustomization.yaml': 'resources:\n  - namespace.yaml\n', 'namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n' } }],
      pass: [{ files: { 'kustomization.yaml': 'resources:\n  - namespace.yaml\nlabels:\n  - pairs:\n      pod-security.kubernetes.io/enforce: baseline\n', 'namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n' } }],
    },
  },
};

export const clusterRules: readonly IacRule[] = [
  defaultServiceAccountAutomount,
  tillerService,
  nodePortService,
  loadBalancerSourceRanges,
  externalIps,
  ingressTls,
  nginxSnippets,
  namespacePodSecurity,
];
