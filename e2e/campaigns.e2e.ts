import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseCampaignTemplate, walkTemplateOutline, type AgencyGroupDto, type CampaignTemplate } from "@tonghop/contracts";
import { launchBrowser, login, newContext, screenshot } from "./support/browser.js";

const TEMPLATE = path.resolve(import.meta.dirname, "../templates/cv2830-2024-so-ket-nq45.yaml");
const CODE = "cv2830-e2e";
const GTVT = "Sở Giao thông vận tải";

function template(): CampaignTemplate {
  const r = parseCampaignTemplate(parse(readFileSync(TEMPLATE, "utf8")));
  if (!r.ok) throw new Error("mẫu CV2830 không hợp lệ");
  return r.template;
}

describe("C: a campaign from a directive — upload, publish, the agency's tasks", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  const page = async (): Promise<Page> => (await newContext(browser)).newPage();

  it("the coordinator uploads the CV2830 template under a new code, sees the outline with lead agencies and publishes", async () => {
    const p = await page();
    await login(p, "tonghop");
    // The campaign list; the template is imported under its own code (the demo data may hold CV2830 already).
    await p.goto("/dot-tong-hop");
    await p.getByRole("button", { name: "Nhập mẫu đợt mới" }).click();
    await p.locator('input[type="file"]').setInputFiles(TEMPLATE);
    // Preview of what will be created: 247 outline items, Phụ lục 3 with its 11 projects.
    await expect.poll(() => p.getByTestId("preview-outline").isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => p.getByRole("tab", { name: "Đề cương (247)" }).isVisible()).toBe(true);
    await expect.poll(() => p.getByRole("tab", { name: "Phụ lục (3)" }).isVisible()).toBe(true);
    await p.getByLabel("Mã đợt mới").fill(CODE);
    await p.getByLabel("Tên đợt mới").fill("Sơ kết Nghị quyết 45 (thử nghiệm e2e)");
    await screenshot(p, "c-import-preview");
    await p.getByRole("button", { name: "Nhập đợt" }).click();
    await p.waitForURL(/\/dot-tong-hop\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await expect.poll(() => p.getByTestId("campaign-title").textContent()).toContain("Sơ kết Nghị quyết 45 (thử nghiệm e2e)");

    // The outline shows lead agencies: filter without diacritics.
    await p.getByLabel("Tìm trong đề cương").fill("giao thong van tai");
    const row = p.getByTestId("outline-table").locator("tr", { hasText: "Đánh giá hệ thống giao thông đường sắt" });
    await expect.poll(() => row.textContent()).toContain(GTVT);
    await screenshot(p, "c-campaign-outline");

    await p.getByRole("button", { name: "Ban hành" }).click();
    await p.getByRole("dialog").getByRole("button", { name: "Ban hành" }).click();
    // Success, or the refusal's own words (an error dialog) rather than a bare timeout.
    const published = p.getByText(/Đã ban hành: \d+ phần việc cho \d+ cơ quan/);
    const refused = p.locator(".ant-modal-confirm-error .ant-modal-confirm-title");
    const outcome = async () => ((await published.isVisible()) ? "đã ban hành" : (await refused.isVisible()) ? `bị từ chối: ${await refused.textContent()}` : "đang chờ");
    await expect.poll(outcome, { timeout: 30_000 }).toBe("đã ban hành");
    await expect.poll(() => p.getByText("Đã ban hành", { exact: true }).first().isVisible()).toBe(true);
    await p.context().close();
  });

  it("the Sở Giao thông vận tải officer sees exactly the items and projects assigned to the agency", async () => {
    const p = await page();
    await login(p, "giaothong");
    await p.goto("/viec-cua-don-vi");
    const card = p.getByTestId(`tasks-${CODE}`);
    await expect.poll(() => card.isVisible(), { timeout: 30_000 }).toBe(true);

    // Expected from the template itself: items whose own lead or cooperating agencies name the agency or a group it
    // belongs to on 26/4/2024; Phụ lục 1 (the agency may add documents) and the 6 projects of Phụ lục 3.
    const groupsRes = await p.request.get("/api/agency-groups?asOf=2024-04-26");
    const groups = (await groupsRes.json()) as AgencyGroupDto[];
    const covering = new Set(groups.filter((g) => g.members.some((m) => m.name === GTVT)).map((g) => g.name));
    const t = template();
    const expected = [...walkTemplateOutline(t.outline)]
      .filter((v) => [...(v.item.lead ?? []), ...(v.item.cooperate ?? [])].some((n) => n === GTVT || covering.has(n)))
      .map((v) => `${v.labels.join(" / ")} ${v.item.title}`);

    const rows = card.locator("tbody tr.ant-table-row");
    const texts = (await rows.allTextContents()).map((s) => s.replace(/\s+/g, " ").trim());
    const outlineRows = texts.filter((s) => /^(Phần|Mở đầu)/.test(s));
    expect(outlineRows).toHaveLength(expected.length);
    for (const e of expected) expect(outlineRows.some((r) => r.startsWith(e)), e).toBe(true);
    expect(texts.some((s) => s.startsWith("Phần II / A / I / 4 / (i) Vận tải biển và dịch vụ cảng biển."))).toBe(true);
    expect(texts.some((s) => s.startsWith("Phụ lục 3 — 6 dòng"))).toBe(true);
    expect(texts.some((s) => s.startsWith("Phụ lục 2"))).toBe(false);
    expect(texts.filter((s) => s.startsWith("Phụ lục"))).toHaveLength(2);
    // Due dates in Vietnamese style with the state.
    expect(texts.find((s) => s.startsWith("Phụ lục 3"))).toContain("10/5/2024");
    expect(texts.find((s) => s.startsWith("Phụ lục 3"))).toContain("Đang soạn");
    // The publication reached the bell.
    await expect.poll(() => p.getByTestId("notification-bell").getAttribute("aria-label")).toMatch(/chưa đọc/);
    await screenshot(p, "c-tasks-giaothong");
    await p.context().close();
  });
});
