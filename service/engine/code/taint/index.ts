// The taint core shared by the tree-sitter languages: see ./types for how a language plugs in.
export { analyzeTaint, oneLine } from './engine';
export type * from './types';
