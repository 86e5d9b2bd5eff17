import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, login, newContext, pickOption, screenshot } from "./support/browser.js";

async function csrf(page: Page): Promise<string> {
  return ((await (await page.request.get("/api/auth/me")).json()) as { csrfToken: string }).csrfToken;
}

/** Clicks a download button and returns the saved file's bytes. */
async function download(page: Page, testId: string): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  return readFileSync(await dl.path());
}

const isoInDays = (n: number) => new Date(Date.now() + n * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);

describe("H: comment round with the tiếp thu, giải trình table", () => {
  let browser: Browser;
  let campaignId: string;
  let campaignName: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    // A CV2830 whose every part is written and accepted (the administrator's demo data, through the API), compiled
    // into a draft by the coordinator (through the API: compiling is tested in compile.e2e.ts).
    const admin = await (await newContext(browser)).newPage();
    await login(admin, "quantri");
    const demo = await admin.request.post("/api/analytics/demo-campaigns", { headers: { "x-csrf-token": await csrf(admin) }, data: { template: "cv2830-2024-so-ket-nq45", fraction: 1, accept: true }, timeout: 120_000 });
    expect(demo.status()).toBe(200);
    campaignId = ((await demo.json()) as { campaignId: string }).campaignId;
    await admin.context().close();
    const coordinator = await (await newContext(browser)).newPage();
    await login(coordinator, "tonghop");
    const compiled = await coordinator.request.post(`/api/campaigns/${campaignId}/compile`, { headers: { "x-csrf-token": await csrf(coordinator) }, data: { scope: { kind: "whole" } }, timeout: 180_000 });
    expect(compiled.status()).toBe(201);
    campaignName = ((await (await coordinator.request.get("/api/campaigns")).json()) as Array<{ id: string; name: string }>).find((c) => c.id === campaignId)!.name;
    await coordinator.context().close();
  }, 300_000);
  afterAll(async () => browser?.close());

  it("the coordinator opens a round; a reviewer comments on a paragraph and a Phụ lục 2 cell; the lead agencies answer; the table has both rows", async () => {
    // --- the coordinator opens the round for Sở Tài chính and Sở Công Thương
    const coord = await (await newContext(browser)).newPage();
    await login(coord, "tonghop");
    await coord.goto("/gop-y");
    await coord.getByTestId("open-round").click();
    await coord.getByTestId("round-campaign").click();
    await pickOption(coord, campaignName);
    await coord.getByTestId("round-draft").click();
    await pickOption(coord, "Dự thảo lần 1");
    await coord.getByTestId("round-title").fill("Lấy ý kiến dự thảo báo cáo sơ kết lần 1");
    await coord.getByTestId("round-deadline").fill(isoInDays(10));
    await coord.getByLabel("Cơ quan được lấy ý kiến").click();
    await coord.keyboard.type("Sở Tài chính");
    await pickOption(coord, "Sở Tài chính");
    await coord.keyboard.type("Sở Công Thương");
    await pickOption(coord, "Sở Công Thương");
    await coord.keyboard.press("Escape");
    await coord.getByTestId("open-round-submit").click();
    await coord.waitForURL(/\/gop-y\/[0-9a-f-]{36}$/);
    const roundUrl = new URL(coord.url()).pathname;
    await expect.poll(() => coord.getByText("Sở Tài chính; Sở Công Thương").isVisible()).toBe(true);
    await screenshot(coord, "h-round-opened");

    // --- a reviewer (Sở Tài chính) comments on a paragraph and on a Phụ lục 2 cell
    const reviewer = await (await newContext(browser)).newPage();
    await login(reviewer, "taichinh");
    await reviewer.goto(roundUrl);
    await reviewer.getByRole("tab", { name: "Dự thảo — góp ý" }).click();
    const waterways = reviewer.getByTestId("draft-section").filter({ hasText: "đường thuỷ nội địa" }).first();
    const paragraph = waterways.getByTestId("paragraph").first();
    await expect.poll(() => paragraph.isVisible(), { timeout: 30_000 }).toBe(true);
    const paragraphText = (await paragraph.textContent())!;
    await paragraph.click();
    await reviewer.getByTestId("comment-body").fill("Đề nghị bổ sung số liệu hàng hoá thông qua cảng thuỷ nội địa năm 2023.");
    await reviewer.getByTestId("comment-submit").click();
    await expect.poll(() => reviewer.getByTestId("comment-body").count()).toBe(0);
    const cell = reviewer.locator('[data-testid^="cell-"][data-row-label="1. Tốc độ tăng trưởng kinh tế bình quân/năm"]').filter({ hasText: /\d/ }).first();
    await cell.scrollIntoViewIfNeeded();
    const cellText = (await cell.textContent())!;
    await cell.click();
    await reviewer.getByTestId("comment-body").fill("Số liệu tăng trưởng chưa khớp niên giám thống kê; đề nghị rà soát.");
    await reviewer.getByTestId("comment-submit").click();
    await expect.poll(() => reviewer.getByTestId("comment-body").count()).toBe(0);
    await reviewer.getByRole("tab", { name: /Ý kiến/ }).click();
    await expect.poll(() => reviewer.getByTestId("comment-item").count()).toBe(2);
    const agencies = await reviewer.getByTestId("comment-agency").allTextContents();
    expect(agencies).toEqual(["Sở Giao thông vận tải", "Cục Thống kê thành phố Hải Phòng"]);
    expect(await reviewer.getByTestId("comment-item").first().textContent()).toContain(paragraphText.slice(0, 40));
    expect(await reviewer.getByTestId("comment-item").nth(1).textContent()).toContain(cellText);
    await screenshot(reviewer, "h-comments");

    // --- the lead agency of the paragraph answers Tiếp thu from its task list ("Ý kiến cần xử lý")
    const transport = await (await newContext(browser)).newPage();
    await login(transport, "giaothong");
    await transport.goto("/viec-cua-don-vi");
    await expect.poll(() => transport.getByTestId("comment-inbox-title").isVisible(), { timeout: 30_000 }).toBe(true);
    await transport.getByTestId("answer-button").first().click();
    await transport.locator(".ant-modal .ant-radio-button-wrapper").filter({ hasText: /^Tiếp thu$/ }).click();
    await transport.getByTestId("answer-text").fill("Đã bổ sung sản lượng hàng hoá qua cảng thuỷ nội địa năm 2023 vào đoạn này.");
    await transport.getByTestId("answer-submit").click();
    await expect.poll(() => transport.getByTestId("comment-answer-kind").first().textContent()).toContain("Tiếp thu");
    await screenshot(transport, "h-inbox-answered");

    // --- the statistics office answers the cell with Giải trình
    const stats = await (await newContext(browser)).newPage();
    await login(stats, "thongke");
    await stats.goto(roundUrl);
    const mine = stats.getByTestId("comment-item").filter({ has: stats.getByTestId("answer-button") });
    await expect.poll(() => mine.count(), { timeout: 30_000 }).toBe(1);
    await mine.getByTestId("answer-button").click();
    await stats.locator(".ant-modal .ant-radio-button-wrapper").filter({ hasText: /^Giải trình$/ }).click();
    await stats.getByTestId("answer-text").fill("Số liệu theo niên giám sơ bộ năm 2023; sẽ cập nhật khi có số liệu chính thức.");
    await stats.getByTestId("answer-submit").click();
    await expect.poll(() => stats.getByTestId("comment-answer-kind").allTextContents()).toEqual(["Tiếp thu", "Giải trình"]);

    // --- the coordinator downloads the table: both rows with their answers
    await coord.reload();
    await expect.poll(() => coord.getByTestId("round-counts").textContent()).toContain("2 ý kiến, đã trả lời 2");
    const docx = await download(coord, "table-docx");
    const xml = strFromU8(unzipSync(docx)["word/document.xml"]!);
    expect(xml).toContain("BẢNG TỔNG HỢP TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý");
    expect(xml).toContain("Tiếp thu: Đã bổ sung sản lượng hàng hoá qua cảng thuỷ nội địa năm 2023 vào đoạn này.");
    expect(xml).toContain("Giải trình: Số liệu theo niên giám sơ bộ năm 2023");
    // The NĐ 30 header of the issuer (CV2830 is issued in the Party format).
    expect(xml).toMatch(/CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM/);
    expect(xml).toContain("Nơi nhận:");
    const xlsx = await download(coord, "table-xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: string[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (typeof v === "string" || typeof v === "number" ? String(v) : ""))));
    const header = rows.findIndex((r) => r[0] === "TT");
    expect(rows[header]).toEqual(["TT", "Cơ quan góp ý", "Nội dung góp ý", "Vị trí trong dự thảo", "Ý kiến tiếp thu, giải trình", "Cơ quan xử lý"]);
    const body = rows.slice(header + 1);
    expect(body).toHaveLength(2);
    expect(body[0]).toEqual([
      "1",
      "Sở Tài chính",
      "Đề nghị bổ sung số liệu hàng hoá thông qua cảng thuỷ nội địa năm 2023.",
      expect.stringContaining("đường thuỷ nội địa"),
      "Tiếp thu: Đã bổ sung sản lượng hàng hoá qua cảng thuỷ nội địa năm 2023 vào đoạn này.",
      "Sở Giao thông vận tải",
    ]);
    expect(body[1]![3]).toContain("Phụ lục 2");
    expect(body[1]![4]).toMatch(/^Giải trình: /);
    expect(body[1]![5]).toBe("Cục Thống kê thành phố Hải Phòng");
    await screenshot(coord, "h-round-answered");
    for (const p of [coord, reviewer, transport, stats]) await p.context().close();
  }, 240_000);
});
