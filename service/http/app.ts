import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import type { AppContext } from '../context';
import { errorHandler, notFoundHandler } from './problem';
import { landingPage } from './landing';
import { hookReceiver } from './hooks-routes';
import { pipelineReceiver } from './pipeline-routes';
import { apiRouter } from './routes';

export interface AppOptions {
  /** Health of the parts /readyz reports on. */
  ready: () => Promise<{ ok: boolean; checks: Record<string, string> }>;
  version: string;
}

export function createApp(ctx: AppContext, opts: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      // Hub pages are framed by Azure DevOps when the service hosts them (baseUri).
      frameguard: false,
      contentSecurityPolicy: {
        directives: { 'frame-ancestors': ["'self'", 'https://dev.azure.com', 'https://*.visualstudio.com', 'http://127.0.0.1:*', 'http://localhost:*'] },
      },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  );
  app.use(requestLog(ctx));
  app.use(cors(ctx.config.corsOrigins));

  app.get('/healthz', (_req, res) => res.json({ status: 'ok', version: opts.version }));
  app.get('/readyz', async (_req, res) => {
    const r = await opts.ready();
    res.status(r.ok ? 200 : 503).json({ status: r.ok ? 'ready' : 'not ready', checks: r.checks });
  });

  // A chosen list of repositories is the one large body: 20,000 ids fit in 1 MB.
  app.use('/api/v1/organization/repository-selection', express.json({ limit: '1mb' }));
  app.use(hookReceiver(ctx)); // its own secret and 1 MB body limit, not the app token
  app.use(pipelineReceiver(ctx)); // pipeline tokens and a 20 MB body limit, not the app token
  app.use('/api/v1', express.json({ limit: '100kb' }), apiRouter(ctx, { version: opts.version }));

  if (ctx.config.serveWeb && existsSync(ctx.config.webDir)) {
    app.use('/web', express.static(ctx.config.webDir, { fallthrough: true, maxAge: '5m' }));
  }
  const countOrganizations = async () =>
    Number((await ctx.store.db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  app.get('/', landingPage(opts.version, countOrganizations, opts.ready));

  app.use(notFoundHandler);
  app.use(errorHandler(ctx.log));
  return app;
}

/** Bearer tokens, no cookies: any configured origin may call; preflights answered here. */
function cors(origins: string[] | '*'): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin && (origins === '*' || origins.includes(origin))) {
      res.set('Access-Control-Allow-Origin', origins === '*' ? '*' : origin);
      res.set('Vary', 'Origin');
      res.set('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Vigil-Access-Token, X-Vigil-Org');
      res.set('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
      res.set('Access-Control-Max-Age', '600');
      // Downloads (SBOM, findings export) name their file there; a cross-origin page reads it only if exposed.
      res.set('Access-Control-Expose-Headers', 'Content-Disposition');
    }
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next();
  };
}

/** A caller's X-Request-Id when it is a plain token, else a new one: logged, answered, kept in the audit log. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

function requestLog(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    const offered = req.get('x-request-id');
    const requestId = offered && REQUEST_ID.test(offered) ? offered : randomUUID();
    res.locals.requestId = requestId;
    res.set('X-Request-Id', requestId);
    res.on('finish', () => {
      if (req.path === '/healthz' || req.path === '/readyz') return;
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      ctx.log.info({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms), requestId }, 'request');
    });
    next();
  };
}

/**
 * Requests Node refuses before Express sees them (a head over 16 KB, a malformed request line) get
 * problem+json too, instead of Node's bare status line.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = JSON.stringify({
      type: `https://vigil.dev/problems/${status === 431 ? 'headers-too-large' : 'bad-request'}`,
      title: STATUS_CODES[status],
      status,
      detail: status === 431 ? 'The request headers are larger than the service accepts (16 KB).' : 'The request could not be parsed as HTTP.',
    });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
