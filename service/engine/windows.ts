// Large files through bounded, overlapping windows: memory stays at one window whatever the file's
// size, and a finding that straddles a window's end lies whole in the next window (the overlap is at
// least the longest stretch a finding depends on). Line and column numbers are kept right by
// counting what slides out of the window.
import { isAscii } from 'node:buffer';
import type { Finding, Location } from './types';

/**
 * Copies up to `length` bytes of the file into `into` at `offset` and returns how many; 0 at the end.
 * Synchronous for files on disk, asynchronous for streamed ones.
 */
export type Pull = (into: Buffer, offset: number, length: number) => number | Promise<number>;

export interface Window {
  /** The window's bytes: valid only until the callback returns (or its promise settles). */
  content: Buffer;
  /** Where it starts in the file. */
  offset: number;
  /**
   * The part of the window this window answers for, [from, to) in window bytes: a finding starting
   * there is reported by this window and by no other. Each side of an overlap goes to one window,
   * so a finding is reported by the window that holds half an overlap of text on either side of it.
   */
  from: number;
  to: number;
  /** Lines of the file before the window's first line (0 for the first window). */
  lineBase: number;
  /** Characters (UTF-16 units, as columns count them) between its first line's start and the window's start. */
  columnBase: number;
  first: boolean;
}

/**
 * Calls `each` for each window of `size` bytes, the next one starting `size - overlap` bytes further,
 * until the file ends or `each` returns false. Returns the bytes pulled.
 */
export async function forEachWindow(
  pull: Pull,
  size: number,
  overlap: number,
  each: (w: Window) => boolean | void | Promise<boolean | void>,
): Promise<number> {
  if (!(overlap >= 0 && size > overlap)) throw new Error('forEachWindow: the window must be larger than its overlap');
  const half = overlap >> 1;
  const buf = Buffer.allocUnsafe(size);
  let filled = 0;
  let offset = 0;
  let lineBase = 0;
  let columnBase = 0;
  let first = true;
  let pulled = 0;
  for (;;) {
    let ended = false;
    while (filled < size) {
      const got = pull(buf, filled, size - filled);
      const n = typeof got === 'number' ? got : await got;
      if (n <= 0) {
        ended = true;
        break;
      }
      filled += n;
      pulled += n;
    }
    const from = first ? 0 : half;
    // Nothing left that no window answered for.
    if (filled <= from) return pulled;
    const to = ended ? filled : filled - half;
    const go = await each({ content: buf.subarray(0, filled), offset, from, to, lineBase, columnBase, first });
    if (go === false || ended) return pulled;
    // Slide: what leaves the window moves the line and column bases.
    const drop = filled - overlap;
    const lastNewline = buf.lastIndexOf(10, drop - 1);
    if (lastNewline === -1) {
      columnBase += columnsIn(buf, 0, drop);
    } else {
      lineBase += newlinesIn(buf, 0, lastNewline + 1);
      columnBase = columnsIn(buf, lastNewline + 1, drop);
    }
    buf.copyWithin(0, drop, filled);
    filled = overlap;
    offset += drop;
    first = false;
  }
}

function newlinesIn(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = buf.indexOf(10, start); i !== -1 && i < end; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

/** UTF-16 units of the UTF-8 text buf[start, end): what String.length (and so a column) counts. */
export function columnsIn(buf: Buffer, start: number, end: number): number {
  if (end <= start) return 0;
  const part = buf.subarray(start, end);
  if (isAscii(part)) return part.length;
  let n = 0;
  for (let i = 0; i < part.length; i++) {
    const b = part[i];
    if ((b & 0xc0) !== 0x80) n += b >= 0xf0 ? 2 : 1;
  }
  return n;
}

/** A finding of a window, with its lines and columns moved to the file's. */
export function shiftFinding(f: Finding, lineBase: number, columnBase: number): Finding {
  if (lineBase === 0 && columnBase === 0) return f;
  return { ...f, location: shiftLocation(f.location, lineBase, columnBase) };
}

function shiftLocation(loc: Location, lineBase: number, columnBase: number): Location {
  if (loc.kind === 'ado-object') return loc;
  if (loc.kind === 'package') return loc.line === undefined ? loc : { ...loc, line: loc.line + lineBase };
  const out = { ...loc, line: loc.line + lineBase };
  if (loc.line === 1 && loc.column !== undefined) out.column = loc.column + columnBase;
  if (loc.endLine !== undefined) out.endLine = loc.endLine + lineBase;
  if (loc.kind === 'file' && loc.endColumn !== undefined && (loc.endLine ?? loc.line) === 1) {
    (out as typeof loc).endColumn = loc.endColumn + columnBase;
  }
  return out;
}

/** Pull over bytes already in memory. */
export function pullFromBuffer(content: Buffer): Pull {
  let pos = 0;
  return (into, offset, length) => {
    const n = content.copy(into, offset, pos, Math.min(content.length, pos + length));
    pos += n;
    return n;
  };
}

/** Pull over an asynchronous stream of chunks (a zip entry inflating). */
export function pullFromChunks(chunks: AsyncIterable<Uint8Array>): { pull: Pull; stop(): Promise<void> } {
  const it = chunks[Symbol.asyncIterator]();
  let rest: Uint8Array | undefined;
  let done = false;
  const pull: Pull = async (into, offset, length) => {
    while (!rest || rest.length === 0) {
      if (done) return 0;
      const next = await it.next();
      if (next.done) {
        done = true;
        return 0;
      }
      rest = next.value;
    }
    const n = Math.min(rest.length, length);
    into.set(n === rest.length ? rest : rest.subarray(0, n), offset);
    rest = rest.subarray(n);
    return n;
  };
  return {
    pull,
    async stop() {
      if (!done) {
        done = true;
        await it.return?.();
      }
    },
  };
}
