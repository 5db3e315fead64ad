/** The organization itself: Art. 30(1)(a) contact details and the Art. 27 representative. */
import { defineRule } from "../registry.js";
import { eeaCountries } from "../../legal/gdpr-transfers.js";
import { countryName } from "../../legal/countries.js";

defineRule({
  id: "representative-missing", severity: "warning", title: "A non-EEA organization names no EU representative",
  article: "GDPR Art. 27; Art. 30(1)(a)",
  description: "A controller or processor established outside the Union that offers services to people in the Union must designate a representative in the Union in writing (Art. 27), and the record names it. Exceptions (occasional, low-risk processing; public authorities) are narrow.",
  help: 'add `representative "<name, address, email>"` to the organization',
  run({ model, report }) {
    const org = model.organization;
    if (!org || model.regime !== "gdpr" || org.representative !== undefined) return;
    const c = org.country?.code;
    if (c && countryName(c) !== c && !eeaCountries.has(c)) {
      report(org, "country", `${org.name} is established in ${countryName(c)}, outside the EEA, and names no EU representative`);
    }
  },
});

defineRule({
  id: "controller-contact-missing", severity: "warning", title: "The organization's identity or contact details are incomplete",
  article: "GDPR Art. 30(1)(a); Art. 13(1)(a); Art. 27",
  description: "The record and the privacy notice give the controller's name and contact details, and where it is established. An organization with no `contact` or no `country` leaves those fields empty. Without a country, whether an organization established outside the Union must name an EU representative (Art. 27, `representative-missing`) cannot be decided either, and the finding says so.",
  help: 'add `contact "<email or address>"` and `country <CC>`',
  run({ model, report }) {
    const org = model.organization;
    if (!org) return;
    const missing = [org.contact === undefined && "contact", !org.spans.country && "country", !org.spans.role && "role"].filter(Boolean);
    // Without a country, `representative-missing` cannot tell whether Art. 27 applies: say so here.
    const art27 = !org.spans.country && org.representative === undefined && model.regime === "gdpr"
      ? "; without a country, whether it must name an EU representative (Art. 27) cannot be told"
      : "";
    if (missing.length) report(org, undefined, `organization \`${org.id}\` gives no ${missing.join(", ")}${art27}`);
  },
});
