// strife dashboard: no network beyond this server. The map is Leaflet with Leaflet.markercluster, both
// vendored under /static/vendor (see vendor/README.txt): country outlines from /static/world.geojson,
// admin1 regions from /static/admin1.geojson shaded by events or fatalities, events clustered with their
// counts, labels for the places with events, and province-level events (geo_precision 3) drawn as rings.
"use strict";

const TYPE_COLORS = {
  "Battles": "#c0392b", "Explosions/Remote violence": "#e67e22", "Violence against civilians": "#8e44ad",
  "Protests": "#27ae60", "Riots": "#795548", "Strategic developments": "#2c7fb8",
};
const SHADES = ["#fde0c5", "#facba6", "#f8b58b", "#f59e72", "#f2855d", "#ef6a4c"];  // light to dark, 6 classes
const SVGNS = "http://www.w3.org/2000/svg";
const PAGE = 200;  // table rows per page
const FETCH = 1000;  // events drawn on the map and charts (the API's largest page)
const MAX_LABELS = 40;  // place labels beyond this many crowd the map; the rest show on hover
const state = { events: [], total: 0, offset: 0, selected: null, world: null, admin1: null, map: null, layers: {} };

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

function el(name, attrs = {}, parent = null) {
  const e = document.createElementNS(SVGNS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

function corePoints(points) {  // drop far-off outliers from the initial view, as report.core_points does
  if (points.length < 5) return points;
  const lons = points.map((p) => p[0]).sort((a, b) => a - b), lats = points.map((p) => p[1]).sort((a, b) => a - b);
  const mlon = lons[Math.floor(lons.length / 2)], mlat = lats[Math.floor(lats.length / 2)];
  const q = Math.max(1, Math.floor(points.length / 4));
  const spread = Math.max(lons[lons.length - q - 1] - lons[q], lats[lats.length - q - 1] - lats[q], 1);
  const reach = Math.max(10 * spread, 15);
  const core = points.filter((p) => Math.abs(p[0] - mlon) <= reach && Math.abs(p[1] - mlat) <= reach);
  return core.length >= 0.75 * points.length ? core : points;
}

// ------------------------------------------------------------------ map
function initMap() {
  const map = L.map("map", { minZoom: 2, maxZoom: 12, zoomSnap: 0.5, worldCopyJump: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: Natural Earth · regions approximated from GeoNames towns");
  map.createPane("regions").style.zIndex = 410;  // above the land (overlay pane, 400), below markers (600)
  map.createPane("labels").style.zIndex = 640;
  map.getPane("labels").style.pointerEvents = "none";
  L.geoJSON(state.world, { interactive: false,
    style: { className: "land", color: "#9aa3ad", weight: 0.7, fillColor: "#f3f1ea", fillOpacity: 1 } }).addTo(map);
  map.setView([10, 20], 2);
  state.map = map;
  // The map keeps the view fitted to the events when its box changes size (the event panel opens or
  // closes), until the user moves it.
  for (const ev of ["mousedown", "wheel", "touchstart"]) map.getContainer().addEventListener(ev, () => { state.touched = true; }, { passive: true });
  new ResizeObserver(() => {
    map.invalidateSize({ animate: false });
    if (state.bounds && !state.touched) map.fitBounds(state.bounds, { maxZoom: 7, animate: false });
  }).observe(map.getContainer());
}

function regionStats(events) {
  const by = new Map();
  for (const e of events) {
    if (!e.admin1 || !e.country) continue;
    const k = `${e.country}|${e.admin1}`;
    const s = by.get(k) || { events: 0, fatalities: 0 };
    s.events += 1; s.fatalities += e.fatalities || 0;
    by.set(k, s);
  }
  return by;
}

function shadeClass(v, max) {  // six classes on a square-root scale: one big region does not wash out the rest
  if (!v) return -1;
  return Math.min(SHADES.length - 1, Math.floor(Math.sqrt(v / max) * SHADES.length - 1e-9));
}

function drawRegions(events) {
  const by = $("#shade-by").value;
  const stats = regionStats(events);
  const countries = new Set(events.map((e) => e.country).filter(Boolean));
  const max = Math.max(1, ...[...stats.values()].map((s) => s[by]));
  const layer = L.geoJSON((state.admin1 || []).filter((f) => countries.has(f.properties.country)), {
    pane: "regions",
    style: (f) => {
      const s = stats.get(`${f.properties.country}|${f.properties.admin1}`);
      const c = shadeClass(s ? s[by] : 0, max);
      return { className: c >= 0 ? "admin1 shaded" : "admin1", color: "#7d8793", weight: 0.8,
        fillColor: c >= 0 ? SHADES[c] : "#ffffff", fillOpacity: c >= 0 ? 0.75 : 0 };
    },
    onEachFeature: (f, lyr) => {
      const s = stats.get(`${f.properties.country}|${f.properties.admin1}`) || { events: 0, fatalities: 0 };
      lyr.bindTooltip(`${esc(f.properties.admin1)}: ${s.events} events, ${s.fatalities} killed`, { sticky: true });
      lyr.on("add", () => { const p = lyr.getElement && lyr.getElement(); if (p) p.dataset.admin1 = f.properties.admin1; });
    },
  });
  return { layer, max, by };
}

function eventIcon(e) {
  const ring = e.geo_precision === 3;
  const d = Math.round(2 * radius(e.fatalities)) + (ring ? 8 : 0);
  const style = ring ? `width:${d}px;height:${d}px;border-color:${color(e.event_type)}` : `width:${d}px;height:${d}px;background:${color(e.event_type)}`;
  return L.divIcon({ className: "ev-icon", iconSize: [d, d],
    html: `<span class="ev${ring ? " ring" : ""}${e.event_id === state.selected ? " selected" : ""}" data-event-id="${esc(e.event_id)}" style="${style}"></span>` });
}

function placeLabels(mapped) {
  const places = new Map();
  for (const e of mapped) {
    const name = e.location || e.admin1;
    const k = `${name}|${e.latitude.toFixed(2)}|${e.longitude.toFixed(2)}`;
    const p = places.get(k) || { name, lat: e.latitude, lon: e.longitude, n: 0, region: e.geo_precision === 3 };
    p.n += 1;
    places.set(k, p);
  }
  const ranked = [...places.values()].sort((a, b) => b.n - a.n || a.name.localeCompare(b.name)).slice(0, MAX_LABELS);
  return L.layerGroup(ranked.map((p) => L.marker([p.lat, p.lon], { pane: "labels", interactive: false, keyboard: false,
    icon: L.divIcon({ className: "place-label" + (p.region ? " region" : ""), html: esc(p.name), iconSize: null, iconAnchor: [-16, 7] }) })));
}

function declutterLabels() {  // a label that would overprint a busier place's is hidden at this zoom
  const kept = [];
  for (const n of document.querySelectorAll("#map .place-label")) {  // in rank order, busiest first
    n.style.visibility = "";
    const r = n.getBoundingClientRect();
    const hit = kept.some((k) => r.left < k.right && k.left < r.right && r.top < k.bottom && k.top < r.bottom);
    if (hit) n.style.visibility = "hidden"; else kept.push(r);
  }
}

function drawMap(fit = true) {
  const map = state.map;
  for (const l of Object.values(state.layers)) map.removeLayer(l);
  const mapped = state.events.filter((e) => e.latitude != null && e.longitude != null);
  const regions = drawRegions(state.events);
  const clusters = $("#cluster").checked
    ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 36, spiderfyOnMaxZoom: true }) : L.featureGroup();
  for (const e of mapped) {
    const m = L.marker([e.latitude, e.longitude], { icon: eventIcon(e), title: `${e.event_date} ${e.location || ""}` });
    m.bindTooltip(`${esc(e.event_date)} ${esc(e.location || e.admin1 || "")}: ${esc(e.sub_event_type || e.event_type)}, ` +
      (e.fatalities == null ? "fatalities unknown" : `${e.fatalities} killed`) + (e.geo_precision === 3 ? " (placed in its province)" : ""));
    m.on("click", () => openEvent(e.event_id));
    clusters.addLayer(m);
  }
  state.layers = { regions: regions.layer, clusters, labels: placeLabels(mapped) };
  for (const l of Object.values(state.layers)) l.addTo(map);
  map.off("zoomend", declutterLabels).on("zoomend", declutterLabels);
  const core = corePoints(mapped.map((e) => [e.longitude, e.latitude]));
  if (fit && core.length) {
    state.bounds = L.latLngBounds(core.map(([x, y]) => [y, x])).pad(0.2);
    state.touched = false;
    map.fitBounds(state.bounds, { maxZoom: 7, animate: false });
  }
  declutterLabels();
  const off = state.events.length - mapped.length;
  const shades = SHADES.map((c, i) => `<i class="shade" style="background:${c}" title="${Math.round(regions.max * ((i + 1) / SHADES.length) ** 2)}"></i>`).join("");
  $("#legend").innerHTML = Object.entries(TYPE_COLORS).map(([t, c]) => `<span class="key"><i style="background:${c}"></i>${esc(t)}</span>`).join("") +
    `<span class="key"><i class="ringkey"></i>placed in its province (precision 3)</span>` +
    `<span class="key">regions by ${esc(regions.by)}: ${shades} up to ${regions.max}</span>` +
    `<span class="muted">circle area grows with fatalities; numbered circles are clusters of events${off ? `; ${off} events have no coordinates` : ""}</span>`;
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

// ------------------------------------------------------------------ fatalities by event type over time
function periodOf(date, unit) {  // the day, the Monday of the week, or the first of the month
  if (unit === "day") return date;
  if (unit === "month") return date.slice(0, 7) + "-01";
  const d = new Date(date + "T00:00:00Z");
  return new Date(+d - ((d.getUTCDay() + 6) % 7) * 864e5).toISOString().slice(0, 10);
}

function drawFatalities() {
  const box = $("#fatalities-chart");
  box.textContent = "";
  const dated = state.events.filter((e) => e.event_date && e.fatalities > 0);
  if (!dated.length) { box.innerHTML = '<p class="muted">No fatalities reported for these events.</p>'; return; }
  const days = dated.map((e) => e.event_date).sort();
  const span = (new Date(days[days.length - 1]) - new Date(days[0])) / 864e5;
  const unit = span <= 62 ? "day" : span <= 550 ? "week" : "month";  // about 60 bars at most
  const per = new Map();
  for (const e of dated) {
    const p = periodOf(e.event_date, unit);
    if (!per.has(p)) per.set(p, {});
    per.get(p)[e.event_type] = (per.get(p)[e.event_type] || 0) + e.fatalities;
  }
  const periods = [];
  for (let d = periodOf(days[0], unit); d <= days[days.length - 1];) {
    periods.push(d);
    const t = new Date(d + "T00:00:00Z");
    d = unit === "day" ? new Date(+t + 864e5).toISOString().slice(0, 10) : unit === "week" ? new Date(+t + 7 * 864e5).toISOString().slice(0, 10)
      : new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
  }
  const W = 900, H = 190, left = 36, base = 150, band = 115;
  const bw = (W - left - 10) / periods.length;
  const maxF = Math.max(...periods.map((p) => Object.values(per.get(p) || {}).reduce((a, b) => a + b, 0)), 1);
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, class: "fatalities" }, box);
  el("text", { x: left, y: 13, class: "ttl" }, svg).textContent = `fatalities by event type, per ${unit} (best estimates)`;
  const types = Object.keys(TYPE_COLORS).concat([...new Set(dated.map((e) => e.event_type))].filter((t) => !(t in TYPE_COLORS)));
  periods.forEach((p, i) => {
    let y = base;
    for (const t of types) {
      const v = (per.get(p) || {})[t];
      if (!v) continue;
      const h = band * v / maxF;
      y -= h;
      const r = el("rect", { class: "fat-bar", x: left + i * bw + 1, y, width: Math.max(bw - 2, 1), height: h, fill: color(t), "data-type": t, "data-period": p, "data-value": v }, svg);
      el("title", {}, r).textContent = `${p}: ${v} killed in ${t}`;
    }
    if (periods.length <= 31 || i % Math.ceil(periods.length / 31) === 0)
      el("text", { x: left + i * bw + bw / 2, y: base + 14, class: "tick" }, svg).textContent = unit === "month" ? p.slice(0, 7) : p.slice(5);
  });
  el("line", { x1: left, y1: base, x2: W - 10, y2: base, class: "base" }, svg);
  el("text", { x: left - 4, y: base - band + 8, class: "tick", "text-anchor": "end" }, svg).textContent = maxF;
}

// ------------------------------------------------------------------ per-actor totals
function drawActors() {
  const totals = new Map();
  for (const e of state.events) {
    const names = new Set([e.actor1, e.actor2, e.assoc_actor_1, e.assoc_actor_2].filter(Boolean).flatMap((a) => a.split("; ")));
    for (const a of names) {
      const t = totals.get(a) || { events: 0, fatalities: 0 };
      t.events += 1; t.fatalities += e.fatalities || 0;
      totals.set(a, t);
    }
  }
  const rows = [...totals.entries()].sort((a, b) => b[1].fatalities - a[1].fatalities || b[1].events - a[1].events || a[0].localeCompare(b[0]));
  $("#actors tbody").innerHTML = rows.map(([a, t]) => `<tr data-actor="${esc(a)}"><td>${esc(a)}</td><td class="num">${t.events}</td><td class="num">${t.fatalities}</td></tr>`).join("")
    || '<tr><td colspan="3" class="muted">No actors.</td></tr>';
  for (const tr of document.querySelectorAll("#actors tr[data-actor]")) tr.addEventListener("click", () => {
    $("#filters [name=actor]").value = tr.dataset.actor;
    load(0);
  });
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
  tb.innerHTML = state.events.slice(state.offset, state.offset + PAGE).map((e) => `<tr data-event-id="${esc(e.event_id)}" class="${e.event_id === state.selected ? "selected" : ""}">
    <td>${esc(e.event_date)}</td><td><span class="tag" style="background:${color(e.event_type)}">${esc(e.event_type)}</span><br>${esc(e.sub_event_type)}</td>
    <td>${esc(actors(e))}</td><td>${esc(place(e))}</td>
    <td class="num">${e.fatalities == null ? "–" : esc(e.fatalities)}${e.fatalities_low != null && e.fatalities_high != null && e.fatalities_low !== e.fatalities_high ? `<br><span class="muted">${esc(e.fatalities_low)}–${esc(e.fatalities_high)}</span>` : ""}</td>
    <td>${esc((e.sources || []).join(", "))}</td></tr>`).join("") || `<tr><td colspan="6" class="muted">No events match these filters.</td></tr>`;
  for (const tr of tb.querySelectorAll("tr[data-event-id]")) tr.addEventListener("click", () => openEvent(tr.dataset.eventId));
  const shown = state.events.length, last = Math.min(state.offset + PAGE, shown);
  $("#pager").innerHTML = `<span class="muted">${shown ? state.offset + 1 : 0}–${last} of ${shown}${state.total > shown ? ` (the ${shown} latest of ${state.total})` : ""}</span>` +
    (state.offset > 0 ? `<button type="button" id="prev">previous</button>` : "") +
    (last < shown ? `<button type="button" id="next">next</button>` : "");
  if ($("#prev")) $("#prev").onclick = () => { state.offset -= PAGE; drawTable(); };
  if ($("#next")) $("#next").onclick = () => { state.offset += PAGE; drawTable(); };
}

// ------------------------------------------------------------------ event panel
async function openEvent(id) {
  state.selected = id;
  for (const n of document.querySelectorAll(".selected")) n.classList.remove("selected");
  for (const e of state.events) if (e.event_id === id && e.latitude != null && state.map) {  // the event in view
    if (!state.map.getBounds().contains([e.latitude, e.longitude])) state.map.panTo([e.latitude, e.longitude], { animate: false });
  }
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

async function load() {
  const p = query();
  for (const a of ["#download-csv", "#download-geojson"]) $(a).href = $(a).href.split("?")[0] + (String(p) ? `?${p}` : "");
  p.set("limit", FETCH);
  p.set("offset", 0);
  try {
    const page = await getJSON(`/events?${p}`);
    Object.assign(state, { events: page.events, total: page.total, offset: 0 });
    $("#summary").textContent = `${page.total} events match` + (page.total > FETCH ? ` (the ${FETCH} latest drawn)` : "");
  } catch (err) {
    $("#summary").innerHTML = `<span class="error">${esc(err.message)}</span>`;
    state.events = []; state.total = 0;
  }
  drawMap(); drawTimeline(); drawFatalities(); drawActors(); drawTable();
  document.body.dataset.ready = "1";
}

function fillSelect(name, items) {
  const s = $(`#filters [name=${name}]`);
  for (const it of items) { const o = document.createElement("option"); o.value = it.value; o.textContent = `${it.value} (${it.events})`; s.appendChild(o); }
}

async function init() {
  try {
    const [stats, world, admin1] = await Promise.all([getJSON("/stats"), getJSON("/static/world.geojson"), getJSON("/static/admin1.geojson")]);
    state.world = world;
    state.admin1 = admin1.features;
    fillSelect("country", stats.by_country); fillSelect("admin1", stats.by_admin1); fillSelect("event_type", stats.by_event_type);
  } catch (err) {
    $("#summary").innerHTML = `<span class="error">${esc(err.message)}</span>`;
  }
  initMap();
  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); load(); });
  $("#filters").addEventListener("reset", () => setTimeout(() => load(), 0));
  $("#shade-by").addEventListener("change", () => drawMap(false));
  $("#cluster").addEventListener("change", () => drawMap(false));
  $("#close").addEventListener("click", () => { $("#panel").hidden = true; state.selected = null; });
  await load();
}

init();
