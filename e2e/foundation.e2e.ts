import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, login, newContext, pickOption, screenshot } from "./support/browser.js";

describe("A: sign in, agency directory, users and audit", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  const page = async (): Promise<Page> => (await newContext(browser)).newPage();

  it("an agency officer searches 'so tai chinh' and opens the agency", async () => {
    const p = await page();
    await login(p, "thongke");
    // The session holds in the page that signed in: no reload needed to see who is signed in.
    await expect.poll(() => p.getByTestId("user-menu").textContent()).toContain("Lê Thị Kê");
    await p.locator(".ant-menu").getByText("Cơ quan", { exact: true }).click();
    await expect.poll(() => new URL(p.url()).pathname).toBe("/co-quan");
    await p.getByLabel("Tìm cơ quan").fill("so tai chinh");
    await p.getByText("Sở Tài chính", { exact: true }).first().click();
    await expect.poll(() => p.getByTestId("agency-detail-title").textContent()).toBe("Sở Tài chính");
    expect(p.url()).toMatch(/\/co-quan\/[0-9a-f-]{36}$/);
    await screenshot(p, "a-agency-search");
    await p.context().close();
  });

  it("an agency officer is refused the users page", async () => {
    const p = await page();
    await login(p, "giaothong");
    await p.goto("/nguoi-dung");
    await expect.poll(() => p.getByText("Không có quyền truy cập").isVisible()).toBe(true);
    await expect.poll(() => p.getByRole("menuitem", { name: "Người dùng" }).count()).toBe(0);
    await p.context().close();
  });

  it("the admin creates a user and sees it in the audit log", async () => {
    const p = await page();
    await login(p, "quantri");
    await p.goto("/nguoi-dung");
    await p.getByRole("button", { name: "Tạo người dùng" }).click();
    const dialog = p.getByRole("dialog");
    await dialog.getByLabel("Tên đăng nhập", { exact: true }).fill("tran.van.moi");
    await dialog.getByLabel("Họ và tên", { exact: true }).fill("Trần Văn Mới");
    await dialog.getByLabel("Cơ quan", { exact: true }).fill("so xay dung");
    await pickOption(p, "Sở Xây dựng");
    await dialog.getByRole("button", { name: "Tạo" }).click();
    await expect.poll(() => p.getByTestId("temporary-password").isVisible()).toBe(true);
    await p.getByRole("button", { name: "Đã ghi lại" }).click();
    await expect.poll(() => p.getByRole("cell", { name: "tran.van.moi" }).isVisible()).toBe(true);
    await p.getByRole("menuitem", { name: "Nhật ký" }).click();
    await expect.poll(() => p.getByText("Tạo người dùng: tran.van.moi (Trần Văn Mới)").isVisible()).toBe(true);
    await screenshot(p, "a-audit-log");
    await p.context().close();
  });
});
