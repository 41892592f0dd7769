import { writeFileSync } from "node:fs";
import { MISTAKES, classify } from "./library-mistakes";
test("dump", () => {
  const lines = MISTAKES.map((m) => { const r = classify(m); return `${r.outcome}\t${m.entry}\t${m.mistake}\t${r.message ?? ""}`; });
  writeFileSync("/tmp/outcomes.tsv", lines.join("\n") + "\n");
});
