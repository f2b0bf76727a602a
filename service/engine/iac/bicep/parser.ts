// tree-sitter-bicep through web-tree-sitter (WASM only, no native addon): the runtime and the grammar
// are loaded once, on the first Bicep file of the process.
import type { Tree } from 'web-tree-sitter';
import { grammarParser, parseWith, syntaxProblems } from '../../tree-sitter';

export type { SyntaxNode, SyntaxProblem, SyntaxTree } from '../../tree-sitter';
export { syntaxProblems };

const GRAMMAR = 'tree-sitter-bicep/tree-sitter-bicep.wasm';

/** The shared parser; a failed initialisation is retried on the next call. */
export const bicepParser = () => grammarParser(GRAMMAR);

/** Parses Bicep source; the caller must delete() the tree when done (it lives in WASM memory). */
export const parseBicep = (text: string): Promise<Tree> => parseWith(GRAMMAR, text);
