// The parse tree of a template (text/template/parse/node.go, reduced to what execution needs).

export interface Position {
  pos: number;
  /** 1-based line of pos in the template source. */
  line: number;
}

export type Node = TextNode | ActionNode | IfNode | RangeNode | WithNode | TemplateNode | BreakNode | ContinueNode;

export interface TextNode extends Position {
  type: 'text';
  text: string;
}
export interface ActionNode extends Position {
  type: 'action';
  pipe: Pipe;
}
export interface BranchFields extends Position {
  pipe: Pipe;
  list: Node[];
  elseList?: Node[];
}
export interface IfNode extends BranchFields {
  type: 'if';
}
export interface WithNode extends BranchFields {
  type: 'with';
}
export interface RangeNode extends BranchFields {
  type: 'range';
}
export interface TemplateNode extends Position {
  type: 'template';
  name: string;
  pipe?: Pipe;
}
export interface BreakNode extends Position {
  type: 'break';
}
export interface ContinueNode extends Position {
  type: 'continue';
}

export interface Pipe extends Position {
  isAssign: boolean;
  decl: string[];
  cmds: Command[];
  source: string;
}

export interface Command extends Position {
  args: Arg[];
  source: string;
}

export type Arg =
  | ({ type: 'field'; idents: string[] } & Position)
  | ({ type: 'variable'; idents: string[] } & Position)
  | ({ type: 'identifier'; name: string } & Position)
  | ({ type: 'dot' } & Position)
  | ({ type: 'nil' } & Position)
  | ({ type: 'bool'; value: boolean } & Position)
  | ({ type: 'number'; text: string; int?: bigint; float?: number; isFloatSyntax: boolean } & Position)
  | ({ type: 'string'; value: string } & Position)
  | ({ type: 'pipe'; pipe: Pipe } & Position)
  | ({ type: 'chain'; node: Arg; fields: string[] } & Position);

/** A parsed template source: its body and the templates it defines. */
export interface Tree {
  name: string;
  /** The source the tree was parsed from (a file path), used in error locations. */
  parseName: string;
  source: string;
  root: Node[];
  /** Byte offset of each line start, to turn positions into line:col. */
  lineStarts: number[];
}
