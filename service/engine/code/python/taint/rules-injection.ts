// Taint rules: request data reaching SQL, commands and code evaluation.
import type { PyRule } from '../context';
import { taintRule } from './analysis';

export const taintSql: PyRule = taintRule('sql', {
  id: 'CODE-PY-TAINT-SQL',
  title: 'Request data in an SQL statement',
  severity: 'high',
  confidence: 'high',
  description:
    'A value from the request is put into the text of an SQL statement (f-string, %, +, .format, or as the whole query) that is then run: cursor.execute, SQLAlchemy text() or execute, Django raw(), extra() or RawSQL, pandas.read_sql. An attacker can change the statement: read other rows, bypass a login, alter or drop data.',
  remediation: 'Pass values as query parameters (cursor.execute("… WHERE id = %s", (value,)), text("… :id") with bound parameters, Model.objects.raw(sql, [value])) or use the ORM. Never build the SQL text from request data.',
  remediationSnippet: 'cursor.execute("SELECT * FROM users WHERE name = %s", (name,))',
  cwe: ['CWE-89'],
  helpUri: 'https://cheatsheetseries.owasp.org/cheatsheets/Query_Parameterization_Cheat_Sheet.html',
  examples: {
    fail: [
      `from flask import Flask, request
import sqlite3

app = Flask(__name__)

@app.route("/users")
def users():
    name = request.args.get("name", "")
    conn = sqlite3.connect("app.db")
    cur = conn.cursor()
    cur.execute(f"SELECT id, email FROM users WHERE name = '{name}'")
    return {"rows": cur.fetchall()}
`,
      {
        path: 'shop/views.py',
        code: `from django.db import connection
from django.http import JsonResponse

def order_search(request):
    status = request.GET["status"]
    query = "SELECT id, total FROM orders WHERE status = '%s'" % status
    with connection.cursor() as cursor:
        cursor.execute(query)
        rows = cursor.fetchall()
    return JsonResponse({"orders": rows})
`,
      },
      {
        path: 'shop/views.py',
        code: `from django.shortcuts import render
from .models import Product

def by_category(request, category):
    products = Product.objects.raw("SELECT * FROM shop_product WHERE category = '" + category + "'")
    return render(request, "products.html", {"products": products})
`,
      },
      `from fastapi import FastAPI, Depends
from sqlalchemy import text
from sqlalchemy.orm import Session

app = FastAPI()

@app.get("/items/search")
def search_items(q: str, db: Session = Depends(get_db)):
    stmt = text("SELECT * FROM items WHERE title LIKE '%{}%'".format(q))
    return db.execute(stmt).fetchall()
`,
      `from flask import request
from app.db import get_cursor

def build_filter(column, value):
    return "WHERE %s = '%s'" % (column, value)

@bp.route("/reports")
def reports():
    sql = "SELECT * FROM reports " + build_filter("owner", request.args["owner"])
    cur = get_cursor()
    cur.execute(sql)
    return cur.fetchall()
`,
    ],
    pass: [
      `from flask import Flask, request
import sqlite3

app = Flask(__name__)

@app.route("/users")
def users():
    name = request.args.get("name", "")
    cur = sqlite3.connect("app.db").cursor()
    cur.execute("SELECT id, email FROM users WHERE name = ?", (name,))
    return {"rows": cur.fetchall()}
`,
      {
        path: 'shop/views.py',
        code: `from django.db import connection

def order_page(request):
    page = int(request.GET.get("page", "1"))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM orders ORDER BY id LIMIT 20 OFFSET {page * 20}")
        return cursor.fetchall()
`,
      },
      {
        path: 'shop/views.py',
        code: `from .models import Product

def by_category(request, category):
    return list(Product.objects.raw("SELECT * FROM shop_product WHERE category = %s", [category]))
`,
      },
      `from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.orm import Session

app = FastAPI()

@app.get("/items/{item_id}")
def read_item(item_id: int, db: Session = Depends(get_db)):
    return db.execute(text(f"SELECT * FROM items WHERE id = {item_id}")).first()
`,
      `import sqlite3

def migrate(table):
    conn = sqlite3.connect("app.db")
    conn.execute(f"ALTER TABLE {table} ADD COLUMN created_at TEXT")
`,
    ],
  },
});

export const taintCommand: PyRule = taintRule('command', {
  id: 'CODE-PY-TAINT-COMMAND',
  title: 'Request data in an operating-system command',
  severity: 'critical',
  confidence: 'high',
  description:
    'A value from the request reaches a command run by the shell or as the program to start (os.system, os.popen, subprocess with shell=True or with a request-chosen program). An attacker can run commands of their choice on the server.',
  remediation: 'Run a fixed program with a list of arguments and no shell (subprocess.run(["convert", path], check=True)), validate the value against an allow-list, or quote it with shlex.quote when a shell cannot be avoided.',
  remediationSnippet: 'subprocess.run(["ping", "-c", "1", host], check=True, timeout=10)',
  cwe: ['CWE-78'],
  helpUri: 'https://cheatsheetseries.owasp.org/cheatsheets/OS_Command_Injection_Defense_Cheat_Sheet.html',
  examples: {
    fail: [
      `import os
from flask import Flask, request

app = Flask(__name__)

@app.route("/ping")
def ping():
    host = request.args.get("host")
    os.system("ping -c 1 " + host)
    return "ok"
`,
      `import subprocess
from flask import request

@app.post("/convert")
def convert():
    fmt = request.form["format"]
    cmd = f"convert upload.png output.{fmt}"
    out = subprocess.check_output(cmd, shell=True)
    return out
`,
      {
        path: 'tools/views.py',
        code: `import subprocess
from django.http import HttpResponse

def whois(request):
    domain = request.POST.get("domain", "")
    result = subprocess.run("whois %s" % domain, shell=True, capture_output=True, text=True)
    return HttpResponse(result.stdout, content_type="text/plain")
`,
      },
      `import os
from fastapi import FastAPI

app = FastAPI()

@app.get("/logs/{service}")
async def tail_logs(service: str, lines: int = 50):
    stream = os.popen(f"journalctl -u {service} -n {lines}")
    return {"log": stream.read()}
`,
      `import subprocess
from flask import request

def run_tool(name, *args):
    subprocess.Popen([name, *args])

@app.route("/tools")
def tools():
    run_tool(request.args["tool"], "--version")
    return "started"
`,
    ],
    pass: [
      `import subprocess
from flask import Flask, request

app = Flask(__name__)

@app.route("/ping")
def ping():
    host = request.args.get("host")
    subprocess.run(["ping", "-c", "1", host], check=True, timeout=10)
    return "ok"
`,
      `import os
import shlex
from flask import request

@app.route("/ping")
def ping():
    host = request.args.get("host", "")
    os.system("ping -c 1 " + shlex.quote(host))
    return "ok"
`,
      {
        path: 'tools/views.py',
        code: `import subprocess
from django.http import HttpResponse

ALLOWED = {"nginx", "postgres", "redis"}

def restart(request):
    service = request.POST.get("service", "")
    if service not in ALLOWED:
        return HttpResponse(status=400)
    subprocess.run(f"systemctl restart {service}", shell=True, check=True)
    return HttpResponse("restarted")
`,
      },
      `import os
from fastapi import FastAPI

app = FastAPI()

@app.get("/jobs/{job_id}/log")
def job_log(job_id: int):
    return {"log": os.popen(f"tail -n 100 /var/log/jobs/{job_id}.log").read()}
`,
    ],
  },
});

export const taintCode: PyRule = taintRule('code', {
  id: 'CODE-PY-TAINT-CODE',
  title: 'Request data evaluated as Python code',
  severity: 'critical',
  confidence: 'high',
  description: 'A value from the request reaches eval(), exec() or compile(). An attacker can run any Python code in the server process.',
  remediation: 'Never evaluate request data. Parse values with a parser for the expected format (int(), json.loads, ast.literal_eval for Python literals) or dispatch to known functions through a dict.',
  remediationSnippet: 'value = ast.literal_eval(request.args["value"])',
  cwe: ['CWE-95'],
  helpUri: 'https://owasp.org/www-community/attacks/Code_Injection',
  examples: {
    fail: [
      `from flask import Flask, request

app = Flask(__name__)

@app.route("/calc")
def calc():
    expression = request.args.get("expr", "0")
    return str(eval(expression))
`,
      {
        path: 'rules/views.py',
        code: `from django.http import JsonResponse

def apply_rule(request):
    body = request.body.decode("utf-8")
    scope = {}
    exec(compile(body, "<rule>", "exec"), scope)
    return JsonResponse({"result": scope.get("result")})
`,
      },
      `from fastapi import FastAPI
from pydantic import BaseModel

class Formula(BaseModel):
    expression: str

app = FastAPI()

@app.post("/formula")
def evaluate(formula: Formula):
    code = "result = " + formula.expression
    namespace = {}
    exec(code, namespace)
    return namespace["result"]
`,
    ],
    pass: [
      `import ast
from flask import Flask, request

app = Flask(__name__)

@app.route("/calc")
def calc():
    value = ast.literal_eval(request.args.get("value", "0"))
    return str(value)
`,
      `OPERATIONS = {"sum": sum, "max": max}

@app.get("/op/{name}")
def op(name: str, values: str):
    return OPERATIONS[name]([int(v) for v in values.split(",")])
`,
      `def load_plugin(path):
    with open(path) as f:
        exec(f.read(), {})
`,
    ],
  },
});
