// The parser of Go's text/template (text/template/parse/parse.go): one source in, its tree and its defines out.
import type { Arg, Command, Node, Pipe, Tree } from './ast';
import { lex, type Token, type TokenType } from './lexer';

export class ParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export interface ParseResult {
  tree: Tree;
  defines: Tree[];
}

export function lineStartsOf(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function lineAt(lineStarts: number[], pos: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };

/** strconv.Unquote for "…", `…` and '…'. */
export function unquote(text: string): string {
  if (text.startsWith('`')) return text.slice(1, -1).replace(/\r/g, '');
  const body = text.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[e];
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) throw new Error('invalid syntax');
      out += e === 'x' ? String.fromCharCode(parseInt(hex, 16)) : String.fromCodePoint(parseInt(hex, 16));
      i += n;
    } else if (/[0-7]/.test(e)) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) throw new Error('invalid syntax');
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else throw new Error('invalid syntax');
  }
  return out;
}

function parseNumber(text: string): { int?: bigint; float?: number; isFloatSyntax: boolean } | undefined {
  if (text.startsWith("'")) {
    const s = unquote(text);
    return { int: BigInt(s.codePointAt(0) ?? 0), isFloatSyntax: false };
  }
  if (text.endsWith('i')) return undefined;
  const neg = text.startsWith('-');
  const body = text.replace(/^[+-]/, '');
  const clean = body.replace(/_/g, '');
  const isHex = /^0[xX]/.test(clean);
  const floatSyntax = !isHex && /[.eE]/.test(clean);
  let int: bigint | undefined;
  let float: number | undefined;
  try {
    if (/^0[xX][0-9a-fA-F]+$/.test(clean) || /^0[bB][01]+$/.test(clean) || /^0[oO][0-7]+$/.test(clean)) int = BigInt(clean.toLowerCase());
    else if (/^0[0-7]+$/.test(clean)) int = BigInt('0o' + clean.slice(1));
    else if (/^[0-9]+$/.test(clean)) int = BigInt(clean);
  } catch {
    int = undefined;
  }
  if (int !== undefined) {
    if (neg) int = -int;
    if (int > 0x7fffffffffffffffn || int < -0x8000000000000000n) int = undefined;
    else float = Number(int);
  }
  if (int === undefined && /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(clean)) {
    float = (neg ? -1 : 1) * Number(clean);
    if (Number.isInteger(float) && Math.abs(float) < 2 ** 63) int = BigInt(float);
  }
  if (int === undefined && float === undefined) return undefined;
  return { int, float, isFloatSyntax: floatSyntax };
}

const OPERAND_START: TokenType[] = ['bool', 'char', 'dot', 'field', 'identifier', 'number', 'nil', 'rawString', 'string', 'variable', 'leftParen'];

class Parser {
  private tokens: Token[];
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  readonly defines: Tree[] = [];
  private readonly lineStarts: number[];

  constructor(
    private readonly name: string,
    private readonly source: string,
    private readonly isFunction: (name: string) => boolean,
  ) {
    this.tokens = lex(source);
    this.lineStarts = lineStartsOf(source);
  }

  private line(pos: number): number {
    return lineAt(this.lineStarts, pos);
  }

  private error(message: string, pos: number): never {
    throw new ParseError(`template: ${this.name}:${this.line(pos)}: ${message}`, this.line(pos));
  }

  private next(): Token {
    const t = this.tokens[this.i];
    if (t.type === 'error') this.error(t.value, t.pos);
    if (t.type !== 'eof') this.i++;
    return t;
  }
  private peek(): Token {
    const t = this.tokens[this.i];
    if (t.type === 'error') this.error(t.value, t.pos);
    return t;
  }
  private nextNonSpace(): Token {
    let t = this.next();
    while (t.type === 'space') t = this.next();
    return t;
  }
  private peekNonSpace(): Token {
    const save = this.i;
    const t = this.nextNonSpace();
    this.i = save;
    return t;
  }
  private expect(type: TokenType, context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== type) this.unexpected(t, context);
    return t;
  }
  private unexpected(t: Token, context: string): never {
    const what = t.type === 'rightDelim' || t.type === 'leftDelim' ? t.value.trim() : t.type === 'eof' ? 'EOF' : t.value;
    if (t.type === 'eof') this.error(`unexpected EOF`, t.pos);
    this.error(`unexpected "${what}" in ${context}`, t.pos);
  }

  private tree(name: string, root: Node[]): Tree {
    return { name, parseName: this.name, source: this.source, root, lineStarts: this.lineStarts };
  }

  parse(): ParseResult {
    const root: Node[] = [];
    for (;;) {
      const t = this.peek();
      if (t.type === 'eof') break;
      if (t.type === 'leftDelim') {
        const save = this.i;
        this.next();
        const k = this.peekNonSpace();
        if (k.type === 'keyword' && k.value === 'define') {
          this.nextNonSpace();
          this.parseDefinition();
          continue;
        }
        this.i = save;
      }
      const item = this.textOrAction();
      if (item.kind !== 'node') this.error(`unexpected {{${item.kind}}}`, item.pos);
      if (item.node) root.push(item.node);
    }
    return { tree: this.tree(this.name, root), defines: this.defines };
  }

  private parseDefinition(): void {
    const nameTok = this.nextNonSpace();
    if (nameTok.type !== 'string' && nameTok.type !== 'rawString') this.unexpected(nameTok, 'define clause');
    const name = unquote(nameTok.value);
    this.expect('rightDelim', 'define clause');
    const savedVars = this.vars;
    this.vars = ['$'];
    const { list, end } = this.itemList();
    this.vars = savedVars;
    if (end.kind !== 'end') this.error(`unexpected {{else}} in define clause`, end.pos);
    this.defines.push(this.tree(name, list));
  }

  /** Nodes up to {{end}} or {{else}}. */
  private itemList(): { list: Node[]; end: { kind: 'end' | 'else'; pos: number } } {
    const list: Node[] = [];
    for (;;) {
      if (this.peekNonSpace().type === 'eof') this.error('unexpected EOF', this.peek().pos);
      const item = this.textOrAction();
      if (item.kind === 'end' || item.kind === 'else') return { list, end: { kind: item.kind, pos: item.pos } };
      if (item.node) list.push(item.node);
    }
  }

  private textOrAction(): { kind: 'node' | 'end' | 'else'; node?: Node; pos: number } {
    const t = this.nextNonSpace();
    if (t.type === 'text') return { kind: 'node', node: { type: 'text', text: t.value, pos: t.pos, line: this.line(t.pos) }, pos: t.pos };
    if (t.type === 'comment') return { kind: 'node', pos: t.pos };
    if (t.type === 'leftDelim') return this.action(t);
    this.unexpected(t, 'input');
  }

  private action(open: Token): { kind: 'node' | 'end' | 'else'; node?: Node; pos: number } {
    const t = this.peekNonSpace();
    const at = { pos: open.pos, line: this.line(open.pos) };
    if (t.type === 'keyword') {
      this.nextNonSpace();
      switch (t.value) {
        case 'end':
          this.expect('rightDelim', 'end');
          return { kind: 'end', pos: t.pos };
        case 'else': {
          const p = this.peekNonSpace();
          if (!(p.type === 'keyword' && (p.value === 'if' || p.value === 'with'))) this.expect('rightDelim', 'else');
          return { kind: 'else', pos: t.pos };
        }
        case 'if':
        case 'with':
        case 'range':
          return { kind: 'node', node: this.parseControl(t.value, at), pos: t.pos };
        case 'template':
          return { kind: 'node', node: this.templateControl(at), pos: t.pos };
        case 'block':
          return { kind: 'node', node: this.blockControl(at), pos: t.pos };
        case 'break':
        case 'continue':
          if (this.rangeDepth === 0) this.error(`{{${t.value}}} outside {{range}}`, t.pos);
          this.expect('rightDelim', t.value);
          return { kind: 'node', node: { type: t.value, ...at }, pos: t.pos };
        default:
          this.error(`unexpected keyword ${t.value}`, t.pos);
      }
    }
    const pipe = this.pipeline('command', 'rightDelim');
    return { kind: 'node', node: { type: 'action', pipe, ...at }, pos: open.pos };
  }

  private parseControl(context: string, at: { pos: number; line: number }): Node {
    const savedVars = this.vars.length;
    const pipe = this.pipeline(context, 'rightDelim');
    if (context === 'range') this.rangeDepth++;
    const { list, end } = this.itemList();
    if (context === 'range') this.rangeDepth--;
    let elseList: Node[] | undefined;
    if (end.kind === 'else') {
      const p = this.peekNonSpace();
      if ((context === 'if' || context === 'with') && p.type === 'keyword' && p.value === context) {
        this.nextNonSpace();
        const elseAt = { pos: p.pos, line: this.line(p.pos) };
        elseList = [this.parseControl(context, elseAt)];
      } else {
        const rest = this.itemList();
        if (rest.end.kind !== 'end') this.error('expected end; found {{else}}', rest.end.pos);
        elseList = rest.list;
      }
    }
    this.vars.length = savedVars;
    return { type: context as 'if' | 'with' | 'range', pipe, list, elseList, ...at };
  }

  private templateName(context: string): string {
    const t = this.nextNonSpace();
    if (t.type !== 'string' && t.type !== 'rawString') this.unexpected(t, context);
    return unquote(t.value);
  }

  private templateControl(at: { pos: number; line: number }): Node {
    const name = this.templateName('template clause');
    let pipe: Pipe | undefined;
    if (this.peekNonSpace().type !== 'rightDelim') pipe = this.pipeline('template clause', 'rightDelim');
    else this.nextNonSpace();
    return { type: 'template', name, pipe, ...at };
  }

  private blockControl(at: { pos: number; line: number }): Node {
    const name = this.templateName('block clause');
    const pipe = this.pipeline('block clause', 'rightDelim');
    const savedVars = this.vars;
    const savedDepth = this.rangeDepth;
    this.vars = ['$'];
    this.rangeDepth = 0;
    const { list, end } = this.itemList();
    this.vars = savedVars;
    this.rangeDepth = savedDepth;
    if (end.kind !== 'end') this.error('unexpected {{else}} in block clause', end.pos);
    this.defines.push(this.tree(name, list));
    return { type: 'template', name, pipe, ...at };
  }

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): Pipe {
    const start = this.peekNonSpace();
    const pipe: Pipe = { isAssign: false, decl: [], cmds: [], pos: start.pos, line: this.line(start.pos), source: '' };
    // Declarations: $x := / $x = / $i, $v :=
    for (;;) {
      const save = this.i;
      const v = this.peekNonSpace();
      if (v.type !== 'variable') break;
      this.nextNonSpace();
      const n = this.peekNonSpace();
      if (n.type === 'declare' || n.type === 'assign') {
        this.nextNonSpace();
        pipe.isAssign = n.type === 'assign';
        pipe.decl.push(v.value);
        this.vars.push(v.value);
        break;
      }
      if (n.type === 'comma') {
        this.nextNonSpace();
        pipe.decl.push(v.value);
        this.vars.push(v.value);
        if (context !== 'range' || pipe.decl.length > 1) this.error(`too many declarations in ${context}`, n.pos);
        const after = this.peekNonSpace();
        if (after.type !== 'variable') this.error(`missing variable after comma in ${context}`, n.pos);
        continue;
      }
      if (pipe.decl.length > 0) this.error(`missing := after variable in ${context}`, n.pos);
      this.i = save;
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.type === end) {
        if (pipe.cmds.length === 0) this.error(`missing value for ${context}`, t.pos);
        pipe.cmds.forEach((c, i) => {
          const first = c.args[0];
          if (i > 0 && ['bool', 'dot', 'nil', 'number', 'string'].includes(first.type)) {
            this.error(`non executable command in pipeline stage ${i + 1}`, c.pos);
          }
        });
        pipe.source = this.source.slice(pipe.pos, t.pos).trim();
        return pipe;
      }
      if (OPERAND_START.includes(t.type)) {
        this.i--;
        pipe.cmds.push(this.command());
      } else this.unexpected(t, context);
    }
  }

  private command(): Command {
    const first = this.peekNonSpace();
    const cmd: Command = { args: [], pos: first.pos, line: this.line(first.pos), source: '' };
    let endPos = first.pos;
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      endPos = this.peek().pos;
      const t = this.next();
      if (t.type === 'space') continue;
      if (t.type === 'rightDelim' || t.type === 'rightParen') this.i--;
      else if (t.type !== 'pipe') this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.error('empty command', first.pos);
    cmd.source = this.source.slice(cmd.pos, endPos).trim();
    return cmd;
  }

  private operand(): Arg | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().type !== 'field') return node;
    const fields: string[] = [];
    while (this.peek().type === 'field') fields.push(this.next().value.slice(1));
    switch (node.type) {
      case 'field':
      case 'variable':
        return { ...node, idents: [...node.idents, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.error(`unexpected . after term "${this.source.slice(node.pos, this.peek().pos)}"`, node.pos);
      // falls through (error throws)
      default:
        return { type: 'chain', node, fields, pos: node.pos, line: node.line };
    }
  }

  private term(): Arg | undefined {
    const save = this.i;
    const t = this.nextNonSpace();
    const at = { pos: t.pos, line: this.line(t.pos) };
    switch (t.type) {
      case 'identifier':
        if (!this.isFunction(t.value)) this.error(`function "${t.value}" not defined`, t.pos);
        return { type: 'identifier', name: t.value, ...at };
      case 'dot':
        return { type: 'dot', ...at };
      case 'nil':
        return { type: 'nil', ...at };
      case 'variable':
        if (!this.vars.includes(t.value)) this.error(`undefined variable "${t.value}"`, t.pos);
        return { type: 'variable', idents: [t.value], ...at };
      case 'field':
        return { type: 'field', idents: [t.value.slice(1)], ...at };
      case 'bool':
        return { type: 'bool', value: t.value === 'true', ...at };
      case 'char':
      case 'number': {
        let n: ReturnType<typeof parseNumber>;
        try {
          n = parseNumber(t.value);
        } catch {
          n = undefined;
        }
        if (!n) this.error(`illegal number syntax: "${t.value}"`, t.pos);
        return { type: 'number', text: t.value, ...n, ...at };
      }
      case 'leftParen': {
        const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
        return { type: 'pipe', pipe, ...at };
      }
      case 'string':
      case 'rawString':
        try {
          return { type: 'string', value: unquote(t.value), ...at };
        } catch {
          this.error(`invalid syntax: ${t.value}`, t.pos);
        }
      // falls through (error throws)
      default:
        this.i = save;
        return undefined;
    }
  }
}

export function parseTemplate(name: string, source: string, isFunction: (name: string) => boolean): ParseResult {
  return new Parser(name, source, isFunction).parse();
}
