// The languages of the code family, one analyser (and one scanner) each.
import { csharpAnalyzer } from './csharp';
import { javascriptAnalyzer } from './javascript';
import { pythonAnalyzer } from './python';
import { makeCodeScanner } from './scanner';
import type { CodeRule, LanguageAnalyzer } from './types';

export const codeAnalyzers: readonly LanguageAnalyzer[] = [pythonAnalyzer, javascriptAnalyzer, csharpAnalyzer];

export const codeScanners = codeAnalyzers.map(makeCodeScanner);

export const codeRules: readonly CodeRule[] = codeAnalyzers.flatMap((a) => a.rules);
