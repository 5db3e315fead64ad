/** The optional "Source of the personal data" column (ICO template; what Art. 14(2)(f) asks a notice to
 *  state): where each category of the purpose's data comes from, from the flows that bring it in and from
 *  what the model says with `obtained` ("supplied by parents", the social-login provider by name). */
import type { DataCategory, Purpose, System } from "../model/model.js";
import { directSources } from "../model/vocabulary.js";
import { flowsOf, type RegisterContext } from "./context.js";
import { vendorAndSystem } from "./recipients.js";
import { joinList, NOT_SPECIFIED, quote } from "./table.js";

type Source = NonNullable<DataCategory["obtained"]>["sources"][number];

/** A source named by kind only, with no system in the model that sends the data. */
const unnamedLabel: Record<Source, string> = {
  subject: "data subject", observed: "observed from the data subject's use of the service",
  other_users: "supplied by other users", partners: "partners (not named)", social_login: "social-login provider (not named)",
  parents: "supplied by parents", public_sources: "publicly accessible sources", authorities: "public authorities",
  brokers: "data brokers (not named)", employer: "the data subject's employer",
};

/** What a named third party is, as a source. */
const asRole: Record<Source, string> = {
  subject: "data subject", observed: "data subject", other_users: "other user", partners: "partner", social_login: "social-login provider",
  parents: "parent", public_sources: "public source", authorities: "public authority", brokers: "data broker", employer: "the data subject's employer",
};

/** The source a sending system of this kind is, where its kind tells. */
const kindSource: Partial<Record<string, Source>> = { authentication: "social_login", authority: "authorities" };

/** How a system that sends the data is a source: the data subject's device, other users, or a vendor acting as
 *  controller; undefined for the organization's own systems and its processors, which got it from upstream. */
function sourceLabel(s: System): string | undefined {
  if (s.kind === "peer_device") return "other users (peer device)";
  if (s.clientSide) return `data subject (${s.kind?.replace(/_/g, " ")})`;
  return thirdParty(s) ? `third party: ${vendorAndSystem(s)}` : undefined;
}

function thirdParty(s: System): boolean {
  const role = s.operator?.role;
  return !s.clientSide && !s.operator?.self && (role === "controller" || role === "joint_controller");
}

/** The systems run by third parties whose flows bring the data in, in model order. */
function sendersOf(ctx: RegisterContext, data: string): System[] {
  const ids = new Set(ctx.model.flows.filter((f) => f.data.some((r) => r.id === data)).map((f) => f.from.id));
  return ctx.model.systems.filter((s) => ids.has(s.id) && thirdParty(s));
}

/** Which of the data's stated sources a sending system is: the one its kind names (an authentication
 *  service is the social-login provider), else the first that no kind names (partners, brokers, ...),
 *  else the first stated. */
function sourceOfSender(s: System, sources: Source[]): Source {
  const byKind = kindSource[s.kind ?? ""];
  if (byKind && sources.includes(byKind)) return byKind;
  return sources.find((x) => !Object.values(kindSource).includes(x)) ?? sources[0]!;
}

interface ObtainedLine {
  /** The sending system the line names, if any. */
  system?: System;
  prefix: string;
  note?: string;
  data: string[];
}

/** One line per source (and per named party) of the purpose's data that the model says is not obtained
 *  from the data subject, the categories it supplies and the policy's words. */
function obtainedLines(ctx: RegisterContext, purpose: Purpose): ObtainedLine[] {
  const lines = new Map<string, ObtainedLine>();
  const add = (prefix: string, note: string | undefined, data: string, system?: System) => {
    const key = `${prefix}\u0000${note ?? ""}`;
    const line = lines.get(key) ?? lines.set(key, { prefix, note, data: [], ...(system && { system }) }).get(key)!;
    if (!line.data.includes(data)) line.data.push(data);
  };
  for (const ref of purpose.data) {
    const d = ctx.relations.data.get(ref.id);
    const indirect = d?.obtained?.sources.filter((s) => !directSources.has(s)) ?? [];
    if (!d || !indirect.length) continue;
    const attributed = new Set<Source>();
    for (const s of sendersOf(ctx, d.id)) {
      const source = sourceOfSender(s, indirect);
      attributed.add(source);
      add(`third party: ${vendorAndSystem(s)}, as ${asRole[source]}`, d.obtained!.note, d.name, s);
    }
    for (const source of indirect) if (!attributed.has(source)) add(unnamedLabel[source], d.obtained!.note, d.name);
  }
  return [...lines.values()];
}

const lineText = (l: { prefix: string; note?: string; data: string[] }) => `${l.prefix}: ${l.data.join(", ")}${quote(l.note)}`;

/** Where the data comes from: the senders of the purpose's flows, and for a sender that is the organization's own
 *  or its processor's, whoever sends it the purpose's data upstream (through flows of any purpose); a third party
 *  the model says the data is obtained from is named with what it supplies. Data the model says the subject gives
 *  or is observed is listed so only when no flow shows it coming from the data subject. */
export function sourceCell(ctx: RegisterContext, purpose: Purpose): string {
  const dataIds = new Set(purpose.data.map((r) => r.id));
  const senders: System[] = [];
  const visited = new Set<string>();
  const visit = (id: string) => {
    if (visited.has(id)) return;
    visited.add(id);
    const system = ctx.relations.systems.get(id);
    if (!system) return;
    if (sourceLabel(system)) return void senders.push(system);
    for (const f of ctx.relations.flowsInto.get(id) ?? []) if (f.data.some((r) => dataIds.has(r.id))) visit(f.from.id);
  };
  for (const f of flowsOf(ctx, purpose)) visit(f.from.id);
  const obtained = obtainedLines(ctx, purpose);
  const out: string[] = [];
  for (const s of senders) {
    const named = obtained.filter((l) => l.system === s);
    if (named.length) out.push(...named.map(lineText));
    else out.push(sourceLabel(s)!);
  }
  // Parties the flows of this purpose do not reach (the data came in for another purpose), and sources named by kind.
  out.push(...obtained.filter((l) => !l.system || !senders.includes(l.system)).map(lineText));
  if (!senders.some((s) => s.clientSide && s.kind !== "peer_device")) {
    for (const source of ["subject", "observed"] as const) {
      const data = purpose.data.map((r) => ctx.relations.data.get(r.id)).filter((d) => d?.obtained?.sources.includes(source)).map((d) => d!.name);
      if (data.length) out.push(lineText({ prefix: unnamedLabel[source], data }));
    }
  }
  return joinList(out, NOT_SPECIFIED);
}
