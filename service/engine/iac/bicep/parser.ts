// tree-sitter-bicep through web-tree-sitter (WASM only, no native addon): the runtime and the grammar
// are loaded once, on the first Bicep file of the process.
import { readFileSync } from 'node:fs';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';

export type { Node as SyntaxNode, Tree as SyntaxTree } from 'web-tree-sitter';

let parser: Promise<Parser> | undefined;

async function createParser(): Promise<Parser> {
  await Parser.init();
  // The grammar's bytes, not its path: Language.load(path) reads through a dynamic import(), which
  // CommonJS hosts such as jest's VM do not allow.
  const language = await Language.load(new Uint8Array(readFileSync(require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm'))));
  const p = new Parser();
  p.setLanguage(language);
  return p;
}

/** The shared parser; a failed initialisation is retried on the next call. */
export function bicepParser(): Promise<Parser> {
  if (!parser) {
    parser = createParser();
    parser.catch(() => {
      parser = undefined;
    });
  }
  return parser;
}

/** Parses Bicep source; the caller must delete() the tree when done (it lives in WASM memory). */
export async function parseBicep(text: string): Promise<Tree> {
  const p = await bicepParser();
  const tree = p.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

export interface SyntaxProblem {
  line: number;
  message: string;
}

/** ERROR and MISSING nodes of a tree (iteratively: a deeply nested file must not overflow the stack). */
export function syntaxProblems(root: Node, max = 5): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  if (!root.hasError) return out;
  const cursor = root.walk();
  let visited = 0;
  for (;;) {
    const node = cursor.currentNode;
    if (node.isMissing) out.push({ line: node.startPosition.row + 1, message: `missing ${node.type}` });
    else if (node.isError) out.push({ line: node.startPosition.row + 1, message: `unexpected ${JSON.stringify(node.text.slice(0, 40))}` });
    if (out.length >= max || ++visited > 1_000_000) break;
    // Descend only where there is an error below; an ERROR node's insides are not reported again.
    if (!node.isError && node.hasError && cursor.gotoFirstChild()) continue;
    let moved = false;
    while (!moved) {
      if (cursor.gotoNextSibling()) moved = true;
      else if (!cursor.gotoParent()) {
        cursor.delete();
        return out;
      }
    }
  }
  cursor.delete();
  return out;
}
