// flowmap report, page script 1 of 4: the map, pan and zoom. scripts/gen-report-assets.ts joins the four
// files, in order, into one function (one scope) and inlines it; the page's CSP allows its hash only.
// It reads the report's facts and the maps from JSON elements, puts the maps in place, and wires
// the filters, pan and zoom, selection, the detail panel and the links between the map and the
// findings. Model text reaches the page only through textContent and setAttribute, never as markup.
var byId = function (id) { return document.getElementById(id); };
var facts = JSON.parse(byId("report-data").textContent);
var viewport = byId("map-viewport");
var panel = byId("detail");
var panelTitle = byId("detail-title");
var panelBody = byId("detail-body");
var status = byId("filter-status");

var systemsById = new Map();
facts.systems.forEach(function (s, i) { systemsById.set(s.id, i); });
var dataById = new Map(facts.data.map(function (d) { return [d.id, d]; }));
var purposesById = new Map(facts.purposes.map(function (p) { return [p.id, p]; }));

// ---- the maps -------------------------------------------------------------------------------
// The system-by-system map, and for a big model the overview (systems counted per place) first.
var svg = null; // the map in view
var maps = []; // { svg, width, height, button }
var systemEls = new Map(); // system id -> its <g>
var flowEls = facts.flows.map(function () { return []; }); // flow index -> its <g>s (edges, labels, in every map)
var placeEls = [];

/** One map from its JSON element, parsed as an SVG document (XML), or null. */
function parseMap(id, prefix) {
  var holder = byId(id);
  if (!holder) return null;
  var parsed = new DOMParser().parseFromString(JSON.parse(holder.textContent), "image/svg+xml");
  var root = parsed.documentElement;
  if (!root || root.localName !== "svg" || parsed.getElementsByTagName("parsererror").length) return null;
  if (prefix) prefixIds(root, prefix);
  var node = document.importNode(root, true);
  // role="img" would hide the systems and flows from a screen reader; they are controls here.
  node.setAttribute("role", "group");
  node.setAttribute("focusable", "false");
  return node;
}

/** Two maps in one page: the second one's ids (title, markers) and the references to them renamed. */
function prefixIds(root, prefix) {
  var all = [root].concat(Array.prototype.slice.call(root.querySelectorAll("*")));
  all.forEach(function (e) { if (e.hasAttribute("id")) e.setAttribute("id", prefix + e.getAttribute("id")); });
  all.forEach(function (e) {
    ["marker-start", "marker-mid", "marker-end", "fill", "stroke", "clip-path", "mask", "filter"].forEach(function (a) {
      var v = e.getAttribute(a);
      if (v && v.indexOf("url(#") >= 0) e.setAttribute(a, v.replace(/url\(#/g, "url(#" + prefix));
    });
    ["aria-labelledby", "aria-describedby"].forEach(function (a) {
      var v = e.getAttribute(a);
      if (v) e.setAttribute(a, v.split(/\s+/).map(function (x) { return prefix + x; }).join(" "));
    });
  });
}

function insertMaps() {
  viewport.textContent = "";
  [["report-overview", "view-overview", "overview-"], ["report-map", "view-systems", ""]].forEach(function (m) {
    var node = parseMap(m[0], m[2]);
    if (!node) return;
    viewport.appendChild(node);
    indexMap(node);
    maps.push({ svg: node, width: Number(node.getAttribute("width")) || 800, height: Number(node.getAttribute("height")) || 600, button: byId(m[1]) });
  });
  if (!maps.length) {
    viewport.textContent = "The map could not be read.";
    return;
  }
  maps.forEach(function (m) { if (m.button) m.button.addEventListener("click", function () { showMap(m); }); });
  showMap(maps[0]);
}

function showMap(m) {
  maps.forEach(function (x) {
    x.svg.classList.toggle("inactive", x !== m);
    if (x.button) x.button.setAttribute("aria-pressed", String(x === m));
  });
  svg = m.svg;
  naturalWidth = m.width;
  naturalHeight = m.height;
  scale = (Number(svg.getAttribute("width")) || naturalWidth) / naturalWidth;
  userZoomed = false;
  initialView();
}

/** The map showing `system`'s own box, switched to when it is not the one in view. */
function showSystemsMap() {
  var m = maps.filter(function (x) { return x.svg.querySelector("g.system[data-system]"); })[0];
  if (m && m.svg !== svg) showMap(m);
}

/** The elements of `list` in the map in view. */
function inView(list) {
  return list.filter(function (g) { return svg && svg.contains(g); });
}

function indexMap(map) {
  map.querySelectorAll("g.system[data-system]").forEach(function (g) {
    var i = systemsById.get(g.getAttribute("data-system"));
    if (i === undefined) return;
    systemEls.set(facts.systems[i].id, g);
    control(g, "System: " + facts.systems[i].name + findingsWord(facts.systems[i].findings), function () { select({ system: i }, g); });
  });
  var labelled = new Set();
  map.querySelectorAll("g.flow-label[data-flows]").forEach(function (g) { labelled.add(g.getAttribute("data-flows")); });
  map.querySelectorAll("g.flow[data-flows], g.flow-label[data-flows]").forEach(function (g) {
    var list = flowIndexes(g);
    list.forEach(function (i) { flowEls[i].push(g); });
    if (!list.length) return;
    var open = function () { select({ flows: list }, g); };
    // One tab stop per flow: its label, or the line when it has none.
    if (g.classList.contains("flow") && labelled.has(g.getAttribute("data-flows"))) {
      g.addEventListener("click", open);
      return;
    }
    control(g, flowWords(list), open);
  });
  map.querySelectorAll("g.place").forEach(function (g) {
    placeEls.push(g);
    var members = placeSystems(g);
    // In the overview a place stands for its systems: it opens their list.
    if (members.length && !map.querySelector("g.system[data-system]")) {
      control(g, "Place: " + placeName(g) + ", " + members.length + " system" + (members.length === 1 ? "" : "s"), function () { select({ place: g }, g); });
    }
  });
}

/** The indexes of the systems a place box holds (`data-systems`), as far as the facts know them. */
function placeSystems(g) {
  return (g.getAttribute("data-systems") || "").split(/\s+/).filter(Boolean)
    .map(function (id) { return systemsById.get(id); }).filter(function (i) { return i !== undefined; });
}

function placeName(g) {
  var title = g.querySelector("title");
  return title ? title.textContent.split("\n")[0] : g.getAttribute("data-place") || "place";
}

function flowIndexes(g) {
  return (g.getAttribute("data-flows") || "").split(/\s+/).filter(Boolean).map(Number)
    .filter(function (i) { return Number.isInteger(i) && i >= 0 && i < facts.flows.length; });
}

function flowWords(list) {
  var f = facts.flows[list[0]];
  var words = "Flow: " + nameOf(f.from) + " to " + nameOf(f.to) + ", " + f.name;
  if (list.length > 1) words += " and " + (list.length - 1) + " more";
  var findings = [];
  list.forEach(function (i) { findings = findings.concat(facts.flows[i].findings); });
  return words + findingsWord(findings);
}

function findingsWord(list) {
  var active = list.filter(function (k) { return !facts.findings[k].accepted; }).length;
  return active ? " (" + active + " finding" + (active === 1 ? "" : "s") + ")" : "";
}

function nameOf(systemId) {
  var i = systemsById.get(systemId);
  return i === undefined ? systemId : facts.systems[i].name;
}

/** A map element made a button: focusable, named, activated by click, Enter and Space. */
function control(g, label, activate) {
  g.setAttribute("tabindex", "0");
  g.setAttribute("role", "button");
  g.setAttribute("aria-label", label);
  g.addEventListener("click", activate);
  g.addEventListener("keydown", function (e) {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); activate(); }
  });
}

// ---- pan and zoom ---------------------------------------------------------------------------
var naturalWidth = 800, naturalHeight = 600, scale = 1;
var zoomLabel = byId("zoom-level");

function setScale(next, cx, cy) {
  if (!svg) return;
  next = Math.min(4, Math.max(0.1, next));
  var rect = viewport.getBoundingClientRect();
  var ox = cx === undefined ? viewport.clientWidth / 2 : cx - rect.left;
  var oy = cy === undefined ? viewport.clientHeight / 2 : cy - rect.top;
  var mx = (viewport.scrollLeft + ox) / scale, my = (viewport.scrollTop + oy) / scale;
  scale = next;
  svg.setAttribute("width", String(Math.round(naturalWidth * scale)));
  svg.setAttribute("height", String(Math.round(naturalHeight * scale)));
  viewport.scrollLeft = mx * scale - ox;
  viewport.scrollTop = my * scale - oy;
  zoomLabel.textContent = Math.round(scale * 100) + "%";
  showOverflow();
}

/** Says so when part of the map is out of view (overlay scrollbars hide it). */
function showOverflow() {
  var out = Math.round(naturalWidth * scale) > viewport.clientWidth + 2 || Math.round(naturalHeight * scale) > viewport.clientHeight + 2;
  byId("map-overflow").textContent = out ? "Part of the map is outside the view: drag or scroll, or Fit." : "";
}

/** The viewport as tall as the map needs at this scale (a wide, short map leaves no empty box),
 *  at most most of the window. */
function sizeViewport() {
  var want = Math.round(naturalHeight * scale) + 24;
  viewport.style.height = Math.max(240, Math.min(want, Math.round(window.innerHeight * 0.75))) + "px";
  showOverflow();
}

/** The whole map in view. */
function fit() {
  userZoomed = false;
  var s = (viewport.clientWidth - 4) / naturalWidth;
  setScale(Math.min(1, s));
  sizeViewport();
  s = Math.min(s, (viewport.clientHeight - 4) / naturalHeight);
  setScale(Math.min(1, s));
  viewport.scrollLeft = 0;
  viewport.scrollTop = 0;
}

/** How the map opens: across the width, but never so small that its text cannot be read
 *  (below 75% its 11 px labels are under 8 px; the rest is a scroll away, or Fit). */
var readable = 0.75;
var userZoomed = false;
function initialView() {
  setScale(Math.min(1, Math.max(readable, (viewport.clientWidth - 4) / naturalWidth)));
  sizeViewport();
  viewport.scrollLeft = 0;
  viewport.scrollTop = 0;
}

var zoom = function (factor) { userZoomed = true; setScale(scale * factor); };
byId("zoom-in").addEventListener("click", function () { zoom(1.25); });
byId("zoom-out").addEventListener("click", function () { zoom(1 / 1.25); });
byId("zoom-fit").addEventListener("click", fit);
byId("zoom-actual").addEventListener("click", function () { userZoomed = true; setScale(1); });
if (typeof ResizeObserver === "function") {
  var lastWidth = 0;
  new ResizeObserver(function () {
    if (viewport.clientWidth === lastWidth) return;
    lastWidth = viewport.clientWidth;
    if (!userZoomed && svg) initialView();
  }).observe(viewport);
}
viewport.addEventListener("wheel", function (e) {
  if (!e.ctrlKey && !e.metaKey) return; // a plain wheel scrolls (pans); Ctrl+wheel zooms
  e.preventDefault();
  userZoomed = true;
  setScale(scale * (e.deltaY < 0 ? 1.15 : 1 / 1.15), e.clientX, e.clientY);
}, { passive: false });
viewport.addEventListener("keydown", function (e) {
  if (e.target !== viewport) return;
  if (e.key === "+" || e.key === "=") { e.preventDefault(); zoom(1.25); }
  else if (e.key === "-") { e.preventDefault(); zoom(1 / 1.25); }
  else if (e.key === "0") { e.preventDefault(); fit(); }
});
var drag = null;
viewport.addEventListener("pointerdown", function (e) {
  if (e.button !== 0) return;
  drag = { x: e.clientX, y: e.clientY, left: viewport.scrollLeft, top: viewport.scrollTop, moved: false };
});
window.addEventListener("pointermove", function (e) {
  if (!drag) return;
  var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
  if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
  drag.moved = true;
  viewport.classList.add("panning");
  viewport.scrollLeft = drag.left - dx;
  viewport.scrollTop = drag.top - dy;
});
window.addEventListener("pointerup", function () {
  var moved = drag && drag.moved;
  drag = null;
  viewport.classList.remove("panning");
  if (moved) { // a drag is not a click on what it started on
    window.addEventListener("click", function stop(e) { e.stopPropagation(); e.preventDefault(); }, { capture: true, once: true });
  }
});
