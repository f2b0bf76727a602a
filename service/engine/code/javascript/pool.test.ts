// The lint pool: workers give the same hits and warnings as linting in the calling thread, and a
// batch whose worker dies is linted again in the calling thread. Under jest the analyser itself
// lints in-thread; here the workers load the TypeScript sources through tsx's require hook.
import type { SourceText } from '../types';
import { lintFiles } from './lint';
import { eslintNamesFor } from './names';
import { LintPool, tsxWorkerEntry } from './pool';

const files: SourceText[] = [
  { path: 'src/a.js', text: 'const el = document.querySelector("#x");\nel.innerHTML = location.hash;\neval(code);\n' },
  { path: 'src/b.ts', text: 'export function f<T>(x: T): T {\n  setTimeout("tick()", 1);\n  return x;\n}\n' },
  { path: 'src/c.js', text: 'const a = ;\n' },
  { path: 'src/d.jsx', text: 'export const A = () => <a href="javascript:void(0)">x</a>;\n' },
];
const names = eslintNamesFor();

test('two workers give what the calling thread gives, batch by batch', async () => {
  const entry = tsxWorkerEntry();
  expect(entry).toBeDefined();
  const pool = new LintPool(entry!, 2, {});
  try {
    const batches = await Promise.all([pool.run(files.slice(0, 2), names), pool.run(files.slice(2), names)]);
    const here = await Promise.all([lintFiles(files.slice(0, 2), names), lintFiles(files.slice(2), names)]);
    expect(batches).toEqual(here);
    expect(batches.flatMap((b) => b.hits).length).toBeGreaterThan(3);
    expect(batches[1].warnings.map((w) => [w.path, w.code])).toEqual([['src/c.js', 'parse-error']]);
  } finally {
    await pool.close();
  }
}, 120_000);

test('a batch whose worker dies is linted in the calling thread', async () => {
  const pool = new LintPool({ script: 'process.exit(3)', eval: true }, 1, {});
  try {
    expect(await pool.run(files, names)).toEqual(await lintFiles(files, names));
  } finally {
    await pool.close();
  }
});
