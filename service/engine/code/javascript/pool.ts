// A small pool of lint workers (worker_threads), kept alive across scans so ESLint's start-up is paid
// once per process; idle workers are unref'd and do not hold the process open. Used only when a
// worker entry can be loaded: compiled JS (dist/), or TypeScript run through tsx. Under ts-jest, or
// with VIGIL_JS_WORKERS=0, files are linted in the calling thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { SourceText } from '../types';
import type { LintOutput } from './lint';

export interface LintTask {
  id: number;
  names: readonly string[];
  files: readonly SourceText[];
}

export type LintReply = { id: number; out: LintOutput; error?: undefined } | { id: number; error: string; out?: undefined };

/** Batches in flight per worker: one being linted, one queued, so a worker never waits for the next. */
const IN_FLIGHT_PER_WORKER = 2;

/** Workers to start: VIGIL_JS_WORKERS (0 = lint in the calling thread), else 2 when there are 2 cores or more. */
export function workerCount(): number {
  const configured = process.env.VIGIL_JS_WORKERS;
  if (configured !== undefined && /^\d+$/.test(configured)) return Math.min(Number(configured), 16);
  return availableParallelism() >= 2 ? 2 : 0;
}

export interface WorkerEntry {
  script: string;
  eval: boolean;
}

/** The TypeScript worker loaded through tsx's require hook (tsx is a development dependency). */
export function tsxWorkerEntry(): WorkerEntry | undefined {
  const file = path.join(__dirname, 'worker.ts');
  try {
    const hook = require.resolve('tsx/cjs');
    return existsSync(file) ? { script: `require(${JSON.stringify(hook)}); require(${JSON.stringify(file)});`, eval: true } : undefined;
  } catch {
    return undefined;
  }
}

/** The worker script beside this module, when this runtime can load it. */
function workerEntry(): WorkerEntry | undefined {
  if (process.env.JEST_WORKER_ID !== undefined) return undefined;
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `worker${ext}`);
  if (!existsSync(file)) return undefined;
  if (ext === '.js') return { script: file, eval: false };
  // Under tsx (its loader in execArgv) a worker loads TypeScript through tsx's require hook.
  if (ext === '.ts' && process.execArgv.some((a) => /[\\/]tsx[\\/]/.test(a))) return tsxWorkerEntry();
  return undefined;
}

interface Pending {
  task: LintTask;
  resolve: (out: LintOutput) => void;
}

/** A batch whose worker died (out of memory, a crash): linted again in the calling thread. */
async function lintHere(task: LintTask): Promise<LintOutput> {
  const { lintFiles } = await import('./lint');
  return lintFiles(task.files, task.names);
}

class LintWorker {
  readonly pending = new Map<number, Pending>();
  private readonly worker: Worker;
  dead = false;

  constructor(entry: WorkerEntry, limits: ResourceLimits) {
    this.worker = new Worker(entry.script, { eval: entry.eval, resourceLimits: limits });
    // An idle worker must not hold the process open; unref before 'online' is not enough under tsx.
    this.worker.on('online', () => this.settle());
    this.worker.on('message', (reply: LintReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      this.settle();
      p.resolve(reply.out ?? failed(p.task, reply.error ?? 'unknown error'));
    });
    const die = (why: string) => {
      if (this.dead) return;
      this.dead = true;
      for (const p of this.pending.values()) lintHere(p.task).then(p.resolve, () => p.resolve(failed(p.task, why)));
      this.pending.clear();
    };
    this.worker.on('error', (e) => die(e.message));
    this.worker.on('exit', (code) => die(`the lint worker stopped (exit code ${code})`));
  }

  /** Held open (ref) while a batch is pending, released (unref) when idle. */
  private settle(): void {
    if (this.pending.size) this.worker.ref();
    else this.worker.unref();
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }

  run(task: LintTask): Promise<LintOutput> {
    return new Promise((resolve) => {
      this.pending.set(task.id, { task, resolve });
      this.worker.ref();
      this.worker.postMessage(task);
    });
  }
}

/** A batch that could not be linted: each file gets a warning. */
function failed(task: LintTask, why: string): LintOutput {
  return { hits: [], warnings: task.files.map((f) => ({ code: 'analysis-error', message: `The file could not be analysed: ${why}`, path: f.path })) };
}

export class LintPool {
  private workers: LintWorker[] = [];
  private nextId = 1;

  constructor(
    private readonly entry: WorkerEntry,
    private readonly size: number,
    private readonly limits: ResourceLimits,
  ) {}

  /** Batches the pool takes at once before the caller should wait. */
  get capacity(): number {
    return this.size * IN_FLIGHT_PER_WORKER;
  }

  /** Whether a started worker is alive (its ESLint is then loaded or loading). */
  get warm(): boolean {
    return this.workers.some((w) => !w.dead);
  }

  run(files: readonly SourceText[], names: readonly string[]): Promise<LintOutput> {
    this.workers = this.workers.filter((w) => !w.dead);
    // Workers start lazily: a new one only when every started one is busy.
    if (this.workers.length < this.size && this.workers.every((w) => w.pending.size > 0)) {
      this.workers.push(new LintWorker(this.entry, this.limits));
    }
    const least = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    return least.run({ id: this.nextId++, names, files });
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.close()));
  }
}

let shared: LintPool | null | undefined;

/** The process's lint pool, or null when files are linted in the calling thread. */
export function lintPool(): LintPool | null {
  if (shared !== undefined) return shared;
  const size = workerCount();
  const entry = size > 0 ? workerEntry() : undefined;
  const limits: ResourceLimits = {};
  const young = Number(process.env.VIGIL_JS_WORKER_YOUNG_MB);
  // A worker's heap grows to twice what it needs unless bounded; 256 MB keeps two workers near
  // 400 MB of RSS in all (a file too large for it is linted again in the calling thread).
  const old = Number(process.env.VIGIL_JS_WORKER_HEAP_MB ?? 256);
  if (young > 0) limits.maxYoungGenerationSizeMb = young;
  if (old > 0) limits.maxOldGenerationSizeMb = old;
  shared = entry ? new LintPool(entry, size, limits) : null;
  return shared;
}

/** Stops the process's lint workers (a CLI run that is done); a later scan starts new ones. */
export async function closeLintPool(): Promise<void> {
  await shared?.close();
}
