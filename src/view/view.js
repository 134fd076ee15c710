// actorgraph view: draws the graph embedded in #graph-data as SVG and reacts to
// the reader: drag actors, zoom/pan, filter by relation, weight and date, one
// line per relation or per actor pair, search an actor (zooms to it and
// highlights its neighbours), click a line to read its evidence. Every piece
// of text from the data goes into the page through textContent, never parsed
// as HTML. Test hooks in the URL fragment: #select=ID, #click=ID (edge e3 or
// pair p2), #search=TEXT, #pairs=0|1, #from=DATE, #to=DATE.
(function () {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const $ = (id) => document.getElementById(id);
  const svg = $("canvas"), panel = $("panel"), slider = $("min-weight"), search = $("search");
  const status = $("status"), pairBox = $("pairs"), fromSlider = $("date-from"), toSlider = $("date-to");

  function svgEl(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function htmlEl(name, text, parent, cls) {
    const e = document.createElement(name);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    if (parent) parent.appendChild(e);
    return e;
  }
  // "1 mention", "2 mentions".
  const plural = (n, what) => n + " " + what + (n === 1 ? "" : "s");
  // Same as picture::stance_color in Rust: red (-1), grey (0), blue (+1).
  function stanceColor(s) {
    const grey = [140, 140, 140], end = s < 0 ? [214, 39, 40] : [31, 119, 180], t = Math.min(1, Math.abs(s));
    return "#" + grey.map((g, i) => Math.round(g + (end[i] - g) * t).toString(16).padStart(2, "0")).join("");
  }
  // Kind shapes, centred on 0,0 with "radius" r (the same as render's DOT shapes).
  function shape(kind, r, parent, attrs) {
    const poly = (k, rot) => {
      const pts = [];
      for (let i = 0; i < k; i++) {
        const a = rot + (2 * Math.PI * i) / k;
        pts.push((r * Math.cos(a)).toFixed(1) + "," + (r * Math.sin(a)).toFixed(1));
      }
      return svgEl("polygon", Object.assign({ points: pts.join(" ") }, attrs), parent);
    };
    if (kind === "state") return svgEl("rect", Object.assign({ x: -r * 0.9, y: -r * 0.9, width: r * 1.8, height: r * 1.8 }, attrs), parent);
    if (kind === "organization") return poly(6, 0);
    if (kind === "group") return poly(8, Math.PI / 8);
    return svgEl("circle", Object.assign({ r: r }, attrs), parent);
  }

  // ----- scene -----
  svg.setAttribute("viewBox", "0 0 " + data.width + " " + data.height);
  const defs = svgEl("defs", {}, svg);
  const viewport = svgEl("g", { id: "viewport" }, svg);
  const edgeLayer = svgEl("g", { class: "edges" }, viewport);
  const nodeLayer = svgEl("g", { class: "nodes" }, viewport);
  const view = { x: 0, y: 0, k: 1 };
  const state = { relations: new Set(data.relations.map((r) => r.id)), minWeight: 1, pairs: data.pairs,
    from: null, to: null, dated: false };

  const markers = new Map();
  data.relations.forEach((r, i) => {
    const m = svgEl("marker", { id: "arrow-" + i, viewBox: "0 0 10 10", refX: "9", refY: "5",
      markerWidth: "6", markerHeight: "6", orient: "auto-start-reverse" }, defs);
    svgEl("path", { d: "M0,0 L10,5 L0,10 z", fill: r.color }, m);
    markers.set(r.id, "url(#arrow-" + i + ")");
  });

  // Labels of the less mentioned actors of a large graph show once zoomed in.
  const byMentions = data.nodes.map((n) => n.mentions).sort((a, b) => b - a);
  const minorBelow = data.nodes.length > 150 ? byMentions[99] : -1;
  const nodes = new Map();
  for (const n of data.nodes) {
    const g = svgEl("g", { class: "node", "data-id": n.id }, nodeLayer);
    if (n.mentions < minorBelow) g.classList.add("minor");
    shape(n.kind, n.r, g, { fill: n.fill });
    svgEl("text", { y: n.r + 12 }, g).textContent = n.label;
    svgEl("title", {}, g).textContent = n.label + " (" + n.kind + ", " + plural(n.mentions, "mention") + ")";
    nodes.set(n.id, { rec: n, g: g, r: n.r, x: n.x, y: n.y, edges: [], pairs: [] });
  }

  // One line per relation; parallel relations between two actors are bent apart.
  const pairCount = new Map();
  const edges = new Map();
  const pairs = new Map();
  for (const e of data.edges) {
    const a = nodes.get(e.source), b = nodes.get(e.target);
    if (!a || !b) continue;
    const key = [e.source, e.target].sort().join("\u0000");
    const slot = pairCount.get(key) || 0;
    pairCount.set(key, slot + 1);
    const g = svgEl("g", { class: "edge", "data-id": e.id }, edgeLayer);
    const hit = svgEl("path", { class: "hit" }, g);
    const line = svgEl("path", { class: "line", stroke: e.color,
      "stroke-width": Math.min(8, 1 + Math.log2(e.weight)) }, g);
    if (e.negated) line.classList.add("negated");
    if (e.hedged) line.classList.add("hedged");
    if (!e.symmetric) line.setAttribute("marker-end", markers.get(e.relation));
    svgEl("title", {}, g).textContent = (e.negated ? "not " : "") + e.relation + " (" + e.weight + ")";
    const edge = { rec: e, g: g, hit: hit, line: line, a: a, b: b, key: key, slot: slot, weight: e.weight };
    g.addEventListener("click", (ev) => { ev.stopPropagation(); select(e.id); });
    edges.set(e.id, edge);
    a.edges.push(edge);
    if (b !== a) b.edges.push(edge);
    if (!pairs.has(key)) pairs.set(key, { key: key, a: e.source < e.target ? a : b, b: e.source < e.target ? b : a, edges: [] });
    pairs.get(key).edges.push(edge);
  }
  // One line per actor pair, ids p0, p1, ... in the order of their actor ids.
  const pairList = [...pairs.values()].sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : 0));
  const pairById = new Map();
  pairList.forEach((p, i) => {
    p.id = "p" + i;
    p.g = svgEl("g", { class: "pair", "data-id": p.id }, edgeLayer);
    p.hit = svgEl("path", { class: "hit" }, p.g);
    p.line = svgEl("path", { class: "line" }, p.g);
    p.title = svgEl("title", {}, p.g);
    p.g.addEventListener("click", (ev) => { ev.stopPropagation(); selectPair(p.id); });
    pairById.set(p.id, p);
    p.a.pairs.push(p);
    if (p.b !== p.a) p.b.pairs.push(p);
  });

  function edgePath(e) {
    const { a, b } = e;
    if (a === b) {
      const r = a.r;
      return "M" + (a.x - r / 2) + "," + (a.y - r) + " C" + (a.x - 3 * r) + "," + (a.y - 4 * r) +
        " " + (a.x + 3 * r) + "," + (a.y - 4 * r) + " " + (a.x + r / 2) + "," + (a.y - r);
    }
    const n = pairCount.get(e.key);
    const canonical = a.rec.id < b.rec.id ? 1 : -1;
    const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1;
    const bend = (e.slot - (n - 1) / 2) * 28 * canonical;
    const cx = (a.x + b.x) / 2 - (dy / len) * bend, cy = (a.y + b.y) / 2 + (dx / len) * bend;
    // End at the target's rim so the arrowhead shows.
    const ex = b.x - cx, ey = b.y - cy, el = Math.hypot(ex, ey) || 1;
    const tx = b.x - (ex / el) * (b.r + 2), ty = b.y - (ey / el) * (b.r + 2);
    return "M" + a.x + "," + a.y + " Q" + cx + "," + cy + " " + tx + "," + ty;
  }
  function pairPath(p) {
    if (p.a === p.b) return edgePath(Object.assign({ slot: 0, key: p.key }, p));
    return "M" + p.a.x + "," + p.a.y + " L" + p.b.x + "," + p.b.y;
  }
  function drawEdge(e) {
    const d = edgePath(e);
    e.hit.setAttribute("d", d);
    e.line.setAttribute("d", d);
  }
  function drawPair(p) {
    const d = pairPath(p);
    p.hit.setAttribute("d", d);
    p.line.setAttribute("d", d);
  }
  function drawNode(n) {
    n.g.setAttribute("transform", "translate(" + n.x + "," + n.y + ")");
    n.edges.forEach(drawEdge);
    n.pairs.forEach(drawPair);
  }
  function drawView() {
    viewport.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")");
    svg.classList.toggle("zoomed", view.k >= 2);
  }
  nodes.forEach(drawNode);
  drawView();

  // ----- pointer: drag nodes, pan, zoom -----
  function svgPoint(ev, target) {
    const p = svg.createSVGPoint();
    p.x = ev.clientX;
    p.y = ev.clientY;
    return p.matrixTransform(target.getScreenCTM().inverse());
  }
  let drag = null;
  nodeLayer.addEventListener("pointerdown", (ev) => {
    const g = ev.target.closest(".node");
    if (!g) return;
    ev.stopPropagation();
    drag = { node: nodes.get(g.getAttribute("data-id")), moved: false };
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointerdown", (ev) => {
    if (drag || ev.target.closest(".edge, .pair")) return;
    const p = svgPoint(ev, svg);
    drag = { pan: true, x: p.x - view.x, y: p.y - view.y };
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    if (drag.pan) {
      const p = svgPoint(ev, svg);
      view.x = p.x - drag.x;
      view.y = p.y - drag.y;
      drawView();
    } else {
      const p = svgPoint(ev, viewport);
      drag.node.x = p.x;
      drag.node.y = p.y;
      drag.moved = true;
      drawNode(drag.node);
    }
  });
  svg.addEventListener("pointerup", () => {
    if (drag && drag.node && !drag.moved) showNode(drag.node);
    drag = null;
  });
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const p = svgPoint(ev, svg);
    zoomAt(p.x, p.y, view.k * Math.exp(-ev.deltaY * 0.0015));
  }, { passive: false });
  function zoomAt(px, py, k) {
    k = Math.max(0.1, Math.min(10, k));
    view.x = px - ((px - view.x) * k) / view.k;
    view.y = py - ((py - view.y) * k) / view.k;
    view.k = k;
    drawView();
  }

  // ----- legend and notes -----
  function legend() {
    const kinds = $("kinds");
    const count = new Map();
    data.nodes.forEach((n) => count.set(n.kind, (count.get(n.kind) || 0) + 1));
    for (const kind of ["person", "state", "organization", "group"]) {
      if (!count.has(kind)) continue;
      const row = htmlEl("div", null, kinds, "legend-row");
      const icon = svgEl("svg", { width: 20, height: 20, viewBox: "-10 -10 20 20", class: "icon" }, row);
      shape(kind, 8.5, icon, { fill: "#ffffff", stroke: "#555" });
      htmlEl("span", kind + " (" + count.get(kind) + ")", row);
    }
    for (const c of data.communities) {
      const row = htmlEl("div", null, kinds, "legend-row");
      htmlEl("span", null, row, "swatch community").style.background = c.color;
      htmlEl("span", c.label + " \u2026 (" + c.size + ")", row);
    }
    // In pair mode a line's color is its net stance, not a relation's color (as render's legend).
    const stanceBox = $("stance");
    for (const [s, text] of [[1, "cooperative"], [0, "mixed or neutral"], [-1, "conflictual"]]) {
      const row = htmlEl("div", null, stanceBox, "legend-row");
      htmlEl("span", null, row, "swatch").style.background = stanceColor(s);
      htmlEl("span", text, row);
    }
    htmlEl("div", "width: total weight; click a line for its relations", stanceBox, "legend-row");
    const notes = $("notes");
    data.notes.forEach((t) => htmlEl("p", t, notes));
    notes.hidden = data.notes.length === 0;
  }
  legend();

  // ----- filters -----
  const relBox = $("relations");
  for (const r of data.relations) {
    const label = htmlEl("label", null, relBox);
    const box = htmlEl("input", null, label);
    box.type = "checkbox";
    box.checked = true;
    box.value = r.id;
    box.addEventListener("change", () => {
      if (box.checked) state.relations.add(r.id); else state.relations.delete(r.id);
      applyFilters();
    });
    htmlEl("span", null, label, "swatch").style.background = r.color;
    htmlEl("span", r.id + " (" + r.count + ")", label);
  }
  slider.max = String(data.edges.reduce((m, e) => Math.max(m, e.weight), 1));
  slider.addEventListener("input", () => { state.minWeight = Number(slider.value); applyFilters(); });
  pairBox.checked = state.pairs;
  pairBox.addEventListener("change", () => { state.pairs = pairBox.checked; applyFilters(); });

  // Date range over the evidence dates (YYYY-MM-DD or YYYY-MM strings sort as dates).
  const dates = [...new Set(data.edges.flatMap((e) => e.evidence.map((v) => v.date).filter(Boolean)))].sort();
  if (dates.length < 2) $("dates").hidden = true;
  [fromSlider, toSlider].forEach((s) => { s.max = String(Math.max(0, dates.length - 1)); });
  toSlider.value = toSlider.max;
  fromSlider.value = "0";
  function setDates() {
    let a = Number(fromSlider.value), b = Number(toSlider.value);
    if (a > b) [a, b] = [b, a];
    state.from = dates[a] || null;
    state.to = dates[b] || null;
    state.dated = dates.length > 1 && (a > 0 || b < dates.length - 1);
    $("date-from-value").textContent = state.from || "";
    $("date-to-value").textContent = state.to || "";
  }
  [fromSlider, toSlider].forEach((s) => s.addEventListener("input", () => { setDates(); applyFilters(); }));
  setDates();
  function inRange(v) {
    return !state.dated || (v.date && v.date >= state.from && v.date <= state.to);
  }
  // The weight of an edge in the date range: its evidence sentences there.
  function weightOf(e) {
    return state.dated ? e.rec.evidence.filter(inRange).length : e.rec.weight;
  }

  function applyFilters() {
    $("min-weight-value").textContent = String(state.minWeight);
    let shownEdges = 0, shownNodes = 0, shownPairs = 0;
    edges.forEach((e) => {
      e.weight = weightOf(e);
      e.visible = state.relations.has(e.rec.relation) && e.weight > 0 && e.weight >= state.minWeight;
      e.g.style.display = e.visible && !state.pairs ? "" : "none";
      if (e.visible) shownEdges++;
    });
    pairList.forEach((p) => {
      const vis = p.edges.filter((e) => e.visible);
      p.visible = vis.length > 0;
      p.g.style.display = p.visible && state.pairs ? "" : "none";
      if (!p.visible) return;
      shownPairs++;
      stylePair(p, vis);
    });
    // Same rule as the command-line filters: an actor that lost all its lines goes.
    nodes.forEach((n) => {
      const visible = n.edges.length === 0 || n.edges.some((e) => e.visible);
      n.g.style.display = visible ? "" : "none";
      if (visible) shownNodes++;
    });
    $("stance").hidden = !state.pairs;
    status.textContent = shownNodes + " actors, " + shownEdges + " relations" +
      (state.pairs ? " in " + shownPairs + " pairs" : "");
  }
  function stance(vis) {
    let total = 0, net = 0;
    for (const e of vis) {
      total += e.weight;
      if (!e.rec.negated && e.rec.polarity === "cooperative") net += e.weight;
      if (!e.rec.negated && e.rec.polarity === "conflictual") net -= e.weight;
    }
    return { total: total, net: total ? net / total : 0 };
  }
  function stylePair(p, vis) {
    const s = stance(vis);
    p.weight = s.total;
    p.line.setAttribute("stroke", stanceColor(s.net));
    p.line.setAttribute("stroke-width", Math.min(8, 1 + Math.log2(s.total)));
    p.title.textContent = p.a.rec.label + " \u2013 " + p.b.rec.label + ": " + s.total + " (" +
      vis.map((e) => e.a.rec.label + " " + (e.rec.negated ? "not " : "") + e.rec.relation + " " +
        e.b.rec.label + " \u00d7" + e.weight).join("; ") + ")";
  }
  applyFilters();

  // ----- search: zoom to the actor, highlight its neighbourhood -----
  // An actor is found by its label, its id or any name the articles gave it ("Kremlin" finds
  // Russia); the view goes to the first shown actor whose label or id matches, else whose alias does.
  function find(text) {
    const q = text.trim().toLowerCase();
    let first = null, firstByAlias = null;
    nodes.forEach((n) => {
      const named = q !== "" && (n.rec.label.toLowerCase().includes(q) || n.rec.id.toLowerCase().includes(q));
      const aliased = q !== "" && !named && (n.rec.aliases || []).some((a) => a.toLowerCase().includes(q));
      n.g.classList.toggle("match", named || aliased);
      n.g.classList.remove("near");
      if (n.g.style.display === "none") return;
      if (named && !first) first = n;
      if (aliased && !firstByAlias) firstByAlias = n;
    });
    first = first || firstByAlias;
    edges.forEach((e) => e.g.classList.remove("near"));
    pairList.forEach((p) => p.g.classList.remove("near"));
    svg.classList.toggle("searching", q !== "");
    if (first) focus(first);
    return first;
  }
  function focus(n) {
    let x0 = n.x, y0 = n.y, x1 = n.x, y1 = n.y;
    const mark = (line, other) => {
      if (!line.visible) return;
      line.g.classList.add("near");
      other.g.classList.add("near");
      x0 = Math.min(x0, other.x); y0 = Math.min(y0, other.y);
      x1 = Math.max(x1, other.x); y1 = Math.max(y1, other.y);
    };
    n.edges.forEach((e) => mark(e, e.a === n ? e.b : e.a));
    n.pairs.forEach((p) => mark(p, p.a === n ? p.b : p.a));
    // Fit the neighbourhood (at most 3x, at least 1x), centred on the actor.
    const k = Math.max(1, Math.min(3, data.width / (2 * Math.max(x1 - n.x, n.x - x0) + 200),
      data.height / (2 * Math.max(y1 - n.y, n.y - y0) + 200)));
    view.k = k;
    view.x = data.width / 2 - n.x * k;
    view.y = data.height / 2 - n.y * k;
    drawView();
    showNode(n);
  }
  search.addEventListener("input", () => find(search.value));

  // ----- panel -----
  function clearPanel() {
    panel.replaceChildren();
    panel.removeAttribute("data-edge");
    panel.removeAttribute("data-pair");
    edges.forEach((e) => e.g.classList.remove("selected"));
    pairList.forEach((p) => p.g.classList.remove("selected"));
    nodes.forEach((n) => n.g.classList.remove("selected"));
  }
  function select(id) {
    const e = edges.get(id);
    if (!e) return;
    clearPanel();
    e.g.classList.add("selected");
    const r = e.rec;
    panel.setAttribute("data-edge", id);
    htmlEl("h2", e.a.rec.label + " \u2192 " + (r.negated ? "not " : "") + r.relation + " \u2192 " + e.b.rec.label, panel);
    const facts = ["weight " + r.weight, r.polarity];
    if (r.hedged) facts.push("hedged");
    if (r.first_seen) facts.push(r.first_seen + (r.last_seen && r.last_seen !== r.first_seen ? " \u2013 " + r.last_seen : ""));
    htmlEl("p", facts.join(" \u00b7 "), panel, "meta");
    const shown = r.evidence.filter(inRange);
    if (state.dated) htmlEl("p", shown.length + " of " + r.evidence.length + " sentences from " + state.from + " to " + state.to, panel, "meta");
    const list = htmlEl("ol", null, panel, "evidence");
    for (const ev of shown) {
      const li = htmlEl("li", null, list);
      htmlEl("blockquote", ev.text, li);
      htmlEl("cite", [ev.title || ev.doc, ev.date, ev.path].filter(Boolean).join(" \u00b7 "), li);
      if (ev.said_by) htmlEl("span", "said by " + ev.said_by, li, "said-by");
    }
    if (r.weight > r.evidence.length) {
      htmlEl("p", (r.weight - r.evidence.length) + " more instances not stored", panel, "meta");
    }
  }
  function selectPair(id) {
    const p = pairById.get(id);
    if (!p) return;
    clearPanel();
    p.g.classList.add("selected");
    panel.setAttribute("data-pair", id);
    const vis = p.edges.filter((e) => e.visible);
    const s = stance(vis);
    htmlEl("h2", p.a.rec.label + " \u2013 " + p.b.rec.label, panel);
    htmlEl("p", "total " + s.total + " \u00b7 net stance " + (s.net > 0 ? "+" : "") + s.net.toFixed(2), panel, "meta");
    const list = htmlEl("ul", null, panel, "pair-edges");
    for (const e of vis.slice().sort((x, y) => y.weight - x.weight)) {
      const li = htmlEl("li", null, list);
      const a = htmlEl("a", e.a.rec.label + " " + (e.rec.negated ? "not " : "") + e.rec.relation + " " +
        e.b.rec.label + " \u00d7" + e.weight, li);
      a.href = "#select=" + e.rec.id;
      htmlEl("span", " " + e.rec.polarity, li, "meta");
    }
  }
  function showNode(n) {
    clearPanel();
    n.g.classList.add("selected");
    htmlEl("h2", n.rec.label, panel);
    htmlEl("p", n.rec.kind + " \u00b7 " + plural(n.rec.mentions, "mention") + " \u00b7 " + plural(n.edges.length, "relation"), panel, "meta");
    const list = htmlEl("ul", null, panel, "node-edges");
    for (const e of n.edges) {
      const li = htmlEl("li", null, list);
      const a = htmlEl("a", e.a.rec.label + " " + (e.rec.negated ? "not " : "") + e.rec.relation + " " + e.b.rec.label, li);
      a.href = "#select=" + e.rec.id;
    }
  }

  // ----- URL fragment hooks -----
  function onHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    if (params.has("pairs")) { pairBox.checked = state.pairs = params.get("pairs") === "1"; }
    const at = (d, fallback) => { const i = dates.indexOf(d); return String(i < 0 ? fallback : i); };
    if (params.has("from")) fromSlider.value = at(params.get("from"), 0);
    if (params.has("to")) toSlider.value = at(params.get("to"), dates.length - 1);
    setDates();
    applyFilters();
    if (params.has("search")) {
      search.value = params.get("search");
      find(search.value);
    }
    if (params.has("select")) select(params.get("select"));
    if (params.has("click")) {
      const id = params.get("click");
      const target = edges.get(id) || pairById.get(id);
      if (target) target.line.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    }
  }
  window.addEventListener("hashchange", onHash);
  onHash();
  document.body.setAttribute("data-ready", "true");
})();
