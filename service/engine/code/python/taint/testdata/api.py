from typing import Optional
import httpx
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, FileResponse
from sqlalchemy import text
from sqlalchemy.orm import Session
from .db import get_db
from .schemas import ItemIn

router = APIRouter()
BASE = "https://inventory.internal"

@router.get("/items/{item_id}")
def get_item(item_id: int, db: Session = Depends(get_db)):
    row = db.execute(text("SELECT * FROM items WHERE id = :id"), {"id": item_id}).first()
    if not row:
        raise HTTPException(404)
    return dict(row._mapping)

@router.get("/items")
def list_items(q: Optional[str] = Query(None), limit: int = 20, db: Session = Depends(get_db)):
    sql = "SELECT * FROM items"
    params = {}
    if q:
        sql += " WHERE name ILIKE :q"
        params["q"] = f"%{q}%"
    sql += f" LIMIT {limit}"
    return [dict(r._mapping) for r in db.execute(text(sql), params)]

@router.post("/items")
def create(item: ItemIn, db: Session = Depends(get_db)):
    db.execute(text("INSERT INTO items (name) VALUES (:n)"), {"n": item.name})
    return {"ok": True}

@router.get("/stock/{sku}")
async def stock(sku: str):
    async with httpx.AsyncClient() as client:
        r = await client.get(f"{BASE}/stock/{sku}")
    return r.json()

@router.get("/hello")
def hello(name: str = "world"):
    return {"message": f"Hello {name}"}

@router.get("/files/{name}")
def file(name: str):
    safe = {"report.pdf", "terms.pdf"}
    if name not in safe:
        raise HTTPException(404)
    return FileResponse(f"/srv/files/{name}")
