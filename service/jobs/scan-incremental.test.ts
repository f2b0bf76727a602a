// The incremental scan's decisions (full or incremental, which changed files a partial read cannot
// judge, what the reconcile answers for) and its partial read of a blobs zip, with a stubbed git area.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ZipFile } from 'yazl';
import type { CommitDiffChange, CommitDiffs } from '../ado/areas/git';
import { AdoError } from '../ado/types';
import type { RuleResult } from '../contract/model';
import { engineScanners } from '../engine/registry';
import { BASE62, randomToken } from '../engine/secrets/examples';
import type { Scanner } from '../engine/types';
import type { ArchiveScanSettings } from './scan-archive';
import {
  changeSetOf,
  mergeResults,
  planScan,
  rulesDigest,
  scanIncrementally,
  wholeTreeCategories,
  wholeTreeReasonOfContent,
  wholeTreeReasonOfPath,
  type IncrementalScanInput,
} from './scan-incremental';

const secret = (seed: string) => `ghp_${randomToken(seed, BASE62, 36)}`;
const BASE = 'a'.repeat(40);
const HEAD = 'b'.repeat(40);
const blobId = (n: number) => n.toString(16).padStart(40, 'c');

describe('planScan', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const memory = { headSha: BASE, lastFullScanAt: new Date('2026-12-07T06:00:00Z'), rulesDigest: 'd1' };
  const input = { trigger: 'push', digest: 'd1', rescanHours: 24, now };

  it('builds on the last scanned commit when the last full scan is recent and the rules are the same', () => {
    expect(planScan(memory, input)).toEqual({ kind: 'incremental', baseCommit: BASE });
    expect(planScan(memory, { ...input, trigger: 'discovery' })).toEqual({ kind: 'incremental', baseCommit: BASE });
  });

  it('scans in full: by hand, never scanned in full, too long ago, or other rules', () => {
    expect(planScan(memory, { ...input, trigger: 'manual' })).toMatchObject({ kind: 'full', reason: expect.stringMatching(/by hand/) });
    expect(planScan({ ...memory, headSha: null }, input)).toMatchObject({ kind: 'full', reason: expect.stringMatching(/no full scan/) });
    expect(planScan({ ...memory, lastFullScanAt: null }, input)).toMatchObject({ kind: 'full', reason: expect.stringMatching(/no full scan/) });
    expect(planScan(memory, { ...input, rescanHours: 6 })).toMatchObject({ kind: 'full', reason: expect.stringMatching(/more than 6 hours/) });
    expect(planScan({ ...memory, rulesDigest: 'd0' }, input)).toMatchObject({ kind: 'full', reason: expect.stringMatching(/rules changed/) });
    expect(planScan({ ...memory, rulesDigest: null }, input).kind).toBe('full');
  });
});

describe('changeSetOf', () => {
  const c = (changeTypes: string[], p: string, objectId?: string, originalPath?: string): CommitDiffChange => ({
    path: p,
    changeTypes,
    ...(objectId ? { objectId } : {}),
    ...(originalPath ? { originalPath } : {}),
  });

  it('reads added, edited and renamed files; removes deleted ones and the old names of renamed ones', () => {
    const set = changeSetOf([c(['edit'], 'a.js', blobId(1)), c(['add'], 'b.js', blobId(2)), c(['delete'], 'c.js'), c(['edit', 'rename'], 'd2.js', blobId(3), 'd1.js')]);
    expect(Object.fromEntries(set.read)).toEqual({ 'a.js': blobId(1), 'b.js': blobId(2), 'd2.js': blobId(3) });
    expect([...set.removed].sort()).toEqual(['c.js', 'd1.js']);
  });

  it('a path renamed away and another file renamed onto it is read, not removed', () => {
    const set = changeSetOf([c(['rename'], 'b.js', blobId(1), 'a.js'), c(['rename'], 'a.js', blobId(2), 'z.js')]);
    expect([...set.read.keys()].sort()).toEqual(['a.js', 'b.js']);
    expect([...set.removed]).toEqual(['z.js']);
  });
});

describe('what a partial read cannot judge', () => {
  it.each([
    ['package-lock.json', /dependency manifest or lockfile/],
    ['services/api/requirements.txt', /dependency manifest or lockfile/],
    ['src/Web/Web.csproj', /dependency manifest or lockfile/],
    ['.vigil.yml', /\.vigil\.yml/],
    ['.gitignore', /\.gitignore/],
    ['infra/network/main.tf', /Terraform/],
    ['infra/prod.tfvars', /Terraform/],
    ['deploy/main.bicep', /Bicep/],
    ['k8s/overlays/prod/kustomization.yaml', /kustomization/],
    ['charts/web/Chart.yaml', /Helm/],
    ['charts/web/values-prod.yaml', /Helm/],
    ['deploy/chart/templates/deployment.yaml', /Helm/],
    ['arm/azuredeploy.parameters.json', /ARM/],
    ['src/Controllers/HomeController.cs', /C# file/],
  ])('%s makes the scan full', (p, reason) => {
    expect(wholeTreeReasonOfPath(p)).toMatch(reason);
    expect(wholeTreeReasonOfPath(p)).toContain(p);
  });

  it.each(['src/app.js', 'src/api/views.py', 'README.md', 'docker/Dockerfile', 'config/settings.yaml', 'web/templates/email.html', 'src/app.ts'])(
    '%s does not',
    (p) => {
      expect(wholeTreeReasonOfPath(p)).toBeUndefined();
    },
  );

  it('by content: a Kubernetes manifest, an ARM template or parameter file; not other YAML or JSON', () => {
    const text = (s: string) => Buffer.from(s);
    expect(wholeTreeReasonOfContent('deploy/web.yaml', text('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n'))).toMatch(/Kubernetes/);
    expect(wholeTreeReasonOfContent('infra/vm.json', text('{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": []}'))).toMatch(/ARM template/);
    expect(wholeTreeReasonOfContent('infra/vm.dev.json', text('{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {}}'))).toMatch(/ARM parameter/);
    expect(wholeTreeReasonOfContent('config/app.yaml', text('port: 8080\nname: web\n'))).toBeUndefined();
    expect(wholeTreeReasonOfContent('src/app.js', text('apiVersion: x\nkind: y\n'))).toBeUndefined();
  });

  it('an incremental scan answers for no category only whole-tree scanners report', () => {
    expect(wholeTreeCategories().sort()).toEqual(['deps', 'license', 'package-risk']);
    // code-csharp reads the whole project, but Python and JavaScript code is judged file by file.
    expect(wholeTreeCategories()).not.toContain('code');
  });
});

describe('rulesDigest', () => {
  it('is stable, and moves when a scanner version or a rule changes', () => {
    expect(rulesDigest()).toBe(rulesDigest());
    expect(rulesDigest()).toBe(rulesDigest([...engineScanners].reverse()));
    const [first, ...rest] = engineScanners;
    expect(rulesDigest([{ ...first, version: `${first.version}.1` } as Scanner, ...rest])).not.toBe(rulesDigest());
    const rules = [...first.rules];
    rules[0] = { ...rules[0], severity: rules[0].severity === 'low' ? 'high' : 'low' };
    expect(rulesDigest([{ ...first, rules } as Scanner, ...rest])).not.toBe(rulesDigest());
    expect(rulesDigest(rest)).not.toBe(rulesDigest());
  });
});

describe('mergeResults', () => {
  const r = (subjectKey: string, p?: string): RuleResult => ({
    ruleId: 'IAC-X',
    category: 'iac',
    outcome: 'pass',
    subjectKey,
    location: p ? { kind: 'file', path: p, line: 1 } : { kind: 'ado-object', objectKind: 'repository', id: 'r', name: 'r' },
  });

  it("keeps the stored results of files it did not read, and takes the scan's for those it did", () => {
    const stored = [r('a-old', 'a/Dockerfile'), r('b', 'b/Dockerfile'), r('gone', 'c/Dockerfile'), r('repo')];
    const fresh = [r('a-new', 'a/Dockerfile'), r('stray', 'b/other.yaml')];
    expect(mergeResults(stored, fresh, ['a/Dockerfile', 'c/Dockerfile'])?.map((x) => x.subjectKey)).toEqual(['b', 'repo', 'a-new']);
    // A file that had results and has none now: they go.
    expect(mergeResults(stored, [], ['c/Dockerfile'])?.map((x) => x.subjectKey)).toEqual(['a-old', 'b', 'repo']);
  });

  it('nothing to write when none of the files read has a result, stored or new', () => {
    expect(mergeResults([r('b', 'b/Dockerfile'), r('repo')], [r('stray', 'b/other.yaml')], ['src/app.js'])).toBeNull();
  });
});

describe('scanIncrementally', () => {
  let tmp: string;
  let n = 0;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-incremental-test-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  async function zipBytes(entries: { name: string; content: string }[]): Promise<Buffer> {
    const zip = new ZipFile();
    for (const e of entries) zip.addBuffer(Buffer.from(e.content), e.name, { mtime: new Date('2025-01-01T00:00:00Z') });
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  const settings: ArchiveScanSettings = { salt: 'test', maxFileBytes: 1_000_000, maxFiles: 100_000, maxInflatedBytes: 100_000_000 };

  /** A git area answering `changes`, the blobs of `files` (path -> content) as a zip named by blob id, and `config` as .vigil.yml. */
  function stubGit(files: Record<string, string>, opts: { changes?: CommitDiffChange[]; truncated?: boolean; config?: string | null; dropBlobs?: boolean; diffError?: Error; folder?: string } = {}) {
    const ids = new Map(Object.keys(files).map((p, i) => [p, blobId(i + 1)]));
    const changes = opts.changes ?? Object.keys(files).map((p) => ({ path: p, changeTypes: ['edit'], objectId: ids.get(p)! }));
    const calls: string[] = [];
    const git: IncrementalScanInput['git'] = {
      getCommitDiffs: async (): Promise<CommitDiffs> => {
        calls.push('diffs');
        if (opts.diffError) throw opts.diffError;
        return { changes, truncated: opts.truncated ?? false };
      },
      getItemText: async ({ path: p }) => {
        calls.push(`item ${p}`);
        return opts.config ?? null;
      },
      getBlobsZip: async ({ blobIds, destFile }) => {
        calls.push(`blobs ${blobIds.length}`);
        const byId = new Map([...ids].map(([p, id]) => [id, files[p]]));
        const entries = opts.dropBlobs ? [] : blobIds.map((id) => ({ name: `${opts.folder ?? ''}${id}`, content: byId.get(id) ?? '' }));
        const bytes = await zipBytes(entries);
        fs.writeFileSync(destFile, bytes);
        return { bytes: bytes.length };
      },
    };
    return { git, calls, ids };
  }

  const run = (git: IncrementalScanInput['git']) => {
    const dir = path.join(tmp, `scan-${++n}`);
    fs.mkdirSync(dir);
    return scanIncrementally({ git, projectId: 'p', repoId: 'r', baseCommit: BASE, headCommit: HEAD, dir, settings, maxChangedFiles: 10, maxBytes: 10_000_000 });
  };

  it('reads only the changed blobs, under their paths, and answers for changed and removed files', async () => {
    const s1 = secret('inc-1');
    const s2 = secret('inc-2');
    const files = { 'src/a.js': `const token = "${s1}";\n`, 'src/b.py': 'print("hello")\n', 'copy/a.js': `const token = "${s1}";\n`, 'docs/new.env': `GITHUB_TOKEN=${s2}\n` };
    const id = (p: keyof typeof files) => blobId(Object.keys(files).indexOf(p) + 1);
    // copy/a.js has the same content, so the same blob: one zip entry read under two paths.
    const changes: CommitDiffChange[] = [
      { path: 'src/a.js', changeTypes: ['edit'], objectId: id('src/a.js') },
      { path: 'copy/a.js', changeTypes: ['add'], objectId: id('src/a.js') },
      { path: 'src/b.py', changeTypes: ['edit', 'rename'], objectId: id('src/b.py'), originalPath: 'src/old.py' },
      { path: 'docs/new.env', changeTypes: ['add'], objectId: id('docs/new.env') },
      { path: 'src/gone.js', changeTypes: ['delete'] },
    ];
    const { git, calls } = stubGit(files, { folder: 'root/', changes });
    const outcome = await run(git);
    if (outcome.kind !== 'incremental') throw new Error(`expected incremental, got: ${outcome.reason}`);
    expect(calls).toEqual(['diffs', 'item .vigil.yml', 'blobs 3']);
    expect(outcome.paths.sort()).toEqual(['copy/a.js', 'docs/new.env', 'src/a.js', 'src/b.py', 'src/gone.js', 'src/old.py']);
    expect({ changed: outcome.changed, removed: outcome.removed }).toEqual({ changed: 4, removed: 2 });
    const secrets = outcome.result.findings.filter((f) => f.category === 'secret').map((f) => (f.location.kind === 'ado-object' ? '' : f.location.path)).sort();
    expect(secrets).toEqual(['copy/a.js', 'docs/new.env', 'src/a.js']);
  });

  it('applies the repository .vigil.yml to the changed files, and does not judge the file itself', async () => {
    const { git } = stubGit({ 'src/a.js': `const token = "${secret('inc-3')}";\n` }, { config: `ignore:\n  - path: "src/**"\n    reason: test fixtures\n` });
    const outcome = await run(git);
    if (outcome.kind !== 'incremental') throw new Error(outcome.reason);
    const [f] = outcome.result.findings.filter((x) => x.category === 'secret');
    expect(f.suppressed).toMatchObject({ kind: 'file', reason: 'test fixtures' });
    expect(outcome.paths).toEqual(['src/a.js']);
  });

  it('nothing changed: no download at all', async () => {
    const { git, calls } = stubGit({});
    const outcome = await run(git);
    expect(outcome).toMatchObject({ kind: 'incremental', paths: [], changed: 0, removed: 0 });
    expect(calls).toEqual(['diffs']);
  });

  it('full instead: too many changes, a lockfile, a Kubernetes manifest, a blob without content, a base commit ADO cannot find', async () => {
    expect(await run(stubGit({ 'a.js': 'x' }, { truncated: true }).git)).toMatchObject({ kind: 'full', reason: expect.stringMatching(/more than 10 files changed/) });

    const lock = stubGit({ 'src/a.js': 'x', 'package-lock.json': '{}' });
    expect(await run(lock.git)).toMatchObject({ kind: 'full', reason: expect.stringMatching(/lockfile.*: package-lock\.json$/) });
    expect(lock.calls).toEqual(['diffs']);

    const deleted = stubGit({}, { changes: [{ path: 'infra/main.tf', changeTypes: ['delete'] }] });
    expect(await run(deleted.git)).toMatchObject({ kind: 'full', reason: expect.stringMatching(/Terraform/) });

    const k8s = stubGit({ 'deploy/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n' });
    expect(await run(k8s.git)).toMatchObject({ kind: 'full', reason: expect.stringMatching(/Kubernetes manifest changed.*: deploy\/web\.yaml$/) });

    expect(await run(stubGit({ 'src/a.js': 'x' }, { dropBlobs: true }).git)).toMatchObject({ kind: 'full', reason: expect.stringMatching(/blobs without content/) });

    const gone = new AdoError('not-found', 'TF401175: The version descriptor <Commit: aaaa> could not be resolved', 404);
    expect(await run(stubGit({ 'a.js': 'x' }, { diffError: gone }).git)).toMatchObject({ kind: 'full', reason: expect.stringMatching(/TF401175/) });
  });

  it('any other failure is the scan failing, not a full scan', async () => {
    await expect(run(stubGit({ 'a.js': 'x' }, { diffError: new Error('disk full') }).git)).rejects.toThrow('disk full');
  });
});
