import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionTasks, indicators, mailOutbox, notifications, users } from "../../db/schema/index.js";
import { createSmallCampaign, type SmallCampaign } from "../../demo/small-campaign.fixture.js";
import { checkNd30 } from "../../exports/docx/nd30-checker.js";
import { FakeClock } from "../../http/clock.js";
import { userContext } from "../../test/campaign-fixtures.js";
import { createTestContext, type TestContext } from "../../test/test-app.js";
import { lateStep } from "./task-reminders.js";

/** A task list workbook as a coordinator would write it: a title row, the header, the rows. */
async function workbook(rows: Array<Array<string | number | Date | null>>, header = ["TT", "Nhiệm vụ, giải pháp", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm", "Thời hạn hoàn thành", "Chỉ tiêu liên quan"]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Nhiệm vụ");
  ws.addRow(["DANH MỤC NHIỆM VỤ"]);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Runs on PGlite and on PostgreSQL (TEST_DB). */
describe("action programme: tasks from the outline and from a workbook, derived status, progress reports, successions, reminders", () => {
  let t: TestContext;
  let c: SmallCampaign;
  let programmeId: string;
  let indicatorCode: string;
  const clock = new FakeClock("2027-08-10T03:00:00Z");
  const as = (u: string) => {
    clock.advance(1000);
    return userContext(t.container, u);
  };
  const svc = () => t.container.services.actionProgramme;

  beforeAll(async () => {
    t = await createTestContext({ clock });
    c = await createSmallCampaign(t.container);
    indicatorCode = (await t.container.db.select({ code: indicators.code }).from(indicators).where(eq(indicators.name, "Tốc độ tăng trưởng GRDP")))[0]!.code;
  }, 120_000);
  afterAll(async () => t.close());

  it("only the coordinator creates a programme and its tasks", async () => {
    await expect(svc().create(await as("giaothong"), { campaignId: c.campaignId, title: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const p = await svc().create(await as("tonghop"), { campaignId: c.campaignId, title: "Chương trình hành động thực hiện Nghị quyết 45" });
    programmeId = p.id;
    expect(p).toMatchObject({ reportFrequency: "quarter", currentPeriod: { key: "2027-Q3", label: "Quý III/2027" }, taskCount: 0, canManage: true });
    expect((await svc().programme(await as("giaothong"), programmeId)).canManage).toBe(false);
  });

  it("derives tasks from outline items: inherited leads, cooperating agencies; refuses items nobody leads", async () => {
    await expect(svc().fromOutline(await as("tonghop"), programmeId, [c.items.itemII, c.items.itemCoordinator])).rejects.toThrow(/Mục I "Nhiệm vụ, giải pháp chủ yếu" chưa có cơ quan chủ trì/);
    expect(await t.container.db.select().from(actionTasks)).toEqual([]);
    const tasks = await svc().fromOutline(await as("tonghop"), programmeId, [c.items.item1, c.items.itemII]);
    expect(tasks.map((x) => [x.title, x.lead.name, x.cooperate.map((co) => co.name)])).toEqual([
      ["Tăng trưởng kinh tế", "Cục Thống kê thành phố Hải Phòng", []],
      ["Về kết cấu hạ tầng giao thông", "Sở Giao thông vận tải", ["Sở Tài chính"]],
    ]);
    expect(tasks.every((x) => x.status === "chua-trien-khai" && x.outlineLabel !== null)).toBe(true);
    const choices = await svc().outlineChoices(await as("tonghop"), programmeId);
    expect(choices.filter((x) => x.hasTask).map((x) => x.id).sort()).toEqual([c.items.item1, c.items.itemII].sort());
  });

  it("a task past its deadline is late (derived from the clock), done is done; impossible deadlines are refused", async () => {
    const ctx = await as("tonghop");
    await expect(svc().createTask(ctx, programmeId, { title: "x", leadAgencyId: c.agencies.transport, deadline: "31/02/2027" })).rejects.toThrow(/tháng 2\/2027 chỉ có 28 ngày/);
    await expect(svc().createTask(ctx, programmeId, { title: "x", leadAgencyId: c.agencies.transport, deadline: "Quý V/2027" })).rejects.toThrow(/quý V không có/);
    await expect(svc().createTask(ctx, programmeId, { title: "x", leadAgencyId: c.agencies.transport, indicatorCodes: ["KHONG_CO"] })).rejects.toThrow(/Không có chỉ tiêu mã "KHONG_CO"/);
    const late = await svc().createTask(ctx, programmeId, { title: "Hoàn thành cầu Nguyễn Trãi", leadAgencyId: c.agencies.transport, product: "Cầu đưa vào sử dụng", deadline: "Quý II/2027", indicatorCodes: [indicatorCode] });
    expect(late).toMatchObject({ deadline: { kind: "quarter", text: "Quý II/2027", due: "2027-06-30" }, status: "cham-tien-do", statusLabel: "Chậm tiến độ", daysLate: 41 });
    const future = await svc().createTask(ctx, programmeId, { title: "Đề án logistics", leadAgencyId: c.agencies.statistics, deadline: "2028" });
    expect(future).toMatchObject({ status: "chua-trien-khai", daysLate: 0, deadline: { text: "Năm 2028" } });
    // Time passes: the same task becomes late without anything being written.
    clock.set("2029-01-02T03:00:00Z");
    expect((await svc().task(await as("tonghop"), future.id)).status).toBe("cham-tien-do");
    clock.set("2027-08-10T03:00:00Z");
    await expect(svc().updateTask(await as("giaothong"), late.id, { title: "x", leadAgencyId: c.agencies.transport })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("the lead agency reports progress for the current quarter; others may not", async () => {
    const [task] = (await svc().tasks(await as("giaothong"), programmeId, { mine: "true" })).filter((x) => x.title === "Hoàn thành cầu Nguyễn Trãi");
    expect(task!.canReport).toBe(true);
    await expect(svc().report(await as("thongke"), task!.id, { progress: "in-progress", content: "x", version: task!.version })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const r1 = await svc().report(await as("giaothong"), task!.id, { progress: "in-progress", percent: 70, content: "Đã hoàn thành 70% khối lượng.", version: task!.version });
    expect(r1).toMatchObject({ progress: "in-progress", status: "cham-tien-do", reportedThisPeriod: true, lastReport: { periodKey: "2027-Q3", periodLabel: "Quý III/2027", percent: 70, reportedByName: "Hoàng Văn Thông" } });
    await expect(svc().report(await as("giaothong"), task!.id, { progress: "done", content: "x", version: task!.version })).rejects.toMatchObject({ code: "VERSION_CONFLICT" });
    const r2 = await svc().report(await as("giaothong"), task!.id, { progress: "done", percent: 100, content: "Cầu đã thông xe.", version: r1.version });
    expect(r2).toMatchObject({ status: "hoan-thanh", progress: "done" });
    expect(await svc().reports(await as("tonghop"), task!.id)).toHaveLength(1);
    const p = await svc().programme(await as("tonghop"), programmeId);
    expect(p.counts).toEqual({ "chua-trien-khai": 3, "dang-thuc-hien": 0, "hoan-thanh": 1, "cham-tien-do": 0 });
  });

  it("refuses a workbook with unknown agencies or impossible dates, naming the cells, and imports nothing", async () => {
    const before = (await svc().tasks(await as("tonghop"), programmeId)).length;
    const bad = await workbook([
      [1, "Nâng cấp cảng Lạch Huyện", "Sở Giao thông vận tải", "Sở Tài chính", "Bến 3, 4", "Quý IV/2027", indicatorCode],
      [2, "Đề án phát triển nhân lực", "Sở Không Có Thật", "", "Đề án", "31/12/2027", ""],
      [3, "Quy hoạch khu công nghiệp", "Sở Công Thương", "", "Quy hoạch", "31/02/2027", ""],
      [4, "Chính sách thu hút đầu tư", "Sở Tài chính", "Sở Công Thương; Sở Giao thông vận tải", "Nghị quyết", "Quý V/2027", "KHONG_CO"],
    ]);
    const err = await svc().importWorkbook(await as("tonghop"), programmeId, "nhiem-vu.xlsx", bad).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "UNPROCESSABLE" });
    const details = (err as { details: { errors: Array<{ cell: string; message: string }> } }).details.errors;
    expect(details.map((d) => d.cell)).toEqual(["C4", "F5", "F6", "G6"]);
    expect(details[0]!.message).toMatch(/^Ô C4: Không có cơ quan hay nhóm cơ quan "Sở Không Có Thật"/);
    expect(details[1]!.message).toMatch(/^Ô F5: .*tháng 2\/2027 chỉ có 28 ngày/);
    expect(details[2]!.message).toMatch(/^Ô F6: .*quý V không có/);
    expect((err as Error).message).toMatch(/^Tệp có 4 lỗi; chưa nhập nhiệm vụ nào\./);
    expect((await svc().tasks(await as("tonghop"), programmeId)).length).toBe(before);
    await expect(svc().importWorkbook(await as("tonghop"), programmeId, "x.xlsx", new TextEncoder().encode("không phải excel"))).rejects.toThrow(/không phải bảng tính Excel/);
    await expect(svc().importWorkbook(await as("giaothong"), programmeId, "x.xlsx", bad)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const noHeader = await workbook([[1, "x"]], ["TT", "Tên"]);
    await expect(svc().importWorkbook(await as("tonghop"), programmeId, "x.xlsx", noHeader)).rejects.toThrow(/không tìm thấy dòng tiêu đề/);
  });

  it("imports a valid workbook in one piece (dates typed as dates too) and exports it back", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => [
      i + 1,
      `Nhiệm vụ số ${i + 1}`,
      i % 2 ? "Sở Công Thương" : "Sở Giao thông vận tải",
      i % 3 ? "" : "Sở Tài chính; Cục Thống kê thành phố Hải Phòng",
      `Sản phẩm ${i + 1}`,
      i === 0 ? new Date(Date.UTC(2027, 11, 31)) : i % 4 === 0 ? "Quý II/2027" : "Năm 2028",
      i % 5 === 0 ? indicatorCode : "",
    ]);
    const res = await svc().importWorkbook(await as("tonghop"), programmeId, "nhiem-vu.xlsx", await workbook(rows));
    expect(res).toEqual({ imported: 30 });
    const tasks = await svc().tasks(await as("tonghop"), programmeId);
    const first = tasks.find((x) => x.title === "Nhiệm vụ số 1")!;
    expect(first).toMatchObject({ deadline: { kind: "date", text: "31/12/2027" }, lead: { name: "Sở Giao thông vận tải" }, indicatorCodes: [indicatorCode] });
    expect(first.cooperate.map((x) => x.name)).toEqual(["Sở Tài chính", "Cục Thống kê thành phố Hải Phòng"]);
    expect(tasks.filter((x) => x.title.startsWith("Nhiệm vụ số") && x.status === "cham-tien-do")).toHaveLength(7);

    const xlsx = await svc().exportFile(await as("xem"), programmeId, "xlsx");
    const other = await svc().create(await as("tonghop"), { campaignId: c.campaignId, title: "Bản sao" });
    const again = await svc().importWorkbook(await as("tonghop"), other.id, "phu-luc.xlsx", new Uint8Array(xlsx.data));
    expect(again.imported).toBe(tasks.length);
    const docx = await svc().exportFile(await as("tonghop"), programmeId, "docx");
    expect(checkNd30(docx.data).filter((r) => !r.ok)).toEqual([]);
    const xml = strFromU8(unzipSync(docx.data)["word/document.xml"]!);
    expect(xml).toContain("Nhiệm vụ số 30");
    expect(xml).toContain("Chậm tiến độ (chậm 41 ngày)");
    // Dashboards: the tasks beside the indicator they serve.
    const related = await svc().relatedTasks(await as("xem"), c.campaignId);
    expect(related.byIndicator[indicatorCode]!.map((x) => x.title)).toEqual(expect.arrayContaining(["Hoàn thành cầu Nguyễn Trãi", "Nhiệm vụ số 1", "Nhiệm vụ số 6", "Nhiệm vụ số 21"]));
    expect(related.byIndicator[indicatorCode]!.find((x) => x.title === "Nhiệm vụ số 21")).toMatchObject({ status: "cham-tien-do", statusLabel: "Chậm tiến độ" });
  });

  it("after a merger the successor leads the tasks (listing, reporting, reminders)", async () => {
    const admin = await as("quantri");
    await t.container.services.agencies.merge(admin, c.agencies.transport, { successorId: c.agencies.finance, effectiveDate: "2027-08-01" });
    const list = await svc().tasks(await as("taichinh"), programmeId, { mine: "true" });
    const bridge = list.find((x) => x.title === "Nhiệm vụ số 5")!;
    expect(bridge.lead.name).toBe("Sở Tài chính");
    expect(bridge.assignedLead?.name).toBe("Sở Giao thông vận tải");
    expect(bridge.canReport).toBe(true);
    const r = await svc().report(await as("taichinh"), bridge.id, { progress: "in-progress", content: "Sở Tài chính tiếp nhận và triển khai.", version: bridge.version });
    expect(r.lastReport?.agencyName).toBe("Sở Tài chính");
  });

  it("reminds the lead agency of late tasks once per step, in-app and by e-mail", async () => {
    expect([lateStep(0), lateStep(1), lateStep(7), lateStep(8), lateStep(15)]).toEqual([null, "late-1", "late-1", "late-2", "late-3"]);
    await t.container.db.update(users).set({ email: "taichinh@example.gov.vn" }).where(eq(users.username, "taichinh"));
    // The scheduled run sends nothing on a Sunday nor on a day off of the calendar (the administrator's 02/9/2027).
    expect(await svc().runReminders(new Date("2027-08-08T03:00:00Z"), "a")).toEqual([]);
    await t.container.services.holidays.save(await as("quantri"), { date: "2027-09-02", kind: "off", note: "Quốc khánh" });
    expect(await svc().runReminders(new Date("2027-09-02T03:00:00Z"), "a")).toEqual([]);
    const now = new Date("2027-08-10T03:00:00Z");
    const sent = await svc().runReminders(now, "a", programmeId);
    expect(await svc().runReminders(now, "b", programmeId)).toEqual([]);
    const taichinh = await t.container.repos.users.findByUsername(t.container.db, "taichinh");
    // Tasks 5, 9, 13, … (Sở Giao thông vận tải, Quý II/2027) are 41 days late (6th week); after the merger they go
    // to Sở Tài chính.
    const mine = sent.filter((s) => s.userId === taichinh!.id && s.step === "late-6");
    expect(mine).toHaveLength(7);
    expect(sent.some((s) => s.agencyId === c.agencies.transport)).toBe(false);
    const n = await t.container.db.select().from(notifications).where(and(eq(notifications.userId, taichinh!.id), eq(notifications.kind, "tasks.late")));
    expect(n).toHaveLength(1);
    expect(n[0]!.title).toBe("Nhiệm vụ chậm tiến độ: 7 nhiệm vụ của chương trình hành động đã quá thời hạn");
    expect(n[0]!.body).toContain("Nhiệm vụ số 5 (hạn Quý II/2027, chậm 41 ngày)");
    const mails = await t.container.db.select().from(mailOutbox).where(eq(mailOutbox.kind, "task-reminder"));
    expect(mails.map((m) => m.toAddress)).toContain("taichinh@example.gov.vn");
    // In the last week of the quarter, tasks not yet reported this quarter are reminded to report.
    const report = await svc().runReminders(new Date("2027-09-25T03:00:00Z"), "a", programmeId);
    expect(report.some((s) => s.step === "report-2027-Q3")).toBe(true);
    const byTitle = new Map((await svc().tasks(await as("tonghop"), programmeId)).map((x) => [x.title, x.id]));
    const reminded = new Set(report.filter((s) => s.step === "report-2027-Q3" && s.userId === taichinh!.id).map((s) => s.taskId));
    expect(reminded.has(byTitle.get("Nhiệm vụ số 3")!)).toBe(true);
    // Already reported this quarter (after the merger), and done: no reminder to report.
    expect(reminded.has(byTitle.get("Nhiệm vụ số 5")!)).toBe(false);
    expect(report.some((s) => s.taskId === byTitle.get("Hoàn thành cầu Nguyễn Trãi"))).toBe(false);
    // The coordinator's record of what went out: every reminder with its task, step, recipient and e-mail state.
    const log = await svc().sentReminders(await as("tonghop"), programmeId);
    expect(log).toHaveLength(sent.length + report.length);
    const late6 = log.filter((x) => x.step === "late-6" && x.recipientName === taichinh!.fullName);
    expect(late6).toHaveLength(7);
    expect(late6[0]).toMatchObject({ stepLabel: "Chậm tiến độ — lần 6", agencyName: "Sở Tài chính", mailStatus: "pending" });
    expect(late6.map((x) => x.subject)).toContain("Nhiệm vụ số 5 (hạn 30/6/2027)");
    expect(log.find((x) => x.step === "report-2027-Q3")!.stepLabel).toBe("Nhắc báo cáo kỳ 2027-Q3");
    await expect(svc().sentReminders(await as("taichinh"), programmeId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    // "Nhắc ngay" by the coordinator: nothing new to send for the same day.
    expect(await svc().remindNow(await as("tonghop"), programmeId)).toEqual({ sent: 0 });
    await expect(svc().remindNow(await as("congthuong"), programmeId)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
