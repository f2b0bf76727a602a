// Character classes of base64-alphabet runs (the prefilter pass finds the runs themselves):
// encoded text mixes upper, lower and digits; identifiers and paths rarely do.

export const LOWER = 1;
export const UPPER = 2;
/** Digits 2-7 (the base32 alphabet's digits). */
export const DIGIT_B32 = 4;
/** Digits 0, 1, 8, 9. */
export const DIGIT_OTHER = 8;
/** '+' and '/'. */
export const SYMBOL = 16;

const CLASS = new Uint8Array(256);
for (let c = 97; c <= 122; c++) CLASS[c] = LOWER;
for (let c = 65; c <= 90; c++) CLASS[c] = UPPER;
for (let c = 48; c <= 57; c++) CLASS[c] = c >= 50 && c <= 55 ? DIGIT_B32 : DIGIT_OTHER;
CLASS[43] = SYMBOL;
CLASS[47] = SYMBOL;

/** True when bytes[start, end) holds lower and upper case letters and a digit, + or / (stops as soon as it does). */
export function looksEncoded(bytes: Uint8Array, start: number, end: number): boolean {
  let mask = 0;
  for (let i = start; i < end; i++) {
    mask |= CLASS[bytes[i]];
    if ((mask & (LOWER | UPPER)) === (LOWER | UPPER) && (mask & (DIGIT_B32 | DIGIT_OTHER | SYMBOL)) !== 0) return true;
  }
  return false;
}
