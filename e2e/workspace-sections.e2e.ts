import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, login, newContext, screenshot } from "./support/browser.js";

/**
 * The test publishes CV2830 under a code of its own: the e2e server runs with NODE_ENV=test (set by Vitest), which
 * loads no demo campaigns, and a code of its own keeps the test independent of other files' data.
 */
const CAMPAIGN_CODE = `cv2830-d-${Date.now()}`;
const ITEM_TITLE = "Quy mô kinh tế và tổng sản phẩm bình quân đầu người";
const RETURN_REASON = "Bổ sung so sánh với bình quân vùng đồng bằng sông Hồng năm 2023.";

async function docxFile(): Promise<string> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: "Thu nhập bình quân đầu người", heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ children: [new TextRun({ text: "GRDP bình quân đầu người năm 2023 đạt ", bold: false }), new TextRun({ text: "7.000 USD", bold: true }), new TextRun(", gấp 1,6 lần năm 2018.")] }),
        ],
      },
    ],
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), "tonghop-docx-"));
  const file = path.join(dir, "muc-1.2-GRDP-binh-quan.docx");
  writeFileSync(file, await Packer.toBuffer(doc));
  return file;
}

/** Confirms the antd Popconfirm opened by a workflow button. */
async function confirm(p: Page, label: string): Promise<void> {
  await p.locator(".ant-popover:not(.ant-popover-hidden) .ant-popconfirm-buttons").getByRole("button", { name: label }).click();
}

const state = (p: Page) => p.getByTestId("workflow-state").textContent();
const saveStatus = (p: Page) => p.getByTestId("save-status").textContent();

describe("D: narrative sections and the sign-off workflow", () => {
  let browser: Browser;
  let sectionUrl = "";
  let agencyId = "";
  beforeAll(async () => {
    browser = await launchBrowser();
    // The coordinator imports and publishes CV2830 (through the API: the upload UI is tested in campaigns.e2e.ts).
    const coordinator = await (await newContext(browser)).newPage();
    await login(coordinator, "tonghop");
    const { csrfToken } = (await (await coordinator.request.get("/api/auth/me")).json()) as { csrfToken: string };
    const text = readFileSync(path.resolve(import.meta.dirname, "../templates/cv2830-2024-so-ket-nq45.yaml"), "utf8");
    const imported = await coordinator.request.post("/api/campaigns/import", { headers: { "x-csrf-token": csrfToken }, data: { text, code: CAMPAIGN_CODE } });
    expect(imported.status()).toBe(201);
    const { campaignId } = (await imported.json()) as { campaignId: string };
    expect((await coordinator.request.post(`/api/campaigns/${campaignId}/publish`, { headers: { "x-csrf-token": csrfToken }, data: {} })).status()).toBe(200);
    await coordinator.context().close();
  });
  afterAll(async () => browser?.close());

  const page = async (): Promise<Page> => (await newContext(browser)).newPage();

  it("the Cục Thống kê officer writes a section, uploads a .docx for a sub-item and submits to the leader", async () => {
    const p = await page();
    await login(p, "thongke");
    agencyId = ((await (await p.request.get("/api/auth/me")).json()) as { user: { agencyId: string } }).user.agencyId;
    await p.goto("/viec-cua-don-vi");
    const card = p.getByTestId(`tasks-${CAMPAIGN_CODE}`);
    await card.getByRole("link", { name: ITEM_TITLE }).first().click();
    await p.waitForURL(/\/dot\/[0-9a-f-]{36}\/muc\/[0-9a-f-]{36}$/);
    sectionUrl = new URL(p.url()).pathname;
    await expect.poll(() => p.getByTestId("guidance").textContent()).toContain("so sánh với trung bình toàn quốc");

    // Write with formatting; autosave shows Chưa lưu → Đã lưu.
    const editor = p.getByTestId("section-editor");
    await editor.click();
    await p.keyboard.type("Quy mô kinh tế thành phố năm 2023 đạt ");
    await p.keyboard.press("Control+b");
    await p.keyboard.type("140.000 tỷ đồng");
    await p.keyboard.press("Control+b");
    await p.keyboard.type(", tăng 10,2% so với năm 2022.");
    await expect.poll(() => saveStatus(p), { timeout: 15_000 }).toBe("Đã lưu");
    await expect.poll(() => p.getByTestId("word-count").textContent()).toBe("18 từ");
    await screenshot(p, "d-section-written");

    // A sub-item from a Word file.
    await p.getByTestId("item-1.2").getByRole("link").click();
    await p.waitForURL((u) => u.pathname !== sectionUrl);
    await p.getByTestId("section-editor").waitFor();
    await p.locator('input[type="file"]').setInputFiles(await docxFile());
    await expect.poll(() => p.getByTestId("section-editor").textContent(), { timeout: 20_000 }).toContain("GRDP bình quân đầu người năm 2023 đạt 7.000 USD");
    await expect.poll(() => p.getByTestId("section-editor").locator("h3").textContent()).toBe("Thu nhập bình quân đầu người");
    await expect.poll(() => saveStatus(p)).toBe("Đã lưu");
    await screenshot(p, "d-section-docx");

    // Back on the assigned item: submit to the leader (the officer may not send to the coordinator).
    await p.goto(sectionUrl);
    await expect.poll(() => p.getByTestId("section-editor").textContent()).toContain("140.000 tỷ đồng");
    await expect.poll(() => p.getByTestId("wf-send").count()).toBe(0);
    await p.getByTestId("wf-submit").click();
    await confirm(p, "Trình lãnh đạo");
    await expect.poll(() => state(p)).toBe("Trình lãnh đạo");
    await expect.poll(() => p.getByTestId("save-status").textContent()).toBe("Chỉ xem");
    await p.context().close();
  });

  it("the leader sends to the coordinator; the text is locked", async () => {
    const p = await page();
    await login(p, "thongke.lanhdao");
    await p.goto(sectionUrl);
    await expect.poll(() => state(p)).toBe("Trình lãnh đạo");
    await p.getByTestId("wf-send").click();
    await confirm(p, "Gửi cơ quan tổng hợp");
    await expect.poll(() => state(p)).toBe("Đã gửi");
    await expect.poll(() => p.getByTestId("save-status").textContent()).toBe("Chỉ xem");
    await screenshot(p, "d-section-sent");
    await p.context().close();
  });

  it("the coordinator returns the item with a reason", async () => {
    const p = await page();
    await login(p, "tonghop");
    await p.goto(`${sectionUrl}?agency=${agencyId}`);
    await expect.poll(() => state(p)).toBe("Đã gửi");
    await expect.poll(() => p.getByTestId("section-editor").textContent()).toContain("140.000 tỷ đồng");
    await p.getByTestId("wf-return").click();
    const dialog = p.getByRole("dialog");
    // A reason is required.
    await dialog.getByRole("button", { name: "Trả lại" }).click();
    await expect.poll(() => dialog.getByText("Phải nêu lý do trả lại").isVisible()).toBe(true);
    await p.getByTestId("wf-reason").fill(RETURN_REASON);
    await dialog.getByRole("button", { name: "Trả lại" }).click();
    await expect.poll(() => state(p)).toBe("Bị trả lại");
    await screenshot(p, "d-section-returned-by-coordinator");
    await p.context().close();
  });

  it("the officer sees the reason, fixes the text and resubmits; the leader sends again", async () => {
    const p = await page();
    await login(p, "thongke");
    await p.goto(sectionUrl);
    await expect.poll(() => p.getByTestId("return-reason").textContent()).toContain(RETURN_REASON);
    await expect.poll(() => state(p)).toBe("Bị trả lại");
    const editor = p.getByTestId("section-editor");
    await editor.click();
    await p.keyboard.press("Control+End");
    await p.keyboard.press("Enter");
    await p.keyboard.type("So với bình quân vùng đồng bằng sông Hồng, quy mô kinh tế thành phố đứng thứ 3.");
    await expect.poll(() => saveStatus(p), { timeout: 15_000 }).toBe("Đã lưu");
    await screenshot(p, "d-section-fixed");
    await p.getByTestId("wf-submit").click();
    await confirm(p, "Trình lãnh đạo");
    await expect.poll(() => state(p)).toBe("Trình lãnh đạo");
    await p.context().close();

    const leader = await page();
    await login(leader, "thongke.lanhdao");
    await leader.goto(sectionUrl);
    await expect.poll(() => leader.getByTestId("section-editor").textContent()).toContain("đứng thứ 3");
    await leader.getByTestId("wf-send").click();
    await confirm(leader, "Gửi cơ quan tổng hợp");
    await expect.poll(() => state(leader)).toBe("Đã gửi");
    // The history lists every step.
    await leader.getByRole("button", { name: "Lịch sử" }).first().click();
    await expect.poll(() => leader.getByText("Cơ quan tổng hợp trả lại").first().isVisible()).toBe(true);
    await screenshot(leader, "d-section-resent");
    await leader.context().close();
  });
});
