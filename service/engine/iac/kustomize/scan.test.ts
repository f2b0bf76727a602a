// The Kustomize and Kubernetes loaders together in the scanner: an overlay's base is judged through
// the overlay only, findings point at the patch that set the value, and skips in the base apply.
import { scanFiles } from '../../scan';
import { kubernetesLoader } from '../kubernetes/loader';
import { privilegedContainer } from '../rules/kubernetes/security-context';
import { makeIacScanner } from '../scanner';
import { kustomizeLoader } from './loader';

const scanner = makeIacScanner([kustomizeLoader, kubernetesLoader], [privilegedContainer]);
const scan = (files: Record<string, string>) =>
  scanFiles(
    Object.entries(files).map(([path, content]) => ({ path, content })),
    { scanners: [scanner] },
  );

const deployment = (extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
${extra}spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.25.3
`;

const patch = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          securityContext:
            privileged: true
`;

test('the base is judged through each overlay, the finding points at the patch line, plain manifests elsewhere still load', async () => {
  const r = await scan({
    'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'base/deployment.yaml': deployment(),
    'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\nnamespace: prod\npatches:\n  - path: privileged.yaml\n',
    'overlays/prod/privileged.yaml': patch,
    'overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\nnamespace: dev\n',
    'other/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: x:1\n      securityContext:\n        privileged: true\n',
  });
  expect(r.warnings).toEqual([]);
  const byPath = [...r.findings].sort((a, b) => (a.location.kind === 'resource' && b.location.kind === 'resource' ? a.location.path.localeCompare(b.location.path) : 0));
  expect(byPath.map((f) => f.location)).toEqual([
    expect.objectContaining({ path: 'other/pod.yaml', line: 10, address: 'Pod/p (namespace default)' }),
    expect.objectContaining({ path: 'overlays/prod/privileged.yaml', line: 11, address: 'Deployment/web (namespace prod) [overlays/prod]' }),
  ]);
  expect(byPath[1].details?.extra).toMatchObject({ platform: 'kustomize' });
  const passes = r.results.filter((x) => x.outcome === 'pass').map((x) => (x.location.kind === 'resource' ? x.location.address : ''));
  expect(passes).toEqual(['Deployment/web (namespace dev) [overlays/dev]']);
});

test('a checkov.io/skip annotation in the base suppresses the overlay finding', async () => {
  const r = await scan({
    'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'base/deployment.yaml': deployment('  annotations:\n    checkov.io/skip1: CKV_K8S_16=node agent\n'),
    'kustomization.yaml': 'resources:\n  - base\npatches:\n  - path: privileged.yaml\n',
    'privileged.yaml': patch,
  });
  expect(r.findings).toHaveLength(1);
  expect(r.findings[0].suppressed).toEqual({ kind: 'inline', reason: 'checkov.io/skip1: CKV_K8S_16: node agent' });
});
