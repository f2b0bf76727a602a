// A hand-written recursive-descent parser for the HCL2 native syntax (hclsyntax/spec.md), built for speed:
// tokens are lexed lazily from the source with one token of lookahead, no token objects are allocated,
// and line numbers come from a binary search over line starts.
import type {
  Attribute,
  BinaryOperator,
  Block,
  Body,
  BodyItem,
  Comment,
  Expression,
  HclError,
  ParseResult,
  TemplatePart,
  TraversalStep,
} from './ast';
import {
  BINARY_OPS,
  TK_AND,
  TK_BANG,
  TK_CBRACE,
  TK_CBRACK,
  TK_COLON,
  TK_COMMA,
  TK_CPAREN,
  TK_DOT,
  TK_ELLIPSIS,
  TK_EOF,
  TK_EQEQ,
  TK_EQUAL,
  TK_FATARROW,
  TK_GT,
  TK_GTE,
  TK_HEREDOC,
  TK_IDENT,
  TK_INVALID,
  TK_LT,
  TK_LTE,
  TK_MINUS,
  TK_NEWLINE,
  TK_NOTEQ,
  TK_NUMBER,
  TK_OBRACE,
  TK_OBRACK,
  TK_OPAREN,
  TK_OQUOTE,
  TK_OR,
  TK_PERCENT,
  TK_PLUS,
  TK_QUESTION,
  TK_SLASH,
  TK_STAR,
  TK_TILDE,
  describeToken,
  isDigit,
  isIdContinue,
  isIdStart,
  lineStarts,
} from './lexer';

/** Deepest nesting of blocks and expressions accepted; deeper input is reported, not recursed into. */
export const MAX_NESTING = 256;

class SyntaxError_ extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

type TemplateStop = 'end' | 'else' | 'endif' | 'endfor';

const QUOTED = 0;
const HEREDOC = 1;

export function parseHcl(text: string, path: string): ParseResult {
  const bom = text.charCodeAt(0) === 0xfeff;
  const parser = new Parser(bom ? ' ' + text.slice(1) : text, bom);
  const body = parser.parseFile();
  return { file: { body, comments: parser.comments, source: text, path }, errors: parser.errors };
}

class Parser {
  readonly errors: HclError[] = [];
  readonly comments: Comment[] = [];
  private readonly n: number;
  private readonly starts: number[];
  private lastLine = 0;
  private pos = 0;
  /** Whether newlines are tokens (bodies, objects) or whitespace (inside (), [], for, `${}`). */
  private nl = true;
  private tk = -1;
  private tkStart = 0;
  private tkEnd = 0;
  private depth = 0;
  private brackets = 0;
  private commentsEnd = 0;
  private stripNext = false;
  /** While inside a string or heredoc: the bracket count when it started and where recovery resumes after it. */
  private templateBrackets = -1;
  private templateResume = 0;
  private readonly bom: boolean;

  constructor(
    private readonly src: string,
    bom: boolean,
  ) {
    this.bom = bom;
    this.n = src.length;
    this.starts = lineStarts(src);
  }

  parseFile(): Body {
    return this.parseBody(false);
  }

  // ---- positions and errors

  private lineOf(offset: number): number {
    const starts = this.starts;
    let i = this.lastLine;
    if (offset >= starts[i] && (i + 1 === starts.length || offset < starts[i + 1])) return i + 1;
    if (i + 1 < starts.length && offset >= starts[i + 1] && (i + 2 === starts.length || offset < starts[i + 2])) {
      this.lastLine = i + 1;
      return i + 2;
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    i = lo;
    this.lastLine = i;
    return i + 1;
  }

  private endLineOf(start: number, end: number): number {
    return this.lineOf(end > start ? end - 1 : start);
  }

  private report(message: string, offset: number): void {
    const line = this.lineOf(Math.min(offset, this.n));
    this.errors.push({ line, column: this.column(Math.min(offset, this.n), line), message });
  }

  /** 1-based column; a byte-order mark does not count. */
  private column(offset: number, line: number): number {
    return offset - this.starts[line - 1] + (line === 1 && this.bom ? 0 : 1);
  }

  private fail(message: string, offset = this.peekStart()): never {
    throw new SyntaxError_(message, offset);
  }

  private unexpected(expected: string): never {
    const kind = this.peek();
    this.fail(`expected ${expected}, found ${describeToken(kind, this.src.slice(this.tkStart, this.tkEnd))}`);
  }

  // ---- tokens

  private setNl(nl: boolean): void {
    if (this.nl !== nl) {
      this.nl = nl;
      this.tk = -1;
    }
  }

  private peekStart(): number {
    this.peek();
    return this.tkStart;
  }

  private next(): number {
    const kind = this.peek();
    this.pos = this.tkEnd;
    this.tk = -1;
    return kind;
  }

  private expect(kind: number, what: string): number {
    if (this.peek() !== kind) this.unexpected(what);
    const end = this.tkEnd;
    this.next();
    return end;
  }

  private isKeyword(word: string): boolean {
    return this.peek() === TK_IDENT && this.tkEnd - this.tkStart === word.length && this.src.startsWith(word, this.tkStart);
  }

  private peek(): number {
    if (this.tk >= 0) return this.tk;
    const src = this.src;
    const n = this.n;
    let p = this.pos;
    let c = 0;
    for (;;) {
      if (p >= n) return this.token(TK_EOF, n, n);
      c = src.charCodeAt(p);
      if (c === 32 || c === 9 || c === 13) {
        p++;
      } else if (c === 10) {
        if (this.nl) return this.token(TK_NEWLINE, p, p + 1);
        p++;
      } else if (c === 35 || (c === 47 && src.charCodeAt(p + 1) === 47)) {
        let end = src.indexOf('\n', p);
        if (end === -1) end = n;
        this.comment(p, src.charCodeAt(end - 1) === 13 ? end - 1 : end);
        p = end;
      } else if (c === 47 && src.charCodeAt(p + 1) === 42) {
        const close = src.indexOf('*/', p + 2);
        if (close === -1) {
          if (p >= this.commentsEnd) this.report('unterminated /* comment', p);
          this.comment(p, n);
          p = n;
        } else {
          this.comment(p, close + 2);
          p = close + 2;
        }
      } else {
        break;
      }
    }
    const start = p;
    if (isIdStart(c)) {
      p++;
      for (;;) {
        while (p < n && isIdContinue(src.charCodeAt(p))) p++;
        // provider::namespace::function
        if (src.charCodeAt(p) === 58 && src.charCodeAt(p + 1) === 58 && isIdStart(src.charCodeAt(p + 2))) p += 3;
        else break;
      }
      return this.token(TK_IDENT, start, p);
    }
    if (isDigit(c)) {
      while (isDigit(src.charCodeAt(p))) p++;
      if (src.charCodeAt(p) === 46 && isDigit(src.charCodeAt(p + 1))) {
        p += 2;
        while (isDigit(src.charCodeAt(p))) p++;
      }
      const e = src.charCodeAt(p);
      if (e === 101 || e === 69) {
        let q = p + 1;
        const sign = src.charCodeAt(q);
        if (sign === 43 || sign === 45) q++;
        if (isDigit(src.charCodeAt(q))) {
          while (isDigit(src.charCodeAt(q))) q++;
          p = q;
        }
      }
      return this.token(TK_NUMBER, start, p);
    }
    const c1 = src.charCodeAt(p + 1);
    switch (c) {
      case 34:
        return this.token(TK_OQUOTE, p, p + 1);
      case 123:
        return this.token(TK_OBRACE, p, p + 1);
      case 125:
        return this.token(TK_CBRACE, p, p + 1);
      case 91:
        return this.token(TK_OBRACK, p, p + 1);
      case 93:
        return this.token(TK_CBRACK, p, p + 1);
      case 40:
        return this.token(TK_OPAREN, p, p + 1);
      case 41:
        return this.token(TK_CPAREN, p, p + 1);
      case 44:
        return this.token(TK_COMMA, p, p + 1);
      case 58:
        return this.token(TK_COLON, p, p + 1);
      case 63:
        return this.token(TK_QUESTION, p, p + 1);
      case 126:
        return this.token(TK_TILDE, p, p + 1);
      case 43:
        return this.token(TK_PLUS, p, p + 1);
      case 45:
        return this.token(TK_MINUS, p, p + 1);
      case 42:
        return this.token(TK_STAR, p, p + 1);
      case 47:
        return this.token(TK_SLASH, p, p + 1);
      case 37:
        return this.token(TK_PERCENT, p, p + 1);
      case 46:
        if (c1 === 46 && src.charCodeAt(p + 2) === 46) return this.token(TK_ELLIPSIS, p, p + 3);
        return this.token(TK_DOT, p, p + 1);
      case 61:
        if (c1 === 61) return this.token(TK_EQEQ, p, p + 2);
        if (c1 === 62) return this.token(TK_FATARROW, p, p + 2);
        return this.token(TK_EQUAL, p, p + 1);
      case 33:
        return c1 === 61 ? this.token(TK_NOTEQ, p, p + 2) : this.token(TK_BANG, p, p + 1);
      case 60:
        if (c1 === 60) {
          let q = p + 2;
          if (src.charCodeAt(q) === 45) q++;
          if (isIdStart(src.charCodeAt(q))) {
            q++;
            while (isIdContinue(src.charCodeAt(q))) q++;
            return this.token(TK_HEREDOC, p, q);
          }
        }
        return c1 === 61 ? this.token(TK_LTE, p, p + 2) : this.token(TK_LT, p, p + 1);
      case 62:
        return c1 === 61 ? this.token(TK_GTE, p, p + 2) : this.token(TK_GT, p, p + 1);
      case 38:
        if (c1 === 38) return this.token(TK_AND, p, p + 2);
        break;
      case 124:
        if (c1 === 124) return this.token(TK_OR, p, p + 2);
        break;
    }
    const width = c >= 0xd800 && c <= 0xdbff && p + 1 < n ? 2 : 1;
    return this.token(TK_INVALID, p, p + width);
  }

  private token(kind: number, start: number, end: number): number {
    this.tk = kind;
    this.tkStart = start;
    this.tkEnd = end;
    return kind;
  }

  private comment(start: number, end: number): void {
    // Backtracking re-lexes comments; keep each once.
    if (start < this.commentsEnd) return;
    this.commentsEnd = end;
    const line = this.lineOf(start);
    this.comments.push({ text: this.src.slice(start, end), line, endLine: this.lineOf(end > start ? end - 1 : start), start, end });
  }

  // ---- bodies

  private parseBody(nested: boolean): Body {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    const items: BodyItem[] = [];
    let names: Set<string> | null = null;
    for (;;) {
      const kind = this.peek();
      if (kind === TK_NEWLINE) {
        this.next();
        continue;
      }
      if (kind === TK_EOF) break;
      if (kind === TK_CBRACE) {
        if (nested) break;
        this.report("unexpected '}' at top level", this.tkStart);
        this.next();
        continue;
      }
      const brackets = this.brackets;
      const depth = this.depth;
      try {
        const item = this.parseBodyItem();
        items.push(item);
        if (item.kind === 'attribute') {
          attributes.push(item);
          names ??= new Set();
          if (names.has(item.name)) this.report(`attribute '${item.name}' is defined more than once`, item.start);
          names.add(item.name);
        } else {
          blocks.push(item);
        }
      } catch (e) {
        if (!(e instanceof SyntaxError_)) throw e;
        this.report(e.message, e.offset);
        this.recover(brackets);
        this.depth = depth;
      }
    }
    return { attributes, blocks, items };
  }

  private parseBodyItem(): BodyItem {
    if (this.peek() !== TK_IDENT) this.unexpected('an attribute name or a block type');
    const start = this.tkStart;
    const nameEnd = this.tkEnd;
    const name = this.src.slice(start, nameEnd);
    this.next();
    if (this.peek() === TK_EQUAL) {
      this.next();
      const expr = this.parseExpression();
      this.endOfItem('the attribute value');
      const line = this.lineOf(start);
      return {
        kind: 'attribute',
        name,
        nameColumn: this.column(start, line),
        expr,
        line,
        endLine: expr.endLine,
        start,
        end: expr.end,
      };
    }
    const labels: string[] = [];
    for (;;) {
      const kind = this.peek();
      if (kind === TK_IDENT) {
        labels.push(this.src.slice(this.tkStart, this.tkEnd));
        this.next();
      } else if (kind === TK_OQUOTE) {
        const label = this.parseQuoted();
        if (label.kind !== 'literal') this.fail('a block label cannot contain interpolations or directives', label.start);
        labels.push(label.value as string);
      } else {
        break;
      }
    }
    if (this.peek() !== TK_OBRACE) this.unexpected(labels.length ? "a block label or '{'" : "'=' or a block label or '{'");
    if (++this.depth > MAX_NESTING) this.fail(`blocks nested deeper than ${MAX_NESTING} levels`);
    this.next();
    this.brackets++;
    const body = this.parseBody(true);
    let end: number;
    if (this.peek() === TK_CBRACE) {
      end = this.tkEnd;
      this.next();
      this.brackets--;
      this.endOfItem('the block');
    } else {
      end = this.n;
      this.report(`unclosed block '${name}': missing '}'`, start);
    }
    this.depth--;
    return {
      kind: 'block',
      type: name,
      labels,
      body,
      line: this.lineOf(start),
      endLine: this.endLineOf(start, end),
      start: start,
      end: end,
    };
  }

  /** An attribute or block ends at a newline (or the `}` of a one-line block); report and skip anything else. */
  private endOfItem(what: string): void {
    const kind = this.peek();
    if (kind === TK_NEWLINE) this.next();
    else if (kind !== TK_EOF && kind !== TK_CBRACE) {
      this.report(`expected a newline after ${what}, found ${describeToken(kind, this.src.slice(this.tkStart, this.tkEnd))}`, this.tkStart);
      this.recover(this.brackets);
    }
  }

  /** After an error in a body item: skip to the end of the item's line, across brackets it opened. */
  private recover(bracketsAtItemStart: number): void {
    const src = this.src;
    const n = this.n;
    let open = Math.max(0, this.brackets - bracketsAtItemStart);
    let p = Math.max(this.pos, this.tk >= 0 ? this.tkStart : this.pos);
    if (this.templateBrackets >= 0) {
      // Brackets inside a string mean nothing to the body: resume after the string's line or the heredoc.
      open = Math.max(0, this.templateBrackets - bracketsAtItemStart);
      p = Math.max(p, this.templateResume);
      this.templateBrackets = -1;
    }
    while (p < n) {
      const c = src.charCodeAt(p);
      if (c === 10) {
        if (open === 0) break;
      } else if (c === 123 || c === 91 || c === 40) {
        open++;
      } else if (c === 125 || c === 93 || c === 41) {
        if (open === 0) {
          if (c === 125) break;
        } else {
          open--;
        }
      } else if (c === 34) {
        p = this.skipQuoted(p + 1) - 1;
      } else if (c === 35 || (c === 47 && src.charCodeAt(p + 1) === 47)) {
        // Comments on a skipped line are still kept: they may be suppressions.
        let end = src.indexOf('\n', p);
        if (end === -1) end = n;
        this.comment(p, src.charCodeAt(end - 1) === 13 ? end - 1 : end);
        p = end - 1;
      } else if (c === 47 && src.charCodeAt(p + 1) === 42) {
        const end = src.indexOf('*/', p + 2);
        this.comment(p, end === -1 ? n : end + 2);
        p = end === -1 ? n : end + 1;
      } else if (c === 60 && src.charCodeAt(p + 1) === 60) {
        p = this.skipHeredoc(p) - 1;
      }
      p++;
    }
    this.pos = p;
    this.tk = -1;
    this.nl = true;
    this.brackets = bracketsAtItemStart;
    this.stripNext = false;
  }

  private skipQuoted(p: number): number {
    const src = this.src;
    while (p < this.n) {
      const c = src.charCodeAt(p);
      if (c === 34) return p + 1;
      if (c === 10) return p;
      p += c === 92 ? 2 : 1;
    }
    return this.n;
  }

  private skipHeredoc(p: number): number {
    const m = /^<<-?([\p{ID_Start}_][\p{ID_Continue}_-]*)[ \t]*\r?\n/u.exec(this.src.slice(p, p + 260));
    if (!m) return p + 2;
    const found = this.findHeredocEnd(m[1], p + m[0].length);
    return found ? found.markerEnd : this.n;
  }

  // ---- expressions

  private parseExpression(): Expression {
    if (++this.depth > MAX_NESTING) this.fail(`expression nested deeper than ${MAX_NESTING} levels`);
    const condition = this.parseBinary(1);
    let result = condition;
    if (this.peek() === TK_QUESTION) {
      this.next();
      const trueResult = this.parseExpression();
      this.expect(TK_COLON, "':' of the conditional");
      const falseResult = this.parseExpression();
      result = {
        kind: 'conditional',
        condition,
        trueResult,
        falseResult,
        line: this.lineOf(condition.start),
        endLine: this.endLineOf(condition.start, falseResult.end),
        start: condition.start,
        end: falseResult.end,
      };
    }
    this.depth--;
    return result;
  }

  private parseBinary(minPrecedence: number): Expression {
    let left = this.parseUnary();
    for (;;) {
      const op = BINARY_OPS[this.peek()];
      if (!op || op[1] < minPrecedence) return left;
      this.next();
      const right = this.parseBinary(op[1] + 1);
      left = {
        kind: 'binary',
        op: op[0] as BinaryOperator,
        left,
        right,
        line: this.lineOf(left.start),
        endLine: this.endLineOf(left.start, right.end),
        start: left.start,
        end: right.end,
      };
    }
  }

  private parseUnary(): Expression {
    const kind = this.peek();
    if (kind !== TK_BANG && kind !== TK_MINUS) return this.parsePostfix(this.parseTerm());
    const start = this.tkStart;
    this.next();
    if (++this.depth > MAX_NESTING) this.fail(`expression nested deeper than ${MAX_NESTING} levels`);
    const operand = this.parseUnary();
    this.depth--;
    if (kind === TK_MINUS && operand.kind === 'literal' && typeof operand.value === 'number') {
      return {
        kind: 'literal',
        value: -operand.value,
        line: this.lineOf(start),
        endLine: this.endLineOf(start, operand.end),
        start: start,
        end: operand.end,
      };
    }
    return {
      kind: 'unary',
      op: kind === TK_BANG ? '!' : '-',
      operand,
      line: this.lineOf(start),
      endLine: this.endLineOf(start, operand.end),
      start: start,
      end: operand.end,
    };
  }

  private parseTerm(): Expression {
    const kind = this.peek();
    const start = this.tkStart;
    const end = this.tkEnd;
    switch (kind) {
      case TK_NUMBER: {
        this.next();
        return {
          kind: 'literal',
          value: Number(this.src.slice(start, end)),
          line: this.lineOf(start),
          endLine: this.endLineOf(start, end),
          start: start,
          end: end,
        };
      }
      case TK_IDENT: {
        const name = this.src.slice(start, end);
        this.next();
        if (this.peek() === TK_OPAREN) return this.parseCall(name, start);
        if (name.includes('::')) this.fail(`'${name}' must be called as a function`, start);
        if (name === 'true' || name === 'false') return {
          kind: 'literal',
          value: name === 'true',
          line: this.lineOf(start),
          endLine: this.endLineOf(start, end),
          start: start,
          end: end,
        };
        if (name === 'null') return {
          kind: 'literal',
          value: null,
          line: this.lineOf(start),
          endLine: this.endLineOf(start, end),
          start: start,
          end: end,
        };
        return {
          kind: 'traversal',
          root: name,
          steps: [],
          line: this.lineOf(start),
          endLine: this.endLineOf(start, end),
          start: start,
          end: end,
        };
      }
      case TK_OQUOTE:
        return this.parseQuoted();
      case TK_HEREDOC:
        return this.parseHeredoc();
      case TK_OPAREN: {
        this.next();
        this.brackets++;
        const nl = this.nl;
        this.setNl(false);
        const expr = this.parseExpression();
        const close = this.expect(TK_CPAREN, "')'");
        this.brackets--;
        this.setNl(nl);
        return { kind: 'parens', expr, line: this.lineOf(start), endLine: this.endLineOf(start, close), start: start, end: close };
      }
      case TK_OBRACK:
        return this.parseTuple();
      case TK_OBRACE:
        return this.parseObject();
      default:
        this.unexpected('an expression');
    }
  }

  private parsePostfix(source: Expression): Expression {
    let steps: TraversalStep[] = [];
    let end = source.end;
    for (;;) {
      const kind = this.peek();
      if (kind === TK_DOT) {
        this.next();
        const next = this.peek();
        if (next === TK_IDENT) {
          steps.push({ type: 'attr', name: this.src.slice(this.tkStart, this.tkEnd) });
          end = this.tkEnd;
          this.next();
        } else if (next === TK_NUMBER) {
          end = this.legacyIndex(steps);
        } else if (next === TK_STAR) {
          end = this.tkEnd;
          this.next();
          source = this.withSteps(source, steps, end);
          steps = [];
          const each: TraversalStep[] = [];
          end = this.parseSplatSteps(each, false, end);
          source = {
            kind: 'splat',
            source,
            steps: each,
            full: false,
            line: this.lineOf(source.start),
            endLine: this.endLineOf(source.start, end),
            start: source.start,
            end: end,
          };
        } else {
          this.unexpected("an attribute name after '.'");
        }
      } else if (kind === TK_OBRACK) {
        this.next();
        this.brackets++;
        const nl = this.nl;
        this.setNl(false);
        if (this.peek() === TK_STAR) {
          this.next();
          end = this.expect(TK_CBRACK, "']' after '[*'");
          this.brackets--;
          this.setNl(nl);
          source = this.withSteps(source, steps, end);
          steps = [];
          const each: TraversalStep[] = [];
          end = this.parseSplatSteps(each, true, end);
          source = {
            kind: 'splat',
            source,
            steps: each,
            full: true,
            line: this.lineOf(source.start),
            endLine: this.endLineOf(source.start, end),
            start: source.start,
            end: end,
          };
          continue;
        }
        const key = this.parseExpression();
        end = this.expect(TK_CBRACK, "']'");
        this.brackets--;
        this.setNl(nl);
        steps.push({ type: 'index', key });
      } else {
        return this.withSteps(source, steps, end);
      }
    }
  }

  /** `.0` after a traversal: the number token may have swallowed `.1` of a following step, so read digits only. */
  private legacyIndex(steps: TraversalStep[]): number {
    let p = this.tkStart;
    while (isDigit(this.src.charCodeAt(p))) p++;
    const start = this.tkStart;
    steps.push({ type: 'index', key: {
      kind: 'literal',
      value: Number(this.src.slice(start, p)),
      line: this.lineOf(start),
      endLine: this.endLineOf(start, p),
      start: start,
      end: p,
    } });
    this.pos = p;
    this.tk = -1;
    return p;
  }

  private parseSplatSteps(each: TraversalStep[], full: boolean, end: number): number {
    for (;;) {
      const kind = this.peek();
      if (kind === TK_DOT) {
        const save = this.pos;
        this.next();
        const next = this.peek();
        if (next === TK_IDENT) {
          each.push({ type: 'attr', name: this.src.slice(this.tkStart, this.tkEnd) });
          end = this.tkEnd;
          this.next();
          continue;
        }
        if (next === TK_NUMBER && full) {
          end = this.legacyIndex(each);
          continue;
        }
        this.pos = save;
        this.tk = -1;
        return end;
      }
      if (kind === TK_OBRACK && full) {
        const save = this.pos;
        const nl = this.nl;
        this.next();
        this.setNl(false);
        if (this.peek() === TK_STAR) {
          this.pos = save;
          this.tk = -1;
          this.setNl(nl);
          return end;
        }
        this.brackets++;
        const key = this.parseExpression();
        end = this.expect(TK_CBRACK, "']'");
        this.brackets--;
        this.setNl(nl);
        each.push({ type: 'index', key });
        continue;
      }
      return end;
    }
  }

  private withSteps(source: Expression, steps: TraversalStep[], end: number): Expression {
    if (steps.length === 0) return source;
    if (source.kind === 'traversal') {
      return {
        kind: 'traversal',
        root: source.root,
        steps: source.steps.concat(steps),
        line: this.lineOf(source.start),
        endLine: this.endLineOf(source.start, end),
        start: source.start,
        end: end,
      };
    }
    return {
      kind: 'relative',
      source,
      steps,
      line: this.lineOf(source.start),
      endLine: this.endLineOf(source.start, end),
      start: source.start,
      end: end,
    };
  }

  private parseCall(name: string, start: number): Expression {
    this.next();
    this.brackets++;
    const nl = this.nl;
    this.setNl(false);
    const args: Expression[] = [];
    let expandFinal = false;
    while (this.peek() !== TK_CPAREN) {
      args.push(this.parseExpression());
      const kind = this.peek();
      if (kind === TK_ELLIPSIS) {
        this.next();
        expandFinal = true;
        if (this.peek() !== TK_CPAREN) this.unexpected("')' after '...'");
        break;
      }
      if (kind === TK_COMMA) this.next();
      else if (kind !== TK_CPAREN) this.unexpected("',' or ')' in the function call");
    }
    const end = this.tkEnd;
    this.next();
    this.brackets--;
    this.setNl(nl);
    return { kind: 'call', name, args, expandFinal, line: this.lineOf(start), endLine: this.endLineOf(start, end), start: start, end: end };
  }

  /** At `for`: is it the start of a for expression (`for` followed by an identifier)? */
  private atFor(): boolean {
    if (!this.isKeyword('for')) return false;
    const save = this.pos;
    this.next();
    const isFor = this.peek() === TK_IDENT;
    this.pos = save;
    this.tk = -1;
    return isFor;
  }

  private parseTuple(): Expression {
    const start = this.tkStart;
    this.next();
    this.brackets++;
    const nl = this.nl;
    this.setNl(false);
    if (this.atFor()) {
      const expr = this.parseFor(start, false);
      this.setNl(nl);
      return expr;
    }
    const items: Expression[] = [];
    while (this.peek() !== TK_CBRACK) {
      items.push(this.parseExpression());
      const kind = this.peek();
      if (kind === TK_COMMA) this.next();
      else if (kind !== TK_CBRACK) this.unexpected("',' or ']' in the tuple");
    }
    const end = this.tkEnd;
    this.next();
    this.brackets--;
    this.setNl(nl);
    return { kind: 'tuple', items, line: this.lineOf(start), endLine: this.endLineOf(start, end), start: start, end: end };
  }

  private parseObject(): Expression {
    const start = this.tkStart;
    this.next();
    this.brackets++;
    const nl = this.nl;
    this.setNl(false);
    if (this.atFor()) {
      const expr = this.parseFor(start, true);
      this.setNl(nl);
      return expr;
    }
    this.setNl(true);
    const items: { key: Expression; value: Expression }[] = [];
    for (;;) {
      const kind = this.peek();
      if (kind === TK_NEWLINE) {
        this.next();
        continue;
      }
      if (kind === TK_CBRACE) break;
      if (kind === TK_EOF) this.fail("unclosed object: missing '}'", start);
      const key = this.parseObjectKey();
      const sep = this.peek();
      if (sep !== TK_EQUAL && sep !== TK_COLON) this.unexpected("'=' or ':' after the object key");
      this.next();
      const value = this.parseExpression();
      items.push({ key, value });
      const after = this.peek();
      if (after === TK_COMMA || after === TK_NEWLINE) this.next();
      else if (after !== TK_CBRACE) this.unexpected("',', a newline or '}' after the object item");
    }
    const end = this.tkEnd;
    this.next();
    this.brackets--;
    this.setNl(nl);
    return { kind: 'object', items, line: this.lineOf(start), endLine: this.endLineOf(start, end), start: start, end: end };
  }

  /** A bare identifier before `=` or `:` is the key's name, not a variable (keywords included). */
  private parseObjectKey(): Expression {
    if (this.peek() === TK_IDENT) {
      const start = this.tkStart;
      const end = this.tkEnd;
      const save = this.pos;
      this.next();
      const kind = this.peek();
      if (kind === TK_EQUAL || kind === TK_COLON) return {
        kind: 'literal',
        value: this.src.slice(start, end),
        line: this.lineOf(start),
        endLine: this.endLineOf(start, end),
        start: start,
        end: end,
      };
      this.pos = save;
      this.tk = -1;
    }
    return this.parseExpression();
  }

  private identifier(what: string): string {
    if (this.peek() !== TK_IDENT) this.unexpected(what);
    const name = this.src.slice(this.tkStart, this.tkEnd);
    this.next();
    return name;
  }

  /** After `[` or `{` with the `for` keyword next; newlines are already whitespace. */
  private parseFor(start: number, object: boolean): Expression {
    this.next();
    let keyVar: string | null = null;
    let valueVar = this.identifier('a variable name after for');
    if (this.peek() === TK_COMMA) {
      this.next();
      keyVar = valueVar;
      valueVar = this.identifier('a value variable name after the comma');
    }
    if (!this.isKeyword('in')) this.unexpected("'in'");
    this.next();
    const collection = this.parseExpression();
    this.expect(TK_COLON, "':' after the for collection");
    let keyExpr: Expression | null = null;
    if (object) {
      keyExpr = this.parseExpression();
      this.expect(TK_FATARROW, "'=>' in the object for expression");
    }
    const valueExpr = this.parseExpression();
    let grouping = false;
    if (object && this.peek() === TK_ELLIPSIS) {
      this.next();
      grouping = true;
    }
    let condition: Expression | null = null;
    if (this.isKeyword('if')) {
      this.next();
      condition = this.parseExpression();
    }
    const end = this.expect(object ? TK_CBRACE : TK_CBRACK, object ? "'}' closing the for expression" : "']' closing the for expression");
    this.brackets--;
    return {
      kind: 'for',
      object,
      keyVar,
      valueVar,
      collection,
      keyExpr,
      valueExpr,
      condition,
      grouping,
      line: this.lineOf(start),
      endLine: this.endLineOf(start, end),
      start: start,
      end: end,
    };
  }

  // ---- templates

  /** At `"`: a string literal, or a template when it has interpolations or directives. */
  private parseQuoted(): Expression {
    const start = this.tkStart;
    this.next();
    const src = this.src;
    // Fast path: plain text up to the closing quote.
    let p = this.pos;
    for (;;) {
      const c = src.charCodeAt(p);
      if (c === 34) {
        this.pos = p + 1;
        return {
          kind: 'literal',
          value: src.slice(start + 1, p),
          line: this.lineOf(start),
          endLine: this.endLineOf(start, p + 1),
          start: start,
          end: p + 1,
        };
      }
      if (c === 92 || c === 36 || c === 37 || c === 10 || p >= this.n) break;
      p++;
    }
    this.stripNext = false;
    const outermost = this.enterTemplate(p);
    const { parts, stop } = this.parseTemplateParts(QUOTED, this.n);
    if (stop !== 'end') this.fail(`unexpected %{${stop}} in the string`);
    if (outermost) this.templateBrackets = -1;
    this.pos++;
    this.tk = -1;
    return this.templateOrLiteral(parts, null, start, this.pos);
  }

  /** Notes where error recovery resumes if the outermost template fails: the end of its line, or `resume`. */
  private enterTemplate(from: number, resume?: number): boolean {
    if (this.templateBrackets >= 0) return false;
    this.templateBrackets = this.brackets;
    if (resume === undefined) {
      const nl = this.src.indexOf('\n', from);
      resume = nl === -1 ? this.n : nl;
    }
    this.templateResume = resume;
    return true;
  }

  private templateOrLiteral(
    parts: TemplatePart[],
    heredoc: { marker: string; flush: boolean } | null,
    start: number,
    end: number,
  ): Expression {
    if (parts.length === 0) return {
      kind: 'literal',
      value: '',
      line: this.lineOf(start),
      endLine: this.endLineOf(start, end),
      start: start,
      end: end,
    };
    const only = parts[0];
    if (parts.length === 1 && only.kind === 'literal' && typeof only.value === 'string') {
      return { kind: 'literal', value: only.value, line: this.lineOf(start), endLine: this.endLineOf(start, end), start: start, end: end };
    }
    return { kind: 'template', parts, heredoc, line: this.lineOf(start), endLine: this.endLineOf(start, end), start: start, end: end };
  }

  private parseHeredoc(): Expression {
    const start = this.tkStart;
    const src = this.src;
    const flush = src.charCodeAt(start + 2) === 45;
    const marker = src.slice(start + (flush ? 3 : 2), this.tkEnd);
    let p = this.tkEnd;
    while (src.charCodeAt(p) === 32 || src.charCodeAt(p) === 9 || src.charCodeAt(p) === 13) p++;
    if (p < this.n && src.charCodeAt(p) !== 10) this.fail('a heredoc marker must be followed by a newline', p);
    const contentStart = p + 1;
    const found = this.findHeredocEnd(marker, contentStart);
    if (!found) {
      this.pos = this.n;
      this.tk = -1;
      this.fail(`unterminated heredoc: no closing '${marker}' line`, start);
    }
    const indent = flush ? this.heredocIndent(contentStart, found.lineStart) : 0;
    this.pos = contentStart;
    this.tk = -1;
    this.stripNext = false;
    const outermost = this.enterTemplate(-1, found.markerEnd);
    const { parts, stop } = this.parseTemplateParts(HEREDOC, found.lineStart, indent);
    if (stop !== 'end') this.fail(`unexpected %{${stop}} in the heredoc`);
    if (outermost) this.templateBrackets = -1;
    this.pos = found.markerEnd;
    this.tk = -1;
    return this.templateOrLiteral(parts, { marker, flush }, start, found.markerEnd);
  }

  private findHeredocEnd(marker: string, from: number): { lineStart: number; markerEnd: number } | null {
    const src = this.src;
    let lineStart = from;
    while (lineStart <= this.n) {
      let p = lineStart;
      while (src.charCodeAt(p) === 32 || src.charCodeAt(p) === 9) p++;
      if (src.startsWith(marker, p)) {
        let q = p + marker.length;
        if (src.charCodeAt(q) === 13) q++;
        if (q >= this.n || src.charCodeAt(q) === 10) return { lineStart, markerEnd: p + marker.length };
      }
      const nl = src.indexOf('\n', lineStart);
      if (nl === -1) return null;
      lineStart = nl + 1;
    }
    return null;
  }

  /** `<<-`: the smallest indentation of the content's non-blank lines. */
  private heredocIndent(from: number, to: number): number {
    const src = this.src;
    let min = Infinity;
    let lineStart = from;
    while (lineStart < to) {
      let p = lineStart;
      while (src.charCodeAt(p) === 32 || src.charCodeAt(p) === 9) p++;
      const c = src.charCodeAt(p);
      if (p < to && c !== 10 && c !== 13) min = Math.min(min, p - lineStart);
      const nl = src.indexOf('\n', lineStart);
      if (nl === -1 || nl >= to) break;
      lineStart = nl + 1;
    }
    return min === Infinity ? 0 : min;
  }

  /**
   * Template text from `this.pos` up to the closing quote (QUOTED) or `limit` (HEREDOC), or to an
   * `%{else}`, `%{endif}` or `%{endfor}` directive, which is consumed and returned as `stop`.
   */
  private parseTemplateParts(mode: number, limit: number, indent = 0): { parts: TemplatePart[]; stop: TemplateStop } {
    const src = this.src;
    const parts: TemplatePart[] = [];
    let text = '';
    let textStart = this.pos;
    let seg = this.pos;
    let p = this.pos;
    if (indent > 0 && src.charCodeAt(p - 1) === 10) p = seg = this.skipIndent(p, indent, limit);
    const flushText = (end: number, stripTrailing: boolean) => {
      text += src.slice(seg, end);
      if (this.stripNext) {
        text = text.replace(/^[ \t\r\n]+/, '');
        this.stripNext = false;
      }
      if (stripTrailing) text = text.replace(/[ \t\r\n]+$/, '');
      if (text.length > 0) {
        parts.push({
          kind: 'literal',
          value: text,
          line: this.lineOf(textStart),
          endLine: this.endLineOf(textStart, end),
          start: textStart,
          end: end,
        });
      }
      text = '';
    };
    for (;;) {
      if (p >= limit) {
        if (mode === QUOTED) {
          this.pos = p;
          this.fail('unterminated string', p);
        }
        flushText(limit, false);
        this.pos = limit;
        return { parts, stop: 'end' };
      }
      const c = src.charCodeAt(p);
      if (mode === QUOTED) {
        if (c === 34) {
          flushText(p, false);
          this.pos = p;
          return { parts, stop: 'end' };
        }
        if (c === 10) {
          this.pos = p;
          this.fail('unterminated string: a quoted string cannot span lines', p);
        }
        if (c === 92) {
          text += src.slice(seg, p);
          p = this.escape(p, (decoded) => (text += decoded));
          seg = p;
          continue;
        }
      } else if (c === 10 && indent > 0) {
        text += src.slice(seg, p + 1);
        p = seg = this.skipIndent(p + 1, indent, limit);
        continue;
      }
      const c1 = src.charCodeAt(p + 1);
      if ((c === 36 || c === 37) && c1 === c && src.charCodeAt(p + 2) === 123) {
        // `$${` and `%%{` are the literal text `${` and `%{`.
        text += src.slice(seg, p + 1);
        p += 2;
        seg = p;
        continue;
      }
      if ((c === 36 || c === 37) && c1 === 123) {
        let q = p + 2;
        const stripLeft = src.charCodeAt(q) === 126;
        if (stripLeft) q++;
        flushText(p, stripLeft);
        this.pos = q;
        this.tk = -1;
        if (c === 36) {
          parts.push(this.parseInterpolation());
        } else {
          const directive = this.parseDirective(p, mode, limit, indent);
          if (typeof directive === 'string') return { parts, stop: directive };
          parts.push(directive);
        }
        p = seg = textStart = this.pos;
        continue;
      }
      p++;
    }
  }

  private skipIndent(p: number, indent: number, limit: number): number {
    const end = Math.min(p + indent, limit);
    while (p < end && (this.src.charCodeAt(p) === 32 || this.src.charCodeAt(p) === 9)) p++;
    return p;
  }

  private escape(p: number, emit: (text: string) => void): number {
    const c = this.src.charCodeAt(p + 1);
    switch (c) {
      case 110:
        emit('\n');
        return p + 2;
      case 114:
        emit('\r');
        return p + 2;
      case 116:
        emit('\t');
        return p + 2;
      case 34:
        emit('"');
        return p + 2;
      case 92:
        emit('\\');
        return p + 2;
      case 117:
      case 85: {
        const digits = c === 117 ? 4 : 8;
        const hex = this.src.slice(p + 2, p + 2 + digits);
        const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === digits ? parseInt(hex, 16) : -1;
        if (code < 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
          this.report('invalid unicode escape sequence', p);
          emit('\ufffd');
          return p + 2;
        }
        emit(String.fromCodePoint(code));
        return p + 2 + digits;
      }
      default:
        this.report(`invalid escape sequence '\\${this.src.charAt(p + 1)}'`, p);
        emit(this.src.charAt(p + 1));
        return p + 2;
    }
  }

  /** After `${` (and its `~`): the expression, `~`? and `}`. */
  private parseInterpolation(): Expression {
    const nl = this.nl;
    this.setNl(false);
    this.brackets++;
    const expr = this.parseExpression();
    this.closeTemplateSequence();
    this.brackets--;
    this.setNl(nl);
    return expr;
  }

  private closeTemplateSequence(): void {
    if (this.peek() === TK_TILDE) {
      this.next();
      this.stripNext = true;
    }
    if (this.peek() !== TK_CBRACE) this.unexpected("'}' closing the template sequence");
    this.pos = this.tkEnd;
    this.tk = -1;
  }

  private parseDirective(start: number, mode: number, limit: number, indent: number): TemplatePart | TemplateStop {
    const nl = this.nl;
    this.setNl(false);
    this.brackets++;
    if (++this.depth > MAX_NESTING) this.fail(`template directives nested deeper than ${MAX_NESTING} levels`);
    const keyword = this.identifier("'if', 'for', 'else', 'endif' or 'endfor' after '%{'");
    let result: TemplatePart | TemplateStop;
    if (keyword === 'else' || keyword === 'endif' || keyword === 'endfor') {
      this.closeTemplateSequence();
      result = keyword;
    } else if (keyword === 'if') {
      const condition = this.parseExpression();
      this.closeTemplateSequence();
      const then = this.parseTemplateParts(mode, limit, indent);
      let otherwise: TemplatePart[] | null = null;
      let stop = then.stop;
      if (stop === 'else') {
        const rest = this.parseTemplateParts(mode, limit, indent);
        otherwise = rest.parts;
        stop = rest.stop;
      }
      if (stop !== 'endif') this.fail(`'%{if}' without '%{endif}'`, start);
      result = {
        kind: 'templateIf',
        condition,
        then: then.parts,
        else: otherwise,
        line: this.lineOf(start),
        endLine: this.endLineOf(start, this.pos),
        start: start,
        end: this.pos,
      };
    } else if (keyword === 'for') {
      let keyVar: string | null = null;
      let valueVar = this.identifier('a variable name after for');
      if (this.peek() === TK_COMMA) {
        this.next();
        keyVar = valueVar;
        valueVar = this.identifier('a value variable name after the comma');
      }
      if (!this.isKeyword('in')) this.unexpected("'in'");
      this.next();
      const collection = this.parseExpression();
      this.closeTemplateSequence();
      const body = this.parseTemplateParts(mode, limit, indent);
      if (body.stop !== 'endfor') this.fail(`'%{for}' without '%{endfor}'`, start);
      result = {
        kind: 'templateFor',
        keyVar,
        valueVar,
        collection,
        body: body.parts,
        line: this.lineOf(start),
        endLine: this.endLineOf(start, this.pos),
        start: start,
        end: this.pos,
      };
    } else {
      this.fail(`unknown template directive '${keyword}'`, start);
    }
    this.depth--;
    this.brackets--;
    this.setNl(nl);
    return result;
  }
}
