import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatVnNumber, normalizeSearchText } from "@tonghop/domain";
import { indicators, indicatorValues, outlineItems } from "../../db/schema/index.js";
import { fillCampaign } from "../../demo/fill-campaign.js";
import { LibreOfficeConverter, pdfPageTexts } from "../../exports/pdf/libreoffice.js";
import { importSeedCampaign, type SeedCampaignCode } from "../../test/campaign-fixtures.js";
import { createTestContext, type TestContext } from "../../test/test-app.js";
import { compileReport, type CompileOutput } from "./compile-report.js";

const ARTIFACTS = path.resolve(import.meta.dirname, "../../../../../test-artifacts/compile");
const converter = new LibreOfficeConverter();
const norm = (s: string) => normalizeSearchText(s).replace(/\s+/g, " ");

/** Positions of `needles` found one after another in `text` (-1 when one is missing). */
function inOrder(text: string, needles: string[]): number[] {
  let from = 0;
  return needles.map((n) => {
    const i = text.indexOf(n, from);
    if (i >= 0) from = i + n.length;
    return i;
  });
}

/** Runs on PGlite and on PostgreSQL (TEST_DB); needs LibreOffice and poppler (installed by npm test). */
describe.each<[SeedCampaignCode, string, string]>([
  ["cv2830-2024-so-ket-nq45", "2024-05-16", "cv2830"],
  ["ct15-2020-ke-hoach-5-nam", "2020-07-31", "ct15"],
])("compiling the seed campaign %s filled with generated content", (code, date, short) => {
  let t: TestContext;
  let campaignId: string;
  let out: CompileOutput;
  let pages: string[];

  beforeAll(async () => {
    t = await createTestContext();
    campaignId = (await importSeedCampaign(t.container, code, { publish: true })).campaignId;
    await fillCampaign(t.container, campaignId, { seed: 2024, accept: true, now: new Date(`${date}T01:00:00Z`) });
    const dir = await t.container.services.agencies.directory();
    out = await compileReport(t.container.db, dir, converter, { campaignId, scope: { kind: "whole" }, mode: "final", date });
    pages = (await pdfPageTexts(out.pdf!))!;
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, `${short}-report.docx`), out.docx);
    writeFileSync(path.join(ARTIFACTS, `${short}-appendices.xlsx`), out.xlsx);
    writeFileSync(path.join(ARTIFACTS, `${short}-report.pdf`), out.pdf!);
  }, 240_000);
  afterAll(async () => t.close());

  it("passes every NĐ 30 rule of the checker", () => {
    expect(out.checks.filter((c) => !c.ok)).toEqual([]);
    expect(out.checks.map((c) => c.rule)).toEqual(
      expect.arrayContaining(["paper", "margins", "font", "header-agency", "national-name", "number", "place-date", "title", "body-font-size", "first-line-indent", "paragraph-spacing", "line-spacing", "page-number", "first-page", "recipients", "appendices"]),
    );
  });

  it("LibreOffice opens the DOCX and the XLSX; the body fits the page budget", async () => {
    expect(out.pdfError).toBeNull();
    expect(pages.length).toBe(out.pageStats.totalPages);
    expect(out.pageStats.bodyPages).toBeGreaterThan(20);
    expect(out.pageStats.bodyPages).toBeLessThan(pages.length);
    if (out.pageStats.limit !== null) {
      expect(out.pageStats.bodyPages).toBeLessThanOrEqual(out.pageStats.limit);
      expect(out.pageStats.bodyPages).toBeGreaterThan(out.pageStats.limit * 0.75);
    }
    expect(out.pageStats.longest.length).toBe(10);
    const xlsxPdf = await converter.convert(out.xlsx, "xlsx");
    const xlsxPages = (await pdfPageTexts(xlsxPdf))!;
    expect(xlsxPages.length).toBeGreaterThanOrEqual(out.model.appendices.length);
    expect(norm(xlsxPages.join("\n"))).toContain(norm(out.model.appendices[0]!.title));
  });

  it("the PDF has the headings of the outline in order and each appendix on its own page", async () => {
    const body = norm(pages.slice(0, out.pageStats.bodyPages!).join("\n"));
    const items = await t.container.db.select().from(outlineItems).where(eq(outlineItems.campaignId, campaignId));
    const byParent = (p: string | null) => items.filter((i) => i.parentId === p).sort((a, b) => a.sortOrder - b.sortOrder);
    const headings: string[] = [];
    for (const top of byParent(null)) {
      headings.push(top.title);
      for (const child of byParent(top.id)) headings.push(child.title);
    }
    const found = inOrder(body, headings.map((h) => norm(h).slice(0, 30)));
    expect(found.filter((i) => i < 0)).toEqual([]);
    for (const a of out.model.appendices) {
      const starts = pages.findIndex((p) => norm(p.split("\n").find((l) => l.trim()) ?? "") === norm(a.title));
      expect(starts, a.title).toBeGreaterThanOrEqual(out.pageStats.bodyPages!);
    }
  });

  it("writes page 1 and the main indicator appendix as images for review", () => {
    const indicatorAppendix = out.model.appendices.find((a) => a.kind === "indicators")!;
    const page = pages.findIndex((p) => norm(p.split("\n").find((l) => l.trim()) ?? "") === norm(indicatorAppendix.title)) + 1;
    const pdfFile = path.join(ARTIFACTS, `${short}-report.pdf`);
    execFileSync("pdftoppm", ["-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", pdfFile, path.join(ARTIFACTS, `${short}-page1`)]);
    execFileSync("pdftoppm", ["-r", "80", "-png", "-f", String(page), "-l", String(page), "-singlefile", pdfFile, path.join(ARTIFACTS, `${short}-appendix`)]);
    expect(page).toBeGreaterThan(out.pageStats.bodyPages!);
  });

  if (code === "cv2830-2024-so-ket-nq45") {
    it("the workbook has one sheet per appendix, the merged header, numbers as numbers with formats, a frozen header", async () => {
      const ExcelJS = (await import("exceljs")).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(out.xlsx as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name.slice(0, 9))).toEqual(["Phụ lục 1", "Phụ lục 2", "Phụ lục 3"]);
      const ws = wb.worksheets[1]!;
      expect(ws.pageSetup.orientation).toBe("landscape");
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 3 });
      // "Giai đoạn 2019-2023" spans Hải Phòng, Cả nước, Vùng đồng bằng sông Hồng.
      let header: { row: number; col: number } | null = null;
      ws.eachRow((row, r) => row.eachCell((cell, col) => {
        if (cell.value === "Giai đoạn 2019-2023" && !header) header = { row: r, col };
      }));
      expect(header).not.toBeNull();
      const { row, col } = header!;
      expect(ws.getCell(row, col).isMerged).toBe(true);
      expect([ws.getCell(row + 1, col).value, ws.getCell(row + 1, col + 1).value, ws.getCell(row + 1, col + 2).value]).toEqual(["Hải Phòng", "Cả nước", "Vùng đồng bằng sông Hồng"]);
      // Kim ngạch xuất khẩu: numbers with one decimal, the last year an estimate.
      let exportRow = 0;
      ws.eachRow((r, n) => {
        const name = r.getCell(2).value;
        if (typeof name === "string" && name.includes("Kim ngạch xuất khẩu trên địa bàn")) exportRow = n;
      });
      const cells = [4, 5, 6, 7, 8, 9].map((c) => ws.getCell(exportRow, c));
      for (const cell of cells) {
        expect(typeof cell.value).toBe("number");
        expect(cell.numFmt).toBe("#,##0.0");
      }
      expect(cells[5]!.note).toBeDefined();
      expect(cells[5]!.font.italic).toBe(true);
    });

    it("Phụ lục 2 shows the multi-level header and the figures of a known row in Vietnamese format", async () => {
      const start = pages.findIndex((p) => norm(p.split("\n").find((l) => l.trim()) ?? "") === norm("Phụ lục 2"));
      const text = pages.slice(start).join("\n");
      expect(norm(text)).toContain(norm("Giai đoạn 2019-2023"));
      // Narrow columns wrap "Vùng đồng bằng sông Hồng" over several lines: its words come in order.
      expect(inOrder(norm(text), ["nam", "2018", "2023", "giai doan 2019-2023", "hai phong", "ca nuoc", "vung", "dong", "bang", "song", "hong"]).every((i) => i >= 0)).toBe(true);
      const [ind] = await t.container.db.select().from(indicators).where(eq(indicators.code, "XUAT_KHAU"));
      const values = await t.container.db.select().from(indicatorValues).where(and(eq(indicatorValues.indicatorId, ind!.id), eq(indicatorValues.area, "HP")));
      const years = ["2018", "2019", "2020", "2021", "2022", "2023"];
      const expected = years.map((y) => formatVnNumber(values.find((v) => v.period === y)!.value!, 1));
      for (const e of expected) expect(e).toMatch(/^\d{1,3}(\.\d{3})+,\d$/);
      const at = text.indexOf("Kim ngạch xuất khẩu trên");
      expect(at).toBeGreaterThan(0);
      const window = text.slice(at, at + 1500);
      expect(inOrder(window, expected).every((i) => i >= 0)).toBe(true);
    });
  }
});
