// tree-sitter grammars (Bicep, Python, C#) through web-tree-sitter (WASM only, no native addon), each loaded once per
// process on first use; a single iterative walk that hands each node to the handlers of its type
// (rules register by node type, so a file is walked once whatever the number of rules).
import { readFileSync } from 'node:fs';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

export type { Node as SyntaxNode, Tree as SyntaxTree } from 'web-tree-sitter';

const parsers = new Map<string, Promise<Parser>>();

async function createParser(wasm: string): Promise<Parser> {
  await Parser.init();
  // Bytes, not a path: Language.load(path) uses a dynamic import() that jest's VM refuses.
  const language = await Language.load(new Uint8Array(readFileSync(require.resolve(wasm))));
  const p = new Parser();
  p.setLanguage(language);
  return p;
}

/** The shared parser of a grammar (`tree-sitter-python/tree-sitter-python.wasm`); a failed load is retried next time. */
export function grammarParser(wasm: string): Promise<Parser> {
  let p = parsers.get(wasm);
  if (!p) {
    p = createParser(wasm);
    parsers.set(wasm, p);
    p.catch(() => parsers.delete(wasm));
  }
  return p;
}

/** Parses with the grammar; the caller must delete() the tree (it lives in WASM memory). */
export async function parseWith(wasm: string, text: string): Promise<Tree> {
  const tree = (await grammarParser(wasm)).parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

export interface SyntaxProblem {
  line: number;
  message: string;
}

/** ERROR and MISSING nodes (iteratively: a deeply nested file must not overflow the stack). */
export function syntaxProblems(root: Node, max = 3): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  if (!root.hasError) return out;
  const cursor = root.walk();
  let visited = 0;
  for (;;) {
    const node = cursor.currentNode;
    if (node.isMissing) out.push({ line: node.startPosition.row + 1, message: `missing ${node.type}` });
    else if (node.isError) out.push({ line: node.startPosition.row + 1, message: `unexpected ${JSON.stringify(node.text.slice(0, 40))}` });
    if (out.length >= max || ++visited > 1_000_000) break;
    if (!node.isError && node.hasError && cursor.gotoFirstChild()) continue;
    if (!nextUp(cursor)) break;
  }
  cursor.delete();
  return out;
}

type Cursor = ReturnType<Node['walk']>;

function nextUp(cursor: Cursor): boolean {
  for (;;) {
    if (cursor.gotoNextSibling()) return true;
    if (!cursor.gotoParent()) return false;
  }
}

export type NodeHandler = (node: Node) => void;

/**
 * Walks the tree once, depth first, calling the handlers registered for each node's type. Nodes
 * deeper than `maxDepth` are not visited (returns true when that happened, for a warning).
 */
export function dispatch(root: Node, handlers: ReadonlyMap<string, readonly NodeHandler[]>, maxDepth = 500): boolean {
  const cursor = root.walk();
  let depth = 0;
  let cut = false;
  for (;;) {
    const list = handlers.get(cursor.nodeType);
    if (list) {
      const node = cursor.currentNode;
      for (const h of list) h(node);
    }
    if (depth < maxDepth && cursor.gotoFirstChild()) {
      depth++;
      continue;
    }
    if (depth >= maxDepth && cursor.currentNode.childCount > 0) cut = true;
    let moved = false;
    while (!moved) {
      if (cursor.gotoNextSibling()) moved = true;
      else if (cursor.gotoParent()) depth--;
      else {
        cursor.delete();
        return cut;
      }
    }
  }
}

/** 1-based line and column of a node's start and end. */
export function span(node: Node): { line: number; column: number; endLine: number; endColumn: number } {
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}
