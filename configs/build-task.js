// Builds the Vigil pipeline task (tasks/vigil-scan) into dist/tasks/vigil-scan: task.json, the icon and
// one minified index.js (esbuild: the task, azure-pipelines-task-lib and the whole scan engine), plus the
// WASM files the engine loads at run time (web-tree-sitter's runtime next to index.js, the grammars
// where require.resolve looks for them: node_modules/<package>/<file>.wasm). The agent needs nothing else.
// `node configs/build-task.js` (npm run build and npm run package call it).
'use strict';
const { cpSync, mkdirSync, readFileSync, rmSync, statSync, readdirSync } = require('node:fs');
const { join, relative } = require('node:path');
const esbuild = require('esbuild');

const ROOT = join(__dirname, '..');
const SOURCE = join(ROOT, 'tasks', 'vigil-scan');
const OUT = join(ROOT, 'dist', 'tasks', 'vigil-scan');

/** The grammars the engine loads by package path (service/engine/**: GRAMMAR constants). */
const GRAMMARS = ['tree-sitter-python/tree-sitter-python.wasm', 'tree-sitter-c-sharp/tree-sitter-c_sharp.wasm', 'tree-sitter-bicep/tree-sitter-bicep.wasm'];

/**
 * Source patches for bundling, each checked: a package that changed makes the build fail here rather
 * than the task at run time.
 * - web-tree-sitter: the CommonJS build, which finds its .wasm next to the bundle (__dirname); the ESM
 *   one uses import.meta.url, which a CommonJS bundle does not have.
 * - @microsoft/eslint-plugin-sdl: reads its package.json through path.join (invisible to a bundler), and
 *   loads its shareable configs, which pull eslint-plugin-react, -n and -es-x into the bundle although
 *   the engine uses only the plugin's rules.
 * - jsonc-parser: its ES module build (the UMD "main" requires its parts in a way a bundler cannot follow).
 * - eslint-plugin-no-unsanitized: reads its package.json from __dirname (the bundle's folder at run time).
 */
const SOURCE_PATCHES = [
  {
    file: /[\\/]@microsoft[\\/]eslint-plugin-sdl[\\/]lib[\\/]index\.js$/,
    edits: [
      ['require(path.join("..", "package.json"))', 'require("../package.json")'],
      // Everything from the first shareable config to the export: the configs and the lists built from them.
      [/^plugin\.configs\["angular"\] = [\s\S]*(?=^module\.exports = plugin;$)/m, ''],
    ],
  },
  {
    file: /[\\/]eslint-plugin-no-unsanitized[\\/]index\.js$/,
    edits: [['readFileSync(path.join(__dirname, "package.json"))', 'JSON.stringify(require("./package.json"))']],
  },
];

const patches = {
  name: 'vigil-task-patches',
  setup(build) {
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter', { paths: [ROOT] }) }));
    // jsonc-parser's "main" is a UMD build whose inner requires a bundler cannot follow: its ES module build.
    build.onResolve({ filter: /^jsonc-parser$/ }, () => ({ path: join(ROOT, 'node_modules', 'jsonc-parser', 'lib', 'esm', 'main.js') }));
    for (const { file, edits } of SOURCE_PATCHES) {
      build.onLoad({ filter: file }, (args) => {
        let text = readFileSync(args.path, 'utf8');
        for (const [from, to] of edits) {
          const found = typeof from === 'string' ? text.includes(from) : from.test(text);
          if (!found) throw new Error(`${relative(ROOT, args.path)} changed (no ${from}): review SOURCE_PATCHES in configs/build-task.js`);
          text = text.replace(from, to);
        }
        return { contents: text, loader: 'js' };
      });
    }
  },
};

async function main() {
  const t0 = Date.now();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const result = await esbuild.build({
    entryPoints: [join(SOURCE, 'src', 'main.ts')],
    outfile: join(OUT, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    // ESLint loads TypeScript config files through jiti; the engine passes its config in code.
    external: ['jiti', 'jiti/package.json'],
    define: { VIGIL_BUNDLED_VERSION: JSON.stringify(version) },
    plugins: [patches],
    logLevel: 'error',
    metafile: true,
  });
  cpSync(join(SOURCE, 'task.json'), join(OUT, 'task.json'));
  cpSync(join(SOURCE, 'icon.png'), join(OUT, 'icon.png'));
  cpSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm', { paths: [ROOT] }), join(OUT, 'web-tree-sitter.wasm'));
  for (const g of GRAMMARS) cpSync(require.resolve(g, { paths: [ROOT] }), join(OUT, 'node_modules', ...g.split('/')));
  const size = folderBytes(OUT);
  const bundle = statSync(join(OUT, 'index.js')).size;
  console.log(`task: ${relative(ROOT, OUT)} ${mb(size)} (index.js ${mb(bundle)}, ${Object.keys(result.metafile.inputs).length} modules) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

function folderBytes(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? folderBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size;
  return n;
}

const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;

main().catch((err) => {
  console.error(`task: build failed: ${err.message}`);
  process.exit(1);
});
