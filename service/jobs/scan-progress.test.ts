import type { ScanProgressDto } from '../contract/api';
import { ScanProgressReporter } from './scan-progress';

function reporter() {
  let now = 0;
  const written: ScanProgressDto[] = [];
  let release: (() => void) | undefined;
  let hold = false;
  const r = new ScanProgressReporter(
    async (p) => {
      written.push(p);
      if (hold) await new Promise<void>((resolve) => (release = resolve));
    },
    () => undefined,
    500,
    () => now,
  );
  return {
    r,
    written,
    at: (ms: number) => (now = ms),
    hold: (on: boolean) => (hold = on),
    release: () => release?.(),
  };
}

describe('ScanProgressReporter', () => {
  it('writes at each phase change and at most every half second in between', async () => {
    const t = reporter();
    const step = async (ms: number, act: () => void) => {
      t.at(ms);
      act();
      await t.r.flush();
    };
    await step(0, () => t.r.phase('downloading'));
    await step(100, () => t.r.phase('scanning'));
    await step(100, () => t.r.files({ filesDone: 1, filesTotal: 10, findings: 0 }));
    await step(400, () => t.r.files({ filesDone: 5, filesTotal: 10, findings: 2 }));
    await step(700, () => t.r.files({ filesDone: 8, filesTotal: 10, findings: 3 }));
    await step(800, () => t.r.phase('saving'));
    await t.r.flush();
    expect(t.written.map((p) => [p.phase, p.filesDone, p.findings, p.updatedAt])).toEqual([
      ['downloading', 0, 0, new Date(0).toISOString()],
      ['scanning', 0, 0, new Date(100).toISOString()],
      ['scanning', 8, 3, new Date(700).toISOString()],
      ['saving', 8, 3, new Date(800).toISOString()],
    ]);
    expect(t.written[2].filesTotal).toBe(10);
  });

  it('writes one at a time: figures that come while a write is on its way replace each other', async () => {
    const t = reporter();
    t.hold(true);
    t.r.phase('downloading');
    await Promise.resolve();
    await Promise.resolve();
    t.r.phase('unpacking');
    t.r.phase('scanning');
    t.hold(false);
    t.release();
    await t.r.flush();
    expect(t.written.map((p) => p.phase)).toEqual(['downloading', 'scanning']);
  });

  it('keeps going when a write fails, and hands the error over', async () => {
    const errors: unknown[] = [];
    const phases: string[] = [];
    const r = new ScanProgressReporter(
      async (p) => {
        phases.push(p.phase);
        if (p.phase === 'downloading') throw new Error('database busy');
      },
      (err) => errors.push(err),
    );
    r.phase('downloading');
    await r.flush();
    r.phase('scanning');
    await r.flush();
    expect(phases).toEqual(['downloading', 'scanning']);
    expect(errors).toEqual([new Error('database busy')]);
  });
});
