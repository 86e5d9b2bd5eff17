// Progress matrix of a large campaign (issue [E]): 150 agencies × 200 outline items = 30,000 cells. The agencies, their
// groups and the campaign are generated here (not a directive's data): 10 parts of 20 items, each item led by one of
// the agencies with all the others cooperating; three milestones (two already past, one ahead) each for a third of the
// agencies. The campaign is imported and published through the real services (publishing materialises the 30,000
// assignments); then a deterministic mix of work is written directly: texts being drafted, items submitted to the
// leader, sent on time or late, accepted, returned with a reason, declared "không có số liệu", and some deadline
// extensions. The server runs in this process on a temporary PGlite directory and serves the built web app; Chromium
// signs in as the coordinator (tonghop) and opens /dot/:id/tien-do.
//
//   matrix-api         GET /api/campaigns/:id/progress (median of BENCH_RUNS after one warm-up, ms); goal < 1 s
//   matrix-paint       time from navigation until the grid's first cells are painted (the frame after the first
//                      progress cell is in the DOM: a MutationObserver, then requestAnimationFrame + a task), median of
//                      warm runs; goal < 1 s
//   matrix-paint-cold  the same for the first visit (nothing cached)
//   matrix-filter      click on "Quá hạn" until the grid is painted with the other cells dimmed (ms, median)
//   matrix-api-postgres  the API on PostgreSQL (a fresh database with the same data), median
// BENCH_PROFILE=1 prints where the page and the server spend their time. Run: npm run bench -- matrix
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Session } from "node:inspector/promises";
import { chromium, type Page } from "playwright-core";
import type { ProgressMatrixDto } from "@tonghop/contracts";
import { createContainer } from "../apps/server/src/app/container.js";
import { loadConfig } from "../apps/server/src/config/env.js";
import { openDatabase, type Database } from "../apps/server/src/db/client.js";
import { buildApp } from "../apps/server/src/http/app.js";
import { systemClock } from "../apps/server/src/http/clock.js";
import { seedIfEmpty } from "../apps/server/src/seed/seed.js";
import { createTestDatabase } from "../apps/server/src/test/test-database.js";
import { AGENCIES, ITEMS, prepareProgressCampaign } from "./support/progress-campaign.js";
import { median, ensureWebBuilt } from "./support/started-server.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PASSWORD = "Bench-mat-khau-2024";



async function login(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/dang-nhap`);
  await page.getByLabel("Tên đăng nhập").fill("tonghop");
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/dang-nhap"));
}

/** Runs in the page before its scripts: notes when the first progress cell enters the DOM and the frame after it. */
function markPaint(): void {
  const w = window as unknown as { __matrix: { dom?: number; painted?: number } };
  w.__matrix = {};
  const observer = new MutationObserver(() => {
    if (w.__matrix.dom !== undefined || !document.querySelector('[data-testid^="progress-cell-"]')) return;
    w.__matrix.dom = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (w.__matrix.painted = performance.now()), 0));
  });
  observer.observe(document, { childList: true, subtree: true });
}

async function paint(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __matrix?: { painted?: number } }).__matrix?.painted !== undefined, null, { timeout: 120_000 });
  const grid = page.getByTestId("progress-grid");
  const [rows, cols] = await Promise.all([grid.getAttribute("data-rows"), grid.getAttribute("data-cols")]);
  if (Number(rows) !== AGENCIES || Number(cols) !== ITEMS) throw new Error(`Lưới ${rows} × ${cols}, cần ${AGENCIES} × ${ITEMS}`);
  return page.evaluate(() => (window as unknown as { __matrix: { painted: number } }).__matrix.painted);
}

/** Click on the "Quá hạn" filter until the grid is painted with the other cells dimmed (ms, measured in the page). */
async function filterLate(page: Page): Promise<number> {
  await page.getByTestId("progress-grid").waitFor();
  // Plain JavaScript: the page must not see the helpers tsx adds to named functions.
  const ms = await page.evaluate<number>(`(async () => {
    const cells = () => Array.from(document.querySelectorAll('[data-testid^="progress-cell-"]'));
    if (cells().some((c) => c.style.opacity === "0.28")) throw new Error("Lưới đang lọc sẵn");
    const t0 = performance.now();
    document.querySelector('[data-testid="filter-late"]').click();
    await new Promise((resolve) => {
      const check = () => (cells().some((c) => c.style.opacity === "0.28") ? resolve() : requestAnimationFrame(check));
      check();
    });
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - t0;
  })()`);
  await page.getByTestId("filter-all").click();
  await page.waitForFunction(() => !Array.from(document.querySelectorAll<HTMLElement>('[data-testid^="progress-cell-"]')).some((c) => c.style.opacity === "0.28"));
  return ms;
}

/** BENCH_PROFILE=1: self time per function (top 20) of the page and of the server's matrix request, to stderr. */
async function profile(page: Page, url: string, api: () => Promise<unknown>): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.start");
  const ms = await paint(page, url);
  const { profile: p } = (await cdp.send("Profiler.stop")) as { profile: CpuProfile };
  process.stderr.write(`  hồ sơ trang: ${ms.toFixed(0)} ms\n`);
  const timing = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => `${e.name.split("/").pop()} ${Math.round(e.startTime)}–${Math.round((e as PerformanceResourceTiming).responseEnd)}`));
  process.stderr.write(`  ${timing.join("\n  ")}\n`);
  printTop(p);
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  await api();
  const server = (await session.post("Profiler.stop")) as { profile: CpuProfile };
  session.disconnect();
  process.stderr.write("  hồ sơ máy chủ (API):\n");
  printTop(server.profile);
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

function printTop(p: CpuProfile): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const k = `${f.functionName || "(anonyme)"} ${f.url.split("/").pop()}:${f.lineNumber}`;
    self.set(k, (self.get(k) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20)) process.stderr.write(`    ${v.toFixed(0)} ms ${k}\n`);
}

async function apiTimes(base: string, cookie: string, campaignId: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/campaigns/${campaignId}/progress`, { headers: { cookie } });
    const body = (await res.json()) as ProgressMatrixDto;
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`API tiến độ: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    if (body.agencies.length !== AGENCIES || body.columns.length !== ITEMS || body.cells.length !== AGENCIES * ITEMS) {
      throw new Error(`API trả về ${body.agencies.length} cơ quan × ${body.columns.length} mục, ${body.cells.length} ô`);
    }
    if (i > 0) times.push(ms);
  }
  return times;
}

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ username: "tonghop", password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`Đăng nhập: ${res.status} ${await res.text()}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

/** The API alone on PostgreSQL (a fresh database with the same data). */
async function postgresApi(): Promise<number | null> {
  let database: Database;
  try {
    database = await createTestDatabase("postgres");
  } catch (e) {
    process.stderr.write(`  bỏ qua PostgreSQL: ${e instanceof Error ? e.message : String(e)}\n`);
    return null;
  }
  try {
    const config = loadConfig({ NODE_ENV: "production", DEMO_PASSWORD: PASSWORD, PUBLIC_URL: "http://127.0.0.1", LOG_LEVEL: "silent" });
    const container = createContainer({ database, clock: systemClock, config });
    await seedIfEmpty(container, { demoPassword: PASSWORD });
    const campaignId = await prepareProgressCampaign(container, PASSWORD);
    const app = await buildApp({ container, logger: false, serveWeb: false });
    await app.listen({ port: 0, host: "127.0.0.1" });
    try {
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      return median(await apiTimes(base, await signIn(base), campaignId));
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

ensureWebBuilt();
const dataDir = mkdtempSync(path.join(os.tmpdir(), "bench-matrix-"));
const database = await openDatabase({ pgliteDir: path.join(dataDir, "pglite") });
try {
  await database.migrate();
  const config = loadConfig({ NODE_ENV: "production", DEMO_PASSWORD: PASSWORD, PUBLIC_URL: "http://127.0.0.1", LOG_LEVEL: "silent", DATA_DIR: dataDir });
  const container = createContainer({ database, clock: systemClock, config });
  await seedIfEmpty(container, { demoPassword: PASSWORD });
  const t0 = performance.now();
  const campaignId = await prepareProgressCampaign(container, PASSWORD);
  process.stderr.write(`  chuẩn bị dữ liệu: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

  const app = await buildApp({ container, logger: false, serveWeb: true });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const cookie = await signIn(base);
    const api = await apiTimes(base, cookie, campaignId);

    const context = await browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh", viewport: { width: 1440, height: 900 } });
    await context.addInitScript(markPaint);
    const page = await context.newPage();
    page.on("pageerror", (e) => process.stderr.write(`  lỗi trang: ${e.message}\n`));
    await login(page, base);
    const url = `${base}/dot/${campaignId}/tien-do`;
    const cold = await paint(page, url);
    process.stderr.write(`  lần đầu: ${cold.toFixed(0)} ms\n`);
    if (process.env.BENCH_PROFILE) await profile(page, url, () => apiTimes(base, cookie, campaignId));
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const ms = await paint(page, url);
      warm.push(ms);
      process.stderr.write(`  lần ${i + 2}: ${ms.toFixed(0)} ms\n`);
    }
    const filters: number[] = [];
    for (let i = 0; i < RUNS; i++) filters.push(await filterLate(page));
    process.stderr.write(`  lọc "Quá hạn": ${filters.map((x) => x.toFixed(0)).join(", ")} ms\n`);
    await browser.close();
    await app.close();

    const pgApi = await postgresApi();
    console.log(`BENCH matrix-api ${median(api).toFixed(0)} ms`);
    console.log(`BENCH matrix-paint ${median(warm).toFixed(0)} ms`);
    console.log(`BENCH matrix-paint-cold ${cold.toFixed(0)} ms`);
    console.log(`BENCH matrix-filter ${median(filters).toFixed(0)} ms`);
    if (pgApi !== null) console.log(`BENCH matrix-api-postgres ${pgApi.toFixed(0)} ms`);
  } finally {
    await browser.close().catch(() => undefined);
    await app.close().catch(() => undefined);
  }
} finally {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
