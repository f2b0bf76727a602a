// The service in child processes (`node --import tsx service/main.ts`, the real entry point with its
// signal handlers), for tests that kill a worker with SIGKILL or stop it with SIGTERM, and a small
// /api/v1 client for a service that runs in another process.
import { spawn } from 'node:child_process';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import type { ApiResponse, StackUser } from './stack';

const ROOT = path.join(__dirname, '..', '..');

export interface ServiceProcess {
  pid: number;
  /** The HTTP address when the role serves it ('all' or 'web'). */
  url?: string;
  /** Every log line (JSON) and stderr line so far. */
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * Starts the service with exactly `env` (plus PATH) and resolves once it logged 'Vigil started'.
 * Rejects when it exits first or does not start within `readyTimeoutMs`.
 */
export async function spawnService(env: Record<string, string>, readyTimeoutMs = 60_000): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'service', 'main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let onLine: (line: string) => void = () => undefined;
  const lines = (stream: NodeJS.ReadableStream) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      rest += chunk;
      const parts = rest.split('\n');
      rest = parts.pop()!;
      for (const line of parts) {
        output.push(line);
        onLine(line);
      }
    });
  };
  lines(child.stdout!);
  lines(child.stderr!);

  const started = await new Promise<{ url?: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the service did not start within ${readyTimeoutMs} ms:\n${output.join('\n')}`));
    }, readyTimeoutMs);
    onLine = (line) => {
      if (!line.includes('"Vigil started"')) return;
      clearTimeout(timer);
      const { url } = JSON.parse(line) as { url?: string };
      resolve({ url: url || undefined });
    };
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the service exited (${code ?? signal}) before it started:\n${output.join('\n')}`));
    });
  });
  onLine = () => undefined;
  return { pid: child.pid!, url: started.url, output, exited, kill: (signal) => void child.kill(signal) };
}

/** Stops a child: SIGTERM, then SIGKILL when it is still there after `graceMs`. */
export async function stopService(p: ServiceProcess, graceMs = 20_000): Promise<void> {
  p.kill('SIGTERM');
  const timer = setTimeout(() => p.kill('SIGKILL'), graceMs);
  await p.exited;
  clearTimeout(timer);
}

export type Api = <T = any>(user: StackUser | null, method: string, path: string, body?: unknown, orgName?: string) => Promise<ApiResponse<T>>;

/** /api/v1 calls as a hub page makes them, to a service at `baseUrl` that trusts `appSecret`. */
export function apiClient(baseUrl: () => string, appSecret: string): Api {
  return async (user, method, apiPath, body, orgName = 'contoso') => {
    const headers: Record<string, string> = { 'X-Vigil-Org': orgName };
    if (user) {
      headers.Authorization = `Bearer ${jwt.sign({ nameid: user.id, tid: '00000000-0000-0000-0000-000000000001' }, appSecret, {
        algorithm: 'HS256',
        issuer: 'app.vstoken.visualstudio.com',
        audience: 'vigil-security.vigil-dev',
        expiresIn: 3600,
      })}`;
      headers['X-Vigil-Access-Token'] = user.accessToken;
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(baseUrl() + apiPath, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* keep text */
    }
    return { status: res.status, body: parsed, contentType: res.headers.get('content-type') ?? '' };
  };
}

/** Polls `probe` until it returns something other than undefined/false; throws after `timeoutMs` with `what`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got !== undefined && got !== false) return got;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
