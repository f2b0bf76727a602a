// The taint engine through ESLint (espree and typescript-eslint's parser): what propagates, what
// stops a flow, which functions are handlers, the flows kept for takeFlows, and the bounds.
import { takeFlows } from '.';
import { recordFlow } from './flows';
import { lintTaint } from './testing';

/** An Express route around `body`; what follows a line `---` goes after the route (helpers). */
function express(body: string): string {
  const [inside, after = ''] = body.split('\n---\n');
  return `const { exec } = require('child_process');\nconst app = require('express')();\napp.get('/x', (req, res) => {\n${inside}\n});\n${after}\n`;
}

function hits(code: string, path = 'app.js', rule?: string): string[] {
  const messages = lintTaint(code, path);
  takeFlows(path);
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages.filter((m) => !rule || m.ruleId === `vigil-taint/${rule}`).map((m) => `${m.ruleId!.replace('vigil-taint/', '')} ${m.line}: ${m.message}`);
}

describe.each(['app.js', 'app.ts'])('propagation (%s)', (path) => {
  test.each([
    ['nested and renamed destructuring with defaults', "const { body: { cmd: c = 'ls' } } = req;\nexec(c);"],
    ['a destructured handler parameter', null],
    ['template literals and +=', "let cmd = `ls ${req.query.dir}`;\ncmd += ' -la';\nexec(cmd);"],
    ['array join', "const parts = ['ls'];\nparts.push(req.query.dir);\nexec(parts.join(' '));"],
    ['an object literal holding the value', "const opts = { dir: req.params.dir };\nexec('ls ' + opts.dir);"],
    ['reassignment through a string method', "let d = req.headers['x-dir'];\nd = d.trim().toLowerCase();\nexec('ls ' + d);"],
    ['a callback of a tainted array', "req.query.dirs.split(',').forEach((d) => exec('ls ' + d));"],
    ['a helper declared in the file', "exec(build(req.cookies.dir));\n---\nfunction build(d) {\n  const x = 'ls ' + d;\n  return x;\n}"],
    ['an arrow helper', "const build = (d) => `ls ${d}`;\nexec(build(req.query.d));"],
    ['a sink inside a helper', "run(req.body.cmd);\n---\nfunction run(c) {\n  exec(c);\n}"],
    ['url.parse(req.url, true).query', "const q = require('url').parse(req.url, true).query;\nexec(q.cmd);"],
    ['a closure over a tainted variable', "const c = req.query.c;\nsetImmediate(() => exec(c));"],
  ])('%s', (_name, body) => {
    const code = body === null ? "const { exec } = require('child_process');\nconst app = require('express')();\napp.post('/x', ({ body }, res) => {\n  exec(body.cmd);\n});\n" : express(body);
    expect(hits(code, path, 'command-injection')).toHaveLength(1);
  });
});

describe.each(['app.js', 'app.ts'])('what stops a flow (%s)', (path) => {
  test.each([
    ['parseInt', "exec('seq ' + parseInt(req.query.n, 10));"],
    ['Number after reassignment', "let n = req.query.n;\nn = Number(n);\nexec('seq ' + n);"],
    ['an allow-list check that returns', "const t = req.query.t;\nif (!['a', 'b'].includes(t)) return res.sendStatus(400);\nexec(t);"],
    ['an allow-list check around the sink', "const t = req.query.t;\nif (TOOLS.has(t)) {\n  exec(t);\n}"],
    ['an anchored pattern check', "const t = req.query.t;\nif (!/^[a-z]+$/.test(t)) throw new Error('bad');\nexec('man ' + t);"],
    ['an equality check on the member read', "if (req.query.mode !== 'fast') return;\nexec('run ' + req.query.mode);"],
    ['a shadowing variable', "const c = req.query.c;\n{\n  const c = 'uptime';\n  exec(c);\n}"],
    ['a helper that returns a constant', "exec(pick(req.query.c));\n---\nfunction pick(c) {\n  return c === 'a' ? 'uptime' : 'df';\n}"],
    ['a recursive helper (bounded)', "exec(f(req.query.c));\n---\nfunction f(c) {\n  return c.length > 3 ? f(c.slice(1)) && 'x' : 'y';\n}"],
    ['only the length of the value', "exec('head -n ' + req.query.s.length);"],
  ])('%s', (_name, body) => {
    expect(hits(express(body), path, 'command-injection')).toEqual([]);
  });

  test('a sanitiser is for its sink kinds only: escape-html stops XSS, not SQL', () => {
    const code = "const escapeHtml = require('escape-html');\nconst app = require('express')();\napp.get('/x', (req, res) => {\n  const name = escapeHtml(req.query.name);\n  db.query(\"SELECT * FROM t WHERE n = '\" + name + \"'\");\n  res.send('<p>' + name + '</p>');\n});\n";
    expect(hits(code, path)).toEqual(["sql-injection 5: req.query.name (line 4) reaches db.query (line 5)"]);
  });

  test('parameterised queries, key-value reads and constant prefixes', () => {
    const code =
      "const app = require('express')();\napp.get('/x', async (req, res) => {\n  await pool.query('SELECT * FROM t WHERE id = $1', [req.query.id]);\n  await knex.raw('SELECT * FROM t WHERE id = ?', [req.query.id]);\n  await db.get(req.params.id);\n  res.redirect('/items/' + req.query.id);\n  await fetch('https://api.example.com/items/' + req.query.id);\n});\n";
    expect(hits(code, path)).toEqual([]);
  });
});

describe('URLs, redirects and paths: what keeps the client out of the host', () => {
  const route = (body: string) => `const fs = require('fs');\nconst app = require('express')();\napp.get('/x', async (req, res) => {\n${body}\n});\n`;
  test.each([
    ['the Host header and the request path', "res.redirect(301, 'https://' + req.headers.host + req.url);"],
    ['a base URL of the program first', 'await fetch(`${API_BASE}/users/${req.params.id}`);'],
    ['a constant site path first', "res.redirect('/orders/' + req.params.id);"],
    ['a host check on the parsed URL', "const u = new URL(req.query.to);\nif (!HOSTS.has(u.hostname)) return res.sendStatus(400);\nawait fetch(u);"],
    ['a validator method', "if (security.isRedirectAllowed(req.query.to)) res.redirect(req.query.to);"],
    ['Koa-style ctx.throw after a prefix check', "const f = require('path').resolve(ROOT, String(req.query.f));\nif (!f.startsWith(ROOT)) {\n  req.throw(403);\n}\nfs.readFile(f, () => {});"],
    ['assert on an allow-list', "const n = req.query.n;\nassert(NAMES.includes(n));\nfs.readFile('/data/' + n, () => {});"],
    ['parent steps stripped after normalize', "const p = require('path').normalize(req.query.p).replace(/^(\\.\\.[\\/\\\\])+/, '');\nfs.readFile('/srv/' + p, () => {});"],
    ['a server-chosen upload path', "fs.readFile(req.file.path, () => {});"],
  ])('fine: %s', (_name, body) => {
    expect(hits(route(body))).toEqual([]);
  });
  test.each([
    ["'/' followed by the value ('//evil.example')", "res.redirect('/' + req.query.to);"],
    ['a literal scheme before the host', 'await fetch(`http://${req.query.host}/status`);'],
    ['a constant host without a slash', "await fetch('https://api.example.com' + req.query.path);"],
    ['the request path alone (//evil.example)', 'res.redirect(req.originalUrl);'],
    ['an uploaded file name', "fs.writeFile('/uploads/' + req.file.originalname, req.file.buffer, () => {});"],
  ])('flagged: %s', (_name, body) => {
    expect(hits(route(body))).toHaveLength(1);
  });
});

describe('which functions are request handlers', () => {
  test.each([
    ['Express router', "router.post('/a', function (req, res) { exec(req.body.c); });"],
    ['app.use middleware', 'app.use((req, res, next) => { exec(req.query.c); next(); });'],
    ['Koa middleware', 'app.use(async (ctx, next) => { exec(ctx.request.query.c); await next(); });'],
    ['Fastify route options', "fastify.route({ method: 'GET', url: '/a', handler: async (request, reply) => exec(request.query.c) });"],
    ['http.createServer', "require('http').createServer((req, res) => exec(req.url)).listen(80);"],
    ['a named controller with (req, res)', 'exports.run = async (req, res) => { exec(req.params.c); };'],
  ])('%s', (_name, code) => {
    expect(hits(`const { exec } = require('child_process');\n${code}\n`, 'app.js', 'command-injection')).toHaveLength(1);
  });

  test.each([
    ['a cache callback', "cache.get('k', (err, req) => exec(req.query.c));"],
    ['a function of a config object', 'function start(config) { exec(config.query.c); fetch(config.url); }'],
    ['a default export outside an API route', 'export default function setup(request) { exec(request.query.c); }'],
  ])('not %s', (_name, code) => {
    expect(hits(`import { exec } from 'child_process';\n${code}\n`, 'lib/setup.js')).toEqual([]);
  });

  test('Next.js: default export in pages/api and GET in an app router route; NestJS decorated parameters', () => {
    const pages = "import { exec } from 'child_process';\nexport default function handler(req, res) {\n  exec(req.query.c);\n}\n";
    expect(hits(pages, 'pages/api/run.js', 'command-injection')).toHaveLength(1);
    const route = "import { exec } from 'child_process';\nexport async function GET(request: Request) {\n  const c = new URL(request.url).searchParams.get('c');\n  exec(c!);\n}\n";
    expect(hits(route, 'app/run/route.ts', 'command-injection')).toEqual(["command-injection 4: new URL(request.url).searchParams.get('c') (line 3) reaches child_process.exec (line 4)"]);
    const nest = "import { Controller, Get, Query } from '@nestjs/common';\nimport { exec } from 'child_process';\n@Controller('tools')\nexport class ToolsController {\n  @Get()\n  run(@Query('cmd') cmd: string) {\n    exec(cmd);\n  }\n}\n";
    expect(hits(nest, 'src/tools.controller.ts', 'command-injection')).toEqual(["command-injection 7: @Query() cmd (line 6) reaches child_process.exec (line 7)"]);
    const remix = "import { exec } from 'child_process';\nexport async function loader({ request, params }) {\n  exec('git show ' + params.sha);\n  return new URL(request.url).searchParams.get('q');\n}\n";
    expect(hits(remix, 'app/routes/commits.$sha.ts', 'command-injection')).toEqual(['command-injection 3: params.sha (line 2) reaches child_process.exec (line 3)']);
    expect(hits(remix, 'src/lib/loader.ts', 'command-injection')).toEqual([]);
  });
});

describe('flows for takeFlows', () => {
  test('kept by `${name}:${line}:${column}` as ESLint reports them, source first, sink last; taken once', () => {
    const code = express("  const { dir } = req.query;\n  const cmd = 'ls ' + dir;\n  exec(cmd);");
    const messages = lintTaint(code, 'repo/app.js');
    expect(messages).toHaveLength(1);
    const [m] = messages;
    const flows = takeFlows('repo/app.js');
    expect([...flows.keys()]).toEqual([`command-injection:${m.line}:${m.column}`]);
    expect(flows.get(`command-injection:6:3`)).toEqual([
      { line: 4, column: 19, label: 'req.query.dir' },
      { line: 4, column: 9, label: 'const { dir } = req.query' },
      { line: 5, column: 9, label: "const cmd = 'ls ' + dir" },
      { line: 6, column: 3, label: 'exec(cmd)' },
    ]);
    expect(takeFlows('repo/app.js').size).toBe(0);
  });

  test('labels are short even for huge expressions, and a flow has at most 50 steps', () => {
    const long = `'${'x'.repeat(2000)}'`;
    const steps = Array.from({ length: 80 }, (_, i) => `  const v${i + 1} = v${i} + ${long};`).join('\n');
    lintTaint(express(`  const v0 = req.query.a;\n${steps}\n  exec(v80);`), 'big.js');
    const [flow] = [...takeFlows('big.js').values()];
    expect(flow.length).toBeLessThanOrEqual(50);
    expect(flow[0].label).toBe('req.query.a');
    expect(Math.max(...flow.map((s) => s.label.length))).toBeLessThanOrEqual(300);
  });

  test('files whose flows are never taken are dropped, oldest first', () => {
    for (let i = 0; i < 100; i++) recordFlow(`f${i}.js`, 'k:1:1', [{ line: 1, label: 'x' }]);
    expect(takeFlows('f0.js').size).toBe(0);
    expect(takeFlows('f99.js').size).toBe(1);
    for (let i = 0; i < 100; i++) takeFlows(`f${i}.js`);
  });
});

describe('bounds: hostile input neither throws nor hangs', () => {
  /** Runs the lint; a stack overflow may only come from ESLint's own recursive parser or scope analysis (the runner reports those as a depth-limit warning), never from the taint rules. */
  function lintOrParserOverflow(code: string, path: string): void {
    try {
      lintTaint(code, path);
    } catch (e) {
      expect(e).toBeInstanceOf(RangeError);
      expect((e as Error).stack ?? '').not.toMatch(/javascript[\\/]taint[\\/](?:engine|rules|rule\.ts)/);
    }
    takeFlows(path);
  }

  test.each([2000, 5000])('a %i-deep member chain off the request', (depth) => {
    lintOrParserOverflow(express(`  exec(req.query${'.a'.repeat(depth)});`), 'deep.js');
  });

  test('a 2,000-deep member chain: the walk stops at its depth bound (the source below it is not seen), without error', () => {
    expect(lintTaint(express(`  exec(req.query${'.a'.repeat(2000)});`), 'deep.js')).toEqual([]);
    expect(lintTaint(express(`  exec(req.query${'.a'.repeat(100)});`), 'deep.js')).toHaveLength(1);
    takeFlows('deep.js');
  });

  test.each(['deep.js', 'deep.ts'])('5,000 nested parentheses, calls and arrays (%s): a parse error, not a crash', (path) => {
    for (const inner of ['('.repeat(5000) + 'req.query.a' + ')'.repeat(5000), 'f('.repeat(5000) + ')'.repeat(5000), '['.repeat(5000) + ']'.repeat(5000)]) {
      lintOrParserOverflow(express(`  exec(${inner});`), path);
    }
  });

  test('deeply nested blocks and a very long concatenation inside a handler', () => {
    const blocks = `${'{ '.repeat(400)}exec(req.query.a);${' }'.repeat(400)}`;
    expect(lintTaint(express(blocks), 'blocks.js').filter((m) => m.fatal)).toEqual([]);
    const concat = express(`  exec(req.query.a${" + 'x'".repeat(3000)});`);
    const messages = lintTaint(concat, 'concat.js');
    if (!messages.some((m) => m.fatal)) expect(messages.map((m) => m.ruleId)).toEqual(['vigil-taint/command-injection']);
    takeFlows('blocks.js');
    takeFlows('concat.js');
  });

  test('a huge handler stops at the step bound (the sink past it is not reached)', () => {
    const body = Array.from({ length: 8000 }, (_, i) => `  const v${i} = req.query.a + ${i};`).join('\n');
    expect(lintTaint(express(`${body}\n  exec(v7999);`), 'huge.js')).toEqual([]);
    expect(lintTaint(express(`${body.split('\n').slice(0, 100).join('\n')}\n  exec(v99);`), 'huge.js')).toHaveLength(1);
    takeFlows('huge.js');
  });
});
