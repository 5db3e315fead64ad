/** The shared corpus of hostile strings: every output format is tested against all of them
 *  (test/hostile.test.ts). Each is user text that a naive output would turn into markup, a link,
 *  an image, a formula, a terminal escape sequence or reordered text. */

export const hostileCorpus: Record<string, string> = {
  script: "<script>alert(1)</script>",
  endText: "</text></svg><script>alert(2)</script>",
  markup: `Tom & "Jerry" 'Co' <b>bold</b> ]]> <!-- c --> &amp; &#x202E;`,
  attribute: `x" onload="alert(3)`,
  mdLink: "[click me](javascript:alert(4))",
  mdImage: "![pixel](http://evil.example/pixel.png)",
  mdReference: "[ref]: http://evil.example/ref",
  autolink: "<http://evil.example/auto> <mailto:x@evil.example>",
  bareUrls: "see https://evil.example/x, ftp://evil.example and www.evil.example now",
  html: `<img src=x onerror="alert(5)"> <a href="http://evil.example">x</a> <iframe src="//evil.example">`,
  lineStart: "# Heading\n- item\n> quote\n1. one\n---\n| a | b |",
  backticks: "`code` ``x`` ```fence```",
  pipes: "a | b \\| c \\\\| d",
  emphasis: "*bold* **strong** _it_ __it__ ~~gone~~ snake_case",
  formulaEquals: "=HYPERLINK(\"http://evil.example\",\"x\")",
  formulaPlus: "+1+cmd|' /C calc'!A0",
  formulaMinus: "-2+3",
  formulaAt: "@SUM(A1:A2)",
  formulaTab: "\t=1+1",
  formulaSpace: " =1+1",
  formulaNbsp: "\u00a0=1+1",
  formulaQuote: "'=1+1",
  formulaDoubleQuote: "\"=1+1",
  formulaIdeographicSpace: "\u3000+1",
  fullWidthEquals: "＝1+1",
  fullWidthPlus: "＋1",
  fullWidthMinus: "－1",
  fullWidthAt: "＠SUM(A1)",
  controls: "bell\u0007 nul\u0000 bs\u0008 vt\u000b ff\u000c del\u007f c1\u0085 csi\u009b31m",
  ansi: "\u001b[31mred\u001b[0m \u001b]0;title\u0007 \u001b[2J",
  bidi: "admin\u202e\u2066 // check \u2069\u2066if (x)\u2069 \u202a\u202b\u202c\u202d\u2067\u2068",
  invisible: "zero\u200bwidth\u2060join\ufeffbom\u2028line\u2029para\u{e0041}tag",
  jsUrl: "javascript:alert(document.cookie)",
  dataUrl: "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  longWord: "W".repeat(100_000),
};

/** Hostile file names (a finding's path reaches every format). */
export const hostileFiles: string[] = [
  "mod\u001b[31mels/x\u001b[0m.flow",
  "a\u202eb.wolf.flow",
  "dir,with:colon/100%.flow",
  "line\nbreak.flow",
];

/** The characters no output may carry raw (tab, LF and CR excepted, which each test allows as its
 *  format does): C0 and C1 controls, DEL, bidi embeddings/overrides/isolates, invisible format
 *  characters, tag characters. Written independently of src/util/visible.ts. */
export const rawHostile = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff\u2028\u2029]|\udb40[\udc00-\udc7f]/;

/** A .flow string literal holding `text` (CR cannot be written in one; it becomes a space). */
export function flowString(text: string): string {
  return `"${text.replace(/[\\"]/g, "\\$&").replace(/\n/g, "\\n").replace(/\t/g, "\\t").replace(/\r/g, " ")}"`;
}

/** A model whose every title, vendor, security measure and quoted policy text is a corpus string,
 *  each declaration on one line (so the code frame of a finding on it shows the hostile text). */
export function hostileModel(strings: readonly string[] = Object.values(hostileCorpus)): string {
  const lines = [
    `model ${flowString(strings[0]!)} { regime gdpr  updated "2026-01-01" }`,
    `organization acme ${flowString(strings[1]!)} { role controller  country NL  contact ${flowString(strings[2]!)} }`,
    `subject user ${flowString(strings[3]!)}`,
    `system web "Browser" { kind browser }`,
  ];
  strings.forEach((s, i) => {
    const q = flowString(s);
    lines.push(
      `data d${i} ${q} { kind contact }`,
      `purpose p${i} ${q} { basis contract  subjects user  data d${i}  retention unspecified ${q} }`,
      `system s${i} ${q} { kind server  operator ${q} as processor  located DE  stores d${i} for p${i}  security ${q} }`,
      `flow web -> s${i} ${q} { data d${i}  for p${i} }`,
    );
  });
  return `${lines.join("\n")}\n`;
}
