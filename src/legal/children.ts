/** GDPR Art. 8(1): where consent (Art. 6(1)(a)) is relied on for an information society service
 *  offered directly to a child, the child may consent alone from 16; below that age consent must be
 *  given or authorised by the holder of parental responsibility. Member States may lower the age by
 *  law, to no less than 13. This table holds the age each EEA state set, the national provision and
 *  where it was confirmed. A state not in the table is unknown here (not checked, or not confirmed):
 *  the rules then speak of the GDPR's default 16 and say that national law may lower it. */
export const childConsentAsOf = "2026-12-01";

/** The GDPR's own age, where national law sets no other. */
export const gdprChildConsentAge = 16;
/** The lowest age national law may set (Art. 8(1), second subparagraph). */
export const lowestChildConsentAge = 13;

export interface ChildConsentAge {
  years: number;
  /** The national provision, or the act that sets no lower age (then `years` is the GDPR's 16). */
  provision: string;
  /** Where it was confirmed: the act, the supervisory authority, or a published survey of it. */
  source: string;
  /** A bill to change the age that was before parliament when checked, not confirmed enacted. */
  pending?: string;
}

/** The European Commission's survey of Art. 8 ages in its two-year review of the GDPR (SWD(2020) 115
 *  final, p. 17): the second source for every EU state it lists. */
const commissionSurvey = "European Commission, SWD(2020) 115 final, p. 17 (table reproduced at https://blog.kuan0.com/2020/06/)";
const birdTracker = "https://www.twobirds.com/en/in-focus/general-data-protection-regulation/gdpr-tracker/children";

/** By ISO country code. Not in the table (unconfirmed when checked): IS, LI, SI. */
export const childConsentAges: Readonly<Record<string, ChildConsentAge>> = {
  AT: { years: 14, provision: "Datenschutzgesetz (DSG) § 4(4)", source: `${birdTracker}; ${commissionSurvey}` },
  BE: { years: 13, provision: "Law of 30 July 2018 on the protection of natural persons with regard to the processing of personal data", source: `${birdTracker}; ${commissionSurvey}` },
  BG: { years: 14, provision: "Personal Data Protection Act (ЗЗЛД), Art. 25c", source: `https://gdprhub.eu/index.php?title=Data_Protection_in_Bulgaria; ${commissionSurvey}` },
  CY: { years: 14, provision: "Law 125(I)/2018, s. 8", source: "http://www.cylaw.org/nomoi/enop/ind/2018_1_125/ (s. 8)" },
  CZ: { years: 15, provision: "Act No. 110/2019 Coll. on the processing of personal data, § 7", source: `${birdTracker}; ${commissionSurvey}` },
  DE: { years: 16, provision: "no lower age set in German law", source: `${birdTracker}; ${commissionSurvey}` },
  DK: { years: 13, provision: "Databeskyttelsesloven (Danish Data Protection Act), § 6", source: `${birdTracker}; ${commissionSurvey}` },
  EE: { years: 13, provision: "Isikuandmete kaitse seadus (Personal Data Protection Act), § 8(1)", source: "Andmekaitse Inspektsioon, answer 2.2-9/25/645-2 of 12 March 2025 (https://www.aki.ee); " + commissionSurvey },
  ES: {
    years: 14, provision: "Ley Orgánica 3/2018 (LOPDGDD), art. 7", source: `https://www.lexology.com/library/detail.aspx?g=d14d0e18-3a5e-4bdf-89b7-e09b465b592f; ${commissionSurvey}`,
    pending: "the Proyecto de Ley Orgánica para la protección de las personas menores de edad en los entornos digitales (BOCG-15-A-52-1, 11 April 2025) would raise it to 16",
  },
  FI: { years: 13, provision: "Tietosuojalaki (Data Protection Act 1050/2018)", source: `${birdTracker}; ${commissionSurvey}` },
  FR: { years: 15, provision: "Loi n° 78-17 Informatique et Libertés, art. 45", source: `https://rapport-congresdesnotaires.fr/2021-rapport-du-117e-congres/le-role-des-titulaires-de-lautorite-parentale; ${birdTracker}` },
  GR: { years: 15, provision: "Law 4624/2019, art. 21", source: `https://www.activemind.legal/law/gr-legal-basis/; ${commissionSurvey}` },
  HR: { years: 16, provision: "Act on the Implementation of the GDPR (NN 42/2018), art. 19", source: `https://www.alstongdprtracker.com/croatia-2/; ${commissionSurvey}` },
  HU: { years: 16, provision: "no lower age set in Hungarian law", source: `${birdTracker}; ${commissionSurvey}` },
  IE: { years: 16, provision: "Data Protection Act 2018, s. 31(1)", source: "https://www.oireachtas.ie/en/debates/question/2022-04-05/592/" },
  IT: { years: 14, provision: "Codice in materia di protezione dei dati personali (D.Lgs. 196/2003), art. 2-quinquies", source: `https://privacy.it/2018/09/19/lo-sapevi-che-8/; ${commissionSurvey}` },
  LT: { years: 14, provision: "Law on Legal Protection of Personal Data", source: commissionSurvey },
  LU: { years: 16, provision: "no lower age set in Luxembourg law", source: commissionSurvey },
  LV: { years: 13, provision: "Personal Data Processing Law, s. 33", source: `https://docs.distantrace.com/en/books/how-to-use-distantrace/page/why-cant-children-under-13-years-old-register; ${commissionSurvey}` },
  MT: { years: 13, provision: "Data Protection Act (Cap. 586) and its subsidiary legislation", source: commissionSurvey },
  NL: { years: 16, provision: "no lower age set in the Uitvoeringswet AVG", source: `${birdTracker}; ${commissionSurvey}` },
  NO: {
    years: 13, provision: "Personopplysningsloven § 5", source: "https://www.barnevakten.no/ny-personvernlov-til-barnas-beste/ (Datatilsynet)",
    pending: "a 2025 consultation of the Ministry of Justice proposed raising it to 15",
  },
  PL: { years: 16, provision: "no lower age set in Polish law", source: `https://uodo.gov.pl/en/680/1395; ${commissionSurvey}` },
  PT: {
    years: 13, provision: "Lei n.º 58/2019, art. 16", source: `https://eduprofs.blogspot.com/2026/02/projeto-de-lei-que-estabelece-medidas.html; ${commissionSurvey}`,
    pending: "Projeto de Lei n.º 398/XVII (approved in principle on 12 February 2026) would raise it to 16",
  },
  RO: { years: 16, provision: "no lower age set in Romanian law", source: commissionSurvey },
  SE: { years: 13, provision: "Lag (2018:218) med kompletterande bestämmelser till EU:s dataskyddsförordning", source: `${birdTracker}; ${commissionSurvey}` },
  SK: { years: 16, provision: "Act No. 18/2018 Coll. on personal data protection", source: `${birdTracker}; ${commissionSurvey}` },
};

export function childConsentAge(country: string | undefined): ChildConsentAge | undefined {
  return country ? childConsentAges[country] : undefined;
}
