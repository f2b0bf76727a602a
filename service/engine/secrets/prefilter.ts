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

/** Bit set in a symbol for bytes outside the base64 alphabet (they end a run; JavaScript loop only). */
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
    // Trie, as one flat table of ALPHABET entries per state (-1: no edge yet).
    let goto = new Int32Array(ALPHABET * 256).fill(-1);
    let states = 1;
    const out: number[][] = [[]];
    keywords.forEach((k, idx) => {
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        const at = (s << SHIFT) | this.symbolOf[k.charCodeAt(i)];
        if (goto[at] === -1) {
          if ((states + 1) << SHIFT > goto.length) {
            const bigger = new Int32Array(goto.length * 2).fill(-1);
            bigger.set(goto);
            goto = bigger;
          }
          goto[at] = states++;
          out.push([]);
        }
        s = goto[at];
      }
      out[s].push(idx);
    });
    // Breadth-first failure links, completing the DFA in place.
    const fail = new Int32Array(states);
    const queue = new Int32Array(states);
    let tail = 0;
    for (let a = 0; a < ALPHABET; a++) {
      const t = goto[a];
      if (t === -1) goto[a] = 0;
      else queue[tail++] = t;
    }
    for (let qi = 0; qi < tail; qi++) {
      const s = queue[qi];
      const row = s << SHIFT;
      const failRow = fail[s] << SHIFT;
      if (out[fail[s]].length) out[s] = out[s].concat(out[fail[s]]);
      for (let a = 0; a < ALPHABET; a++) {
        const t = goto[row | a];
        if (t === -1) goto[row | a] = goto[failRow | a];
        else { fail[t] = goto[failRow | a]; queue[tail++] = t; }
      }
    }
    this.outputs = out;
    for (let c = 0; c < 256; c++) {
      const inRun = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47;
      if (!inRun) this.symbolOf[c] |= RUN_BREAK;
    }
    // The table becomes the transition table: row offsets, negative into states that end keywords.
    const delta = goto.subarray(0, states << SHIFT);
    for (let k = 0; k < delta.length; k++) {
      const t = delta[k];
      delta[k] = out[t].length ? -(t << SHIFT) : t << SHIFT;
    }
    this.delta = delta.length === goto.length ? delta : delta.slice();
  }

  /** Result buffers reused across scans with the same slot (a slot's result is valid until its next scan). */
  private readonly slots: HitList[] = [];

  private hitList(slot: number): HitList {
    if (slot < 0) return new HitList();
    return (this.slots[slot] ??= new HitList());
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
   * The first `cap` keyword occurrences in bytes[0, end) (`capped` when there were more), and every
   * run of base64-alphabet bytes at least `minRun` long (at most `runCap`) in the whole range.
   */
  scan(bytes: Uint8Array, end = bytes.length, cap = 1 << 16, minRun = 24, runCap = 1 << 16, slot = -1): KeywordHits {
    if (this.useWasm && this.wasm === undefined) {
      const longest = this.keywords.reduce((m, k) => Math.max(m, k.length), 0);
      this.wasm = WasmScanner.create(this.delta, this.symbolOf, longest - 1);
    }
    // The WebAssembly run finder looks at one break per 16 bytes, so it needs runs of 15 or more.
    if (this.useWasm && this.wasm && minRun >= 15) return this.wasm.scan(bytes, end, cap, minRun, runCap, this.outputs, this.hitList(slot));
    const r = scanLoop(this.delta, this.symbolOf, bytes, end, cap, minRun, runCap);
    const hits = this.hitList(slot).reset(0);
    for (let h = 0; h < r.count; h++) hits.add(this.outputs[r.states[h] >> SHIFT], r.ends[h]);
    return { keyword: hits.keyword, end: hits.end, count: hits.count, capped: r.capped, runStart: r.runStart, runEnd: r.runEnd, runCount: r.runCount };
  }
}

/** Keyword hits expanded from accepting states (a state may end several keywords), and runs. */
class HitList {
  keyword = new Int32Array(256);
  end = new Int32Array(256);
  count = 0;
  runStart = new Int32Array(64);
  runEnd = new Int32Array(64);

  /** Empties the list and makes room for `runs` runs. */
  reset(runs: number): this {
    this.count = 0;
    if (this.runStart.length < runs) {
      this.runStart = new Int32Array(runs);
      this.runEnd = new Int32Array(runs);
    }
    return this;
  }

  add(found: number[], end: number): void {
    for (let j = 0; j < found.length; j++) {
      if (this.count === this.keyword.length) {
        this.keyword = grow(this.keyword);
        this.end = grow(this.end);
      }
      this.keyword[this.count] = found[j];
      this.end[this.count] = end;
      this.count++;
    }
  }
}

/**
 * The same search in WebAssembly (prefilter.wat): four interleaved DFA walks over the quarters of
 * the input, and a SIMD pass for the base64 runs. Memory: [0,256) symbols as symbol << 2, then the
 * transition table with absolute row addresses, then hit and run buffers, then the input (16-byte
 * aligned, zero-padded to a multiple of 16). One instance per matcher; the input area grows to the
 * largest text seen.
 */
class WasmScanner {
  private u8: Uint8Array;
  private i32: Int32Array;
  private capacity = 0;
  private hitCap = 0;
  private runCap = 0;
  private hitsAt = 0;
  private areaBytes = 0;
  private runsAt = 0;
  private inputAt = 0;

  private constructor(
    private readonly memory: WasmMemory,
    private readonly instance: PrefilterInstance,
    private readonly tableBytes: number,
    private readonly overlap: number,
  ) {
    this.u8 = new Uint8Array(memory.buffer);
    this.i32 = new Int32Array(memory.buffer);
  }

  static create(delta: Int32Array, symbolOf: Uint8Array, overlap: number): WasmScanner | null {
    const instance = instantiatePrefilter();
    if (!instance) return null;
    const scanner = new WasmScanner(instance.memory, instance, delta.length * 4, overlap);
    scanner.ensure(0, 1 << 10, 1 << 10);
    for (let c = 0; c < 256; c++) scanner.u8[c] = (symbolOf[c] & 63) << 2;
    for (let k = 0; k < delta.length; k++) {
      const t = delta[k];
      const addr = TABLE_AT + ((Math.abs(t) >> SHIFT) << (SHIFT + 2));
      scanner.i32[(TABLE_AT >> 2) + k] = t < 0 ? -addr : addr;
    }
    return scanner;
  }

  /** Grows memory so the input (plus padding), hit and run areas fit. */
  private ensure(inputBytes: number, hitCap: number, runCap: number): void {
    if (inputBytes <= this.capacity && hitCap <= this.hitCap && runCap <= this.runCap) return;
    this.hitCap = Math.max(hitCap, this.hitCap);
    this.runCap = Math.max(runCap, this.runCap);
    const hitsAt = TABLE_AT + this.tableBytes + 8; // each walk's hit count is 4 bytes before its area
    const areaBytes = this.hitCap * 8 + 8;
    const runsAt = hitsAt + WALKS * areaBytes;
    const inputAt = (runsAt + this.runCap * 8 + 15) & ~15;
    const capacity = Math.max(inputBytes, this.capacity, 1 << 16);
    const need = inputAt + capacity + 16; // + zero padding to a multiple of 16
    if (need > this.memory.buffer.byteLength) {
      this.memory.grow(Math.ceil((need - this.memory.buffer.byteLength) / 65536));
      this.u8 = new Uint8Array(this.memory.buffer);
      this.i32 = new Int32Array(this.memory.buffer);
    }
    this.hitsAt = hitsAt;
    this.areaBytes = areaBytes;
    this.runsAt = runsAt;
    this.inputAt = inputAt;
    this.capacity = capacity;
  }

  scan(bytes: Uint8Array, end: number, cap: number, minRun: number, runCap: number, outputs: number[][], into: HitList): KeywordHits {
    this.ensure(end, cap, runCap);
    const at = this.inputAt;
    this.u8.set(end === bytes.length ? bytes : bytes.subarray(0, end), at);
    // Zero padding: symbol 0 (no keyword) and a run break, so neither search changes.
    this.u8.fill(0, at + end, at + ((end + 15) & ~15));
    this.instance.scan(at, (end + 3) & ~3, TABLE_AT, this.hitsAt, this.areaBytes, cap, this.overlap);
    const runCount = this.instance.runs(at, end, this.runsAt, runCap, minRun);
    const i32 = this.i32;
    const hits = into.reset(runCount);
    // The walks' hits in order, the first `cap` of them.
    let found = 0;
    for (let k = 0; k < WALKS; k++) {
      const area = this.hitsAt + k * this.areaBytes;
      const count = i32[(area - 4) >> 2];
      const take = Math.min(count, cap - Math.min(cap, found));
      for (let i = 0, h = area >> 2; i < take; i++, h += 2) hits.add(outputs[(i32[h] - TABLE_AT) >> (SHIFT + 2)], i32[h + 1]);
      found += count;
    }
    const { runStart, runEnd } = hits;
    for (let i = 0, r = this.runsAt >> 2; i < runCount; i++, r += 2) {
      runStart[i] = i32[r];
      runEnd[i] = i32[r + 1];
    }
    return { keyword: hits.keyword, end: hits.end, count: hits.count, capped: found > cap, runStart, runEnd, runCount };
  }
}

/** Interleaved DFA walks in the WebAssembly scan (prefilter.wat). */
const WALKS = 4;

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
 * The JavaScript fallback (and reference for the WebAssembly), a free function over typed arrays
 * (V8 optimises it far better than a method with property loads). Per byte: one symbol lookup, one
 * transition, two sign/bit tests. Hits past the cap are dropped; runs are found in the whole range.
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
      if (count >= cap) capped = true;
      else {
        if (count === states.length) {
          states = grow(states);
          ends = grow(ends);
        }
        states[count] = s;
        ends[count] = i + 1;
        count++;
      }
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
