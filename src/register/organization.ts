/** Art. 30(1)(a) / 30(2)(a): who keeps the record, with their contact details. */
import { countryName } from "../legal/countries.js";
import { eeaCountries } from "../legal/gdpr-transfers.js";
import type { Model, Organization, Purpose } from "../model/model.js";
import { systemsOf, type RegisterContext } from "./context.js";
import { vendorAndSystem } from "./recipients.js";
import { joinList, NOT_SPECIFIED } from "./table.js";

export function placeName(code: string): string {
  if (code === "anywhere" || code === "global") return `${code} (unknown countries)`;
  if (code === "abroad") return "outside the EEA (countries not named)";
  if (code === "unspecified") return NOT_SPECIFIED;
  return `${countryName(code)} (${code})`;
}

/** "CieloWeb; established in Netherlands (NL); contact: not specified; address: not specified". */
export function organizationCell(org: Organization | undefined): string {
  if (!org) return NOT_SPECIFIED;
  // One entity's details: on one line, unlike the one-per-line lists of other cells.
  return ([
    org.name,
    org.country ? `established in ${placeName(org.country.code)}` : `country of establishment ${NOT_SPECIFIED}`,
    // Why the GDPR reaches an organization established elsewhere (Art. 3(2)), when the model says.
    ...(org.targets ? [`subject to the GDPR under Art. 3(2): offers its services to, or monitors, people in the EEA${org.targets.note ? ` ("${org.targets.note}")` : ""}`] : []),
    `contact: ${org.contact ?? NOT_SPECIFIED}`,
    `address: ${org.address ?? NOT_SPECIFIED}`,
  ]).join("; ");
}

/** The organization's declared joint controllers, then vendors running the purpose's systems as joint controllers. */
export function jointControllersCell(ctx: RegisterContext, purpose: Purpose): string {
  const vendors = systemsOf(ctx, purpose)
    .filter((s) => s.operator?.role === "joint_controller")
    .map(vendorAndSystem);
  return joinList([...(ctx.model.organization?.jointControllers ?? []), ...vendors], "none declared");
}

/** Art. 27: needed only when the organization is established outside the EEA. */
export function representativeCell(model: Model): string {
  const org = model.organization;
  if (org?.representatives) return joinList(org.representatives, NOT_SPECIFIED);
  if (org?.representative !== undefined) return org.representative;
  if (org?.representativeNone) return noneStated("none designated", org.representativeNone.reason);
  const code = org?.country?.code;
  if (code && eeaCountries.has(code)) return "not applicable (established in the EEA)";
  return NOT_SPECIFIED;
}

export function dpoCell(model: Model): string {
  const org = model.organization;
  if (org?.dpo !== undefined) return org.dpo;
  if (org?.dpoNone) return noneStated("none designated", org.dpoNone.reason);
  return NOT_SPECIFIED;
}

/** `dpo none "reason"`: said, with the policy's reason. */
function noneStated(what: string, reason: string | undefined): string {
  return reason ? `${what} (${reason})` : what;
}
