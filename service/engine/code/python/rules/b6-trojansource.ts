// B613: Unicode bidirectional control characters in a source file (Trojan Source, CVE-2021-42574).
import type { PyRule } from '../context';

const BANDIT_DOCS = 'https://bandit.readthedocs.io/en/latest/plugins';

/** LRE RLE PDF LRO RLO, LRI RLI FSI PDI, RLM: the characters Bandit looks for. */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200F]/;
const ALL_BIDI = new RegExp(BIDI.source, 'g');

const codePoint = (ch: string): string => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

export const trojanSource: PyRule = {
  rule: {
    id: 'CODE-PY-TROJAN-SOURCE',
    language: 'python',
    title: 'Bidirectional control characters in source code (Trojan Source)',
    severity: 'high',
    confidence: 'medium',
    description:
      'Unicode bidirectional control characters reorder how text is displayed. In a comment or string they can make code read differently in an editor or a review than the interpreter runs it (an early return hidden in a comment, a check that looks closed).',
    remediation: 'Remove the characters. If right-to-left text is really needed in a string, write it with escapes (\\u202e) so that it is visible.',
    remediationSnippet: 'label = "\\u202eRTL text"  # escaped, visible in review\n',
    cwe: ['CWE-838'],
    upstream: { type: 'bandit', id: 'B613' },
    helpUri: `${BANDIT_DOCS}/b613_trojansource.html`,
    examples: {
      fail: [
        'access_level = "user"\nif access_level != "none\u202E \u2066# Check if admin\u2069 \u2066":\n    print("You are an admin.")\n',
        'def is_admin(user):\n    return False  # \u2067 return True\u2069\n',
      ],
      pass: ['label = "\\u202eescaped"\n', 'greeting = "שלום"  # Hebrew text without control characters\n'],
    },
  },
  on: {
    module(node, file, report) {
      if (!BIDI.test(file.text)) return;
      const lines = file.text.split('\n');
      for (let row = 0; row < lines.length; row++) {
        const found = lines[row].match(ALL_BIDI);
        if (!found) continue;
        const column = lines[row].search(BIDI);
        const at = node.descendantForPosition({ row, column }) ?? node;
        const chars = [...new Set(found)].map(codePoint).join(', ');
        report(at, `Line ${row + 1} contains bidirectional control characters (${chars}) that can make the code display differently than it runs`);
      }
    },
  },
};
