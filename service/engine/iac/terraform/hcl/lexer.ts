// Character classes and token kinds of the HCL native syntax. Tokens are lexed on demand by the parser
// (templates switch between text and expression mode, so a separate token pass would need the same modes).

export const TK_EOF = 0;
export const TK_NEWLINE = 1;
export const TK_IDENT = 2;
export const TK_NUMBER = 3;
export const TK_OQUOTE = 4;
export const TK_HEREDOC = 5;
export const TK_OBRACE = 6;
export const TK_CBRACE = 7;
export const TK_OBRACK = 8;
export const TK_CBRACK = 9;
export const TK_OPAREN = 10;
export const TK_CPAREN = 11;
export const TK_EQUAL = 12;
export const TK_COLON = 13;
export const TK_COMMA = 14;
export const TK_DOT = 15;
export const TK_ELLIPSIS = 16;
export const TK_QUESTION = 17;
export const TK_FATARROW = 18;
export const TK_BANG = 19;
export const TK_TILDE = 20;
export const TK_OR = 21;
export const TK_AND = 22;
export const TK_EQEQ = 23;
export const TK_NOTEQ = 24;
export const TK_LT = 25;
export const TK_GT = 26;
export const TK_LTE = 27;
export const TK_GTE = 28;
export const TK_PLUS = 29;
export const TK_MINUS = 30;
export const TK_STAR = 31;
export const TK_SLASH = 32;
export const TK_PERCENT = 33;
export const TK_INVALID = 34;

/** Binary operator text by token kind, and its precedence (spec: higher binds tighter). */
export const BINARY_OPS: readonly (readonly [string, number] | null)[] = (() => {
  const table: (readonly [string, number] | null)[] = new Array(TK_INVALID + 1).fill(null);
  table[TK_OR] = ['||', 1];
  table[TK_AND] = ['&&', 2];
  table[TK_EQEQ] = ['==', 3];
  table[TK_NOTEQ] = ['!=', 3];
  table[TK_LT] = ['<', 4];
  table[TK_GT] = ['>', 4];
  table[TK_LTE] = ['<=', 4];
  table[TK_GTE] = ['>=', 4];
  table[TK_PLUS] = ['+', 5];
  table[TK_MINUS] = ['-', 5];
  table[TK_STAR] = ['*', 6];
  table[TK_SLASH] = ['/', 6];
  table[TK_PERCENT] = ['%', 6];
  return table;
})();

const TOKEN_NAMES: Record<number, string> = {
  [TK_EOF]: 'end of file',
  [TK_NEWLINE]: 'newline',
  [TK_IDENT]: 'identifier',
  [TK_NUMBER]: 'number',
  [TK_OQUOTE]: 'string',
  [TK_HEREDOC]: 'heredoc',
};

export function describeToken(kind: number, text: string): string {
  return TOKEN_NAMES[kind] ?? `'${text}'`;
}

const UNICODE_ID_START = /^[\p{ID_Start}]$/u;
const UNICODE_ID_CONTINUE = /^[\p{ID_Continue}]$/u;

export function isIdStart(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  return c !== 0xfffd && !(c >= 0xd800 && c <= 0xdfff) && UNICODE_ID_START.test(String.fromCharCode(c));
}

export function isIdContinue(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
  return c !== 0xfffd && !(c >= 0xd800 && c <= 0xdfff) && UNICODE_ID_CONTINUE.test(String.fromCharCode(c));
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Offsets at which each line starts; line n (1-based) starts at result[n - 1]. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}
