/** The organization itself: Art. 30(1)(a) contact details and the Art. 27 representative. */
import { defineRule } from "../registry.js";
import { eeaCountries } from "../../legal/gdpr-transfers.js";
import { countryName } from "../../legal/countries.js";

defineRule({
  id: "representative-missing", severity: "warning", title: "A non-EEA organization names no EU representative",
  article: "GDPR Art. 3(2); Art. 27; Art. 30(1)(a); EDPB Guidelines 3/2018 on territorial scope (12 November 2019)",
  description: "A controller or processor established outside the Union is subject to the GDPR when it offers goods or services to people in the Union or monitors their behaviour there (Art. 3(2)); it must then designate a representative in the Union in writing (Art. 27), and the record names it. Exceptions (occasional, low-risk processing; public authorities) are narrow. The model states the targeting with `targets eea \"<the policy's words>\"` (a named representative implies it). A non-EEA organization that states neither gets this finding, saying that whether the GDPR applies to it is not stated: one finding, because the representative is owed exactly when it applies.",
  help: 'add `representative "<name, address, email>"` to the organization (and `targets eea "<the policy\'s words>"` to record why the GDPR applies)',
  run({ model, report }) {
    const org = model.organization;
    if (!org || model.regime !== "gdpr" || org.representative !== undefined) return;
    const c = org.country?.code;
    if (!c || countryName(c) === c || eeaCountries.has(c)) return;
    const where = `${org.name} is established in ${countryName(c)}, outside the EEA`;
    if (org.targets) {
      report(org, "targets", `${where}, and targets people in the EEA (Art. 3(2)), but names no EU representative (Art. 27)`);
    } else {
      report(org, "country", `${where}, and names no EU representative; the model does not say whether it offers its services to, or monitors, people in the EEA (Art. 3(2)), so whether the GDPR applies to it is not stated`, {
        help: 'if it targets people in the EEA, add `targets eea "<the policy\'s words>"` and `representative "<name, address, email>"`',
      });
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
