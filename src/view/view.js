// actorgraph view: draws the graph embedded in #graph-data as SVG and reacts to
// the reader: drag nodes, zoom/pan, filter by relation and weight, search an
// actor, click an edge to read its evidence. Every piece of text from the data
// goes into the page through textContent, never parsed as HTML.
// Test hooks in the URL fragment: #select=EDGE_ID, #click=EDGE_ID, #search=TEXT.
(function () {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const svg = document.getElementById("canvas");
  const panel = document.getElementById("panel");
  const slider = document.getElementById("min-weight");
  const sliderValue = document.getElementById("min-weight-value");
  const search = document.getElementById("search");
  const status = document.getElementById("status");

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

  // ----- scene -----
  svg.setAttribute("viewBox", "0 0 " + data.size + " " + data.size);
  const defs = svgEl("defs", {}, svg);
  const viewport = svgEl("g", { id: "viewport" }, svg);
  const edgeLayer = svgEl("g", { class: "edges" }, viewport);
  const nodeLayer = svgEl("g", { class: "nodes" }, viewport);
  const view = { x: 0, y: 0, k: 1 };
  const state = { relations: new Set(data.relations.map((r) => r.id)), minWeight: 1, selected: null };

  const markers = new Map();
  data.relations.forEach((r, i) => {
    const m = svgEl("marker", { id: "arrow-" + i, viewBox: "0 0 10 10", refX: "9", refY: "5",
      markerWidth: "6", markerHeight: "6", orient: "auto-start-reverse" }, defs);
    svgEl("path", { d: "M0,0 L10,5 L0,10 z", fill: r.color }, m);
    markers.set(r.id, "url(#arrow-" + i + ")");
  });

  const nodes = new Map();
  for (const n of data.nodes) {
    const r = Math.min(24, 6 + 2 * Math.sqrt(n.mentions));
    const g = svgEl("g", { class: "node", "data-id": n.id }, nodeLayer);
    svgEl("circle", { r: r, fill: n.color }, g);
    const label = svgEl("text", { y: r + 12 }, g);
    label.textContent = n.label;
    svgEl("title", {}, g).textContent = n.label + " (" + n.kind + ", " + n.mentions + " mentions)";
    nodes.set(n.id, { rec: n, g: g, r: r, x: n.x, y: n.y, edges: [] });
  }

  // Parallel edges between the same two actors are bent apart.
  const pairCount = new Map();
  const edges = new Map();
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
    const edge = { rec: e, g: g, hit: hit, line: line, a: a, b: b, key: key, slot: slot };
    g.addEventListener("click", (ev) => { ev.stopPropagation(); select(e.id); });
    edges.set(e.id, edge);
    a.edges.push(edge);
    if (b !== a) b.edges.push(edge);
  }

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
    // End at the target circle's rim so the arrowhead shows.
    const ex = b.x - cx, ey = b.y - cy, el = Math.hypot(ex, ey) || 1;
    const tx = b.x - (ex / el) * (b.r + 2), ty = b.y - (ey / el) * (b.r + 2);
    return "M" + a.x + "," + a.y + " Q" + cx + "," + cy + " " + tx + "," + ty;
  }
  function drawEdge(e) {
    const d = edgePath(e);
    e.hit.setAttribute("d", d);
    e.line.setAttribute("d", d);
  }
  function drawNode(n) {
    n.g.setAttribute("transform", "translate(" + n.x + "," + n.y + ")");
    n.edges.forEach(drawEdge);
  }
  function drawView() {
    viewport.setAttribute("transform", "translate(" + view.x + "," + view.y + ") scale(" + view.k + ")");
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
    if (drag || ev.target.closest(".edge")) return;
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
    const k = Math.max(0.1, Math.min(10, view.k * Math.exp(-ev.deltaY * 0.0015)));
    view.x = p.x - ((p.x - view.x) * k) / view.k;
    view.y = p.y - ((p.y - view.y) * k) / view.k;
    view.k = k;
    drawView();
  }, { passive: false });

  // ----- filters -----
  const relBox = document.getElementById("relations");
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
  const maxWeight = data.edges.reduce((m, e) => Math.max(m, e.weight), 1);
  slider.max = String(maxWeight);
  slider.addEventListener("input", () => {
    state.minWeight = Number(slider.value);
    applyFilters();
  });
  function applyFilters() {
    sliderValue.textContent = String(state.minWeight);
    let shownEdges = 0, shownNodes = 0;
    edges.forEach((e) => {
      e.visible = state.relations.has(e.rec.relation) && e.rec.weight >= state.minWeight;
      e.g.style.display = e.visible ? "" : "none";
      if (e.visible) shownEdges++;
    });
    // Same rule as `--rel`/`--min-weight`: an actor that lost all its edges goes.
    nodes.forEach((n) => {
      const visible = n.edges.length === 0 || n.edges.some((e) => e.visible);
      n.g.style.display = visible ? "" : "none";
      if (visible) shownNodes++;
    });
    status.textContent = shownNodes + " actors, " + shownEdges + " relations";
  }
  applyFilters();

  // ----- search -----
  function find(text) {
    const q = text.trim().toLowerCase();
    let first = null;
    nodes.forEach((n) => {
      const hit = q !== "" && (n.rec.label.toLowerCase().includes(q) || n.rec.id.toLowerCase().includes(q));
      n.g.classList.toggle("match", hit);
      if (hit && !first) first = n;
    });
    svg.classList.toggle("searching", q !== "");
    if (first) {
      view.x = data.size / 2 - first.x * view.k;
      view.y = data.size / 2 - first.y * view.k;
      drawView();
    }
    return first;
  }
  search.addEventListener("input", () => find(search.value));

  // ----- panel -----
  function clearPanel() {
    panel.replaceChildren();
    edges.forEach((e) => e.g.classList.remove("selected"));
    nodes.forEach((n) => n.g.classList.remove("selected"));
  }
  function select(id) {
    const e = edges.get(id);
    if (!e) return;
    clearPanel();
    state.selected = id;
    e.g.classList.add("selected");
    const r = e.rec;
    panel.setAttribute("data-edge", id);
    htmlEl("h2", e.a.rec.label + " \u2192 " + (r.negated ? "not " : "") + r.relation + " \u2192 " + e.b.rec.label, panel);
    const facts = ["weight " + r.weight, r.polarity];
    if (r.hedged) facts.push("hedged");
    if (r.first_seen) facts.push(r.first_seen + (r.last_seen && r.last_seen !== r.first_seen ? " \u2013 " + r.last_seen : ""));
    htmlEl("p", facts.join(" \u00b7 "), panel, "meta");
    const list = htmlEl("ol", null, panel, "evidence");
    for (const ev of r.evidence) {
      const li = htmlEl("li", null, list);
      htmlEl("blockquote", ev.text, li);
      const src = [ev.title || ev.doc, ev.date, ev.path].filter(Boolean).join(" \u00b7 ");
      htmlEl("cite", src, li);
      if (ev.said_by) htmlEl("span", "said by " + ev.said_by, li, "said-by");
    }
    if (r.weight > r.evidence.length) {
      htmlEl("p", (r.weight - r.evidence.length) + " more instances not stored", panel, "meta");
    }
  }
  function showNode(n) {
    clearPanel();
    n.g.classList.add("selected");
    htmlEl("h2", n.rec.label, panel);
    htmlEl("p", n.rec.kind + " \u00b7 " + n.rec.mentions + " mentions \u00b7 " + n.edges.length + " relations", panel, "meta");
    const list = htmlEl("ul", null, panel, "node-edges");
    for (const e of n.edges) {
      const li = htmlEl("li", null, list);
      const a = htmlEl("a", e.a.rec.label + " " + (e.rec.negated ? "not " : "") + e.rec.relation + " " + e.b.rec.label, li);
      a.href = "#select=" + e.rec.id;
    }
  }

  // ----- URL fragment: #select=ID, #click=ID (dispatches a real click event), #search=TEXT -----
  function onHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    if (params.has("search")) {
      search.value = params.get("search");
      find(search.value);
    }
    if (params.has("select")) select(params.get("select"));
    if (params.has("click")) {
      const e = edges.get(params.get("click"));
      if (e) e.line.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    }
  }
  window.addEventListener("hashchange", onHash);
  onHash();
  document.body.setAttribute("data-ready", "true");
})();
