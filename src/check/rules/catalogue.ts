/** Facts taken from a vendor entry (`system x from <id>`): what the model must still say itself. */
import { defineRule } from "../registry.js";
import { countryName } from "../../legal/countries.js";
import type { System } from "../../model/model.js";
import { addMonths, describeUse, entryName, referenceDate } from "../catalogue-notes.js";

defineRule({
  id: "catalogue-role-unstated", severity: "warning", title: "A vendor entry leaves the vendor's role open, and the model does not state it",
  article: "GDPR Art. 28(1), Art. 26; Art. 30(1)(d)",
  description: "Whether a vendor processes on the organization's behalf (a processor, Art. 28) or for its own purposes (an independent or joint controller) decides the contract it needs, the SCC module of a transfer and what the record says of the recipient. Some services are either, depending on the product and its settings (an analytics service is a processor for measurement and a controller for the data it shares), and some entries do not know: their role is `either` or unknown. A system that takes such an entry's operator with `from <id>` and states no role leaves the question open. (A role stated in the block answers it: `operator \"Google Ireland Limited\" as processor` keeps the entry's establishment.)",
  help: 'state the role: `operator "<entity>" as processor` (or as controller, joint_controller, subprocessor)',
  run({ model, reportAt }) {
    for (const s of model.systems) {
      const c = s.catalogue;
      if (!c || !c.facts.includes("operator") || !s.operator || s.operator.self || s.operator.role) continue;
      const open = c.role === "either" ? `either${c.roleWhen ? `: ${c.roleWhen}` : ""}` : "unknown";
      reportAt(c.span, `${entryName(c)} leaves the role of ${s.operator.vendor} open (${open}); system \`${s.id}\` states none`, {
        help: `write \`operator "${s.operator.vendor}" as processor\` (or \`as controller\`) in the block of \`${s.id}\`, as the organization uses the service`,
      });
    }
  },
});

defineRule({
  id: "catalogue-ground-unstated", severity: "info", title: "A transfer is covered only by facts from a vendor entry, and the model names no ground",
  article: "GDPR Art. 13(1)(f), Art. 30(1)(e); Art. 45",
  description: "A flow to a system whose location or Data Privacy Framework certification comes from a vendor entry (`from <id>`) can be covered by adequacy without the model stating any mechanism: the catalogue says the recipient is certified, or where it processes. The organization must still tell data subjects which ground a transfer rests on (Art. 13(1)(f)) and record it (Art. 30(1)(e)), and the entry is a dated third-party fact, not the organization's own check. The finding asks the model to state the ground it relies on (`mechanism dpf`, `mechanism adequacy`), which also keeps the model's meaning when the entry changes.",
  help: "state the ground on the flow: `mechanism dpf` (a DPF-certified US recipient) or `mechanism adequacy`",
  run({ model, relations, transfers, report }) {
    const flows = new Map(model.flows.map((f) => [f.id, f]));
    for (const t of transfers) {
      const flow = flows.get(t.flow);
      const to = relations.systems.get(t.to);
      const c = to?.catalogue;
      if (!flow || !to || !c || flow.mechanisms.length || flow.spans.mechanism !== undefined) continue;
      if (t.verdict !== "adequacy" || t.problems.length) continue;
      const taken = c.facts.filter((f) => f === "certified" || f === "located");
      if (!taken.length) continue;
      const dpf = taken.includes("certified") && t.destinations.some((d) => d.place === "US");
      const where = t.destinations.map((d) => `${countryName(d.place)} (${d.place})`).join(", ");
      const per = c.origin === "catalogue" ? "per catalogue" : "per vendor entry";
      const fact = dpf ? `DPF-certified ${per}, checked ${c.dpf?.checked ?? c.asOf}` : `located ${per}, as of ${c.asOf}`;
      report(flow, "to", `the transfer to \`${to.id}\` in ${where} is covered only by a fact of ${entryName(c)} (${fact}); the flow states no ground of its own`, {
        help: `state the ground the organization relies on: \`mechanism ${dpf ? "dpf" : "adequacy"}\``,
        related: [{ message: describeUse(c, to), span: c.span }],
      });
    }
  },
});

defineRule({
  id: "catalogue-entry-stale", severity: "warning", title: "A vendor entry the model uses is older than the allowed age",
  article: "GDPR Art. 5(2), Art. 24(1) (accountability: measures reviewed and updated)",
  description: "Vendor facts change: DPF certifications lapse or are renewed, DPAs and their SCC modules are replaced, entities and processing locations move. An entry (flowmap's catalogue, or the team's `vendor` declaration) whose `asOf` date is older than the allowed age (12 months by default; `\"catalogueMaxAgeMonths\"` in flowmap.config.json) is reported once, on the first system that uses it. The reference date is today's in `flowmap check`, the language server and `flowmap diff`; the commands that write outputs (build, render, register, report), the library and the scored corpus use the model's own `updated` date, so that outputs do not change with the day they are made; `SOURCE_DATE_EPOCH`, when set, is the date for every command.",
  help: "re-check the entry's facts at its sources and update its date (`flowmap vendors <id>` lists them), or state the facts in the system's block",
  run({ model, reportAt, options }) {
    const users = model.systems.filter((s) => s.catalogue);
    if (!users.length) return;
    const maxAge = options.catalogueMaxAgeMonths ?? 12;
    const now = referenceDate(options.now, model);
    if (!now) return;
    const byEntry = new Map<string, System[]>();
    for (const s of users) {
      const key = `${s.catalogue!.origin}\u0000${s.catalogue!.entry}`;
      byEntry.set(key, [...(byEntry.get(key) ?? []), s]);
    }
    for (const systems of byEntry.values()) {
      const [first, ...rest] = systems;
      const c = first!.catalogue!;
      if (addMonths(c.asOf, maxAge) >= now) continue;
      reportAt(c.span, `${entryName(c)} was checked on ${c.asOf}, more than ${maxAge} month${maxAge === 1 ? "" : "s"} ago`, {
        related: rest.map((s) => ({ message: `\`${s.id}\` also takes its facts`, span: s.catalogue!.span, occurrence: true })),
      });
    }
  },
});
