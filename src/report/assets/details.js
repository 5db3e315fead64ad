// flowmap report, page script 4 of 4: selection, the details panel, findings <-> map, start-up.
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
  if (s.entry) row(dl, "Vendor entry", s.entry);
  // What is wrong first: the lists of data and purposes can be long.
  row(dl, "Findings", list(s.findings, findingItem));
  purposeFindings(dl, s.purposes, s.findings);
  row(dl, "Data", list(s.data, dataItem));
  row(dl, "Purposes", list(s.purposes, purposeItem));
  row(dl, "Stores", list(s.stores, function (li, st) {
    li.textContent = st.data.map(function (id) { var d = dataById.get(id); return d ? d.name : id; }).join(", ")
      + (st.purposes.length ? " for " + st.purposes.join(", ") : "") + (st.retention ? ", kept " + st.retention : "");
  }));
  row(dl, "Security", s.security.join(", ") || "none stated");
  row(dl, "Flows", list(s.flows, flowButton));
  row(dl, "Declared at", s.where);
  return { title: s.name, body: dl };
}

function flowDetail(k) {
  var f = facts.flows[k];
  var dl = el("dl");
  row(dl, "From", nameOf(f.from));
  row(dl, "To", nameOf(f.to));
  if (f.transfer) {
    row(dl, f.transfer.onward ? "Onward transfer" : "Transfer", list(f.transfer.destinations, function (li, d) {
      li.appendChild(el("strong", verdictWords[d.verdict], "verdict-" + d.verdict));
      li.appendChild(document.createTextNode(" " + d.place + ": " + d.basis));
    }));
  } else {
    row(dl, "Transfer", "not a transfer under Chapter V");
  }
  row(dl, "Transfer grounds", list(f.grounds, function (li, g) { li.textContent = g; }));
  row(dl, "Findings", list(f.findings, findingItem));
  purposeFindings(dl, f.purposes, f.findings);
  row(dl, "Purposes", list(f.purposes, purposeItem));
  row(dl, "Data", list(f.data, dataItem));
  row(dl, "Declared at", f.where);
  return { title: nameOf(f.from) + " \u2192 " + nameOf(f.to) + ": " + f.name, body: dl };
}

/** What is wrong with the purposes served (consent, basis, Art. 9 condition, retention): not a
 *  finding on this system or flow, but what a reader of it needs to know. */
function purposeFindings(dl, purposes, own) {
  var seen = new Set(own);
  var extra = [];
  purposes.forEach(function (id) {
    var p = purposesById.get(id);
    if (p) p.findings.forEach(function (k) { if (!seen.has(k)) { seen.add(k); extra.push(k); } });
  });
  if (extra.length) row(dl, "Findings on its purposes", list(extra, findingItem));
}

/** A button naming a flow that opens its details. */
function flowButton(li, k) {
  var f = facts.flows[k];
  var b = el("button", nameOf(f.from) + " \u2192 " + nameOf(f.to) + ": " + f.name + findingsWord(f.findings));
  b.type = "button";
  b.addEventListener("click", function () { select({ flows: [k] }, inView(flowEls[k]).pop() || null); });
  li.appendChild(b);
}

/** An overview place: the systems it holds, each opening its details on the system-by-system map. */
function placeDetail(g) {
  var members = placeSystems(g);
  var dl = el("dl");
  row(dl, "Systems", list(members, function (li, i) {
    var s = facts.systems[i];
    var b = el("button", s.name + findingsWord(s.findings));
    b.type = "button";
    b.addEventListener("click", function () {
      showSystemsMap();
      var target = systemEls.get(s.id);
      select({ system: i }, target || null);
      if (target) target.focus();
    });
    li.appendChild(b);
  }));
  return { title: placeName(g), body: dl };
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
  var title;
  if (what.system !== undefined) {
    parts.push(systemDetail(what.system));
    var g = systemEls.get(facts.systems[what.system].id);
    if (g) selected.push(g);
  } else if (what.place) {
    parts.push(placeDetail(what.place));
    selected.push(what.place);
  } else if (what.flows.length > 4) {
    // An overview edge stands for many flows: one line each, each opening its own details.
    parts.push({ title: what.flows.length + " flows", body: list(what.flows, flowButton) });
    what.flows.forEach(function (k) { selected = selected.concat(flowEls[k]); });
  } else {
    what.flows.forEach(function (k) { parts.push(flowDetail(k)); selected = selected.concat(flowEls[k]); });
  }
  title = parts.length === 1 ? parts[0].title : parts.length + " flows";
  selected.forEach(function (g) { g.classList.add("selected"); });
  var shown = inView(selected);
  if (shown.length) shown[shown.length - 1].scrollIntoView({ block: "nearest", inline: "nearest" });
  panelTitle.textContent = title;
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
  if (first !== undefined) showSystemsMap(); // a system's own box is on that map only
  if (first !== undefined) select({ system: first }, systemEls.get(f.systems[0]) || null);
  else if (f.flows.length) select({ flows: f.flows }, inView(flowEls[f.flows[0]])[0] || null);
  var target = inView(els).filter(function (g) { return g.getAttribute("tabindex") === "0"; })[0];
  byId("map-section").scrollIntoView({ block: "start" });
  if (target) {
    target.scrollIntoView({ block: "center", inline: "center" });
    target.focus();
  }
}

function svgHits() { return Array.prototype.slice.call(viewport.querySelectorAll(".hit")); }

document.querySelectorAll("#findings button.show-on-map").forEach(function (b) {
  b.addEventListener("click", function () { showOnMap(Number(b.getAttribute("data-finding"))); });
});
// A finding on a purpose: the map, the findings and the record narrowed to that purpose.
document.querySelectorAll("#findings button.show-purpose").forEach(function (b) {
  b.addEventListener("click", function () {
    form.reset();
    fields.purpose.value = b.getAttribute("data-purpose");
    applyFilters();
    byId("map-section").scrollIntoView({ block: "start" });
    fields.purpose.focus();
  });
});

insertMaps();
watchPrint();
applyFilters();
document.documentElement.setAttribute("data-ready", "true");
