/** The report's static sections, readable without the page script: the findings list (grouped by
 *  severity, accepted risks apart, each with its source location) and the register as a table. */
import type { Severity } from "../diagnostics.js";
import type { RegisterTable } from "../register/index.js";
import { visible } from "../util/visible.js";
import type { FindingData, ReportData } from "./data.js";
import { h, type HtmlElement } from "./html.js";

const groups: { severity: Severity; title: string; id: string }[] = [
  { severity: "error", title: "Errors", id: "findings-error" },
  { severity: "warning", title: "Warnings", id: "findings-warning" },
  { severity: "info", title: "Notes", id: "findings-info" },
];

const severityWord: Record<Severity, string> = { error: "error", warning: "warning", info: "note" };

/** As `check` lists them (one finding per problem, in file and position order), in one group per
 *  severity, then the accepted risks with their reasons. */
export function findingsSection(data: ReportData): HtmlElement {
  const indexed = data.findings.map((f, i) => ({ f, i }));
  const active = indexed.filter(({ f }) => f.accepted === undefined);
  const accepted = indexed.filter(({ f }) => f.accepted !== undefined);
  const sections = groups.map((g) => {
    const list = active.filter(({ f }) => f.severity === g.severity);
    return list.length ? group(g.id, `${g.title} (${list.length})`, list) : undefined;
  });
  return h("section", { id: "findings", "aria-labelledby": "findings-heading" },
    h("h2", { id: "findings-heading" }, `Findings (${active.length}${accepted.length ? `, and ${accepted.length} accepted` : ""})`),
    active.length ? undefined : h("p", {}, "flowmap check finds nothing wrong in this model."),
    sections,
    accepted.length ? group("findings-accepted", `Accepted risks (${accepted.length})`, accepted, "Findings an inline `flowmap-ignore` accepts, with the reason given. They do not count as problems.") : undefined,
  );
}

function group(id: string, title: string, list: { f: FindingData; i: number }[], intro?: string): HtmlElement {
  return h("section", { class: "findings-group", "aria-labelledby": id },
    h("h3", { id }, title),
    intro ? h("p", {}, intro) : undefined,
    h("ol", {}, list.map(({ f, i }) => findingItem(f, i))),
  );
}

function findingItem(f: FindingData, i: number): HtmlElement {
  const onMap = f.systems.length + f.flows.length > 0;
  return h("li", { id: `finding-${i}`, class: `finding sev-${f.severity}${f.accepted !== undefined ? " accepted" : ""}`, "data-finding": i, tabindex: -1 },
    h("p", { class: "head" },
      h("span", { class: "sev" }, f.accepted !== undefined ? `accepted ${severityWord[f.severity]}` : severityWord[f.severity]),
      h("code", {}, f.code),
      h("span", { class: "loc" }, f.where),
    ),
    h("p", { class: "msg" }, f.message),
    f.related.length ? h("ul", {}, f.related.map((r) => h("li", {}, `${r.message} at `, h("span", { class: "loc" }, r.where)))) : undefined,
    f.help ? h("p", { class: "help" }, `Fix: ${f.help}`) : undefined,
    f.accepted !== undefined ? h("p", { class: "reason" }, h("strong", {}, "Accepted because: "), f.accepted || "(no reason given)") : undefined,
    onMap ? h("p", { class: "actions" }, h("button", { type: "button", class: "show-on-map", "data-finding": i, "aria-label": `Show finding ${i + 1} (${f.code}) on the map` }, "Show on map")) : undefined,
    !onMap && f.purposes.length ? h("p", { class: "actions" }, h("button", { type: "button", class: "show-purpose", "data-purpose": f.purposes[0], "aria-label": `Show what serves purpose ${f.purposes[0]}` }, `Show purpose ${f.purposes[0]}`)) : undefined,
  );
}

/** The Art. 30 record as `buildRegister` derives it: its header block, then one row per activity.
 *  Each row carries its purpose id, so the purpose filter can pick it out. */
export function registerSection(table: RegisterTable): HtmlElement {
  // The register puts one item per line in a cell: the line breaks stay (the table shows them, CSS
  // pre-line); every other control is shown as its escape.
  const cell = (s: string) => visible(s, "\n");
  return h("section", { id: "register", "aria-labelledby": "register-heading" },
    h("h2", { id: "register-heading" }, cell(table.title)),
    h("dl", { class: "register-head" }, table.header.map(([label, value]) => [h("dt", {}, cell(label)), h("dd", {}, cell(value))])),
    h("div", { class: "table-scroll", role: "region", "aria-labelledby": "register-caption", tabindex: 0 },
      h("table", { class: "register" },
        h("caption", { id: "register-caption" }, `${table.record === "processor" ? "Art. 30(2)" : "Art. 30(1)"} record: ${table.rows.length} row${table.rows.length === 1 ? "" : "s"}`,
          h("span", { class: "screen-only" }, " (scroll sideways for every column)")),
        h("thead", {}, h("tr", {}, table.columns.map((c) => h("th", { scope: "col" }, cell(c))))),
        // data-label: printed, a row is a block of "column: value" lines (23 columns do not fit a
        // page's width at a readable size); the print stylesheet shows the label, a screen does not.
        h("tbody", {}, table.rows.map((r) => h("tr", { "data-purpose": cell(r[0] ?? "") },
          r.map((c, j) => h(j === 0 ? "th" : "td", { ...(j === 0 ? { scope: "row" } : {}), "data-label": cell(table.columns[j] ?? "") }, cell(c)))))),
      ),
    ),
  );
}
