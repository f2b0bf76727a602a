// The taint core's semantics, through the Python adapter (the smallest real language) and a small spec
// of its own: propagation, destructuring, string building, helpers, sanitisers, flow steps, bounds.
import { readImports } from '../python/context';
import { pythonTaintAdapter } from '../python/taint/adapter';
import { parseWith } from '../../tree-sitter';
import { analyzeTaint, type TaintLimits, type TaintResult, type TaintSpec } from '.';

const SPEC: TaintSpec = {
  sources: ['flask.request.args', 'flask.request.form'],
  parameters: (unit) => (unit.name?.startsWith('view_') ? unit.params.map((p) => ({ ...p, label: `param ${p.name}` })) : []),
  sinks: [
    { kind: 'sql', calls: ['*.execute'] },
    { kind: 'command', calls: ['os.system'] },
    { kind: 'url', calls: ['fetch'], safePrefix: (p) => /^https:\/\/[^/]+\//.test(p) && !p.includes('\u0000') },
    { kind: 'path', calls: ['open'], args: [0], kwargs: ['file'] },
  ],
  sanitizers: [
    { calls: ['shlex.quote'], kinds: ['command'] },
    { calls: ['int'], kinds: 'all' },
  ],
  validators: [{ calls: ['is_safe'], arg: 0, kinds: 'all' }],
  mutators: ['append'],
};

async function run(code: string, limits?: TaintLimits, spec: TaintSpec = SPEC): Promise<TaintResult> {
  const tree = await parseWith('tree-sitter-python/tree-sitter-python.wasm', code);
  try {
    return analyzeTaint(tree.rootNode, pythonTaintAdapter(readImports(tree.rootNode)), spec, limits);
  } finally {
    tree.delete();
  }
}

const summary = (r: TaintResult) => r.hits.map((h) => `${h.kind}@${h.node.startPosition.row + 1}`);
const HEAD = 'import os, shlex\nfrom flask import request\n';

describe('propagation', () => {
  test('through locals, with the source, each assignment and the sink as flow steps', async () => {
    const r = await run(`${HEAD}def f():
    q = request.args['q']
    sql = "SELECT * FROM t WHERE a = '" + q + "'"
    cursor.execute(sql)
`);
    expect(r.hits).toHaveLength(1);
    expect(r.hits[0].message).toBe("request.args['q'] (line 4) reaches cursor.execute (line 6)");
    expect(r.hits[0].flow).toEqual([
      { line: 4, column: 9, label: "request.args['q']" },
      { line: 4, column: 5, label: "q = request.args['q']" },
      { line: 5, column: 5, label: `sql = "SELECT * FROM t WHERE a = '" + q + "'"` },
      { line: 6, column: 5, label: 'cursor.execute(sql)' },
    ]);
  });

  test('a clean reassignment ends the flow; one inside a branch does not', async () => {
    const r = await run(`${HEAD}def f():
    q = request.args['q']
    q = 'fixed'
    cursor.execute(q)

def g(flag):
    q = request.args['q']
    if flag:
        q = 'fixed'
    cursor.execute(q)
`);
    expect(summary(r)).toEqual(['sql@12']);
  });

  test('tuple unpacking is element-wise when the value is a tuple, else every target is tainted', async () => {
    const r = await run(`${HEAD}def f():
    a, b = request.args['a'], 'x'
    cursor.execute(b)
    os.system(a)
    c, d = request.form.get('pair').split(',')
    open(d)
`);
    expect(summary(r)).toEqual(['command@6', 'path@8']);
  });

  test('f-strings, %, .format, join, augmented assignment, containers and member access', async () => {
    const r = await run(`${HEAD}def f():
    q = request.args.get('q')
    cursor.execute(f"SELECT {q}")
    cursor.execute("SELECT %s" % q)
    cursor.execute("SELECT {}".format(q))
    cursor.execute(" ".join(["SELECT", q]))
    s = "SELECT "
    s += q
    cursor.execute(s)
    data = {"name": q}
    cursor.execute(data["name"])
    cursor.execute("SELECT 1")
`);
    expect(summary(r)).toEqual(['sql@5', 'sql@6', 'sql@7', 'sql@8', 'sql@11', 'sql@13']);
  });

  test('members assigned on self, loop variables, with-bindings, mutated containers', async () => {
    const r = await run(`${HEAD}class H:
    def view_x(self, name):
        self.target = name
        os.system(self.target)
        for part in name.split('/'):
            open(part)
        parts = []
        parts.append(name)
        cursor.execute(" ".join(parts))
        with open(name) as fh:
            cursor.execute(fh.read())
`);
    expect(summary(r)).toEqual(['command@6', 'path@8', 'sql@11', 'path@12', 'sql@13']);
    const mutated = r.hits.find((h) => h.kind === 'sql')!;
    expect(mutated.flow.map((s) => s.label)).toEqual(['param name', 'parts.append(name)', 'cursor.execute(" ".join(parts))']);
  });

  test('loops: a value assigned late in the body reaches a use early in it, on the next iteration', async () => {
    const r = await run(`${HEAD}def f():
    prev = ""
    for line in open("commands.txt"):
        os.system(prev)
        prev = request.args['q']
    while True:
        cursor.execute(last)
        last = request.form['x']
`);
    expect(summary(r)).toEqual(['command@6', 'sql@9']);
  });

  test('route parameters from the spec, keyword arguments of sinks', async () => {
    const r = await run(`${HEAD}def view_file(path):
    open(file=path)

def helper(path):
    open(path)
`);
    expect(summary(r)).toEqual(['path@4']);
    expect(r.hits[0].message).toBe('param path (line 3) reaches open (line 4)');
  });
});

describe('helpers of the same file', () => {
  test('argument i flows to the return value', async () => {
    const r = await run(`${HEAD}def build(table, where):
    return "SELECT * FROM " + table + " WHERE " + where

def f():
    cursor.execute(build("users", request.args['w']))
    cursor.execute(build("users", "id = 1"))
`);
    expect(summary(r)).toEqual(['sql@7']);
    expect(r.hits[0].flow.map((s) => s.line)).toEqual([7, 7, 7]);
  });

  test('a helper that returns request data, and one that passes its argument to a sink', async () => {
    const r = await run(`${HEAD}def current_query():
    return request.args.get('q', '')

def run_it(cmd):
    os.system("sh -c " + cmd)

def f():
    q = current_query()
    cursor.execute(q)
    run_it(request.form['cmd'])
`);
    expect(summary(r)).toEqual(['command@7', 'sql@11']);
    const viaHelper = r.hits.find((h) => h.kind === 'command')!;
    expect(viaHelper.message).toBe("request.form['cmd'] (line 12) reaches os.system (line 7)");
    expect(viaHelper.flow.map((s) => s.line)).toEqual([12, 12, 7]);
  });

  test('methods resolve within their class; a sanitising helper stops the flow; recursion terminates', async () => {
    const r = await run(`${HEAD}class A:
    def clean(self, v):
        return int(v)
    def go(self):
        cursor.execute(self.clean(request.args['id']))

class B:
    def clean(self, v):
        return v
    def go(self):
        cursor.execute(self.clean(request.args['id']))

def loop(v):
    return loop(v)

def f():
    cursor.execute(loop(request.args['x']))
`);
    expect(summary(r)).toEqual(['sql@13', 'sql@19']);
  });
});

describe('sanitisers and validators', () => {
  test('a sanitiser clears its kinds only; int() clears all', async () => {
    const r = await run(`${HEAD}def f():
    q = shlex.quote(request.args['q'])
    os.system("ls " + q)
    cursor.execute("SELECT " + q)
    n = int(request.args['n'])
    cursor.execute(f"SELECT {n}")
`);
    expect(summary(r)).toEqual(['sql@6']);
  });

  test('membership and validator calls in conditions clear the variable from there on', async () => {
    const r = await run(`${HEAD}ALLOWED = {"a", "b"}

def f():
    name = request.args['name']
    if name not in ALLOWED:
        return None
    os.system("run " + name)

def g():
    url = request.args['url']
    if not is_safe(url):
        url = "/"
    os.system(url)

def h():
    other = request.args['other']
    if other:
        os.system(other)
`);
    expect(summary(r)).toEqual(['command@20']);
  });

  test('a fixed prefix the sink accepts (a host before a path) is not reported', async () => {
    const r = await run(`${HEAD}def f():
    uid = request.args['id']
    fetch("https://api.example.com/users/" + uid)
    fetch(f"https://{uid}/x")
    fetch("https://api.example.com/u/{}".format(uid))
`);
    expect(summary(r)).toEqual(['url@6']);
  });
});

test('return sinks: a chosen unit returning untrusted data, reported at the return', async () => {
  const spec: TaintSpec = { ...SPEC, returnSinks: [{ kind: 'html', units: (u) => u.name === 'view_page', select: (v) => v.type === 'string', label: (u) => `the response of ${u.name}` }] };
  const r = await run(`${HEAD}def view_page(name):
    if name:
        return {"name": name}
    return f"<p>{name}</p>"

def other(name):
    return f"<p>{request.args['x']}</p>"
`, undefined, spec);
  expect(summary(r)).toEqual(['html@6']);
  expect(r.hits[0].message).toBe('param name (line 3) reaches the response of view_page (line 6)');
});

describe('bounds', () => {
  test('a 20,000-statement function is analysed to its end, its flow kept short', async () => {
    const lines = ['    v0 = request.args["q"]'];
    for (let i = 1; i < 20_000; i++) lines.push(`    v${i} = v${i - 1} + "x"`);
    lines.push('    cursor.execute(v19999)');
    const r = await run(`${HEAD}def f():\n${lines.join('\n')}\n`);
    expect(summary(r)).toEqual([`sql@${20_000 + 4}`]);
    expect(r.truncated).toBe(false);
    expect(r.hits[0].flow.length).toBeLessThanOrEqual(14);
    expect(r.hits[0].flow[0]).toEqual({ line: 4, column: 10, label: 'request.args["q"]' });
    expect(r.hits[0].flow.at(-1)!.line).toBe(20_004);
  });

  test('past the node budget the rest of a function is cut silently and the result says so', async () => {
    const lines = ['    v0 = request.args["q"]'];
    for (let i = 1; i < 2_000; i++) lines.push(`    v${i} = v${i - 1} + "x"`);
    lines.push('    cursor.execute(v1999)');
    const r = await run(`${HEAD}def f():\n${lines.join('\n')}\n`, { maxNodesPerUnit: 1_000 });
    expect(r.hits).toEqual([]);
    expect(r.truncated).toBe(true);
  });

  test('deep parentheses and a long concatenation are followed without recursion', async () => {
    const parens = `${'('.repeat(3_000)}request.args["q"]${')'.repeat(3_000)}`;
    const chain = Array.from({ length: 5_000 }, (_, i) => (i === 0 ? 'request.args["q"]' : `"p${i}"`)).join(' + ');
    const r = await run(`${HEAD}def f():\n    a = ${parens}\n    os.system(a)\n    b = ${chain}\n    cursor.execute(b)\n`);
    expect(summary(r)).toEqual(['command@5', 'sql@7']);
  });

  test('calls nested thousands deep hit the depth bound: no stack overflow, a silent cut', async () => {
    const nested = `${'g('.repeat(3_000)}request.args["q"]${')'.repeat(3_000)}`;
    const r = await run(`${HEAD}def f():\n    os.system(${nested})\n`);
    expect(r.hits).toEqual([]);
    expect(r.truncated).toBe(true);
  });
});
