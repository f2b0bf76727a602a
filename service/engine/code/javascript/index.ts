// The JavaScript/TypeScript analyser (ESLint in-process). Being built: its rules come next.
import type { LanguageAnalyzer } from '../types';

export const javascriptAnalyzer: LanguageAnalyzer = {
  language: 'javascript',
  scannerName: 'code-javascript',
  version: '1',
  rules: [],
  wants: (path) => /\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/i.test(path),
  analyze: async () => [],
};
