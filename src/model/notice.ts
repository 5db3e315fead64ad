/** Whether a model is read from a published privacy notice (`describes notice` in its header), not
 *  kept as the organization's record: a notice never shows internal documents (a TIA, an LIA, a DPIA,
 *  the measures per system), so rules report their absence there as info. */
import type { Model } from "./model.js";

export function readFromNotice(model: Pick<Model, "describes">): boolean {
  return model.describes === "notice";
}
