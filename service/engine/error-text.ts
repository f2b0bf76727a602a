// Error messages made fit for a warning. Parsers quote the input they choked on (JSON.parse in
// Node 20: `"AKIAABCDEF"... is not valid JSON`; yaml: `Unexpected scalar token in YAML stream:
// "<text>"`) or name it unquoted at the end (yaml: `Not a YAML token: <text>`), and a warning must
// never carry file content such as a secret onward.

const MAX_CHARS = 160;

/**
 * The first line of `text`, without what may be input: a quoted run of 8 or more characters becomes
 * "…", and so does one unquoted word of 8 or more characters after the last ': ' at its end. Cut at
 * 160 characters.
 */
export function inputFreeLine(text: string): string {
  const line = text
    .split('\n', 1)[0]
    .replace(/(["'`])[^"'`]{8,}\1/g, '$1…$1')
    .replace(/: \S{8,}$/, ': …');
  return line.length > MAX_CHARS ? `${line.slice(0, MAX_CHARS)}…` : line;
}

/** An error's message as {@link inputFreeLine}. */
export function errorLine(err: unknown): string {
  return inputFreeLine(err instanceof Error ? err.message : String(err));
}

/** "SyntaxError: <message as inputFreeLine>". */
export function errorSummary(err: unknown): string {
  return `${err instanceof Error ? err.name : 'Error'}: ${errorLine(err)}`;
}
