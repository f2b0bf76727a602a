// Python's taint rules over whole files: which parameters and members are request data in each
// framework, the message and flow a finding carries, and the framework-specific safe shapes.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { makePythonAnalyzer } from '..';
import type { CodeHit } from '../../types';
import { pythonTaintRules } from '.';

const analyzer = makePythonAnalyzer(pythonTaintRules);

async function scan(code: string, path = 'app.py'): Promise<CodeHit[]> {
  const warnings: string[] = [];
  const hits = await analyzer.analyze([{ path, text: code }], { warn: (_c, m) => warnings.push(m) });
  expect(warnings).toEqual([]);
  return hits;
}

const brief = (hits: CodeHit[]) => hits.map((h) => `${h.ruleId.replace('CODE-PY-TAINT-', '')}@${h.line}`).sort();

test('at least 8 taint rules, all marked taint, with no upstream', () => {
  expect(pythonTaintRules.length).toBeGreaterThanOrEqual(8);
  for (const r of pythonTaintRules) {
    expect(r.rule.taint).toBe(true);
    expect(r.rule.upstream).toBeUndefined();
    expect(r.rule.id).toMatch(/^CODE-PY-TAINT-/);
  }
});

describe('Flask', () => {
  test('the finding is at the sink, names the source and carries the flow', async () => {
    const hits = await scan(`from flask import Flask, request
import sqlite3

app = Flask(__name__)

@app.route("/search")
def search():
    q = request.args['q']
    db = sqlite3.connect("app.db")
    query = "SELECT * FROM items WHERE name LIKE '%" + q + "%'"
    rows = db.cursor().execute(query).fetchall()
    return {"rows": rows}
`);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ ruleId: 'CODE-PY-TAINT-SQL', line: 11, column: 12, message: "request.args['q'] (line 8) reaches db.cursor().execute (line 11)" });
    expect(hits[0].flow).toEqual([
      { line: 8, column: 9, label: "request.args['q']" },
      { line: 8, column: 5, label: "q = request.args['q']" },
      { line: 10, column: 5, label: `query = "SELECT * FROM items WHERE name LIKE '%" + q + "%'"` },
      { line: 11, column: 12, label: 'db.cursor().execute(query)' },
    ]);
  });

  test('route parameters are request data unless the route converts them; typed get() is clean', async () => {
    const hits = await scan(`import os
from flask import Blueprint, request

bp = Blueprint("files", __name__)

@bp.route("/files/<name>")
def read(name):
    return open("/srv/files/" + name).read()

@bp.route("/jobs/<int:job_id>")
def job(job_id):
    os.system(f"jobctl status {job_id}")
    n = request.args.get("n", type=int)
    os.system(f"jobctl tail {n}")
    return "ok"
`);
    expect(brief(hits)).toEqual(['PATH@8']);
    expect(hits[0].message).toBe('route parameter name (line 7) reaches open (line 8)');
  });

  test('every request attribute counts: form, json, get_json(), cookies, headers, files, data', async () => {
    const hits = await scan(`import os, pickle
from flask import request

@app.post("/a")
def a():
    os.system(request.form["x"])
    os.system(request.json["x"])
    os.system(request.get_json()["x"])
    os.system(request.cookies.get("x"))
    os.system(request.headers["X-Cmd"])
    os.system(request.files["f"].filename)
    pickle.loads(request.data)
    return ""
`);
    expect(brief(hits)).toEqual(['COMMAND@10', 'COMMAND@11', 'COMMAND@6', 'COMMAND@7', 'COMMAND@8', 'COMMAND@9', 'DESERIALIZATION@12']);
  });

  test('subprocess with a list and no shell: only a request-chosen program is a command', async () => {
    const hits = await scan(`import subprocess
from flask import request

@app.get("/ls")
def ls():
    subprocess.run(["ls", "-l", request.args["dir"]], check=True)
    subprocess.run([request.args["tool"], "--version"])
    subprocess.run(["ls", request.args["dir"]], shell=True)
    return ""
`);
    expect(brief(hits)).toEqual(['COMMAND@7', 'COMMAND@8']);
  });

  test('mock.patch on a test is not a route', async () => {
    const hits = await scan(`from unittest import mock
import os

@mock.patch("os.system")
def test_run(system):
    os.system(system)
`);
    expect(hits).toEqual([]);
  });
});

describe('FastAPI', () => {
  test('path and query parameters by type; dependencies and converted types are not request data', async () => {
    const hits = await scan(`import os
from uuid import UUID
from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

router = APIRouter()

class Job(BaseModel):
    command: str

@router.post("/jobs/{job_id}")
async def run_job(job_id: UUID, job: Job, limit: int = 10, user=Depends(current_user)):
    os.system(f"run {job_id} --limit {limit} --user {user}")
    os.system(job.command)

@router.get("/raw")
async def raw(req: Request):
    os.system(req.query_params["cmd"])
    body = await req.json()
    os.system(body["cmd"])

@router.get("/annotated/{n}")
def annotated(n: Annotated[int, Path(ge=1)], q: Annotated[str, Query(max_length=50)]):
    os.system(f"job {n}")
    os.system(f"job {q}")

@router.websocket("/ws")
async def ws(websocket: WebSocket):
    os.system(await websocket.receive_text())
`);
    expect(brief(hits)).toEqual(['COMMAND@14', 'COMMAND@18', 'COMMAND@20', 'COMMAND@25', 'COMMAND@29']);
    expect(hits.find((h) => h.line === 18)!.message).toBe('req.query_params["cmd"] (line 18) reaches os.system (line 18)');
  });
});

describe('Django', () => {
  const view = `from django.db import connection
from django.http import HttpResponse

def detail(request, slug):
    with connection.cursor() as c:
        c.execute("SELECT body FROM pages WHERE slug = '%s'" % slug)
        return HttpResponse(c.fetchone()[0])
`;

  test('URL parameters of views (views modules), not of any function taking request', async () => {
    expect(brief(await scan(view, 'pages/views.py'))).toEqual(['SQL@6']);
    expect(brief(await scan(view, 'pages/helpers.py'))).toEqual([]);
  });

  test('class-based views: handler methods, self.kwargs, self.request', async () => {
    const hits = await scan(`import subprocess
from django.views import View
from django.http import JsonResponse

class Ping(View):
    def get(self, request, host):
        subprocess.check_output("ping -c1 " + host, shell=True)
        subprocess.check_output("ping -c1 " + self.kwargs["other"], shell=True)
        subprocess.check_output("ping -c1 " + self.request.GET["third"], shell=True)
        return JsonResponse({})

    def helper(self, request, value):
        subprocess.check_output("echo " + value, shell=True)
`, 'net/cbv.py');
    expect(brief(hits)).toEqual(['COMMAND@7', 'COMMAND@8', 'COMMAND@9']);
  });

  test('GET, POST, COOKIES, META and body; escaping and the safe-URL check stop their flows', async () => {
    const hits = await scan(`from django.http import HttpResponse, HttpResponseRedirect
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme

def page(request):
    HttpResponse("<b>" + request.GET["a"] + "</b>")
    HttpResponse("<b>" + escape(request.POST["b"]) + "</b>")
    HttpResponse(request.COOKIES["c"])
    HttpResponse(request.META["HTTP_X_D"])
    nxt = request.GET.get("next", "/")
    if url_has_allowed_host_and_scheme(nxt, allowed_hosts=None):
        return HttpResponseRedirect(nxt)
    return HttpResponseRedirect(request.body.decode())
`, 'web/views.py');
    expect(brief(hits)).toEqual(['REDIRECT@13', 'XSS@6', 'XSS@8', 'XSS@9']);
  });
});

describe('WSGI', () => {
  test('the environ of a WSGI application; the source is named by its first access', async () => {
    const hits = await scan(`import os
from urllib.parse import parse_qs

def application(environ, start_response):
    params = parse_qs(environ["QUERY_STRING"])
    os.system("convert " + params["file"][0])
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]
`);
    expect(hits).toHaveLength(1);
    expect(hits[0].message).toBe('environ["QUERY_STRING"] (line 5) reaches os.system (line 6)');
  });

  test('a WSGI application whose environ has another name (the file never says environ or request)', async () => {
    const hits = await scan(`import os

def app(env, start_response):
    os.system("convert " + env["PATH_INFO"])
    start_response("200 OK", [])
    return [b"ok"]
`);
    expect(brief(hits)).toEqual(['COMMAND@4']);
  });
});

test('files without any source are not walked, and nothing is found in them', async () => {
  expect(await scan('import os\n\ndef f(cmd):\n    os.system(cmd)\n    eval(cmd)\n')).toEqual([]);
});

test.each([
  ['flask_app.py', 'app/routes.py'],
  ['blog_views.py', 'blog/views.py'],
  ['api.py', 'app/api.py'],
])('the usual safe idioms of a real app give no taint finding: %s', async (fixture, as) => {
  const code = readFileSync(path.join(__dirname, 'testdata', fixture), 'utf8');
  expect(await scan(code, as)).toEqual([]);
});

test('the same apps with the safe idioms removed are found', async () => {
  const flask = readFileSync(path.join(__dirname, 'testdata', 'flask_app.py'), 'utf8')
    .replace('db.session.execute(text("SELECT * FROM items WHERE name = :n"), {"n": q})', 'db.session.execute(text(f"SELECT * FROM items WHERE name = \'{q}\'"))')
    .replace('if next_url and next_url.startswith("/") and not next_url.startswith("//"):', 'if next_url:')
    .replace('name = secure_filename(f.filename)', 'name = f.filename');
  expect(brief(await scan(flask, 'app/routes.py'))).toEqual(['PATH@48', 'REDIRECT@64', 'SQL@40']);
});
