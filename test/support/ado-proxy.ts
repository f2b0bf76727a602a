// A pass-through proxy in front of the fake ADO that can hold repository downloads (or any answer whose
// path matches) mid-way: the answer's status and headers go out, then the body waits until the test
// releases it. Tests use it to
// have scans "in the middle of a download" for as long as they need (a busy repository, a worker
// killed or stopped during a download) without the product knowing: it only gets another URL.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HeldDownload {
  /** The repository id from the path of a zip download; '' for an answer held by holdPath. */
  repoId: string;
  path: string;
  /** Resolves once the client went away before the body was complete (aborted download). */
  closed: Promise<void>;
}

export interface AdoProxy {
  url: string;
  orgUrl(name: string): string;
  /** Hold the zip downloads of these repositories (ids), or of every repository with '*'. */
  hold(...repoIds: string[]): void;
  /** Hold every successful answer whose path matches, until release() with no argument. */
  holdPath(pattern: RegExp): void;
  /** Let held downloads go on (those named, or all), and stop holding them. */
  release(...repoIds: string[]): void;
  /** Downloads being held now. */
  readonly held: HeldDownload[];
  /** Repository ids (or paths) of held answers whose client went away (aborted). */
  readonly aborted: string[];
  /** Zip downloads answered in full, by repository id. */
  readonly completed: string[];
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
  const completed: string[] = [];

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
          if (zipRepo) res.on('finish', () => completed.push(zipRepo));
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
        if (zipRepo) res.on('finish', () => completed.push(zipRepo));
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

  const release = (...repoIds: string[]) => {
    const all = repoIds.length === 0;
    for (const id of all ? [...holding] : repoIds) holding.delete(id);
    if (all) holdingPaths.length = 0;
    for (const entry of [...held]) if (all || repoIds.includes(entry.repoId)) entry.go();
  };

  return {
    url,
    orgUrl: (name) => `${url}/${name}`,
    hold: (...ids) => ids.forEach((id) => holding.add(id)),
    holdPath: (pattern) => void holdingPaths.push(pattern),
    release,
    get held() {
      return [...held];
    },
    aborted,
    completed,
    waitForHeld: async (count, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      while (held.length < count) {
        if (Date.now() > deadline) throw new Error(`${held.length} downloads held after ${timeoutMs} ms, waiting for ${count}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return [...held];
    },
    close: async () => {
      release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
