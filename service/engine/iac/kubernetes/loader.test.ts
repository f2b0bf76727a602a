import { parseYaml } from '../parse/yaml';
import type { IacResource } from '../types';
import { kubernetesLoader } from './loader';
import { containers, podSpecPath } from './pod';
import { kubernetesResources } from './resources';
import { memoryContext } from './testing';

async function load(files: Record<string, string>) {
  const ctx = memoryContext(files);
  const result = await kubernetesLoader.load(ctx);
  return { resources: result.groups.flatMap((g) => g.resources), warnings: ctx.warnings };
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.25
      initContainers:
        - name: init
          image: busybox
`;

test('multi-document YAML: one resource per object, kind as type, address with namespace, lines per attribute', async () => {
  const { resources, warnings } = await load({
    'k8s/app.yaml': `${deployment}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n---\n# only a comment\n---\nname: not-an-object\n`,
  });
  expect(warnings).toEqual([]);
  expect(resources.map((r) => [r.type, r.name, r.address, r.line, r.endLine])).toEqual([
    ['Deployment', 'web', 'Deployment/web (namespace prod)', 1, 14],
    ['Service', 'web', 'Service/web (namespace default)', 16, 21],
  ]);
  const d = resources[0];
  expect(d).toMatchObject({ model: 'kubernetes', platform: 'kubernetes', path: 'k8s/app.yaml', meta: { namespace: 'prod', namespaceDeclared: true } });
  expect(d.lineOf('spec.template.spec.containers[0].image')).toEqual({ line: 11 });
  expect(resources[1].lineOf('spec.type')).toEqual({ line: 21 });
  expect(resources[1].meta).toMatchObject({ namespace: 'default', namespaceDeclared: false });
});

test('cluster-scoped kinds have no namespace in their address', async () => {
  const { resources } = await load({ 'rbac.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules: []\n' });
  expect(resources.map((r) => r.address)).toEqual(['ClusterRole/reader']);
  expect(resources[0].meta?.namespace).toBeUndefined();
});

test('a List is flattened: each item is a resource with its own lines', async () => {
  const text = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ServiceAccount
    metadata:
      name: a
  - apiVersion: v1
    kind: Pod
    metadata:
      name: b
    spec:
      hostPID: true
`;
  const { resources } = await load({ 'list.yaml': text });
  expect(resources.map((r) => [r.address, r.line, r.endLine])).toEqual([
    ['ServiceAccount/a (namespace default)', 4, 7],
    ['Pod/b (namespace default)', 8, 13],
  ]);
  expect(resources[1].lineOf('spec.hostPID')).toEqual({ line: 13 });
});

test('JSON manifests', async () => {
  const json = '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"},\n  "spec": {\n    "hostNetwork": true\n  }\n}\n';
  const { resources, warnings } = await load({ 'pod.json': json });
  expect(warnings).toEqual([]);
  expect(resources.map((r) => r.address)).toEqual(['Pod/p (namespace default)']);
  expect(resources[0].lineOf('spec.hostNetwork')).toEqual({ line: 6 });
  expect(resources[0].endLine).toBe(8);
});

test('checkov.io/skipN annotations become the resource skips', async () => {
  const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    checkov.io/skip1: CKV_K8S_20=the agent needs it
    checkov.io/skip2: CKV_K8S_16
    other: CKV_K8S_1=no
spec: {}
`;
  const { resources } = await load({ 'p.yaml': text });
  expect(resources[0].skips).toEqual([
    { id: 'CKV_K8S_20', reason: 'checkov.io/skip1: CKV_K8S_20: the agent needs it' },
    { id: 'CKV_K8S_16', reason: 'checkov.io/skip2: CKV_K8S_16' },
  ]);
});

test('malformed files are warnings with the line; the documents before the problem still load', async () => {
  const { resources, warnings } = await load({
    'bad.yaml': `${deployment}---\napiVersion: v1\nkind: Pod\nmetadata: [\n`,
    'bad.json': '{"apiVersion": "v1", "kind": "Pod", ',
  });
  expect(resources.map((r) => r.address)).toEqual(['Deployment/web (namespace prod)']);
  expect(warnings).toEqual([
    expect.objectContaining({ code: 'parse-error', path: 'bad.yaml', message: expect.stringMatching(/^line \d+: /) }),
    expect.objectContaining({ code: 'parse-error', path: 'bad.json', message: expect.stringMatching(/^line 1: /) }),
  ]);
});

test('kubernetesResources with a line mapping and an address suffix (what Helm and Kustomize pass)', () => {
  const docs = parseYaml(deployment).documents;
  const [r] = kubernetesResources(docs, {
    path: 'chart/templates/deploy.yaml',
    platform: 'helm',
    addressSuffix: ' [release]',
    lineOf: (_doc, p) => (p === 'spec.template.spec.containers[0].image' ? { line: 42, path: 'chart/values.yaml' } : undefined),
  });
  expect(r).toMatchObject({ platform: 'helm', address: 'Deployment/web (namespace prod) [release]', path: 'chart/templates/deploy.yaml' });
  expect(r.lineOf('spec.template.spec.containers[0].image')).toEqual({ line: 42, path: 'chart/values.yaml' });
  expect(r.lineOf('spec')).toBeUndefined();
});

test('pod spec paths and the container walk', async () => {
  expect(['Pod', 'Deployment', 'CronJob', 'Service'].map(podSpecPath)).toEqual(['spec', 'spec.template.spec', 'spec.jobTemplate.spec.template.spec', undefined]);
  const { resources } = await load({ 'd.yaml': deployment });
  const d: IacResource = resources[0];
  expect(containers(d).map((c) => [c.kind, c.name, c.path])).toEqual([
    ['containers', 'app', 'spec.template.spec.containers[0]'],
    ['initContainers', 'init', 'spec.template.spec.initContainers[0]'],
  ]);
  expect(containers(d, ['initContainers']).map((c) => c.name)).toEqual(['init']);
});
