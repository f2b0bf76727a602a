// The IaC scanner's own machinery with a small loader and rule written here: detection, loaders and
// claims, the rule index, findings and results, skips, filters and the fingerprint.
import { scanFiles } from '../scan';
import { expect as expectValue, forbid } from './helpers';
import { linesUnder } from './parse/lines';
import { parseYaml } from './parse/yaml';
import { makeIacScanner } from './scanner';
import type { IacResource, IacRule, PlatformLoader } from './types';
import { isObject, Unknown } from './values';

/** Each YAML document with a `kind` is one 'kubernetes' resource; `${var}` strings become Unknown. */
const yamlLoader: PlatformLoader = {
  name: 'test-yaml',
  platforms: ['kubernetes'],
  load(ctx) {
    const resources: IacResource[] = [];
    for (const f of ctx.files.filter((x) => x.platform === 'kubernetes')) {
      const parsed = parseYaml(ctx.text(f.path)!, { tag: (_t, v) => v });
      for (const p of parsed.problems) ctx.warn({ code: 'parse-error', path: f.path, message: `line ${p.line}: ${p.message}` });
      for (const doc of parsed.documents) {
        if (!isObject(doc.value)) continue;
        const value = JSON.parse(JSON.stringify(doc.value), (_k, v) => (typeof v === 'string' && v.startsWith('${') ? new Unknown(v) : v));
        const name = String((value.metadata as { name?: string })?.name ?? '');
        resources.push({
          model: 'kubernetes',
          platform: 'kubernetes',
          type: String(value.kind),
          name,
          address: `${String(value.kind)}/${name}`,
          path: f.path,
          line: doc.line,
          endLine: doc.endLine,
          attributes: value,
          lineOf: linesUnder(doc.lines, ''),
        });
      }
    }
    return { groups: [{ resources }] };
  },
};

const noPrivileged: IacRule = {
  id: 'IAC-TEST-PRIVILEGED',
  title: 'Privileged container',
  severity: 'high',
  description: 'd',
  remediation: 'r',
  checkov: 'CKV_K8S_16',
  model: 'kubernetes',
  resourceTypes: ['Pod'],
  check: forbid('spec.containers.securityContext.privileged', true),
  examples: {},
};

const replicasSet: IacRule = {
  id: 'IAC-TEST-REPLICAS',
  title: 'Replicas',
  severity: 'low',
  description: 'd',
  remediation: 'r',
  model: 'kubernetes',
  resourceTypes: ['Deployment'],
  check: expectValue('spec.replicas', (v) => typeof v === 'number' && v >= 2),
  examples: {},
};

const scanner = makeIacScanner([yamlLoader], [noPrivileged, replicasSet]);
const scan = (files: Record<string, string>, options: object = {}) =>
  scanFiles(
    Object.entries(files).map(([path, content]) => ({ path, content })),
    { scanners: [scanner], options: { iac: options } },
  );

const pod = (privileged: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: web
${extra}spec:
  containers:
    - name: a
      image: nginx
      securityContext:
        privileged: ${privileged}
    - name: b
      image: nginx
`;

test('a failing attribute is a finding at its own line, with the resource address, path and value', async () => {
  const r = await scan({ 'k8s/pod.yaml': pod('true') });
  expect(r.warnings).toEqual([]);
  expect(r.findings).toHaveLength(1);
  const f = r.findings[0];
  expect(f).toMatchObject({ ruleId: 'IAC-TEST-PRIVILEGED', category: 'iac', severity: 'high' });
  expect(f.location).toEqual({
    kind: 'resource',
    path: 'k8s/pod.yaml',
    line: 10,
    address: 'Pod/web',
    attribute: 'spec.containers[0].securityContext.privileged',
    value: true,
  });
  expect(f.details?.extra).toMatchObject({ platform: 'kubernetes', model: 'kubernetes', resourceType: 'Pod', checkov: 'CKV_K8S_16' });
  expect(f.message).toContain('Pod/web sets spec.containers[0].securityContext.privileged to true');
  expect(r.scanners.find((s) => s.scanner === 'iac')).toMatchObject({ status: 'ran', findings: 1 });
});

test('moving the resource down keeps the fingerprint; another resource address changes it', async () => {
  const a = await scan({ 'pod.yaml': pod('true') });
  const b = await scan({ 'pod.yaml': `# a comment\n\n${pod('true')}` });
  const c = await scan({ 'pod.yaml': pod('true').replace('name: web', 'name: api') });
  expect(b.findings[0].location).toMatchObject({ line: 12 });
  expect(b.findings[0].fingerprint).toBe(a.findings[0].fingerprint);
  expect(c.findings[0].fingerprint).not.toBe(a.findings[0].fingerprint);
});

test('passes and unknown values are results; a rule for another type is not applicable', async () => {
  const r = await scan({
    'a.yaml': pod('false'),
    'b.yaml': pod('${var.privileged}'),
    'c.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 3\n',
  });
  expect(r.findings).toEqual([]);
  const outcomes = r.results.map((x) => `${x.ruleId} ${x.outcome} ${x.location.kind === 'resource' ? x.location.path : ''}`).sort();
  expect(outcomes).toEqual(['IAC-TEST-PRIVILEGED not-available b.yaml', 'IAC-TEST-PRIVILEGED pass a.yaml', 'IAC-TEST-REPLICAS pass c.yaml']);
  const unknown = r.results.find((x) => x.outcome === 'not-available')!;
  expect(unknown.reason).toEqual({ code: 'unsupported', text: expect.stringContaining('${var.privileged}') });
});

test('a missing attribute fails at the resource when the rule says so', async () => {
  const r = await scan({ 'd.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  paused: false\n' });
  expect(r.findings).toHaveLength(1);
  expect(r.findings[0].location).toMatchObject({ line: 5, attribute: 'spec.replicas' });
  expect(r.findings[0].location).not.toHaveProperty('value');
  expect(r.findings[0].message).toContain('does not set spec.replicas');
});

test('#checkov:skip= with the Checkov id and vigil:ignore with the rule id inside the block suppress; other ids do not', async () => {
  const skipped = await scan({ 'p.yaml': pod('true', '  # checkov:skip=CKV_K8S_16: the node agent needs it\n') });
  expect(skipped.findings[0].suppressed).toEqual({ kind: 'inline', reason: 'checkov:skip CKV_K8S_16: the node agent needs it' });
  const ignored = await scan({ 'p.yaml': pod('true', '  # vigil:ignore IAC-TEST-PRIVILEGED accepted\n') });
  expect(ignored.findings[0].suppressed).toEqual({ kind: 'inline', reason: 'accepted' });
  const other = await scan({ 'p.yaml': pod('true', '  # checkov:skip=CKV_K8S_20: unrelated\n') });
  expect(other.findings[0].suppressed).toBeUndefined();
  // A skip outside the resource's document does not reach it.
  const outside = await scan({ 'p.yaml': `# checkov:skip=CKV_K8S_16: wrong place\n---\n${pod('true')}` });
  expect(outside.findings[0].suppressed).toBeUndefined();
});

test('the rules and platforms options narrow the scan', async () => {
  const files = { 'p.yaml': pod('true'), 'd.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 1\n' };
  expect((await scan(files)).findings.map((f) => f.ruleId).sort()).toEqual(['IAC-TEST-PRIVILEGED', 'IAC-TEST-REPLICAS']);
  expect((await scan(files, { rules: ['IAC-TEST-REPLICAS'] })).findings.map((f) => f.ruleId)).toEqual(['IAC-TEST-REPLICAS']);
  expect((await scan(files, { platforms: ['terraform'] })).findings).toEqual([]);
});

test('a YAML file that is not IaC costs nothing, and a broken one is a warning', async () => {
  const r = await scan({ 'config/app.yaml': 'name: x\nitems: [1, 2]\n', 'bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: [\n' });
  expect(r.findings).toEqual([]);
  expect(r.warnings).toEqual([expect.objectContaining({ code: 'parse-error', path: 'bad.yaml', scanner: 'iac' })]);
});

test('an alias bomb stops at the node budget with a problem', () => {
  let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 9; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  const parsed = parseYaml(text, { maxNodes: 100_000 });
  expect(parsed.problems).toEqual([{ line: 1, message: expect.stringContaining('more than 100000 YAML nodes') }]);
});
