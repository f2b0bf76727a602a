// Per-container rules beyond the security context: resources, probes, images, secrets in the
// environment, host ports, and images that should not be deployed at all.
import { podMetadataPath, type ContainerAt } from '../../kubernetes/pod';
import type { IacRule, IacValue, Verdict } from '../../types';
import { get, isObject, isUnknown, joinPath } from '../../values';
import { APP_CONTAINERS, ALL_CONTAINERS, eachContainer, SIZED_CONTAINERS, verdict, WORKLOAD_KINDS } from './checks';
import { cronJob, deployment, deploymentPatch, helmChart, jsonPatchOverlay, overlay, pod, statefulSet } from './examples';

const RESOURCES = 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/';
const PROBES = 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/';
const IMAGES = 'https://kubernetes.io/docs/concepts/containers/images/';
const PSS_HOST = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';

function resourceSet(kind: 'requests' | 'limits', what: 'cpu' | 'memory') {
  return eachContainer((c) => {
    const path = `${c.path}.resources.${kind}.${what}`;
    const value = get(c.container, `resources.${kind}.${what}`);
    if (isUnknown(value)) return verdict('unknown', { value, path });
    const set = value !== undefined && value !== null && value !== '';
    return set ? { outcome: 'pass', path, value } : { outcome: 'fail', path };
  }, SIZED_CONTAINERS);
}

const sized = (cpu: boolean, memory: boolean) => {
  const parts = [cpu ? 'cpu: 250m' : '', memory ? 'memory: 256Mi' : ''].filter(Boolean).join('\n    ');
  return `resources:\n  requests:\n    ${parts}\n  limits:\n    ${parts}`;
};

function resourceRule(id: string, checkov: string, kind: 'requests' | 'limits', what: 'cpu' | 'memory'): IacRule {
  const noun = what === 'cpu' ? 'CPU' : 'memory';
  const why =
    kind === 'limits'
      ? `Without a ${noun} limit one container can take the node’s ${noun} and starve every other pod on it (a denial of service by a bug or an attacker).`
      : `Without a ${noun} request the scheduler places the pod blindly and the pod is first to be evicted under pressure.`;
  return {
    id,
    title: `Container has no ${noun} ${kind === 'limits' ? 'limit' : 'request'}`,
    severity: 'low',
    description: why,
    remediation: `Set resources.${kind}.${what} on every container.`,
    remediationSnippet: `resources:\n  ${kind}:\n    ${what}: ${what === 'cpu' ? '500m' : '512Mi'}`,
    helpUri: RESOURCES,
    checkov,
    cwe: ['CWE-770'],
    model: 'kubernetes',
    resourceTypes: WORKLOAD_KINDS,
    check: resourceSet(kind, what),
    examples: {
      k8s: {
        fail: [
          pod(),
          deployment({ container: sized(what !== 'cpu', what !== 'memory') }),
          cronJob({ container: sized(true, true), initContainers: '- name: migrate\n  image: busybox:1.36' }),
        ],
        pass: [pod({ container: sized(true, true) }), deployment({ container: sized(true, true) }), cronJob({ container: sized(what === 'cpu', what === 'memory') })],
      },
      kustomize: {
        fail: [jsonPatchOverlay(deployment({ container: sized(true, true) }), 'Deployment', 'web', `- op: remove\n  path: /spec/template/spec/containers/0/resources/${kind}/${what}\n`)],
        pass: [overlay(deployment(), deploymentPatch({ container: sized(true, true) }))],
      },
    },
  };
}

export const cpuRequests = resourceRule('IAC-K8S-CPU-REQUESTS', 'CKV_K8S_10', 'requests', 'cpu');
export const cpuLimits = resourceRule('IAC-K8S-CPU-LIMITS', 'CKV_K8S_11', 'limits', 'cpu');
export const memoryRequests = resourceRule('IAC-K8S-MEMORY-REQUESTS', 'CKV_K8S_12', 'requests', 'memory');
export const memoryLimits = resourceRule('IAC-K8S-MEMORY-LIMITS', 'CKV_K8S_13', 'limits', 'memory');

/** Jobs run to completion: probes do not apply to them. */
const LONG_RUNNING = WORKLOAD_KINDS.filter((k) => k !== 'Job' && k !== 'CronJob');

function probeRule(id: string, checkov: string, probe: 'livenessProbe' | 'readinessProbe'): IacRule {
  const liveness = probe === 'livenessProbe';
  const body = liveness ? 'livenessProbe:\n  httpGet:\n    path: /healthz\n    port: 8080' : 'readinessProbe:\n  tcpSocket:\n    port: 8080';
  return {
    id,
    title: `Container has no ${liveness ? 'liveness' : 'readiness'} probe`,
    severity: 'low',
    description: liveness
      ? 'Without a liveness probe a hung container keeps running and serving nothing (or serving errors) until someone restarts it.'
      : 'Without a readiness probe traffic reaches the container before it can serve and while it is overloaded.',
    remediation: `Define ${probe} on every long-running container.`,
    remediationSnippet: body,
    helpUri: PROBES,
    checkov,
    model: 'kubernetes',
    resourceTypes: LONG_RUNNING,
    check: eachContainer((c) => {
      const path = `${c.path}.${probe}`;
      const value = c.container[probe];
      if (isUnknown(value)) return verdict('unknown', { value, path });
      return isObject(value) && Object.keys(value).length ? { outcome: 'pass', path } : { outcome: 'fail', path };
    }, APP_CONTAINERS),
    examples: {
      k8s: {
        fail: [pod(), deployment(), statefulSet({ container: liveness ? 'readinessProbe:\n  tcpSocket:\n    port: 80' : 'livenessProbe:\n  tcpSocket:\n    port: 80' })],
        pass: [pod({ container: body }), deployment({ container: body, initContainers: '- name: init\n  image: busybox:1.36' }), statefulSet({ container: body })],
      },
    },
  };
}

export const livenessProbe = probeRule('IAC-K8S-LIVENESS-PROBE', 'CKV_K8S_8', 'livenessProbe');
export const readinessProbe = probeRule('IAC-K8S-READINESS-PROBE', 'CKV_K8S_9', 'readinessProbe');

interface ImageRef {
  name: string;
  tag?: string;
  digest?: string;
}

/** `registry:5000/team/app:1.2@sha256:…` → name, tag, digest. */
export function parseImage(image: string): ImageRef {
  const at = image.indexOf('@');
  const digest = at === -1 ? undefined : image.slice(at + 1);
  const rest = at === -1 ? image : image.slice(0, at);
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), ...(digest ? { digest } : {}) };
  return { name: rest, ...(digest ? { digest } : {}) };
}

function onImage(judge: (ref: ImageRef, c: ContainerAt, path: string, image: string) => Verdict): ReturnType<typeof eachContainer> {
  return eachContainer((c) => {
    const path = `${c.path}.image`;
    const image: IacValue | undefined = c.container.image;
    if (isUnknown(image)) return verdict('unknown', { value: image, path });
    if (typeof image !== 'string' || !image.trim()) return { outcome: 'fail', path, message: `Container ${c.name} has no image` };
    return judge(parseImage(image.trim()), c, path, image);
  }, ALL_CONTAINERS);
}

const floating = (ref: ImageRef): boolean => !ref.digest && (!ref.tag || ref.tag === 'latest');

export const imageTagFixed: IacRule = {
  id: 'IAC-K8S-IMAGE-TAG-NOT-FIXED',
  title: 'Container image has no tag or uses latest',
  severity: 'medium',
  description: 'An image without a tag, or tagged latest, changes under the same manifest: what runs is not what was reviewed, and a pushed image takes effect on the next restart.',
  remediation: 'Pin the image to a version tag, or better a digest (image@sha256:…).',
  remediationSnippet: 'image: nginx:1.25.3',
  helpUri: IMAGES,
  checkov: 'CKV_K8S_14',
  cwe: ['CWE-1357'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: onImage((ref, _c, path, image) => ({ outcome: floating(ref) ? 'fail' : 'pass', path, value: image })),
  examples: {
    helm: {
      fail: [helmChart({ tag: 'latest' })],
      pass: [helmChart({ tag: '1.27.0' })],
    },
    k8s: {
      fail: [pod({ image: 'nginx' }), deployment({ image: 'registry.example.com:5000/shop/web:latest' }), cronJob({ initContainers: '- name: init\n  image: busybox' })],
      pass: [pod(), deployment({ image: 'registry.example.com:5000/shop/web:2.4.1' }), cronJob({ image: 'busybox@sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7' })],
    },
    kustomize: {
      fail: [{ files: { 'kustomization.yaml': 'resources:\n  - deployment.yaml\nimages:\n  - name: nginx\n    newTag: latest\n', 'deployment.yaml': deployment() } }],
      pass: [{ files: { 'kustomization.yaml': 'resources:\n  - deployment.yaml\nimages:\n  - name: nginx\n    newTag: 1.27.0\n', 'deployment.yaml': deployment({ image: 'nginx' }) } }],
    },
  },
};

export const imagePullPolicyAlways: IacRule = {
  id: 'IAC-K8S-IMAGE-PULL-POLICY-NOT-ALWAYS',
  title: 'Container image pull policy is not Always',
  severity: 'low',
  description:
    'With IfNotPresent or Never, a pod may start from an image cached on the node without the registry checking the pod’s pull credentials: another tenant’s private image can be used. Without imagePullPolicy, an image pinned only by digest fails, since Kubernetes then defaults to IfNotPresent (Checkov passes it).',
  remediation: 'Set imagePullPolicy: Always (the default only for untagged and latest images).',
  remediationSnippet: 'imagePullPolicy: Always',
  helpUri: IMAGES,
  checkov: 'CKV_K8S_15',
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: onImage((ref, c) => {
    const path = `${c.path}.imagePullPolicy`;
    const policy = c.container.imagePullPolicy;
    if (isUnknown(policy)) return verdict('unknown', { value: policy, path });
    if (policy === undefined) return { outcome: floating(ref) && !ref.digest ? 'pass' : 'fail', path };
    return { outcome: policy === 'Always' ? 'pass' : 'fail', path, value: policy };
  }),
  examples: {
    k8s: {
      fail: [pod(), deployment({ container: 'imagePullPolicy: IfNotPresent' }), cronJob({ image: 'busybox:latest', container: 'imagePullPolicy: Never' })],
      pass: [pod({ container: 'imagePullPolicy: Always' }), deployment({ image: 'nginx:latest' }), cronJob({ container: 'imagePullPolicy: Always' })],
    },
  },
};

const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

export const imageDigest: IacRule = {
  id: 'IAC-K8S-IMAGE-DIGEST',
  title: 'Container image is not pinned by digest',
  severity: 'low',
  description: 'Tags can be moved to another image; a digest names exactly one image, so what runs is what was scanned and approved.',
  remediation: 'Reference the image by digest: name@sha256:… (a tag may stay for readability: name:1.2@sha256:…).',
  remediationSnippet: 'image: nginx:1.25.3@sha256:<digest>',
  helpUri: IMAGES,
  checkov: 'CKV_K8S_43',
  cwe: ['CWE-1357'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  // Any digest in the OCI grammar (algorithm:encoded) counts: a malformed one fails to pull rather than running something else.
  check: onImage((ref, _c, path, image) => ({ outcome: ref.digest && DIGEST.test(ref.digest) ? 'pass' : 'fail', path, value: image })),
  examples: {
    k8s: {
      fail: [
        pod(),
        deployment({ image: 'nginx:latest' }),
        cronJob({ image: 'busybox@sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7', initContainers: '- name: init\n  image: alpine:3.19' }),
        pod({ image: 'nginx@' }),
      ],
      pass: [
        pod({ image: 'nginx:1.25.3@sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7' }),
        deployment({ image: 'registry.example.com/web@sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7' }),
        statefulSet({ image: 'registry.example.com/data/queue@sha256:1f0c' }),
      ],
    },
    kustomize: {
      fail: [{ files: { 'kustomization.yaml': 'resources:\n  - pod.yaml\nimages:\n  - name: nginx\n    newTag: 1.27.0\n', 'pod.yaml': pod() } }],
      pass: [{ files: { 'kustomization.yaml': 'resources:\n  - pod.yaml\nimages:\n  - name: nginx\n    digest: sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7\n', 'pod.yaml': pod() } }],
    },
  },
};

export const secretsInEnvironment: IacRule = {
  id: 'IAC-K8S-SECRETS-AS-ENV',
  title: 'Secret passed to a container as environment variables',
  severity: 'low',
  description:
    'Environment variables leak: into logs and crash dumps, to child processes, and through the API to anyone who can read the pod spec of a running process. Mounted secret files do not, and follow rotation.',
  remediation: 'Mount the Secret as a volume and read the files, instead of env[].valueFrom.secretKeyRef or envFrom[].secretRef.',
  remediationSnippet: 'volumeMounts:\n  - name: creds\n    mountPath: /etc/creds\n    readOnly: true\n# pod spec:\nvolumes:\n  - name: creds\n    secret:\n      secretName: db-creds',
  helpUri: 'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod',
  checkov: 'CKV_K8S_35',
  cis: ['CIS Kubernetes 5.4.1'],
  cwe: ['CWE-526'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: eachContainer((c) => {
      const bad: string[] = [];
      const env = c.container.env;
      if (Array.isArray(env)) env.forEach((e, i) => isObject(e) && get(e, 'valueFrom.secretKeyRef') !== undefined && bad.push(`${joinPath(`${c.path}.env`, i)}.valueFrom.secretKeyRef`));
      const from = c.container.envFrom;
      if (Array.isArray(from)) from.forEach((e, i) => isObject(e) && e.secretRef !== undefined && bad.push(joinPath(joinPath(`${c.path}.envFrom`, i), 'secretRef')));
    return bad.length ? { outcome: 'fail', path: bad[0] } : { outcome: 'pass', path: `${c.path}.env` };
  }),
  examples: {
    k8s: {
      fail: [
        pod({ container: 'env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n        key: password' }),
        deployment({ container: 'envFrom:\n  - secretRef:\n      name: app-secrets' }),
        cronJob({ container: 'env:\n  - name: TOKEN\n    valueFrom:\n      secretKeyRef:\n        name: api\n        key: token' }),
      ],
      pass: [
        pod({ container: 'env:\n  - name: MODE\n    value: prod\n  - name: LEVEL\n    valueFrom:\n      configMapKeyRef:\n        name: app\n        key: level' }),
        deployment({ container: 'volumeMounts:\n  - name: creds\n    mountPath: /etc/creds\n    readOnly: true', pod: 'volumes:\n  - name: creds\n    secret:\n      secretName: db' }),
        cronJob(),
      ],
    },
  },
};

export const hostPort: IacRule = {
  id: 'IAC-K8S-HOST-PORT',
  title: 'Container binds a port of the node',
  severity: 'medium',
  description: 'A hostPort exposes the container on the node’s address, bypassing Services and network policies, and limits where the pod can be scheduled.',
  remediation: 'Remove ports[].hostPort and expose the container through a Service.',
  helpUri: PSS_HOST,
  checkov: 'CKV_K8S_26',
  cis: ['CIS Kubernetes 5.2.13'],
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: eachContainer((c) => {
    const ports = c.container.ports;
    if (isUnknown(ports)) return verdict('unknown', { value: ports, path: `${c.path}.ports` });
    if (Array.isArray(ports)) {
      for (const [i, p] of ports.entries()) {
        const hp = isObject(p) ? p.hostPort : undefined;
        if (isUnknown(hp)) return verdict('unknown', { value: hp, path: `${c.path}.ports[${i}].hostPort` });
        if (hp !== undefined && hp !== null && Number(hp) !== 0) return { outcome: 'fail', path: `${c.path}.ports[${i}].hostPort`, value: hp };
      }
    }
    return { outcome: 'pass', path: `${c.path}.ports` };
  }),
  examples: {
    k8s: {
      fail: [pod({ container: 'ports:\n  - containerPort: 8080\n    hostPort: 80' }), deployment({ container: 'ports:\n  - containerPort: 443\n    hostPort: 443' })],
      pass: [pod({ container: 'ports:\n  - containerPort: 8080' }), deployment(), cronJob()],
    },
  },
};

/** Images of components that should not be deployed (Helm 2's Tiller, the Kubernetes dashboard). */
function forbiddenImage(test: RegExp) {
  return onImage((ref, _c, path, image) => ({ outcome: test.test(ref.name) ? 'fail' : 'pass', path, value: image }));
}

export const tillerDeployed: IacRule = {
  id: 'IAC-K8S-TILLER-DEPLOYED',
  title: 'Tiller (Helm 2) is deployed',
  severity: 'high',
  description: 'Tiller, Helm 2’s in-cluster component, runs with broad cluster rights and, by default, an unauthenticated gRPC API: anyone reaching it can deploy anything. Helm 2 is end-of-life.',
  remediation: 'Remove Tiller and move to Helm 3, which has no in-cluster component.',
  helpUri: 'https://helm.sh/docs/faq/changes_since_helm2/#removal-of-tiller',
  checkov: 'CKV_K8S_34',
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: forbiddenImage(/tiller/i),
  examples: {
    k8s: {
      fail: [
        deployment({ image: 'gcr.io/kubernetes-helm/tiller:v2.16.12', name: 'tiller-deploy', namespace: 'kube-system' }),
        pod({ image: 'ghcr.io/helm/tiller:v2.17.0' }),
        pod({ image: 'registry.example.com/mirror/tiller-v2:2.17.0' }),
      ],
      pass: [deployment(), pod({ image: 'alpine/helm:3.14.0' })],
    },
  },
};

/** The dashboard's images (kubernetesui/dashboard, metrics-scraper, the old kubernetes-dashboard-amd64...). */
const dashboardImage = onImage((ref, _c, path, image) => ({ outcome: /kubernetes-dashboard|kubernetesui\//.test(ref.name) ? 'fail' : 'pass', path, value: image }));

export const dashboardDeployed: IacRule = {
  id: 'IAC-K8S-DASHBOARD-DEPLOYED',
  title: 'The Kubernetes dashboard is deployed',
  severity: 'medium',
  description: 'The Kubernetes dashboard has been a frequent way into clusters (exposed with a privileged service account); managed platforms removed it.',
  remediation: 'Do not deploy the dashboard; use kubectl or the cloud provider’s console with your own identity.',
  helpUri: 'https://github.com/kubernetes/dashboard',
  checkov: 'CKV_K8S_33',
  model: 'kubernetes',
  resourceTypes: WORKLOAD_KINDS,
  check: (r, ctx) => {
    const labelsPath = podMetadataPath(r.type);
    const labels = labelsPath ? get(r.attributes, `${labelsPath}.labels`) : undefined;
    const labelKey = isObject(labels) ? ['app', 'k8s-app'].find((k) => labels[k] === 'kubernetes-dashboard') : undefined;
    if (labelsPath && labelKey) return { outcome: 'fail', path: joinPath(`${labelsPath}.labels`, labelKey), value: 'kubernetes-dashboard' };
    return dashboardImage(r, ctx);
  },
  examples: {
    k8s: {
      fail: [
        deployment({ image: 'kubernetesui/dashboard:v2.7.0', name: 'kubernetes-dashboard', namespace: 'kubernetes-dashboard' }),
        deployment({ image: 'docker.io/kubernetesui/metrics-scraper:v1.0.8', name: 'dashboard-metrics-scraper' }),
        pod({ image: 'registry.example.com/mirror/dashboard:v2.7.0', podMeta: 'labels:\n  k8s-app: kubernetes-dashboard' }),
      ],
      pass: [deployment(), deployment({ image: 'grafana/grafana:10.4.2' }), deployment({ image: 'example/dashboard:1.0.0' })],
    },
  },
};

export const containerRules: readonly IacRule[] = [
  cpuRequests,
  cpuLimits,
  memoryRequests,
  memoryLimits,
  livenessProbe,
  readinessProbe,
  imageTagFixed,
  imagePullPolicyAlways,
  imageDigest,
  secretsInEnvironment,
  hostPort,
  tillerDeployed,
  dashboardDeployed,
];
