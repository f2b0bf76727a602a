// Taint rules: request data reaching file paths, redirects, template sources and HTML responses.
import type { PyRule } from '../context';
import { taintRule } from './analysis';

export const taintPath: PyRule = taintRule('path', {
  id: 'CODE-PY-TAINT-PATH',
  title: 'Request data in a file path',
  severity: 'high',
  confidence: 'medium',
  description:
    'A value from the request is used as (part of) a file path that is opened, sent, saved, copied or deleted: open(), send_file, FileResponse, os.remove, shutil.*, pathlib read/write, FileStorage.save. With "../" or an absolute path an attacker reads or overwrites files outside the intended directory. Flask\'s send_from_directory joins the file name safely and is only a sink for its directory.',
  remediation: 'Reduce the name to a file name (werkzeug.utils.secure_filename, os.path.basename) and check it against an allow-list, or resolve the full path and check it stays under the base directory (os.path.realpath(p).startswith(BASE + os.sep)). Flask: send_from_directory(BASE, name).',
  remediationSnippet: 'return send_from_directory(UPLOAD_DIR, name)',
  cwe: ['CWE-22'],
  helpUri: 'https://owasp.org/www-community/attacks/Path_Traversal',
  examples: {
    fail: [
      `import os
from flask import Flask, request, send_file

app = Flask(__name__)
REPORTS = "/srv/reports"

@app.route("/reports/download")
def download():
    name = request.args["file"]
    return send_file(os.path.join(REPORTS, name))
`,
      `import os
from flask import request

@app.post("/upload")
def upload():
    f = request.files["document"]
    f.save(os.path.join("/srv/uploads", f.filename))
    return "saved"
`,
      {
        path: 'files/views.py',
        code: `from django.http import HttpResponse

def read_note(request, note_name):
    with open(f"/var/app/notes/{note_name}.txt") as fh:
        return HttpResponse(fh.read(), content_type="text/plain")
`,
      },
      `from pathlib import Path
from fastapi import FastAPI

app = FastAPI()
BASE = Path("/srv/templates")

@app.get("/template")
def get_template(name: str):
    return {"body": (BASE / name).read_text()}
`,
      {
        path: 'files/views.py',
        code: `import os
import shutil
from django.http import JsonResponse

def delete_export(request):
    export = request.POST["export"]
    target = os.path.join("/srv/exports", export)
    if os.path.isdir(target):
        shutil.rmtree(target)
    else:
        os.remove(target)
    return JsonResponse({"deleted": export})
`,
      },
    ],
    pass: [
      `import os
from flask import Flask, request, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)

@app.route("/reports/download")
def download():
    return send_from_directory("/srv/reports", request.args["file"])

@app.post("/upload")
def upload():
    f = request.files["document"]
    f.save(os.path.join("/srv/uploads", secure_filename(f.filename)))
    return "saved"
`,
      {
        path: 'files/views.py',
        code: `import os
from django.http import FileResponse, Http404

BASE = "/var/app/exports"

def export(request):
    path = os.path.realpath(os.path.join(BASE, request.GET["name"]))
    if not path.startswith(BASE + os.sep):
        raise Http404()
    return FileResponse(open(path, "rb"))
`,
      },
      `import os
from fastapi import FastAPI, HTTPException

app = FastAPI()
THEMES = {"light.css", "dark.css"}

@app.get("/themes/{name}")
def theme(name: str):
    name = os.path.basename(name)
    if name not in THEMES:
        raise HTTPException(404)
    with open(os.path.join("/srv/themes", name)) as fh:
        return fh.read()
`,
      `import json

def load_settings(path="settings.json"):
    with open(path) as fh:
        return json.load(fh)
`,
    ],
  },
});

export const taintRedirect: PyRule = taintRule('redirect', {
  id: 'CODE-PY-TAINT-REDIRECT',
  title: 'Redirect to a URL from the request (open redirect)',
  severity: 'medium',
  confidence: 'medium',
  description:
    'The target of a redirect comes from the request (a "next" or "return_to" parameter): flask.redirect, django redirect/HttpResponseRedirect, RedirectResponse. An attacker sends links to the trusted site that forward victims to a phishing page. A fixed local path or host before the request value is not reported.',
  remediation: "Redirect only to local paths or allowed hosts: Django's url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}), or map a key from the request to known URLs (url_for, reverse).",
  remediationSnippet: 'if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):\n    next_url = "/"\nreturn redirect(next_url)',
  cwe: ['CWE-601'],
  helpUri: 'https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html',
  examples: {
    fail: [
      `from flask import Flask, redirect, request

app = Flask(__name__)

@app.route("/login", methods=["POST"])
def login():
    next_url = request.args.get("next", "/")
    return redirect(next_url)
`,
      {
        path: 'accounts/views.py',
        code: `from django.contrib.auth import login
from django.http import HttpResponseRedirect

def sso_callback(request):
    login(request, request.user)
    return HttpResponseRedirect(request.GET.get("return_to", "/"))
`,
      },
      `from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()

@app.get("/out")
def outbound(target: str):
    return RedirectResponse(url=target)
`,
      `from flask import redirect, request

@app.route("/lang")
def lang():
    return redirect("https://" + request.args["host"] + "/home")
`,
    ],
    pass: [
      `from flask import Flask, redirect, request, url_for

app = Flask(__name__)

@app.route("/login", methods=["POST"])
def login():
    return redirect(url_for("dashboard", tab=request.args.get("tab")))

@app.route("/profile")
def profile():
    return redirect("/users/" + request.args["id"])
`,
      {
        path: 'accounts/views.py',
        code: `from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

def after_login(request):
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(url=next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    return redirect(next_url)
`,
      },
      `from fastapi.responses import RedirectResponse

@router.get("/docs/{page}")
def docs(page: str):
    return RedirectResponse(url=f"https://docs.example.com/{page}")
`,
    ],
  },
});

export const taintSsti: PyRule = taintRule('ssti', {
  id: 'CODE-PY-TAINT-SSTI',
  title: 'Request data used as template source (server-side template injection)',
  severity: 'critical',
  confidence: 'high',
  description:
    'A value from the request becomes (part of) the source of a template that is then rendered: render_template_string, jinja2 Template or Environment.from_string, Django or Mako Template. Template syntax reaches Python objects: an attacker can read configuration and secrets, and usually run code.',
  remediation: 'Keep templates fixed (files or constants) and pass request data as context variables: render_template_string("Hello {{ name }}", name=name).',
  remediationSnippet: 'return render_template_string("<h1>Hello {{ name }}</h1>", name=name)',
  cwe: ['CWE-1336', 'CWE-94'],
  helpUri: 'https://portswigger.net/web-security/server-side-template-injection',
  examples: {
    fail: [
      `from flask import Flask, render_template_string, request

app = Flask(__name__)

@app.route("/hello")
def hello():
    name = request.args.get("name", "guest")
    template = f"<h1>Hello {name}!</h1>"
    return render_template_string(template)
`,
      `from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from jinja2 import Environment

app = FastAPI()
env = Environment(autoescape=False)

@app.post("/preview", response_class=HTMLResponse)
def preview(body: str):
    return env.from_string(body).render()
`,
      {
        path: 'mail/views.py',
        code: `from django.http import HttpResponse
from django.template import Context, Template

def preview_email(request):
    tpl = Template(request.POST["template"])
    return HttpResponse(tpl.render(Context({"user": request.user})))
`,
      },
    ],
    pass: [
      `from flask import Flask, render_template_string, request

app = Flask(__name__)

@app.route("/hello")
def hello():
    return render_template_string("<h1>Hello {{ name }}!</h1>", name=request.args.get("name", "guest"))
`,
      `from jinja2 import Environment, FileSystemLoader, select_autoescape

env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())

@router.get("/invoice/{number}")
def invoice(number: str):
    return env.get_template("invoice.html").render(number=number)
`,
    ],
  },
});

export const taintXss: PyRule = taintRule('xss', {
  id: 'CODE-PY-TAINT-XSS',
  title: 'Request data in HTML that is not escaped (XSS)',
  severity: 'high',
  confidence: 'medium',
  description:
    "A value from the request is marked safe (Markup, mark_safe), put into an HTML response body built by hand (Django HttpResponse, Flask make_response/Response, HTMLResponse), or into a string a Flask/Bottle view returns (sent as text/html), without escaping. An attacker's script runs in the victim's browser with the site's privileges.",
  remediation: 'Render through templates with autoescaping, or escape values (markupsafe.escape, django.utils.html.escape / format_html) before building HTML. Never mark request data safe.',
  remediationSnippet: 'return HttpResponse(format_html("<p>Hello {}</p>", name))',
  cwe: ['CWE-79'],
  helpUri: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html',
  examples: {
    fail: [
      {
        path: 'blog/views.py',
        code: `from django.http import HttpResponse

def search(request):
    q = request.GET.get("q", "")
    html = "<h2>Results for " + q + "</h2>"
    return HttpResponse(html)
`,
      },
      `from flask import Flask, render_template, request
from markupsafe import Markup

app = Flask(__name__)

@app.route("/comment", methods=["POST"])
def comment():
    body = Markup("<p>%s</p>" % request.form["body"])
    return render_template("comment.html", body=body)
`,
      `from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()

@app.get("/greet")
def greet(name: str):
    return HTMLResponse(f"<html><body>Hello {name}</body></html>")
`,
      `from flask import Flask, request

app = Flask(__name__)

@app.route("/welcome")
def welcome():
    name = request.args.get("name", "friend")
    return f"<h1>Welcome, {name}!</h1>", 200
`,
      {
        path: 'blog/views.py',
        code: `from django.shortcuts import render
from django.utils.safestring import mark_safe

def profile(request, username):
    bio = mark_safe(f"<div class='bio'>{username}</div>")
    return render(request, "profile.html", {"bio": bio})
`,
      },
    ],
    pass: [
      {
        path: 'blog/views.py',
        code: `from django.http import HttpResponse, JsonResponse
from django.utils.html import escape, format_html

def search(request):
    q = request.GET.get("q", "")
    return HttpResponse("<h2>Results for " + escape(q) + "</h2>")

def hello(request):
    return HttpResponse(format_html("<p>Hello {}</p>", request.GET["name"]))

def api(request):
    return HttpResponse(request.GET["q"], content_type="text/plain")
`,
      },
      `from flask import Flask, make_response, render_template, request
from markupsafe import escape

app = Flask(__name__)

@app.route("/comment", methods=["POST"])
def comment():
    return render_template("comment.html", body=request.form["body"])

@app.route("/hello")
def hello():
    return make_response(f"<p>Hello {escape(request.args['name'])}</p>")

@app.route("/api/echo")
def echo():
    return {"echo": request.args.get("q")}

@app.route("/welcome")
def welcome():
    return "<h1>Welcome, %s!</h1>" % escape(request.args.get("name", "friend"))
`,
      `from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()

@app.get("/items/{item_id}")
def item(item_id: int):
    return HTMLResponse(f"<p>Item {item_id}</p>")

@app.get("/hello")
def hello(name: str):
    return f"Hello {name}"
`,
    ],
  },
});
