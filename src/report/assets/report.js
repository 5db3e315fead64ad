// flowmap report: the page script, inlined and hashed into the page's Content-Security-Policy.
// It reads the report's facts and the map from two JSON elements, puts the map in place, and wires
// the filters, pan and zoom, selection, the detail panel and the links between the map and the
// findings. Model text reaches the page only through textContent and setAttribute, never as markup.
(function () {
  "use strict";
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

  // ---- the map --------------------------------------------------------------------------------
  var svg = null;
  var systemEls = new Map(); // system id -> its <g>
  var flowEls = facts.flows.map(function () { return []; }); // flow index -> its <g>s (edge, label)
  var placeEls = [];

  function insertMap() {
    var text = JSON.parse(byId("report-map").textContent);
    var parsed = new DOMParser().parseFromString(text, "image/svg+xml");
    var root = parsed.documentElement;
    if (!root || root.localName !== "svg" || parsed.getElementsByTagName("parsererror").length) {
      viewport.textContent = "The map could not be read.";
      return;
    }
    svg = document.importNode(root, true);
    // role="img" would hide the systems and flows from a screen reader; they are controls here.
    svg.setAttribute("role", "group");
    svg.setAttribute("focusable", "false");
    viewport.textContent = "";
    viewport.appendChild(svg);
    naturalWidth = Number(svg.getAttribute("width")) || 800;
    naturalHeight = Number(svg.getAttribute("height")) || 600;
    svg.querySelectorAll("g.system[data-system]").forEach(function (g) {
      var i = systemsById.get(g.getAttribute("data-system"));
      if (i === undefined) return;
      systemEls.set(facts.systems[i].id, g);
      control(g, "System: " + facts.systems[i].name + findingsWord(facts.systems[i].findings), function () { select({ system: i }, g); });
    });
    var labelled = new Set();
    svg.querySelectorAll("g.flow-label[data-flows]").forEach(function (g) { labelled.add(g.getAttribute("data-flows")); });
    svg.querySelectorAll("g.flow[data-flows], g.flow-label[data-flows]").forEach(function (g) {
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
    svg.querySelectorAll("g.place").forEach(function (g) { placeEls.push(g); });
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
  }

  function fit() {
    var s = Math.min((viewport.clientWidth - 4) / naturalWidth, (viewport.clientHeight - 4) / naturalHeight);
    setScale(Math.min(1, Math.max(0.1, s)));
    viewport.scrollLeft = 0;
    viewport.scrollTop = 0;
  }

  byId("zoom-in").addEventListener("click", function () { setScale(scale * 1.25); });
  byId("zoom-out").addEventListener("click", function () { setScale(scale / 1.25); });
  byId("zoom-fit").addEventListener("click", fit);
  byId("zoom-actual").addEventListener("click", function () { setScale(1); });
  viewport.addEventListener("wheel", function (e) {
    if (!e.ctrlKey && !e.metaKey) return; // a plain wheel scrolls (pans); Ctrl+wheel zooms
    e.preventDefault();
    setScale(scale * (e.deltaY < 0 ? 1.15 : 1 / 1.15), e.clientX, e.clientY);
  }, { passive: false });
  viewport.addEventListener("keydown", function (e) {
    if (e.target !== viewport) return;
    if (e.key === "+" || e.key === "=") { e.preventDefault(); setScale(scale * 1.25); }
    else if (e.key === "-") { e.preventDefault(); setScale(scale / 1.25); }
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

  // ---- filters --------------------------------------------------------------------------------
  var form = byId("filters");
  var fields = { place: byId("f-place"), purpose: byId("f-purpose"), data: byId("f-data"), severity: byId("f-severity"), transfers: byId("f-transfers") };

  function placeMatches(s, place) {
    if (!place) return true;
    var colon = place.indexOf(":");
    var kind = place.slice(0, colon), value = place.slice(colon + 1);
    return s.places.some(function (p) { return kind === "zone" ? p.zone === value : p.code === value; });
  }

  function dataMatches(list, wanted) {
    if (!wanted) return true;
    return list.some(function (id) {
      var d = dataById.get(id);
      if (wanted === "special:any") return !!d && d.special;
      if (wanted === "sensitive:any") return !!d && (d.special || d.sensitive);
      return id === wanted.slice(5);
    });
  }

  function severityMatches(findings, wanted) {
    if (!wanted) return true;
    return findings.some(function (k) {
      var f = facts.findings[k];
      return !f.accepted && (wanted === "any" || f.severity === wanted);
    });
  }

  function currentFilter() {
    return { place: fields.place.value, purpose: fields.purpose.value, data: fields.data.value, severity: fields.severity.value, transfers: fields.transfers.checked };
  }

  function flowShown(i, q) {
    var f = facts.flows[i];
    var ends = [systemsById.get(f.from), systemsById.get(f.to)].filter(function (x) { return x !== undefined; }).map(function (x) { return facts.systems[x]; });
    return (!q.place || ends.some(function (s) { return placeMatches(s, q.place); }))
      && (!q.purpose || f.purposes.indexOf(q.purpose) >= 0)
      && dataMatches(f.data, q.data)
      && severityMatches(f.findings, q.severity)
      && (!q.transfers || !!f.transfer);
  }

  function systemShown(s, q) {
    return placeMatches(s, q.place)
      && (!q.purpose || s.purposes.indexOf(q.purpose) >= 0)
      && dataMatches(s.data, q.data)
      && severityMatches(s.findings, q.severity)
      && (!q.transfers || s.flows.some(function (i) { return !!facts.flows[i].transfer; }));
  }

  function applyFilters() {
    var q = currentFilter();
    var active = !!(q.place || q.purpose || q.data || q.severity || q.transfers);
    var flowsShown = facts.flows.map(function (_, i) { return flowShown(i, q); });
    var systemsShown = facts.systems.map(function (s) {
      // A system stays in view as an end of a flow in view.
      return systemShown(s, q) || s.flows.some(function (i) { return flowsShown[i]; });
    });
    facts.systems.forEach(function (s, i) {
      var g = systemEls.get(s.id);
      if (g) g.classList.toggle("dim", !systemsShown[i]);
    });
    flowEls.forEach(function (els) {
      els.forEach(function (g) {
        g.classList.toggle("dim", !flowIndexes(g).some(function (k) { return flowsShown[k]; }));
      });
    });
    // A country chosen: the other countries' boxes fade (a zone spans several boxes: none fades).
    var country = q.place.indexOf("country:") === 0 ? q.place.slice(8) : "";
    placeEls.forEach(function (g) {
      g.classList.toggle("dim", !!country && g.getAttribute("data-country") !== country);
    });
    var shownFindings = 0;
    document.querySelectorAll("#findings li.finding").forEach(function (li) {
      var f = facts.findings[Number(li.getAttribute("data-finding"))];
      var ok = !q.severity || (q.severity === "any" ? !f.accepted : f.severity === q.severity && !f.accepted);
      if (ok && (q.place || q.purpose || q.data || q.transfers)) {
        ok = (q.purpose && f.purposes.indexOf(q.purpose) >= 0)
          || f.flows.some(function (i) { return flowsShown[i]; })
          || f.systems.some(function (id) { var i = systemsById.get(id); return i !== undefined && systemShown(facts.systems[i], q); });
      }
      li.hidden = !ok;
      if (ok) shownFindings++;
    });
    document.querySelectorAll("#findings .findings-group").forEach(function (group) {
      var count = group.querySelectorAll("li.finding:not([hidden])").length;
      group.hidden = count === 0 && active;
    });
    document.querySelectorAll("table.register tbody tr[data-purpose]").forEach(function (tr) {
      tr.hidden = !!q.purpose && tr.getAttribute("data-purpose") !== q.purpose;
    });
    var nf = flowsShown.filter(Boolean).length, ns = systemsShown.filter(Boolean).length;
    status.textContent = active
      ? "Showing " + nf + " of " + facts.flows.length + " flows, " + ns + " of " + facts.systems.length + " systems and " + shownFindings + " of " + facts.findings.length + " findings."
      : "Showing everything: " + facts.flows.length + " flows, " + facts.systems.length + " systems, " + facts.findings.length + " findings.";
  }

  form.addEventListener("change", applyFilters);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(applyFilters, 0); });

  // ---- selection and the detail panel ---------------------------------------------------------
  var opener = null;
  var selected = [];

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function row(dl, label, value) {
    dl.appendChild(el("dt", label));
    var dd = el("dd");
    if (typeof value === "string") dd.textContent = value || "none";
    else dd.appendChild(value);
    dl.appendChild(dd);
  }

  function list(items, render) {
    var ul = el("ul");
    if (!items.length) return el("span", "none");
    items.forEach(function (x) { var li = el("li"); render(li, x); ul.appendChild(li); });
    return ul;
  }

  function dataItem(li, id) {
    var d = dataById.get(id);
    li.appendChild(document.createTextNode(d ? d.name + " (" + d.kind + ")" : id));
    if (d && d.special) li.appendChild(el("span", "special category", "tag tag-special"));
    else if (d && d.sensitive) li.appendChild(el("span", "sensitive", "tag tag-sensitive"));
  }

  function purposeItem(li, id) {
    var p = purposesById.get(id);
    li.textContent = p ? p.name + ": " + p.basis + (p.condition ? "; " + p.condition : "") + "; retention " + p.retention : id;
  }

  function findingItem(li, k) {
    var f = facts.findings[k];
    var a = el("a", (f.accepted ? "accepted " : "") + f.severity + " " + f.code + ": " + f.message);
    a.setAttribute("href", "#finding-" + k);
    a.addEventListener("click", function (e) { e.preventDefault(); focusFinding(k); });
    li.appendChild(a);
    li.appendChild(el("span", " at " + f.where, "loc"));
  }

  function systemDetail(i) {
    var s = facts.systems[i];
    var dl = el("dl");
    row(dl, "Kind", s.kind);
    row(dl, "Operator", s.operator);
    row(dl, "Located", list(s.places, function (li, p) { li.textContent = p.label + " (" + zoneWords[p.zone] + ")"; }));
    if (s.certified.length) row(dl, "Certified", s.certified.join(", "));
    row(dl, "Contract (Art. 28)", s.contract || "none stated");
    row(dl, "Data", list(s.data, dataItem));
    row(dl, "Purposes", list(s.purposes, purposeItem));
    row(dl, "Stores", list(s.stores, function (li, st) {
      li.textContent = st.data.map(function (id) { var d = dataById.get(id); return d ? d.name : id; }).join(", ")
        + (st.purposes.length ? " for " + st.purposes.join(", ") : "") + (st.retention ? ", kept " + st.retention : "");
    }));
    row(dl, "Security", s.security.join(", ") || "none stated");
    row(dl, "Flows", list(s.flows, function (li, k) {
      var f = facts.flows[k];
      var b = el("button", nameOf(f.from) + " \u2192 " + nameOf(f.to) + ": " + f.name);
      b.type = "button";
      b.addEventListener("click", function () { select({ flows: [k] }, flowEls[k][flowEls[k].length - 1] || null); });
      li.appendChild(b);
    }));
    row(dl, "Findings", list(s.findings, findingItem));
    row(dl, "Declared at", s.where);
    return { title: s.name, body: dl };
  }

  function flowDetail(k) {
    var f = facts.flows[k];
    var dl = el("dl");
    row(dl, "From", nameOf(f.from));
    row(dl, "To", nameOf(f.to));
    row(dl, "Data", list(f.data, dataItem));
    row(dl, "Purposes", list(f.purposes, purposeItem));
    row(dl, "Transfer grounds", list(f.grounds, function (li, g) { li.textContent = g; }));
    if (f.transfer) {
      row(dl, f.transfer.onward ? "Onward transfer" : "Transfer", list(f.transfer.destinations, function (li, d) {
        li.appendChild(el("strong", verdictWords[d.verdict], "verdict-" + d.verdict));
        li.appendChild(document.createTextNode(" " + d.place + ": " + d.basis));
      }));
    } else {
      row(dl, "Transfer", "not a transfer under Chapter V");
    }
    row(dl, "Findings", list(f.findings, findingItem));
    row(dl, "Declared at", f.where);
    return { title: nameOf(f.from) + " \u2192 " + nameOf(f.to) + ": " + f.name, body: dl };
  }

  var zoneWords = { eea: "EEA", adequate: "adequacy decision", third: "third country", unknown: "unknown", client: "data subject's device" };
  var verdictWords = { adequacy: "adequate", safeguard: "safeguard", derogation: "derogation", "not-covered": "not covered" };

  function clearSelection() {
    selected.forEach(function (g) { g.classList.remove("selected"); });
    selected = [];
  }

  function select(what, from) {
    clearSelection();
    var parts = [];
    if (what.system !== undefined) {
      parts.push(systemDetail(what.system));
      var g = systemEls.get(facts.systems[what.system].id);
      if (g) selected.push(g);
    } else {
      what.flows.forEach(function (k) { parts.push(flowDetail(k)); selected = selected.concat(flowEls[k]); });
    }
    selected.forEach(function (g) { g.classList.add("selected"); });
    panelTitle.textContent = parts.length === 1 ? parts[0].title : parts.length + " flows";
    panelBody.textContent = "";
    parts.forEach(function (p) {
      if (parts.length > 1) panelBody.appendChild(el("h4", p.title));
      panelBody.appendChild(p.body);
    });
    panel.hidden = false;
    opener = from || opener;
  }

  function closePanel() {
    if (panel.hidden) return;
    panel.hidden = true;
    clearSelection();
    if (opener && document.contains(opener)) opener.focus();
  }

  byId("detail-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") closePanel();
  });

  // ---- findings <-> map -----------------------------------------------------------------------
  function focusFinding(k) {
    var li = byId("finding-" + k);
    if (!li) return;
    if (li.hidden) { form.reset(); applyFilters(); }
    document.querySelectorAll("#findings li.hit").forEach(function (x) { x.classList.remove("hit"); });
    li.classList.add("hit");
    li.scrollIntoView({ block: "center" });
    li.focus();
  }

  function showOnMap(k) {
    var f = facts.findings[k];
    svgHits().forEach(function (g) { g.classList.remove("hit"); });
    var els = [];
    f.systems.forEach(function (id) { var g = systemEls.get(id); if (g) els.push(g); });
    f.flows.forEach(function (i) { els = els.concat(flowEls[i]); });
    els.forEach(function (g) { g.classList.add("hit"); });
    var first = f.systems.length ? systemsById.get(f.systems[0]) : undefined;
    if (first !== undefined) select({ system: first }, systemEls.get(f.systems[0]) || null);
    else if (f.flows.length) select({ flows: f.flows }, flowEls[f.flows[0]][0] || null);
    var target = els.filter(function (g) { return g.getAttribute("tabindex") === "0"; })[0];
    byId("map-section").scrollIntoView({ block: "start" });
    if (target) {
      target.scrollIntoView({ block: "center", inline: "center" });
      target.focus();
    }
  }

  function svgHits() { return svg ? Array.prototype.slice.call(svg.querySelectorAll(".hit")) : []; }

  document.querySelectorAll("#findings button.show-on-map").forEach(function (b) {
    b.addEventListener("click", function () { showOnMap(Number(b.getAttribute("data-finding"))); });
  });

  insertMap();
  fit();
  applyFilters();
  document.documentElement.setAttribute("data-ready", "true");
})();
