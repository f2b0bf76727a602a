// The Helm loader through the real scanner: rendered manifests judged as Kubernetes resources of
// platform 'helm', at template lines; a template that cannot render is warned about and its static
// YAML still judged.
import { scanFiles } from '../../scan';
import { makeIacScanner } from '../scanner';
import { platformLoaders } from '../platforms';
import { forbid } from '../helpers';
import type { IacRule } from '../types';
import { topCharts } from './loader';

const privileged: IacRule = {
  id: 'IAC-K8S-TEST-PRIVILEGED',
  title: 'Privileged',
  severity: 'high',
  description: 'd',
  remediation: 'r',
  model: 'kubernetes',
  resourceTypes: ['Deployment'],
  check: forbid('spec.template.spec.containers.securityContext.privileged', true),
  examples: {},
};
const scanner = makeIacScanner(platformLoaders, [privileged]);
const scan = (files: Record<string, string>) => scanFiles(Object.entries(files).map(([path, content]) => ({ path, content })), { scanners: [scanner] });

const chart = (values: string, deployment: string): Record<string, string> => ({
  'deploy/api/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 1.0.0\n',
  'deploy/api/values.yaml': values,
  'deploy/api/templates/_helpers.tpl': '{{- define "api.name" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end -}}\n',
  'deploy/api/templates/deployment.yaml': deployment,
});

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "api.name" . }}
spec:
  template:
    spec:
      containers:
        - name: api
          image: "{{ .Values.image }}"
          {{- with .Values.securityContext }}
          securityContext:
            {{- toYaml . | nindent 12 }}
          {{- end }}
`;

test('a value from values.yaml rendered into a template is judged at the template line', async () => {
  const r = await scan(chart('image: api:1.0\nsecurityContext:\n  privileged: true\n', DEPLOYMENT));
  expect(r.warnings).toEqual([]);
  expect(r.findings).toHaveLength(1);
  expect(r.findings[0].location).toMatchObject({
    path: 'deploy/api/templates/deployment.yaml',
    line: 13,
    address: 'Deployment/release-name-api (namespace default)',
    attribute: 'spec.template.spec.containers[0].securityContext.privileged',
    value: true,
  });
  expect(r.findings[0].details?.extra).toMatchObject({ platform: 'helm' });
  const fixed = await scan(chart('image: api:1.0\nsecurityContext:\n  privileged: false\n', DEPLOYMENT));
  expect(fixed.findings).toEqual([]);
  expect(fixed.results.filter((x) => x.outcome === 'pass')).toHaveLength(1);
});

test('a template that cannot render is a warning, and its static YAML is still judged', async () => {
  const broken = DEPLOYMENT.replace('{{ include "api.name" . }}', '{{ required "name is required" .Values.name }}').replace('{{- with .Values.securityContext }}', '').replace('{{- toYaml . | nindent 12 }}', 'privileged: true').replace('{{- end }}', '');
  const r = await scan(chart('image: api:1.0\n', broken));
  expect(r.warnings).toEqual([expect.objectContaining({ code: 'render-error', path: 'deploy/api/templates/deployment.yaml', message: expect.stringContaining('name is required') })]);
  expect(r.findings.map((f) => [f.location.kind === 'resource' && f.location.line, f.details?.extra?.platform])).toEqual([[13, 'helm']]);
});

test('chart files are Helm\'s alone: the plain Kubernetes loader does not read templates again', async () => {
  const r = await scan({ ...chart('image: api:1.0\nsecurityContext:\n  privileged: true\n', DEPLOYMENT), 'k8s/other.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: other\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: a\n          securityContext:\n            privileged: true\n' });
  expect(r.findings.map((f) => `${f.details?.extra?.platform} ${f.location.kind === 'resource' ? f.location.path : ''}`).sort()).toEqual(['helm deploy/api/templates/deployment.yaml', 'kubernetes k8s/other.yaml']);
});

test('subcharts under charts/ render with their parent, not as charts of their own', () => {
  expect(topCharts(['a/Chart.yaml', 'a/charts/redis/Chart.yaml', 'b/Chart.yaml', 'a/templates/x.yaml'])).toEqual(['a/', 'b/']);
});
