// One entry per contributed surface: every folder under web/ (except common/) that holds
// <name>/<name>.tsx becomes dist/web/<name>/<name>.js + <name>.html. Each page loads
// ../vigil-config.js (window.VIGIL_CONFIG) before its bundle; see configs/write-web-config.js.
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { renderWebConfig } = require('./configs/write-web-config');

const WEB = path.join(__dirname, 'web');
const OUT = path.join(__dirname, 'dist', 'web');
const SHARED_FOLDERS = new Set(['common']);

const TITLES = {
  'org-settings': 'Vigil — organization',
  'project-settings': 'Vigil — project',
  'repo-security': 'Vigil — repository security',
  'pr-tab': 'Vigil — pull request',
  'build-results': 'Vigil — build results',
};

function surfaces() {
  return fs
    .readdirSync(WEB, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !SHARED_FOLDERS.has(d.name))
    .map((d) => d.name)
    .filter((name) => fs.existsSync(path.join(WEB, name, `${name}.tsx`)))
    .sort();
}

/** Emits vigil-config.js with serviceUrl "" (same origin); `npm run package` rewrites it. */
class VigilConfigPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('VigilConfigPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'VigilConfigPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () =>
          compilation.emitAsset('vigil-config.js', new webpack.sources.RawSource(renderWebConfig('')), { minimized: true }),
      );
    });
  }
}

module.exports = (_env, argv = {}) => {
  const mode = argv.mode || 'production';
  const names = surfaces();
  if (names.length === 0) throw new Error('webpack: no surface folders found under web/ (expected web/<name>/<name>.tsx)');
  return {
    mode,
    target: 'web',
    context: __dirname,
    entry: Object.fromEntries(names.map((n) => [n, `./web/${n}/${n}.tsx`])),
    output: {
      path: OUT,
      filename: '[name]/[name].js',
      // 'auto': assets resolve relative to the script, so the pages work from any base URL (ADO's CDN, the demo).
      publicPath: 'auto',
      assetModuleFilename: 'assets/[name].[contenthash:8][ext]',
      clean: true,
    },
    devtool: mode === 'production' ? false : 'inline-source-map',
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      alias: {
        // Exactly one SDK copy (two copies open two unconnected XDM channels); its ESM build.
        'azure-devops-extension-sdk$': path.resolve(__dirname, 'node_modules/azure-devops-extension-sdk/esm/SDK.min.js'),
      },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          loader: 'ts-loader',
          exclude: /node_modules/,
          options: { configFile: path.join(WEB, 'tsconfig.json'), transpileOnly: true },
        },
        { test: /\.css$/, use: ['style-loader', 'css-loader'] },
        { test: /\.(woff2?|ttf|eot)$/, type: 'asset/resource' },
        { test: /\.(png|svg|gif|jpe?g)$/, type: 'asset', parser: { dataUrlCondition: { maxSize: 8 * 1024 } } },
      ],
    },
    plugins: [
      new VigilConfigPlugin(),
      ...names.map(
        (n) =>
          new HtmlWebpackPlugin({
            filename: `${n}/${n}.html`,
            template: path.join(WEB, 'common', 'page.html'),
            chunks: [n],
            title: TITLES[n] || `Vigil — ${n}`,
            inject: 'body',
            scriptLoading: 'blocking',
          }),
      ),
    ],
    performance: { hints: mode === 'production' ? 'warning' : false, maxEntrypointSize: 1_600_000, maxAssetSize: 1_600_000 },
    stats: 'errors-warnings',
  };
};
