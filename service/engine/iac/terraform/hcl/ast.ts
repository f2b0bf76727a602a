// The syntax tree of an HCL2 native-syntax file (HashiCorp hclsyntax/spec.md).
// Lines are 1-based; `start`/`end` are UTF-16 offsets into the parsed text (end exclusive).

export interface Span {
  line: number;
  endLine: number;
  start: number;
  end: number;
}

export interface HclFile {
  body: Body;
  /** Every comment in source order, raw text including its `#`, `//` or `/* … *\/` markers. */
  comments: Comment[];
  /** The text that was parsed; expression offsets index into it. */
  source: string;
  path: string;
}

export type File = HclFile;

export interface Comment extends Span {
  text: string;
}

export interface Body {
  attributes: Attribute[];
  blocks: Block[];
  /** Attributes and blocks together, in source order. */
  items: BodyItem[];
}

export type BodyItem = Attribute | Block;

export interface Attribute extends Span {
  kind: 'attribute';
  name: string;
  /** 1-based column of the attribute name. */
  nameColumn: number;
  expr: Expression;
}

export interface Block extends Span {
  kind: 'block';
  type: string;
  labels: string[];
  body: Body;
}

export type Expression =
  | LiteralExpr
  | TemplateExpr
  | TraversalExpr
  | RelativeTraversalExpr
  | SplatExpr
  | FunctionCallExpr
  | ConditionalExpr
  | BinaryExpr
  | UnaryExpr
  | TupleExpr
  | ObjectExpr
  | ForExpr
  | ParenExpr;

/** Numbers, `true`/`false`/`null`, and quoted strings or heredocs without interpolation. */
export interface LiteralExpr extends Span {
  kind: 'literal';
  value: string | number | boolean | null;
}

/** A string or heredoc with `${…}` interpolations or `%{…}` directives. Text parts are string literals. */
export interface TemplateExpr extends Span {
  kind: 'template';
  parts: TemplatePart[];
  heredoc: { marker: string; flush: boolean } | null;
}

export type TemplatePart = Expression | TemplateIf | TemplateFor;

export interface TemplateIf extends Span {
  kind: 'templateIf';
  condition: Expression;
  then: TemplatePart[];
  else: TemplatePart[] | null;
}

export interface TemplateFor extends Span {
  kind: 'templateFor';
  keyVar: string | null;
  valueVar: string;
  collection: Expression;
  body: TemplatePart[];
}

export type TraversalStep = { type: 'attr'; name: string } | { type: 'index'; key: Expression };

/** A variable and what follows it: `var.x`, `azurerm_resource_group.rg.name`, `each.value["k"]`, `count.index`. */
export interface TraversalExpr extends Span {
  kind: 'traversal';
  root: string;
  steps: TraversalStep[];
}

/** Steps applied to something that is not a variable: `f(x).a`, `(x)[0]`, `[1, 2][0]`. */
export interface RelativeTraversalExpr extends Span {
  kind: 'relative';
  source: Expression;
  steps: TraversalStep[];
}

/** `source.*.a` (full = false) or `source[*].a[0]` (full = true); `steps` apply to each element. */
export interface SplatExpr extends Span {
  kind: 'splat';
  source: Expression;
  steps: TraversalStep[];
  full: boolean;
}

export interface FunctionCallExpr extends Span {
  kind: 'call';
  /** As written, `provider::ns::fn` included. */
  name: string;
  args: Expression[];
  /** The last argument ends with `...`. */
  expandFinal: boolean;
}

export interface ConditionalExpr extends Span {
  kind: 'conditional';
  condition: Expression;
  trueResult: Expression;
  falseResult: Expression;
}

export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface BinaryExpr extends Span {
  kind: 'binary';
  op: BinaryOperator;
  left: Expression;
  right: Expression;
}

export interface UnaryExpr extends Span {
  kind: 'unary';
  op: '!' | '-';
  operand: Expression;
}

export interface TupleExpr extends Span {
  kind: 'tuple';
  items: Expression[];
}

export interface ObjectItem {
  /** A bare identifier key (`name = …`) is a string literal; `(expr)` keys stay parenthesised. */
  key: Expression;
  value: Expression;
}

export interface ObjectExpr extends Span {
  kind: 'object';
  items: ObjectItem[];
}

export interface ForExpr extends Span {
  kind: 'for';
  /** `{…}` for expressions build objects, `[…]` ones build tuples. */
  object: boolean;
  keyVar: string | null;
  valueVar: string;
  collection: Expression;
  keyExpr: Expression | null;
  valueExpr: Expression;
  condition: Expression | null;
  /** `k => v...` groups values with equal keys. */
  grouping: boolean;
}

export interface ParenExpr extends Span {
  kind: 'parens';
  expr: Expression;
}

export interface HclError {
  line: number;
  column: number;
  message: string;
}

export interface ParseResult {
  file: HclFile;
  errors: HclError[];
}
