import { readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MyAssignmentGroupDto } from "@tonghop/contracts";
import { checkNd30 } from "../apps/server/src/exports/docx/nd30-checker.js";
import { launchBrowser, login, newContext, screenshot } from "./support/browser.js";

const CODE = `cv2830-e-${Date.now()}`;
const ITEM_TITLE = "Quy mô kinh tế và tổng sản phẩm bình quân đầu người";
const STATISTICS = "Cục Thống kê thành phố Hải Phòng";
const TRANSPORT = "Sở Giao thông vận tải";
const RETURN_REASON = "Bổ sung số liệu GRDP năm 2023 theo số chính thức của Tổng cục Thống kê.";
const EXTENSION_REASON = "Sở đề nghị lùi hạn để tổng hợp số liệu các cảng biển.";
const SUMMARY = "V/v đôn đốc gửi báo cáo sơ kết 05 năm thực hiện Nghị quyết số 45-NQ/TW (lần 1)";

async function csrf(page: Page): Promise<string> {
  return ((await (await page.request.get("/api/auth/me")).json()) as { csrfToken: string }).csrfToken;
}

/** A date n days from today (Asia/Ho_Chi_Minh) as the date pickers take it: DD/MM/YYYY. */
function vnDateInDays(n: number): string {
  const [y, m, d] = new Date(Date.now() + n * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}

/** Plain text of a DOCX body (runs joined, paragraphs on their own lines). */
function docxText(bytes: Uint8Array): string {
  const xml = strFromU8(unzipSync(bytes)["word/document.xml"]!);
  return xml
    .replace(/<\/w:p>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"');
}

describe("E: the coordinator console — late agencies, review, công văn đôn đốc", () => {
  let browser: Browser;
  let campaignId = "";
  let statisticsId = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    // The coordinator publishes CV2830 under a code of its own (through the API: the upload UI is tested in
    // campaigns.e2e.ts). Its deadlines (May 2024) are past: every agency that has not sent is late.
    const coordinator = await (await newContext(browser)).newPage();
    await login(coordinator, "tonghop");
    const text = readFileSync(path.resolve(import.meta.dirname, "../templates/cv2830-2024-so-ket-nq45.yaml"), "utf8");
    const imported = await coordinator.request.post("/api/campaigns/import", { headers: { "x-csrf-token": await csrf(coordinator) }, data: { text, code: CODE } });
    expect(imported.status()).toBe(201);
    campaignId = ((await imported.json()) as { campaignId: string }).campaignId;
    expect((await coordinator.request.post(`/api/campaigns/${campaignId}/publish`, { headers: { "x-csrf-token": await csrf(coordinator) }, data: {} })).status()).toBe(200);
    await coordinator.context().close();

    // The Cục Thống kê officer writes one item and submits it; the leader sends it (the UI of these steps is tested in
    // workspace-sections.e2e.ts).
    const officer = await (await newContext(browser)).newPage();
    await login(officer, "thongke");
    const me = (await (await officer.request.get("/api/auth/me")).json()) as { csrfToken: string; user: { agencyId: string } };
    statisticsId = me.user.agencyId;
    const groups = (await (await officer.request.get("/api/me/assignments")).json()) as MyAssignmentGroupDto[];
    const assignment = groups.find((g) => g.campaign.code === CODE)!.assignments.find((a) => a.outlineItem?.title === ITEM_TITLE)!;
    const saved = await officer.request.put(`/api/workspace/sections/${assignment.id}/${assignment.outlineItem!.id}`, {
      headers: { "x-csrf-token": me.csrfToken },
      data: { html: "<p>Quy mô kinh tế thành phố năm 2023 đạt 140.000 tỷ đồng, gấp 1,6 lần năm 2018.</p>", baseVersion: 0 },
    });
    expect(saved.status()).toBe(200);
    const step = async (page: Page, action: string) => {
      const { version } = (await (await page.request.get(`/api/workspace/workflow/${assignment.id}`)).json()) as { version: number };
      const res = await page.request.post(`/api/workspace/workflow/${assignment.id}`, { headers: { "x-csrf-token": await csrf(page) }, data: { action, version } });
      expect(res.status(), await res.text()).toBe(200);
    };
    await step(officer, "submit");
    await officer.context().close();
    const leader = await (await newContext(browser)).newPage();
    await login(leader, "thongke.lanhdao");
    await step(leader, "send");
    await leader.context().close();
  });
  afterAll(async () => browser?.close());

  it("the coordinator extends one agency's deadline, filters the late agencies and returns a sent item with a reason", async () => {
    const p = await (await newContext(browser)).newPage();
    await login(p, "tonghop");
    await p.goto(`/dot/${campaignId}/tien-do`);
    const grid = p.getByTestId("progress-grid");
    await expect.poll(() => grid.isVisible(), { timeout: 30_000 }).toBe(true);
    const all = Number(await grid.getAttribute("data-rows"));
    expect(all).toBeGreaterThan(20);
    // Each cell says its state in words (readable without colour).
    await expect.poll(() => p.locator('[data-testid^="progress-cell-"]').first().textContent()).toMatch(/Quá hạn \d+ ngày|Đã gửi/);
    await screenshot(p, "e-progress-all");

    // Extension for Sở Giao thông vận tải (found by typing without diacritics), from the agency's drawer.
    const search = p.getByPlaceholder("Tìm cơ quan (gõ không dấu được)");
    await search.fill("giao thong van tai");
    await expect.poll(() => grid.getAttribute("data-rows")).toBe("1");
    await p.locator('[data-testid^="progress-agency-"]').first().click();
    await p.getByTestId("agency-extend").click();
    const dialog = p.getByRole("dialog", { name: `Gia hạn cho ${TRANSPORT}` });
    await dialog.getByTestId("extension-ok").click();
    await expect.poll(() => dialog.getByText("Phải nêu lý do gia hạn").isVisible()).toBe(true);
    await dialog.getByTestId("extension-date").click();
    await p.keyboard.type(vnDateInDays(30));
    await p.keyboard.press("Enter");
    await dialog.getByTestId("extension-reason").fill(EXTENSION_REASON);
    await dialog.getByTestId("extension-ok").click();
    await expect.poll(() => p.getByText(/Đã gia hạn \d+ phần việc đến/).isVisible(), { timeout: 20_000 }).toBe(true);
    await p.keyboard.press("Escape");

    // "Quá hạn": fewer agencies; Sở GTVT (extended) is not among them, Cục Thống kê (still owing other items) is.
    await search.fill("");
    await p.getByTestId("filter-late").click();
    await expect.poll(() => p.url()).toContain("loc=late");
    await expect.poll(async () => Number(await grid.getAttribute("data-rows"))).toBeLessThan(all);
    expect(Number(await grid.getAttribute("data-rows"))).toBeGreaterThan(0);
    await expect.poll(() => p.getByTestId("progress-count").textContent()).toMatch(/^\d+ cơ quan × \d+ phần việc$/);
    await screenshot(p, "e-progress-late");
    await search.fill("giao thong");
    await expect.poll(() => p.getByText("Không có cơ quan nào quá hạn.").isVisible()).toBe(true);
    await search.fill("thong ke");
    await expect.poll(() => grid.getAttribute("data-rows")).toBe("1");
    expect(await p.locator('[data-testid^="progress-agency-"]').first().textContent()).toContain(STATISTICS);
    expect(await p.locator('[data-testid^="progress-cell-"][data-status="not_started"]').first().textContent()).toMatch(/Quá hạn \d+ ngày/);

    // "Đã gửi, chờ tiếp nhận": only the item the Cục Thống kê sent; its column opens the review screen.
    await p.getByTestId("filter-waiting").click();
    await expect.poll(() => grid.getAttribute("data-cols")).toBe("1");
    expect(await p.locator('[data-testid^="progress-cell-"][data-status="sent"]').count()).toBe(1);
    await p.locator('[data-testid^="progress-col-"]').first().click();
    await p.waitForURL(/\/xem-xet\/[0-9a-f-]{36}$/);
    await expect.poll(() => p.getByTestId("review-title").textContent(), { timeout: 30_000 }).toContain(ITEM_TITLE);
    const part = p.getByTestId(`review-part-${statisticsId}`);
    await expect.poll(() => part.textContent()).toContain("140.000 tỷ đồng");
    expect(await part.getByTestId("review-part-status").textContent()).toBe("Đã gửi");

    // Return needs a reason.
    await part.getByTestId("review-return").click();
    await p.getByTestId("review-action-ok").click();
    await expect.poll(() => p.getByText("Phải nêu lý do", { exact: true }).isVisible()).toBe(true);
    await p.getByTestId("review-reason").fill(RETURN_REASON);
    await p.getByTestId("review-action-ok").click();
    await expect.poll(() => part.getByTestId("review-part-status").textContent(), { timeout: 20_000 }).toMatch(/^Bị trả lại · quá hạn \d+ ngày$/);
    await expect.poll(() => part.textContent()).toContain(`Lý do trả lại: ${RETURN_REASON}`);
    await screenshot(p, "e-review-returned");

    // Back on the matrix, the cell reads "Bị trả lại".
    await p.goto(`/dot/${campaignId}/tien-do?loc=returned`);
    await expect.poll(() => grid.getAttribute("data-rows"), { timeout: 30_000 }).toBe("1");
    expect(await p.locator('[data-testid^="progress-cell-"][data-status="returned"]').first().textContent()).toContain("Bị trả lại");
    await p.context().close();
  });

  it("the agency sees the coordinator's reason", async () => {
    const p = await (await newContext(browser)).newPage();
    await login(p, "thongke");
    await p.goto("/viec-cua-don-vi");
    const card = p.getByTestId(`tasks-${CODE}`);
    await card.getByRole("link", { name: ITEM_TITLE }).first().click();
    await p.waitForURL(/\/muc\/[0-9a-f-]{36}$/);
    await expect.poll(() => p.getByTestId("return-reason").textContent(), { timeout: 30_000 }).toContain(RETURN_REASON);
    await p.context().close();
  });

  it("the coordinator edits and downloads the công văn đôn đốc, which passes the NĐ 30 checks of the compiled report, and records its issuing", async () => {
    const p = await (await newContext(browser)).newPage();
    await login(p, "tonghop");
    await p.goto(`/dot/${campaignId}/tien-do?loc=late`);
    await p.getByTestId("to-chase-letter").click();
    await p.waitForURL(/\/don-doc/);
    const summary = p.getByTestId("chase-summary");
    await expect.poll(() => summary.inputValue(), { timeout: 30_000 }).toMatch(/^V\/v đôn đốc/);
    // The late agencies are listed with what they owe; the extended one is not.
    await expect.poll(() => p.getByText(new RegExp(`^\\d+\\. ${STATISTICS}$`)).isVisible()).toBe(true);
    expect(await p.getByText(new RegExp(`^\\d+\\. ${TRANSPORT}$`)).count()).toBe(0);

    // Edited before download: trích yếu and number.
    await summary.fill(SUMMARY);
    await p.locator('input[data-testid="chase-number"], [data-testid="chase-number"] input').fill("15");
    await screenshot(p, "e-chase-letter");
    const [dl] = await Promise.all([p.waitForEvent("download"), p.getByTestId("chase-download").click()]);
    expect(dl.suggestedFilename()).toMatch(/\.docx$/);
    const bytes = new Uint8Array(readFileSync(await dl.path()));
    const checks = checkNd30(bytes, { kind: "cong-van" });
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.rule)).toEqual(expect.arrayContaining(["number", "place-date", "summary", "title", "recipients", "page-number"]));
    const text = docxText(bytes);
    expect(text).toContain(SUMMARY);
    expect(text).toMatch(/Số: 15\//);
    expect(text).toContain(STATISTICS);
    expect(text).not.toContain(TRANSPORT);

    // Issuing is recorded.
    await p.getByTestId("chase-issue").click();
    await p.getByRole("dialog").getByRole("button", { name: "Ghi nhận" }).click();
    await expect.poll(() => p.getByText(/Đã ghi nhận công văn/).isVisible(), { timeout: 20_000 }).toBe(true);
    const issued = p.locator(".ant-card", { hasText: "Công văn đôn đốc đã ban hành" });
    await expect.poll(() => issued.textContent(), { timeout: 20_000 }).toMatch(/15\/[^\s]*\d{2}\/\d{1,2}\/\d{4}/);
    expect(await issued.textContent()).toContain(STATISTICS);
    await screenshot(p, "e-chase-issued");
    await p.context().close();
  });
});
