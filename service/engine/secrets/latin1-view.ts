// Latin1 text of a file's bytes, converted only where rules look: the windows around keyword hits.
// Converting whole files cost more than the rules on files whose hits are few; a file whose
// windows would cover most of it is converted once, whole.

/** Bytes converted ahead of a requested range, so neighbouring windows share one conversion. */
const SEGMENT_MIN = 4096;

export class Latin1View {
  private whole: string | undefined;
  private segment = '';
  private segmentStart = 0;
  private segmentEnd = 0;
  private converted = 0;

  /** `dense`: the caller expects windows over most of the text, so it is converted whole at once. */
  constructor(private readonly bytes: Uint8Array, dense = false) {
    if (dense) this.converted = bytes.length;
  }

  get length(): number {
    return this.bytes.length;
  }

  /** The text of bytes [start, end) (clamped to the bytes). */
  slice(start: number, end: number): string {
    const text = this.cover(start, end);
    const s = Math.max(0, Math.min(start, this.bytes.length)) - this.base;
    return text.slice(s, Math.max(s, Math.min(end, this.bytes.length) - this.base));
  }

  /** Offset in the bytes of the string {@link cover} last returned. */
  base = 0;

  /**
   * A converted text holding at least bytes [start, end) (clamped), starting at byte {@link base}:
   * the whole text or a segment of it. No substring is made (callers that can work at an offset,
   * such as a sticky regex, save the allocation).
   */
  cover(start: number, end: number): string {
    const n = this.bytes.length;
    const s = Math.max(0, Math.min(start, n));
    const e = Math.max(s, Math.min(end, n));
    if (this.whole !== undefined) return this.wholeText();
    if (s >= this.segmentStart && e <= this.segmentEnd) {
      this.base = this.segmentStart;
      return this.segment;
    }
    const segEnd = Math.min(n, Math.max(e, s + SEGMENT_MIN));
    // Windows covering most of the file: one whole conversion is cheaper than many pieces.
    if (this.converted + (segEnd - s) > n >> 2) return this.wholeText();
    this.converted += segEnd - s;
    this.segment = latin1(this.bytes, s, segEnd);
    this.segmentStart = s;
    this.segmentEnd = segEnd;
    this.base = s;
    return this.segment;
  }

  /** The whole text (converted once), with {@link base} 0. */
  wholeText(): string {
    this.whole ??= latin1(this.bytes, 0, this.bytes.length);
    this.base = 0;
    return this.whole;
  }
}

export function latin1(bytes: Uint8Array, s: number, e: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + s, e - s).toString('latin1');
}
