// The JavaScript/TypeScript analyser as the scanner drives it: parsers by extension (espree for JS
// and JSX with a CommonJS fallback, typescript-eslint without types for TS and TSX), syntax errors
// and deep nesting as warnings, nothing from the scanned texts used as ESLint configuration,
// `only` restricting the rules that run, and one finding per sink where two upstream rules overlap.
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeHit, SourceText } from '../types';
import { javascriptAnalyzer } from '.';

interface Warning {
  code: string;
  message: string;
  path: string;
}

async function analyze(files: Record<string, string>, only?: string[]): Promise<{ hits: CodeHit[]; warnings: Warning[] }> {
  const warnings: Warning[] = [];
  const texts: SourceText[] = Object.entries(files).map(([p, text]) => ({ path: p, text }));
  const hits = await javascriptAnalyzer.analyze(texts, { only: only && new Set(only), warn: (code, message, p) => warnings.push({ code, message, path: p }) });
  return { hits, warnings };
}

const at = (hits: CodeHit[]) => hits.map((h) => `${h.path}:${h.line} ${h.ruleId}`).sort();

describe('parsing', () => {
  test('a syntax error is one warning with the file and line, and no finding; the other files are still analysed', async () => {
    const { hits, warnings } = await analyze({ 'src/broken.js': 'const a = 1;\n\nconst b = ;\neval(x);\n', 'src/ok.js': 'eval(code);\n' }, ['CODE-JS-EVAL']);
    expect(warnings).toEqual([{ code: 'parse-error', message: expect.stringMatching(/^JavaScript syntax error at line 3: /), path: 'src/broken.js' }]);
    expect(at(hits)).toEqual(['src/ok.js:1 CODE-JS-EVAL']);
  });

  test('TypeScript generics, decorators, enums, type assertions, satisfies and abstract classes parse', async () => {
    const ts = [
      'import type { Request } from "express";',
      'enum Level { Low = 1, High }',
      '@Controller("/calc")',
      'export abstract class Calc<T extends { expr: string }> implements Base {',
      '  @Inject() private readonly log!: Logger;',
      '  constructor(private readonly svc: Service<Map<string, T[]>>) { super(); }',
      '  @Post() run(@Body() body: T): number {',
      '    const cfg = { level: Level.High } satisfies Config;',
      '    const v = <number>(body as unknown);',
      '    return eval(body.expr) as number;',
      '  }',
      '}',
    ].join('\n');
    const { hits, warnings } = await analyze({ 'src/calc.ts': ts, 'src/calc.mts': ts, 'src/calc.cts': ts }, ['CODE-JS-EVAL']);
    expect(warnings).toEqual([]);
    expect(at(hits)).toEqual(['src/calc.cts:10 CODE-JS-EVAL', 'src/calc.mts:10 CODE-JS-EVAL', 'src/calc.ts:10 CODE-JS-EVAL']);
  });

  test('JSX in .jsx and .js, and TSX, parse', async () => {
    const jsx = 'export const Post = ({ html }) => {\n  setTimeout("track()", 10);\n  return <div className="post">{html}</div>;\n};\n';
    const tsx = 'export const Post = ({ html }: { html: string }): JSX.Element => {\n  setTimeout("track()", 10);\n  return <Card<string> title="x">{html}</Card>;\n};\n';
    const { hits, warnings } = await analyze({ 'a.jsx': jsx, 'b.js': jsx, 'c.tsx': tsx }, ['CODE-JS-IMPLIED-EVAL']);
    expect(warnings).toEqual([]);
    expect(at(hits)).toEqual(['a.jsx:2 CODE-JS-IMPLIED-EVAL', 'b.js:2 CODE-JS-IMPLIED-EVAL', 'c.tsx:2 CODE-JS-IMPLIED-EVAL']);
  });

  test('an upper-case extension is linted like a lower-case one', async () => {
    const { hits } = await analyze({ 'LEGACY/APP.JS': 'eval(x);\n', 'src/Types.TS': 'const n: number = eval(x);\n' }, ['CODE-JS-EVAL']);
    expect(at(hits)).toEqual(['LEGACY/APP.JS:1 CODE-JS-EVAL', 'src/Types.TS:1 CODE-JS-EVAL']);
  });

  test('a .ts file with an angle-bracket assertion is not read as JSX', async () => {
    const { warnings } = await analyze({ 'src/cast.ts': 'const n = <number>value;\nexport default n;\n' });
    expect(warnings).toEqual([]);
  });

  test('a script that is not a module (top-level return, with) is parsed as CommonJS', async () => {
    const { hits, warnings } = await analyze({ 'bin/cli.js': 'if (!process.argv[2]) return;\nwith (ctx) { run(); }\neval(process.argv[2]);\n' }, ['CODE-JS-EVAL']);
    expect(warnings).toEqual([]);
    expect(at(hits)).toEqual(['bin/cli.js:3 CODE-JS-EVAL']);
  });

  test('deeply nested expressions hit a bound (a warning), never a crash, and the next file is still analysed', async () => {
    const deep = 'const x = ' + '['.repeat(60000) + ']'.repeat(60000) + ';\n';
    const deepTs = 'const y: unknown = ' + '('.repeat(60000) + '1' + ')'.repeat(60000) + ';\n';
    const { hits, warnings } = await analyze({ 'deep.js': deep, 'deep.ts': deepTs, 'after.js': 'eval(x);\n' }, ['CODE-JS-EVAL']);
    expect(warnings.map((w) => [w.path, w.code])).toEqual([
      ['deep.js', 'depth-limit'],
      ['deep.ts', 'depth-limit'],
    ]);
    expect(at(hits)).toEqual(['after.js:1 CODE-JS-EVAL']);
  });
});

describe('nothing in the scanned texts configures ESLint', () => {
  test('eslint-disable comments and inline rule settings are ignored', async () => {
    const { hits } = await analyze({
      'a.js': '/* eslint-disable */\neval(a);\n',
      'b.js': 'eval(b); // eslint-disable-line no-eval\n',
      'c.js': '/* eslint no-eval: "off" */\neval(c);\n',
      'd.ts': '// eslint-disable-next-line\neval(d);\n',
    }, ['CODE-JS-EVAL']);
    expect(at(hits)).toEqual(['a.js:2 CODE-JS-EVAL', 'b.js:1 CODE-JS-EVAL', 'c.js:2 CODE-JS-EVAL', 'd.ts:2 CODE-JS-EVAL']);
  });

  test('a planted eslint.config.js is linted as code, never loaded or run', async () => {
    const marker = path.join(os.tmpdir(), `vigil-eslint-config-ran-${process.pid}`);
    const config = `require("fs").writeFileSync(${JSON.stringify(marker)}, "ran");\nmodule.exports = [{ rules: { "no-eval": "off" } }];\n`;
    const { hits } = await analyze({ 'eslint.config.js': config, 'eslint.config.mjs': 'export default [{ ignores: ["**"] }];\n', 'src/app.js': 'eval(input);\n' }, ['CODE-JS-EVAL']);
    expect(at(hits)).toEqual(['src/app.js:1 CODE-JS-EVAL']);
    expect(existsSync(marker)).toBe(false);
  });

  test('files under node_modules-like paths are not dropped by ESLint\'s own ignores (the scanner decides)', async () => {
    const { hits } = await analyze({ 'packages/app/node_modules/x/index.js': 'eval(x);\n' }, ['CODE-JS-EVAL']);
    expect(at(hits)).toEqual(['packages/app/node_modules/x/index.js:1 CODE-JS-EVAL']);
  });
});

describe('rules and hits', () => {
  const page = 'const el = document.getElementById("out");\nel.innerHTML = location.hash;\nel.innerHTML = "<b>static</b>";\neval(location.hash);\n';

  test('only the rules in `only` run', async () => {
    expect(at((await analyze({ 'page.js': page }, ['CODE-JS-EVAL'])).hits)).toEqual(['page.js:4 CODE-JS-EVAL']);
    expect((await analyze({ 'page.js': page }, ['CODE-PY-EXEC-USED'])).hits).toEqual([]);
  });

  test('where SDL and no-unsanitized report the same sink, only no-unsanitized\'s finding is kept; a constant is neither', async () => {
    const { hits } = await analyze({ 'page.js': page });
    expect(at(hits).filter((h) => /INNERHTML|UNSANITIZED/.test(h))).toEqual(['page.js:2 CODE-JS-UNSANITIZED-PROPERTY']);
  });

  test('a taint hit carries its flow, and the upstream rule on the same sink gives way to it', async () => {
    const server = "const express = require('express');\nconst { exec } = require('child_process');\nconst app = express();\napp.get('/ping', (req, res) => {\n  const host = req.query.host;\n  exec('ping -c 1 ' + host, (e, out) => res.send(out));\n});\n";
    const { hits } = await analyze({ 'src/server.js': server }, ['CODE-JS-COMMAND-INJECTION', 'CODE-JS-CHILD-PROCESS']);
    expect(at(hits)).toEqual(['src/server.js:6 CODE-JS-COMMAND-INJECTION']);
    expect(hits[0].flow?.length).toBeGreaterThanOrEqual(2);
    expect(hits[0].flow?.[0].line).toBe(5);
    expect(hits[0].flow?.at(-1)?.line).toBe(6);
    expect((await analyze({ 'src/server.js': server }, ['CODE-JS-CHILD-PROCESS'])).hits.map((h) => h.ruleId)).toEqual(['CODE-JS-CHILD-PROCESS']);
  });

  test('a hit carries the reported range, ESLint\'s message and the reported code on one line', async () => {
    const { hits } = await analyze({ 'src/run.js': 'const cp = require("child_process");\n\n  cp.exec("ls " +\n    dir, done);\n' }, ['CODE-JS-CHILD-PROCESS']);
    expect(hits).toEqual([
      {
        ruleId: 'CODE-JS-CHILD-PROCESS',
        path: 'src/run.js',
        line: 3,
        column: 3,
        endLine: 4,
        endColumn: 15,
        message: 'Found child_process.exec() with non Literal first argument',
        sinkText: 'cp.exec("ls " +',
      },
    ]);
  });

  test('an upstream rule that throws on an unexpected shape loses no other finding of the file', async () => {
    // SDL's no-insecure-random throws on require() with a non-literal argument.
    const { hits, warnings } = await analyze({ 'app.js': 'const plugin = require(name);\nconst token = Math.random();\neval(code);\n' }, ['CODE-JS-INSECURE-RANDOM', 'CODE-JS-EVAL']);
    expect(warnings).toEqual([]);
    expect(at(hits)).toEqual(['app.js:2 CODE-JS-INSECURE-RANDOM', 'app.js:3 CODE-JS-EVAL']);
  });

  test('wants JavaScript and TypeScript sources, not declaration files', () => {
    const wanted = ['a.js', 'a.jsx', 'a.mjs', 'a.cjs', 'a.ts', 'a.tsx', 'a.mts', 'a.cts', 'a.d.ts', 'a.d.mts', 'a.json', 'a.py'].filter((p) => javascriptAnalyzer.wants(p));
    expect(wanted).toEqual(['a.js', 'a.jsx', 'a.mjs', 'a.cjs', 'a.ts', 'a.tsx', 'a.mts', 'a.cts']);
  });
});

describe('size cap', () => {
  test('a source above 1 MB is a file-too-large warning and a skip, not analysed; the other files are', async () => {
    const big = `const table = [\n${'  "a row of generated data that goes on and on",\n'.repeat(24_000)}];\neval(table[0]);\n`;
    const warnings: Warning[] = [];
    const skipped: string[] = [];
    const texts: SourceText[] = [
      { path: 'src/generated.js', text: big },
      { path: 'src/app.js', text: 'eval(code);\n' },
    ];
    const hits = await javascriptAnalyzer.analyze(texts, {
      only: new Set(['CODE-JS-EVAL']),
      warn: (code, message, p) => warnings.push({ code, message, path: p }),
      skip: (reason) => skipped.push(reason),
    });
    expect(at(hits)).toEqual(['src/app.js:1 CODE-JS-EVAL']);
    expect(warnings).toEqual([{ code: 'file-too-large', message: expect.stringMatching(/^Not analysed: 1\.\d MB of source, above the 1\.0 MB limit/), path: 'src/generated.js' }]);
    expect(skipped).toEqual(['too-large']);
  });
});
