// The keyword prefilter: one pass over the bytes (ASCII case-folded) with an Aho-Corasick
// automaton compiled into a dense DFA. It tells which keywords occur and where, so only the
// rules whose keywords occur run, and only around their hits.

import { instantiatePrefilter, type PrefilterInstance, type WasmMemory } from './prefilter-wasm';

const SHIFT = 6; // alphabet padded to 64 symbols so a row offset is state << 6 (bit 7 of a symbol marks run breaks)
const ALPHABET = 1 << SHIFT;

export interface KeywordHits {
  /** Keyword index per hit. */
  keyword: Int32Array;
  /** Offset just past the hit's last byte. */
  end: Int32Array;
  count: number;
  /** True when the hit cap was reached and later hits were dropped. */
  capped: boolean;
  /** Runs of base64-alphabet bytes ([A-Za-z0-9+/]) at least `minRun` long, found in the same pass. */
  runStart: Int32Array;
  runEnd: Int32Array;
  runCount: number;
}

/** Bit set in a symbol for bytes outside the base64 alphabet (they end a run). */
const RUN_BREAK = 128;

export class KeywordMatcher {
  readonly keywords: readonly string[];
  /** byte -> symbol (0 = a byte no keyword contains). */
  private readonly symbolOf = new Uint8Array(256);
  /** Row offset of the next state; negative when the next state ends a keyword. */
  private readonly delta: Int32Array;
  /** Keyword indexes that end in each state (including via suffix links). */
  private readonly outputs: number[][];

  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    let symbols = 1;
    for (const k of keywords) {
      if (k.length === 0 || k !== k.toLowerCase()) throw new Error(`keyword must be lowercase and non-empty: "${k}"`);
      for (let i = 0; i < k.length; i++) {
        const c = k.charCodeAt(i);
        if (c > 127) throw new Error(`keyword must be ASCII: "${k}"`);
        if (this.symbolOf[c] === 0) {
          if (symbols >= ALPHABET) throw new Error('too many distinct keyword characters');
          this.symbolOf[c] = symbols++;
          // Case folding: the upper-case letter shares the symbol.
          if (c >= 97 && c <= 122) this.symbolOf[c - 32] = this.symbolOf[c];
        }
      }
    }
    // Trie.
    const goto: Int32Array[] = [new Int32Array(ALPHABET).fill(-1)];
    const out: number[][] = [[]];
    keywords.forEach((k, idx) => {
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const sym = this.symbolOf[k.charCodeAt(i)];
        if (goto[s][sym] === -1) {
          goto[s][sym] = goto.length;
          goto.push(new Int32Array(ALPHABET).fill(-1));
          out.push([]);
        }
        s = goto[s][sym];
      }
      out[s].push(idx);
    });
    // Breadth-first failure links, completing the DFA in place.
    const fail = new Int32Array(goto.length);
    const queue: number[] = [];
    for (let a = 0; a < ALPHABET; a++) {
      const t = goto[0][a];
      if (t === -1) goto[0][a] = 0;
      else { fail[t] = 0; queue.push(t); }
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      if (out[fail[s]].length) out[s] = out[s].concat(out[fail[s]]);
      for (let a = 0; a < ALPHABET; a++) {
        const t = goto[s][a];
        if (t === -1) goto[s][a] = goto[fail[s]][a];
        else { fail[t] = goto[fail[s]][a]; queue.push(t); }
      }
    }
    this.outputs = out;
    for (let c = 0; c < 256; c++) {
      const inRun = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47;
      if (!inRun) this.symbolOf[c] |= RUN_BREAK;
    }
    this.delta = new Int32Array(goto.length * ALPHABET);
    for (let s = 0; s < goto.length; s++) {
      for (let a = 0; a < ALPHABET; a++) {
        const t = goto[s][a];
        this.delta[(s << SHIFT) | a] = out[t].length ? -(t << SHIFT) : t << SHIFT;
      }
    }
  }

  get stateCount(): number {
    return this.outputs.length;
  }

  private wasm: WasmScanner | null | undefined;
  /** Set to false to force the JavaScript loop (tests compare both). */
  useWasm = true;

  /** True once a scan has run on the WebAssembly loop. */
  get usingWasm(): boolean {
    return this.useWasm && !!this.wasm;
  }

  /**
   * Every keyword occurrence in bytes[0, end) (at most `cap` hits), and every run of base64-alphabet
   * bytes at least `minRun` long (at most `runCap`), in one pass.
   */
  scan(bytes: Uint8Array, end = bytes.length, cap = 1 << 16, minRun = 24, runCap = 1 << 16): KeywordHits {
    if (this.useWasm && this.wasm === undefined) this.wasm = WasmScanner.create(this.delta, this.symbolOf);
    const r = this.useWasm && this.wasm
      ? this.wasm.scan(bytes, end, cap, minRun, runCap)
      : scanLoop(this.delta, this.symbolOf, bytes, end, cap, minRun, runCap);
    // Expand accepting states into keyword indexes (a state may end several keywords).
    let keyword = new Int32Array(Math.max(16, r.count));
    let ends = new Int32Array(keyword.length);
    let count = 0;
    for (let h = 0; h < r.count; h++) {
      const found = this.outputs[r.states[h] >> SHIFT];
      for (let j = 0; j < found.length; j++) {
        if (count === keyword.length) {
          keyword = grow(keyword);
          ends = grow(ends);
        }
        keyword[count] = found[j];
        ends[count] = r.ends[h];
        count++;
      }
    }
    return { keyword, end: ends, count, capped: r.capped, runStart: r.runStart, runEnd: r.runEnd, runCount: r.runCount };
  }
}

/**
 * The same loop in WebAssembly (prefilter.wat). Memory: [0,256) symbols as (symbol << 2) | runBreak,
 * then the transition table with absolute row addresses, then hit and run buffers, then the input.
 * One instance per matcher; the input area grows to the largest text seen.
 */
class WasmScanner {
  private u8: Uint8Array;
  private i32: Int32Array;
  private capacity = 0;
  private hitCap = 0;
  private runCap = 0;
  private hitsAt = 0;
  private runsAt = 0;
  private inputAt = 0;

  private constructor(
    private readonly memory: WasmMemory,
    private readonly fn: PrefilterInstance['scan'],
    private readonly tableBytes: number,
  ) {
    this.u8 = new Uint8Array(memory.buffer);
    this.i32 = new Int32Array(memory.buffer);
  }

  static create(delta: Int32Array, symbolOf: Uint8Array): WasmScanner | null {
    const instance = instantiatePrefilter();
    if (!instance) return null;
    const scanner = new WasmScanner(instance.memory, instance.scan, delta.length * 4);
    scanner.ensure(0, 1 << 10, 1 << 10);
    for (let c = 0; c < 256; c++) scanner.u8[c] = ((symbolOf[c] & 63) << 2) | (symbolOf[c] & RUN_BREAK ? 1 : 0);
    for (let k = 0; k < delta.length; k++) {
      const t = delta[k];
      const addr = TABLE_AT + ((Math.abs(t) >> SHIFT) << (SHIFT + 2));
      scanner.i32[(TABLE_AT >> 2) + k] = t < 0 ? -addr : addr;
    }
    return scanner;
  }

  /** Grows memory so the input, hit and run areas fit. */
  private ensure(inputBytes: number, hitCap: number, runCap: number): void {
    if (inputBytes <= this.capacity && hitCap <= this.hitCap && runCap <= this.runCap) return;
    this.hitCap = Math.max(hitCap, this.hitCap);
    this.runCap = Math.max(runCap, this.runCap);
    const hitsAt = TABLE_AT + this.tableBytes;
    const runsAt = hitsAt + this.hitCap * 8 + 8; // runsAt - 4 holds the run count
    const inputAt = runsAt + this.runCap * 8;
    const capacity = Math.max(inputBytes, this.capacity, 1 << 16);
    const need = inputAt + capacity;
    if (need > this.memory.buffer.byteLength) {
      this.memory.grow(Math.ceil((need - this.memory.buffer.byteLength) / 65536));
      this.u8 = new Uint8Array(this.memory.buffer);
      this.i32 = new Int32Array(this.memory.buffer);
    }
    this.hitsAt = hitsAt;
    this.runsAt = runsAt;
    this.inputAt = inputAt;
    this.capacity = capacity;
  }

  scan(bytes: Uint8Array, end: number, cap: number, minRun: number, runCap: number): LoopResult {
    this.ensure(end, cap, runCap);
    this.u8.set(end === bytes.length ? bytes : bytes.subarray(0, end), this.inputAt);
    const count = this.fn(this.inputAt, end, TABLE_AT, this.hitsAt, cap, this.runsAt, runCap, minRun);
    const runCount = this.i32[(this.runsAt - 4) >> 2];
    const states = new Int32Array(count);
    const ends = new Int32Array(count);
    let h = this.hitsAt >> 2;
    for (let i = 0; i < count; i++, h += 2) {
      states[i] = ((this.i32[h] - TABLE_AT) >> (SHIFT + 2)) << SHIFT;
      ends[i] = this.i32[h + 1];
    }
    const runStart = new Int32Array(runCount);
    const runEnd = new Int32Array(runCount);
    let r = this.runsAt >> 2;
    for (let i = 0; i < runCount; i++, r += 2) {
      runStart[i] = this.i32[r];
      runEnd[i] = this.i32[r + 1];
    }
    return { states, ends, count, capped: count >= cap, runStart, runEnd, runCount };
  }
}

/** Where the transition table starts in WebAssembly memory (after the 256-byte symbol table). */
const TABLE_AT = 256;

interface LoopResult {
  states: Int32Array;
  ends: Int32Array;
  count: number;
  capped: boolean;
  runStart: Int32Array;
  runEnd: Int32Array;
  runCount: number;
}

/**
 * The hot loop, a free function over typed arrays (V8 optimises it far better than a method with
 * property loads). Per byte: one symbol lookup, one transition, two sign/bit tests.
 */
function scanLoop(delta: Int32Array, symbolOf: Uint8Array, bytes: Uint8Array, end: number, cap: number, minRun: number, runCap: number): LoopResult {
  let states = new Int32Array(64);
  let ends = new Int32Array(64);
  let runStart = new Int32Array(16);
  let runEnd = new Int32Array(16);
  let count = 0;
  let runCount = 0;
  let capped = false;
  let s = 0;
  let from = 0;
  for (let i = 0; i < end; i++) {
    const x = symbolOf[bytes[i]];
    s = delta[s | (x & 63)];
    if (s < 0) {
      s = -s;
      if (count >= cap) { capped = true; end = i; break; }
      if (count === states.length) {
        states = grow(states);
        ends = grow(ends);
      }
      states[count] = s;
      ends[count] = i + 1;
      count++;
    }
    if (x & RUN_BREAK) {
      if (i - from >= minRun && runCount < runCap) {
        if (runCount === runStart.length) {
          runStart = grow(runStart);
          runEnd = grow(runEnd);
        }
        runStart[runCount] = from;
        runEnd[runCount] = i;
        runCount++;
      }
      from = i + 1;
    }
  }
  if (end - from >= minRun && runCount < runCap) {
    if (runCount === runStart.length) {
      runStart = grow(runStart);
      runEnd = grow(runEnd);
    }
    runStart[runCount] = from;
    runEnd[runCount] = end;
    runCount++;
  }
  return { states, ends, count, capped, runStart, runEnd, runCount };
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
