// Packages the extension with tfx (offline) and checks what the Marketplace would get: the page
// contributions with their types and targets, every page they point at, the scripts those pages load,
// the pipeline task with its bundle, and a 128x128 PNG icon. Needs the built pages and task: `npm test`
// runs `npm run build` first.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import yauzl from 'yauzl';

const ROOT = path.resolve(__dirname, '..', '..');
const TFX = path.join(ROOT, 'node_modules', 'tfx-cli', '_build', 'tfx-cli.js');

const EXPECTED = [
  { id: 'org-settings-hub', type: 'ms.vss-web.hub', target: 'ms.vss-web.collection-admin-hub-group', page: 'dist/web/org-settings/org-settings.html' },
  { id: 'project-settings-hub', type: 'ms.vss-web.hub', target: 'ms.vss-web.project-admin-hub-group', page: 'dist/web/project-settings/project-settings.html' },
  { id: 'repo-security-hub', type: 'ms.vss-web.hub', target: 'ms.vss-code-web.code-hub-group', page: 'dist/web/repo-security/repo-security.html' },
  { id: 'pr-tab', type: 'ms.vss-web.tab', target: 'ms.vss-code-web.pr-tabs', page: 'dist/web/pr-tab/pr-tab.html' },
  { id: 'build-results-tab', type: 'ms.vss-build-web.build-results-tab', target: 'ms.vss-build-web.build-results-view', page: 'dist/web/build-results/build-results.html' },
];

/** The pipeline task (tasks/vigil-scan, built into dist/tasks/vigil-scan by configs/build-task.js). */
const TASK = { id: 'vigil-scan-task', type: 'ms.vss-distributed-task.task', target: 'ms.vss-distributed-task.tasks', folder: 'tasks/vigil-scan' };
const isPage = (c: Contribution) => c.type !== TASK.type;

interface Contribution {
  id: string;
  type: string;
  targets: string[];
  properties: { name?: string; uri?: string };
}

function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** src values of <script> tags, resolved against the page's folder inside the package. */
function scriptsOf(html: string, pagePath: string): string[] {
  return [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)/gi)].map((m) =>
    path.posix.normalize(path.posix.join(path.posix.dirname(pagePath), m[1])),
  );
}

function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!png.subarray(0, 8).equals(signature)) throw new Error('not a PNG');
  if (png.toString('ascii', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR first');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('extension package (tfx extension create)', () => {
  let tmp: string;
  let entries: Map<string, Buffer>;
  let manifest: { contributions: Contribution[]; scopes: string[] };
  let vsixManifest: string;

  beforeAll(async () => {
    for (const e of EXPECTED) {
      if (!existsSync(path.join(ROOT, e.page))) {
        throw new Error(`${e.page} is missing: build the pages first (npm run build:web; npm test does it)`);
      }
    }
    if (!existsSync(path.join(ROOT, 'dist', TASK.folder, 'index.js'))) {
      throw new Error(`dist/${TASK.folder} is missing: build the pipeline task first (npm run build:task; npm test does it)`);
    }
    tmp = mkdtempSync(path.join(os.tmpdir(), 'vigil-vsix-'));
    await promisify(execFile)(
      process.execPath,
      [TFX, 'extension', 'create', '--manifest-globs', 'vss-extension.json', '--overrides-file', 'configs/dev.json', '--output-path', tmp, '--no-prompt'],
      { cwd: ROOT, timeout: 60_000 },
    );
    const vsix = readdirSync(tmp).find((f) => f.endsWith('.vsix'));
    if (!vsix) throw new Error(`tfx wrote no .vsix into ${tmp}`);
    entries = await readZip(path.join(tmp, vsix));
    manifest = JSON.parse(entries.get('extension.vsomanifest')!.toString('utf8'));
    vsixManifest = entries.get('extension.vsixmanifest')!.toString('utf8');
  }, 90_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('is the dev extension, private', () => {
    expect(vsixManifest).toMatch(/<Identity[^>]*Id="vigil-dev"/);
    expect(vsixManifest).toMatch(/<Identity[^>]*Publisher="vigil-security"/);
    expect(vsixManifest).not.toMatch(/Public/);
  });

  it('declares the page surfaces with their types and targets', () => {
    const byId = new Map(manifest.contributions.filter(isPage).map((c) => [c.id, c]));
    expect([...byId.keys()].sort()).toEqual(EXPECTED.map((e) => e.id).sort());
    for (const e of EXPECTED) {
      const c = byId.get(e.id)!;
      expect({ id: c.id, type: c.type, targets: c.targets, uri: c.properties.uri }).toEqual({
        id: e.id,
        type: e.type,
        targets: [e.target],
        uri: e.page,
      });
      expect(c.properties.name).toBeTruthy();
    }
  });

  it('ships every page a contribution points at, and every script those pages load', () => {
    for (const c of manifest.contributions.filter(isPage)) {
      const page = c.properties.uri!;
      const html = entries.get(page);
      expect(html).toBeDefined();
      const scripts = scriptsOf(html!.toString('utf8'), page);
      expect(scripts).toContain('dist/web/vigil-config.js');
      expect(scripts.some((s) => s.endsWith('.js') && s !== 'dist/web/vigil-config.js')).toBe(true);
      for (const s of scripts) expect({ page, script: s, shipped: entries.has(s) }).toEqual({ page, script: s, shipped: true });
    }
  });

  it('contributes the Vigil scan task: its task.json (id, version, both Node handlers, inputs) and its bundle', () => {
    const c = manifest.contributions.find((x) => x.id === TASK.id);
    expect(c && { type: c.type, targets: c.targets, name: c.properties.name }).toEqual({ type: TASK.type, targets: [TASK.target], name: TASK.folder });
    const task = JSON.parse(entries.get(`${TASK.folder}/task.json`)!.toString('utf8')) as {
      id: string;
      name: string;
      version: { Major: number; Minor: number; Patch: number };
      execution: Record<string, { target: string }>;
      inputs: { name: string; type: string; defaultValue?: string; required?: boolean }[];
    };
    expect(task.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(task.name).toBe('VigilScan');
    expect(task.version).toEqual({ Major: expect.any(Number), Minor: expect.any(Number), Patch: expect.any(Number) });
    expect(task.execution).toEqual({ Node20_1: { target: 'index.js', argumentFormat: '' }, Node24: { target: 'index.js', argumentFormat: '' } });
    expect(task.inputs.map((i) => [i.name, i.type, i.defaultValue ?? ''])).toEqual([
      ['path', 'filePath', '$(Build.SourcesDirectory)'],
      ['categories', 'pickList', 'secret,iac,code,deps,license,package-risk'],
      ['failOn', 'pickList', 'high'],
      ['baseline', 'string', ''],
      ['suppressions', 'string', ''],
      ['advisories', 'string', ''],
      ['outputPath', 'string', '$(Build.ArtifactStagingDirectory)/CodeAnalysisLogs/vigil.sarif'],
      ['vigilService', 'connectedService:Generic', ''],
    ]);
    // The bundle and what the engine loads beside it: the tree-sitter runtime and the grammars.
    for (const file of [
      'index.js',
      'icon.png',
      'web-tree-sitter.wasm',
      'node_modules/tree-sitter-python/tree-sitter-python.wasm',
      'node_modules/tree-sitter-c-sharp/tree-sitter-c_sharp.wasm',
      'node_modules/tree-sitter-bicep/tree-sitter-bicep.wasm',
    ]) {
      expect({ file, shipped: entries.has(`${TASK.folder}/${file}`) }).toEqual({ file, shipped: true });
    }
    expect(entries.get(`${TASK.folder}/index.js`)!.toString('utf8')).toContain('CodeAnalysisLogs');
  });

  it('runs the task from the package\'s own files, as an agent that installed the extension would', async () => {
    const folder = path.join(tmp, 'agent', 'tasks', 'VigilScan');
    for (const [name, data] of entries) {
      if (!name.startsWith(`${TASK.folder}/`)) continue;
      const file = path.join(folder, name.slice(TASK.folder.length + 1));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, data);
    }
    const temp = path.join(tmp, 'agent', '_temp');
    mkdirSync(temp);
    const sources = path.join(ROOT, 'test/fake-ado/fixtures/repos/contoso/hostile-samples');
    const sarif = path.join(tmp, 'agent', 'a', 'CodeAnalysisLogs', 'vigil.sarif');
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(folder, 'index.js')], {
      cwd: folder,
      env: { PATH: process.env.PATH, AGENT_TEMPDIRECTORY: temp, INPUT_PATH: sources, INPUT_CATEGORIES: 'secret', INPUT_FAILON: 'high', INPUT_OUTPUTPATH: sarif },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/^##vso\[task\.complete result=Failed;\]Vigil: 1 new finding\(s\) at high or above/m);
    const log = JSON.parse(readFileSync(sarif, 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(log.runs[0].results.map((r) => r.ruleId)).toEqual(['SEC-GITHUB-PAT']);
  });

  it('asks only for the scopes overview.md explains', () => {
    expect(manifest.scopes).toEqual(['vso.profile', 'vso.project', 'vso.build', 'vso.security_manage']);
  });

  it('has a 128x128 PNG icon', () => {
    const iconPath = /Type="Microsoft\.VisualStudio\.Services\.Icons\.Default"[^>]*Path="([^"]+)"/.exec(vsixManifest)?.[1]
      ?? /Path="([^"]+)"[^>]*Type="Microsoft\.VisualStudio\.Services\.Icons\.Default"/.exec(vsixManifest)?.[1];
    expect(iconPath).toBeDefined();
    const icon = entries.get(iconPath!);
    expect(icon).toBeDefined();
    expect(pngSize(icon!)).toEqual({ width: 128, height: 128 });
  });
});

describe('configs/write-web-config.js (the service URL baked into a package)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS build script without type declarations
  const { resolveServiceUrl, renderWebConfig } = require('../../configs/write-web-config.js') as {
    resolveServiceUrl(env: string, raw?: string): string;
    renderWebConfig(url: string): string;
  };

  it('defaults to localhost for dev and requires an https URL for release', () => {
    expect(resolveServiceUrl('dev', undefined)).toBe('http://localhost:8080');
    expect(resolveServiceUrl('dev', 'http://10.0.0.5:8080/')).toBe('http://10.0.0.5:8080');
    expect(resolveServiceUrl('release', 'https://vigil.example.com/base/')).toBe('https://vigil.example.com/base');
    expect(() => resolveServiceUrl('release', '')).toThrow(/VIGIL_SERVICE_URL is required/);
    expect(() => resolveServiceUrl('release', 'http://vigil.example.com')).toThrow(/https/);
    expect(() => resolveServiceUrl('dev', 'vigil.example.com')).toThrow(/not a valid URL/);
    expect(() => resolveServiceUrl('dev', 'https://u:p@vigil.example.com')).toThrow(/credentials/);
    expect(() => resolveServiceUrl('prod', 'https://vigil.example.com')).toThrow(/VIGIL_ENV/);
  });

  it('writes a script that sets window.VIGIL_CONFIG', () => {
    const sandbox: { window: { VIGIL_CONFIG?: { serviceUrl: string } } } = { window: {} };
    new Function('window', renderWebConfig('https://vigil.example.com'))(sandbox.window);
    expect(sandbox.window.VIGIL_CONFIG).toEqual({ serviceUrl: 'https://vigil.example.com' });
  });
});
