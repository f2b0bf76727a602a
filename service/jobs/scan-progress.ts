// A running scan's progress for the hub: the job tells its phase, the engine its files; this keeps the
// scans row up to date without a write per file: at each phase change, otherwise at most every
// half second, one write at a time (a newer figure replaces one still waiting).
import type { ScanPhase, ScanProgressDto } from '../contract/api';
import type { ScanProgress } from '../engine/types';

export const PROGRESS_INTERVAL_MS = 500;

/** What the scanning code reports to (scan-archive.ts ArchiveScanSettings.progress). */
export interface ProgressSink {
  phase(phase: ScanPhase): void;
  files(progress: ScanProgress): void;
}

export class ScanProgressReporter implements ProgressSink {
  private current: Omit<ScanProgressDto, 'updatedAt'> = { phase: 'downloading', filesDone: 0, findings: 0 };
  private waiting: ScanProgressDto | undefined;
  private writing: Promise<void> | undefined;
  private lastWriteAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly write: (progress: ScanProgressDto) => Promise<void>,
    /** A failed write is only logged: progress is a courtesy, never a reason to fail the scan. */
    private readonly onError: (err: unknown) => void,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  phase(phase: ScanPhase): void {
    if (phase === this.current.phase && this.lastWriteAt !== Number.NEGATIVE_INFINITY) return;
    this.current = { ...this.current, phase };
    this.push(true);
  }

  files(progress: ScanProgress): void {
    const { filesDone, filesTotal, findings } = progress;
    this.current = { phase: this.current.phase, filesDone, ...(filesTotal !== undefined ? { filesTotal } : {}), findings };
    this.push(false);
  }

  /** Resolves once the writes asked for so far are done (before the scan's outcome is written). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private push(now: boolean): void {
    const at = this.now();
    if (!now && at - this.lastWriteAt < this.intervalMs) return;
    this.lastWriteAt = at;
    this.waiting = { ...this.current, updatedAt: new Date(at).toISOString() };
    this.writing ??= this.drain();
  }

  private async drain(): Promise<void> {
    await null; // `writing` is set before the loop can end and clear it
    for (let next = this.waiting; next; next = this.waiting) {
      this.waiting = undefined;
      try {
        await this.write(next);
      } catch (err) {
        this.onError(err);
      }
    }
    this.writing = undefined;
  }
}
