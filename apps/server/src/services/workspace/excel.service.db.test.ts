import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndicatorGridDto } from "@tonghop/contracts";
import type { RequestContext } from "../../auth/actor.js";
import { appendices } from "../../db/schema/index.js";
import type { AppError } from "../../http/errors.js";
import { importSeedCampaign, userContext } from "../../test/campaign-fixtures.js";
import { createTestContext, type TestContext } from "../../test/test-app.js";
import { columnLetter, META_SHEET, type WorkbookLayout } from "./excel-workbook.js";

/** Runs on PGlite and on PostgreSQL (TEST_DB). */
describe("Excel round-trip of the agency's figures", () => {
  let t: TestContext;
  let pl2: string;
  let ctPl1: string;
  let thongke: RequestContext;
  let giaothong: RequestContext;
  let grid: IndicatorGridDto;

  const svc = () => t.container.services.excelWorkspace;
  const grids = () => t.container.services.indicatorsWorkspace;
  const fail = async (p: Promise<unknown>): Promise<AppError> => {
    try {
      await p;
    } catch (e) {
      return e as AppError;
    }
    throw new Error("lẽ ra phải lỗi");
  };

  /** Opens a downloaded workbook, lets `fn` change the data sheet, returns the new bytes. */
  const edit = async (
    bytes: Uint8Array,
    fn: (ws: ExcelJS.Worksheet, at: (code: string, columnKey: string, status?: boolean) => ExcelJS.Cell, layout: WorkbookLayout) => void,
  ): Promise<Uint8Array> => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const layout = JSON.parse(wb.getWorksheet(META_SHEET)!.getCell(7, 2).text) as WorkbookLayout;
    const ws = wb.getWorksheet(layout.sheet)!;
    const rowOf = (code: string) => {
      for (let r = layout.firstDataRow; r <= ws.rowCount; r++) if (ws.getCell(r, layout.keyCol).text.endsWith(`|${code}`)) return r;
      throw new Error(`không có dòng ${code}`);
    };
    const at = (code: string, columnKey: string, status = false) => {
      const c = layout.columns.find((x) => x.key === columnKey)!;
      return ws.getCell(rowOf(code), status ? c.statusCol! : c.col);
    };
    fn(ws, at, layout);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  };
  const address = async (bytes: Uint8Array, code: string, columnKey: string) => {
    let out = "";
    await edit(bytes, (_ws, at) => (out = at(code, columnKey).address));
    return out;
  };
  const download = async (ctx: RequestContext, assignmentId: string) => new Uint8Array((await svc().download(ctx, assignmentId)).buffer);

  beforeAll(async () => {
    t = await createTestContext();
    const cv = (await importSeedCampaign(t.container, "cv2830-2024-so-ket-nq45", { publish: true })).campaignId;
    const ct = (await importSeedCampaign(t.container, "ct15-2020-ke-hoach-5-nam", { publish: true })).campaignId;
    const id = async (c: string, code: string) => (await t.container.db.select().from(appendices).where(and(eq(appendices.campaignId, c), eq(appendices.code, code))))[0]!.id;
    pl2 = await id(cv, "PL2");
    ctPl1 = await id(ct, "PL1");
    thongke = await userContext(t.container, "thongke");
    giaothong = await userContext(t.container, "giaothong");
    grid = await grids().grid(thongke, pl2);
  });
  afterAll(async () => t.close());

  it("writes the template's header with merged cells, locked structure, unlocked input cells, a status drop-down and hidden keys", async () => {
    const { fileName, buffer } = await svc().download(thongke, grid.assignment!.id);
    expect(fileName).toMatch(/^Phụ lục 2 - .+\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Phụ lục 2")!;
    expect(wb.getWorksheet(META_SHEET)!.state).toBe("veryHidden");
    const layout = JSON.parse(wb.getWorksheet(META_SHEET)!.getCell(7, 2).text) as WorkbookLayout;
    expect(ws.getCell("A6").value).toBe("TT");
    expect(ws.getCell("D6").value).toBe("Năm");
    expect(ws.getCell("D7").value).toBe("2018");
    expect(ws.getCell("J6").value).toBe("Giai đoạn 2014- 2018");
    expect(ws.getCell("K6").value).toBe("Giai đoạn 2019-2023");
    expect(ws.getCell("K7").value).toBe("Hải Phòng");
    expect(ws.getCell("A8").value).toBe("A"); // column numbers row
    expect(ws.getCell("D8").value).toBe("1");
    expect(ws.getColumn(layout.keyCol).hidden).toBe(true);
    const growth = grid.rows.find((r) => r.indicatorCode === "GRDP_TANG_TRUONG")!;
    let r = layout.firstDataRow;
    while (!ws.getCell(r, layout.keyCol).text.startsWith(growth.id)) r++;
    const input = ws.getCell(r, layout.columns.find((c) => c.key === "value:2019:HP")!.col);
    expect(input.protection?.locked).toBe(false);
    expect(input.numFmt).toBe("#,##0.00");
    const status = ws.getCell(r, layout.columns.find((c) => c.key === "value:2019:HP")!.statusCol!);
    expect(status.dataValidation).toMatchObject({ type: "list", formulae: ['"Ước,Sơ bộ,Chính thức"'] });
    expect(ws.getCell(r, 2).protection?.locked).not.toBe(false); // name locked
    expect(ws.getCell(r, 11).protection?.locked).not.toBe(false); // computed period locked
  });

  it("round trip: preview lists every changed cell old → new with status, apply writes all of them", async () => {
    const bytes = await download(thongke, grid.assignment!.id);
    const filled = await edit(bytes, (_ws, at) => {
      at("GRDP_HH", "value:2019:HP").value = "1.038.290,5";
      at("GRDP_HH", "value:2019:HP", true).value = "Chính thức";
      at("GRDP_HH", "value:2020:HP").value = 1_100_000;
      at("GRDP_HH", "value:2020:HP", true).value = "Sơ bộ";
      at("GRDP_TANG_TRUONG", "value:2023:HP").value = 10.34;
      at("GRDP_TANG_TRUONG", "value:2019-2023:VN").value = "6,2";
    });
    const p = await svc().preview(thongke, grid.assignment!.id, "pl2.xlsx", filled);
    expect(p.errors).toEqual([]);
    expect(p.previewId).toBeTruthy();
    const byKey = new Map(p.changes.map((c) => [`${c.rowName}|${c.columnKey}`, c]));
    expect(p.changes).toHaveLength(4);
    expect(byKey.get("Theo giá hiện hành|value:2019:HP")).toMatchObject({ old: { value: null, version: 0 }, new: { value: 1_038_290.5, status: "chinh-thuc" }, sheet: "Phụ lục 2" });
    expect(byKey.get("Theo giá hiện hành|value:2020:HP")?.new).toEqual({ value: 1_100_000, status: "so-bo" });
    // A blank status takes the column's proposed status (2023 in a campaign of 2024: preliminary).
    expect(byKey.get("Tốc độ tăng trưởng kinh tế bình quân/năm|value:2023:HP")?.new).toEqual({ value: 10.34, status: "so-bo" });
    const applied = await svc().apply(thongke, grid.assignment!.id, p.previewId!, false);
    expect(applied).toEqual({ cells: 4, texts: 0 });
    const after = await grids().grid(thongke, pl2);
    expect(after.rows.find((r) => r.indicatorCode === "GRDP_HH")!.cells["value:2019:HP"]).toMatchObject({ value: 1_038_290.5, status: "chinh-thuc", version: 1 });
    // Applying twice is refused; uploading the new download again changes nothing.
    expect((await fail(svc().apply(thongke, grid.assignment!.id, p.previewId!, false))).statusCode).toBe(404);
    const again = await svc().preview(thongke, grid.assignment!.id, "pl2.xlsx", await download(thongke, grid.assignment!.id));
    expect(again).toMatchObject({ changes: [], errors: [], previewId: null });
  });

  it("rows moved around in the sheet still match by their hidden keys", async () => {
    const bytes = await download(thongke, grid.assignment!.id);
    const moved = await edit(bytes, (ws, at, layout) => {
      const a = Number(at("GRDP_SS2010", "value:2018:HP").row);
      const b = Number(at("VON_DTXH", "value:2018:HP").row);
      for (let c = 1; c <= layout.keyCol; c++) {
        const x = ws.getCell(a, c).value;
        ws.getCell(a, c).value = ws.getCell(b, c).value;
        ws.getCell(b, c).value = x;
      }
      at("GRDP_SS2010", "value:2018:HP").value = 700_123;
      at("VON_DTXH", "value:2018:HP").value = 123_456;
    });
    const p = await svc().preview(thongke, grid.assignment!.id, "pl2.xlsx", moved);
    expect(p.errors).toEqual([]);
    expect(p.changes.map((c) => [c.rowName, c.new.value]).sort()).toEqual([
      ["Theo giá so sánh 2010", 700_123],
      ["Tổng vốn", 123_456],
    ]);
  });

  it("errors name sheet and cell: wrong-locale numbers, formulas without a numeric result, bad statuses; nothing can be applied", async () => {
    const bytes = await download(thongke, grid.assignment!.id);
    const cell = await address(bytes, "GRDP_TANG_TRUONG", "value:2021:HP");
    const formulaCell = await address(bytes, "GRDP_TANG_TRUONG", "value:2022:HP");
    const bad = await edit(bytes, (_ws, at) => {
      at("GRDP_TANG_TRUONG", "value:2021:HP").value = "1.5";
      at("GRDP_TANG_TRUONG", "value:2022:HP").value = { formula: "D20&\"x\"", result: "abc" };
      at("GRDP_SS2010", "value:2023:HP").value = { formula: "D20*2", result: 42 };
      at("GRDP_SS2010", "value:2022:HP").value = 5;
      at("GRDP_SS2010", "value:2022:HP", true).value = "Tạm tính";
    });
    const p = await svc().preview(thongke, grid.assignment!.id, "pl2.xlsx", bad);
    expect(p.previewId).toBeNull();
    const messages = p.errors.map((e) => e.message);
    expect(messages.some((m) => m.startsWith(`Phụ lục 2!${cell}: '1.5' không phải số hợp lệ`))).toBe(true);
    expect(messages).toContain(`Phụ lục 2!${formulaCell}: ô chứa công thức (=D20&"x") không có kết quả là số; hãy nhập giá trị thay cho công thức`);
    expect(messages.some((m) => /trạng thái 'Tạm tính' không hợp lệ/.test(m))).toBe(true);
    // A formula with a numeric cached result is taken as its value.
    expect(p.changes.find((c) => c.columnKey === "value:2023:HP" && c.rowName === "Theo giá so sánh 2010")?.new.value).toBe(42);
  });

  it("a workbook of another campaign, of another agency, or with a forged signature is refused", async () => {
    const ctGrid = await grids().grid(thongke, ctPl1);
    const otherCampaign = await download(thongke, ctGrid.assignment!.id);
    const e1 = await fail(svc().preview(thongke, grid.assignment!.id, "ct15.xlsx", otherCampaign));
    expect(e1.statusCode).toBe(422);
    expect(e1.message).toContain("thuộc một đợt tổng hợp khác");
    const taichinh = await userContext(t.container, "taichinh");
    const tcGrid = await grids().grid(taichinh, pl2);
    const otherAgency = await download(taichinh, tcGrid.assignment!.id);
    const e2 = await fail(svc().preview(thongke, grid.assignment!.id, "gt.xlsx", otherAgency));
    expect(e2.message).toMatch(/là phần của Sở Tài chính, không phải của .*Thống kê/);
    const forged = await (async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(otherAgency as unknown as ArrayBuffer);
      wb.getWorksheet(META_SHEET)!.getCell(4, 2).value = grid.agency!.id;
      return new Uint8Array(await wb.xlsx.writeBuffer());
    })();
    const e3 = await fail(svc().preview(thongke, grid.assignment!.id, "forged.xlsx", forged));
    expect(e3.message).toContain("Chữ ký của tệp không đúng");
    const blank = new ExcelJS.Workbook();
    blank.addWorksheet("Phụ lục 2").getCell("A1").value = 1;
    const e4 = await fail(svc().preview(thongke, grid.assignment!.id, "blank.xlsx", new Uint8Array(await blank.xlsx.writeBuffer())));
    expect(e4.message).toContain("không phải tệp Excel tải từ Tổng hợp");
  });

  it("zip bombs, macro-enabled files, external links and oversize files are refused before exceljs reads them", async () => {
    const a = grid.assignment!.id;
    const bytes = await download(thongke, a);
    const entries = unzipSync(bytes);
    const rezip = (extra: Record<string, Uint8Array>) => zipSync({ ...entries, ...extra });

    const macro = await fail(svc().preview(thongke, a, "pl2.xlsx", rezip({ "xl/vbaProject.bin": strToU8("macro") })));
    expect(macro.message).toContain("có macro");
    const xlsm = await fail(svc().preview(thongke, a, "pl2.xlsm", bytes));
    expect(xlsm.message).toContain("(.xlsm)");
    const links = await fail(svc().preview(thongke, a, "pl2.xlsx", rezip({ "xl/externalLinks/externalLink1.xml": strToU8("<externalLink/>") })));
    expect(links.message).toContain("liên kết tới tệp bên ngoài");

    // A bomb that declares its size: 60 MB of zeros in a few dozen kilobytes.
    const zeros = new Uint8Array(60 * 1024 * 1024);
    const bomb = zipSync({ "xl/workbook.xml": strToU8("<workbook/>"), "xl/worksheets/sheet1.xml": zeros }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const e1 = await fail(svc().preview(thongke, a, "bomb.xlsx", bomb));
    expect(e1.message).toContain("nghi là tệp nén độc hại");
    // A bomb that lies in its directory: the declared sizes are patched to 1 000 bytes.
    const liar = bomb.slice();
    const view = new DataView(liar.buffer);
    for (let i = 0; i + 4 <= liar.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, Math.min(view.getUint32(i + 22, true), 1000), true);
      if (sig === 0x02014b50) view.setUint32(i + 24, Math.min(view.getUint32(i + 24, true), 1000), true);
    }
    const e2 = await fail(svc().preview(thongke, a, "liar.xlsx", liar));
    expect(e2.message).toMatch(/giải nén lớn hơn khai báo|nghi là tệp nén độc hại/);

    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big[0] = 0x50;
    big[1] = 0x4b;
    const e3 = await fail(svc().preview(thongke, a, "big.xlsx", big));
    expect(e3.statusCode).toBe(413);
    const old = await fail(svc().preview(thongke, a, "old.xls", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])));
    expect(old.message).toContain(".xls");
    const junk = await fail(svc().preview(thongke, a, "x.xlsx", strToU8("không phải excel")));
    expect(junk.message).toContain("không phải bảng tính Excel");
  });

  it("a cell changed by someone after the preview makes the apply fail with the conflict, nothing written", async () => {
    const a = grid.assignment!.id;
    const bytes = await download(thongke, a);
    const filled = await edit(bytes, (_ws, at) => {
      at("GRDP_BQ_NGUOI_HH", "value:2021:HP").value = 110.5;
      at("GRDP_BQ_NGUOI_SS2010", "value:2021:HP").value = 70.1;
    });
    const p = await svc().preview(thongke, a, "pl2.xlsx", filled);
    expect(p.changes).toHaveLength(2);
    const g = await grids().grid(thongke, pl2);
    const r = g.rows.find((x) => x.indicatorCode === "GRDP_BQ_NGUOI_HH")!;
    await grids().save(thongke, a, { cells: [{ rowId: r.id, columnKey: "value:2021:HP", value: 111, status: "chinh-thuc", baseVersion: 0 }], texts: [] });
    const err = await fail(svc().apply(thongke, a, p.previewId!, false));
    expect(err.code).toBe("VERSION_CONFLICT");
    const after = await grids().grid(thongke, pl2);
    expect(after.rows.find((x) => x.indicatorCode === "GRDP_BQ_NGUOI_SS2010")!.cells["value:2021:HP"]).toMatchObject({ value: null });
  });

  it("only the agency's own editor may upload; another agency's user gets 403", async () => {
    const bytes = await download(thongke, grid.assignment!.id);
    const err = await fail(svc().preview(giaothong, grid.assignment!.id, "pl2.xlsx", bytes));
    expect(err.statusCode).toBe(403);
    expect(columnLetter(28)).toBe("AB");
  });
});
