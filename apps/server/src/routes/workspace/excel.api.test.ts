import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExcelPreviewDto, IndicatorGridDto } from "@tonghop/contracts";
import { appendices } from "../../db/schema/index.js";
import { META_SHEET, type WorkbookLayout } from "../../services/workspace/excel-workbook.js";
import { importSeedCampaign } from "../../test/campaign-fixtures.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/test-app.js";

/** A multipart/form-data body with one file field. */
function multipart(fileName: string, bytes: Uint8Array): { payload: Buffer; headers: Record<string, string> } {
  const boundary = "----tonghop" + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n",
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(bytes), tail]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

describe("API: Excel round-trip", () => {
  let t: TestApp;
  let pl2: string;
  let thongke: TestClient;
  let taichinh: TestClient;
  let tonghop: TestClient;
  let xem: TestClient;
  let grid: IndicatorGridDto;

  const base = () => `/api/workspace/indicators/assignments/${grid.assignment!.id}/workbook`;
  const upload = (c: TestClient, fileName: string, bytes: Uint8Array) => {
    const { payload, headers } = multipart(fileName, bytes);
    return c.inject({ method: "POST", url: `${base()}/preview`, payload, headers });
  };

  beforeAll(async () => {
    t = await createTestApp();
    const cv = (await importSeedCampaign(t.container, "cv2830-2024-so-ket-nq45", { publish: true })).campaignId;
    pl2 = (await t.container.db.select().from(appendices).where(and(eq(appendices.campaignId, cv), eq(appendices.code, "PL2"))))[0]!.id;
    thongke = await t.login("thongke");
    taichinh = await t.login("taichinh");
    tonghop = await t.login("tonghop");
    xem = await t.login("xem");
    grid = (await thongke.get(`/api/workspace/indicators/${pl2}`)).json<IndicatorGridDto>();
  });
  afterAll(async () => t.close());

  it("downloads, uploads a filled copy, previews, applies", async () => {
    const res = await thongke.get(base());
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(String(res.headers["content-disposition"])).toContain("filename*=UTF-8''Ph%E1%BB%A5%20l%E1%BB%A5c%202");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const layout = JSON.parse(wb.getWorksheet(META_SHEET)!.getCell(7, 2).text) as WorkbookLayout;
    const ws = wb.getWorksheet(layout.sheet)!;
    const col = layout.columns.find((c) => c.key === "value:2018:HP")!.col;
    let r = layout.firstDataRow;
    while (!ws.getCell(r, layout.keyCol).text.endsWith("|GRDP_HH")) r++;
    ws.getCell(r, col).value = "987.654";
    const filled = new Uint8Array(await wb.xlsx.writeBuffer());

    const preview = await upload(thongke, "Phụ lục 2.xlsx", filled);
    expect(preview.statusCode).toBe(200);
    const p = preview.json<ExcelPreviewDto>();
    expect(p.changes).toHaveLength(1);
    expect(p.changes[0]).toMatchObject({ new: { value: 987_654 }, old: { value: null } });
    const applied = await thongke.post(`${base()}/apply`, { previewId: p.previewId });
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toEqual({ cells: 1, texts: 0 });
  });

  it("another agency, a viewer and a coordinator cannot upload or apply (403); another agency cannot download", async () => {
    const bytes = new Uint8Array((await thongke.get(base())).rawPayload);
    for (const c of [taichinh, xem, tonghop]) {
      expect((await upload(c, "x.xlsx", bytes)).statusCode).toBe(403);
      expect((await c.post(`${base()}/apply`, { previewId: "00000000-0000-0000-0000-000000000000" })).statusCode).toBe(403);
    }
    expect((await taichinh.get(base())).statusCode).toBe(403);
    expect((await tonghop.get(base())).statusCode).toBe(200);
  });

  it("an upload over 10 MB is refused with 413 and the server stays up", async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 10);
    const res = await upload(thongke, "big.xlsx", big);
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toContain("10 MB");
    expect((await thongke.get(`/api/workspace/indicators/${pl2}`)).statusCode).toBe(200);
  });
});
