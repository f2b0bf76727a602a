// Composition root: config -> store -> queue -> workers + schedules -> http.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig, type Config } from './config';
import { answerClientErrors, createApp } from './http/app';
import { sharedAdoClients } from './ado/client-pool';
import { databaseRequestBudgets } from './jobs/ado-budget';
import { EntraTokens } from './ado/entra';
import type { AppContext } from './context';
import { startQueue } from './jobs/queue';
import { startWorkers, type Workers } from './jobs/workers';
import { createLogger, type Logger } from './log';
import { openStore } from './store/db';
import type { VerifyTransport } from './verify/types';
import { SecretVerifier } from './verify/verifier';

/** package.json sits one level up from service/ and two from dist/service/. */
const VERSION: string = (() => {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      return JSON.parse(readFileSync(path.join(__dirname, rel), 'utf8')).version;
    } catch {
      /* try the next */
    }
  }
  return 'unknown';
})();

export interface RunningService {
  url: string;
  port: number;
  config: Config;
  context: AppContext;
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  adoClient?: AppContext['adoClient'];
  /**
   * Tests only: how secret verification reaches the (fake) providers. Never configurable otherwise:
   * a secret goes to its provider's own host over HTTPS.
   */
  verifyTransport?: VerifyTransport;
}

export async function startService(opts: StartOptions = {}): Promise<RunningService> {
  const startedAt = Date.now();
  const config = loadConfig(opts.env ?? process.env);
  const log = opts.logger ?? createLogger(config.logLevel);
  if (config.generated.length) {
    log.warn({ generated: config.generated, file: `${config.dataDir}/dev-secrets.json` }, 'development secrets generated; set them in the environment for production');
  }
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let boss;
  try {
    boss = await startQueue(store, config, log);
  } catch (err) {
    await store.close();
    throw err;
  }
  const ctx: AppContext = {
    store,
    config,
    log,
    boss,
    adoClient: opts.adoClient ?? sharedAdoClients(log, new EntraTokens({ authority: config.entraAuthority }), databaseRequestBudgets(store, config.adoBudget)),
    secretVerifier: new SecretVerifier(opts.verifyTransport ? { transport: opts.verifyTransport } : {}),
  };
  let stopRequested = false;
  let workers: Workers | undefined;
  if (config.role !== 'web') {
    try {
      workers = await startWorkers(ctx);
    } catch (err) {
      await boss.stop({ graceful: false, close: false }).catch(() => undefined);
      await store.close();
      throw err;
    }
  }

  let server: Server | undefined;
  let url = '';
  let port = 0;
  if (config.role !== 'worker') {
    const app = createApp(ctx, {
      version: VERSION,
      ready: async () => {
        const checks: Record<string, string> = {};
        try {
          await store.executeSql('SELECT 1');
          checks.database = 'ok';
        } catch (err) {
          checks.database = (err as Error).message;
        }
        checks.queue = stopRequested ? 'stopping' : 'ok';
        return { ok: Object.values(checks).every((c) => c === 'ok'), checks };
      },
    });
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
    answerClientErrors(server);
    port = (server.address() as AddressInfo).port;
    url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  }
  log.info({ url, role: config.role, database: store.kind, ms: Date.now() - startedAt }, 'Vigil started');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      stopRequested = true;
      log.info('stopping: finishing in-flight jobs');
      if (server) {
        server.closeIdleConnections?.();
        await new Promise<void>((resolve) => server!.close(() => resolve()));
      }
      // Scans and discoveries get the shutdown timeout to finish, then are aborted and queued again
      // (scan-workers.ts); pg-boss only runs the discovery schedule, which asks for discoveries.
      await Promise.all([
        workers?.stop(config.shutdownTimeoutMs),
        boss.stop({ graceful: true, wait: true, timeout: config.shutdownTimeoutMs + 5_000, close: false }),
      ]);
      await store.close();
      log.info('stopped');
    })());
  return { url, port, config, context: ctx, stop };
}

if (require.main === module) {
  if (process.argv.includes('--worker')) process.env.VIGIL_ROLE = 'worker';
  startService().then(
    (svc) => {
      const onSignal = (sig: string) => {
        svc.context.log.info({ signal: sig }, 'signal received');
        svc.stop().then(
          () => process.exit(0),
          (err) => {
            svc.context.log.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
    },
    (err) => {
      if (err instanceof ConfigError) console.error(err.message);
      else console.error('Vigil failed to start:', err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
