"""report: a situation report from a store, as one self-contained HTML file or as Markdown.

    strife report --db FILE --out report.html [--format md]

The HTML opens with no network: inline CSS, inline SVG, no scripts, no fonts, no tiles. The map is an
equirectangular projection fitted to the events, drawn over the country outlines in static/world.geojson
(Natural Earth, simplified at build time by static/build_world.py). The dashboard (static/app.js) draws
its map the same way in the browser.

Sections: summary, map (circles sized by fatalities), day-by-day timeline, incidents, contested figures
(claimant against claimant, parties to the conflict marked), tallies over time, sources.
"""
from __future__ import annotations

import datetime as dt
import functools
import html
import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import StoreError
from .models import to_dict

STATIC = Path(__file__).with_name("static")

TYPE_COLORS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#27ae60",
    "Riots": "#795548",
    "Strategic developments": "#2c7fb8",
}
OTHER_COLOR = "#7f7f7f"


def type_color(event_type: str | None) -> str:
    return TYPE_COLORS.get(event_type or "", OTHER_COLOR)


def marker_radius(fatalities) -> float:
    """Circle radius in pixels: area grows with fatalities; unknown or zero gets the smallest circle."""
    f = fatalities if isinstance(fatalities, (int, float)) and fatalities > 0 else 0
    return round(min(4 + 3.2 * math.sqrt(f), 34), 1)


# ------------------------------------------------------------------------------------------- data
@dataclass
class ReportData:
    events: list[dict]
    tallies: list[dict]
    documents: list[dict]
    generated: str = ""
    db: str = ""
    period: tuple[str, str] | None = None
    extra: dict = field(default_factory=dict)


def load_report_data(db: str | Path) -> ReportData:
    from .store import Store

    with Store(db, read_only=True) as st:
        events = st.events()
        tallies = [to_dict(t) for t in st.tallies()]
        docs = []
        for d in st.documents():
            row = to_dict(d)
            row.pop("text", None)
            docs.append(row)
    data = ReportData(events=events, tallies=tallies, documents=docs,
                      generated=dt.datetime.now().replace(microsecond=0).isoformat(sep=" "), db=str(db))
    data.period = report_period(events, docs)
    return data


def report_period(events: list[dict], documents: list[dict]) -> tuple[str, str] | None:
    """The days the report covers: from two weeks before the first report to the last report (or the
    last event), so that background history mentioned in passing does not stretch the timeline."""
    dates = sorted(e["event_date"] for e in events if e.get("event_date"))
    published = sorted(d["published"] for d in documents if d.get("published") and d.get("status") in (None, "ok"))
    if not dates:
        return None
    if published:
        start = dt.date.fromisoformat(published[0]) - dt.timedelta(days=14)
        end = max(dt.date.fromisoformat(published[-1]), dt.date.fromisoformat(dates[-1]))
        inside = [d for d in dates if start <= dt.date.fromisoformat(d) <= end]
        if inside:
            return max(start, dt.date.fromisoformat(inside[0])).isoformat(), end.isoformat()
    end = dt.date.fromisoformat(dates[-1])
    start = max(dt.date.fromisoformat(dates[0]), end - dt.timedelta(days=60))
    return start.isoformat(), end.isoformat()


def in_period(e: dict, period) -> bool:
    return bool(period) and bool(e.get("event_date")) and period[0] <= e["event_date"] <= period[1]


def contested(events: list[dict]) -> list[tuple[dict, str, list[dict]]]:
    """(event, figure, claims) where claimants disagree on a figure (two or more distinct values)."""
    out = []
    for e in events:
        by_fig: dict[str, list[dict]] = {}
        for c in e.get("claims") or []:
            by_fig.setdefault(c.get("figure") or "?", []).append(c)
        for fig, cl in by_fig.items():
            if len({c.get("value") for c in cl}) > 1:
                out.append((e, fig, cl))
    out.sort(key=lambda x: (-(max(c.get("value") or 0 for c in x[2])), x[0].get("event_date") or ""))
    return out


def tally_series(tallies: list[dict]) -> dict[str, list[dict]]:
    """Tallies grouped by subject ("people killed", "soldiers killed"), each sorted by as_of date."""
    groups: dict[str, list[dict]] = {}
    for t in tallies:
        groups.setdefault((t.get("subject") or "unspecified").strip().lower(), []).append(t)
    for v in groups.values():
        v.sort(key=lambda t: (t.get("as_of") or t.get("period_end") or "", t.get("value") or 0))
    return dict(sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])))


# ------------------------------------------------------------------------------------------- map
@functools.lru_cache(maxsize=1)
def load_world() -> list[dict]:
    """Country outlines with their bounding boxes: [{name, iso_a2, bbox, polygons}]."""
    path = STATIC / "world.geojson"
    if not path.exists():
        return []
    doc = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for f in doc.get("features", []):
        geom = f.get("geometry") or {}
        polys = geom.get("coordinates") or []
        if geom.get("type") == "Polygon":
            polys = [polys]
        xs = [p[0] for poly in polys for ring in poly for p in ring]
        ys = [p[1] for poly in polys for ring in poly for p in ring]
        if not xs:
            continue
        out.append({"name": f["properties"].get("name"), "iso_a2": f["properties"].get("iso_a2"),
                    "bbox": (min(xs), min(ys), max(xs), max(ys)), "polygons": polys})
    return out


@dataclass
class View:
    """An equirectangular view: longitudes scaled by cos(middle latitude) so shapes look right."""

    lon0: float
    lat0: float
    lon1: float
    lat1: float
    width: int
    height: int

    @property
    def scale(self) -> float:
        return self.width / ((self.lon1 - self.lon0) * self.kx)

    @property
    def kx(self) -> float:
        return max(math.cos(math.radians((self.lat0 + self.lat1) / 2)), 0.2)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        s = self.scale
        return (lon - self.lon0) * self.kx * s, (self.lat1 - lat) * s


def fit_view(points: list[tuple[float, float]], width: int = 900, max_height: int = 560,
             min_height: int = 300, min_span: float = 2.0, pad: float = 0.18) -> View:
    """Fit the view to (lon, lat) points with a margin; the same rules as fitView in static/app.js."""
    if not points:
        return View(-180, -60, 180, 80, width, max_height)
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    lon0, lon1, lat0, lat1 = min(lons), max(lons), min(lats), max(lats)
    if lon1 - lon0 < min_span:
        c = (lon0 + lon1) / 2
        lon0, lon1 = c - min_span / 2, c + min_span / 2
    if lat1 - lat0 < min_span:
        c = (lat0 + lat1) / 2
        lat0, lat1 = c - min_span / 2, c + min_span / 2
    dx, dy = (lon1 - lon0) * pad, (lat1 - lat0) * pad
    lon0, lon1, lat0, lat1 = lon0 - dx, lon1 + dx, max(lat0 - dy, -85), min(lat1 + dy, 85)
    kx = max(math.cos(math.radians((lat0 + lat1) / 2)), 0.2)
    scale = width / ((lon1 - lon0) * kx)
    height = (lat1 - lat0) * scale
    if height > max_height:  # too tall: widen the longitudes to keep the aspect
        scale = max_height / (lat1 - lat0)
        extra = (width / (scale * kx) - (lon1 - lon0)) / 2
        lon0, lon1 = lon0 - extra, lon1 + extra
        height = max_height
    elif height < min_height:  # too flat: add latitude above and below
        extra = (min_height / scale - (lat1 - lat0)) / 2
        lat0, lat1 = lat0 - extra, lat1 + extra
        height = min_height
    return View(lon0, lat0, lon1, lat1, width, int(round(height)))


def core_points(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop far-off outliers (a stray geocoding) when most events are close together: keep the points
    within a generous box around the median, if that keeps at least 75% of them."""
    if len(points) < 5:
        return points
    lons = sorted(p[0] for p in points)
    lats = sorted(p[1] for p in points)
    mlon, mlat = lons[len(lons) // 2], lats[len(lats) // 2]
    q = max(1, len(points) // 4)
    spread = max(lons[-q - 1] - lons[q], lats[-q - 1] - lats[q], 1.0)
    reach = max(10 * spread, 15.0)
    core = [p for p in points if abs(p[0] - mlon) <= reach and abs(p[1] - mlat) <= reach]
    return core if len(core) >= 0.75 * len(points) else points


def _path(rings, view: View) -> str:
    parts = []
    for ring in rings:
        pts = [view.xy(x, y) for x, y in ring]
        if len(pts) < 3:
            continue
        parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
    return "".join(parts)


def _graticule_step(span: float) -> float:
    for step in (0.5, 1, 2, 5, 10, 20, 30):
        if span / step <= 8:
            return step
    return 60


def map_svg(events: list[dict], width: int = 900, link_prefix: str = "#ev-") -> tuple[str, list[dict]]:
    """An SVG map of the events (circles sized by fatalities, coloured by type) and the events left off it."""
    mapped = [e for e in events if e.get("latitude") is not None and e.get("longitude") is not None]
    pts = [(e["longitude"], e["latitude"]) for e in mapped]
    core = set(core_points(pts))
    view = fit_view(list(core), width=width)
    inside = [e for e in mapped if view.lon0 <= e["longitude"] <= view.lon1 and view.lat0 <= e["latitude"] <= view.lat1]
    off = [e for e in events if e not in inside]
    w, h = view.width, view.height
    out = [f'<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
           f'role="img" aria-label="Map of {len(inside)} events">',
           f'<rect class="sea" x="0" y="0" width="{w}" height="{h}"/>']
    for c in load_world():
        b = c["bbox"]
        if b[2] < view.lon0 or b[0] > view.lon1 or b[3] < view.lat0 or b[1] > view.lat1:
            continue
        d = "".join(_path(poly, view) for poly in c["polygons"])
        if d:
            out.append(f'<path class="land" d="{d}"><title>{html.escape(c["name"] or "")}</title></path>')
    step = _graticule_step(max(view.lon1 - view.lon0, view.lat1 - view.lat0))
    g = ['<g class="graticule">']
    lon = math.ceil(view.lon0 / step) * step
    while lon <= view.lon1:
        x, _ = view.xy(lon, 0)
        g.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{h}"/><text x="{x + 3:.1f}" y="{h - 4}">{_deg(lon, "E", "W")}</text>')
        lon += step
    lat = math.ceil(view.lat0 / step) * step
    while lat <= view.lat1:
        _, y = view.xy(0, lat)
        g.append(f'<line x1="0" y1="{y:.1f}" x2="{w}" y2="{y:.1f}"/><text x="3" y="{y - 3:.1f}">{_deg(lat, "N", "S")}</text>')
        lat += step
    g.append("</g>")
    out.extend(g)
    out.extend(_regions_svg(inside, view))
    for members, (x, y) in clusters(inside, view):
        out.append(_cluster_svg(members, x, y, link_prefix) if len(members) > 1 else
                   _marker_svg(members[0], x, y, link_prefix))
    out.extend(_labels_svg(inside, view))
    out.append("</svg>")
    return "".join(out), off


# Events closer than this on the page are drawn as one numbered cluster (a marker's largest radius is 34 px;
# 22 px keeps co-located and near-touching events together without merging separate towns at region scale).
CLUSTER_PX = 22
MAX_LABELS = 40  # more place names than this crowd a 900 px map
# Region shading, light to dark, as static/app.js draws it.
SHADES = ["#fde0c5", "#facba6", "#f8b58b", "#f59e72", "#f2855d", "#ef6a4c"]


def clusters(events: list[dict], view: View) -> list[tuple[list[dict], tuple[float, float]]]:
    """Events grouped greedily by distance on the page, deadliest first: ([events], (x, y) of the first)."""
    groups: list[tuple[list[dict], tuple[float, float]]] = []
    for e in sorted(events, key=lambda e: (-(e.get("fatalities") or 0), e["event_id"])):
        x, y = view.xy(e["longitude"], e["latitude"])
        for members, (cx, cy) in groups:
            if (x - cx) ** 2 + (y - cy) ** 2 <= CLUSTER_PX ** 2:
                members.append(e)
                break
        else:
            groups.append(([e], (x, y)))
    return groups


def _marker_svg(e: dict, x: float, y: float, link_prefix: str) -> str:
    """One event: a disc sized by fatalities, or a ring when it is placed only in its province."""
    r = marker_radius(e.get("fatalities"))
    tip = html.escape(f"{e.get('event_date')} {e.get('location') or e.get('admin1') or ''}: "
                      f"{e.get('sub_event_type') or e.get('event_type')}, {_fat_text(e)}"
                      + (" (placed in its province)" if e.get("geo_precision") == 3 else ""))
    c = type_color(e.get("event_type"))
    paint = f'class="marker ring" fill="none" stroke="{c}"' if e.get("geo_precision") == 3 else f'class="marker" fill="{c}"'
    return (f'<a href="{link_prefix}{html.escape(e["event_id"])}"><circle {paint} cx="{x:.1f}" cy="{y:.1f}" '
            f'r="{r + (4 if e.get("geo_precision") == 3 else 0)}" data-event-id="{html.escape(e["event_id"])}">'
            f'<title>{tip}</title></circle></a>')


def _cluster_svg(members: list[dict], x: float, y: float, link_prefix: str) -> str:
    n = len(members)
    r = 11 + 3 * math.log2(n)  # grows slowly with the count, like the dashboard's clusters
    killed = sum(e.get("fatalities") or 0 for e in members)
    tip = html.escape(f"{n} events here, {killed} killed: " + "; ".join(
        f"{e.get('event_date')} {e.get('sub_event_type') or e.get('event_type')}" for e in members[:8])
        + ("; …" if n > 8 else ""))
    ids = html.escape(" ".join(e["event_id"] for e in members))
    return (f'<a href="{link_prefix}{html.escape(members[0]["event_id"])}"><g class="cluster" data-count="{n}" '
            f'data-event-ids="{ids}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}">{n}</text><title>{tip}</title></g></a>')


@functools.lru_cache(maxsize=1)
def load_admin1() -> list[dict]:
    """Admin1 regions (see scripts/build_admin1_shapes.py): [{country, admin1, bbox, polygons}]."""
    path = STATIC / "admin1.geojson"
    if not path.exists():
        return []
    out = []
    for f in json.loads(path.read_text(encoding="utf-8")).get("features", []):
        polys = f["geometry"]["coordinates"]
        xs = [p[0] for poly in polys for ring in poly for p in ring]
        ys = [p[1] for poly in polys for ring in poly for p in ring]
        out.append({**f["properties"], "bbox": (min(xs), min(ys), max(xs), max(ys)), "polygons": polys})
    return out


def shade_class(value: int, top: int) -> int:
    """One of six classes on a square-root scale (one big region does not wash out the rest); -1 for none."""
    if not value:
        return -1
    return min(len(SHADES) - 1, int(math.sqrt(value / max(top, 1)) * len(SHADES) - 1e-9))


def _regions_svg(events: list[dict], view: View) -> list[str]:
    """The admin1 regions of the events' countries, outlined, those with events shaded by their count."""
    counts: dict[tuple[str, str], int] = {}
    for e in events:
        if e.get("country") and e.get("admin1"):
            counts[(e["country"], e["admin1"])] = counts.get((e["country"], e["admin1"]), 0) + 1
    countries = {e.get("country") for e in events}
    top = max(counts.values(), default=1)
    out = []
    for reg in load_admin1():
        b = reg["bbox"]
        if reg["country"] not in countries or b[2] < view.lon0 or b[0] > view.lon1 or b[3] < view.lat0 or b[1] > view.lat1:
            continue
        n = counts.get((reg["country"], reg["admin1"]), 0)
        k = shade_class(n, top)
        d = "".join(_path(poly, view) for poly in reg["polygons"])
        fill = f'fill="{SHADES[k]}"' if k >= 0 else 'fill="none"'
        out.append(f'<path class="admin1{" shaded" if k >= 0 else ""}" {fill} d="{d}" '
                   f'data-admin1="{html.escape(reg["admin1"])}"><title>{html.escape(reg["admin1"])}: {n} events</title></path>')
    return out


def _labels_svg(events: list[dict], view: View) -> list[str]:
    """A label for each place with events (the most eventful first, up to MAX_LABELS), none overprinting another."""
    places: dict[tuple, list] = {}
    for e in events:
        name = e.get("location") or e.get("admin1")
        if name:
            key = (name, round(e["latitude"], 2), round(e["longitude"], 2))
            places.setdefault(key, []).append(e)
    ranked = sorted(places.items(), key=lambda kv: (-len(kv[1]), kv[0][0]))[:MAX_LABELS]
    out = []
    placed: list[tuple[float, float, float, float]] = []
    for (name, lat, lon), es in ranked:
        x, y = view.xy(lon, lat)
        # a label that would overprint one already placed (a busier place's) is left off: 6.5 px a character
        # and 12 px a line at 11 px type
        box = (x + 14, y - 8, x + 14 + 6.5 * len(name), y + 4)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            continue
        placed.append(box)
        region = " region" if all(e.get("geo_precision") == 3 for e in es) else ""
        out.append(f'<text class="place-label{region}" x="{x + 14:.1f}" y="{y + 4:.1f}">{html.escape(name)}</text>')
    return out


def _deg(v: float, pos: str, neg: str) -> str:
    v = round(v, 1)
    s = f"{abs(v):g}"
    return f"{s}°{pos if v > 0 else neg if v < 0 else ''}"


def _fat_text(e: dict) -> str:
    f = e.get("fatalities")
    if f is None:
        return "fatalities unknown"
    lo, hi = e.get("fatalities_low"), e.get("fatalities_high")
    rng = f" ({lo}–{hi})" if lo is not None and hi is not None and (lo != f or hi != f) else ""
    return f"{f} killed{rng}"


def legend_html() -> str:
    items = "".join(f'<span class="key"><i style="background:{c}"></i>{html.escape(t)}</span>'
                    for t, c in TYPE_COLORS.items())
    sizes = "".join(f'<span class="key"><svg width="{2 * marker_radius(n) + 2}" height="{2 * marker_radius(n) + 2}">'
                    f'<circle cx="{marker_radius(n) + 1}" cy="{marker_radius(n) + 1}" r="{marker_radius(n)}" class="sizekey"/>'
                    f'</svg>{label}</span>' for n, label in ((0, "0 or unknown"), (5, "5"), (25, "25"), (100, "100 killed")))
    ring = ('<span class="key"><svg width="16" height="16"><circle cx="8" cy="8" r="6" fill="none" stroke="#6b7580" '
            'stroke-width="2.5"/></svg>placed in its province</span>')
    return f'<div class="legend">{items}{ring}</div><div class="legend">{sizes}</div>'


# ------------------------------------------------------------------------------------------- charts
def _days(start: str, end: str) -> list[str]:
    a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    return [(a + dt.timedelta(days=i)).isoformat() for i in range((b - a).days + 1)]


def timeline_svg(events: list[dict], period, width: int = 900) -> str:
    """Day-by-day bars: events per day stacked by type (top) and fatalities per day (bottom)."""
    if not period:
        return "<p>No dated events.</p>"
    days = _days(*period)
    per_day = {d: [] for d in days}
    for e in events:
        if e.get("event_date") in per_day:
            per_day[e["event_date"]].append(e)
    left, right, top = 44, 10, 14
    band = 120
    h = top + band + 28 + band + 34
    bw = (width - left - right) / max(len(days), 1)
    max_n = max((len(v) for v in per_day.values()), default=1) or 1
    max_f = max((sum(e.get("fatalities") or 0 for e in v) for v in per_day.values()), default=0) or 1
    out = [f'<svg class="chart timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {h}" width="{width}" height="{h}">',
           f'<text class="axis-title" x="{left}" y="10">events per day</text>',
           f'<text class="axis-title" x="{left}" y="{top + band + 36}">fatalities per day (best estimates)</text>']
    base1 = top + band
    base2 = top + band + 28 + band + 10
    for i, d in enumerate(days):
        x = left + i * bw
        y = base1
        for e in sorted(per_day[d], key=lambda e: e.get("event_type") or ""):
            hh = band / max_n
            y -= hh
            out.append(f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{max(bw - 2, 1):.1f}" height="{hh - 0.5:.1f}" '
                       f'fill="{type_color(e.get("event_type"))}"><title>{html.escape(d)}: '
                       f'{html.escape(e.get("sub_event_type") or "")} in {html.escape(e.get("location") or "?")}</title></rect>')
        f = sum(e.get("fatalities") or 0 for e in per_day[d])
        if f:
            hh = band * f / max_f
            out.append(f'<rect class="fat" x="{x + 1:.1f}" y="{base2 - hh:.1f}" width="{max(bw - 2, 1):.1f}" height="{hh:.1f}">'
                       f'<title>{html.escape(d)}: {f} killed</title></rect>')
            out.append(f'<text class="val" x="{x + bw / 2:.1f}" y="{base2 - hh - 3:.1f}">{f}</text>')
        if len(days) <= 31 or i % math.ceil(len(days) / 31) == 0:
            label = d[5:]
            out.append(f'<text class="tick" x="{x + bw / 2:.1f}" y="{base1 + 12}">{label}</text>')
            out.append(f'<text class="tick" x="{x + bw / 2:.1f}" y="{base2 + 12}">{label}</text>')
    out.append(f'<line class="base" x1="{left}" y1="{base1}" x2="{width - right}" y2="{base1}"/>')
    out.append(f'<line class="base" x1="{left}" y1="{base2}" x2="{width - right}" y2="{base2}"/>')
    out.append(f'<text class="tick" x="{left - 6}" y="{top + 8}" text-anchor="end">{max_n}</text>')
    out.append(f'<text class="tick" x="{left - 6}" y="{base2 - band + 8}" text-anchor="end">{max_f}</text>')
    out.append("</svg>")
    return "".join(out)


def tallies_svg(subject: str, series: list[dict], width: int = 430, height: int = 200) -> str:
    """One small chart per subject: each claimant's cumulative figure against its as-of date."""
    pts = [t for t in series if (t.get("as_of") or t.get("period_end")) and t.get("value") is not None]
    if not pts:
        return ""
    dates = sorted({t.get("as_of") or t.get("period_end") for t in pts})
    d0, d1 = dt.date.fromisoformat(dates[0]), dt.date.fromisoformat(dates[-1])
    span = max((d1 - d0).days, 1)
    vmax = max(t["value"] for t in pts) or 1
    left, right, top, bottom = 52, 16, 22, 26
    pw, ph = width - left - right, height - top - bottom

    def xy(t):
        d = dt.date.fromisoformat(t.get("as_of") or t.get("period_end"))
        x = left + (pw * ((d - d0).days / span) if len(dates) > 1 else pw / 2)
        return x, top + ph - ph * t["value"] / vmax

    out = [f'<svg class="chart tally" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
           f'<text class="axis-title" x="{left}" y="14">{html.escape(subject)}</text>',
           f'<line class="base" x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}"/>',
           f'<line class="base" x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}"/>',
           f'<text class="tick" x="{left - 4}" y="{top + 4}" text-anchor="end">{vmax:,}</text>',
           f'<text class="tick" x="{left - 4}" y="{top + ph}" text-anchor="end">0</text>',
           f'<text class="tick" x="{left}" y="{height - 6}">{dates[0]}</text>']
    if len(dates) > 1:
        out.append(f'<text class="tick" x="{left + pw}" y="{height - 6}" text-anchor="end">{dates[-1]}</text>')
    by_claimant: dict[str, list[dict]] = {}
    for t in pts:
        by_claimant.setdefault(t.get("claimant") or "unattributed", []).append(t)
    palette = ["#2c7fb8", "#c0392b", "#27ae60", "#8e44ad", "#e67e22", "#795548", "#7f7f7f"]
    for k, (claimant, ts) in enumerate(sorted(by_claimant.items())):
        color = palette[k % len(palette)]
        coords = [xy(t) for t in ts]
        if len(coords) > 1:
            out.append(f'<polyline fill="none" stroke="{color}" stroke-width="1.5" points="'
                       + " ".join(f"{x:.1f},{y:.1f}" for x, y in coords) + '"/>')
        for t, (x, y) in zip(ts, coords):
            q = f"{t['qualifier']} " if t.get("qualifier") else ""
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{color}"><title>{html.escape(claimant)}: {html.escape(q)}'
                       f'{t["value"]:,} {html.escape(t.get("subject") or "")} as of {t.get("as_of")}</title></circle>')
            out.append(f'<text class="val" x="{x:.1f}" y="{y - 7:.1f}">{t["value"]:,}</text>')
    out.append("</svg>")
    return "".join(out)


# ------------------------------------------------------------------------------------------- HTML
CSS = """
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;margin:0;color:#1d232a;background:#f4f5f7}
main{max-width:1100px;margin:0 auto;padding:18px 24px 60px;background:#fff}
h1{font-size:24px;margin:6px 0 2px} h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #e3e6ea;padding-bottom:4px}
.sub{color:#5b6570;margin:0 0 10px} .muted{color:#6b7580;font-size:12px}
.cards{display:flex;gap:10px;flex-wrap:wrap;margin:12px 0}
.card{background:#f4f6f9;border-radius:6px;padding:8px 14px;min-width:120px}
.card b{display:block;font-size:22px}
svg.map{max-width:100%;height:auto;border:1px solid #cfd6de;border-radius:4px;background:#dbe8f3}
svg.map .sea{fill:#dbe8f3} svg.map .land{fill:#f3f1ea;stroke:#9aa3ad;stroke-width:.7}
svg.map .graticule line{stroke:#b7c6d6;stroke-width:.5;stroke-dasharray:2 3} svg.map .graticule text{font-size:10px;fill:#6c7a89}
svg.map .marker{fill-opacity:.72;stroke:#fff;stroke-width:1.2} svg.map .marker.ring{stroke-width:3;stroke-opacity:.95}
svg.map .admin1{stroke:#7d8793;stroke-width:.8;fill-opacity:.75}
svg.map .cluster circle{fill:#f1d357;fill-opacity:.85;stroke:#fff;stroke-width:3} svg.map .cluster text{font-size:12px;font-weight:700;text-anchor:middle;fill:#1d232a}
svg.map .place-label{font-size:11px;font-weight:600;fill:#1d232a;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
svg.map .place-label.region{font-style:italic;font-weight:500;fill:#4a535c}
svg .sizekey{fill:#999;fill-opacity:.5;stroke:#fff}
.legend{display:flex;flex-wrap:wrap;gap:12px;margin:6px 0;font-size:12px;align-items:center}
.key{display:inline-flex;align-items:center;gap:5px} .key i{width:11px;height:11px;border-radius:50%;display:inline-block}
svg.chart{max-width:100%;height:auto} svg.chart .tick{font-size:10px;fill:#5b6570;text-anchor:middle}
svg.chart .axis-title{font-size:12px;fill:#1d232a;font-weight:600} svg.chart .base{stroke:#8a949e}
svg.chart .fat{fill:#7b1e1e} svg.chart .val{font-size:10px;text-anchor:middle;fill:#333}
table{border-collapse:collapse;width:100%;font-size:13px} th,td{text-align:left;vertical-align:top;padding:5px 7px;border-bottom:1px solid #e3e6ea}
th{background:#f4f6f9;position:sticky;top:0} td.num{text-align:right;white-space:nowrap}
tr.background td{color:#7a838c}
.tag{display:inline-block;font-size:11px;border-radius:3px;padding:0 5px;color:#fff}
.party{background:#b03a2e} .outlet{background:#5b6570}
.contest{border:1px solid #e3e6ea;border-radius:6px;padding:10px 12px;margin:10px 0}
.contest h3{font-size:14px;margin:0 0 6px}
.sides{display:flex;gap:10px;flex-wrap:wrap}
.side{flex:1 1 200px;background:#f8f9fb;border-left:4px solid #2c7fb8;border-radius:4px;padding:6px 10px}
.side.party-claim{border-left-color:#b03a2e}
.side .fig{font-size:20px;font-weight:700} .side q{display:block;color:#4a535c;font-size:12px;margin-top:4px}
.tallies{display:flex;flex-wrap:wrap;gap:14px}
a{color:#1f5f99}
"""


def _e(s) -> str:
    return html.escape("" if s is None else str(s))


def _actors(e: dict) -> str:
    a1 = e.get("actor1") or "?"
    if e.get("assoc_actor_1"):
        a1 += f" ({e['assoc_actor_1']})"
    a2 = e.get("actor2")
    if a2 and e.get("assoc_actor_2"):
        a2 += f" ({e['assoc_actor_2']})"
    return a1 + (f" vs {a2}" if a2 else "")


def _where(e: dict) -> str:
    parts: list[str] = []
    for x in (e.get("location"), e.get("admin1"), e.get("country")):
        if x and x not in parts:
            parts.append(x)
    return ", ".join(parts) or "unknown place"


def render_html(data: ReportData) -> str:
    events, period = data.events, data.period
    docs_by_id = {d["doc_id"]: d for d in data.documents}
    current = [e for e in events if in_period(e, period)] if period else events
    background = [e for e in events if e not in current]
    parts = _html_head(data, current, background)
    parts += _html_map(current)
    parts.append("<h2 id='timeline'>Timeline</h2>")
    parts.append(timeline_svg(current, period))
    parts.append("<h2 id='incidents'>Incidents</h2>")
    parts.append(_incidents_table(current + background, period, docs_by_id))
    parts.append("<h2 id='contested'>Contested figures</h2>")
    cont = contested(events)
    if not cont:
        parts.append("<p>No figure is disputed between claimants.</p>")
    for e, fig, claims in cont:
        parts.append(_contest_html(e, fig, claims, docs_by_id))
    parts.append("<h2 id='tallies'>Tallies over time</h2>")
    parts.append("<p class='muted'>Cumulative figures (\"this month\", \"since 2017\") are kept apart from incidents "
                 "and never added to their fatalities.</p>")
    series = tally_series(data.tallies)
    if series:
        parts.append("<div class='tallies'>" + "".join(tallies_svg(s, ts) for s, ts in series.items()) + "</div>")
        parts.append(_tallies_table(data.tallies, docs_by_id))
    else:
        parts.append("<p>No tallies.</p>")
    parts.append("<h2 id='sources'>Sources</h2>")
    parts.append(_sources_table(data.documents, events))
    parts.append("</main></body></html>")
    return "\n".join(parts)


def _html_head(data: ReportData, current: list[dict], background: list[dict]) -> list[str]:
    """The page's head, title line and the cards of totals."""
    period = data.period
    killed = sum(e.get("fatalities") or 0 for e in current)
    countries = sorted({e.get("country") for e in current if e.get("country")})
    title = "Situation report" + (f": {period[0]} to {period[1]}" if period else "")
    return [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'><title>{_e(title)}</title>"
            f"<style>{CSS}</style></head><body><main>",
            f"<h1>{_e(title)}</h1>",
            f"<p class='sub'>{_e(', '.join(countries) or 'No located events')} · generated {_e(data.generated)} by strife "
            f"from {len(data.documents)} reports</p>",
            "<div class='cards'>"
            f"<div class='card'><b>{len(current)}</b>incidents in the period</div>"
            f"<div class='card'><b>{killed}</b>killed (best estimates)</div>"
            f"<div class='card'><b>{len(contested(current))}</b>contested figures</div>"
            f"<div class='card'><b>{len(data.tallies)}</b>cumulative tallies</div>"
            f"<div class='card'><b>{len(background)}</b>earlier events mentioned</div></div>"]


def _html_map(current: list[dict]) -> list[str]:
    """The map section: the SVG map, its legend, the events left off it, and the data's credits."""
    svg, off = map_svg(current)
    parts = ["<h2 id='map'>Map</h2>", svg, legend_html()]
    if off:
        parts.append("<p class='muted'>Not on the map (no coordinates, or far from the other events): "
                     + "; ".join(f"<a href='#ev-{_e(e['event_id'])}'>{_e(e.get('event_date'))} {_e(_where(e))}</a>" for e in off)
                     + "</p>")
    parts.append("<p class='muted'>Country outlines: Natural Earth (public domain), simplified; regions approximated "
                 "from GeoNames towns, shaded by their number of events. Circle area grows with the best estimate of "
                 "fatalities; a ring is an event placed only in its province; a numbered circle is that many events "
                 "close together.</p>")
    return parts


def _doc_label(doc_id: str, docs_by_id: dict) -> str:
    d = docs_by_id.get(doc_id) or {}
    return d.get("outlet") or d.get("title") or doc_id


def _incidents_table(events: list[dict], period, docs_by_id) -> str:
    rows = ["<table class='incidents'><thead><tr><th>Date</th><th>Type</th><th>Actors</th><th>Place</th>"
            "<th>Killed</th><th>Injured</th><th>Sources</th><th>Notes</th></tr></thead><tbody>"]
    ordered = sorted(events, key=lambda e: (bool(period) and not in_period(e, period), e.get("event_date") or "",
                                            e.get("event_id")))
    shown_header = False
    for e in ordered:
        cls = "" if in_period(e, period) or not period else " class='background'"
        if cls and not shown_header:
            shown_header = True
            rows.append("<tr><th colspan='8'>Earlier events mentioned in the reports (background)</th></tr>")
        lo, hi = e.get("fatalities_low"), e.get("fatalities_high")
        rng = f"<br><span class='muted'>{lo}–{hi}</span>" if lo is not None and hi is not None and lo != hi else ""
        prec = {2: " (week)", 3: " (month)"}.get(e.get("time_precision"), "")
        rows.append(f"<tr id='ev-{_e(e['event_id'])}'{cls}><td>{_e(e.get('event_date'))}{prec}</td>"
                    f"<td><span class='tag' style='background:{type_color(e.get('event_type'))}'>{_e(e.get('event_type'))}</span>"
                    f"<br>{_e(e.get('sub_event_type'))}</td><td>{_e(_actors(e))}</td><td>{_e(_where(e))}</td>"
                    f"<td class='num'>{_e(e.get('fatalities') if e.get('fatalities') is not None else '–')}{rng}</td>"
                    f"<td class='num'>{_e(e.get('injured') if e.get('injured') is not None else '–')}</td>"
                    f"<td>{_e(', '.join(e.get('sources') or []) or ', '.join(sorted({_doc_label(m['doc_id'], docs_by_id) for m in e.get('mentions') or []})))}</td>"
                    f"<td>{_e(e.get('notes'))} <span class='muted'>{_e(e['event_id'])}</span></td></tr>")
    rows.append("</tbody></table>")
    return "".join(rows)


def _contest_html(e: dict, fig: str, claims: list[dict], docs_by_id) -> str:
    best = e.get(fig) if fig in ("fatalities", "injured") else None
    head = (f"<h3><a href='#ev-{_e(e['event_id'])}'>{_e(e.get('event_date'))} · {_e(_where(e))}</a> · "
            f"{_e(e.get('sub_event_type'))} · {_e(fig)}"
            + (f": coded {best}" if best is not None else "")
            + (f" (range {e.get('fatalities_low')}–{e.get('fatalities_high')})" if fig == "fatalities"
               and e.get("fatalities_low") is not None else "") + "</h3>")
    sides = []
    for c in sorted(claims, key=lambda c: (c.get("value") or 0, c.get("claimant") or "")):
        party = bool(c.get("party_to_conflict"))
        tag = "<span class='tag party' title='a party to the conflict'>party</span> " if party else ""
        q = f"{c['qualifier']} " if c.get("qualifier") else ""
        sides.append(f"<div class='side{' party-claim' if party else ''}'>{tag}<b>{_e(c.get('claimant'))}</b>"
                     f"<div class='fig'>{_e(q)}{_e(c.get('value'))}</div>"
                     f"<span class='muted'>{_e(_doc_label(c.get('doc_id'), docs_by_id))}"
                     f"{' · as of ' + _e(c.get('as_of')) if c.get('as_of') else ''}</span>"
                     f"<q>{_e((c.get('sentence') or '').strip())}</q></div>")
    return f"<div class='contest'>{head}<div class='sides'>{''.join(sides)}</div></div>"


def _tallies_table(tallies: list[dict], docs_by_id) -> str:
    rows = ["<table><thead><tr><th>As of</th><th>Claimant</th><th>Figure</th><th>Period</th><th>Source</th></tr></thead><tbody>"]
    for t in sorted(tallies, key=lambda t: (t.get("as_of") or "", t.get("subject") or "")):
        q = f"{t['qualifier']} " if t.get("qualifier") else ""
        rows.append(f"<tr><td>{_e(t.get('as_of'))}</td><td>{_e(t.get('claimant') or 'unattributed')}</td>"
                    f"<td>{_e(q)}{_e(t.get('value'))} {_e(t.get('subject'))}</td>"
                    f"<td>{_e(t.get('period_start') or '?')} – {_e(t.get('period_end') or '?')}</td>"
                    f"<td>{_e(_doc_label(t.get('doc_id'), docs_by_id))}</td></tr>")
    rows.append("</tbody></table>")
    return "".join(rows)


def _sources_table(documents: list[dict], events: list[dict]) -> str:
    cited: dict[str, int] = {}
    for e in events:
        for d in {m["doc_id"] for m in e.get("mentions") or []}:
            cited[d] = cited.get(d, 0) + 1
    rows = ["<table class='sources'><thead><tr><th>Published</th><th>Outlet</th><th>Title</th><th>Events</th>"
            "<th>Document</th></tr></thead><tbody>"]
    for d in sorted(documents, key=lambda d: (d.get("published") or "", d["doc_id"])):
        title = _e(d.get("title") or d["doc_id"])
        if d.get("url") and str(d["url"]).startswith(("http://", "https://")):
            title = f"<a href='{_e(d['url'])}' rel='noreferrer'>{title}</a>"
        note = ""
        if d.get("near_duplicate_of"):
            note = f" <span class='muted'>(near-duplicate of {_e(d['near_duplicate_of'])})</span>"
        if d.get("status") not in (None, "ok"):
            note += f" <span class='muted'>({_e(d.get('status'))}: {_e(d.get('reason'))})</span>"
        pub = _e(d.get("published") or "?") + (f" <span class='muted'>({_e(d['published_from'])})</span>"
                                              if d.get("published_from") and d.get("published_from") != "metadata" else "")
        rows.append(f"<tr><td>{pub}</td><td>{_e(d.get('outlet') or '')}</td><td>{title}{note}</td>"
                    f"<td class='num'>{cited.get(d['doc_id'], 0)}</td><td class='muted'>{_e(d['doc_id'])}</td></tr>")
    rows.append("</tbody></table>")
    return "".join(rows)


# ------------------------------------------------------------------------------------------- Markdown
def _md(s) -> str:
    return ("" if s is None else str(s)).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip()


def render_markdown(data: ReportData) -> str:
    events, period = data.events, data.period
    docs_by_id = {d["doc_id"]: d for d in data.documents}
    current = [e for e in events if in_period(e, period)] if period else events
    background = [e for e in events if e not in current]
    out = [f"# Situation report{': ' + period[0] + ' to ' + period[1] if period else ''}", "",
           f"Generated {data.generated} by strife from {len(data.documents)} reports. "
           f"{len(current)} incidents in the period, {sum(e.get('fatalities') or 0 for e in current)} killed "
           f"(best estimates), {len(contested(current))} contested figures, {len(data.tallies)} cumulative tallies, "
           f"{len(background)} earlier events mentioned.", ""]
    out += _md_where(current) + _md_timeline(current, period) + _md_incidents(current + background, period)
    out += _md_contested(events, docs_by_id) + _md_tallies(data.tallies, docs_by_id) + _md_sources(data.documents)
    return "\n".join(out) + "\n"


def _md_where(current: list[dict]) -> list[str]:
    out = ["## Where", "", "| Place | Coordinates | Incidents | Killed |", "| --- | --- | ---: | ---: |"]
    places: dict[str, list[dict]] = {}
    for e in current:
        places.setdefault(_where(e), []).append(e)
    for p, es in sorted(places.items(), key=lambda kv: -sum(e.get("fatalities") or 0 for e in kv[1])):
        e0 = es[0]
        coords = (f"{e0['latitude']:.3f}, {e0['longitude']:.3f}" if e0.get("latitude") is not None
                  and e0.get("longitude") is not None else "–")
        out.append(f"| {_md(p)} | {coords} | {len(es)} | {sum(e.get('fatalities') or 0 for e in es)} |")
    return out


def _md_timeline(current: list[dict], period) -> list[str]:
    out = ["", "## Timeline", "", "| Day | Incidents | Killed | What |", "| --- | ---: | ---: | --- |"]
    if period:
        for d in _days(*period):
            es = [e for e in current if e.get("event_date") == d]
            if es:
                what = "; ".join(f"{e.get('sub_event_type')} in {e.get('location') or '?'}" for e in es)
                out.append(f"| {d} | {len(es)} | {sum(e.get('fatalities') or 0 for e in es)} | {_md(what)} |")
    return out


def _md_incidents(events: list[dict], period) -> list[str]:
    out = ["", "## Incidents", "", "| Date | Type | Actors | Place | Killed (low–high) | Injured | Sources | Event |",
           "| --- | --- | --- | --- | ---: | ---: | --- | --- |"]
    for e in sorted(events, key=lambda e: (e.get("event_date") or "", e["event_id"])):
        f = e.get("fatalities")
        killed = "–" if f is None else str(f)
        if e.get("fatalities_low") is not None and e.get("fatalities_high") is not None and e["fatalities_low"] != e["fatalities_high"]:
            killed += f" ({e['fatalities_low']}–{e['fatalities_high']})"
        date = (e.get("event_date") or "") + ("" if in_period(e, period) or not period else " (earlier)")
        out.append(f"| {_md(date)} | {_md(e.get('event_type'))}: {_md(e.get('sub_event_type'))} | {_md(_actors(e))} | "
                   f"{_md(_where(e))} | {killed} | {'–' if e.get('injured') is None else e['injured']} | "
                   f"{_md(', '.join(e.get('sources') or []))} | {e['event_id']} |")
    return out


def _md_contested(events: list[dict], docs_by_id: dict) -> list[str]:
    out = ["", "## Contested figures", ""]
    cont = contested(events)
    if not cont:
        out.append("No figure is disputed between claimants.")
    for e, fig, claims in cont:
        out += [f"### {e.get('event_date')} · {_where(e)} · {e.get('sub_event_type')} · {fig}"
                + (f": coded {e.get(fig)}" if fig in ("fatalities", "injured") and e.get(fig) is not None else ""), "",
                "| Claimant | Figure | Party to the conflict | Source | Sentence |", "| --- | ---: | --- | --- | --- |"]
        for c in sorted(claims, key=lambda c: (c.get("value") or 0, c.get("claimant") or "")):
            q = f"{c['qualifier']} " if c.get("qualifier") else ""
            out.append(f"| {_md(c.get('claimant'))} | {_md(q)}{c.get('value')} | {'**party**' if c.get('party_to_conflict') else ''} | "
                       f"{_md(_doc_label(c.get('doc_id'), docs_by_id))} | {_md(c.get('sentence'))} |")
        out.append("")
    return out


def _md_tallies(tallies: list[dict], docs_by_id: dict) -> list[str]:
    out = ["", "## Tallies over time", ""]
    if not tallies:
        out.append("No tallies.")
    for subject, ts in tally_series(tallies).items():
        out += [f"### {subject}", "", "| As of | Claimant | Figure | Period | Source |", "| --- | --- | ---: | --- | --- |"]
        for t in ts:
            q = f"{t['qualifier']} " if t.get("qualifier") else ""
            out.append(f"| {t.get('as_of') or '?'} | {_md(t.get('claimant') or 'unattributed')} | {_md(q)}{t.get('value')} | "
                       f"{t.get('period_start') or '?'} – {t.get('period_end') or '?'} | {_md(_doc_label(t.get('doc_id'), docs_by_id))} |")
        out.append("")
    return out


def _md_sources(documents: list[dict]) -> list[str]:
    out = ["", "## Sources", "", "| Published | Outlet | Title | Document |", "| --- | --- | --- | --- |"]
    for d in sorted(documents, key=lambda d: (d.get("published") or "", d["doc_id"])):
        title = _md(d.get("title") or d["doc_id"])
        if d.get("url"):
            title = f"[{title}]({_md(d['url'])})"
        out.append(f"| {d.get('published') or '?'} | {_md(d.get('outlet'))} | {title} | {_md(d['doc_id'])} |")
    return out


# ------------------------------------------------------------------------------------------- CLI
def write_report(db: str | Path, out: str | Path, fmt: str | None = None) -> Path:
    out = Path(out)
    fmt = fmt or ("md" if out.suffix.lower() in (".md", ".markdown") else "html")
    data = load_report_data(db)
    text = render_markdown(data) if fmt == "md" else render_html(data)
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out


def cmd_report(args) -> int:
    db = Path(args.db)
    if not db.exists():
        raise StoreError(f"no store at {db}; run `strife extract INPUT --out DIR` first (it writes DIR/strife.duckdb)")
    from .cli import check_output_file

    check_output_file(Path(args.out), "--out")
    out = write_report(db, args.out, args.format)
    print(f"wrote {out}", file=sys.stderr)
    return 0
