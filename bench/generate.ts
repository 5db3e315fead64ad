/** A seeded generator of realistic .flow models: flows mostly between neighbouring systems,
 *  some cross-border with mechanisms, a share of them deliberately wrong so the checker works. */

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const countries = ["NL", "DE", "FR", "IE", "SE", "PL", "ES", "IT", "US", "US", "CH", "GB", "IN", "JP", "SG", "CA"];
const dataKinds = ["contact", "identity", "identifiers", "usage", "device", "location", "financial", "content", "online_identifiers"];
const systemKinds = ["server", "database", "logs", "saas", "analytics", "email", "storage", "cdn"];
const mechanisms = ["scc c2p", "dpf", "adequacy", "bcr", "scc c2c", ""];

export interface GeneratedModel {
  text: string;
  systems: number;
  flows: number;
}

export function generateModel(systems: number, seed = 42): GeneratedModel {
  const rand = mulberry32(seed * 7919 + systems);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const nData = Math.max(6, Math.round(systems / 8));
  const nPurposes = Math.max(3, Math.round(systems / 15));
  const out: string[] = [];
  out.push(`model "Generated ${systems}" {\n  regime gdpr\n  updated "2026-11-01"\n}\n`);
  out.push(`organization acme "Acme ${systems} B.V." {\n  role controller\n  country NL\n  contact "privacy@acme.example"\n}\n`);
  out.push('subject customer "Customers"\nsubject staff "Staff"\n');
  for (let i = 0; i < nData; i++) out.push(`data d${i} "Data category ${i}" { kind ${pick(dataKinds)} }`);
  out.push("");
  const purposeData: number[][] = [];
  for (let p = 0; p < nPurposes; p++) {
    const data = [...new Set(Array.from({ length: 3 + Math.floor(rand() * 4) }, () => Math.floor(rand() * nData)))].sort((a, b) => a - b);
    purposeData.push(data);
    const basis = pick(["contract", "consent", "legitimate_interests", "legal_obligation"]);
    const retention = rand() < 0.8 ? `${1 + Math.floor(rand() * 36)} months` : "unspecified";
    out.push(`purpose p${p} "Purpose ${p}" {\n  basis ${basis}\n  subjects ${rand() < 0.7 ? "customer" : "staff"}\n  data ${data.map((d) => `d${d}`).join(", ")}\n  retention ${retention}\n}\n`);
  }
  out.push('system web "Customer browser" { kind browser }\n');
  const location: string[] = [];
  for (let s = 0; s < systems; s++) {
    const country = rand() < 0.7 ? pick(countries.slice(0, 8)) : pick(countries);
    location.push(country);
    const vendor = rand() < 0.4;
    const p = s % nPurposes;
    const stored = purposeData[p]!.slice(0, 2).map((d) => `d${d}`).join(", ");
    const lines = [
      `  kind ${pick(systemKinds)}`,
      vendor ? `  operator "Vendor ${s} Inc." as processor` : "  operator self",
      `  located ${country}`,
      ...(vendor && country === "US" && rand() < 0.6 ? ["  certified dpf"] : []),
      ...(vendor && rand() < 0.7 ? [`  contract "DPA ${s}"`] : []),
      ...(rand() < 0.5 ? [`  stores ${stored} for p${p} retention ${1 + Math.floor(rand() * 24)} months`] : []),
      ...(rand() < 0.7 ? ['  security "TLS", "encryption at rest"'] : []),
    ];
    out.push(`system s${s} "System ${s}" {\n${lines.join("\n")}\n}\n`);
  }
  let flows = 0;
  const flow = (from: string, to: string, p: number, crossBorder: boolean) => {
    const data = purposeData[p]!.slice(0, 1 + Math.floor(rand() * 3)).map((d) => `d${d}`).join(", ");
    const mech = crossBorder ? pick(mechanisms) : "";
    out.push(`flow ${from} -> ${to} {\n  data ${data}\n  for p${p}${mech ? `\n  mechanism ${mech}` : ""}\n}\n`);
    flows++;
  };
  for (let s = 0; s < systems; s++) {
    const p = s % nPurposes;
    if (s % 10 === 0) flow("web", `s${s}`, p, false);
    const next = s + 1 + Math.floor(rand() * 3);
    if (next < systems) flow(`s${s}`, `s${next}`, p, location[s] !== location[next]);
    if (rand() < 0.05) {
      const far = Math.floor(rand() * systems);
      if (far !== s) flow(`s${s}`, `s${far}`, p, location[s] !== location[far]);
    }
  }
  return { text: out.join("\n"), systems, flows };
}

/** A model of about `bytes` characters. */
export function generateModelOfSize(bytes: number, seed = 42): GeneratedModel {
  let n = Math.max(10, Math.round(bytes / 260));
  let m = generateModel(n, seed);
  n = Math.max(10, Math.round((n * bytes) / m.text.length));
  m = generateModel(n, seed);
  return m;
}
