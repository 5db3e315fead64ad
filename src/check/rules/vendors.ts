/** Processors and systems: contracts (Art. 28), security (Art. 32), where and by whom data is held. */
import { defineRule } from "../registry.js";

defineRule({
  id: "processor-without-contract", severity: "warning", title: "A processor has no Art. 28 contract reference",
  article: "GDPR Art. 28(3); Art. 30(1)(d)",
  description: "Processing by a processor or sub-processor must be governed by a contract with the content Art. 28(3) lists. The record links to it (the ICO template's \"link to contract with processor\").",
  help: 'add `contract "<DPA name, date or URL>"` to the system',
  run({ model, report }) {
    for (const s of model.systems) {
      const role = s.operator?.role;
      if (s.operator && !s.operator.self && (role === "processor" || role === "subprocessor") && s.contract === undefined) {
        report(s, "operator", `${role} ${s.operator.vendor} (system \`${s.id}\`) has no contract reference`);
      }
    }
  },
});

defineRule({
  id: "storage-without-security", severity: "warning", title: "A system stores personal data with no security measures stated",
  article: "GDPR Art. 32(1); Art. 30(1)(g)",
  description: "The record gives a general description of the technical and organisational measures protecting the data (encryption, access control, logging, backups). A server-side system that stores personal data with no `security` line leaves that column empty. (The data subject's own devices are not the organization's to secure.)",
  help: 'add `security "encryption at rest", "access control", ...`',
  run({ model, report }) {
    for (const s of model.systems) {
      if (!s.clientSide && s.stores.length && s.security.length === 0) report(s, "stores", `system \`${s.id}\` stores personal data but states no security measures`);
    }
  },
});

defineRule({
  id: "location-unspecified", severity: "warning", title: "A system's location is unknown",
  article: "GDPR Art. 30(1)(e); Art. 13(1)(f); Art. 44",
  description: "Transfers are computed from where systems are. A server-side system with no `located`, or `located unspecified`, hides whether its data leaves the EEA.",
  help: "add `located <country codes>` (or `anywhere` / `global` for networks without a fixed location)",
  run({ model, report }) {
    for (const s of model.systems) {
      if (s.clientSide) continue;
      if (s.locations.length === 0 && !s.spans.located) report(s, undefined, `system \`${s.id}\` has no location`);
      else if (s.locations.some((l) => l.code === "unspecified")) report(s, "located", `system \`${s.id}\` is located somewhere unspecified`);
    }
  },
});

defineRule({
  id: "operator-unspecified", severity: "warning", title: "Nobody is said to run a system",
  article: "GDPR Art. 28; Art. 30(1)(d)",
  description: "Recipients are derived from who runs each system: the organization itself (`operator self`) or a named vendor in a role (processor, sub-processor, independent or joint controller).",
  help: 'add `operator self` or `operator "Vendor Inc." as processor`',
  run({ model, report }) {
    for (const s of model.systems) {
      if (!s.clientSide && !s.operator && !s.spans.operator) report(s, undefined, `system \`${s.id}\` has no operator`);
      else if (s.operator && !s.operator.self && !s.operator.role) report(s, "operator", `vendor ${s.operator.vendor} (system \`${s.id}\`) has no role`, { help: "add `as processor`, `as subprocessor`, `as controller` or `as joint_controller`" });
    }
  },
});
