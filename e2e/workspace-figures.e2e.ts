import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, launchBrowser, login, newContext, screenshot } from "./support/browser.js";

interface CampaignDetail {
  appendices: Array<{ id: string; code: string }>;
}

const CELL = (code: string, key: string) => `[data-cell="${code}|${key}"]`;

/** Pastes text into the focused grid as a browser paste event carrying a clipboard (what Ctrl+V from Excel gives). */
async function pasteInto(page: Page, text: string): Promise<void> {
  await page.getByTestId("indicator-grid").evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

async function saved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId("save-state").getAttribute("data-state"), { timeout: 20_000 }).toBe("saved");
}

/** Sets cells of the downloaded workbook: by indicator code (hidden key column) and column key (from the layout). */
async function editWorkbook(file: string, out: string, cells: Array<[code: string, columnKey: string, value: ExcelJS.CellValue]>): Promise<Record<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const layout = JSON.parse(wb.getWorksheet("_tonghop")!.getCell(7, 2).text) as { sheet: string; keyCol: number; firstDataRow: number; columns: Array<{ key: string; col: number }> };
  const ws = wb.getWorksheet(layout.sheet)!;
  const addresses: Record<string, string> = {};
  for (const [code, key, value] of cells) {
    let r = layout.firstDataRow;
    while (r <= ws.rowCount && !ws.getCell(r, layout.keyCol).text.endsWith(`|${code}`)) r++;
    const cell = ws.getCell(r, layout.columns.find((c) => c.key === key)!.col);
    cell.value = value;
    addresses[`${code}|${key}`] = cell.address;
  }
  await wb.xlsx.writeFile(out);
  return addresses;
}

describe("D1: the Cục Thống kê officer fills its Phụ lục 2 figures", () => {
  let browser: Browser;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    // The coordinator imports and publishes CV2830 under its own code (through the API: the UI is tested elsewhere).
    const coordinator = await (await newContext(browser)).newPage();
    await login(coordinator, "tonghop");
    const { csrfToken } = (await (await coordinator.request.get("/api/auth/me")).json()) as { csrfToken: string };
    const text = readFileSync(path.resolve(import.meta.dirname, "../templates/cv2830-2024-so-ket-nq45.yaml"), "utf8");
    const imported = await coordinator.request.post("/api/campaigns/import", { headers: { "x-csrf-token": csrfToken }, data: { text, code: `cv2830-d1-${Date.now()}` } });
    expect(imported.status()).toBe(201);
    const { campaignId } = (await imported.json()) as { campaignId: string };
    expect((await coordinator.request.post(`/api/campaigns/${campaignId}/publish`, { headers: { "x-csrf-token": csrfToken }, data: {} })).status()).toBe(200);
    const detail = (await (await coordinator.request.get(`/api/campaigns/${campaignId}`)).json()) as CampaignDetail;
    await coordinator.context().close();
    url = `/dot/${campaignId}/phu-luc/${detail.appendices.find((a) => a.code === "PL2")!.id}`;
    page = await (await newContext(browser)).newPage();
    await login(page, "thongke");
  });
  afterAll(async () => browser?.close());

  it("types figures the Vietnamese way: '1.5' is refused as typed, 8,5 is saved", async () => {
    await page.goto(url);
    await expect.poll(() => page.getByTestId("indicator-grid").isVisible(), { timeout: 30_000 }).toBe(true);
    // Only the agency's rows: no budget rows of Sở Tài chính.
    expect(await page.locator('tr[data-row="TONG_THU_NGAN_SACH"]').count()).toBe(0);

    await page.locator(CELL("GRDP_TANG_TRUONG", "value:2019:HP")).click();
    await page.keyboard.type("1.5");
    await expect.poll(() => page.getByTestId("cell-error").textContent()).toMatch(/^'1\.5' không phải số hợp lệ/);
    await page.keyboard.press("Enter");
    expect(await page.getByTestId("cell-editor").isVisible()).toBe(true);
    await page.getByTestId("cell-editor").fill("8,5");
    await page.keyboard.press("Tab");
    await page.keyboard.type("11,22");
    await page.keyboard.press("Tab");
    await page.keyboard.type("12,4");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(CELL("GRDP_TANG_TRUONG", "value:2020:HP")).textContent()).toContain("11,22");
    await saved(page);
    await screenshot(page, "d1-grid-typed");
  });

  it("pastes a block copied from Excel into two rows and six years", async () => {
    await page.locator(CELL("GRDP_SS2010", "value:2018:HP")).click();
    await pasteInto(page, "88.240\t95.800\t101.650\t108.940\t117.530\t129.210\r\n217.342\t247.021\t277.570\t313.290\t365.001\t408.330\r\n");
    await expect.poll(() => page.locator(CELL("GRDP_HH", "value:2023:HP")).textContent()).toContain("408.330");
    await saved(page);
    // A number in the wrong locale is reported and not pasted: the cell keeps what it had (figures are shared
    // between campaigns, so another scenario may have filled it).
    const untouched = await page.locator(CELL("GRDP_BQ_NGUOI_HH", "value:2018:HP")).textContent();
    await page.locator(CELL("GRDP_BQ_NGUOI_HH", "value:2018:HP")).click();
    await pasteInto(page, "107.5\t118,3");
    await expect.poll(() => page.getByTestId("paste-errors").textContent()).toContain("'107.5' không phải số hợp lệ");
    await page.getByRole("button", { name: "OK" }).click();
    await saved(page);

    await page.reload();
    await expect.poll(() => page.locator(CELL("GRDP_HH", "value:2018:HP")).textContent(), { timeout: 30_000 }).toContain("217.342");
    expect(await page.locator(CELL("GRDP_TANG_TRUONG", "value:2019:HP")).textContent()).toContain("8,5");
    expect(await page.locator(CELL("GRDP_BQ_NGUOI_HH", "value:2019:HP")).textContent()).toContain("118,3");
    expect(await page.locator(CELL("GRDP_BQ_NGUOI_HH", "value:2018:HP")).textContent()).toBe(untouched);
    // The period column is computed from the years (last year for a level).
    expect(await page.locator(CELL("GRDP_HH", "value:2019-2023:HP")).textContent()).toContain("408.330");
    await screenshot(page, "d1-grid-pasted");
  });

  it("Excel round-trip through the UI: one deliberate error named by sheet and cell, then fixed and applied", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("excel-download").click()]);
    const original = path.join(ARTIFACTS, "d1-phu-luc-2.xlsx");
    await download.saveAs(original);
    expect(download.suggestedFilename()).toMatch(/^Phụ lục 2 - .*\.xlsx$/);

    const bad = path.join(ARTIFACTS, "d1-phu-luc-2-loi.xlsx");
    const at = await editWorkbook(original, bad, [
      ["GRDP_BQ_NGUOI_SS2010", "value:2021:HP", "1.5"],
      ["GRDP_BQ_NGUOI_SS2010", "value:2022:HP", 74.6],
    ]);
    await page.getByTestId("excel-import").click();
    await page.locator('.ant-modal input[type="file"]').setInputFiles(bad);
    await expect
      .poll(() => page.getByTestId("excel-errors").textContent(), { timeout: 30_000 })
      .toContain(`Phụ lục 2!${at["GRDP_BQ_NGUOI_SS2010|value:2021:HP"]}: '1.5' không phải số hợp lệ`);
    expect(await page.getByTestId("excel-apply").isDisabled()).toBe(true);
    await screenshot(page, "d1-excel-error");

    const fixed = path.join(ARTIFACTS, "d1-phu-luc-2-sua.xlsx");
    await editWorkbook(bad, fixed, [["GRDP_BQ_NGUOI_SS2010", "value:2021:HP", "1,5"]]);
    writeFileSync(fixed, readFileSync(fixed));
    await page.locator('.ant-modal input[type="file"]').setInputFiles(fixed);
    await expect.poll(() => page.getByTestId("excel-changes").isVisible(), { timeout: 30_000 }).toBe(true);
    const changes = await page.getByTestId("excel-changes").textContent();
    expect(changes).toContain("74,6");
    expect(changes).toContain("1,5");
    await screenshot(page, "d1-excel-preview");
    await page.getByTestId("excel-apply").click();
    await expect.poll(() => page.locator(CELL("GRDP_BQ_NGUOI_SS2010", "value:2022:HP")).textContent(), { timeout: 20_000 }).toContain("74,6");
    expect(await page.locator(CELL("GRDP_BQ_NGUOI_SS2010", "value:2021:HP")).textContent()).toContain("1,5");
    await screenshot(page, "d1-excel-applied");
  });
});
