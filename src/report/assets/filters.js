// flowmap report, page script 2 of 4: the filters (place, purpose, data, findings, transfers) fade what
// does not match on the map and narrow the findings list and the register.
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
  // A country chosen: the other countries' boxes fade. Otherwise a box fades when none of the
  // systems it holds is in view (a zone spans several boxes).
  var country = q.place.indexOf("country:") === 0 ? q.place.slice(8) : "";
  placeEls.forEach(function (g) {
    var members = placeSystems(g);
    var dim = country ? g.getAttribute("data-country") !== country
      : active && members.length > 0 && !members.some(function (i) { return systemsShown[i]; });
    g.classList.toggle("dim", dim);
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
