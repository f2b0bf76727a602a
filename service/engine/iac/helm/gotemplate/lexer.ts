// The lexer of Go's text/template (text/template/parse/lex.go), delimiters {{ }}.

export type TokenType =
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'comment'
  | 'space'
  | 'identifier'
  | 'keyword'
  | 'field'
  | 'variable'
  | 'dot'
  | 'nil'
  | 'bool'
  | 'number'
  | 'string'
  | 'rawString'
  | 'char'
  | 'pipe'
  | 'declare'
  | 'assign'
  | 'leftParen'
  | 'rightParen'
  | 'comma'
  | 'eof'
  | 'error';

export interface Token {
  type: TokenType;
  value: string;
  pos: number;
}

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);
const LEFT = '{{';
const RIGHT = '}}';

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string | undefined): boolean => c !== undefined && /^[\p{L}\p{Nd}_]$/u.test(c);

export function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let parenDepth = 0;
  const emit = (type: TokenType, start: number, end: number, value = input.slice(start, end)): void => {
    tokens.push({ type, value, pos: start });
  };
  const fail = (message: string, at: number): Token[] => {
    tokens.push({ type: 'error', value: message, pos: at });
    return tokens;
  };
  const atRightDelim = (p: number): { ok: boolean; trim: boolean } => {
    if (isSpace(input[p]) && input[p + 1] === '-' && input.startsWith(RIGHT, p + 2)) return { ok: true, trim: true };
    if (input.startsWith(RIGHT, p)) return { ok: true, trim: false };
    return { ok: false, trim: false };
  };
  const skipSpaceAfterTrim = (p: number): number => {
    while (p < input.length && isSpace(input[p])) p++;
    return p;
  };

  for (;;) {
    // Text up to the next action.
    const next = input.indexOf(LEFT, pos);
    if (next < 0) {
      if (pos < input.length) emit('text', pos, input.length);
      tokens.push({ type: 'eof', value: '', pos: input.length });
      return tokens;
    }
    const trimLeft = input[next + 2] === '-' && isSpace(input[next + 3]);
    let textEnd = next;
    if (trimLeft) while (textEnd > pos && isSpace(input[textEnd - 1])) textEnd--;
    if (textEnd > pos) emit('text', pos, textEnd);
    pos = next + 2 + (trimLeft ? 2 : 0);

    // Comment: {{/* ... */}} directly after the delimiter (and its trim marker).
    if (input.startsWith('/*', pos)) {
      const end = input.indexOf('*/', pos + 2);
      if (end < 0) return fail('unclosed comment', next);
      const delim = atRightDelim(end + 2);
      if (!delim.ok) return fail('comment ends before closing delimiter', next);
      emit('comment', next, end + 2);
      pos = end + 2 + (delim.trim ? 4 : 2);
      if (delim.trim) pos = skipSpaceAfterTrim(pos);
      continue;
    }
    emit('leftDelim', next, next + 2);

    // Inside the action.
    for (;;) {
      const delim = atRightDelim(pos);
      if (delim.ok) {
        if (parenDepth !== 0) return fail('unclosed left paren', pos);
        const end = pos + (delim.trim ? 4 : 2);
        emit('rightDelim', pos, end);
        pos = delim.trim ? skipSpaceAfterTrim(end) : end;
        break;
      }
      if (pos >= input.length) return fail('unclosed action', next);
      const c = input[pos];
      const start = pos;
      if (isSpace(c)) {
        while (isSpace(input[pos]) && !atRightDelim(pos).trim) pos++;
        emit('space', start, pos);
        continue;
      }
      if (c === '=') {
        pos++;
        emit('assign', start, pos);
      } else if (c === ':') {
        if (input[pos + 1] !== '=') return fail('expected :=', pos);
        pos += 2;
        emit('declare', start, pos);
      } else if (c === '|') {
        pos++;
        emit('pipe', start, pos);
      } else if (c === '"') {
        pos++;
        for (;;) {
          const ch = input[pos];
          if (ch === '\\' && pos + 1 < input.length && input[pos + 1] !== '\n') pos += 2;
          else if (ch === undefined || ch === '\n') return fail('unterminated quoted string', start);
          else if (ch === '"') break;
          else pos++;
        }
        pos++;
        emit('string', start, pos);
      } else if (c === '`') {
        const end = input.indexOf('`', pos + 1);
        if (end < 0) return fail('unterminated raw quoted string', start);
        pos = end + 1;
        emit('rawString', start, pos);
      } else if (c === "'") {
        pos++;
        for (;;) {
          const ch = input[pos];
          if (ch === '\\' && pos + 1 < input.length && input[pos + 1] !== '\n') pos += 2;
          else if (ch === undefined || ch === '\n') return fail('unterminated character constant', start);
          else if (ch === "'") break;
          else pos++;
        }
        pos++;
        emit('char', start, pos);
      } else if (c === '$') {
        pos++;
        while (isAlnum(input[pos])) pos++;
        emit('variable', start, pos);
      } else if (c === '.' && !/[0-9]/.test(input[pos + 1] ?? '')) {
        pos++;
        if (!isAlnum(input[pos])) {
          emit('dot', start, pos);
          continue;
        }
        while (isAlnum(input[pos])) pos++;
        emit('field', start, pos);
      } else if (c === '.' || c === '+' || c === '-' || /[0-9]/.test(c)) {
        const m = /^[+-]?(0[xX][0-9a-fA-F_]*(\.[0-9a-fA-F_]*)?([pP][+-]?[0-9_]+)?|0[bB][01_]+|0[oO][0-7_]+|[0-9_]*(\.[0-9_]*)?([eE][+-]?[0-9_]+)?)i?/.exec(
          input.slice(pos),
        );
        const text = m ? m[0] : '';
        if (!text || text === '+' || text === '-' || text === '.' || isAlnum(input[pos + text.length])) {
          return fail(`bad number syntax: "${input.slice(pos, pos + Math.max(text.length + 1, 1))}"`, pos);
        }
        pos += text.length;
        emit('number', start, pos);
      } else if (isAlnum(c)) {
        while (isAlnum(input[pos])) pos++;
        const word = input.slice(start, pos);
        const after = input[pos];
        if (!(after === undefined || isSpace(after) || '.,|:)('.includes(after) || input.startsWith(RIGHT, pos))) {
          return fail(`bad character U+${after.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')} '${after}'`, pos);
        }
        if (KEYWORDS.has(word)) emit('keyword', start, pos);
        else if (word === 'true' || word === 'false') emit('bool', start, pos);
        else if (word === 'nil') emit('nil', start, pos);
        else emit('identifier', start, pos);
      } else if (c === '(') {
        parenDepth++;
        pos++;
        emit('leftParen', start, pos);
      } else if (c === ')') {
        parenDepth--;
        if (parenDepth < 0) return fail('unexpected right paren', pos);
        pos++;
        emit('rightParen', start, pos);
      } else if (c === ',') {
        pos++;
        emit('comma', start, pos);
      } else {
        return fail(`unrecognized character in action: U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')} '${c}'`, pos);
      }
    }
  }
}
