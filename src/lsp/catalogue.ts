/** Where a vendor catalogue plugs in: completion of catalogue ids (after `from` in a system's
 *  header) and a hover with the vendor's facts and their date. No catalogue module exists in
 *  src/ yet, so the server runs without one (`noCatalogue`); wiring one is this interface. */
import type { CompletionItem } from "vscode-languageserver";

export interface Catalogue {
  /** Every catalogue id, with the vendor's name as the detail. */
  completions(): CompletionItem[];
  /** Markdown for a catalogue id (facts and their date), or undefined for an unknown id. */
  hover(id: string): string | undefined;
}

export const noCatalogue: Catalogue | undefined = undefined;
