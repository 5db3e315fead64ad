/** Art. 26: a vendor's code embedded in the organization's pages or apps (an ad tag, a pixel, a
 *  social plugin, an SDK) makes the user's device send data straight to the vendor. The organization
 *  decides that collection with the vendor, so the two are joint controllers of it, whatever the
 *  vendor's terms call them (CJEU C-40/17 Fashion ID). */
import { defineRule } from "../registry.js";
import { linkedFails, linkedHolds } from "../../model/roles.js";
import { paymentProviderAsController } from "../systems.js";

function fixFor(vendor: string, system: string): string {
  return `if the page or app embeds the vendor's code, write \`operator "${vendor}" as joint_controller\` on \`${system}\` and name the arrangement on the organization: \`joint_controller "${vendor}: arrangement of <date>"\`; if users reach the vendor on their own (a link they follow, a profile on its platform), say so on the flow: \`linked "<the policy's words>"\``;
}

defineRule({
  id: "embedded-collection-not-joint", severity: "warning", title: "A vendor collects straight from the user's device as an independent controller",
  article: "GDPR Art. 26, 4(7); CJEU C-40/17 Fashion ID (29 July 2019), paras 64-85; EDPB Guidelines 07/2020 on the concepts of controller and processor in the GDPR (v2.0, 7 July 2021), Part I, section 3 (joint controllers)",
  description: `A flow from the data subject's browser or app (\`kind browser\`, \`mobile_app\` or \`desktop_app\`) straight to a system a vendor runs \`as controller\` is a collection the organization causes: its page or app carries the vendor's code (an ad tag, an analytics pixel, a social plugin, an SDK), and that code makes the device send the data. In Fashion ID the Court of Justice held that a website operator who embeds a plugin that makes the visitor's browser send personal data to the plugin's provider can be a controller, jointly with the provider, of "the collection and disclosure by transmission" of that data, though not of what the provider does with it afterwards (para 85; decided under Directive 95/46, whose definition of controller Art. 4(7) keeps). The EDPB reads joint control the same way where the parties' purposes are closely linked or complementary, or both benefit from the processing (Guidelines 07/2020, Part I, section 3). A vendor's terms that call both parties "independent controllers" do not change who decides.

Joint controllers must set out their respective responsibilities in an arrangement, make its essence available to the data subjects (Art. 26(1)-(2)), and tell them about the collection at the time it happens (Art. 13, for which the embedding organization answers). The record names the joint controller (Art. 30(1)(a)).

The rule reports each such flow once. It stays silent for a vendor declared \`as joint_controller\`, for processors (their collection is the organization's own, under an Art. 28 contract), for public authorities (\`kind authority\`), for a payment provider acting as controller (\`kind payment\`: the person pays through it, and it processes for the payment service it gives them and its own legal duties, not for purposes it decides with the organization; EDPB Guidelines 07/2020), for another user's device (\`peer_device\`), for a network run by another as controller that only carries the traffic (\`kind cdn\`: a conduit, as the user's own ISP is, which decides no purpose with the organization), and for a flow marked \`linked "<policy words>"\`: the data subject reaches the vendor on their own (a link they follow, the organization's profile on a platform), and nothing of the vendor's runs in the organization's pages or apps.`,
  help: fixFor("<vendor>", "<system>"),
  run({ model, relations, report }) {
    for (const flow of model.flows) {
      const from = relations.systems.get(flow.from.id);
      const to = relations.systems.get(flow.to.id);
      // The data subject's own device running the organization's site or app, not another user's.
      if (!from || !to || !from.clientSide || from.kind === "peer_device") continue;
      // `linked`: the user goes there on their own; nothing of the vendor's runs in the organization's pages.
      if (linkedHolds(flow, from, to)) continue;
      const op = to.operator;
      // A payment provider the person pays through decides no purpose with the shop (see the predicate).
      if (!op || op.self || op.role !== "controller" || to.kind === "authority" || paymentProviderAsController(to)) continue;
      // A network that only carries the traffic (`kind cdn` run by another as controller: the networks
      // alternative routing crosses) runs nothing in the page or app and pursues no purpose with the
      // organization: a conduit, like the user's own ISP, not a joint controller.
      if (to.kind === "cdn") continue;
      const purposes = flow.purposes.map((p) => `"${relations.purposes.get(p.id)?.name ?? p.id}"`).join(", ");
      const vendor = op.vendor ?? "its vendor";
      report(flow, "to", `\`${from.id}\` sends data straight to \`${to.id}\`, run by ${vendor} as an independent controller${purposes ? `, for ${purposes}` : ""}: the organization whose page or app causes this collection decides it together with ${vendor}, and is a joint controller of it (Art. 26)`, {
        help: fixFor(op.vendor ?? "<vendor>", to.id),
        related: [{ message: `${vendor} is declared an independent controller here`, span: to.spans.operator ?? to.span }],
      });
    }
  },
});

defineRule({
  id: "linked-not-independent", severity: "warning", title: "A flow marked `linked` is the organization's own disclosure",
  article: "GDPR Art. 4(7), 4(9), 28; EDPB Guidelines 05/2021 on the interplay between Art. 3 and Chapter V (v2.0, 14 February 2023), para 14 and example 1",
  description: `\`linked "<policy words>"\` on a flow says the data subject reaches a third party on their own: they follow a link to a donation platform, or interact with the organization's profile on a social network. That is not a disclosure by the organization, so the flow is no transfer (EDPB Guidelines 05/2021: a data subject disclosing their own data is not an exporter) and no embedded collection (\`embedded-collection-not-joint\`). It holds only for a flow from the data subject's own device (\`kind browser\`, \`mobile_app\` or \`desktop_app\`) to a system an independent controller runs. A flow from one of the organization's systems, or to its processor or its own system, is the organization's processing whatever the policy says, and \`linked\` is ignored there.`,
  help: "remove `linked`: the organization (or its processor) sends or receives this data itself",
  run({ model, relations, report }) {
    for (const flow of model.flows) {
      if (flow.linked === undefined) continue;
      const from = relations.systems.get(flow.from.id);
      const to = relations.systems.get(flow.to.id);
      if (!from || !to) continue;
      const why = linkedFails(from, to);
      if (why) report(flow, "linked", `flow \`${from.id} -> ${to.id}\` is marked \`linked\`, but ${why}; it is read as the organization's own processing`);
    }
  },
});
