/** What every column derivation needs, computed once per register. */
import type { CheckResult } from "../check/index.js";
import type { Transfer } from "../check/transfers.js";
import type { Flow, Model, Purpose, System } from "../model/model.js";
import { relationsOf, type Relations } from "../model/relations.js";
import { DeclarationIndex } from "./findings.js";

export interface RegisterContext {
  result: CheckResult;
  model: Model;
  relations: Relations;
  transfersByFlow: Map<string, Transfer>;
  declarations: DeclarationIndex;
}

export function contextOf(result: CheckResult): RegisterContext {
  return {
    result,
    model: result.model,
    relations: relationsOf(result.model),
    transfersByFlow: new Map(result.transfers.map((t) => [t.flow, t])),
    declarations: new DeclarationIndex({ model: result.model }),
  };
}

export function flowsOf(ctx: RegisterContext, purpose: Purpose): Flow[] {
  return ctx.relations.flowsByPurpose.get(purpose.id) ?? [];
}

export function transfersOf(ctx: RegisterContext, purpose: Purpose): { flow: Flow; transfer: Transfer }[] {
  return flowsOf(ctx, purpose).flatMap((flow) => {
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
