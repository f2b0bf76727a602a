/** Reused counters: entropy runs on every candidate, so it must not allocate. */
const counts = new Uint32Array(256);

/** Shannon entropy in bits per character (0 for an empty string). Latin1 code units. */
export function shannonEntropy(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  for (let i = 0; i < n; i++) counts[s.charCodeAt(i) & 0xff]++;
  let h = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i) & 0xff;
    const k = counts[c];
    if (k) {
      const p = k / n;
      h -= p * Math.log2(p);
      counts[c] = 0; // each symbol counted once, and the table is left clean
    }
  }
  return h;
}
