"""serve: the JSON API (FastAPI, OpenAPI at /openapi.json and /docs) and the dashboard at /.

    strife serve --db FILE [--host 127.0.0.1] [--port 8000]

Read-only by default. Every GET opens the DuckDB file read-only for the length of the request.
POST /documents ingests new reports (fused into the store through `strife.extract`) and answers 401
unless the environment variable STRIFE_API_TOKEN is set and the request presents it as
`Authorization: Bearer <token>`.

Concurrency: DuckDB allows one writing process, and in one process it will not open a file read-only
while it is open for writing. So this server takes a readers-writer lock: GETs share it, a POST holds it
alone while it extracts and fuses (GETs wait until it is done). Run one server process per store
(uvicorn's default), and do not run `strife extract` on the same file while the server is writing.

Errors are JSON: {"message": "...", "status": 404} (422 also lists the invalid fields in "errors").
Request bodies are limited to STRIFE_MAX_BODY bytes (default 1 MB); larger ones get 413.
"""
from __future__ import annotations

import csv
import datetime as dt
import hmac
import io
import html
import json
import os
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Path as PathParam, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from .errors import StoreError

STATIC = Path(__file__).with_name("static")
DEFAULT_MAX_BODY = 1_000_000
# POST /documents's body, as the README and the OpenAPI document show it (a fictional report).
INGEST_EXAMPLE = {"documents": [{
    "id": "example-2024-05-06-1",
    "text": "Gunmen attacked a police post in Garissa on Monday, killing two officers, a police spokesman said.",
    "published": "2024-05-07", "outlet": "Example Wire", "url": "https://news.example/garissa",
    "title": "Two officers killed in Garissa attack"}]}
SUMMARY_COLUMNS = ["event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
                   "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "country", "admin1", "admin2",
                   "location", "latitude", "longitude", "geo_precision", "geonameid", "fatalities",
                   "fatalities_low", "fatalities_high", "injured", "notes"]


class RWLock:
    """Many readers or one writer."""

    def __init__(self):
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False

    @contextmanager
    def read(self):
        with self._cond:
            while self._writer:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self):
        with self._cond:
            while self._writer or self._readers:
                self._cond.wait()
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


def mark_spans(text: str, spans: list[dict], focus: str | None = None) -> str:
    """The text as HTML with each evidence span in <mark data-events="id ...">; overlapping spans are split
    into segments, each marked with every event that covers it. Text is escaped."""
    bounds = {0, len(text)}
    for s in spans:
        bounds.add(max(0, min(len(text), s["start"])))
        bounds.add(max(0, min(len(text), s["end"])))
    cuts = sorted(bounds)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        seg = html.escape(text[a:b])
        ids = sorted({s["event_id"] for s in spans if s["start"] <= a and b <= s["end"]})
        if ids:
            cls = "evidence focus" if focus and focus in ids else "evidence"
            out.append(f'<mark class="{cls}" data-events="{html.escape(" ".join(ids))}">{seg}</mark>')
        else:
            out.append(seg)
    return "".join(out)


class ErrorBody(BaseModel):
    message: str
    status: int


class EventPage(BaseModel):
    total: int = Field(description="events matching the filters")
    limit: int
    offset: int
    events: list[dict[str, Any]] = Field(description="event summaries (ACLED columns plus sources, notes, counts)")


class IngestDocument(BaseModel):
    id: str = Field(min_length=1, max_length=200, description="becomes the document's doc_id")
    text: str = Field(min_length=1)
    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None


class IngestRequest(BaseModel):
    documents: list[IngestDocument] = Field(min_length=1, max_length=200)


NOT_FOUND = {404: {"model": ErrorBody, "description": "not found"}}
INGEST_SCHEMA = {"type": "object", "required": ["documents"], "properties": {"documents": {
    "type": "array", "minItems": 1, "maxItems": 200, "items": IngestDocument.model_json_schema()}},
    "example": INGEST_EXAMPLE}


class Store:
    """The served DuckDB file: each request reads it through a connection of its own, opened read-only
    under the readers-writer lock; an ingest writes it holding the lock alone."""

    def __init__(self, db_path: Path, limit_bytes: int) -> None:
        self.db_path, self.limit_bytes, self.lock = db_path, limit_bytes, RWLock()

    @contextmanager
    def reader(self):
        import duckdb

        with self.lock.read():
            try:
                con = duckdb.connect(str(self.db_path), read_only=True)
            except duckdb.Error as e:
                raise HTTPException(503, f"store unavailable: {e}") from None
            try:
                yield con
            finally:
                con.close()


def _store(request: Request) -> Store:
    return request.app.state.store


def create_app(db: str | Path, *, max_body: int | None = None):
    """The API and dashboard over the store at `db` (StoreError when there is none)."""
    from fastapi.staticfiles import StaticFiles
    from fastapi_offline import FastAPIOffline

    db_path = Path(db)
    if not db_path.exists():
        raise StoreError(f"no store at {db_path}; run `strife extract INPUT --out DIR` first (it writes DIR/strife.duckdb)")
    # Swagger UI's script and styles are served from the fastapi-offline package, not a CDN: /docs works offline.
    app = FastAPIOffline(title="strife", version=__import__("strife").__version__, redoc_url=None,
                         description="Events coded from news reports about political violence (ACLED's columns), "
                                     "with every figure's claimant and the evidence sentences. Read-only unless "
                                     "STRIFE_API_TOKEN is set; then POST /documents ingests reports.")
    app.state.store = Store(db_path, max_body or int(os.environ.get("STRIFE_MAX_BODY", DEFAULT_MAX_BODY)))
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Exception, _crash)
    app.middleware("http")(_body_limit)
    app.get("/", include_in_schema=False)(_dashboard)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    for router in (events_api, tallies_api, documents_api, stats_api):
        app.include_router(router)
    return app


# ---------------------------------------------------------------------- errors, limits, dashboard
def err(status: int, message: str, **extra) -> JSONResponse:
    return JSONResponse({"message": message, "status": status, **extra}, status_code=status)


async def _http_error(request, exc):
    return JSONResponse({"message": str(exc.detail), "status": exc.status_code}, status_code=exc.status_code,
                        headers=getattr(exc, "headers", None))


async def _invalid(request, exc):
    errs = [{"loc": list(e.get("loc", [])), "msg": e.get("msg", "")} for e in exc.errors()]
    where = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in errs[:5])
    return err(422, f"invalid request: {where}", errors=errs)


async def _crash(request, exc):  # pragma: no cover - last resort
    print(f"strife serve: internal error: {exc!r}", file=sys.stderr)
    return err(500, "internal error")


async def _body_limit(request: Request, call_next):
    limit_bytes = _store(request).limit_bytes
    length = request.headers.get("content-length")
    if length is not None:
        try:
            too_big = int(length) > limit_bytes
        except ValueError:
            return err(400, "invalid Content-Length header")
        if too_big:
            return err(413, f"request body too large (limit {limit_bytes} bytes)")
    return await call_next(request)


def _dashboard():
    return FileResponse(STATIC / "index.html", media_type="text/html")


def rows(con, sql, params=()) -> list[dict]:
    cur = con.execute(sql, list(params))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def jsonable(v):
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return v


# ---------------------------------------------------------------------- events
events_api = APIRouter(tags=["events"])


def event_filters(
        date_from: dt.date | None = Query(None, description="first event date (YYYY-MM-DD)"),
        date_to: dt.date | None = Query(None, description="last event date (YYYY-MM-DD)"),
        country: str | None = Query(None, max_length=200, description="country name, exact (case-insensitive)"),
        admin1: str | None = Query(None, max_length=200, description="first-level region, exact (case-insensitive)"),
        event_type: str | None = Query(None, max_length=200, description="ACLED event type, e.g. Battles"),
        sub_event_type: str | None = Query(None, max_length=200, description="ACLED sub-event type"),
        actor: str | None = Query(None, max_length=200, description="part of an actor's name (actor1, actor2 or associated)"),
        bbox: str | None = Query(None, max_length=200, description="min_lon,min_lat,max_lon,max_lat",
                                 examples=["39,-14,41,-10"]),
        min_fatalities: int | None = Query(None, ge=0, le=10**9, description="best estimate at least this"),
) -> tuple[str, list]:
    """The filters shared by /events and the exports, as (SQL WHERE clause, parameters)."""
    where, params = [], []
    if date_from:
        where.append("event_date >= ?")
        params.append(date_from)
    if date_to:
        where.append("event_date <= ?")
        params.append(date_to)
    for col, val in (("country", country), ("admin1", admin1), ("event_type", event_type),
                     ("sub_event_type", sub_event_type)):
        if val:
            where.append(f"lower({col}) = lower(?)")
            params.append(val)
    if actor:
        where.append("(" + " OR ".join(f"strpos(lower(coalesce({c}, '')), lower(?)) > 0" for c in
                                       ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")) + ")")
        params += [actor] * 4
    if bbox:
        where.append("longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?")
        params += _bbox(bbox)
    if min_fatalities is not None:
        where.append("coalesce(fatalities, 0) >= ?")
        params.append(min_fatalities)
    return (" WHERE " + " AND ".join(where)) if where else "", params


def _bbox(bbox: str) -> list[float]:
    """[min_lon, max_lon, min_lat, max_lat] of "min_lon,min_lat,max_lon,max_lat", or a 422."""
    try:
        x0, y0, x1, y1 = (float(v) for v in bbox.split(","))
    except ValueError:
        raise HTTPException(422, "bbox must be four numbers: min_lon,min_lat,max_lon,max_lat") from None
    if not all(map(lambda v: v == v and abs(v) != float("inf"), (x0, y0, x1, y1))) or x0 > x1 or y0 > y1:
        raise HTTPException(422, "bbox must be finite with min_lon <= max_lon and min_lat <= max_lat")
    return [x0, x1, y0, y1]


def summaries(con, sql_where: str, params: list, limit: int | None = None, offset: int = 0) -> list[dict]:
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    found = rows(con, f"SELECT {', '.join(SUMMARY_COLUMNS)}, sources, "
                      f"json_array_length(data->'claims') AS n_claims, "
                      f"json_array_length(data->'mentions') AS n_mentions FROM events{sql_where} "
                      f"ORDER BY event_date DESC NULLS LAST, event_id{page}",
                 params + ([limit, offset] if limit is not None else []))
    for r in found:
        for k, v in r.items():
            r[k] = jsonable(v)
        r["sources"] = json.loads(r["sources"]) if r.get("sources") else []
    return found


@events_api.get("/events", response_model=EventPage, responses={422: {"model": ErrorBody}}, summary="List events")
def list_events(filters: tuple[str, list] = Depends(event_filters),
                limit: int = Query(100, ge=1, le=1000),
                offset: int = Query(0, ge=0, le=10**9), store: Store = Depends(_store)):
    sql_where, params = filters
    with store.reader() as con:
        total = con.execute(f"SELECT count(*) FROM events{sql_where}", params).fetchone()[0]
        found = summaries(con, sql_where, params, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "events": found}


@events_api.get("/export/events.csv", summary="The filtered events as CSV (ACLED's columns first)",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def export_csv(filters: tuple[str, list] = Depends(event_filters), store: Store = Depends(_store)):
    with store.reader() as con:
        found = summaries(con, *filters)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=SUMMARY_COLUMNS + ["sources", "n_claims", "n_mentions"], lineterminator="\n")
    w.writeheader()
    for r in found:
        w.writerow({**r, "sources": "; ".join(r["sources"])})
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="events.csv"'})


@events_api.get("/export/events.geojson", summary="The filtered events with coordinates as a GeoJSON FeatureCollection")
def export_geojson(filters: tuple[str, list] = Depends(event_filters), store: Store = Depends(_store)):
    with store.reader() as con:
        found = summaries(con, *filters)
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
                 "properties": {k: v for k, v in r.items() if k not in ("latitude", "longitude")}}
                for r in found if r["latitude"] is not None and r["longitude"] is not None]
    return JSONResponse({"type": "FeatureCollection", "features": features},
                        media_type="application/geo+json",
                        headers={"Content-Disposition": 'attachment; filename="events.geojson"'})


@events_api.get("/events/{event_id}", responses=NOT_FOUND, summary="One event with its mentions, claims and revisions")
def get_event(event_id: str = PathParam(max_length=200), store: Store = Depends(_store)):
    with store.reader() as con:
        r = con.execute("SELECT data FROM events WHERE event_id = ?", [event_id]).fetchone()
    if not r:
        raise HTTPException(404, f"no event {event_id!r}")
    return json.loads(r[0])


# ---------------------------------------------------------------------- tallies
tallies_api = APIRouter(tags=["tallies"])


@tallies_api.get("/tallies", summary="Cumulative tallies (never counted as incidents)")
def list_tallies(
        subject: str | None = Query(None, max_length=200, description="part of the subject, e.g. 'killed'"),
        claimant: str | None = Query(None, max_length=200, description="part of the claimant's name"),
        as_of_from: dt.date | None = Query(None), as_of_to: dt.date | None = Query(None),
        limit: int = Query(500, ge=1, le=5000), offset: int = Query(0, ge=0, le=10**9),
        store: Store = Depends(_store)):
    where, params = [], []
    for cond, val in (("strpos(lower(coalesce(subject, '')), lower(?)) > 0", subject),
                      ("strpos(lower(coalesce(claimant, '')), lower(?)) > 0", claimant),
                      ("as_of >= ?", as_of_from), ("as_of <= ?", as_of_to)):
        if val:
            where.append(cond)
            params.append(val)
    sql_where = (" WHERE " + " AND ".join(where)) if where else ""
    with store.reader() as con:
        total = con.execute(f"SELECT count(*) FROM tallies{sql_where}", params).fetchone()[0]
        found = rows(con, "SELECT claimant, subject, value, qualifier, period_start, period_end, as_of, doc_id, "
                          f"start, sentence FROM tallies{sql_where} ORDER BY as_of NULLS LAST, doc_id, start "
                          "LIMIT ? OFFSET ?", params + [limit, offset])
    return {"total": total, "limit": limit, "offset": offset,
            "tallies": [{k: jsonable(v) for k, v in r.items()} for r in found]}


# ---------------------------------------------------------------------- documents
documents_api = APIRouter(tags=["documents"])


@documents_api.get("/documents", summary="Documents in the store (without text)")
def list_documents(limit: int = Query(500, ge=1, le=5000), offset: int = Query(0, ge=0, le=10**9),
                   store: Store = Depends(_store)):
    with store.reader() as con:
        total = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        found = rows(con, "SELECT doc_id, outlet, url, title, published, published_from, language, "
                          "near_duplicate_of, status, reason FROM documents ORDER BY published NULLS LAST, doc_id "
                          "LIMIT ? OFFSET ?", [limit, offset])
    return {"total": total, "limit": limit, "offset": offset,
            "documents": [{k: jsonable(v) for k, v in r.items()} for r in found]}


@documents_api.get("/documents/{doc_id}", responses=NOT_FOUND,
               summary="A document's cleaned text with the evidence spans (and an HTML version with <mark> tags)")
def get_document(doc_id: str = PathParam(max_length=500),
                 event_id: str | None = Query(None, max_length=200,
                                              description="mark this event's spans with class 'focus'"),
                 store: Store = Depends(_store)):
    with store.reader() as con:
        found = rows(con, "SELECT doc_id, outlet, url, title, published, published_from, language, "
                          "near_duplicate_of, status, text FROM documents WHERE doc_id = ?", [doc_id])
        if not found:
            raise HTTPException(404, f"no document {doc_id!r}")
        evs = [json.loads(r[0]) for r in con.execute(
            "SELECT data FROM events WHERE list_contains(json_extract_string(data, '$.mentions[*].doc_id'), ?)",
            [doc_id]).fetchall()]
    doc = {k: jsonable(v) for k, v in found[0].items()}
    text = doc.get("text") or ""
    spans = []
    for e in evs:
        for m in e.get("mentions") or []:
            if m.get("doc_id") == doc_id and 0 <= m["start"] < m["end"] <= len(text):
                spans.append({"start": m["start"], "end": m["end"], "event_id": e["event_id"]})
    spans.sort(key=lambda s: (s["start"], s["end"], s["event_id"]))
    doc["spans"] = spans
    doc["html"] = mark_spans(text, spans, focus=event_id)
    return doc


@documents_api.post("/documents", status_code=201,
                summary="Ingest reports (needs STRIFE_API_TOKEN as a bearer token)",
                responses={401: {"model": ErrorBody}, 413: {"model": ErrorBody}, 422: {"model": ErrorBody}},
                description="The body is `{\"documents\": [{\"id\": ..., \"text\": ..., \"published\": ..., "
                            "\"outlet\": ..., \"url\": ..., \"title\": ...}]}`: `id` and `text` are required, "
                            "the rest optional; 1 to 200 documents per request.",
                openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                    "schema": INGEST_SCHEMA, "example": INGEST_EXAMPLE}}}})
async def post_documents(request: Request):
    # Only `request` is a parameter, so FastAPI leaves the body alone: the token is checked before the
    # body is read, and the size limit holds while streaming (a chunked body has no Content-Length).
    store = _store(request)
    refused = _unauthorised(request)
    if refused is not None:
        return refused
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > store.limit_bytes:
            return err(413, f"request body too large (limit {store.limit_bytes} bytes)")
    try:
        req = IngestRequest.model_validate_json(bytes(body))
    except ValueError as e:
        errs = getattr(e, "errors", lambda: [])()
        where = "; ".join(f"{'.'.join(str(x) for x in x_.get('loc', []))}: {x_.get('msg')}" for x_ in errs[:5])
        return err(422, f"invalid request: {where or e}",
                   errors=[{"loc": list(x_.get("loc", [])), "msg": x_.get("msg", "")} for x_ in errs])
    from starlette.concurrency import run_in_threadpool

    try:
        result = await run_in_threadpool(_ingest, store, req)
    except StoreError as e:
        return err(503, str(e))
    return JSONResponse(result, status_code=201)


def _unauthorised(request: Request) -> JSONResponse | None:
    """A 401 unless STRIFE_API_TOKEN is set and the request presents it as a bearer token."""
    token = os.environ.get("STRIFE_API_TOKEN", "")
    auth = request.headers.get("authorization", "")
    given = auth[7:].strip() if auth[:7].lower() == "bearer " else ""
    if token and hmac.compare_digest(given.encode(), token.encode()):
        return None
    why = "ingest is disabled: set STRIFE_API_TOKEN on the server" if not token else "missing or wrong bearer token"
    return JSONResponse({"message": why, "status": 401}, status_code=401, headers={"WWW-Authenticate": "Bearer"})


def _ingest(store: Store, req: IngestRequest) -> dict:
    # what strife.extract(...) calls
    from .models import Document
    from .pipeline import run

    docs = [Document(doc_id=d.id, text=d.text, title=d.title, outlet=d.outlet, url=d.url, published=d.published,
                     published_from="metadata" if d.published else None, path="api") for d in req.documents]
    with store.lock.write():
        result = run(docs, db=store.db_path)
    ids = {d.doc_id for d in docs}
    touched = [e.event_id for e in result.events if any(m.doc_id in ids for m in e.mentions)]
    return {"documents": [{"doc_id": d.doc_id, "status": d.status, "reason": d.reason} for d in result.documents
                          if d.doc_id in ids],
            "events": touched, "total_events": len(result.events),
            "problems": [str(p) for p in result.problems]}


# ---------------------------------------------------------------------- stats
stats_api = APIRouter(tags=["stats"])


@stats_api.get("/stats", summary="Counts, totals and the values the filters can take")
def stats(store: Store = Depends(_store)):
    with store.reader() as con:
        one = con.execute("SELECT count(*), coalesce(sum(fatalities), 0), min(event_date), max(event_date) "
                          "FROM events").fetchone()
        by = {}
        for col in ("event_type", "country", "admin1"):
            by[col] = [{"value": v, "events": n, "fatalities": int(f or 0)} for v, n, f in con.execute(
                f"SELECT {col}, count(*), sum(fatalities) FROM events WHERE {col} IS NOT NULL "
                f"GROUP BY {col} ORDER BY count(*) DESC, {col}").fetchall()]
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("documents", "mentions", "claims", "tallies")}
        per_day = [{"date": d.isoformat(), "events": n, "fatalities": int(f or 0)} for d, n, f in con.execute(
            "SELECT event_date, count(*), sum(fatalities) FROM events WHERE event_date IS NOT NULL "
            "GROUP BY event_date ORDER BY event_date").fetchall()]
    return {"events": one[0], "fatalities": int(one[1]), "first_date": jsonable(one[2]),
            "last_date": jsonable(one[3]), **counts, "by_event_type": by["event_type"],
            "by_country": by["country"], "by_admin1": by["admin1"], "per_day": per_day}


def _log_config() -> dict:
    """uvicorn's logging with its access log (one line per request, on stderr) at INFO and its own messages
    at WARNING: the startup chatter is replaced by strife's one line, errors still show."""
    import copy

    from uvicorn.config import LOGGING_CONFIG

    cfg = copy.deepcopy(LOGGING_CONFIG)
    cfg["loggers"]["uvicorn.error"]["level"] = "WARNING"
    cfg["loggers"]["uvicorn.access"]["level"] = "INFO"
    cfg["handlers"]["access"]["stream"] = "ext://sys.stderr"  # a log, like every message strife prints
    return cfg


def cmd_serve(args) -> int:
    import uvicorn

    app = create_app(args.db)
    token = "set: POST /documents enabled" if os.environ.get("STRIFE_API_TOKEN") else \
        "not set: read-only (set STRIFE_API_TOKEN to enable POST /documents)"
    print(f"strife: serving {args.db} at http://{args.host}:{args.port}/ (API docs at /docs); "
          f"STRIFE_API_TOKEN {token}", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_config=_log_config(), access_log=not args.quiet)
    return 0
