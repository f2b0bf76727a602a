// Which failures of a zip download are Azure DevOps breaking off, and which are the local disk's.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { adoErrorOf, testClient } from './testdata/stub-fetch';

const ZIP_START = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);

/** A 200 zip answer whose body sends `ZIP_START` and then, when `breakOff`, fails like a dropped connection. */
const zipAnswer = (breakOff: boolean): typeof fetch =>
  async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(ZIP_START);
        else if (breakOff) controller.error(Object.assign(new TypeError('terminated'), { cause: { code: 'ECONNRESET' } }));
        else controller.close();
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'application/zip' } });
  };

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'vigil-download-test-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

const download = (fetchImpl: typeof fetch, destFile: string) =>
  testClient(fetchImpl).client.git.downloadRepositoryZip({ projectId: 'p', repoId: 'r', commitSha: 'c'.repeat(40), destFile, maxBytes: 1_000_000 });

describe('downloadRepositoryZip failures', () => {
  it('writes the whole body when nothing fails', async () => {
    const destFile = path.join(tmp, 'ok.zip');
    expect(await download(zipAnswer(false), destFile)).toEqual({ bytes: ZIP_START.length });
    expect(existsSync(destFile)).toBe(true);
  });

  it("reports a body that breaks off as 'network', and removes the file", async () => {
    const destFile = path.join(tmp, 'broken.zip');
    const err = await adoErrorOf(download(zipAnswer(true), destFile));
    expect(err).toMatchObject({ kind: 'network', path: 'p/_apis/git/repositories/r/items' });
    expect(err.message).toMatch(/^Azure DevOps broke off while asked to download the zip of repository r at c{12}, after \d+ bytes: terminated \(ECONNRESET\)$/);
    expect(existsSync(destFile)).toBe(false);
  });

  it('throws a local disk error (ENOSPC) as it is, not as Azure DevOps breaking off, and removes the file', async () => {
    const destFile = path.join(tmp, 'full.zip');
    const diskFull = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    const realOpen = fsp.open;
    jest.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
      const handle = await realOpen(...args);
      handle.createWriteStream = () => new Writable({ write: (_chunk, _enc, done) => done(diskFull) }) as ReturnType<typeof handle.createWriteStream>;
      return handle;
    });
    await expect(download(zipAnswer(false), destFile)).rejects.toBe(diskFull);
    expect(existsSync(destFile)).toBe(false);
  });
});
