/** Where a system sits on the map: one container per country, per exact set of countries,
 *  for unknown places, and one for the data subjects' own devices. */
import { adequacyFor, zoneOf } from "../legal/gdpr-transfers.js";
import { countryName } from "../legal/countries.js";
import type { Transfer } from "../check/transfers.js";
import type { System } from "../model/model.js";
import { isUnknownPlace } from "../model/vocabulary.js";
import { zoneOrder, type ZoneStyleKey } from "./style.js";

export interface MapPlace {
  /** Stable key, also the base of the container's id. */
  key: string;
  /** ISO 3166 alpha-2 code when the place is one country. */
  country?: string;
  zone: ZoneStyleKey;
  title: string;
  detail: string;
}

const devices: MapPlace = { key: "devices", zone: "devices", title: "Data subjects' devices", detail: "browsers, apps, peers: not a transfer" };
const unstated: MapPlace = { key: "unspecified", zone: "unknown", title: "Location not stated", detail: "unknown: the model gives no country" };
const global: MapPlace = { key: "global", zone: "unknown", title: "Anywhere / global", detail: "unknown: any country may receive data" };
const abroad: MapPlace = { key: "abroad", zone: "unknown", title: "Outside the EEA, country not named", detail: "unknown: the policy says the data may leave the EEA" };

export function placeOf(system: System): MapPlace {
  if (system.clientSide) return devices;
  const codes = [...new Set(system.locations.map((l) => l.code))].sort();
  if (!codes.length || (codes.length === 1 && codes[0] === "unspecified")) return unstated;
  if (codes.length === 1 && codes[0] === "abroad") return abroad;
  if (codes.length === 1 && isUnknownPlace(codes[0]!)) return global;
  if (codes.length === 1) return countryPlace(codes[0]!);
  return severalPlace(codes);
}

function countryPlace(code: string): MapPlace {
  const zone = zoneOf(code);
  return { key: code, ...(/^[A-Z]{2}$/.test(code) && { country: code }), zone, title: `${countryName(code)} (${code})`, detail: zoneDetail(code) };
}

/** A system in several countries gets a container for exactly that set, tinted by its least protected member. */
function severalPlace(codes: string[]): MapPlace {
  const zones = codes.map((c) => (isUnknownPlace(c) ? "unknown" : zoneOf(c)));
  const zone = zones.reduce<ZoneStyleKey>((worst, z) => (zoneOrder.indexOf(z) > zoneOrder.indexOf(worst) ? z : worst), "eea");
  const names = codes.map((c) => (isUnknownPlace(c) ? c : countryName(c))).join(", ");
  return { key: `multi-${codes.join("-")}`, zone, title: `Several countries: ${codes.join(", ")}`, detail: `${names}; least protected: ${zoneWord(zone)}` };
}

function zoneWord(zone: ZoneStyleKey): string {
  return { devices: "device", eea: "EEA", adequate: "adequate country", partial: "adequate for some recipients", third: "third country", unknown: "unknown country" }[zone];
}

function zoneDetail(code: string): string {
  const zone = zoneOf(code);
  if (zone === "eea") return "EEA: no transfer rules apply";
  if (zone === "third") return "third country: no adequacy decision";
  const decision = adequacyFor(code);
  if (decision?.scope === "certified") return `adequacy for ${decision.requires?.toUpperCase() ?? "certified"}-certified recipients only`;
  if (decision?.scope === "partial") return `partial adequacy: ${decision.note}`;
  return "adequacy decision";
}

/** A place as its transfers find it. A country whose adequacy covers only some recipients (the US:
 *  DPF-certified ones; Canada, Japan: part of their organisations) is styled apart from full
 *  adequacy, and only when every transfer into the box rests on that adequacy. No adequate box is
 *  styled adequate while a transfer into it is not covered: it is then a third country for what
 *  it holds, with the reason in its caption. */
export function coveredPlace(place: MapPlace, members: System[], transfers: Transfer[]): MapPlace {
  if (place.zone !== "adequate") return place;
  const ids = new Set(members.map((s) => s.id));
  const into = transfers.filter((t) => ids.has(t.to)).flatMap((t) => t.destinations.filter((d) => d.place === place.key));
  const whole = adequacyFor(place.key)?.scope === "whole";
  const uncovered = into.filter((d) => d.verdict !== "adequacy");
  if (whole && !uncovered.some((d) => d.verdict === "not-covered")) return place;
  if (!whole && into.length > 0 && !uncovered.length) return { ...place, zone: "partial" };
  const reason = whole ? "a transfer into it is not covered" : into.length ? "the recipients here are not covered by it" : "no transfer here rests on it";
  return { ...place, zone: "third", detail: `${place.detail}; ${reason}` };
}
