/** What every column derivation needs, computed once per register. */
import type { CheckResult } from "../check/index.js";
import type { Transfer } from "../check/transfers.js";
import type { Flow, Model, Purpose, System } from "../model/model.js";
import { relationsOf, type Relations } from "../model/relations.js";
import { DeclarationIndex } from "./findings.js";
import type { RegisterTemplate } from "./table.js";

export interface RegisterContext {
  result: CheckResult;
  model: Model;
  template: RegisterTemplate;
  relations: Relations;
  transfersByFlow: Map<string, Transfer>;
  declarations: DeclarationIndex;
  /** Per purpose: the flows that bring its data to where it is used (see `carryingFlowsOf`). */
  carrying: Map<string, Flow[]>;
  /** The reverse of `carrying`, built on first use. */
  carriedFor?: Map<Flow, string[]>;
}

export function contextOf(result: CheckResult, template: RegisterTemplate = "ico"): RegisterContext {
  return {
    result,
    model: result.model,
    template,
    relations: relationsOf(result.model),
    transfersByFlow: new Map(result.transfers.map((t) => [t.flow, t])),
    declarations: new DeclarationIndex({ model: result.model }),
    carrying: new Map(),
  };
}

export function flowsOf(ctx: RegisterContext, purpose: Purpose): Flow[] {
  return ctx.relations.flowsByPurpose.get(purpose.id) ?? [];
}

/** The flows that bring a purpose's data into the systems the purpose uses, in model order: its own flows, and
 *  the flows of any other purpose that deliver the same data categories to one of its systems. A CDN in front of
 *  the servers is declared `for traffic`, but the data of every purpose served behind it crosses it: the register
 *  must not list the CDN's country under "Location of personal data" and leave it out of the transfers. */
export function carryingFlowsOf(ctx: RegisterContext, purpose: Purpose): Flow[] {
  const cached = ctx.carrying.get(purpose.id);
  if (cached) return cached;
  const own = flowsOf(ctx, purpose);
  const dataIds = new Set(purpose.data.map((r) => r.id));
  const found = new Set<Flow>(own);
  for (const system of systemsOf(ctx, purpose)) {
    for (const f of ctx.relations.flowsInto.get(system.id) ?? []) {
      if (!found.has(f) && f.data.some((r) => dataIds.has(r.id))) found.add(f);
    }
  }
  const flows = found.size === own.length ? own : ctx.model.flows.filter((f) => found.has(f));
  ctx.carrying.set(purpose.id, flows);
  return flows;
}

/** Ids of the purposes whose data the flow carries (`carryingFlowsOf`), in model order. */
export function purposesCarriedBy(ctx: RegisterContext, flow: Flow): string[] {
  if (!ctx.carriedFor) {
    const map = new Map<Flow, string[]>();
    for (const p of ctx.model.purposes) {
      for (const f of carryingFlowsOf(ctx, p)) {
        const list = map.get(f);
        if (list) list.push(p.id);
        else map.set(f, [p.id]);
      }
    }
    ctx.carriedFor = map;
  }
  return ctx.carriedFor.get(flow) ?? [];
}

/** The transfers the purpose's data undergoes: those of `carryingFlowsOf`. */
export function transfersOf(ctx: RegisterContext, purpose: Purpose): { flow: Flow; transfer: Transfer }[] {
  return carryingFlowsOf(ctx, purpose).flatMap((flow) => {
    const transfer = ctx.transfersByFlow.get(flow.id);
    return transfer ? [{ flow, transfer }] : [];
  });
}

export function systemsOf(ctx: RegisterContext, purpose: Purpose): System[] {
  return ctx.relations.systemsOfPurpose(purpose.id);
}

export function systemName(ctx: RegisterContext, id: string): string {
  return ctx.relations.systems.get(id)?.name ?? id;
}

/** Systems on the organization's side of the wire (not the data subject's devices). */
export function serverSide(systems: System[]): System[] {
  return systems.filter((s) => !s.clientSide);
}
