// B102 exec_used.
import type { PyRule } from '../context';
import { callOf, mentions } from '../context';

export const execUsed: PyRule = {
  rule: {
    id: 'CODE-PY-EXEC-USED',
    language: 'python',
    title: 'Use of exec',
    severity: 'medium',
    confidence: 'high',
    description: 'exec() runs a string as Python code. If any part of that string comes from outside the program, an attacker can run code of their choice.',
    remediation: 'Do not build code at run time. Dispatch to known functions (a dict of callables) or parse data with a safe parser (json, ast.literal_eval).',
    cwe: ['CWE-78'],
    upstream: { type: 'bandit', id: 'B102' },
    helpUri: 'https://bandit.readthedocs.io/en/latest/plugins/b102_exec_used.html',
    examples: {
      fail: ['exec("print(1)")\n', 'import builtins\nbuiltins.exec(code)\n'],
      pass: ['import ast\nast.literal_eval(data)\n', 'executor.exec_query(q)\n'],
    },
  },
  relevant: mentions('exec'),
  on: {
    call(node, file, report) {
      const call = callOf(node, file);
      if (call.name === 'exec' || call.name === 'builtins.exec') report(node, 'exec() runs a string as code');
    },
  },
};
