/** ePrivacy Directive 2002/58/EC, Art. 5(3) (as amended by Directive 2009/136/EC): storing
 *  information on, or reading it from, a user's terminal equipment needs prior consent, unless it is
 *  strictly necessary for a service the user explicitly requested. Member States transpose it in
 *  their own laws; the table names the provision for the countries checked. A country not in the
 *  table is unknown here, and the finding names only the Directive. */
export const eprivacyAsOf = "2026-12-01";

export const eprivacyDirective = {
  name: "Directive 2002/58/EC (ePrivacy), Art. 5(3)",
  source: "https://eur-lex.europa.eu/eli/dir/2002/58/oj",
};

/** Transposing provisions, by ISO country code. Each with where it is published. */
export const eprivacyTransposition: Readonly<Record<string, { provision: string; source: string }>> = {
  DE: { provision: "TDDDG § 25", source: "https://www.gesetze-im-internet.de/ttdsg/__25.html" },
  NL: { provision: "Telecommunicatiewet art. 11.7a", source: "https://wetten.overheid.nl/BWBR0009950" },
  FR: { provision: "Loi n° 78-17 Informatique et Libertés, art. 82", source: "https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000037813978" },
  IT: { provision: "Codice in materia di protezione dei dati personali (D.Lgs. 196/2003), art. 122", source: "https://www.garanteprivacy.it/codice" },
  ES: { provision: "Ley 34/2002 (LSSI), art. 22.2", source: "https://www.boe.es/buscar/act.php?id=BOE-A-2002-13758" },
  IE: { provision: "S.I. No. 336/2011, Regulation 5(3)", source: "https://www.irishstatutebook.ie/eli/2011/si/336/made/en/print" },
  HU: { provision: "2003. évi C. törvény (Eht.) 155. § (4)", source: "https://net.jogtar.hu/jogszabaly?docid=a0300100.tv" },
  AT: { provision: "TKG 2021 § 165(3)", source: "https://www.ris.bka.gv.at/GeltendeFassung.wxe?Abfrage=Bundesnormen&Gesetzesnummer=20011678" },
};

export function eprivacyProvision(country: string | undefined): string {
  const national = country ? eprivacyTransposition[country] : undefined;
  return national ? `${national.provision}, transposing ePrivacy Art. 5(3)` : eprivacyDirective.name;
}
