// A fake OSV bucket and package registries on one small HTTP server, for tests: the OSV paths
// (<ecosystem>/all.zip, <ecosystem>/modified_id.csv, <ecosystem>/<ID>.json) and registry answers
// (npm, PyPI JSON, NuGet registration, Maven Central poms) are whatever the test puts at a path.
// Product code only gets base URLs: VIGIL_OSV_BASE_URL = fake.url + '/osv', registries below it.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeAnswer {
  status?: number;
  body: Buffer | string;
  contentType?: string;
  /** Milliseconds to wait before answering (a slow host). */
  delayMs?: number;
}

export interface FakeOsvHost {
  /** http://127.0.0.1:PORT */
  url: string;
  /** VIGIL_OSV_BASE_URL */
  osvBaseUrl: string;
  /** Registry base URLs (npm, PyPI, NuGet, Maven) as the metadata sources take them. */
  registries: { npm: string; pypi: string; nuget: string; maven: string };
  /** Serve `body` at `path` (starting with '/'); replaces what was there. */
  put(path: string, answer: FakeAnswer | Buffer | string): void;
  remove(path: string): void;
  /** Paths requested, in order (query strings dropped). */
  requests: string[];
  close(): Promise<void>;
}

export async function startFakeOsv(): Promise<FakeOsvHost> {
  const answers = new Map<string, FakeAnswer>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    requests.push(path);
    const answer = answers.get(path);
    const send = () => {
      if (!answer) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
      res.writeHead(answer.status ?? 200, { 'content-type': answer.contentType ?? contentTypeOf(path), 'content-length': body.length });
      res.end(body);
    };
    if (answer?.delayMs) setTimeout(send, answer.delayMs);
    else send();
  });
  // Longer than any pause between a test's requests (a PGlite start takes seconds): a pooled connection
  // the server closed meanwhile would reset the next request.
  server.keepAliveTimeout = 120_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    osvBaseUrl: `${url}/osv`,
    registries: { npm: `${url}/npm`, pypi: `${url}/pypi`, nuget: `${url}/nuget`, maven: `${url}/maven` },
    put(path, answer) {
      answers.set(path, typeof answer === 'string' || Buffer.isBuffer(answer) ? { body: answer } : answer);
    },
    remove(path) {
      answers.delete(path);
    },
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function contentTypeOf(path: string): string {
  if (path.endsWith('.zip')) return 'application/zip';
  if (path.endsWith('.csv')) return 'text/csv';
  if (path.endsWith('.pom') || path.endsWith('.xml')) return 'application/xml';
  return 'application/json';
}
