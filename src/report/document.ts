/** The report page: one HTML document holding everything it shows (facts as JSON, the map's SVG
 *  as a JSON string, the page script and stylesheet inline), locked down by a Content-Security-
 *  Policy that allows only the hashes of that script and stylesheet: no request of any kind. */
import { createHash } from "node:crypto";
import type { CheckResult } from "../check/index.js";
import { countBySeverity } from "../diagnostics.js";
import { transferFactsAsOf, transferFactsSource } from "../legal/gdpr-transfers.js";
import { countryName } from "../legal/countries.js";
import { eprivacyAsOf, eprivacyDirective } from "../legal/eprivacy.js";
import type { RegisterTable } from "../register/index.js";
import { visible } from "../util/visible.js";
import { reportScript, reportStyle } from "./assets.js";
import { reportData, type ReportData } from "./data.js";
import { h, rawElement, serializeDocument, type HtmlElement } from "./html.js";
import { findingsSection, registerSection } from "./sections.js";

export interface ReportInput {
  result: CheckResult;
  /** The map as `renderMap` wrote it. */
  svg: string;
  /** The overview map (`view: { kind: "overview" }`), for a big model: the page opens on it. */
  overview?: string;
  /** The register as `buildRegister` derived it. */
  register: RegisterTable;
}

/** `'sha256-…'` of the exact text of an inline script or style, as a CSP source. */
export function cspHash(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/** The CSP: nothing may load (no default-src), only the page's own script and stylesheet run, and
 *  nothing may be submitted, framed from a base or navigated by a form. */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    `script-src ${cspHash(reportScript)}`,
    `style-src ${cspHash(reportStyle)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** JSON that cannot end the `<script>` element holding it, whatever its strings say: `<`, `>` and
 *  `&` are `\u` escapes (JSON.parse reads them back), as are U+2028 and U+2029. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function reportDocument(input: ReportInput): string {
  const { result } = input;
  const data = reportData(result);
  const title = visible(result.model.title);
  const body = h("body", {},
    h("a", { class: "skip", href: "#map-section" }, "Skip to the map"),
    pageHeader(input, data),
    h("nav", { class: "sections", "aria-label": "Sections" },
      h("a", { href: "#map-section" }, "Map"),
      h("a", { href: "#findings" }, "Findings"),
      h("a", { href: "#register" }, "Record of processing"),
    ),
    h("main", {}, mapSection(result, data, input.overview !== undefined), findingsSection(data), registerSection(input.register)),
    h("footer", {},
      h("p", {}, `Written by flowmap from ${visible(result.files.join(", "))}. Transfer facts as of ${transferFactsAsOf}: ${transferFactsSource}. ePrivacy facts as of ${eprivacyAsOf}: ${eprivacyDirective.name}. This page makes no network request; it opens offline.`),
    ),
    rawElement("script", { type: "application/json", id: "report-data" }, scriptJson(data)),
    rawElement("script", { type: "application/json", id: "report-map" }, scriptJson(withoutDeclaration(input.svg))),
    input.overview === undefined ? undefined : rawElement("script", { type: "application/json", id: "report-overview" }, scriptJson(withoutDeclaration(input.overview))),
    rawElement("script", {}, reportScript),
  );
  const head = h("head", {},
    h("meta", { charset: "utf-8" }),
    h("meta", { "http-equiv": "Content-Security-Policy", content: contentSecurityPolicy() }),
    h("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
    h("meta", { name: "referrer", content: "no-referrer" }),
    h("title", {}, `${title}: privacy report`),
    rawElement("style", {}, reportStyle),
  );
  return serializeDocument(h("html", { lang: "en" }, head, body));
}

/** The map's SVG without its XML declaration: the page parses it as an SVG document of its own. */
function withoutDeclaration(svg: string): string {
  return svg.replace(/^<\?xml[^>]*\?>\s*/, "");
}

function pageHeader({ result, register }: ReportInput, data: ReportData): HtmlElement {
  const { model } = result;
  const org = model.organization;
  const counts = countBySeverity(result.diagnostics);
  const fact = (label: string, value: string | HtmlElement) => h("div", {}, h("dt", {}, label), h("dd", {}, value));
  return h("header", { class: "page" },
    h("h1", {}, visible(model.title)),
    h("dl", { class: "facts" },
      org ? fact("Organization", `${visible(org.name)}${org.role ? ` (${org.role.replace(/_/g, " ")})` : ""}`) : undefined,
      fact("Model updated", model.updated ? visible(model.updated) : "not stated"),
      fact("Transfer facts as of", transferFactsAsOf),
      fact("ePrivacy facts as of", eprivacyAsOf),
      fact("Record", register.record === "processor" ? "Art. 30(2), processor" : "Art. 30(1), controller"),
      fact("Systems", `${data.systems.length}`),
      fact("Flows", `${data.flows.length} (${result.transfers.length} transfer${result.transfers.length === 1 ? "" : "s"})`),
      fact("Findings", h("span", { class: "counts" },
        h("span", { class: "count-error" }, `${counts.error} error${counts.error === 1 ? "" : "s"}`), ", ",
        h("span", { class: "count-warning" }, `${counts.warning} warning${counts.warning === 1 ? "" : "s"}`), ", ",
        h("span", { class: "count-info" }, `${counts.info} note${counts.info === 1 ? "" : "s"}`),
        result.accepted.length ? `; ${result.accepted.length} accepted` : "")),
    ),
  );
}

const zoneLabels: [string, string][] = [
  ["eea", "EEA"], ["adequate", "Countries with an adequacy decision"], ["third", "Third countries (no adequacy)"],
  ["unknown", "Unknown or unstated locations"], ["client", "Data subjects' devices"],
];

function mapSection(result: CheckResult, data: ReportData, overview: boolean): HtmlElement {
  return h("section", { id: "map-section", "aria-labelledby": "map-heading" },
    h("h2", { id: "map-heading" }, "Data-flow map"),
    filters(result, data),
    h("p", { id: "filter-status", role: "status", "aria-live": "polite" }),
    h("div", { class: "map-area" },
      h("div", { class: "map-column" },
        overview ? h("div", { class: "map-views", role: "group", "aria-label": "Which map" },
          h("button", { type: "button", id: "view-overview", "aria-pressed": "true" }, "Overview by place"),
          h("button", { type: "button", id: "view-systems", "aria-pressed": "false" }, "System by system"),
        ) : undefined,
        h("div", { class: "map-tools", role: "toolbar", "aria-label": "Zoom", "aria-controls": "map-viewport" },
          h("button", { type: "button", id: "zoom-out", "aria-label": "Zoom out" }, "\u2212"),
          h("button", { type: "button", id: "zoom-in", "aria-label": "Zoom in" }, "+"),
          h("button", { type: "button", id: "zoom-fit" }, "Fit"),
          h("button", { type: "button", id: "zoom-actual" }, "Actual size"),
          h("span", {}, "Zoom ", h("span", { id: "zoom-level" }, "100%")),
          h("span", { id: "map-overflow", class: "overflow" }),
        ),
        h("p", { class: "map-help" }, "Drag or scroll to pan; Ctrl+wheel or + and - to zoom. Tab to a system or flow, Enter shows its details, Escape closes them."),
        h("div", { id: "map-viewport", tabindex: 0, role: "region", "aria-label": "Data-flow map: arrow keys scroll, + and - zoom, 0 fits" },
          h("noscript", {}, "The map needs JavaScript; the findings and the record of processing below do not. out/ holds the same map as an SVG file."),
        ),
      ),
      h("aside", { id: "detail", "aria-labelledby": "detail-title", hidden: true },
        h("div", { class: "detail-head" },
          h("h3", { id: "detail-title", tabindex: -1 }),
          h("button", { type: "button", id: "detail-close", "aria-label": "Close the details (Escape)" }, "Close"),
        ),
        h("div", { id: "detail-body", "aria-live": "polite" }),
      ),
    ),
  );
}

function filters(result: CheckResult, data: ReportData): HtmlElement {
  const zones = new Set<string>(data.systems.flatMap((s) => s.places.map((p) => p.zone)));
  const countries = [...new Set(data.systems.flatMap((s) => s.places.filter((p) => p.zone !== "client" && p.zone !== "unknown").map((p) => p.code)))]
    .sort((a, b) => (countryName(a) < countryName(b) ? -1 : countryName(a) > countryName(b) ? 1 : 0));
  const option = (value: string, text: string) => h("option", { value }, text);
  const special = data.data.filter((d) => d.special);
  const sensitive = data.data.filter((d) => !d.special && d.sensitive);
  const other = data.data.filter((d) => !d.special && !d.sensitive);
  const dataOption = (d: ReportData["data"][number]) => option(`data:${d.id}`, `${d.name}${d.special ? " (special category)" : d.sensitive ? " (sensitive)" : ""}`);
  const select = (id: string, label: string, ...options: (HtmlElement | undefined)[]) =>
    h("label", { for: id }, label, h("select", { id, name: id }, options));
  return h("form", { id: "filters", role: "search", "aria-label": "Filter the map, the findings and the record" },
    select("f-place", "Country or zone", option("", "All places"),
      h("optgroup", { label: "Zones" }, zoneLabels.filter(([z]) => zones.has(z)).map(([z, text]) => option(`zone:${z}`, text))),
      countries.length ? h("optgroup", { label: "Countries" }, countries.map((c) => option(`country:${c}`, `${visible(countryName(c))} (${c})`))) : undefined),
    select("f-purpose", "Purpose", option("", "All purposes"), ...data.purposes.map((p) => option(p.id, p.name))),
    select("f-data", "Data category", option("", "All data"),
      special.length ? option("special:any", "Any special category (Art. 9)") : undefined,
      special.length + sensitive.length ? option("sensitive:any", "Any special or sensitive data") : undefined,
      special.length ? h("optgroup", { label: "Special categories (Art. 9)" }, special.map(dataOption)) : undefined,
      sensitive.length ? h("optgroup", { label: "Sensitive" }, sensitive.map(dataOption)) : undefined,
      other.length ? h("optgroup", { label: "Other" }, other.map(dataOption)) : undefined),
    select("f-severity", "Findings", option("", "With or without findings"), option("any", "With any finding"),
      option("error", "With errors"), option("warning", "With warnings"), option("info", "With notes")),
    h("label", { class: "check", for: "f-transfers" }, h("input", { type: "checkbox", id: "f-transfers", name: "f-transfers" }), "Transfers only"),
    h("button", { type: "reset" }, "Show everything"),
    result.complete ? undefined : h("p", {}, "The model has syntax errors: what is shown is partial."),
  );
}
