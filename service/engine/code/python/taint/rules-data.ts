// Taint rules: request data deserialised, fetched as a URL, or parsed as XML.
import type { PyRule } from '../context';
import { taintRule } from './analysis';

export const taintDeserialization: PyRule = taintRule('deserialization', {
  id: 'CODE-PY-TAINT-DESERIALIZATION',
  title: 'Request data deserialised with pickle, marshal or unsafe YAML',
  severity: 'critical',
  confidence: 'high',
  description:
    'Bytes from the request are loaded with pickle (or dill, jsonpickle, pandas.read_pickle), marshal, or yaml.load without a safe loader. Unpickling runs constructors chosen by the data: an attacker runs code on the server.',
  remediation: 'Exchange data as JSON (json.loads) or YAML with yaml.safe_load. If objects must travel, sign them (hmac) and verify the signature before loading, or use a schema-checked format.',
  remediationSnippet: 'settings = yaml.safe_load(request.data)',
  cwe: ['CWE-502'],
  helpUri: 'https://cheatsheetseries.owasp.org/cheatsheets/Deserialization_Cheat_Sheet.html',
  examples: {
    fail: [
      `import base64
import pickle
from flask import Flask, request

app = Flask(__name__)

@app.route("/session/restore", methods=["POST"])
def restore():
    blob = base64.b64decode(request.cookies["state"])
    state = pickle.loads(blob)
    return {"user": state["user"]}
`,
      {
        path: 'config/views.py',
        code: `import yaml
from django.http import JsonResponse

def import_config(request):
    config = yaml.load(request.body, Loader=yaml.Loader)
    return JsonResponse({"keys": list(config)})
`,
      },
      `import marshal
from fastapi import FastAPI, Request

app = FastAPI()

@app.post("/bytecode")
async def upload_bytecode(request: Request):
    payload = await request.body()
    code = marshal.loads(payload)
    return {"names": list(code.co_names)}
`,
      `import yaml
from flask import request

@app.post("/import")
def import_settings():
    return yaml.load(request.files["settings"].read())
`,
    ],
    pass: [
      `import json
import yaml
from flask import Flask, request

app = Flask(__name__)

@app.route("/import", methods=["POST"])
def import_settings():
    settings = yaml.safe_load(request.data)
    extra = yaml.load(request.form["extra"], Loader=yaml.SafeLoader)
    return {"settings": settings, "extra": extra, "meta": json.loads(request.form["meta"])}
`,
      `import pickle

def load_cache(path):
    with open(path, "rb") as fh:
        return pickle.load(fh)
`,
    ],
  },
});

export const taintSsrf: PyRule = taintRule('ssrf', {
  id: 'CODE-PY-TAINT-SSRF',
  title: 'Request data chooses the host of an outgoing request (SSRF)',
  severity: 'high',
  confidence: 'medium',
  description:
    'A value from the request is the URL (or its host) of a request the server makes: requests, httpx, urllib.request.urlopen, http.client. An attacker makes the server call internal services or cloud metadata endpoints (169.254.169.254) and read their answers. A fixed scheme and host before the request value (https://api.example.com/users/ + id) is not reported.',
  remediation: 'Keep the scheme and host fixed and put request values only into the path or query (URL-encoded), or check the parsed host against an allow-list before the call; refuse private and link-local addresses.',
  remediationSnippet: 'requests.get(f"https://api.example.com/users/{quote(user_id)}", timeout=5)',
  cwe: ['CWE-918'],
  helpUri: 'https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html',
  examples: {
    fail: [
      `import requests
from flask import Flask, request

app = Flask(__name__)

@app.route("/preview")
def preview():
    url = request.args["url"]
    resp = requests.get(url, timeout=5)
    return resp.text
`,
      `import httpx
from fastapi import FastAPI

app = FastAPI()

@app.get("/proxy")
def proxy(host: str, path: str = "/"):
    return httpx.get(f"http://{host}{path}", timeout=5).json()
`,
      {
        path: 'hooks/views.py',
        code: `import json
from urllib.request import Request, urlopen
from django.http import JsonResponse

def test_webhook(request):
    data = json.loads(request.body)
    req = Request(data["callback_url"], data=b"{}", method="POST")
    with urlopen(req, timeout=5) as resp:
        return JsonResponse({"status": resp.status})
`,
      },
      `import httpx
from fastapi import FastAPI

app = FastAPI()

@app.get("/fetch")
async def fetch(target: str):
    async with httpx.AsyncClient(timeout=5) as client:
        resp = await client.get(target)
    return {"status": resp.status_code, "body": resp.text}
`,
      `import aiohttp
from aiohttp import web

async def preview(request):
    url = request.query["url"]
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as resp:
            return web.Response(text=await resp.text())
`,
      `import urllib3
from flask import Flask, request

app = Flask(__name__)
http = urllib3.PoolManager()

@app.route("/mirror", methods=["POST"])
def mirror():
    resp = http.request("GET", request.form["source"])
    return resp.data
`,
      `import httpx
from flask import Flask, request

app = Flask(__name__)

@app.route("/download")
def download():
    with httpx.stream("GET", request.args["url"]) as resp:
        return b"".join(resp.iter_bytes())
`,
    ],
    pass: [
      `import requests
from flask import Flask, request

app = Flask(__name__)

@app.route("/user")
def user():
    uid = request.args["id"]
    return requests.get("https://api.example.com/users/" + uid, timeout=5).json()

@app.route("/search")
def search():
    return requests.get(f"https://api.example.com/search?q={request.args['q']}", timeout=5).json()
`,
      `import httpx
from fastapi import FastAPI

app = FastAPI()
API_BASE = "https://billing.internal.example.com"

@app.get("/invoices/{invoice_id}")
def invoice(invoice_id: str):
    return httpx.get(f"{API_BASE}/invoices/{invoice_id}", timeout=5).json()
`,
      {
        path: 'hooks/views.py',
        code: `import requests
from django.http import JsonResponse

WEBHOOKS = {"slack": "https://hooks.slack.com/services/T000/B000/XXX"}

def notify(request):
    target = request.GET["target"]
    if target not in WEBHOOKS:
        return JsonResponse({"error": "unknown"}, status=400)
    requests.post(WEBHOOKS[target], json={"text": "deploy done"}, timeout=5)
    return JsonResponse({"ok": True})
`,
      },
      `import httpx
from fastapi import FastAPI

app = FastAPI()

@app.get("/orders/{order_id}")
async def order(order_id: str):
    async with httpx.AsyncClient(base_url="https://orders.internal.example.com", timeout=5) as client:
        resp = await client.get(f"/v1/orders/{order_id}")
    return resp.json()
`,
      `from flask import Flask, request

app = Flask(__name__)
DEFAULTS = {"lang": "en"}

@app.route("/prefs")
def prefs():
    return {"lang": DEFAULTS.get(request.args["key"], "en")}
`,
    ],
  },
});

export const taintXxe: PyRule = taintRule('xxe', {
  id: 'CODE-PY-TAINT-XXE',
  title: 'Request data parsed by an XML parser that expands entities (XXE)',
  severity: 'high',
  confidence: 'medium',
  description:
    "XML from the request is parsed by lxml with its default parser (entities resolved) or a parser built with resolve_entities on, or by the standard library's minidom, pulldom, SAX or ElementTree parsers, which expand entities. External entities read local files or reach internal URLs; nested entities exhaust memory (billion laughs).",
  remediation: 'Parse request XML with defusedxml (defusedxml.ElementTree.fromstring, defusedxml.minidom.parseString), or with lxml and etree.XMLParser(resolve_entities=False, no_network=True).',
  remediationSnippet: 'from defusedxml.ElementTree import fromstring\ndoc = fromstring(request.data)',
  cwe: ['CWE-611', 'CWE-776'],
  helpUri: 'https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html',
  examples: {
    fail: [
      `from flask import Flask, request
from lxml import etree

app = Flask(__name__)

@app.route("/import", methods=["POST"])
def import_feed():
    doc = etree.fromstring(request.data)
    return {"items": len(doc.findall("item"))}
`,
      {
        path: 'soap/views.py',
        code: `from xml.dom import minidom
from django.http import HttpResponse

def soap_endpoint(request):
    envelope = minidom.parseString(request.body)
    action = envelope.getElementsByTagName("Action")[0].firstChild.data
    return HttpResponse(action, content_type="text/plain")
`,
      },
      `from fastapi import FastAPI, Request
from lxml import etree

app = FastAPI()

@app.post("/svg")
async def upload_svg(request: Request):
    parser = etree.XMLParser(resolve_entities=True)
    root = etree.fromstring(await request.body(), parser=parser)
    return {"width": root.get("width")}
`,
    ],
    pass: [
      `from defusedxml.ElementTree import fromstring
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
SAFE = etree.XMLParser(resolve_entities=False, no_network=True)

@app.route("/import", methods=["POST"])
def import_feed():
    doc = fromstring(request.data)
    other = etree.fromstring(request.data, SAFE)
    return {"items": len(doc.findall("item")) + len(other)}
`,
      `from lxml import etree

def load_catalog(path):
    return etree.parse(path)
`,
    ],
  },
});
