// Code evaluation: ESLint's core no-eval, no-implied-eval and no-new-func, as SDL's common config
// turns them on (for TypeScript too: SDL's typed @typescript-eslint/no-implied-eval needs type
// information, which Vigil does not build), and core no-script-url (javascript: URLs).
import type { CodeRule } from '../../types';
import { eslintRule } from './rule';

export const evalRules: readonly CodeRule[] = [
  eslintRule('no-eval', {
    id: 'CODE-JS-EVAL',
    title: 'Use of eval',
    severity: 'medium',
    confidence: 'high',
    description: 'eval() runs a string as JavaScript with the privileges of the calling code. If any part of the string comes from a user, a URL, a message or a response, an attacker runs code of their choice (in the browser: cross-site scripting; in Node.js: remote code execution).',
    remediation: 'Parse data with JSON.parse, dispatch to known functions through a lookup table, and never build code from strings.',
    remediationSnippet: 'const settings = JSON.parse(body);',
    cwe: ['CWE-95'],
    tags: ['injection'],
    examples: {
      fail: ['const settings = eval("(" + body + ")");\n', 'window.eval(payload);\n', 'const value = (0, eval)(source);\n', { path: 'src/calc.ts', code: 'export function calc(expr: string): number {\n  return eval(expr) as number;\n}\n' }],
      pass: ['const settings = JSON.parse(body);\n', 'const result = evaluator.eval(expr);\n', 'const help = "Never call eval(input) on request data";\n', 'const BUILTINS = [eval, isFinite, parseInt];\n'],
    },
  }),
  eslintRule('no-implied-eval', {
    id: 'CODE-JS-IMPLIED-EVAL',
    title: 'String passed to setTimeout, setInterval or execScript',
    severity: 'medium',
    confidence: 'high',
    description: 'setTimeout, setInterval and execScript given a string (instead of a function) evaluate it as code, like eval(); a string built from outside data runs code of the attacker\'s choice.',
    remediation: 'Pass a function.',
    remediationSnippet: 'setTimeout(() => refresh(id), 1000);',
    cwe: ['CWE-95'],
    tags: ['injection'],
    examples: {
      fail: ['setTimeout("refresh(" + id + ")", 1000);\n', 'window.setInterval(`poll("${channel}")`, 5000);\n', { path: 'src/timer.tsx', code: 'export const Timer = () => {\n  setTimeout("tick()", 100);\n  return <span>tick</span>;\n};\n' }],
      pass: ['setTimeout(() => refresh(id), 1000);\n', 'setInterval(poll, 5000);\n'],
    },
  }),
  eslintRule('no-new-func', {
    id: 'CODE-JS-NEW-FUNCTION',
    title: 'Function constructor',
    severity: 'medium',
    confidence: 'high',
    description: 'new Function(…) and Function(…) compile their string arguments into code, like eval(); arguments built from outside data run code of the attacker\'s choice. Calls whose arguments are all constant strings (the Function("return this")() global-object lookup) are not reported.',
    remediation: 'Write the function in source; choose behaviour with a lookup table of functions instead of generating code.',
    cwe: ['CWE-95'],
    tags: ['injection'],
    examples: {
      fail: ['const fn = new Function("a", "b", "return " + formula);\n', 'const getter = Function("obj", `return obj.${field}`);\n'],
      pass: ['const fn = (a, b) => a + b;\n', 'class Function2 {}\nconst f = new Function2();\n', 'const root = freeGlobal || freeSelf || Function("return this")();\n', 'const add = new Function("a", "b", `return a + b;`);\n'],
    },
  }),
  eslintRule('no-script-url', {
    id: 'CODE-JS-SCRIPT-URL',
    title: 'javascript: URL',
    severity: 'low',
    confidence: 'medium',
    description: 'A javascript: URL is code in a string: it runs like eval when navigated to, is blocked by any Content Security Policy without unsafe-inline, and a pattern that builds such URLs from data is cross-site scripting.',
    remediation: 'Attach behaviour with event listeners (addEventListener, onClick) and use real URLs or buttons instead of javascript: links.',
    remediationSnippet: '<button type="button" onClick={openMenu}>Menu</button>',
    cwe: ['CWE-79'],
    tags: ['xss', 'dom'],
    examples: {
      fail: ['location.href = "javascript:void(0)";\n', 'link.setAttribute("href", `javascript:history.back()`);\n', { path: 'src/Menu.jsx', code: 'export const Menu = () => <a href="javascript:void(0)" onClick={open}>Menu</a>;\n' }],
      pass: ['location.href = "/orders";\n', { path: 'web/format.test.ts', code: 'test("refuses script URLs", () => {\n  expect(safeHref("javascript:alert(1)")).toBeUndefined();\n});\n' }, { path: 'src/Menu.jsx', code: 'export const Menu = () => <button type="button" onClick={open}>Menu</button>;\n' }],
    },
  }),
];
