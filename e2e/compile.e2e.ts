import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, login, newContext, screenshot } from "./support/browser.js";

/** Clicks a download button and returns the saved file's bytes and suggested name. */
async function download(page: Page, testId: string, index = 0): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).nth(index).click()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(file) };
}

/** Imports and publishes the CT15 seed template through the API as the signed-in coordinator; returns its id. */
async function publishSeedCampaign(page: Page): Promise<string> {
  const me = await page.request.get("/api/auth/me");
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const text = readFileSync(path.resolve(import.meta.dirname, "../templates/ct15-2020-ke-hoach-5-nam.yaml"), "utf8");
  const imported = await page.request.post("/api/campaigns/import", { headers: { "x-csrf-token": csrfToken }, data: { text, code: `ct15-e2e-${Date.now()}` } });
  expect(imported.status()).toBe(201);
  const { campaignId } = (await imported.json()) as { campaignId: string };
  const published = await page.request.post(`/api/campaigns/${campaignId}/publish`, { headers: { "x-csrf-token": csrfToken }, data: {} });
  expect(published.status()).toBe(200);
  return campaignId;
}

describe("F: compiling the official report", () => {
  let browser: Browser;
  let campaignId: string;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it("the coordinator compiles a draft, sees the page budget and the NĐ 30 checks, downloads DOCX, XLSX and PDF", async () => {
    const p = await (await newContext(browser)).newPage();
    await login(p, "tonghop");
    campaignId = await publishSeedCampaign(p);
    await p.goto("/");
    await p.getByText("Lập báo cáo", { exact: true }).first().click();
    await p.waitForURL(/\/lap-bao-cao/);
    await p.goto(`/lap-bao-cao?dot=${campaignId}`);
    await expect.poll(() => p.getByText("Lập bản mới").isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => p.getByTestId("scope-select").textContent()).toContain("Toàn văn báo cáo");
    await p.getByTestId("compile-button").click();
    const card = p.getByTestId("last-compile");
    await expect.poll(() => card.isVisible(), { timeout: 100_000, interval: 1000 }).toBe(true);
    expect(await card.textContent()).toContain("Dự thảo lần 1 — Toàn văn báo cáo");
    // Page budget against the template's 70 pages, and the checker's verdict.
    const budget = card.getByTestId("page-budget");
    // CT15 sets no page limit: the body's pages are shown as counted from the PDF.
    expect(await budget.textContent()).toMatch(/\d+ +trang/);
    expect(await card.textContent()).toMatch(/\d+\/\d+ quy tắc NĐ 30 đạt/);
    await screenshot(p, "f-compile-draft");

    const docx = await download(p, "download-docx");
    expect(docx.name).toMatch(/^D.*\.docx$/);
    expect(docx.bytes.subarray(0, 2).toString()).toBe("PK");
    const xlsx = await download(p, "download-xlsx");
    expect(xlsx.name).toMatch(/Phụ lục\.xlsx$|Phu-luc\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe("PK");
    const pdf = await download(p, "download-pdf");
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-");

    // The draft's detail: the longest sections and every rule of the checker.
    await card.getByRole("button", { name: "Xem chi tiết" }).click();
    await expect.poll(() => p.getByText("Các mục dài nhất").isVisible()).toBe(true);
    await expect.poll(() => p.getByTestId("check-paper").isVisible()).toBe(true);
    expect(await p.getByTestId("check-page-number").textContent()).toContain("Số trang ở giữa");
    await screenshot(p, "f-compile-detail");
    await p.context().close();
  });

  it("a viewer sees no compile form and no drafts", async () => {
    const p = await (await newContext(browser)).newPage();
    await login(p, "xem");
    await p.goto(`/lap-bao-cao?dot=${campaignId}`);
    await expect.poll(() => p.getByText("Các bản đã lập").isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => p.getByText("Chưa có bản nào.").isVisible()).toBe(true);
    expect(await p.getByText("Lập bản mới").count()).toBe(0);
    await p.context().close();
  });
});
