// The service in child processes (`node --import tsx service/main.ts`, the real entry point with its
// signal handlers, or the compiled dist/service/main.js), for tests that kill a worker with SIGKILL or
// stop it with SIGTERM and for the soak benchmark. api-client.ts calls such a service.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

export interface ServiceProcess {
  pid: number;
  /** The HTTP address when the role serves it ('all' or 'web'). */
  url?: string;
  /** Every log line (JSON) and stderr line so far; empty with `logFile` (the lines go there). */
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Until it exited. */
  readonly alive: boolean;
  kill(signal: NodeJS.Signals): void;
}

export interface SpawnOptions {
  /** Rejects when the service has not logged 'Vigil started' by then (default 60 s). */
  readyTimeoutMs?: number;
  /** A compiled entry point run with plain node (e.g. dist/service/main.js); default: service/main.ts through tsx. */
  entry?: string;
  /** Append stdout and stderr to this file instead of keeping them in `output` (long runs). */
  logFile?: string;
}

/**
 * Starts the service with exactly `env` (plus PATH and NODE_ENV=development) and resolves once it
 * logged 'Vigil started'. Rejects when it exits first or does not start within the ready timeout.
 */
export async function spawnService(env: Record<string, string>, opts: SpawnOptions = {}): Promise<ServiceProcess> {
  const readyTimeoutMs = opts.readyTimeoutMs ?? 60_000;
  const args = opts.entry ? [opts.entry] : ['--import', 'tsx', path.join(ROOT, 'service', 'main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const log = opts.logFile ? createWriteStream(opts.logFile, { flags: 'a' }) : undefined;
  const seen = () => (log ? `see ${opts.logFile}` : output.join('\n'));
  let alive = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      alive = false;
      resolve({ code, signal });
    }),
  );
  let onLine: ((line: string) => void) | undefined;
  const lines = (stream: NodeJS.ReadableStream) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      log?.write(chunk);
      if (log && !onLine) return; // with a log file, lines are only read until the service started
      rest += chunk;
      const parts = rest.split('\n');
      rest = parts.pop()!;
      for (const line of parts) {
        if (!log) output.push(line);
        onLine?.(line);
      }
    });
  };
  lines(child.stdout!);
  lines(child.stderr!);

  const started = await new Promise<{ url?: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the service did not start within ${readyTimeoutMs} ms:\n${seen()}`));
    }, readyTimeoutMs);
    onLine = (line) => {
      if (!line.includes('"Vigil started"')) return;
      clearTimeout(timer);
      const { url } = JSON.parse(line) as { url?: string };
      resolve({ url: url || undefined });
    };
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the service exited (${code ?? signal}) before it started:\n${seen()}`));
    });
  });
  onLine = undefined;
  if (log) void exited.then(() => log.end());
  return {
    pid: child.pid!,
    url: started.url,
    output,
    exited,
    get alive() {
      return alive;
    },
    kill: (signal) => void child.kill(signal),
  };
}

/** Stops a child: SIGTERM, then SIGKILL when it is still there after `graceMs`. */
export async function stopService(p: ServiceProcess, graceMs = 20_000): Promise<void> {
  p.kill('SIGTERM');
  const timer = setTimeout(() => p.kill('SIGKILL'), graceMs);
  await p.exited;
  clearTimeout(timer);
}
