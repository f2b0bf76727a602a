import { memoryContext } from '../kubernetes/testing';
import type { IacResource } from '../types';
import { get } from '../values';
import { kustomizeLoader } from './loader';

async function load(files: Record<string, string>) {
  const ctx = memoryContext(files);
  const result = await kustomizeLoader.load(ctx);
  const resources = result.groups.flatMap((g) => g.resources);
  return { resources, claimed: [...(result.claimed ?? [])].sort(), warnings: ctx.warnings, groups: result.groups };
}

const byAddress = (rs: IacResource[], prefix: string): IacResource => {
  const r = rs.find((x) => x.address.startsWith(prefix));
  if (!r) throw new Error(`no ${prefix} in ${rs.map((x) => x.address).join(', ')}`);
  return r;
};

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      serviceAccountName: web
      containers:
        - name: app
          image: nginx:1.25
          env:
            - name: MODE
              value: dev
          ports:
            - containerPort: 80
          securityContext:
            privileged: true
        - name: sidecar
          image: registry.example.com/proxy:2
      volumes:
        - name: config
          configMap:
            name: web-config
`;

const base = {
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - sa.yaml\nconfigMapGenerator:\n  - name: web-config\n    literals:\n      - LEVEL=info\n',
  'base/deployment.yaml': deployment,
  'base/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n',
};

test('an overlay: prefix, suffix, namespace, labels, annotations, images, replicas, and both kinds of patches', async () => {
  const { resources, claimed, warnings } = await load({
    ...base,
    'overlays/prod/kustomization.yaml': `resources:
  - ../../base
namespace: prod
namePrefix: prod-
nameSuffix: -v1
commonLabels:
  env: prod
commonAnnotations:
  team: web
images:
  - name: nginx
    newTag: "1.27"
  - name: registry.example.com/proxy
    newName: mirror.example.com/proxy
    digest: sha256:abc
replicas:
  - name: web
    count: 3
patches:
  - path: security.yaml
  - target:
      kind: Deployment
      name: web
    patch: |-
      - op: add
        path: /spec/template/spec/automountServiceAccountToken
        value: false
      - op: replace
        path: /spec/template/spec/containers/0/env/0/value
        value: prod
`,
    'overlays/prod/security.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          securityContext:
            privileged: false
            runAsNonRoot: true
          ports:
            - containerPort: 8080
        - name: extra
          image: busybox:1
`,
  });
  expect(warnings).toEqual([]);
  expect(resources.map((r) => r.address).sort()).toEqual([
    'ConfigMap/prod-web-config-v1 (namespace prod) [overlays/prod]',
    'Deployment/prod-web-v1 (namespace prod) [overlays/prod]',
    'ServiceAccount/prod-web-v1 (namespace prod) [overlays/prod]',
  ]);
  const d = byAddress(resources, 'Deployment/');
  expect(d).toMatchObject({ platform: 'kustomize', path: 'base/deployment.yaml', line: 1, endLine: 33, meta: { namespace: 'prod', kustomization: 'overlays/prod/kustomization.yaml' } });
  const spec = 'spec.template.spec';
  expect(get(d.attributes, `${spec}.containers`)).toEqual([
    {
      name: 'app',
      image: 'nginx:1.27',
      env: [{ name: 'MODE', value: 'prod' }],
      ports: [{ containerPort: 80 }, { containerPort: 8080 }],
      securityContext: { privileged: false, runAsNonRoot: true },
    },
    { name: 'sidecar', image: 'mirror.example.com/proxy@sha256:abc' },
    { name: 'extra', image: 'busybox:1' },
  ]);
  expect(get(d.attributes, 'spec.replicas')).toBe(3);
  expect(get(d.attributes, `${spec}.automountServiceAccountToken`)).toBe(false);
  expect(get(d.attributes, 'metadata.labels')).toEqual({ app: 'web', env: 'prod' });
  expect(get(d.attributes, 'spec.selector.matchLabels')).toEqual({ app: 'web', env: 'prod' });
  expect(get(d.attributes, 'spec.template.metadata')).toEqual({ labels: { app: 'web', env: 'prod' }, annotations: { team: 'web' } });
  // References follow renamed objects.
  expect(get(d.attributes, `${spec}.serviceAccountName`)).toBe('prod-web-v1');
  expect(get(d.attributes, `${spec}.volumes[0].configMap.name`)).toBe('prod-web-config-v1');
  // Lines: base attributes in the base file, patched ones in the patch or the kustomization.
  expect(d.lineOf(`${spec}.containers[0].securityContext.privileged`)).toEqual({ path: 'overlays/prod/security.yaml', line: 11 });
  expect(d.lineOf(`${spec}.containers[0].name`)).toEqual({ path: 'base/deployment.yaml', line: 19 });
  expect(d.lineOf(`${spec}.containers[2]`)).toEqual({ path: 'overlays/prod/security.yaml', line: 15 });
  expect(d.lineOf(`${spec}.automountServiceAccountToken`)).toEqual({ path: 'overlays/prod/kustomization.yaml', line: 27 });
  expect(d.lineOf('spec.replicas')).toEqual({ path: 'overlays/prod/kustomization.yaml', line: 18 });
  expect(d.lineOf(`${spec}.containers[0].image`)).toEqual({ path: 'overlays/prod/kustomization.yaml', line: 12 });
  const cm = byAddress(resources, 'ConfigMap/');
  expect(cm).toMatchObject({ path: 'base/kustomization.yaml', line: 5, attributes: { data: { LEVEL: 'info' } } });
  expect(claimed).toEqual(['base/deployment.yaml', 'base/kustomization.yaml', 'base/sa.yaml', 'overlays/prod/kustomization.yaml', 'overlays/prod/security.yaml']);
});

test('a base used by two overlays is built through each, with the overlay in the address; not on its own', async () => {
  const { resources, groups } = await load({
    ...base,
    'overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\nnamespace: dev\n',
    'overlays/prod/kustomization.yaml': 'bases:\n  - ../../base\nnamespace: prod\npatchesStrategicMerge:\n  - fix.yaml\n',
    'overlays/prod/fix.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: sidecar\n          $patch: delete\n',
  });
  expect(groups).toHaveLength(2);
  const deployments = resources.filter((r) => r.type === 'Deployment');
  expect(deployments.map((r) => r.address).sort()).toEqual(['Deployment/web (namespace dev) [overlays/dev]', 'Deployment/web (namespace prod) [overlays/prod]']);
  const prod = byAddress(deployments, 'Deployment/web (namespace prod)');
  expect((get(prod.attributes, 'spec.template.spec.containers') as unknown[]).length).toBe(1);
  const dev = byAddress(deployments, 'Deployment/web (namespace dev)');
  expect((get(dev.attributes, 'spec.template.spec.containers') as unknown[]).length).toBe(2);
});

test('generators: literals, env files, files, secrets in base64, behavior merge', async () => {
  const { resources, warnings } = await load({
    ...base,
    'overlays/a/kustomization.yaml': `resources:
  - ../../base
configMapGenerator:
  - name: web-config
    behavior: merge
    envs:
      - app.env
    files:
      - conf/app.properties
      - custom=conf/app.properties
secretGenerator:
  - name: creds
    type: kubernetes.io/basic-auth
    literals:
      - password=s3cret
generatorOptions:
  labels:
    generated: "yes"
`,
    'overlays/a/app.env': '# comment\nMODE=prod\nQUOTED="x y"\n',
    'overlays/a/conf/app.properties': 'a=b\n',
  });
  expect(warnings).toEqual([]);
  expect(byAddress(resources, 'ConfigMap/web-config').attributes.data).toEqual({ LEVEL: 'info', MODE: 'prod', QUOTED: 'x y', 'app.properties': 'a=b\n', custom: 'a=b\n' });
  const secret = byAddress(resources, 'Secret/creds');
  expect(secret.attributes).toMatchObject({ type: 'kubernetes.io/basic-auth', data: { password: 'czNjcmV0' }, metadata: { labels: { generated: 'yes' } } });
  expect(secret).toMatchObject({ path: 'overlays/a/kustomization.yaml', line: 12 });
});

test('JSON 6902 ops: copy, move, remove, test; a failed op leaves the object as it was and warns', async () => {
  const { resources, warnings } = await load({
    'kustomization.yaml': `resources:
  - pod.yaml
patchesJson6902:
  - target:
      version: v1
      kind: Pod
      name: p
    path: ops.yaml
  - target:
      kind: Pod
      name: p
    patch: |-
      - op: test
        path: /spec/hostIPC
        value: false
      - op: remove
        path: /spec/hostIPC
`,
    'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    a: "1"\nspec:\n  hostPID: true\n  hostIPC: true\n  containers: []\n',
    'ops.yaml': '- op: copy\n  from: /metadata/labels\n  path: /metadata/annotations\n- op: move\n  from: /spec/hostPID\n  path: /spec/hostNetwork\n- op: remove\n  path: /spec/containers\n',
  });
  const p = resources[0];
  expect(p.address).toBe('Pod/p (namespace default)');
  expect(p.attributes.metadata).toEqual({ name: 'p', labels: { a: '1' }, annotations: { a: '1' } });
  expect(p.attributes.spec).toEqual({ hostIPC: true, hostNetwork: true });
  expect(p.lineOf('spec.hostNetwork')).toEqual({ path: 'ops.yaml', line: 4 });
  expect(warnings).toEqual([expect.objectContaining({ code: 'kustomize-patch', message: expect.stringContaining('test /spec/hostIPC failed') })]);
});

test('target selectors: kind regex, label selector; strategic merge with a target ignores the patch name', async () => {
  const { resources } = await load({
    'kustomization.yaml': `resources:
  - all.yaml
patches:
  - target:
      kind: Deployment|StatefulSet
      labelSelector: tier=backend
    patch: |-
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: any
      spec:
        template:
          spec:
            hostNetwork: false
`,
    'all.yaml': ['a', 'b', 'c']
      .map((n, i) => `apiVersion: apps/v1\nkind: ${i === 1 ? 'StatefulSet' : 'Deployment'}\nmetadata:\n  name: ${n}\n  labels:\n    tier: ${n === 'c' ? 'frontend' : 'backend'}\nspec:\n  template:\n    spec:\n      hostNetwork: true\n`)
      .join('---\n'),
  });
  expect(resources.map((r) => `${r.name} ${String(get(r.attributes, 'spec.template.spec.hostNetwork'))}`)).toEqual(['a false', 'b false', 'c true']);
  expect(resources[0].lineOf('spec.template.spec.hostNetwork')).toEqual({ path: 'kustomization.yaml', line: 15 });
});

test('remote bases are named in a warning, not fetched; missing files and unsupported fields warn', async () => {
  const { resources, warnings } = await load({
    'app/kustomization.yaml': `resources:
  - https://github.com/org/repo//deploy?ref=v1.0.0
  - github.com/org/other/base?ref=main
  - missing.yaml
  - pod.yaml
helmCharts:
  - name: x
`,
    'app/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n',
  });
  expect(resources.map((r) => r.address)).toEqual(['Pod/p (namespace default) [app]']);
  expect(warnings.map((w) => [w.code, w.path, w.message])).toEqual([
    ['kustomize-remote', 'app/kustomization.yaml', 'remote base https://github.com/org/repo//deploy?ref=v1.0.0 is not fetched: its resources are not scanned'],
    ['kustomize-remote', 'app/kustomization.yaml', 'remote base github.com/org/other/base?ref=main is not fetched: its resources are not scanned'],
    ['kustomize-missing', 'app/kustomization.yaml', 'resource missing.yaml is not in the repository'],
    ['unsupported', 'app/kustomization.yaml', 'helmCharts are not evaluated: the resources are scanned without them'],
  ]);
});

test('a cycle of kustomizations stops with a warning, and each file is built once', async () => {
  const { resources, warnings } = await load({
    'a/kustomization.yaml': 'resources:\n  - ../b\n  - pod.yaml\n',
    'a/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: pa\n',
    'b/kustomization.yaml': 'resources:\n  - ../a\n  - pod.yaml\n',
    'b/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: pb\n',
  });
  expect(warnings.map((w) => w.code)).toEqual(['kustomize-cycle']);
  expect(resources.map((r) => r.name).sort()).toEqual(['pa', 'pb']);
});

test('components add resources and patch what the kustomization has so far', async () => {
  const { resources } = await load({
    'kustomization.yaml': 'resources:\n  - pod.yaml\ncomponents:\n  - ../comp\n'.replace('../comp', 'comp'),
    'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostPID: true\n',
    'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - policy.yaml\npatches:\n  - patch: |-\n      apiVersion: v1\n      kind: Pod\n      metadata:\n        name: p\n      spec:\n        hostPID: null\n',
    'comp/policy.yaml': 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n',
  });
  expect(resources.map((r) => r.address)).toEqual(['Pod/p (namespace default)', 'NetworkPolicy/deny (namespace default)']);
  expect(resources[0].attributes.spec).toEqual({});
});

test('a strategic merge patch with $patch: delete removes the object', async () => {
  const { resources } = await load({
    'kustomization.yaml': 'resources:\n  - all.yaml\npatches:\n  - patch: |-\n      apiVersion: v1\n      kind: Service\n      metadata:\n        name: debug\n      $patch: delete\n',
    'all.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: debug\n',
  });
  expect(resources.map((r) => r.name)).toEqual(['web']);
});

test('a malformed kustomization is a parse warning', async () => {
  const { resources, warnings } = await load({ 'kustomization.yaml': 'resources: [\n' });
  expect(resources).toEqual([]);
  expect(warnings).toEqual([expect.objectContaining({ code: 'parse-error', path: 'kustomization.yaml' })]);
});

test('a diamond of bases that multiplies stops at the build budget with a warning', async () => {
  const files: Record<string, string> = { 'l0/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n', 'l0/kustomization.yaml': 'resources:\n  - pod.yaml\n' };
  for (let i = 1; i <= 12; i++) files[`l${i}/kustomization.yaml`] = `resources:\n  - ../l${i - 1}\n  - ../l${i - 1}\n`;
  const { resources, warnings } = await load(files);
  expect(new Set(warnings.map((w) => w.code))).toEqual(new Set(['kustomize-size', 'kustomize-duplicate']));
  expect(resources.map((r) => r.address)).toEqual(['Pod/p (namespace default) [l12]']);
});
