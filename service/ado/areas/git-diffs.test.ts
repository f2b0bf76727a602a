// What an incremental scan asks of the git area: the files changed between two commits (diffs/commits,
// paged by $top/$skip), a zip of chosen blobs (POST blobs), and one small file's text (items). Answers
// in the shapes of the REST reference (Diffs - Get, Blobs - Get Blobs Zip, Items - Get).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adoError, adoErrorOf, stubFetch, testClient, type StubCall } from '../testdata/stub-fetch';
import { toCommitDiffChange } from './git';

const BASE = 'be67f8871a4d2c75f13a51c1d3c30ac0d74d4ef4';
const TARGET = '67cae2b029dff7eb3dc062b49403aaedca5bad8d';
const repoUrl = 'https://dev.azure.com/fabrikam/_apis/git/repositories/278d5cd2-584d-4b63-824a-2ba458937249';
const blob = (n: number) => n.toString(16).padStart(40, 'a');

/** A GitChange as diffs/commits sends it (Diffs - Get example shape). */
const change = (changeType: string, itemPath: string, extra: Record<string, unknown> = {}, item: Record<string, unknown> = {}) => ({
  item: { objectId: blob(itemPath.length), originalObjectId: blob(itemPath.length + 1), gitObjectType: 'blob', commitId: TARGET, path: itemPath, url: `${repoUrl}/items${itemPath}?versionType=Commit`, ...item },
  changeType,
  ...extra,
});
const folder = (itemPath: string) => ({
  item: { objectId: blob(99), gitObjectType: 'tree', commitId: TARGET, path: itemPath, isFolder: true, url: `${repoUrl}/items${itemPath}` },
  changeType: 'edit',
});
const diffsBody = (changes: unknown[], allChangesIncluded = true) => ({
  allChangesIncluded,
  changeCounts: { Edit: changes.length },
  changes,
  commonCommit: BASE,
  baseCommit: BASE,
  targetCommit: TARGET,
  aheadCount: 1,
  behindCount: 0,
});

const options = { projectId: 'Fabrikam-Fiber-Git', repoId: '278d5cd2-584d-4b63-824a-2ba458937249', baseCommit: BASE, targetCommit: TARGET };

describe('getCommitDiffs', () => {
  it('reads add, edit, delete and rename, leaves folders out, and compares the two commits themselves', async () => {
    const { fetchImpl, calls } = stubFetch(() => ({
      body: diffsBody([
        folder('/src'),
        change('edit', '/src/app.js'),
        change('add', '/src/new.py'),
        change('delete', '/old/gone.txt', {}, { objectId: undefined }),
        change('rename', '/docs/readme.md', { sourceServerItem: '/README.md' }),
        change('edit, rename', '/lib/b.ts', { sourceServerItem: '/lib/a.ts' }),
        { item: { objectId: blob(7), gitObjectType: 'commit', path: '/vendor/submodule', url: `${repoUrl}/items/vendor/submodule` }, changeType: 'edit' },
      ]),
    }));
    const diffs = await testClient(fetchImpl).client.git.getCommitDiffs({ ...options, maxChanges: 500 });
    expect(diffs).toEqual({
      truncated: false,
      changes: [
        { path: 'src/app.js', changeTypes: ['edit'], objectId: blob('/src/app.js'.length) },
        { path: 'src/new.py', changeTypes: ['add'], objectId: blob('/src/new.py'.length) },
        { path: 'old/gone.txt', changeTypes: ['delete'] },
        { path: 'docs/readme.md', changeTypes: ['rename'], objectId: blob('/docs/readme.md'.length), originalPath: 'README.md' },
        { path: 'lib/b.ts', changeTypes: ['edit', 'rename'], objectId: blob('/lib/b.ts'.length), originalPath: 'lib/a.ts' },
      ],
    });
    expect(calls).toHaveLength(1);
    const url = calls[0].url;
    expect(url.pathname).toBe('/contoso/Fabrikam-Fiber-Git/_apis/git/repositories/278d5cd2-584d-4b63-824a-2ba458937249/diffs/commits');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      baseVersion: BASE,
      baseVersionType: 'commit',
      targetVersion: TARGET,
      targetVersionType: 'commit',
      diffCommonCommit: 'false',
      $top: '100',
      $skip: '0',
      'api-version': '7.1',
    });
  });

  /** Pages of `perPage` changes out of `total` files, answered by $skip. */
  const paged = (total: number, perPage: number, allChangesIncluded = true) =>
    stubFetch((call: StubCall) => {
      const skip = Number(call.url.searchParams.get('$skip'));
      const top = Number(call.url.searchParams.get('$top'));
      expect(top).toBe(perPage);
      const files = Array.from({ length: Math.max(0, Math.min(top, total - skip)) }, (_, i) => change('edit', `/f${skip + i}.txt`));
      return { body: diffsBody(files, skip + top >= total ? allChangesIncluded : true) };
    });

  it('follows $skip until a page is shorter than $top', async () => {
    const { fetchImpl, calls } = paged(5, 2);
    const diffs = await testClient(fetchImpl).client.git.getCommitDiffs({ ...options, maxChanges: 10, pageSize: 2 });
    expect(diffs.truncated).toBe(false);
    expect(diffs.changes.map((c) => c.path)).toEqual(['f0.txt', 'f1.txt', 'f2.txt', 'f3.txt', 'f4.txt']);
    expect(calls.map((c) => c.url.searchParams.get('$skip'))).toEqual(['0', '2', '4']);
  });

  it('an exact multiple of $top ends with an empty page', async () => {
    const { fetchImpl, calls } = paged(4, 2);
    expect((await testClient(fetchImpl).client.git.getCommitDiffs({ ...options, maxChanges: 10, pageSize: 2 })).changes).toHaveLength(4);
    expect(calls).toHaveLength(3);
  });

  it('stops reading once more than maxChanges files changed: truncated', async () => {
    const { fetchImpl, calls } = paged(1000, 10);
    const diffs = await testClient(fetchImpl).client.git.getCommitDiffs({ ...options, maxChanges: 15, pageSize: 10 });
    expect(diffs.truncated).toBe(true);
    expect(diffs.changes).toHaveLength(16);
    expect(calls).toHaveLength(2);
  });

  it('a last page that says not all changes are included is truncated', async () => {
    const { fetchImpl } = paged(3, 10, false);
    expect((await testClient(fetchImpl).client.git.getCommitDiffs({ ...options, maxChanges: 500, pageSize: 10 })).truncated).toBe(true);
  });

  it('no change at all (the same commit twice) is an empty list', async () => {
    const { fetchImpl } = stubFetch(() => ({ body: { allChangesIncluded: true, changeCounts: {}, changes: [], commonCommit: BASE, baseCommit: BASE, targetCommit: BASE } }));
    expect(await testClient(fetchImpl).client.git.getCommitDiffs({ ...options, targetCommit: BASE, maxChanges: 500 })).toEqual({ changes: [], truncated: false });
  });

  it('a changed file without a blob id, or without a path, is a bad response', async () => {
    const noBlob = stubFetch(() => ({ body: diffsBody([change('edit', '/a.js', {}, { objectId: 'nope' })]) }));
    expect((await adoErrorOf(testClient(noBlob.fetchImpl).client.git.getCommitDiffs({ ...options, maxChanges: 5 }))).message).toMatch(/objectId is not a 40-hex blob id \(a\.js\)/);
    const noPath = stubFetch(() => ({ body: diffsBody([change('edit', '/a.js', {}, { path: undefined })]) }));
    expect((await adoErrorOf(testClient(noPath.fetchImpl).client.git.getCommitDiffs({ ...options, maxChanges: 5 }))).kind).toBe('bad-response');
  });

  it('refuses commit ids that are not 40-hex before sending anything', async () => {
    const { fetchImpl, calls } = stubFetch(() => ({ body: diffsBody([]) }));
    await expect(testClient(fetchImpl).client.git.getCommitDiffs({ ...options, baseCommit: 'main', maxChanges: 5 })).rejects.toThrow(/40-hex/);
    expect(calls).toHaveLength(0);
  });

  it('a rename whose old path is its path names no original', () => {
    const ctx = { operation: 'test', path: 'p' };
    expect(toCommitDiffChange(change('rename', '/a.js', { sourceServerItem: '/a.js' }), ctx)).toEqual({ path: 'a.js', changeTypes: ['rename'], objectId: blob(5) });
    expect(toCommitDiffChange(change('edit', '/a.js', { originalPath: '/b.js' }), ctx)?.originalPath).toBe('b.js');
  });
});

describe('getBlobsZip', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'vigil-blobs-test-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const zipBytes = Buffer.from('PK\u0003\u0004 zip bytes of the blobs');
  const zipAnswer = () =>
    stubFetch(() => ({ text: zipBytes.toString('latin1'), headers: { 'content-type': 'application/zip' } }));

  it('POSTs the blob ids as a JSON array and streams the zip to the file', async () => {
    const { fetchImpl, calls } = zipAnswer();
    const destFile = path.join(tmp, 'ok.zip');
    const got = await testClient(fetchImpl).client.git.getBlobsZip({ ...options, blobIds: [blob(1), blob(2)], destFile, maxBytes: 1000 });
    expect(got.bytes).toBe(readFileSync(destFile).length);
    expect(readFileSync(destFile).toString('latin1')).toBe(zipBytes.toString('latin1'));
    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe('POST');
    expect(calls[0].body).toEqual([blob(1), blob(2)]);
    expect(calls[0].headers.get('accept')).toBe('application/zip');
    expect(calls[0].headers.get('content-type')).toBe('application/json');
    expect(calls[0].url.pathname).toBe('/contoso/Fabrikam-Fiber-Git/_apis/git/repositories/278d5cd2-584d-4b63-824a-2ba458937249/blobs');
    expect(calls[0].url.searchParams.get('$format')).toBe('zip');
  });

  it('past the byte cap: too-large, and no file left behind', async () => {
    const { fetchImpl } = zipAnswer();
    const destFile = path.join(tmp, 'big.zip');
    const err = await adoErrorOf(testClient(fetchImpl).client.git.getBlobsZip({ ...options, blobIds: [blob(1)], destFile, maxBytes: 10 }));
    expect(err.kind).toBe('too-large');
    expect(existsSync(destFile)).toBe(false);
  });

  it('a JSON error answer is an error of that status, not a zip', async () => {
    const { fetchImpl } = stubFetch(() => adoError(404, 'TF401019: The Git repository with name or identifier x does not exist or you do not have permissions for the operation you are attempting.'));
    const destFile = path.join(tmp, 'missing.zip');
    const err = await adoErrorOf(testClient(fetchImpl, { maxRetries: 0 }).client.git.getBlobsZip({ ...options, blobIds: [blob(1)], destFile, maxBytes: 1000 }));
    expect(err.kind).toBe('not-found');
    expect(existsSync(destFile)).toBe(false);
  });

  it('refuses an empty list or an id that is not a blob id before sending anything', async () => {
    const { fetchImpl, calls } = zipAnswer();
    const client = testClient(fetchImpl).client;
    expect(() => client.git.getBlobsZip({ ...options, blobIds: [], destFile: path.join(tmp, 'x.zip'), maxBytes: 10 })).toThrow(/at least one/);
    expect(() => client.git.getBlobsZip({ ...options, blobIds: ['../etc'], destFile: path.join(tmp, 'y.zip'), maxBytes: 10 })).toThrow(/40-hex/);
    expect(calls).toHaveLength(0);
  });
});

describe('getItemText', () => {
  it('reads one file at a commit from the item JSON', async () => {
    const { fetchImpl, calls } = stubFetch(() => ({
      body: { objectId: blob(3), gitObjectType: 'blob', commitId: TARGET, path: '/.vigil.yml', content: 'ignore:\n  - rule: SEC-X\n', url: `${repoUrl}/items/.vigil.yml` },
    }));
    expect(await testClient(fetchImpl).client.git.getItemText({ ...options, path: '.vigil.yml', commitSha: TARGET })).toBe('ignore:\n  - rule: SEC-X\n');
    expect(Object.fromEntries(calls[0].url.searchParams)).toMatchObject({
      path: '/.vigil.yml',
      'versionDescriptor.version': TARGET,
      'versionDescriptor.versionType': 'commit',
      includeContent: 'true',
    });
  });

  it('null when the commit has no such file (404)', async () => {
    const { fetchImpl } = stubFetch(() => adoError(404, 'TF401174: The item \'/.vigil.yml\' could not be found in the repository.'));
    expect(await testClient(fetchImpl).client.git.getItemText({ ...options, path: '.vigil.yml', commitSha: TARGET })).toBeNull();
  });

  it('any other failure is thrown', async () => {
    const { fetchImpl } = stubFetch(() => adoError(403, 'TF400813: not authorized'));
    expect((await adoErrorOf(testClient(fetchImpl).client.git.getItemText({ ...options, path: '.vigil.yml', commitSha: TARGET }))).kind).toBe('forbidden');
  });
});
