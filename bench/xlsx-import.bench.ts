// Import of a large filled workbook into the indicator grid (issue [D]): the agency's Excel file of an appendix with
// 5,000 indicator rows (in 50 groups, all led by Cục Thống kê), one figure per row (the 2023 column, every one filled:
// 5,000 cells; one in five typed as Vietnamese text "12.345,6", the others Excel numbers), uploaded through the real
// HTTP API (multipart preview, then apply: all or nothing) by the agency's officer, on PostgreSQL (a fresh database)
// and on PGlite. The campaign is generated here (not a directive's data) and imported through the import service;
// the server runs in this process and listens on a free port.
//
// Each run downloads the current workbook (so the versions are current), fills every figure with new values, then
// times upload → preview (every changed cell listed, no error) → apply (5,000 cells written); afterwards the stored
// figures are counted and compared. Median of the runs after one warm-up. Goal: < 2 s.
// Run: npm run bench -- xlsx-import   (BENCH_RUNS overrides the number of timed runs, default 3)
// Prints:
//   BENCH xlsx-import-5000 <ms> ms             upload + preview + apply, PostgreSQL
//   BENCH xlsx-import-5000-preview <ms> ms     of which the upload and preview
//   BENCH xlsx-import-5000-apply <ms> ms       of which the apply
//   BENCH xlsx-import-5000-pglite <ms> ms      upload + preview + apply, PGlite
//   BENCH xlsx-export-5000 <ms> ms             the download of the same workbook (PostgreSQL)
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { CampaignTemplate, ExcelPreviewDto } from "@tonghop/contracts";
import { formatVnNumber } from "@tonghop/domain";
import { systemContext } from "../apps/server/src/auth/actor.js";
import { appendices, assignments, indicators, indicatorValueHistory, indicatorValues, users } from "../apps/server/src/db/schema/index.js";
import { buildApp } from "../apps/server/src/http/app.js";
import { META_SHEET, type WorkbookLayout } from "../apps/server/src/services/workspace/excel-workbook.js";
import { createTestContext, TEST_PASSWORD } from "../apps/server/src/test/test-app.js";
import { median } from "./support/started-server.js";

const ROWS = 5000;
const GROUPS = 50;
const YEAR = 2023;
const COLUMN_KEY = `value:${YEAR}:HP`;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WARMUP = 1;
const OFFICER = "thongke";


/** A campaign with one indicator appendix of ROWS rows in GROUPS groups, led by the statistics office. */
function template(): CampaignTemplate {
  const catalogue: Array<Record<string, unknown>> = [];
  const groups = Array.from({ length: GROUPS }, (_, g) => ({
    tt: String(g + 1),
    name: `NHÓM CHỈ TIÊU THỐNG KÊ SỐ ${g + 1}`,
    emphasis: "bold",
    lead: ["Cục Thống kê thành phố"],
    children: [] as unknown[],
  }));
  for (let i = 0; i < ROWS; i++) {
    const code = `BENCH_XL_${String(i + 1).padStart(4, "0")}`;
    const unit = ["tỷ đồng", "%", "người", "lượt người", "triệu USD"][i % 5]!;
    catalogue.push({ code, name: `Chỉ tiêu nhập từ Excel số ${i + 1}`, unit, direction: "higher", aggregation: i % 5 === 1 ? "last" : "sum", decimals: 1 });
    groups[i % GROUPS]!.children.push({ tt: `${Math.floor(i / GROUPS) + 1}`, name: `Chỉ tiêu nhập từ Excel số ${i + 1}`, unit, indicator: code });
  }
  return {
    formatVersion: 1,
    code: "bench-nhap-excel-5000",
    name: "Đợt thử nghiệm hiệu năng nhập Excel: 5.000 chỉ tiêu",
    kind: "bao-cao-nam",
    coordinator: "Sở Kế hoạch và Đầu tư",
    referenceDate: "2024-03-01",
    periods: [],
    areas: [{ code: "HP", name: "Hải Phòng", primary: true }],
    legalBasis: [{ kind: "cong-van", number: "2/UBND-TH", date: "2024-03-01", issuer: "Ủy ban nhân dân thành phố Hải Phòng", summary: "V/v thử nghiệm hiệu năng nhập Excel", role: "directive" }],
    report: {
      system: "nha-nuoc",
      title: "BÁO CÁO",
      summary: "Thử nghiệm hiệu năng nhập Excel",
      issuer: { name: "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" },
      symbol: "BC-UBND",
      place: "Hải Phòng",
      signature: { authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH" },
      recipients: ["Lưu: VT."],
    },
    requirements: { paper: "A4", font: { family: "Times New Roman", size: 14 } },
    milestones: [
      { code: "M1", from: ["Cục Thống kê thành phố"], to: "Sở Kế hoạch và Đầu tư", deliverable: "Số liệu Phụ lục 1", due: "2024-03-20", wording: "trước ngày 20/3/2024", scope: { kind: "all" } },
    ],
    outline: [{ label: "I", title: "KẾT QUẢ THỰC HIỆN", lead: ["Cục Thống kê thành phố"], appendices: ["PL1"] }],
    appendices: [
      {
        kind: "indicators",
        code: "PL1",
        title: "Phụ lục 1",
        subtitle: "CÁC CHỈ TIÊU NHẬP TỪ EXCEL",
        stubColumns: { tt: "TT", name: "Chỉ tiêu", unit: "ĐVT" },
        columns: [{ kind: "value", period: String(YEAR), title: `Thực hiện năm ${YEAR}` }],
        agencyColumn: { title: "Cơ quan báo cáo" },
        rows: groups,
      },
    ],
    indicators: catalogue,
  } as unknown as CampaignTemplate;
}

/** Fills every figure of the workbook with values of this round: one in five as Vietnamese text. */
async function fill(bytes: Uint8Array, round: number): Promise<{ bytes: Uint8Array; filled: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const layout = JSON.parse(wb.getWorksheet(META_SHEET)!.getCell(7, 2).text) as WorkbookLayout;
  const ws = wb.getWorksheet(layout.sheet)!;
  const col = layout.columns.find((c) => c.key === COLUMN_KEY)!.col;
  let filled = 0;
  for (let r = layout.firstDataRow; r <= ws.rowCount; r++) {
    const key = ws.getCell(r, layout.keyCol).text;
    const code = key.split("|")[1];
    if (!code) continue; // a group heading
    const n = Number(code.slice(-4));
    const value = Math.round((1000 + n * 7.3 + round * 11.1) * 10) / 10;
    ws.getCell(r, col).value = n % 5 === 0 ? formatVnNumber(value, 1) : value;
    filled++;
  }
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), filled };
}

interface Measured {
  total: number;
  preview: number;
  apply: number;
  download: number;
}

async function measure(kind: "pglite" | "postgres"): Promise<Measured> {
  const t = await createTestContext({ kind });
  const app = await buildApp({ container: t.container, logger: false, serveWeb: false });
  try {
    const sys = systemContext(new Date(), "bench");
    const imported = await t.container.services.campaigns.importTemplate(sys, { template: template() });
    const campaignId = imported.campaignId!;
    await t.container.services.campaigns.publish(sys, campaignId);
    const db = t.container.db;
    const [ap] = await db.select({ id: appendices.id }).from(appendices).where(and(eq(appendices.campaignId, campaignId), eq(appendices.code, "PL1")));
    const [officer] = await db.select({ agencyId: users.agencyId }).from(users).where(eq(users.username, OFFICER));
    const [assignment] = await db
      .select({ id: assignments.id })
      .from(assignments)
      .where(and(eq(assignments.campaignId, campaignId), eq(assignments.appendixId, ap!.id), eq(assignments.agencyId, officer!.agencyId)));
    if (!assignment) throw new Error(`${OFFICER} không được giao Phụ lục 1`);

    await app.listen({ port: 0, host: "127.0.0.1" });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ username: OFFICER, password: TEST_PASSWORD }) });
    if (login.status !== 200) throw new Error(`Đăng nhập ${OFFICER}: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    const url = `${base}/api/workspace/indicators/assignments/${assignment.id}/workbook`;

    const runs: Measured[] = [];
    let lastRound = 0;
    for (let round = 1; round <= WARMUP + RUNS; round++) {
      const d0 = performance.now();
      const res = await fetch(url, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`Tải tệp Excel: ${res.status} ${await res.text()}`);
      const downloaded = new Uint8Array(await res.arrayBuffer());
      const download = performance.now() - d0;
      const { bytes, filled } = await fill(downloaded, round);
      if (filled !== ROWS) throw new Error(`Điền ${filled} ô, cần ${ROWS}`);

      const t0 = performance.now();
      const form = new FormData();
      form.append("file", new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }), "phu-luc-1.xlsx");
      const pr = await fetch(`${url}/preview`, { method: "POST", headers: { cookie, "x-csrf-token": csrf, origin: base }, body: form });
      const previewText = await pr.text();
      const t1 = performance.now();
      if (pr.status !== 200) throw new Error(`Xem trước: ${pr.status} ${previewText.slice(0, 500)}`);
      const preview = JSON.parse(previewText) as ExcelPreviewDto;
      if (preview.errors.length) throw new Error(`Xem trước báo lỗi: ${preview.errors.slice(0, 3).map((e) => e.message).join("; ")}`);
      if (preview.changes.length !== ROWS || !preview.previewId) throw new Error(`Xem trước: ${preview.changes.length} ô thay đổi, cần ${ROWS}`);
      const ap2 = await fetch(`${url}/apply`, { method: "POST", headers: { cookie, "x-csrf-token": csrf, origin: base, "content-type": "application/json" }, body: JSON.stringify({ previewId: preview.previewId }) });
      const applyText = await ap2.text();
      const t2 = performance.now();
      if (ap2.status !== 200) throw new Error(`Áp dụng: ${ap2.status} ${applyText.slice(0, 500)}`);
      const applied = JSON.parse(applyText) as { cells: number };
      if (applied.cells !== ROWS) throw new Error(`Áp dụng ${applied.cells} ô, cần ${ROWS}`);
      lastRound = round;
      if (round > WARMUP) runs.push({ total: t2 - t0, preview: t1 - t0, apply: t2 - t1, download });
      process.stderr.write(`  ${kind} lần ${round}${round <= WARMUP ? " (khởi động)" : ""}: ${(t2 - t0).toFixed(0)} ms (xem trước ${(t1 - t0).toFixed(0)}, áp dụng ${(t2 - t1).toFixed(0)}; tải xuống ${download.toFixed(0)})\n`);
    }

    // Every figure of the last round is the current one, and each round left one vintage per cell.
    const ids = (await db.select({ id: indicators.id }).from(indicators).where(sql`${indicators.code} like 'BENCH_XL_%'`)).map((r) => r.id);
    const current = await db
      .select({ code: indicators.code, value: indicatorValues.value })
      .from(indicatorValues)
      .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
      .where(and(inArray(indicatorValues.indicatorId, ids), eq(indicatorValues.period, String(YEAR))));
    const wrong = current.filter((c) => c.value !== Math.round((1000 + Number(c.code.slice(-4)) * 7.3 + lastRound * 11.1) * 10) / 10).length;
    const [stored] = await db.select({ n: sql<number>`count(*)::int` }).from(indicatorValueHistory).where(inArray(indicatorValueHistory.indicatorId, ids));
    if (current.length !== ROWS || wrong || stored?.n !== ROWS * lastRound) {
      throw new Error(`Kiểm tra cơ sở dữ liệu: ${current.length} số hiện hành (${wrong} sai), ${stored?.n ?? 0} bản ghi, cần ${ROWS} và ${ROWS * lastRound}`);
    }
    return { total: median(runs.map((r) => r.total)), preview: median(runs.map((r) => r.preview)), apply: median(runs.map((r) => r.apply)), download: median(runs.map((r) => r.download)) };
  } finally {
    await app.close();
    await t.close();
  }
}

const results: Partial<Record<"pglite" | "postgres", Measured>> = {};
for (const kind of ["postgres", "pglite"] as const) {
  try {
    results[kind] = await measure(kind);
  } catch (err) {
    console.error(`xlsx-import-${kind}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  }
}
if (results.postgres) {
  console.log(`BENCH xlsx-import-5000 ${results.postgres.total.toFixed(0)} ms`);
  console.log(`BENCH xlsx-import-5000-preview ${results.postgres.preview.toFixed(0)} ms`);
  console.log(`BENCH xlsx-import-5000-apply ${results.postgres.apply.toFixed(0)} ms`);
  console.log(`BENCH xlsx-export-5000 ${results.postgres.download.toFixed(0)} ms`);
}
if (results.pglite) console.log(`BENCH xlsx-import-5000-pglite ${results.pglite.total.toFixed(0)} ms`);
