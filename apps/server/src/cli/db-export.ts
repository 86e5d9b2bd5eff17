// npm run db:export -- FILE
// Writes ALL data of the configured database (PGlite in DATA_DIR, or DATABASE_URL) to one portable file: NDJSON,
// gzip-compressed when FILE ends in .gz, "-" for standard output. See services/data-transfer/format.ts. With PGlite
// the server must be stopped (the data directory is locked while exporting).

import { EnvError, loadConfig } from "../config/env.js";
import { failureMessage, summaryLines } from "../services/data-transfer/cli-report.js";
import { describeTarget, exportToFile } from "../services/data-transfer/transfer-files.js";

const USAGE = "Cách dùng: npm run db:export -- TỆP   (ví dụ: sao-luu.ndjson.gz; đuôi .gz thì nén; - là ghi ra đầu ra chuẩn)";
const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(USAGE);
  process.exit(0);
}
const file = args.find((a) => a === "-" || !a.startsWith("-"));
if (!file || args.length !== 1) {
  console.error(USAGE);
  process.exit(2);
}

let config;
try {
  config = loadConfig();
} catch (error) {
  console.error(error instanceof EnvError ? error.message : String(error));
  process.exit(1);
}
// Progress goes to stderr so that "-" keeps standard output for the data.
const log = (line: string) => process.stderr.write(`${line}\n`);
try {
  const started = performance.now();
  log(`Xuất dữ liệu từ ${describeTarget(config)}…`);
  const summary = await exportToFile(config, file);
  for (const line of summaryLines("Đã xuất", summary, (performance.now() - started) / 1000)) log(line);
  if (file !== "-") log(`Tệp: ${file}${summary.compressed ? " (nén gzip)" : ""}. Nhập vào cơ sở dữ liệu khác: npm run db:import -- ${file}`);
  process.exit(0);
} catch (error) {
  log(`Không xuất được dữ liệu. ${failureMessage(error)}`);
  process.exit(1);
}
