// The code benchmark's corpora, written into a temporary folder (never into the repository):
//   Python: the standard library and the Debian-packaged modules of this machine, plus generated
//     Flask and Django view modules (each with some request-to-sink flows);
//   JavaScript/TypeScript: the sources of a few large packages of the project's node_modules, copied
//     to a folder not named node_modules (Vigil skips vendored folders);
//   C#: generated ASP.NET Core controllers, services and models.
// Only files Vigil analyses are kept (not vendored, minified, generated, over the size limit, nor
// symlinks), so both sides of each comparison read exactly the same files.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathSkipReason, textSkipReason } from '../../../service/engine/code/skip';
import { DEFAULT_LIMITS } from '../../../service/engine/walk';

export interface Corpus {
  dir: string;
  /** Repository-relative paths, sorted. */
  files: string[];
  bytes: number;
}

/** A small deterministic generator, so every run of the bench reads the same files. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function* walk(root: string, accept: (path: string) => boolean): Generator<string> {
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const full = join(dir, name);
      const st = lstatSync(full);
      if (st.isSymbolicLink()) continue;
      if (st.isDirectory()) {
        if (name !== '__pycache__' && name !== 'node_modules') stack.push(full);
      } else if (st.isFile() && accept(full)) yield full;
    }
  }
}

/** Folder names Vigil treats as vendored or build output get a prefix, so a package's dist/ is read as source. */
const asSource = (rel: string) =>
  rel
    .split('/')
    .map((part, i, all) => (i < all.length - 1 && pathSkipReason(`${part}/x`) ? `src-${part}` : part))
    .join('/');

class CorpusWriter {
  readonly files: string[] = [];
  bytes = 0;
  constructor(readonly dir: string) {}

  /** Adds a file when Vigil would analyse it; false when it would skip it. */
  add(rel: string, text: string): boolean {
    const language = /\.pyw?$/i.test(rel) ? 'python' : /\.cs$/i.test(rel) ? 'csharp' : 'javascript';
    if (pathSkipReason(rel) || textSkipReason(text, language) || Buffer.byteLength(text) > DEFAULT_LIMITS.maxFileBytes || text.includes('\u0000')) return false;
    const target = join(this.dir, rel);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    this.files.push(rel);
    this.bytes += Buffer.byteLength(text);
    return true;
  }

  copyTree(from: string, prefix: string, accept: (path: string) => boolean, limit = Infinity): void {
    let n = 0;
    for (const file of walk(from, accept)) {
      if (n >= limit) return;
      const text = readFileSync(file, 'utf8');
      if (this.add(`${prefix}/${asSource(relative(from, file))}`, text)) n++;
    }
  }

  done(): Corpus {
    return { dir: this.dir, files: [...this.files].sort(), bytes: this.bytes };
  }
}

// ---- Python ----

const PY_VIEW_SINKS = [
  (v: string) => [`    cur.execute(f"SELECT id, total FROM orders WHERE customer = '{${v}}'")`, '    return jsonify(cur.fetchall())'],
  (v: string) => [`    out = subprocess.run("convert %s out.png" % ${v}, shell=True, capture_output=True)`, '    return out.stdout'],
  (v: string) => [`    return redirect(${v})`],
  (v: string) => [`    return requests.get(${v}, timeout=5).text`],
  (v: string) => [`    return send_file(os.path.join(UPLOADS, ${v}))`],
  (v: string) => [`    return render_template_string("<h1>" + ${v} + "</h1>")`],
  (v: string) => [`    cur.execute("SELECT id, total FROM orders WHERE customer = %s", (${v},))`, '    return jsonify(cur.fetchall())'],
  (v: string) => [`    return jsonify({"value": escape(${v})})`],
  (v: string) => [`    digest = hashlib.md5(${v}.encode()).hexdigest()`, '    return digest'],
  (v: string) => [`    data = yaml.safe_load(${v})`, '    return jsonify(data)'],
];
const PY_SOURCES = ['request.args.get("q", "")', 'request.form["name"]', 'request.args["next"]', 'request.headers.get("X-Target", "")', 'request.get_json()["path"]'];

function flaskModule(i: number, r: () => number): string {
  const lines = [
    `"""Generated view module ${i} of the benchmark: a Flask blueprint with CRUD-style handlers."""`,
    'import hashlib',
    'import os',
    'import subprocess',
    '',
    'import requests',
    'import yaml',
    'from flask import Blueprint, escape, jsonify, redirect, render_template_string, request, send_file',
    '',
    'from .db import connect',
    '',
    `bp = Blueprint("module_${i}", __name__, url_prefix="/m${i}")`,
    'UPLOADS = "/srv/uploads"',
    '',
  ];
  const handlers = 6 + Math.floor(r() * 8);
  for (let h = 0; h < handlers; h++) {
    const source = PY_SOURCES[Math.floor(r() * PY_SOURCES.length)];
    const sink = PY_VIEW_SINKS[Math.floor(r() * PY_VIEW_SINKS.length)];
    lines.push('', `@bp.route("/h${h}", methods=["GET", "POST"])`, `def handler_${h}():`, `    """Handler ${h}: reads the request and answers."""`, `    value = ${source}`);
    if (r() < 0.5) lines.push('    value = value.strip()');
    lines.push('    conn = connect()', '    cur = conn.cursor()', ...sink('value'), '');
    lines.push(`def helper_${h}(items):`, '    total = 0', '    for item in items:', '        if item.get("active"):', '            total += item["amount"] * item.get("qty", 1)', '    return round(total, 2)');
  }
  return lines.join('\n') + '\n';
}

function djangoModule(i: number, r: () => number): string {
  const lines = [
    `"""Generated Django views ${i} of the benchmark."""`,
    'from django.db import connection',
    'from django.http import HttpResponse, JsonResponse',
    'from django.shortcuts import get_object_or_404, redirect',
    'from django.utils.safestring import mark_safe',
    '',
    'from .models import Order',
    '',
  ];
  const views = 5 + Math.floor(r() * 6);
  for (let v = 0; v < views; v++) {
    const kind = Math.floor(r() * 5);
    lines.push('', `def view_${v}(request, pk=None):`);
    if (kind === 0) lines.push('    term = request.GET.get("q", "")', '    rows = Order.objects.raw("SELECT * FROM shop_order WHERE ref LIKE \'%%" + term + "%%\'")', '    return JsonResponse({"ids": [o.id for o in rows]})');
    else if (kind === 1) lines.push('    note = request.POST["note"]', '    return HttpResponse(mark_safe("<p>" + note + "</p>"))');
    else if (kind === 2) lines.push('    with connection.cursor() as cursor:', '        cursor.execute("SELECT id FROM shop_order WHERE ref = %s", [request.GET["ref"]])', '        return JsonResponse({"rows": cursor.fetchall()})');
    else if (kind === 3) lines.push('    order = get_object_or_404(Order, pk=pk)', '    return JsonResponse({"id": order.id, "total": str(order.total)})');
    else lines.push('    return redirect(request.GET.get("next", "/"))');
  }
  return lines.join('\n') + '\n';
}

export function buildPythonCorpus(dir: string, generated = 450): Corpus {
  const w = new CorpusWriter(dir);
  const isPy = (p: string) => p.endsWith('.py');
  for (const lib of readdirSync('/usr/lib').filter((n) => /^python3\.\d+$/.test(n)).sort()) w.copyTree(join('/usr/lib', lib), `stdlib-${lib}`, isPy);
  if (existsSync('/usr/lib/python3/dist-packages')) w.copyTree('/usr/lib/python3/dist-packages', 'debian-packages', isPy);
  const r = rng(12);
  for (let i = 0; i < generated; i++) w.add(i % 3 === 2 ? `webapp/backoffice/views_${i}.py` : `webapp/app/views_${i}.py`, i % 3 === 2 ? djangoModule(i, r) : flaskModule(i, r));
  return w.done();
}

// ---- JavaScript / TypeScript ----

/** Packages of the project's node_modules whose sources make the JavaScript corpus, with a cap per package. */
const JS_PACKAGES: [string, number][] = [
  ['webpack/lib', 900],
  ['eslint/lib', 500],
  ['@typescript-eslint', 700],
  ['typescript/lib', 10],
  ['lodash', 700],
  ['jsdom/lib', 500],
  ['kysely/dist/cjs', 400],
  ['@babel', 400],
  ['express/lib', 20],
  ['pino', 150],
  ['zod', 150],
  ['yaml/dist', 150],
];

export function buildJavaScriptCorpus(dir: string, nodeModules: string): Corpus {
  const w = new CorpusWriter(dir);
  const isSource = (p: string) => /\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/.test(p) && !/\.d\.[cm]?ts$/.test(p);
  for (const [pkg, cap] of JS_PACKAGES) {
    const from = join(nodeModules, pkg);
    if (existsSync(from)) w.copyTree(from, `pkgs/${pkg.replace(/[/@]/g, '_')}`, isSource, cap);
  }
  return w.done();
}

// ---- C# ----

const CS_ACTIONS = [
  (n: string) => [`        var command = new SqlCommand("SELECT Id, Total FROM Orders WHERE Customer = '" + ${n} + "'", _connection);`, '        return Ok(command.ExecuteScalar());'],
  (n: string) => ['        var command = new SqlCommand("SELECT Id, Total FROM Orders WHERE Customer = @c", _connection);', `        command.Parameters.AddWithValue("@c", ${n});`, '        return Ok(command.ExecuteScalar());'],
  (n: string) => [`        Process.Start("convert", ${n} + " out.png");`, '        return Ok();'],
  (n: string) => [`        return File(System.IO.File.ReadAllBytes(Path.Combine(Root, ${n})), "application/octet-stream");`],
  (n: string) => [`        return Redirect(${n});`],
  (n: string) => [`        if (!Url.IsLocalUrl(${n})) return BadRequest();`, `        return LocalRedirect(${n});`],
  (n: string) => [`        var items = _service.Find(${n});`, '        return View(items);'],
  (n: string) => [`        return Content("<p>" + ${n} + "</p>", "text/html");`],
];

function controller(i: number, r: () => number): string {
  const lines = [
    'using System.Data.SqlClient;',
    'using System.Diagnostics;',
    'using Microsoft.AspNetCore.Mvc;',
    '',
    `namespace Bench.App${i % 20}.Controllers;`,
    '',
    `public class Orders${i}Controller : Controller`,
    '{',
    '    private const string Root = "/srv/files";',
    '    private readonly SqlConnection _connection;',
    `    private readonly OrderService${i} _service;`,
    '',
    `    public Orders${i}Controller(SqlConnection connection, OrderService${i} service)`,
    '    {',
    '        _connection = connection;',
    '        _service = service;',
    '    }',
  ];
  const actions = 4 + Math.floor(r() * 6);
  for (let a = 0; a < actions; a++) {
    const body = CS_ACTIONS[Math.floor(r() * CS_ACTIONS.length)];
    const post = r() < 0.3;
    lines.push('', post ? '    [HttpPost]' : '    [HttpGet]');
    if (post && r() < 0.5) lines.push('    [ValidateAntiForgeryToken]');
    lines.push(`    public IActionResult Action${a}(string value${a})`, '    {', ...body(`value${a}`), '    }');
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

function service(i: number, r: () => number): string {
  const weak = r() < 0.3;
  return [
    'using System.Security.Cryptography;',
    'using System.Text;',
    '',
    `namespace Bench.App${i % 20}.Services;`,
    '',
    `public class OrderService${i}`,
    '{',
    '    private readonly Dictionary<string, decimal> _totals = new();',
    '',
    '    public IEnumerable<string> Find(string customer)',
    '    {',
    '        foreach (var (key, total) in _totals)',
    '            if (key.StartsWith(customer, StringComparison.Ordinal) && total > 0)',
    '                yield return key;',
    '    }',
    '',
    '    public string Fingerprint(string value)',
    '    {',
    weak ? '        using var hash = MD5.Create();' : '        using var hash = SHA256.Create();',
    '        return Convert.ToHexString(hash.ComputeHash(Encoding.UTF8.GetBytes(value)));',
    '    }',
    '',
    '    public string Token()',
    '    {',
    weak ? '        var bytes = new byte[16];\n        new Random().NextBytes(bytes);\n        return Convert.ToBase64String(bytes);' : '        return Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));',
    '    }',
    '}',
  ].join('\n') + '\n';
}

function model(i: number, r: () => number): string {
  const fields = 3 + Math.floor(r() * 8);
  const props = Array.from({ length: fields }, (_, f) => `    public ${['string', 'int', 'decimal', 'DateTime', 'bool'][f % 5]} Field${f} { get; set; }`);
  return [`namespace Bench.App${i % 20}.Models;`, '', `public class Order${i}`, '{', '    public int Id { get; set; }', ...props, '}'].join('\n') + '\n';
}

export function buildCsharpCorpus(dir: string, triples = 400): Corpus {
  const w = new CorpusWriter(dir);
  const r = rng(34);
  for (let i = 0; i < triples; i++) {
    w.add(`src/App${i % 20}/Controllers/Orders${i}Controller.cs`, controller(i, r));
    w.add(`src/App${i % 20}/Services/OrderService${i}.cs`, service(i, r));
    w.add(`src/App${i % 20}/Models/Order${i}.cs`, model(i, r));
  }
  return w.done();
}
