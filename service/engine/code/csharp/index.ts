// The C# analyser (tree-sitter-c-sharp, WASM). Being built: its rules come next.
import type { LanguageAnalyzer } from '../types';

export const csharpAnalyzer: LanguageAnalyzer = {
  language: 'csharp',
  scannerName: 'code-csharp',
  version: '1',
  rules: [],
  wants: (path) => /\.cs$/i.test(path),
  analyze: async () => [],
};
