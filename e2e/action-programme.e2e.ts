import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, login, newContext, pickOption, screenshot } from "./support/browser.js";

const HEADER = ["TT", "Nhiệm vụ, giải pháp", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm", "Thời hạn hoàn thành", "Chỉ tiêu liên quan (mã)"];
const LEADS = ["Sở Giao thông vận tải", "Sở Công Thương", "Sở Tài chính", "Cục Thống kê thành phố Hải Phòng"];
const LATE_TITLE = "Thúc đẩy tăng trưởng kinh tế bình quân đạt mục tiêu Nghị quyết";

async function workbook(rows: Array<Array<string | number>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Nhiệm vụ");
  ws.addRow(["DANH MỤC NHIỆM VỤ THỰC HIỆN NGHỊ QUYẾT 45-NQ/TW"]);
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 50 tasks: the first one serves GRDP growth and is late (Quý II/2025); every fifth is late too. */
function fiftyTasks(): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [[1, LATE_TITLE, "Cục Thống kê thành phố Hải Phòng", "Sở Tài chính; Sở Công Thương", "Báo cáo đánh giá", "Quý II/2025", "GRDP_TANG_TRUONG"]];
  for (let i = 2; i <= 50; i++) {
    rows.push([i, `Nhiệm vụ thực hiện số ${i}: hoàn thiện đề án, kế hoạch chuyên ngành`, LEADS[i % LEADS.length]!, i % 3 ? "" : "Sở Tài chính", `Đề án số ${i}`, i % 5 === 0 ? "Quý I/2026" : i % 2 ? "Năm 2028" : "31/12/2027", ""]);
  }
  return rows;
}

async function upload(page: Page, bytes: Buffer, name: string): Promise<void> {
  await page.getByTestId("import-file").setInputFiles({ name, mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: bytes });
}

describe("H: the action programme", () => {
  let browser: Browser;
  let campaignId: string;
  let campaignName: string;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it("50 tasks imported from XLSX; one agency reports progress; a late task is late on the dashboard and in its reminder", async () => {
    const coord = await (await newContext(browser)).newPage();
    await login(coord, "tonghop");
    // A published CV2830 with its figures: the administrator's demo data (the same call as in comments.e2e.ts, which
    // fills only what is still empty when repeated).
    const admin = await (await newContext(browser)).newPage();
    await login(admin, "quantri");
    const { csrfToken } = (await (await admin.request.get("/api/auth/me")).json()) as { csrfToken: string };
    const demo = await admin.request.post("/api/analytics/demo-campaigns", { headers: { "x-csrf-token": csrfToken }, data: { template: "cv2830-2024-so-ket-nq45", fraction: 1, accept: true }, timeout: 120_000 });
    expect(demo.status()).toBe(200);
    const demoId = ((await demo.json()) as { campaignId: string }).campaignId;
    await admin.context().close();
    const cv = ((await (await coord.request.get("/api/campaigns")).json()) as Array<{ id: string; name: string }>).find((c) => c.id === demoId);
    campaignId = cv!.id;
    campaignName = cv!.name;

    // --- the coordinator creates the programme
    await coord.goto("/chuong-trinh-hanh-dong");
    await coord.getByTestId("create-programme").click();
    await coord.getByTestId("programme-campaign").click();
    await pickOption(coord, campaignName);
    await coord.getByTestId("programme-title").fill("Chương trình hành động thực hiện Nghị quyết 45-NQ/TW giai đoạn 2024-2030");
    await coord.getByTestId("programme-submit").click();
    await coord.waitForURL(/\/chuong-trinh-hanh-dong\/[0-9a-f-]{36}$/);
    const programmeUrl = new URL(coord.url()).pathname;

    // --- a workbook with an unknown agency and impossible dates is refused with the cells; nothing is imported
    const bad = fiftyTasks().slice(0, 4);
    bad[1]![2] = "Sở Không Tồn Tại";
    bad[2]![5] = "31/02/2027";
    bad[3]![5] = "Quý V/2027";
    await upload(coord, await workbook(bad), "nhiem-vu-loi.xlsx");
    const error = coord.getByTestId("import-error");
    await expect.poll(() => error.isVisible(), { timeout: 30_000 }).toBe(true);
    const errorText = (await error.textContent())!;
    expect(errorText).toContain("Tệp có 3 lỗi; chưa nhập nhiệm vụ nào");
    expect(errorText).toContain('Ô C4: Không có cơ quan hay nhóm cơ quan "Sở Không Tồn Tại"');
    expect(errorText).toContain("Ô F5:");
    expect(errorText).toContain("Ô F6:");
    expect(await coord.getByTestId("programme-counts").textContent()).toContain("0 nhiệm vụ");
    await screenshot(coord, "h-import-refused");

    // --- the 50 tasks
    await upload(coord, await workbook(fiftyTasks()), "nhiem-vu.xlsx");
    await expect.poll(() => coord.getByTestId("programme-counts").textContent(), { timeout: 30_000 }).toContain("50 nhiệm vụ");
    await expect.poll(() => coord.getByTestId("task-row").count()).toBe(50);
    const lateRow = coord.getByTestId("task-row").filter({ hasText: LATE_TITLE });
    expect(await lateRow.getByTestId("task-status").getAttribute("data-status")).toBe("cham-tien-do");
    expect(await coord.getByTestId("programme-counts").textContent()).toMatch(/chậm tiến độ 1[01]/);
    await screenshot(coord, "h-programme");

    // --- Sở Giao thông vận tải reports the progress of one of its tasks
    const transport = await (await newContext(browser)).newPage();
    await login(transport, "giaothong");
    await transport.goto(programmeUrl);
    await transport.getByTestId("mine-filter").click();
    await expect.poll(() => transport.getByTestId("task-row").count(), { timeout: 30_000 }).toBe(12);
    const row = transport.getByTestId("task-row").first();
    await row.getByTestId("report-button").click();
    await transport.getByTestId("report-content").fill("Đã hoàn thành dự thảo đề án, đang lấy ý kiến các sở, ngành.");
    await transport.getByTestId("report-submit").click();
    await expect.poll(() => row.textContent()).toContain("Đã hoàn thành dự thảo đề án");
    expect(await row.textContent()).toMatch(/Quý [IV]+\/\d{4}: Đã hoàn thành dự thảo đề án/);
    await screenshot(transport, "h-progress-reported");

    // --- reminders: the coordinator sends the reminders now (or the scheduler already did); the lead agency has it
    await coord.getByTestId("remind-button").click();
    await expect.poll(() => coord.getByText(/Đã gửi \d+ lượt nhắc việc|Không có lượt nhắc mới/).isVisible()).toBe(true);
    // The coordinator's record: the reminder about the late task, to the lead agency, with its step.
    await coord.getByTestId("show-reminders").click();
    const sentList = coord.getByTestId("sent-reminders");
    await expect.poll(() => sentList.textContent(), { timeout: 30_000 }).toContain(LATE_TITLE);
    expect(await sentList.textContent()).toMatch(/Chậm tiến độ — lần \d+/);
    const stats = await (await newContext(browser)).newPage();
    await login(stats, "thongke");
    await stats.goto("/thong-bao");
    const centre = stats.getByTestId("notifications-centre");
    await expect.poll(() => centre.textContent(), { timeout: 30_000 }).toContain("Nhiệm vụ chậm tiến độ");
    expect(await centre.textContent()).toContain(`${LATE_TITLE} (hạn Quý II/2025, chậm`);
    await screenshot(stats, "h-late-reminder");

    // --- the dashboard shows the task, late, beside the indicator it serves
    const viewer = await (await newContext(browser)).newPage();
    await login(viewer, "xem");
    await viewer.goto(`/dot/${campaignId}/phan-tich`);
    const card = viewer.locator('[data-testid="indicator-card"][data-indicator="GRDP_TANG_TRUONG"]');
    for (let i = 0; i < 40 && !(await card.count()); i++) {
      await viewer.mouse.wheel(0, 600);
      await viewer.waitForTimeout(250);
    }
    await card.scrollIntoViewIfNeeded();
    const related = card.getByTestId("related-task").filter({ hasText: LATE_TITLE });
    await expect.poll(() => related.count(), { timeout: 30_000 }).toBe(1);
    expect(await related.getAttribute("data-status")).toBe("cham-tien-do");
    expect(await related.textContent()).toContain("Chậm tiến độ");
    await screenshot(viewer, "h-dashboard-related-task");
    for (const p of [coord, transport, stats, viewer]) await p.context().close();
  }, 240_000);
});
