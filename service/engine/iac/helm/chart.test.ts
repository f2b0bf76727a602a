import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderChart, type RenderResult } from './chart';

function loadChart(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(relative(dir, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

const MYCHART = loadChart(join(__dirname, 'testdata', 'mychart'));

function manifest(result: RenderResult, template: string): string {
  const m = result.manifests.find((x) => x.template === template);
  if (!m) throw new Error(`no manifest for ${template}: ${JSON.stringify(result.errors)}`);
  return m.output;
}

/** The 1-based line of the first template line containing `text`. */
function templateLine(files: Map<string, string>, path: string, text: string): number {
  const i = (files.get(path) as string).split('\n').findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`${text} not in ${path}`);
  return i + 1;
}

const LABELS = (indent: number): string =>
  [
    'helm.sh/chart: mychart-0.1.0',
    'app.kubernetes.io/name: mychart',
    'app.kubernetes.io/instance: release-name',
    'app.kubernetes.io/version: "1.16.0"',
    'app.kubernetes.io/managed-by: Helm',
  ]
    .map((l) => ' '.repeat(indent) + l)
    .join('\n');

describe('renderChart: the chart `helm create` makes', () => {
  const result = renderChart({ files: MYCHART });

  it('renders without errors, skipping helpers, NOTES.txt and templates that render empty', () => {
    expect(result.errors).toEqual([]);
    expect(result.manifests.map((m) => m.template)).toEqual([
      'templates/deployment.yaml',
      'templates/service.yaml',
      'templates/serviceaccount.yaml',
      'templates/tests/test-connection.yaml',
    ]);
  });

  it('renders deployment.yaml exactly as helm template does', () => {
    expect(manifest(result, 'templates/deployment.yaml').trim()).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: release-name-mychart
  labels:
${LABELS(4)}
spec:
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: mychart
      app.kubernetes.io/instance: release-name
  template:
    metadata:
      labels:
${LABELS(8)}
    spec:
      serviceAccountName: release-name-mychart
      securityContext:
        {}
      containers:
        - name: mychart
          securityContext:
            {}
          image: "nginx:1.16.0"
          imagePullPolicy: IfNotPresent
          ports:
            - name: http
              containerPort: 80
              protocol: TCP
          livenessProbe:
            httpGet:
              path: /
              port: http
          readinessProbe:
            httpGet:
              path: /
              port: http
          resources:
            {}`);
  });

  it('renders service.yaml and serviceaccount.yaml exactly as helm template does', () => {
    expect(manifest(result, 'templates/service.yaml').trim()).toBe(`apiVersion: v1
kind: Service
metadata:
  name: release-name-mychart
  labels:
${LABELS(4)}
spec:
  type: ClusterIP
  ports:
    - port: 80
      targetPort: http
      protocol: TCP
      name: http
  selector:
    app.kubernetes.io/name: mychart
    app.kubernetes.io/instance: release-name`);
    expect(manifest(result, 'templates/serviceaccount.yaml').trim()).toBe(`apiVersion: v1
kind: ServiceAccount
metadata:
  name: release-name-mychart
  labels:
${LABELS(4)}
automountServiceAccountToken: true`);
  });

  it('maps output lines to template lines; included output maps to the include call', () => {
    const m = result.manifests.find((x) => x.template === 'templates/deployment.yaml');
    const lines = (m?.output ?? '').split('\n');
    expect(m?.lineMap).toHaveLength(lines.length);
    const lineOf = (text: string): number => m?.lineMap[lines.findIndex((l) => l.includes(text))] ?? -1;
    const path = 'templates/deployment.yaml';
    expect(lineOf('kind: Deployment')).toBe(2);
    expect(lineOf('replicas: 1')).toBe(templateLine(MYCHART, path, 'replicas:'));
    expect(lineOf('imagePullPolicy')).toBe(templateLine(MYCHART, path, 'imagePullPolicy'));
    expect(lineOf('image: "nginx')).toBe(templateLine(MYCHART, path, 'image: "'));
    expect(lineOf('managed-by')).toBe(templateLine(MYCHART, path, 'include "mychart.labels" . | nindent 4'));
    expect(lineOf('port: http')).toBe(templateLine(MYCHART, path, 'toYaml .Values.livenessProbe'));
  });

  it('follows changed values: autoscaling on, ingress on, pod annotations', () => {
    const files = new Map(MYCHART);
    const values = (files.get('values.yaml') as string)
      .replace('autoscaling:\n  enabled: false', 'autoscaling:\n  enabled: true')
      .replace('ingress:\n  enabled: false', 'ingress:\n  enabled: true')
      .replace('podAnnotations: {}', 'podAnnotations:\n  prometheus.io/scrape: "true"');
    files.set('values.yaml', values);
    const r = renderChart({ files, releaseName: 'prod' });
    expect(r.errors).toEqual([]);
    const deployment = manifest(r, 'templates/deployment.yaml');
    expect(deployment).not.toContain('replicas:');
    expect(deployment).toContain('      annotations:\n        prometheus.io/scrape: "true"\n      labels:');
    expect(deployment).toContain('name: prod-mychart');
    expect(manifest(r, 'templates/hpa.yaml').trim()).toContain(
      '  minReplicas: 1\n  maxReplicas: 100\n  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target:\n          type: Utilization\n          averageUtilization: 80',
    );
    expect(manifest(r, 'templates/ingress.yaml').trim()).toContain(`spec:
  rules:
    - host: "chart-example.local"
      http:
        paths:
          - path: /
            pathType: ImplementationSpecific
            backend:
              service:
                name: prod-mychart
                port:
                  number: 80`);
  });
});

function chart(templates: Record<string, string>, values = '', extra: Record<string, string> = {}): Map<string, string> {
  const files = new Map<string, string>([
    ['Chart.yaml', 'apiVersion: v2\nname: demo\nversion: 1.2.3\nappVersion: "2.0"\n'],
    ['values.yaml', values],
  ]);
  for (const [k, v] of Object.entries(templates)) files.set(`templates/${k}`, v);
  for (const [k, v] of Object.entries(extra)) files.set(k, v);
  return files;
}

describe('renderChart: Helm objects', () => {
  it('provides .Release, .Chart, .Template and .Capabilities', () => {
    const r = renderChart({
      files: chart({
        'a.yaml': [
          '{{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.Service }} {{ .Release.IsInstall }} {{ .Release.Revision }}',
          '{{ .Chart.Name }} {{ .Chart.Version }} {{ .Chart.AppVersion }} {{ .Chart.APIVersion }}',
          '{{ .Template.Name }} {{ .Template.BasePath }}',
          '{{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Minor }} {{ .Capabilities.KubeVersion.GitVersion }}',
          '{{ .Capabilities.APIVersions.Has "apps/v1" }} {{ .Capabilities.APIVersions.Has "networking.k8s.io/v1/Ingress" }} {{ .Capabilities.APIVersions.Has "foo/v9" }}',
          '{{ semverCompare ">=1.19-0" .Capabilities.KubeVersion.GitVersion }}',
        ].join('\n'),
      }),
      releaseName: 'rel',
      namespace: 'ns',
    });
    expect(r.errors).toEqual([]);
    expect(r.manifests[0].output).toBe(
      'rel ns Helm true 1\ndemo 1.2.3 2.0 v2\ndemo/templates/a.yaml demo/templates\nv1.30.0 v1.30.0 30 v1.30.0\ntrue true false\ntrue',
    );
  });

  it('renders missing values as empty, and floats from values the way Helm does', () => {
    const r = renderChart({ files: chart({ 'a.yaml': 'a: {{ .Values.nope }}\nb: {{ .Values.big }}\nc: {{ toYaml .Values.big }}\nd: {{ .Values.num }}' }, 'big: 1000000\nnum: 3\n') });
    expect(r.manifests[0].output).toBe('a: \nb: 1e+06\nc: 1000000\nd: 3');
  });

  it('provides .Files with Get, Glob, AsConfig, AsSecrets and Lines', () => {
    const r = renderChart({
      files: chart(
        {
          'cm.yaml': [
            'get: {{ .Files.Get "conf/app.ini" | trim }}',
            'data:',
            '{{- (.Files.Glob "conf/*.ini").AsConfig | nindent 2 }}',
            'secret:',
            '{{- (.Files.Glob "conf/b.ini").AsSecrets | nindent 2 }}',
            '{{- range .Files.Lines "lines.txt" }}',
            '- {{ . }}',
            '{{- end }}',
            'missing: [{{ .Files.Get "nope" }}]',
          ].join('\n'),
        },
        '',
        { 'conf/app.ini': 'x=1\n', 'conf/b.ini': 'y', 'lines.txt': 'one\ntwo\n' },
      ),
    });
    expect(r.errors).toEqual([]);
    expect(r.manifests[0].output).toBe('get: x=1\ndata:\n  app.ini: |\n    x=1\n  b.ini: "y"\nsecret:\n  b.ini: eQ==\n- one\n- two\nmissing: []');
  });

  it('shares defines across templates; a later-sorted helper file loses to an earlier one, as Helm parses', () => {
    const r = renderChart({
      files: chart({
        '_a.tpl': '{{ define "n" }}from-a{{ end }}',
        '_b.tpl': '{{ define "n" }}from-b{{ end }}{{ define "only-b" }}b{{ end }}',
        'x.yaml': '{{ include "n" . }} {{ include "only-b" . }}',
      }),
    });
    expect(r.manifests.map((m) => m.output)).toEqual(['from-a b']);
  });
});

describe('renderChart: chart idioms', () => {
  it('checksums another template, renders tplvalues and skips library charts', () => {
    const r = renderChart({
      files: chart(
        {
          'configmap.yaml': 'data:\n  a: {{ .Values.a | quote }}',
          'deploy.yaml': [
            'checksum: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum | trunc 8 }}',
            'labels: {{- include "render" (dict "value" .Values.labels "context" $) | nindent 2 }}',
            'name: {{ include "render" (dict "value" .Values.nameTpl "context" $) }}',
            '{{- $merged := mustMergeOverwrite (dict "x" 1) (dict "x" 2) }}',
            'x: {{ $merged.x }}',
            'replicas: {{ .Values.replicaCount | int }}',
            '{{- range $i, $e := until (int .Values.replicaCount) }}',
            '- {{ $i }}',
            '{{- end }}',
          ].join('\n'),
          '_render.tpl': '{{- define "render" -}}{{- if typeIs "string" .value }}{{- tpl .value .context }}{{- else }}{{- tpl (.value | toYaml) .context }}{{- end }}{{- end -}}',
        },
        'a: b\nreplicaCount: 2\nnameTpl: "{{ .Release.Name }}-app"\nlabels:\n  team: "{{ .Chart.Name }}"\n',
        {
          'charts/lib/Chart.yaml': 'apiVersion: v2\nname: lib\nversion: 1.0.0\ntype: library\n',
          'charts/lib/templates/not-rendered.yaml': 'lib: {{ .Values.x }}',
        },
      ),
    });
    expect(r.errors).toEqual([]);
    expect(r.manifests.map((m) => m.template)).toEqual(['templates/configmap.yaml', 'templates/deploy.yaml']);
    const expectedSum = createHash('sha256').update('data:\n  a: "b"').digest('hex').slice(0, 8);
    expect(manifest(r, 'templates/deploy.yaml')).toBe(`checksum: ${expectedSum}\nlabels:\n  team: 'demo'\nname: release-name-app\nx: 2\nreplicas: 2\n- 0\n- 1`);
  });
});

describe('renderChart: errors', () => {
  it('reports a failing template with its line and still renders the others', () => {
    const r = renderChart({
      files: chart({
        'bad.yaml': 'a: 1\n{{- if true }}\nb: {{ required "b is required" .Values.b }}\n{{- end }}',
        'good.yaml': 'ok: {{ .Values.x }}',
      }, 'x: 1\n'),
    });
    expect(r.manifests.map((m) => [m.template, m.output])).toEqual([['templates/good.yaml', 'ok: 1']]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ template: 'templates/bad.yaml', line: 3 });
    expect(r.errors[0].message).toContain('error calling required: b is required');
  });

  it('reports parse errors with their line, including an unknown function', () => {
    const r = renderChart({ files: chart({ 'p.yaml': 'a: 1\nb: {{ frobnicate .Values.x }}\n', 'q.yaml': 'q: 1' }) });
    expect(r.errors).toEqual([{ template: 'templates/p.yaml', message: 'template: demo/templates/p.yaml:2: function "frobnicate" not defined', line: 2 }]);
    expect(r.manifests.map((m) => m.output)).toEqual(['q: 1']);
  });

  it('reports a bad values.yaml and renders with empty values', () => {
    const r = renderChart({ files: chart({ 'a.yaml': 'a: {{ .Values.x }}' }, 'x: [1\n') });
    expect(r.errors[0].template).toBe('values.yaml');
    expect(r.manifests[0].output).toBe('a: ');
  });

  it('stops runaway templates and keeps the rest', () => {
    const r = renderChart({
      files: chart({
        '_loop.tpl': '{{ define "loop" }}{{ include "loop" . }}{{ end }}',
        'recurse.yaml': 'x: {{ include "loop" . }}',
        'forever.yaml': '{{ range until 900000 }}{{ range until 900000 }}{{ end }}{{ end }}',
        'fine.yaml': 'fine: true',
      }),
    });
    expect(r.manifests.map((m) => m.template)).toEqual(['templates/fine.yaml']);
    const byTemplate = Object.fromEntries(r.errors.map((e) => [e.template, e]));
    expect(byTemplate['templates/recurse.yaml'].message).toContain('exceeded maximum template depth');
    expect(byTemplate['templates/recurse.yaml'].line).toBe(1);
    expect(byTemplate['templates/forever.yaml'].message).toContain('evaluation exceeds the limit');
  });

  it('applies the output limit per template', () => {
    const r = renderChart({ files: chart({ 'big.yaml': '{{ range until 10000 }}0123456789{{ end }}', 'small.yaml': 's' }), limits: { maxOutputBytes: 50_000 } });
    expect(r.errors.map((e) => e.template)).toEqual(['templates/big.yaml']);
    expect(r.errors[0].message).toContain('output exceeds the limit of 50000 bytes');
  });
});

describe('renderChart: subcharts', () => {
  const files = chart(
    { 'parent.yaml': 'parent: {{ .Values.sub.port }}' },
    'global:\n  env: prod\nsub:\n  port: 9090\nextra:\n  enabled: false\n',
    {
      'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 1.0.0\ndependencies:\n- name: sub\n  version: 0.1.0\n- name: extra\n  version: 0.1.0\n  condition: extra.enabled\n',
      'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
      'charts/sub/values.yaml': 'port: 80\nname: default-name\n',
      'charts/sub/templates/_helpers.tpl': '{{ define "sub.name" }}{{ .Chart.Name }}-{{ .Values.name }}{{ end }}',
      'charts/sub/templates/svc.yaml': 'name: {{ include "sub.name" . }}\nport: {{ .Values.port }}\nenv: {{ .Values.global.env }}\ntemplate: {{ .Template.Name }}',
      'charts/extra/Chart.yaml': 'apiVersion: v2\nname: extra\nversion: 0.1.0\n',
      'charts/extra/templates/x.yaml': 'extra: true',
    },
  );

  it('reads YAML 1.1 as Helm does: a key named n or off is a boolean', () => {
    const r = renderChart({ files: chart({ 'a.yaml': '{{ .Values.n }}|{{ index .Values "false" }}' }, 'n: 3\n') });
    expect(r.manifests[0].output).toBe('|3');
  });

  it('renders enabled subcharts with their values, parent overrides and globals', () => {
    const r = renderChart({ files });
    expect(r.errors).toEqual([]);
    expect(r.manifests.map((m) => [m.template, m.output])).toEqual([
      ['charts/sub/templates/svc.yaml', 'name: sub-default-name\nport: 9090\nenv: prod\ntemplate: demo/charts/sub/templates/svc.yaml'],
      ['templates/parent.yaml', 'parent: 9090'],
    ]);
  });
});
