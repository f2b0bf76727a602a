// Masked previews: enough to recognise a credential, never enough to use it.

const ELLIPSIS = '\u2026';
/** Shown for a line break inside a preview, so a multi-line value (a PEM key) reads on one line. */
export const LINE_BREAK_SYMBOL = '\u23ce';

/**
 * Long values keep their first 4 and last 2 characters ("ghp_…9Z"); values shorter than 16
 * characters are fully masked, so a short password shows nothing of itself. Only visible
 * characters are shown: the kept parts lose their surrounding line breaks and whitespace, and an
 * inner line break reads as ⏎, so a preview never shows more of the value than those 6 characters.
 * A line break written as an escape (`\n` in a JSON string, a PEM key in a service-account file)
 * counts as one.
 */
export function maskSecret(value: string): string {
  if (value.length >= 16) return visible(value.slice(0, 4)) + ELLIPSIS + visible(value.slice(-2));
  return '*'.repeat(Math.max(4, Math.min(value.length, 8)));
}

function visible(part: string): string {
  return part
    .replace(/\\r\\n|\\[rn]/g, '\n')
    .trim()
    .replace(/\r\n|[\r\n\u2028\u2029]/g, LINE_BREAK_SYMBOL)
    .replace(/[\t\v\f]/g, ' ');
}
