// Streams a binary answer (a repository zip) to a file with a size cap. ADO sends zips chunked,
// without Content-Length, so bytes are counted as they arrive (ado-rest.md §2.1).
import { open, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { signInPageError } from './errors';
import { describeError, discardBody } from './http-body';
import type { AdoTransport, RequestSpec } from './transport';
import { AdoError } from './types';

export interface DownloadSpec extends RequestSpec {
  /** Default GET; POST for a read whose body names what to send (the blobs zip). */
  method?: 'GET' | 'POST';
  /** Sent as JSON with a POST. */
  body?: unknown;
  /** Created exclusively (an existing file is an error, never overwritten); removed on any failure. */
  destFile: string;
  maxBytes: number;
  /** Message of the 'too-large' error. */
  tooLargeMessage: string;
}

/**
 * Past `maxBytes` it stops with AdoError('too-large'). Any failure removes the file. A failure of the
 * local file (ENOSPC, EIO) is thrown as it is: only a body that breaks off is an AdoError('network').
 */
export async function downloadToFile(t: AdoTransport, spec: DownloadSpec): Promise<{ bytes: number }> {
  const tooLarge = () => new AdoError('too-large', spec.tooLargeMessage, 200, undefined, spec.path);
  // 'wx': never overwrite, never follow a planted symlink. Opened before the request so that a
  // failure below always owns (and removes) the file.
  const handle = await open(spec.destFile, 'wx');
  const controller = new AbortController();
  const signal = spec.signal ? AbortSignal.any([spec.signal, controller.signal]) : controller.signal;
  let bytes = 0;
  // The stream that failed first: the other one is then destroyed with the same error.
  let failed: 'body' | 'file' | undefined;
  try {
    const res = await t.openStream({ ...spec, signal });
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > spec.maxBytes) {
      await discardBody(res);
      throw tooLarge();
    }
    const kind = t.credentialKind;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        // A sign-in page sent as a 200 with a binary content type.
        if (bytes === 0 && chunk.length > 0 && chunk[0] === 0x3c /* '<' */) {
          done(signInPageError(res.status, kind, spec.path));
          return;
        }
        bytes += chunk.length;
        if (bytes > spec.maxBytes) done(tooLarge());
        else done(null, chunk);
      },
    });
    const body = Readable.fromWeb(res.body as unknown as NodeReadableStream<Uint8Array>);
    const file = handle.createWriteStream();
    body.once('error', () => (failed ??= 'body'));
    file.once('error', () => (failed ??= 'file'));
    await pipeline(body, counter, file);
    return { bytes };
  } catch (err) {
    controller.abort();
    await handle.close().catch(() => undefined);
    await rm(spec.destFile, { force: true });
    if (err instanceof AdoError) throw err;
    // A local disk error (ENOSPC, EIO) is not Azure DevOps breaking off.
    if (spec.signal?.aborted || failed === 'file') throw err;
    throw new AdoError('network', `Azure DevOps broke off while asked to ${spec.operation}, after ${bytes} bytes: ${describeError(err)}`, undefined, undefined, spec.path);
  }
}
