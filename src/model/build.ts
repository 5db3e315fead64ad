/** Syntax tree -> model. Resolves names (with "did you mean"), validates values against the
 *  vocabularies, and reports every problem as a diagnostic; it never throws on user input. */
import type { Diagnostic, Span } from "../diagnostics.js";
import type * as Ast from "../syntax/ast.js";
import { didYouMean } from "../util/suggest.js";
import { exact } from "../util/arrays.js";
import { keywordWords } from "../syntax/tokens.js";
import { spanFromTo } from "../syntax/source.js";
import type { DataCategory, Flow, Mechanism, Model, Store, Subject, System } from "./model.js";
import {
  Certification, DataKind, Derogation, Encryption, MechanismKind, OperatorRole, SccModule, SubjectKind, SystemKind, clientSideKinds, dataKinds,
} from "./vocabulary.js";
import { kindNoun } from "./reader.js";
import { PurposeReader } from "./purpose-reader.js";
import { builtinCatalogue, type Catalogue } from "../catalogue/builtin.js";
import type { TeamEntry } from "./catalogue-reader.js";

export { allowed, repeatable } from "./reader.js";
export { isPartialIsoDate } from "./organization-reader.js";

export interface BuildResult {
  model: Model;
  diagnostics: Diagnostic[];
  /** Name spans of declarations that a misspelt reference most likely meant (`custmer` for
   *  `customer`): they are not unused, whatever the unused-* rules see. */
  meant: Span[];
  /** Spans of `from <id>` whose entry did not read: what points there is that error's consequence. */
  unread: Span[];
  /** The team's own `vendor` entries in scope that read (they override flowmap's of the same id). */
  vendors: TeamEntry[];
}


export interface BuildOptions {
  /** A library (a file without an organization, checked on its own) needs none. */
  library?: boolean;
  /** The built-in vendor catalogue (`from <id>`), read only when a system names an entry the
   *  team's `vendor` declarations do not have. */
  catalogue?: () => Catalogue;
}

export function buildModel(file: Ast.FlowFile, options: BuildOptions = {}): BuildResult {
  return new ModelBuilder(file, options).build();
}

class ModelBuilder extends PurposeReader {
  constructor(
    private file: Ast.FlowFile,
    private options: BuildOptions,
  ) {
    super(options.catalogue ?? builtinCatalogue);
  }

  build(): BuildResult {
    const model: Model = {
      file: this.file.path,
      title: "",
      regime: "gdpr",
      subjects: [],
      data: [],
      purposes: [],
      systems: [],
      flows: [],
    };
    // Pass 1: declare names, so references may point forward.
    let header: Ast.Declaration | undefined;
    for (const d of this.file.declarations) {
      if (d.kind === "model") {
        if (header) this.report("duplicate-name", d.keyword.span, "a second `model` header", "keep one `model { ... }` block per file", [{ message: "first header here", span: header.keyword.span }]);
        else header = d;
        continue;
      }
      if (d.kind === "flow" || !d.name?.text) continue;
      const names = this.declared[d.kind];
      const first = names.get(d.name.text);
      if (first) {
        this.report("duplicate-name", d.name.span, `${kindNoun[d.kind]} named \`${d.name.text}\` is already declared`, "rename one of them or merge the two declarations", [{ message: "first declared here", span: first.name!.span }]);
        continue;
      }
      if (d.kind === "organization" && names.size > 0) {
        const other = [...names.values()][0]!;
        this.report("duplicate-name", d.name.span, "a model describes one organization; this is a second one", "model each organization in its own file; name partners as joint_controller or as system operators", [{ message: "the organization is declared here", span: other.name!.span }]);
        continue;
      }
      names.set(d.name.text, d);
    }
    // The team's vendor entries, before the systems that take their facts.
    for (const d of this.file.declarations) {
      if (d.kind !== "vendor" || !d.name || this.declared.vendor.get(d.name.text) !== d) continue;
      this.checkProperties(d, true);
      this.readVendor(d);
      if (d.entry) this.takeFacts(undefined, d);
    }
    // Pass 2: build each node.
    if (header) this.buildHeader(header, model);
    // Flows seen per (from, to), keyed by the two names (not the joined id, which is hashed anew).
    const flowCounts = new Map<string, Map<string, number>>();
    for (const d of this.file.declarations) {
      if (d.kind === "vendor") continue;
      this.checkProperties(d, true);
      if (d.entry && d.kind !== "system") this.takeFacts(undefined, d);
      switch (d.kind) {
        case "organization":
          if (d.name && this.declared.organization.get(d.name.text) === d) model.organization = this.buildOrganization(d);
          break;
        case "subject":
          if (d.name && this.declared.subject.get(d.name.text) === d) model.subjects.push(this.buildSubject(d));
          break;
        case "data":
          if (d.name && this.declared.data.get(d.name.text) === d) model.data.push(this.buildData(d));
          break;
        case "purpose":
          if (d.name && this.declared.purpose.get(d.name.text) === d) model.purposes.push(this.buildPurpose(d));
          break;
        case "system":
          if (d.name && this.declared.system.get(d.name.text) === d) model.systems.push(this.buildSystem(d));
          break;
        case "flow": {
          const flow = this.buildFlow(d);
          if (flow) {
            let counts = flowCounts.get(flow.from.id);
            if (!counts) flowCounts.set(flow.from.id, (counts = new Map()));
            const n = (counts.get(flow.to.id) ?? 0) + 1;
            counts.set(flow.to.id, n);
            if (n > 1) flow.id = `${flow.id}#${n}`;
            model.flows.push(flow);
          }
          break;
        }
        default:
          break;
      }
    }
    if (!model.title) model.title = model.organization?.name ?? this.file.path.replace(/^.*[\\/]/, "").replace(/\.flow$/, "");
    if (!model.organization && !this.options.library) {
      const at = this.file.declarations[0]?.keyword.span ?? { file: this.file.path, start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };
      this.report("missing-organization", at, "the model declares no organization (the controller or processor it describes)", 'add `organization <name> "<Legal name>" { role controller  country NL  contact "privacy@example.com" }`');
    }
    return { model, diagnostics: this.diagnostics, meant: this.meant, unread: this.unreadEntries, vendors: this.readTeamEntries() };
  }

  // ---- declarations -----------------------------------------------------

  private buildSubject(d: Ast.Declaration): Subject {
    const base = this.nodeBase(d);
    const kind = this.single(d, "kind", SubjectKind, base.spans);
    const informed = this.informed(d, base.spans);
    return { ...base, ...(kind.value && { kind: kind.value }), ...(informed && { informed }) };
  }

  private buildData(d: Ast.Declaration): DataCategory {
    const base = this.nodeBase(d);
    const kind = this.single(d, "kind", DataKind, base.spans);
    if (!base.spans.kind) {
      this.report("missing-property", d.name!.span, `data category \`${d.name!.text}\` has no \`kind\``, `add \`kind <kind>\` (e.g. contact, identifiers, usage, location, health) so special categories are known`);
    }
    const info = kind.value ? dataKinds[kind.value] : undefined;
    const anonymous = this.string(d, "anonymous", base.spans);
    const claims = this.claims(d, base.spans);
    const obtained = this.obtained(d, base.spans);
    const informed = this.informed(d, base.spans);
    const specialPosition = this.specialPosition(d, base.spans);
    // `special possible`: the organization accepts the data may hold special categories; every rule
    // reading `special` then treats it so.
    const special = (info?.special ?? false) || specialPosition?.position === "possible";
    return {
      id: base.id, name: base.name, description: base.description, span: base.span, spans: base.spans, kind: kind.value, special, sensitive: (info?.sensitive ?? false) || special,
      ...(anonymous !== undefined && { anonymous }), ...(claims && { claims }), ...(obtained && { obtained }), ...(informed && { informed }), ...(specialPosition && { specialPosition }),
    };
  }

  private buildSystem(d: Ast.Declaration): System {
    const base = this.nodeBase(d);
    const spans = base.spans;
    const kind = this.single(d, "kind", SystemKind, spans);
    const system: System = {
      id: base.id,
      name: base.name,
      description: base.description,
      span: base.span,
      spans,
      kind: kind.value,
      clientSide: kind.value ? clientSideKinds.has(kind.value) : false,
      locations: [],
      certified: [],
      stores: [],
      security: [],
    };
    const op = this.props(d, "operator")[0];
    if (op?.type === "operator") {
      spans.operator = op.span;
      if (op.self) {
        if (op.self.text === "self") system.operator = { self: true };
        else this.report("invalid-value", op.self.span, `\`operator\` takes \`self\` or a quoted vendor name, not \`${op.self.text}\``, 'write `operator self` or `operator "Google LLC" as processor`');
      } else if (op.vendor) {
        const role = op.role ? this.enumValue(op.role, OperatorRole, "operator role") : undefined;
        // A role that does not read leaves the operator unread: rules that need the role stay quiet.
        if (!op.role || role) system.operator = { self: false, vendor: op.vendor.value };
        const established = op.in ? this.place(op.in) : undefined;
        if (established && system.operator) system.operator.established = established;
        if (role && system.operator) system.operator.role = role;
        if (op.of && system.operator) {
          const [ref] = this.resolve([op.of], "system");
          if (ref) system.operator.of = ref;
        }
      }
    }
    const located = this.names(d, "located");
    if (located.span) {
      spans.located = located.span;
      if (located.note) system.locatedNote = located.note.value;
      const seen = new Set<string>();
      for (const n of located.names) {
        const place = this.place(n);
        if (place && !seen.has(place.code)) {
          seen.add(place.code);
          system.locations.push(place);
        }
      }
    }
    const certified = this.names(d, "certified");
    if (certified.span) {
      spans.certified = certified.span;
      for (const n of certified.names) {
        const c = this.enumValue(n, Certification, "certification");
        if (c && !system.certified.includes(c)) system.certified.push(c);
      }
    }
    const unnamed = this.string(d, "unnamed", spans);
    if (unnamed !== undefined) system.unnamed = unnamed;
    const contract = this.string(d, "contract", spans);
    if (contract !== undefined) system.contract = contract;
    const security = this.strings(d, "security");
    if (security.span) {
      spans.security = security.span;
      system.security = exact(security.values);
    }
    for (const p of this.props(d, "stores")) {
      if (p.type !== "stores") continue;
      spans.stores ??= p.span;
      const store: Store = { data: this.resolve(p.data, "data"), purposes: this.resolve(p.purposes, "purpose"), span: p.span };
      if (p.retention) {
        const retention = this.retention(p.retention);
        if (retention) store.retention = retention;
      }
      system.stores.push(store);
    }
    system.locations = exact(system.locations);
    system.certified = exact(system.certified);
    system.stores = exact(system.stores);
    this.takeFacts(system, d);
    if (!system.spans.kind) {
      this.report("missing-property", d.name!.span, `system \`${d.name!.text}\` has no \`kind\``, `add \`kind <kind>\`: ${SystemKind.options.join(", ")}`);
    }
    return system;
  }

  private buildFlow(d: Ast.Declaration): Flow | undefined {
    if (!d.from || !d.to || !d.from.text || !d.to.text) return undefined;
    const [from] = this.resolve([d.from], "system");
    const [to] = this.resolve([d.to], "system");
    if (!from || !to) return undefined;
    const spans: Record<string, Span> = { declaration: d.span, to: d.to.span };
    const description = this.string(d, "description", spans);
    const data = this.names(d, "data");
    if (data.span) spans.data = data.span;
    const purposes = this.names(d, "for");
    if (purposes.span) spans.for = purposes.span;
    const encrypted = this.names(d, "encrypted");
    if (encrypted.span) spans.encrypted = encrypted.span;
    const span = spanFromTo(d.from.span, d.to.span);
    const flow: Flow = {
      id: `${from.id}->${to.id}`,
      name: d.title?.value ?? `${from.id} -> ${to.id}`,
      description,
      span,
      spans,
      from,
      to,
      data: this.resolve(data.names, "data"),
      purposes: this.resolve(purposes.names, "purpose"),
      encrypted: exact(encrypted.names.map((n) => this.enumValue(n, Encryption, "encryption")).filter((x): x is NonNullable<typeof x> => !!x)),
      mechanisms: [],
      occasional: this.props(d, "occasional").length > 0,
    };
    const tia = this.string(d, "tia", spans);
    if (tia !== undefined) flow.tia = tia;
    const linked = this.string(d, "linked", spans);
    if (linked !== undefined) flow.linked = linked;
    // Every ground stated, each on its own line; one that does not read leaves the flow's grounds
    // unread (`mechanismUnread`): its error is the finding, the transfer rules stay quiet.
    let unread = false;
    for (const m of this.props(d, "mechanism")) {
      if (m.type !== "mechanism") continue;
      spans.mechanism ??= m.span;
      const mechanism = this.mechanism(m);
      if (mechanism) flow.mechanisms.push(mechanism);
      else unread = true;
    }
    flow.mechanisms = exact(flow.mechanisms);
    if (flow.mechanisms[0] && !unread) flow.mechanism = flow.mechanisms[0];
    if (unread) flow.mechanisms = [];
    const consent = this.consent(d, spans);
    // On a flow, `consent` describes the Art. 49(1)(a) derogation's consent; a mechanism that did not
    // read has its own error already.
    const mechanism = flow.mechanisms.find((x) => x.kind === "derogation" && x.derogation === "a") ?? flow.mechanism;
    if (consent && (mechanism?.kind !== "derogation" || mechanism.derogation !== "a") && !unread) {
      const has = !mechanism ? "states no mechanism" : mechanism.kind === "derogation" ? `rests on Art. 49(1)(${mechanism.derogation})` : `rests on \`${mechanism.kind}\``;
      this.report("invalid-property", consent.span, `\`consent\` on a flow says how the consent of an Art. 49(1)(a) derogation is obtained, but this flow ${has}${mechanism?.kind === "derogation" ? " (did you mean `mechanism derogation a`?)" : ""}`,
        "remove the `consent` line (the consent to the processing itself goes on the purpose), or write `mechanism derogation a` if the transfer rests on consent");
    } else if (consent) {
      flow.consent = consent;
    }
    return flow;
  }

  private mechanism(p: Ast.MechanismProperty): Mechanism | undefined {
    const kind = this.enumValue(p.mechanism, MechanismKind, "transfer mechanism");
    if (!kind) return undefined;
    const out: Mechanism = { kind, note: p.note?.value, span: p.span };
    // A module or point that does not read leaves the mechanism unread: its error is the one finding
    // (the transfer rules stay quiet rather than judge a mechanism nobody wrote).
    if (kind === "scc") {
      if (p.detail) {
        const module = this.enumValue(p.detail, SccModule, "SCC module");
        if (!module) return undefined;
        out.module = module;
      }
    } else if (kind === "derogation") {
      if (!p.detail) {
        this.report("invalid-value", p.mechanism.span, "a derogation names its Art. 49(1) point", `write e.g. \`mechanism derogation a\`; points: ${Derogation.options.join(", ")}`);
        return undefined;
      }
      const letter = this.enumValue(p.detail, Derogation, "Art. 49(1) derogation");
      if (!letter) return undefined;
      out.derogation = letter;
    } else if (p.detail) {
      this.report("invalid-value", p.detail.span, `\`${kind}\` takes no further word; \`${p.detail.text}\` is unexpected${didYouMean(p.detail.text, keywordWords)}`, "only `scc <module>` and `derogation <point>` take one");
    }
    return out;
  }
}
