import os
import json
import logging
import requests
from flask import Flask, request, jsonify, redirect, url_for, render_template, send_from_directory, abort, session, flash, make_response
from werkzeug.utils import secure_filename
from sqlalchemy import select, text
from .models import db, User, Item

app = Flask(__name__)
log = logging.getLogger(__name__)
UPLOAD = "/srv/uploads"
API = "https://api.example.com"

@app.route("/")
def index():
    page = request.args.get("page", 1, type=int)
    items = Item.query.paginate(page=page, per_page=20)
    return render_template("index.html", items=items)

@app.route("/user/<username>")
def profile(username):
    user = User.query.filter_by(username=username).first_or_404()
    return render_template("profile.html", user=user)

@app.route("/api/items", methods=["POST"])
def create_item():
    data = request.get_json()
    item = Item(name=data["name"], price=float(data["price"]))
    db.session.add(item)
    db.session.commit()
    log.info("created %s", data["name"])
    return jsonify(item.to_dict()), 201

@app.route("/search")
def search():
    q = request.args.get("q", "")
    stmt = select(Item).where(Item.name.ilike(f"%{q}%"))
    rows = db.session.execute(stmt).scalars().all()
    rows2 = db.session.execute(text("SELECT * FROM items WHERE name = :n"), {"n": q}).all()
    return jsonify([r.to_dict() for r in rows])

@app.route("/upload", methods=["POST"])
def upload():
    f = request.files["file"]
    name = secure_filename(f.filename)
    path = os.path.join(UPLOAD, name)
    f.save(path)
    return redirect(url_for("uploaded", name=name))

@app.route("/uploads/<name>")
def uploaded(name):
    return send_from_directory(UPLOAD, name)

@app.route("/login", methods=["POST"])
def login():
    user = User.query.filter_by(email=request.form["email"]).first()
    if not user or not user.check_password(request.form["password"]):
        flash("bad login")
        return redirect(url_for("login"))
    session["uid"] = user.id
    next_url = request.args.get("next")
    if next_url and next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect(url_for("index"))

@app.route("/weather")
def weather():
    city = request.args["city"]
    resp = requests.get(f"{API}/weather", params={"city": city}, timeout=5)
    resp2 = requests.get(API + "/forecast/" + city, timeout=5)
    return jsonify(resp.json())

@app.route("/export")
def export():
    fmt = request.args.get("format", "csv")
    if fmt not in ("csv", "json"):
        abort(400)
    filename = f"/srv/exports/latest.{fmt}"
    with open(filename) as fh:
        return fh.read()

@app.route("/hello")
def hello():
    name = request.args.get("name", "world")
    return render_template("hello.html", name=name)

@app.route("/api/echo")
def echo():
    return jsonify({"q": request.args.get("q")})

@app.route("/set")
def set_pref():
    resp = make_response(redirect(url_for("index")))
    resp.set_cookie("theme", request.args.get("theme", "light"))
    return resp

@app.route("/proxy-avatar")
def avatar():
    user_id = request.args["id"]
    r = requests.get("https://avatars.example.com/u/%s.png" % user_id, timeout=5)
    return r.content

@app.route("/count")
def count():
    n = len(request.args.get("items", "").split(","))
    return f"<p>{n} items</p>"

@app.route("/status")
def status():
    return "ok: " + str(request.args.get("id", "").isdigit())
