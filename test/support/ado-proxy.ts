// A pass-through proxy in front of the fake ADO that can hold repository downloads (or any answer whose
// path matches) mid-way: the answer's status and headers go out, then the body waits until the test
// releases it. Tests use it to
// have scans "in the middle of a download" for as long as they need (a busy repository, a worker
// killed or stopped during a download) without the product knowing: it only gets another URL.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from './wait';

export interface HeldDownload {
  /** The repository id from the path of a zip download; '' for an answer held by holdPath. */
  repoId: string;
  path: string;
  /** Resolves once the client went away before the body was complete (aborted download). */
  closed: Promise<void>;
}

export interface AdoProxy {
  url: string;
  /** Hold the zip downloads of these repositories (ids), or of every repository with '*'. */
  hold(...repoIds: string[]): void;
  /** Hold every successful answer whose path matches, until release(). */
  holdPath(pattern: RegExp): void;
  /** Let every held answer go on, and stop holding. */
  release(): void;
  /** Downloads being held now. */
  readonly held: HeldDownload[];
  /** Repository ids (or paths) of held answers whose client went away (aborted). */
  readonly aborted: string[];
  /** Resolves when `count` downloads are held (polls; rejects after timeoutMs). */
  waitForHeld(count: number, timeoutMs?: number): Promise<HeldDownload[]>;
  close(): Promise<void>;
}

const ZIP_PATH = /\/_apis\/git\/repositories\/([^/]+)\/items$/;

export async function startAdoProxy(targetBaseUrl: string): Promise<AdoProxy> {
  const target = new URL(targetBaseUrl);
  const holding = new Set<string>();
  const holdingPaths: RegExp[] = [];
  const held: (HeldDownload & { go: () => void })[] = [];
  const aborted: string[] = [];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const zipRepo = url.searchParams.get('$format')?.toLowerCase() === 'zip' ? ZIP_PATH.exec(url.pathname)?.[1] : undefined;
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        const mustHold =
          up.statusCode === 200 &&
          ((zipRepo !== undefined && (holding.has('*') || holding.has(zipRepo))) || holdingPaths.some((re) => re.test(url.pathname)));
        if (!mustHold) {
          up.pipe(res);
          return;
        }
        res.flushHeaders();
        up.pause();
        let settle!: () => void;
        const closed = new Promise<void>((resolve) => (settle = resolve));
        const entry = {
          repoId: zipRepo ?? '',
          path: url.pathname,
          closed,
          go: () => {
            const i = held.indexOf(entry);
            if (i >= 0) held.splice(i, 1);
            up.pipe(res);
            up.resume();
          },
        };
        held.push(entry);
        res.on('close', () => {
          // Closed before the whole body went out: the client gave the download up.
          if (!res.writableFinished) {
            aborted.push(zipRepo ?? url.pathname);
            const i = held.indexOf(entry);
            if (i >= 0) held.splice(i, 1);
            up.destroy();
            settle();
          }
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const release = () => {
    holding.clear();
    holdingPaths.length = 0;
    for (const entry of [...held]) entry.go();
  };

  return {
    url,
    hold: (...ids) => ids.forEach((id) => holding.add(id)),
    holdPath: (pattern) => void holdingPaths.push(pattern),
    release,
    get held() {
      return [...held];
    },
    aborted,
    waitForHeld: (count, timeoutMs = 30_000) =>
      waitFor(() => `${count} held downloads (${held.length} held)`, () => held.length >= count && [...held], timeoutMs, 25),
    close: async () => {
      release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
