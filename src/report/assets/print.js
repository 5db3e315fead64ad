// flowmap report, page script 3 of 4: the map as printed. A DPO prints the report (or saves it as
// PDF); one SVG cannot break across pages, and the seed maps are up to ~2000 px wide: fitted to an
// A4 landscape page their 10.5-11 px text prints at 4-5 pt. So the print stylesheet hides the
// interactive map and shows this: each map at the largest scale its page count allows, cut into
// page-sized parts that overlap a little, none at a scale that prints its smallest text under 7 pt.
// Built when the page is about to print (beforeprint, or the print media query turning on), once,
// from the maps' JSON (not from the map on screen, whose filters and zoom are the reader's): a big
// model's parts are tens of thousands of elements that a reader on screen should not wait for.
// Hidden on screen (display: none: no tab stop, nothing for a screen reader).

/** CSS px a printed part may take: A4 landscape (297 x 210 mm = 1123 x 794 px) less the 10 mm
 *  margins of the print stylesheet's @page (1047 x 718 px), less a caption line and some slack. */
var printArea = { width: 1040, height: 670 };
/** The smallest printed text (pt) a scale may give; 1 CSS px is 0.75 pt. */
var printMinPoints = 7;

/** The smallest font-size the map states, in its own px. */
function smallestFont(root) {
  var min = Infinity;
  root.querySelectorAll("text[font-size], tspan[font-size], g[font-size]").forEach(function (e) {
    var v = parseFloat(e.getAttribute("font-size"));
    if (v > 0 && v < min) min = v;
  });
  return min === Infinity ? 11 : min;
}

/** How a width x height map prints: its scale and the parts' windows in the map's own units. */
function printPlan(width, height, minFont) {
  var readable = printMinPoints / (0.75 * minFont) * 1.001; // never a rounding error under 7 pt
  var whole = Math.min(1, printArea.width / width, printArea.height / height);
  var cols = 1, rows = 1, scale = whole;
  if (whole < readable) {
    cols = Math.ceil(width * readable / printArea.width);
    rows = Math.ceil(height * readable / printArea.height);
    // As large as that many pages allow, less 5% so that neighbouring parts share a strip.
    scale = Math.max(readable, Math.min(1, cols * printArea.width / width, rows * printArea.height / height) * 0.95);
  }
  var w = Math.min(width, Math.floor(printArea.width / scale)), h = Math.min(height, Math.floor(printArea.height / scale));
  var parts = [];
  for (var r = 0; r < rows; r++) {
    for (var c = 0; c < cols; c++) {
      parts.push({
        x: cols > 1 ? Math.round(c * (width - w) / (cols - 1)) : 0,
        y: rows > 1 ? Math.round(r * (height - h) / (rows - 1)) : 0,
        w: w, h: h, col: c, row: r,
      });
    }
  }
  return { scale: scale, cols: cols, rows: rows, points: minFont * scale * 0.75, parts: parts };
}

function whereWords(part, plan) {
  var col = plan.cols === 1 ? "" : plan.cols === 2 ? ["left", "right"][part.col] : "column " + (part.col + 1) + " of " + plan.cols;
  var row = plan.rows === 1 ? "" : plan.rows === 2 ? ["top", "bottom"][part.row] : "row " + (part.row + 1) + " of " + plan.rows;
  return [row, col].filter(Boolean).join(" ");
}

/** The whole map small, with the printed parts outlined and numbered: where each page belongs. */
function keyMap(node, width, height, plan, name) {
  var scale = Math.min(1, printArea.width / width, keyHeight / height);
  node.setAttribute("role", "img");
  node.setAttribute("width", String(Math.round(width * scale)));
  node.setAttribute("height", String(Math.round(height * scale)));
  var ns = "http://www.w3.org/2000/svg";
  var overlay = document.createElementNS(ns, "g");
  overlay.setAttribute("class", "print-key-parts");
  var big = Math.round(Math.min(plan.parts[0].w, plan.parts[0].h) / 5);
  plan.parts.forEach(function (part, i) {
    var rect = document.createElementNS(ns, "rect");
    [["x", part.x + 3], ["y", part.y + 3], ["width", part.w - 6], ["height", part.h - 6], ["fill", "none"], ["stroke", "#0b57d0"], ["stroke-width", 6], ["stroke-dasharray", "24 12"]]
      .forEach(function (a) { rect.setAttribute(a[0], String(a[1])); });
    var label = document.createElementNS(ns, "text");
    [["x", part.x + part.w / 2], ["y", part.y + part.h / 2 + big / 3], ["font-size", big], ["font-weight", "bold"], ["fill", "#0b57d0"], ["fill-opacity", ".45"], ["text-anchor", "middle"]]
      .forEach(function (a) { label.setAttribute(a[0], String(a[1])); });
    label.textContent = String(i + 1);
    overlay.appendChild(rect);
    overlay.appendChild(label);
  });
  node.appendChild(overlay);
  var figure = document.createElement("figure");
  figure.className = "print-key";
  var caption = document.createElement("figcaption");
  caption.textContent = name + ", the whole of it, to find your way: the parts " + (plan.parts.length === 2 ? "1 and 2" : "1 to " + plan.parts.length) + " on the next pages are outlined.";
  figure.appendChild(caption);
  figure.appendChild(node);
  return figure;
}

/** The key map's height (CSS px): what the first page leaves under the report's header. */
var keyHeight = 420;

function buildPrintMaps() {
  var holder = document.createElement("div");
  holder.className = "print-map";
  var sources = [["report-overview", "overview-", "Overview by place"], ["report-map", "", "System by system"]]
    .filter(function (m) { return byId(m[0]); });
  var intro = document.createElement("p");
  intro.className = "print-intro";
  holder.appendChild(intro);
  var said = [];
  sources.forEach(function (m, k) {
    var first = parseMap(m[0], "print" + k + "-0-" + m[1]);
    if (!first) return;
    var width = Number(first.getAttribute("width")) || 800, height = Number(first.getAttribute("height")) || 600;
    var plan = printPlan(width, height, smallestFont(first));
    var name = sources.length > 1 ? m[2] + " map" : "Map";
    said.push(name + ": " + (plan.parts.length === 1 ? "one page" : plan.parts.length + " pages (" + plan.cols + " across, " + plan.rows + " down, overlapping a little)") +
      " at " + Math.round(plan.scale * 100) + "%, its smallest text " + plan.points.toFixed(1) + " pt");
    if (plan.parts.length > 1) holder.appendChild(keyMap(parseMap(m[0], "print" + k + "-key-" + m[1]), width, height, plan, name));
    plan.parts.forEach(function (part, i) {
      var node = i === 0 ? first : parseMap(m[0], "print" + k + "-" + i + "-" + m[1]);
      node.setAttribute("role", "img");
      node.setAttribute("viewBox", [part.x, part.y, part.w, part.h].join(" "));
      node.setAttribute("width", String(Math.round(part.w * plan.scale)));
      node.setAttribute("height", String(Math.round(part.h * plan.scale)));
      node.setAttribute("data-print-scale", plan.scale.toFixed(4));
      var figure = document.createElement("figure");
      figure.className = "print-part";
      var caption = document.createElement("figcaption");
      caption.textContent = name + (plan.parts.length === 1 ? "" : ", part " + (i + 1) + " of " + plan.parts.length + " (" + whereWords(part, plan) + ")") +
        " \u00b7 " + Math.round(plan.scale * 100) + "%";
      figure.appendChild(caption);
      figure.appendChild(node);
      holder.appendChild(figure);
    });
  });
  intro.textContent = "Printed: " + said.join("; ") + ". The numbers on the map are those of the findings list drawn on it; every finding follows in full after the map, then the record of processing.";
  var area = viewport.closest(".map-area");
  area.parentNode.insertBefore(holder, area.nextSibling);
}

/** Builds the printed maps before the first print; the page on screen never has them. */
function watchPrint() {
  var built = false;
  var prepare = function () {
    if (built) return;
    built = true;
    buildPrintMaps();
  };
  window.addEventListener("beforeprint", prepare);
  var media = window.matchMedia ? window.matchMedia("print") : null;
  var onChange = function (e) { if (e.matches) prepare(); };
  if (media && media.addEventListener) media.addEventListener("change", onChange);
  else if (media && media.addListener) media.addListener(onChange);
}
