// Builders for the rules' examples: the same pod written as a Pod, a Deployment and a CronJob, and a
// Kustomize overlay whose patch changes a base. The YAML they write is what people write.
import type { IacExampleInput } from '../../types';

export interface PodParts {
  /** YAML under the container, after name and image (`securityContext:\n  privileged: true`). */
  container?: string;
  /** YAML under the pod spec, before containers (`hostPID: true`). */
  pod?: string;
  /** YAML under the pod's metadata (`annotations:\n  x: y`). */
  podMeta?: string;
  /** The first container's image (default nginx:1.25.3). */
  image?: string;
  /** More YAML list items after the first container (`- name: b\n  image: x`). */
  moreContainers?: string;
  /** YAML list of init containers. */
  initContainers?: string;
  /** metadata.namespace (default 'shop'; '' for none). */
  namespace?: string;
  name?: string;
}

const indent = (text: string | undefined, n: number): string =>
  text
    ? `${text
        .replace(/\n$/, '')
        .split('\n')
        .map((l) => (l ? ' '.repeat(n) + l : l))
        .join('\n')}\n`
    : '';

function podBody(p: PodParts, at: number): string {
  const c = at + 2;
  return (
    indent(p.pod, at) +
    `${' '.repeat(at)}containers:\n` +
    `${' '.repeat(at)}  - name: app\n` +
    `${' '.repeat(c)}  image: ${p.image ?? 'nginx:1.25.3'}\n` +
    indent(p.container, c + 2) +
    indent(p.moreContainers, c) +
    (p.initContainers ? `${' '.repeat(at)}initContainers:\n${indent(p.initContainers, c)}` : '')
  );
}

const meta = (p: PodParts, fallback: string): string => {
  const ns = p.namespace ?? 'shop';
  return `metadata:\n  name: ${p.name ?? fallback}\n${ns ? `  namespace: ${ns}\n` : ''}`;
};

export function pod(p: PodParts = {}): string {
  return `apiVersion: v1\nkind: Pod\n${meta(p, 'web')}${indent(p.podMeta, 2)}spec:\n${podBody(p, 2)}`;
}

export function deployment(p: PodParts = {}): string {
  return (
    `apiVersion: apps/v1\nkind: Deployment\n${meta(p, 'web')}spec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n` +
    `  template:\n    metadata:\n      labels:\n        app: web\n${indent(p.podMeta, 6)}    spec:\n${podBody(p, 6)}`
  );
}

export function cronJob(p: PodParts = {}): string {
  return (
    `apiVersion: batch/v1\nkind: CronJob\n${meta(p, 'report')}spec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n` +
    (p.podMeta ? `        metadata:\n${indent(p.podMeta, 10)}` : '') +
    `        spec:\n          restartPolicy: OnFailure\n${podBody(p, 10)}`
  );
}

export function statefulSet(p: PodParts = {}): string {
  return (
    `apiVersion: apps/v1\nkind: StatefulSet\n${meta(p, 'db')}spec:\n  serviceName: db\n  selector:\n    matchLabels:\n      app: db\n` +
    `  template:\n    metadata:\n      labels:\n        app: db\n${indent(p.podMeta, 6)}    spec:\n${podBody(p, 6)}`
  );
}

/**
 * A Kustomize overlay (kustomization.yaml at the root) over base/ holding `baseManifest`, with a
 * strategic merge patch `patch` (a whole object, or the container part of a Deployment named web).
 */
export function overlay(baseManifest: string, patch: string, extra = ''): IacExampleInput {
  return {
    files: {
      'base/kustomization.yaml': 'resources:\n  - manifest.yaml\n',
      'base/manifest.yaml': baseManifest,
      'kustomization.yaml': `resources:\n  - base\n${extra}patches:\n  - path: patch.yaml\n`,
      'patch.yaml': patch,
    },
  };
}

/** A strategic merge patch of the Deployment `web` built by deployment(): container `app` and pod spec parts. */
export function deploymentPatch(p: { container?: string; pod?: string }): string {
  return (
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n' +
    indent(p.pod, 6) +
    (p.container !== undefined ? `      containers:\n        - name: app\n${indent(p.container, 10)}` : '')
  );
}

/** A JSON 6902 overlay over base/ holding `baseManifest`: `ops` is the YAML list of operations. */
export function jsonPatchOverlay(baseManifest: string, kind: string, name: string, ops: string): IacExampleInput {
  return {
    files: {
      'base/kustomization.yaml': 'resources:\n  - manifest.yaml\n',
      'base/manifest.yaml': baseManifest,
      'kustomization.yaml': `resources:\n  - base\npatches:\n  - target:\n      kind: ${kind}\n      name: ${name}\n    path: ops.yaml\n`,
      'ops.yaml': ops,
    },
  };
}

/** A Helm chart whose Deployment template takes hostNetwork, the image and the container securityContext from values.yaml. */
export function helmChart(values: { hostNetwork?: boolean; tag?: string; securityContext?: string }): IacExampleInput {
  const template = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
  namespace: {{ .Values.namespace }}
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      hostNetwork: {{ .Values.hostNetwork }}
      containers:
        - name: app
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
`;
  const valuesYaml =
    `namespace: shop\nhostNetwork: ${values.hostNetwork ?? false}\nimage:\n  repository: nginx\n  tag: ${values.tag ?? '1.25.3'}\n` +
    `securityContext:${values.securityContext ? `\n${indent(values.securityContext, 2)}` : ' {}\n'}`;
  return { files: { 'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n', 'chart/values.yaml': valuesYaml, 'chart/templates/deployment.yaml': template } };
}
