// npm test: installs what is missing (npm packages via pretest; Debian packages when running as root),
// starts the local PostgreSQL if it is down, builds, lints, and runs every tier:
//   unit + web + repository/service tests on PGlite and PostgreSQL + API tests  (vitest run)
//   end-to-end tests in Debian Chromium against a started server               (vitest --project e2e)
// The last line states the counts, e.g. "312 passed, 0 failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { commandExists, isRoot, log, ROOT, run, runAsync } from "./lib.mjs";

const DEBIAN_PACKAGES = ["chromium", "libreoffice-writer-nogui", "libreoffice-calc-nogui", "fonts-liberation2", "poppler-utils"];
const RESULTS = path.join(ROOT, ".test-results");
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith("--"));

function missingDebianPackages() {
  if (!commandExists("dpkg-query")) return [];
  return DEBIAN_PACKAGES.filter((p) => {
    const r = spawnSync("dpkg-query", ["-W", "-f=${Status}", p], { encoding: "utf8" });
    return r.status !== 0 || !r.stdout.includes("install ok installed");
  });
}

function ensureDebianPackages() {
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  if (!isRoot) {
    log(`Thiếu gói Debian: ${missing.join(", ")} (cần quyền root để cài). Các bài kiểm thử cần chúng sẽ thất bại.`);
    return;
  }
  log(`Cài gói Debian: ${missing.join(", ")}…`);
  run("apt-get", ["update"], { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  run("apt-get", ["install", "-y", "--no-install-recommends", ...missing], { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

function portOpen(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
  });
}

async function ensurePostgres() {
  if (process.env.TEST_POSTGRES_URL) return;
  if (await portOpen(5432)) return;
  if (!existsSync("/etc/postgresql")) {
    log("Không thấy PostgreSQL trên 127.0.0.1:5432 và máy không có /etc/postgresql: các bài kiểm thử trên PostgreSQL sẽ thất bại.");
    return;
  }
  log("Khởi động PostgreSQL cục bộ…");
  spawnSync("sh", ["-c", "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"], { stdio: "inherit" });
  for (let i = 0; i < 30 && !(await portOpen(5432)); i++) await new Promise((r) => setTimeout(r, 500));
}

/** Drops databases left behind by interrupted test runs. */
async function dropStaleTestDatabases() {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test" });
  try {
    await client.connect();
    const { rows } = await client.query("select datname from pg_database where datname like 'th_t_%' or datname like 'th_e2e_%'");
    for (const r of rows) await client.query(`drop database if exists "${r.datname}" with (force)`);
  } catch (error) {
    log(`Không dọn được cơ sở dữ liệu kiểm thử cũ: ${error.message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function readCounts(file) {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, "utf8"));
  // A file that fails to load has no failed assertions but a failed status: count it once.
  const brokenFiles = (report.testResults ?? []).filter(
    (r) => r.status === "failed" && !(r.assertionResults ?? []).some((a) => a.status === "failed"),
  ).length;
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + brokenFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

async function main() {
  const env = { ...process.env, TZ: "UTC", FORCE_COLOR: process.env.FORCE_COLOR ?? "1" };
  ensureDebianPackages();
  await ensurePostgres();
  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(RESULTS, { recursive: true });

  const checks = [];
  log("Biên dịch (tsc -b) và đóng gói giao diện…");
  checks.push({ name: "build", code: await runAsync("npm", ["run", "build"], { env }) });
  log("Kiểm tra kiểu giao diện và lint (không cảnh báo)…");
  checks.push({ name: "typecheck-web", code: await runAsync("npm", ["run", "typecheck", "-w", "@tonghop/web"], { env }) });
  checks.push({ name: "lint", code: await runAsync("npx", ["eslint", "--max-warnings", "0", "."], { env }) });

  await dropStaleTestDatabases();
  const vitest = (projects, out, extra = []) =>
    runAsync(
      "npx",
      ["vitest", "run", ...projects.flatMap((p) => ["--project", p]), "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...extra, ...only],
      { env },
    );
  log("Kiểm thử đơn vị, giao diện, CSDL (PGlite và PostgreSQL) và API…");
  const mainCode = await vitest(["unit", "web", "db-pglite", "db-postgres"], path.join(RESULTS, "main.json"), ["--coverage"]);
  log("Kiểm thử đầu-cuối trong Chromium…");
  const e2eCode = await vitest(["e2e"], path.join(RESULTS, "e2e.json"));

  const counts = [readCounts(path.join(RESULTS, "main.json")), readCounts(path.join(RESULTS, "e2e.json"))];
  let passed = 0;
  let failed = 0;
  for (const [i, c] of counts.entries()) {
    if (!c) {
      failed += 1;
      log(`Không có kết quả cho lượt ${i === 0 ? "chính" : "e2e"} (vitest thoát mã ${i === 0 ? mainCode : e2eCode}).`);
      continue;
    }
    passed += c.passed;
    failed += c.failed;
  }
  if (mainCode !== 0 && counts[0] && counts[0].failed === 0) {
    failed += 1;
    log("Lượt kiểm thử chính thất bại ngoài các bài kiểm thử (ví dụ ngưỡng độ phủ).");
  }
  for (const c of checks) if (c.code !== 0) (failed += 1), log(`Bước ${c.name} thất bại.`);
  const skipped = counts.reduce((n, c) => n + (c?.skipped ?? 0), 0);
  process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.stdout.write("\n0 passed, 1 failed\n");
  process.exit(1);
});
