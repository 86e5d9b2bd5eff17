// Analysis dashboard of a large campaign: 300 indicators × 10 years (2014–2023), six groups, a target column over
// 2019-2023 (growth "/năm", ranges, bounds, plain values), a computed period column and an evaluation column, every
// figure filled. The campaign is generated from a template built here (not hard-coded to a directive) and imported
// through the real import service; the server runs in this process on a temporary PGlite directory and serves the
// built web app; Chromium signs in as the viewer (xem) and opens /dot/:id/phan-tich.
//
//   dashboard-paint       time from navigation until every chart the page has drawn is painted (the page's
//                         data-charts-ready-ms: performance.now() when the last visible chart's ECharts "finished"
//                         event fired), median of warm runs; goal < 1,5 s. Charts beyond one screen ahead are drawn
//                         as they come near the viewport (see chart-runtime.ts).
//   dashboard-paint-cold  the same for the first visit (nothing cached)
//   dashboard-api         GET /api/analytics/campaigns/:id/indicators (median, ms)
//   dashboard-paint-all   "In trang" (print): time from the click until every chart of the page is painted (ms)
// Runs: BENCH_RUNS (default 5). Chạy: npm run bench -- dashboard
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "playwright-core";
import type { CampaignTemplate } from "@tonghop/contracts";
import { createContainer } from "../apps/server/src/app/container.js";
import { systemContext } from "../apps/server/src/auth/actor.js";
import { loadConfig } from "../apps/server/src/config/env.js";
import { openDatabase } from "../apps/server/src/db/client.js";
import { indicators } from "../apps/server/src/db/schema/index.js";
import { ValuesRepository } from "../apps/server/src/services/values/values.repository.js";
import { buildApp } from "../apps/server/src/http/app.js";
import { systemClock } from "../apps/server/src/http/clock.js";
import { seedIfEmpty } from "../apps/server/src/seed/seed.js";
import { median, ensureWebBuilt } from "./support/started-server.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PASSWORD = "Bench-mat-khau-2024";
const INDICATORS = 300;
const GROUPS = 6;
const YEARS = Array.from({ length: 10 }, (_, i) => 2014 + i);



// mulberry32: fixed seed, same campaign every run.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const vn = (x: number, d: number) => x.toFixed(d).replace(".", ",");

interface Kind {
  unit: string;
  aggregation: "growthMean" | "last" | "sum" | "mean";
  direction: "higher" | "lower";
  decimals: number;
  target: (r: () => number) => string;
  value: (r: () => number, year: number) => number;
}

const KINDS: Kind[] = [
  { unit: "%", aggregation: "growthMean", direction: "higher", decimals: 2, target: (r) => `${vn(6 + r() * 6, 1)}%/năm`, value: (r) => 4 + r() * 10 },
  { unit: "tỷ đồng", aggregation: "last", direction: "higher", decimals: 0, target: (r) => `${Math.round(50 + r() * 50)}.000`, value: (r, y) => (40 + (y - 2014) * 6 + r() * 8) * 1000 },
  { unit: "tỷ USD", aggregation: "last", direction: "higher", decimals: 1, target: (r) => `${Math.round(10 + r() * 5)}-${Math.round(16 + r() * 5)}`, value: (r, y) => 6 + (y - 2014) * 1.2 + r() },
  { unit: "%", aggregation: "last", direction: "lower", decimals: 1, target: (r) => `<${vn(3 + r() * 2, 1)}`, value: (r, y) => 6 - (y - 2014) * 0.25 + r() * 0.5 },
  { unit: "người", aggregation: "mean", direction: "higher", decimals: 0, target: (r) => `${Math.round(45 + r() * 10)}.000/năm`, value: (r) => 42_000 + r() * 15_000 },
  { unit: "tỷ đồng", aggregation: "sum", direction: "higher", decimals: 0, target: (r) => `${Math.round(350 + r() * 150)}.000`, value: (r) => 70_000 + r() * 40_000 },
];

function template(): CampaignTemplate {
  const r = random(20240426);
  const catalogue: CampaignTemplate["indicators"] = [];
  const groups = Array.from({ length: GROUPS }, (_, g) => ({
    tt: ["I", "II", "III", "IV", "V", "VI"][g]!,
    name: `NHÓM CHỈ TIÊU THỨ ${g + 1}`,
    emphasis: "bold" as const,
    lead: [g % 2 ? "Sở Tài chính" : "Cục Thống kê thành phố"],
    children: [] as unknown[],
  }));
  for (let i = 0; i < INDICATORS; i++) {
    const kind = KINDS[i % KINDS.length]!;
    const code = `BENCH_CT_${String(i + 1).padStart(3, "0")}`;
    catalogue.push({ code, name: `Chỉ tiêu thử nghiệm số ${i + 1}`, unit: kind.unit, direction: kind.direction, aggregation: kind.aggregation, decimals: kind.decimals });
    groups[i % GROUPS]!.children.push({ tt: String(Math.floor(i / GROUPS) + 1), name: `Chỉ tiêu thử nghiệm số ${i + 1}`, unit: kind.unit, target: kind.target(r), indicator: code });
  }
  return {
    formatVersion: 1,
    code: "bench-phan-tich-300",
    name: "Đợt thử nghiệm hiệu năng phân tích: 300 chỉ tiêu",
    kind: "so-ket",
    coordinator: "Sở Kế hoạch và Đầu tư",
    referenceDate: "2024-03-01",
    periods: [{ key: "2019-2023", label: "Giai đoạn 2019-2023" }],
    areas: [{ code: "HP", name: "Hải Phòng", primary: true }],
    legalBasis: [{ kind: "cong-van", number: "1/UBND-TH", date: "2024-03-01", issuer: "Ủy ban nhân dân thành phố Hải Phòng", summary: "V/v thử nghiệm hiệu năng", role: "directive" }],
    report: {
      system: "nha-nuoc",
      title: "BÁO CÁO",
      summary: "Thử nghiệm hiệu năng",
      issuer: { name: "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" },
      symbol: "BC-UBND",
      place: "Hải Phòng",
      signature: { authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH" },
      recipients: ["Lưu: VT."],
    },
    requirements: { paper: "A4", font: { family: "Times New Roman", size: 14 } },
    milestones: [
      { code: "M1", from: ["Cục Thống kê thành phố", "Sở Tài chính"], to: "Sở Kế hoạch và Đầu tư", deliverable: "Số liệu Phụ lục 1", due: "2024-03-20", wording: "trước ngày 20/3/2024", scope: { kind: "all" } },
    ],
    outline: [{ label: "I", title: "KẾT QUẢ THỰC HIỆN", lead: ["Cục Thống kê thành phố"], appendices: ["PL1"] }],
    appendices: [
      {
        kind: "indicators",
        code: "PL1",
        title: "Phụ lục 1",
        subtitle: "CÁC CHỈ TIÊU THỬ NGHIỆM",
        stubColumns: { tt: "TT", name: "Chỉ tiêu", unit: "ĐVT" },
        columns: [
          { kind: "target", period: "2019-2023", title: "Mục tiêu 2019-2023" },
          { kind: "group", title: "Thực hiện", years: { from: YEARS[0]!, to: YEARS[YEARS.length - 1]! } },
          { kind: "value", period: "2019-2023", title: "Cả giai đoạn 2019-2023" },
          { kind: "evaluation", period: "2019-2023", title: "Đánh giá" },
        ],
        agencyColumn: { title: "Cơ quan báo cáo" },
        rows: groups,
      },
    ],
    indicators: catalogue,
  } as unknown as CampaignTemplate;
}

async function login(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/dang-nhap`);
  await page.getByLabel("Tên đăng nhập").fill("xem");
  await page.getByLabel("Mật khẩu").fill(PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/dang-nhap"));
}

async function paint(page: Page, url: string): Promise<{ ms: number; painted: number }> {
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.chartsReady === "true" && !!document.body.dataset.chartsReadyMs, null, { timeout: 120_000 });
  return page.evaluate(() => ({ ms: Number(document.body.dataset.chartsReadyMs), painted: Number(document.body.dataset.chartsPainted) }));
}

/** BENCH_PROFILE=1: where the page spends its time (self time per function, top 25), to stderr. */
async function profile(page: Page, url: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.start");
  const run = await paint(page, url);
  const { profile: p } = (await cdp.send("Profiler.stop")) as { profile: { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>; samples: number[]; timeDeltas: number[] } };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const k = `${f.functionName || "(anonyme)"} ${f.url.split("/").pop()}:${f.lineNumber}`;
    self.set(k, (self.get(k) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  const timing = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => `${e.name.split("/").pop()} ${Math.round(e.startTime)}–${Math.round((e as PerformanceResourceTiming).responseEnd)}`));
  process.stderr.write(`  hồ sơ: ${run.ms} ms\n  ${timing.join("\n  ")}\n`);
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) process.stderr.write(`  ${v.toFixed(0)} ms ${k}\n`);
}

ensureWebBuilt();
const dataDir = mkdtempSync(path.join(os.tmpdir(), "bench-dashboard-"));
const database = await openDatabase({ pgliteDir: path.join(dataDir, "pglite") });
try {
  await database.migrate();
  const config = loadConfig({ NODE_ENV: "production", DEMO_PASSWORD: PASSWORD, PUBLIC_URL: "http://127.0.0.1", LOG_LEVEL: "silent", DATA_DIR: dataDir });
  const container = createContainer({ database, clock: systemClock, config });
  await seedIfEmpty(container, { demoPassword: PASSWORD });
  const sys = systemContext(new Date(), "bench");
  const imported = await container.services.campaigns.importTemplate(sys, { template: template() });
  const campaignId = imported.campaignId!;
  await container.services.campaigns.publish(sys, campaignId);
  // Every figure: 300 indicators × 10 years, the last year an estimate.
  const r = random(7);
  const catalogue = await container.db.select({ id: indicators.id, code: indicators.code }).from(indicators);
  const rows = catalogue
    .filter((i) => i.code.startsWith("BENCH_CT_"))
    .flatMap((i) => {
      const kind = KINDS[(Number(i.code.slice(-3)) - 1) % KINDS.length]!;
      return YEARS.map((y) => ({
        indicatorId: i.id,
        period: String(y),
        area: "HP",
        value: Number(kind.value(r, y).toFixed(kind.decimals)),
        status: y === 2023 ? ("uoc" as const) : ("chinh-thuc" as const),
        note: null,
        source: null,
        sourceAgencyId: null,
        campaignId,
        enteredBy: null,
        enteredAt: new Date(),
        version: 1,
      }));
    });
  await new ValuesRepository().write(container.db, rows);
  if (rows.length !== INDICATORS * YEARS.length) throw new Error(`Sinh ${rows.length} số liệu, cần ${INDICATORS * YEARS.length}`);

  const app = await buildApp({ container, logger: false, serveWeb: true });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const context = await browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh", viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.on("pageerror", (e) => process.stderr.write(`  lỗi trang: ${e.message}\n`));
    await login(page, base);
    const url = `${base}/dot/${campaignId}/phan-tich`;

    // API alone.
    const api: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const res = await page.request.get(`${base}/api/analytics/campaigns/${campaignId}/indicators`);
      const body = (await res.json()) as { indicators: unknown[] };
      if (body.indicators.length !== INDICATORS) throw new Error(`API trả về ${body.indicators.length} chỉ tiêu`);
      api.push(performance.now() - t0);
    }

    if (process.env.BENCH_PROFILE) await profile(page, url);
    const cold = await paint(page, url);
    process.stderr.write(`  lần đầu: ${cold.ms} ms (${cold.painted} biểu đồ đã vẽ)\n`);
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await paint(page, url);
      warm.push(run.ms);
      process.stderr.write(`  lần ${i + 2}: ${run.ms} ms (${run.painted} biểu đồ đã vẽ)\n`);
    }

    // "In trang" (print) draws every chart first: time from the click until the page asks the browser to print.
    await page.evaluate(() => {
      window.print = () => {
        document.body.dataset.printedMs = String(Math.round(performance.now()));
      };
    });
    const clickedAt = await page.evaluate(() => performance.now());
    await page.getByRole("button", { name: "In trang" }).click();
    try {
      await page.waitForFunction(() => !!document.body.dataset.printedMs, null, { timeout: 300_000 });
    } catch (e) {
      const left = await page.evaluate(() => ({ ...document.body.dataset }));
      process.stderr.write(`  chưa in: ${JSON.stringify(left)}\n`);
      throw e;
    }
    const printed = await page.evaluate(() => ({ at: Number(document.body.dataset.printedMs), painted: Number(document.body.dataset.chartsPainted), all: document.body.dataset.chartsAll }));
    const all = printed.at - clickedAt;
    process.stderr.write(`  vẽ tất cả để in: ${all.toFixed(0)} ms, ${printed.painted} biểu đồ\n`);
    if (printed.all !== "true" || printed.painted < INDICATORS) throw new Error(`Chỉ vẽ ${printed.painted} biểu đồ, cần ít nhất ${INDICATORS}`);

    console.log(`BENCH dashboard-paint ${median(warm).toFixed(0)} ms`);
    console.log(`BENCH dashboard-paint-cold ${cold.ms.toFixed(0)} ms`);
    console.log(`BENCH dashboard-api ${median(api).toFixed(0)} ms`);
    console.log(`BENCH dashboard-paint-all ${all.toFixed(0)} ms`);
  } finally {
    await browser.close();
    await app.close();
  }
} finally {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
