// strife dashboard: vanilla JS, no libraries, no network beyond this server.
// The map is drawn the way report.py draws it: an equirectangular projection fitted to the events
// (longitudes scaled by cos(mid-latitude)), country outlines from /static/world.geojson, circles sized
// by fatalities and coloured by event type.
"use strict";

const TYPE_COLORS = {
  "Battles": "#c0392b", "Explosions/Remote violence": "#e67e22", "Violence against civilians": "#8e44ad",
  "Protests": "#27ae60", "Riots": "#795548", "Strategic developments": "#2c7fb8",
};
const SVGNS = "http://www.w3.org/2000/svg";
const PAGE = 200;
const state = { events: [], total: 0, offset: 0, selected: null, world: null };

const $ = (sel, root = document) => root.querySelector(sel);
const color = (t) => TYPE_COLORS[t] || "#7f7f7f";
const radius = (f) => Math.round(Math.min(4 + 3.2 * Math.sqrt(f > 0 ? f : 0), 34) * 10) / 10;

function esc(s) {
  return String(s == null ? "" : s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

async function getJSON(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.message || `${r.status} ${r.statusText}`);
  return body;
}

// ------------------------------------------------------------------ projection (same rules as report.fit_view)
function fitView(points, width = 900, maxHeight = 560, minHeight = 300, minSpan = 2, pad = 0.18) {
  if (!points.length) return makeView(-180, -60, 180, 80, width, maxHeight);
  let lon0 = Math.min(...points.map((p) => p[0])), lon1 = Math.max(...points.map((p) => p[0]));
  let lat0 = Math.min(...points.map((p) => p[1])), lat1 = Math.max(...points.map((p) => p[1]));
  if (lon1 - lon0 < minSpan) { const c = (lon0 + lon1) / 2; lon0 = c - minSpan / 2; lon1 = c + minSpan / 2; }
  if (lat1 - lat0 < minSpan) { const c = (lat0 + lat1) / 2; lat0 = c - minSpan / 2; lat1 = c + minSpan / 2; }
  const dx = (lon1 - lon0) * pad, dy = (lat1 - lat0) * pad;
  lon0 -= dx; lon1 += dx; lat0 = Math.max(lat0 - dy, -85); lat1 = Math.min(lat1 + dy, 85);
  const kx = Math.max(Math.cos(((lat0 + lat1) / 2) * Math.PI / 180), 0.2);
  let scale = width / ((lon1 - lon0) * kx), height = (lat1 - lat0) * scale;
  if (height > maxHeight) {
    scale = maxHeight / (lat1 - lat0);
    const extra = (width / (scale * kx) - (lon1 - lon0)) / 2;
    lon0 -= extra; lon1 += extra; height = maxHeight;
  } else if (height < minHeight) {
    const extra = (minHeight / scale - (lat1 - lat0)) / 2;
    lat0 -= extra; lat1 += extra; height = minHeight;
  }
  return makeView(lon0, lat0, lon1, lat1, width, Math.round(height));
}

function makeView(lon0, lat0, lon1, lat1, width, height) {
  const kx = Math.max(Math.cos(((lat0 + lat1) / 2) * Math.PI / 180), 0.2);
  const scale = width / ((lon1 - lon0) * kx);
  return { lon0, lat0, lon1, lat1, width, height, xy: (lon, lat) => [(lon - lon0) * kx * scale, (lat1 - lat) * scale] };
}

function corePoints(points) {  // drop far-off outliers, as report.core_points does
  if (points.length < 5) return points;
  const lons = points.map((p) => p[0]).sort((a, b) => a - b), lats = points.map((p) => p[1]).sort((a, b) => a - b);
  const mlon = lons[Math.floor(lons.length / 2)], mlat = lats[Math.floor(lats.length / 2)];
  const q = Math.max(1, Math.floor(points.length / 4));
  const spread = Math.max(lons[lons.length - q - 1] - lons[q], lats[lats.length - q - 1] - lats[q], 1);
  const reach = Math.max(10 * spread, 15);
  const core = points.filter((p) => Math.abs(p[0] - mlon) <= reach && Math.abs(p[1] - mlat) <= reach);
  return core.length >= 0.75 * points.length ? core : points;
}

function el(name, attrs = {}, parent = null) {
  const e = document.createElementNS(SVGNS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

function ringsPath(polys, view) {
  let d = "";
  for (const poly of polys) for (const ring of poly) {
    if (ring.length < 3) continue;
    d += "M" + ring.map(([x, y]) => view.xy(x, y).map((v) => v.toFixed(1)).join(",")).join("L") + "Z";
  }
  return d;
}

function drawMap() {
  const box = $("#map");
  box.textContent = "";
  const mapped = state.events.filter((e) => e.latitude != null && e.longitude != null);
  const view = fitView(corePoints(mapped.map((e) => [e.longitude, e.latitude])));
  const svg = el("svg", { viewBox: `0 0 ${view.width} ${view.height}`, role: "img" }, box);
  el("rect", { class: "sea", x: 0, y: 0, width: view.width, height: view.height }, svg);
  for (const c of state.world || []) {
    const [x0, y0, x1, y1] = c.bbox;
    if (x1 < view.lon0 || x0 > view.lon1 || y1 < view.lat0 || y0 > view.lat1) continue;
    const p = el("path", { class: "land", d: ringsPath(c.polygons, view) }, svg);
    el("title", {}, p).textContent = c.name || "";
  }
  const span = Math.max(view.lon1 - view.lon0, view.lat1 - view.lat0);
  const step = [0.5, 1, 2, 5, 10, 20, 30].find((s) => span / s <= 8) || 60;
  const g = el("g", { class: "graticule" }, svg);
  for (let lon = Math.ceil(view.lon0 / step) * step; lon <= view.lon1; lon += step) {
    const [x] = view.xy(lon, 0);
    el("line", { x1: x, y1: 0, x2: x, y2: view.height }, g);
    el("text", { x: x + 3, y: view.height - 4 }, g).textContent = `${Math.abs(+lon.toFixed(1))}°${lon > 0 ? "E" : lon < 0 ? "W" : ""}`;
  }
  for (let lat = Math.ceil(view.lat0 / step) * step; lat <= view.lat1; lat += step) {
    const [, y] = view.xy(0, lat);
    el("line", { x1: 0, y1: y, x2: view.width, y2: y }, g);
    el("text", { x: 3, y: y - 3 }, g).textContent = `${Math.abs(+lat.toFixed(1))}°${lat > 0 ? "N" : lat < 0 ? "S" : ""}`;
  }
  const inside = mapped.filter((e) => e.longitude >= view.lon0 && e.longitude <= view.lon1 && e.latitude >= view.lat0 && e.latitude <= view.lat1);
  inside.sort((a, b) => (b.fatalities || 0) - (a.fatalities || 0));
  for (const e of inside) {
    const [x, y] = view.xy(e.longitude, e.latitude);
    const c = el("circle", { class: "marker" + (e.event_id === state.selected ? " selected" : ""), cx: x.toFixed(1), cy: y.toFixed(1),
      r: radius(e.fatalities), fill: color(e.event_type), "data-event-id": e.event_id }, svg);
    el("title", {}, c).textContent = `${e.event_date} ${e.location || ""}: ${e.sub_event_type || e.event_type}, ` +
      (e.fatalities == null ? "fatalities unknown" : `${e.fatalities} killed`);
    c.addEventListener("click", () => openEvent(e.event_id));
  }
  const off = state.events.length - inside.length;
  $("#legend").innerHTML = Object.entries(TYPE_COLORS).map(([t, c]) => `<span class="key"><i style="background:${c}"></i>${esc(t)}</span>`).join("") +
    `<span class="muted">circle area grows with fatalities${off ? `; ${off} of these events not on the map (no coordinates or far away)` : ""}</span>`;
}

// ------------------------------------------------------------------ timeline
function drawTimeline() {
  const box = $("#timeline");
  box.textContent = "";
  const dated = state.events.filter((e) => e.event_date);
  if (!dated.length) return;
  const perDay = new Map();
  for (const e of dated) {
    if (!perDay.has(e.event_date)) perDay.set(e.event_date, []);
    perDay.get(e.event_date).push(e);
  }
  const days = [...perDay.keys()].sort();
  let start = new Date(days[0] + "T00:00:00Z"), end = new Date(days[days.length - 1] + "T00:00:00Z");
  if ((end - start) / 864e5 > 120) start = new Date(end - 120 * 864e5);  // the last four months at most
  const all = [];
  for (let d = new Date(start); d <= end; d = new Date(+d + 864e5)) all.push(d.toISOString().slice(0, 10));
  const W = 900, H = 165, left = 30, base = 128, band = 90;
  const bw = (W - left - 10) / all.length;
  const maxN = Math.max(...all.map((d) => (perDay.get(d) || []).length), 1);
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}` }, box);
  el("text", { x: left, y: 13, class: "ttl" }, svg).textContent = "events per day (bar) · killed (number)";
  all.forEach((d, i) => {
    const es = (perDay.get(d) || []).slice().sort((a, b) => (a.event_type || "").localeCompare(b.event_type || ""));
    let y = base;
    for (const e of es) {
      const h = band / maxN;
      y -= h;
      const r = el("rect", { x: left + i * bw + 1, y, width: Math.max(bw - 2, 1), height: Math.max(h - 0.5, 0.5), fill: color(e.event_type) }, svg);
      el("title", {}, r).textContent = `${d}: ${e.sub_event_type} in ${e.location || "?"}`;
      r.style.cursor = "pointer";
      r.addEventListener("click", () => openEvent(e.event_id));
    }
    const f = es.reduce((s, e) => s + (e.fatalities || 0), 0);
    if (f) el("text", { x: left + i * bw + bw / 2, y: y - 3, class: "tick" }, svg).textContent = f;
    if (all.length <= 31 || i % Math.ceil(all.length / 31) === 0)
      el("text", { x: left + i * bw + bw / 2, y: base + 14, class: "tick" }, svg).textContent = d.slice(5);
  });
  el("line", { x1: left, y1: base, x2: W - 10, y2: base, class: "base" }, svg);
}

// ------------------------------------------------------------------ table
function actors(e) {
  return [e.actor1, e.actor2].filter(Boolean).join(" vs ");
}

function place(e) {
  return [...new Set([e.location, e.admin1, e.country].filter(Boolean))].join(", ");
}

function drawTable() {
  const tb = $("#events tbody");
  tb.innerHTML = state.events.map((e) => `<tr data-event-id="${esc(e.event_id)}" class="${e.event_id === state.selected ? "selected" : ""}">
    <td>${esc(e.event_date)}</td><td><span class="tag" style="background:${color(e.event_type)}">${esc(e.event_type)}</span><br>${esc(e.sub_event_type)}</td>
    <td>${esc(actors(e))}</td><td>${esc(place(e))}</td>
    <td class="num">${e.fatalities == null ? "–" : esc(e.fatalities)}${e.fatalities_low != null && e.fatalities_high != null && e.fatalities_low !== e.fatalities_high ? `<br><span class="muted">${esc(e.fatalities_low)}–${esc(e.fatalities_high)}</span>` : ""}</td>
    <td>${esc((e.sources || []).join(", "))}</td></tr>`).join("") || `<tr><td colspan="6" class="muted">No events match these filters.</td></tr>`;
  for (const tr of tb.querySelectorAll("tr[data-event-id]")) tr.addEventListener("click", () => openEvent(tr.dataset.eventId));
  const last = Math.min(state.offset + PAGE, state.total);
  $("#pager").innerHTML = `<span class="muted">${state.total ? state.offset + 1 : 0}–${last} of ${state.total}</span>` +
    (state.offset > 0 ? `<button type="button" id="prev">previous</button>` : "") +
    (last < state.total ? `<button type="button" id="next">next</button>` : "");
  if ($("#prev")) $("#prev").onclick = () => load(state.offset - PAGE);
  if ($("#next")) $("#next").onclick = () => load(state.offset + PAGE);
}

// ------------------------------------------------------------------ event panel
async function openEvent(id) {
  state.selected = id;
  for (const n of document.querySelectorAll(".selected")) n.classList.remove("selected");
  for (const n of document.querySelectorAll(`[data-event-id="${CSS.escape(id)}"]`)) n.classList.add("selected");
  const panel = $("#panel"), body = $("#panel-body");
  panel.hidden = false;
  body.innerHTML = `<p class="muted">loading ${esc(id)}…</p>`;
  let e;
  try { e = await getJSON(`/events/${encodeURIComponent(id)}`); } catch (err) { body.innerHTML = `<p class="error">${esc(err.message)}</p>`; return; }
  const fat = e.fatalities == null ? "unknown" : `${e.fatalities}` + (e.fatalities_low != null && e.fatalities_low !== e.fatalities_high ? ` (${e.fatalities_low}–${e.fatalities_high})` : "");
  const fields = [["Date", `${e.event_date}${e.time_precision > 1 ? (e.time_precision === 2 ? " (week)" : " (month)") : ""}`],
    ["Type", `${e.event_type} · ${e.sub_event_type}`], ["Actor 1", `${e.actor1 || "?"}${e.assoc_actor_1 ? ` (${e.assoc_actor_1})` : ""}`],
    ["Actor 2", `${e.actor2 || "–"}${e.assoc_actor_2 ? ` (${e.assoc_actor_2})` : ""}`], ["Place", place(e)],
    ["Coordinates", e.latitude == null ? "–" : `${e.latitude.toFixed(4)}, ${e.longitude.toFixed(4)} (precision ${e.geo_precision})`],
    ["Killed", fat], ["Injured", e.injured == null ? "–" : e.injured], ["Sources", (e.sources || []).join(", ")]];
  const claims = (e.claims || []).map((c) => `<tr><td>${c.party_to_conflict ? '<span class="tag party" title="a party to the conflict">party</span> ' : ""}${esc(c.claimant)}</td>
    <td>${esc(c.figure)}</td><td class="num">${esc(c.qualifier ? c.qualifier + " " : "")}${esc(c.value)}</td><td class="muted">${esc(c.doc_id)}</td></tr>`).join("");
  const revs = (e.revisions || []).map((r) => `<li>${esc(r.as_of)}: ${esc(r.figure)} ${esc(r.value)} (${esc(r.claimant)})</li>`).join("");
  body.innerHTML = `<h2 id="panel-title">${esc(e.sub_event_type)} in ${esc(e.location || "?")}</h2>
    <p>${esc(e.notes)}</p><p class="muted">${esc(e.event_id)}</p>
    <dl class="fields">${fields.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("")}</dl>
    <h3>Claims</h3>${claims ? `<table id="claims"><thead><tr><th>Claimant</th><th>Figure</th><th class="num">Value</th><th>Report</th></tr></thead><tbody>${claims}</tbody></table>` : '<p class="muted">No figures claimed.</p>'}
    ${revs ? `<h3>Revisions</h3><ul>${revs}</ul>` : ""}
    <h3>Evidence</h3><div id="evidence"></div>`;
  const docs = [...new Set((e.mentions || []).map((m) => m.doc_id))];
  const ev = $("#evidence");
  for (const docId of docs) {
    const div = document.createElement("div");
    div.className = "doc";
    div.innerHTML = `<p class="muted">loading ${esc(docId)}…</p>`;
    ev.appendChild(div);
    try {
      const d = await getJSON(`/documents/${encodeURIComponent(docId)}?event_id=${encodeURIComponent(id)}`);
      if (state.selected !== id) return;
      div.innerHTML = `<h4>${esc(d.title || d.doc_id)}</h4><p class="muted">${esc([d.outlet, d.published, d.doc_id].filter(Boolean).join(" · "))}</p>
        <div class="doctext">${d.html}</div>`;
      const focus = div.querySelector("mark.focus");
      if (focus && !ev.dataset.scrolled) {  // bring the first highlighted sentence into view
        ev.dataset.scrolled = "1";
        focus.scrollIntoView({ block: "center" });
      }
    } catch (err) {
      div.innerHTML = `<p class="error">${esc(docId)}: ${esc(err.message)}</p>`;
    }
  }
}

// ------------------------------------------------------------------ loading and filters
function query() {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData($("#filters"))) if (String(v).trim() !== "") p.set(k, String(v).trim());
  return p;
}

async function load(offset = 0) {
  const p = query();
  p.set("limit", PAGE);
  p.set("offset", Math.max(offset, 0));
  try {
    const page = await getJSON(`/events?${p}`);
    Object.assign(state, { events: page.events, total: page.total, offset: page.offset });
    $("#summary").textContent = `${page.total} events match`;
  } catch (err) {
    $("#summary").innerHTML = `<span class="error">${esc(err.message)}</span>`;
    state.events = []; state.total = 0;
  }
  drawMap(); drawTimeline(); drawTable();
  document.body.dataset.ready = "1";
}

function fillSelect(name, items) {
  const s = $(`#filters [name=${name}]`);
  for (const it of items) { const o = document.createElement("option"); o.value = it.value; o.textContent = `${it.value} (${it.events})`; s.appendChild(o); }
}

async function init() {
  try {
    const [stats, world] = await Promise.all([getJSON("/stats"), getJSON("/static/world.geojson")]);
    state.world = world.features.map((f) => {
      const g = f.geometry || {}, polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates || [];
      let x0 = 180, y0 = 90, x1 = -180, y1 = -90;
      for (const poly of polys) for (const ring of poly) for (const [x, y] of ring) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
      return { name: f.properties.name, bbox: [x0, y0, x1, y1], polygons: polys };
    });
    fillSelect("country", stats.by_country); fillSelect("admin1", stats.by_admin1); fillSelect("event_type", stats.by_event_type);
  } catch (err) {
    $("#summary").innerHTML = `<span class="error">${esc(err.message)}</span>`;
  }
  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); load(0); });
  $("#filters").addEventListener("reset", () => setTimeout(() => load(0), 0));
  $("#close").addEventListener("click", () => { $("#panel").hidden = true; state.selected = null; });
  await load(0);
}

init();
