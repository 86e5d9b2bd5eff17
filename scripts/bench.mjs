// npm run bench [-- NAME…]: runs the benchmarks in bench/ (each prints "BENCH <name> <value> <unit>"
// lines). A NAME selects the files whose name contains it or that print a figure of that name.
import { readdirSync } from "node:fs";
import path from "node:path";
import { log, ROOT, runAsync } from "./lib.mjs";

const names = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const files = readdirSync(path.join(ROOT, "bench"))
  .filter((f) => f.endsWith(".bench.ts"))
  .sort();
const selected = names.length
  ? files.filter((f) => names.some((n) => f.replace(/\.bench\.ts$/, "").includes(n) || n.startsWith(f.replace(/\.bench\.ts$/, ""))))
  : files;
if (selected.length === 0) {
  log(`Không có benchmark nào khớp ${names.join(", ")}. Có: ${files.map((f) => f.replace(/\.bench\.ts$/, "")).join(", ")}`);
  process.exit(1);
}
let failed = 0;
for (const file of selected) {
  log(`Benchmark ${file}…`);
  const code = await runAsync(process.execPath, ["--conditions=source", "--import", "tsx", path.join("bench", file), ...names], {
    env: { ...process.env, TZ: "UTC", BENCH_FILTER: names.join(",") },
  });
  if (code !== 0) failed++;
}
process.exit(failed ? 1 : 0);
