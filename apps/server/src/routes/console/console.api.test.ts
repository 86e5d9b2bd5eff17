import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { progressMatrixSchema, type ChaseLetterDraftDto, type IndicatorGridDto, type ChaseLetterDto, type ProgressMatrixDto, type ReminderSchedulesDto, type ReviewDto } from "@tonghop/contracts";
import { assignments, auditLog, outlineItems } from "../../db/schema/index.js";
import { checkNd30 } from "../../exports/docx/nd30-checker.js";
import { FakeClock } from "../../http/clock.js";
import { importSeedCampaign, userContext } from "../../test/campaign-fixtures.js";
import { createTestApp, type TestApp, type TestClient } from "../../test/test-app.js";

/** 13/5/2024 09:00 in Hải Phòng: Phụ lục 2 (05/5) and the reports (10/5) are overdue. */
const clock = new FakeClock("2024-05-13T02:00:00Z");

describe("API: coordinator console — progress, review, extensions, chase letter, reminders, holidays, outbox", () => {
  let t: TestApp;
  let campaignId: string;
  let coordinator: TestClient;
  let statistics: TestClient;
  let transport: TestClient;
  let viewer: TestClient;
  let admin: TestClient;
  let ids: { statistics: string; transport: string; finance: string; industry: string };

  const agencyOf = async (username: string) => (await t.container.repos.users.findByUsername(t.container.db, username))!.agencyId;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    ({ campaignId } = await importSeedCampaign(t.container, "cv2830-2024-so-ket-nq45", { publish: true }));
    coordinator = await t.login("tonghop");
    statistics = await t.login("thongke");
    transport = await t.login("giaothong");
    viewer = await t.login("xem");
    admin = await t.login("quantri");
    ids = { statistics: await agencyOf("thongke"), transport: await agencyOf("giaothong"), finance: await agencyOf("taichinh"), industry: await agencyOf("congthuong") };
  });
  afterAll(async () => t.close());

  it("the coordinator sees every agency × item with readable states, counts and rates", async () => {
    const res = await coordinator.get(`/api/campaigns/${campaignId}/progress`);
    expect(res.statusCode).toBe(200);
    const m = res.json<ProgressMatrixDto>();
    // Written without the validating serializer (trusted-json.ts): the contract is checked here instead.
    expect(progressMatrixSchema.parse(m)).toEqual(m);
    expect(m.today).toBe("2024-05-13");
    expect(m.canReview).toBe(true);
    const pl2 = m.columns.findIndex((c) => c.kind === "indicators");
    expect(m.columns[pl2]!.label).toContain("Phụ lục 2");
    const ctk = m.agencies.findIndex((a) => a.id === ids.statistics);
    const cell = m.cells.find((c) => c[0] === ctk && c[1] === pl2)!;
    // Phụ lục 2 was due before 05/5/2024 (Sunday): 8 days overdue on 13/5, nothing entered yet.
    expect(cell.slice(2, 7)).toEqual(["not_started", 0, 8, "2024-05-05", 0]);
    const agency = m.agencies[ctk]!;
    expect(agency.counts.assigned).toBe(m.cells.filter((c) => c[0] === ctk).length);
    expect(agency.counts.overdue).toBe(agency.counts.assigned);
    expect(agency.rates.completeness).toBe(0);
    expect(agency.rates.cellsTotal).toBeGreaterThan(0);
    expect(m.totals.counts.assigned).toBe(m.cells.length);
    expect(m.groups.map((g) => g.name)).toContain("Các sở, ban, ngành thành phố");
  });

  it("agency users cannot see the matrix (403); viewers read it but may not review; nobody outside acts as coordinator", async () => {
    for (const c of [statistics, transport]) {
      const res = await c.get(`/api/campaigns/${campaignId}/progress`);
      expect(res.statusCode).toBe(403);
    }
    const v = await viewer.get(`/api/campaigns/${campaignId}/progress`);
    expect(v.statusCode).toBe(200);
    expect(v.json<ProgressMatrixDto>().canReview).toBe(false);
    expect((await viewer.post(`/api/campaigns/${campaignId}/extensions`, { agencyId: ids.transport, dueDate: "2024-05-20", reason: "x" })).statusCode).toBe(403);
    expect((await transport.post(`/api/campaigns/${campaignId}/extensions`, { agencyId: ids.transport, dueDate: "2024-05-20", reason: "x" })).statusCode).toBe(403);
    expect((await statistics.get(`/api/campaigns/${campaignId}/chase-letter/draft`)).statusCode).toBe(403);
    expect((await admin.get(`/api/campaigns/${campaignId}/chase-letter/draft`)).statusCode).toBe(403);
  });

  it("extends one agency's deadline with a reason; refuses a date before the campaign start and an agency without that work", async () => {
    const url = `/api/campaigns/${campaignId}/extensions`;
    const early = await coordinator.post(url, { agencyId: ids.transport, dueDate: "2024-04-01", reason: "Thử" });
    expect(early.statusCode).toBe(422);
    expect(early.json().message).toBe("Hạn mới 01/4/2024 trước ngày bắt đầu đợt (26/4/2024).");
    const noReason = await coordinator.post(url, { agencyId: ids.transport, dueDate: "2024-05-20" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toBe("Phải nêu lý do gia hạn.");
    const viewerAgency = await agencyOf("xem");
    const notAssigned = await coordinator.post(url, { agencyId: viewerAgency, dueDate: "2024-05-20", reason: "Thử" });
    expect(notAssigned.statusCode).toBe(422);
    expect(notAssigned.json().message).toBe("Ủy ban nhân dân thành phố Hải Phòng không được giao phần việc nào trong đợt này nên không gia hạn được.");
    const [pl2] = await t.container.db.select().from(assignments).where(and(eq(assignments.campaignId, campaignId), eq(assignments.agencyId, ids.statistics), eq(assignments.kind, "indicators")));
    const wrongItem = await coordinator.post(url, { agencyId: ids.transport, appendixId: pl2!.appendixId, dueDate: "2024-05-20", reason: "Thử" });
    expect(wrongItem.statusCode).toBe(422);
    expect(wrongItem.json().message).toMatch(/^Sở Giao thông vận tải không được giao Phụ lục 2/);

    const ok = await coordinator.post(url, { agencyId: ids.transport, dueDate: "2024-05-20", reason: "Sở đề nghị do tổng hợp số liệu từ các cảng" });
    expect(ok.statusCode).toBe(200);
    const updated = ok.json<{ updated: { dueDate: string }[] }>().updated;
    expect(updated.length).toBeGreaterThan(0);
    expect(updated.every((u) => u.dueDate === "2024-05-20")).toBe(true);
    const m = (await coordinator.get(`/api/campaigns/${campaignId}/progress`)).json<ProgressMatrixDto>();
    const gt = m.agencies.findIndex((a) => a.id === ids.transport);
    expect(m.cells.filter((c) => c[0] === gt).every((c) => c[4] === 0 && c[5] === "2024-05-20" && c[6] === 1)).toBe(true);
    const audit = await t.container.db.select().from(auditLog).where(eq(auditLog.action, "assignment.extend"));
    expect(audit.at(-1)?.summary).toContain("Gia hạn cho Sở Giao thông vận tải đến 20/5/2024");
  });

  it("the review screen shows the parts side by side; return needs a reason; agencies cannot act", async () => {
    // Cục Thống kê writes and sends "Phần II / A / I / 1" (it leads it).
    const items = await t.container.db.select().from(outlineItems).where(eq(outlineItems.campaignId, campaignId));
    const [a] = await t.container.db
      .select()
      .from(assignments)
      .where(and(eq(assignments.campaignId, campaignId), eq(assignments.agencyId, ids.statistics), eq(assignments.kind, "outline"), eq(assignments.role, "lead")));
    const itemId = a!.outlineItemId!;
    expect(items.some((i) => i.id === itemId)).toBe(true);
    await t.container.services.sections.save(await userContext(t.container, "thongke", clock.now()), a!.id, itemId, {
      html: "<p>Tăng trưởng kinh tế giai đoạn 2019-2023 bình quân đạt 11,9%/năm, gấp 1,8 lần cả nước.</p>",
      baseVersion: 0,
    });
    await t.container.services.workflow.transition(await userContext(t.container, "thongke.lanhdao", clock.now()), a!.id, { action: "send", reason: null });

    const url = `/api/campaigns/${campaignId}/review/${itemId}`;
    const res = await coordinator.get(url);
    expect(res.statusCode).toBe(200);
    const r = res.json<ReviewDto>();
    const part = r.parts.find((p) => p.agencyId === ids.statistics)!;
    expect(part.state).toBe("sent");
    expect(part.sections[0]!.html).toContain("11,9%/năm");
    expect(part.allowedActions).toEqual(["accept", "return"]);
    expect(part.events[0]!.actorName).toBe("Vũ Đức Thống");
    expect((await statistics.get(url)).statusCode).toBe(403);

    const act = `${url}/parts/${part.assignmentId}`;
    const noReason = await coordinator.post(act, { action: "return", reason: "  " });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toBe("Phải nêu lý do trả lại.");
    expect((await transport.post(act, { action: "return", reason: "Không phải việc của tôi" })).statusCode).toBe(403);
    expect((await viewer.post(act, { action: "accept" })).statusCode).toBe(403);
    const returned = await coordinator.post(act, { action: "return", reason: "Bổ sung số liệu năm 2023 theo số chính thức" });
    expect(returned.statusCode).toBe(200);
    const after = returned.json<ReviewDto>().parts.find((p) => p.agencyId === ids.statistics)!;
    expect(after.state).toBe("returned");
    expect(after.status).toBe("returned");
    expect(after.stateReason).toBe("Bổ sung số liệu năm 2023 theo số chính thức");
  });

  it("the matrix shows what each agency started, the figures it entered and the work it sent on time", async () => {
    const progress = async () => (await coordinator.get(`/api/campaigns/${campaignId}/progress`)).json<ProgressMatrixDto>();
    const before = await progress();
    const ctk = before.agencies.findIndex((a) => a.id === ids.statistics);
    const gt = before.agencies.findIndex((a) => a.id === ids.transport);
    const pl2 = before.columns.findIndex((c) => c.kind === "indicators" && c.label.includes("Phụ lục 2"));
    const cellOf = (m: ProgressMatrixDto, ai: number, ci: number) => m.cells.find((c) => c[0] === ai && c[1] === ci)!;
    expect(cellOf(before, ctk, pl2)[2]).toBe("not_started");

    // A figure entered by Cục Thống kê: its Phụ lục 2 is being drafted and one more input cell holds a value.
    const grid = (await statistics.get(`/api/workspace/indicators/${before.columns[pl2]!.id}`)).json<IndicatorGridDto>();
    const grdp = grid.rows.find((r) => r.indicatorCode === "GRDP_HH")!;
    const saved = await statistics.post(`/api/workspace/indicators/assignments/${grid.assignment!.id}/cells`, {
      cells: [{ rowId: grdp.id, columnKey: "value:2019:HP", value: 84199.2, status: "uoc", baseVersion: 0 }],
    });
    expect(saved.statusCode).toBe(200);

    // Sở GTVT (extended to 20/5) writes one of its items and sends it on 13/5: delivered on time.
    const [own] = await t.container.db
      .select()
      .from(assignments)
      .where(and(eq(assignments.campaignId, campaignId), eq(assignments.agencyId, ids.transport), eq(assignments.kind, "outline"), eq(assignments.role, "lead")));
    await t.container.services.sections.save(await userContext(t.container, "giaothong", clock.now()), own!.id, own!.outlineItemId!, {
      html: "<p>Hoàn thành tuyến đường bộ ven biển đoạn qua thành phố.</p>",
      baseVersion: 0,
    });
    const written = await progress();
    const ownColumn = written.columns.findIndex((c) => c.id === own!.outlineItemId);
    expect(cellOf(written, gt, ownColumn)[2]).toBe("drafting");
    await t.container.services.workflow.transition(await userContext(t.container, "giaothong.lanhdao", clock.now()), own!.id, { action: "send", reason: null });

    const after = await progress();
    expect(cellOf(after, ctk, pl2)[2]).toBe("drafting");
    expect(after.agencies[ctk]!.rates.cellsFilled).toBe(before.agencies[ctk]!.rates.cellsFilled + 1);
    expect(after.agencies[ctk]!.rates.cellsTotal).toBe(before.agencies[ctk]!.rates.cellsTotal);
    expect(after.totals.rates.cellsFilled).toBe(before.totals.rates.cellsFilled + 1);
    expect(cellOf(after, gt, ownColumn)[2]).toBe("sent");
    expect(after.agencies[gt]!.rates.onTime).toBe(before.agencies[gt]!.rates.onTime + 1);
    expect(after.agencies[gt]!.rates.timelinessBase).toBe(before.agencies[gt]!.rates.timelinessBase + 1);
    expect(after.agencies[gt]!.counts.delivered).toBe(before.agencies[gt]!.counts.delivered + 1);
    // Cục Thống kê's item, sent late and returned, counts against its timeliness.
    expect(after.agencies[ctk]!.rates.onTime).toBe(0);
    expect(after.agencies[ctk]!.rates.timelinessBase).toBeGreaterThan(0);
    expect(after.totals.rates.onTime).toBe(after.agencies.reduce((n, a) => n + a.rates.onTime, 0));
  });

  it("drafts the chase letter for the late agencies, which passes the NĐ 30 checks; issuing is recorded once per number", async () => {
    const draft = await coordinator.get(`/api/campaigns/${campaignId}/chase-letter/draft`);
    expect(draft.statusCode).toBe(200);
    const d = draft.json<ChaseLetterDraftDto>();
    expect(d.form.summary).toMatch(/^V\/v đôn đốc gửi báo cáo, số liệu phục vụ sơ kết 05 năm/);
    expect(d.form.opening[0]).toContain("Công văn số 2830/VP-TH ngày 26/4/2024 của Văn phòng Ủy ban nhân dân thành phố Hải Phòng");
    expect(d.form.agencies.map((a) => a.agencyId)).toContain(ids.industry);
    expect(d.form.agencies.map((a) => a.agencyId)).not.toContain(ids.transport); // extended to 20/5: not late
    expect(d.form.newDeadline).toBe("2024-05-16");
    expect(d.form.recipients.at(-1)).toMatch(/^Lưu: VT/);

    const form = { ...d.form, agencies: d.form.agencies.filter((a) => [ids.industry, ids.finance].includes(a.agencyId)), addressees: ["Sở Công Thương", "Sở Tài chính"] };
    const docx = await coordinator.post(`/api/campaigns/${campaignId}/chase-letter/docx`, form);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers["content-type"]).toContain("wordprocessingml");
    const checks = checkNd30(docx.rawPayload, { kind: "cong-van" });
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.rule)).toEqual(expect.arrayContaining(["number", "place-date", "summary", "title", "recipients", "page-number"]));

    const bad = await coordinator.post(`/api/campaigns/${campaignId}/chase-letters`, { form: { ...form, newDeadline: "2024-04-20" }, applyExtension: true });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().message).toBe("Hạn mới 20/4/2024 trước ngày bắt đầu đợt (26/4/2024).");
    const issued = await coordinator.post(`/api/campaigns/${campaignId}/chase-letters`, { form, applyExtension: true });
    expect(issued.statusCode).toBe(201);
    const letter = issued.json<ChaseLetterDto>();
    expect(letter.numberText).toBe(`Số: 0${d.nextNumber}/${form.symbol}`.replace(/^Số: 0(\d\d)/, "Số: $1"));
    expect(letter.agencies.map((a) => a.name).sort()).toEqual(["Sở Công Thương", "Sở Tài chính"]);
    const again = await coordinator.post(`/api/campaigns/${campaignId}/chase-letters`, { form, applyExtension: false });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain(`đã dùng cho công văn ngày 13/5/2024; số tiếp theo là ${d.nextNumber + 1}`);
    // The new deadline became the agencies' own due date.
    const open = await t.container.db.select().from(assignments).where(and(eq(assignments.campaignId, campaignId), eq(assignments.agencyId, ids.industry)));
    expect(open.every((x) => x.dueOverride === "2024-05-16")).toBe(true);
    // The addressed agency downloads it; another agency may not.
    const industry = await t.login("congthuong");
    expect((await industry.get(`/api/campaigns/${campaignId}/chase-letters/${letter.id}/docx`)).statusCode).toBe(200);
    expect((await transport.get(`/api/campaigns/${campaignId}/chase-letters/${letter.id}/docx`)).statusCode).toBe(403);
  });

  it("reminder schedules: a never-ending or every-minute schedule is refused with the field named; agencies and viewers get 403", async () => {
    const url = `/api/campaigns/${campaignId}/reminders/schedules`;
    const list = (await coordinator.get(url)).json<ReminderSchedulesDto>();
    const m1 = list.schedules.find((s) => s.milestoneCode === "M1")!;
    expect(m1.source).toBe("built-in");
    expect(m1.steps.map((s) => `${s.step} ${s.date}`).slice(0, 2)).toEqual(["before-3 2024-05-02", "due 2024-05-04"]);
    const never = await coordinator.put(`${url}/${m1.milestoneId}`, { rules: { ...m1.rules, lateMaxCount: null, lateUntil: null }, enabled: true, version: 0 });
    expect(never.statusCode).toBe(400);
    expect(never.json().message).toBe("Lịch nhắc khi quá hạn không có điểm dừng: phải đặt số lần nhắc tối đa hoặc ngày dừng nhắc.");
    expect(never.json().details[0].field).toBe("rules.lateMaxCount");
    const minute = await coordinator.put(`${url}/${m1.milestoneId}`, { rules: { ...m1.rules, lateEveryDays: 0 }, enabled: true, version: 0 });
    expect(minute.statusCode).toBe(400);
    expect(minute.json().message).toContain("mỗi lượt chạy của bộ lập lịch (mỗi phút)");
    const ok = await coordinator.put(`${url}/${m1.milestoneId}`, { rules: { ...m1.rules, lateEveryDays: 3, lateMaxCount: 2 }, enabled: true, version: 0 });
    expect(ok.statusCode).toBe(200);
    const saved = ok.json<ReminderSchedulesDto>().schedules.find((s) => s.milestoneCode === "M1")!;
    expect(saved.source).toBe("milestone");
    expect(saved.steps.filter((s) => s.step.startsWith("late-")).map((s) => s.date)).toEqual(["2024-05-08", "2024-05-13"]);
    const stale = await coordinator.put(`${url}/${m1.milestoneId}`, { rules: m1.rules, enabled: true, version: 0 });
    expect(stale.statusCode).toBe(409);
    for (const c of [statistics, viewer]) expect((await c.get(url)).statusCode).toBe(403);
    expect((await transport.put(`${url}/mac-dinh`, { rules: m1.rules, enabled: false, version: 0 })).statusCode).toBe(403);
  });

  it("holidays: everyone reads, only the administrator edits; a weekend cannot become an extra day off", async () => {
    const y = await statistics.get("/api/holidays?year=2024");
    expect(y.statusCode).toBe(200);
    const entries = y.json<{ entries: { date: string; kind: string; source: string }[] }>().entries;
    expect(entries).toEqual(expect.arrayContaining([expect.objectContaining({ date: "2024-04-30", kind: "off", source: "shipped" }), expect.objectContaining({ date: "2024-05-04", kind: "work" })]));
    expect((await coordinator.put("/api/holidays", { date: "2024-06-03", kind: "off", note: "Nghỉ" })).statusCode).toBe(403);
    const weekend = await admin.put("/api/holidays", { date: "2024-06-02", kind: "off", note: "Nghỉ" });
    expect(weekend.statusCode).toBe(422);
    expect(weekend.json().message).toBe("Ngày 02/6/2024 là Chủ nhật, vốn đã là ngày nghỉ; không cần thêm.");
    const ok = await admin.put("/api/holidays", { date: "2024-06-03", kind: "off", note: "Nghỉ bù sự kiện của thành phố" });
    expect(ok.statusCode).toBe(200);
    const id = ok.json<{ id: string }>().id;
    expect((await admin.delete(`/api/holidays/${id}`)).statusCode).toBe(200);
  });

  it("the outbox is the administrator's: status, attempts, the dev outbox without SMTP_URL", async () => {
    const res = await admin.get("/api/mail/outbox");
    expect(res.statusCode).toBe(200);
    expect(res.json().mode).toBe("dev");
    expect((await coordinator.get("/api/mail/outbox")).statusCode).toBe(403);
    expect((await statistics.get("/api/mail/outbox")).statusCode).toBe(403);
  });
});
