// npm run db:import -- FILE
// Loads a file written by db:export into the configured database (DATABASE_URL, or PGlite in DATA_DIR), which must be
// empty: applies the migrations, then writes every table in one transaction (nothing is written on any error),
// continues the id sequences after the imported ids and checks the row counts. Plain or gzip; "-" reads standard input.

import { EnvError, loadConfig } from "../config/env.js";
import { failureMessage, summaryLines } from "../services/data-transfer/cli-report.js";
import { describeTarget, importFromFile } from "../services/data-transfer/transfer-files.js";

const USAGE = "Cách dùng: npm run db:import -- TỆP   (tệp do npm run db:export tạo ra, có nén gzip hay không; - là đọc từ đầu vào chuẩn)";
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
const log = (line: string) => process.stderr.write(`${line}\n`);
try {
  const started = performance.now();
  log(`Nhập dữ liệu từ ${file === "-" ? "đầu vào chuẩn" : file} vào ${describeTarget(config)}…`);
  const summary = await importFromFile(config, file);
  const h = summary.header;
  log(`Tệp xuất lúc ${h.exportedAt} từ ${h.source === "pglite" ? "PGlite" : "PostgreSQL"} (Tổng hợp ${h.appVersion}).`);
  for (const line of summaryLines("Đã nhập", summary, (performance.now() - started) / 1000)) log(line);
  log(
    config.databaseUrl
      ? "Khởi động máy chủ với cùng DATABASE_URL để dùng dữ liệu này."
      : `Khởi động máy chủ với cùng DATA_DIR (${config.dataDir}) để dùng dữ liệu này.`,
  );
  process.exit(0);
} catch (error) {
  log(`Không nhập được dữ liệu — không dòng dữ liệu nào được ghi. ${failureMessage(error)}`);
  process.exit(1);
}
