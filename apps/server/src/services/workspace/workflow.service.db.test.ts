import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignmentEvents, assignments, auditLog, notifications, users } from "../../db/schema/index.js";
import { AppError } from "../../http/errors.js";
import { FakeClock } from "../../http/clock.js";
import { createTestContext, type TestContext } from "../../test/test-app.js";
import { ITEM_1, ITEM_1_1, ITEM_2_1, setupCv2830, type Cv2830Fixture } from "./sections-fixtures.js";

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("lẽ ra phải lỗi");
}

/** Runs on PGlite and on PostgreSQL (TEST_DB). */
describe("workflow: steps, notifications, declarations, send-all", () => {
  let t: TestContext;
  let f: Cv2830Fixture;
  let a1: string;
  const clock = new FakeClock("2024-05-02T02:00:00Z");
  const wf = () => t.container.services.workflow;
  const sec = () => t.container.services.sections;

  const notificationsOf = async (username: string, kind: string) => {
    const [u] = await t.container.db.select().from(users).where(eq(users.username, username));
    return t.container.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, u!.id), eq(notifications.kind, kind)));
  };

  beforeAll(async () => {
    t = await createTestContext({ clock });
    f = await setupCv2830(t.container, { now: clock.now() });
    a1 = await f.assignment("thongke", ITEM_1);
    await sec().save(await f.ctx("thongke"), a1, f.item(ITEM_1_1), { html: "<p>Quy mô GRDP năm 2023.</p>", baseVersion: 0 });
  });
  afterAll(async () => t.close());

  it("the officer sees the state, due date in working days and the buttons it may press", async () => {
    const s = await wf().get(await f.ctx("thongke"), a1);
    expect(s).toMatchObject({ state: "draft", overdue: false, canEdit: true, allowedActions: ["submit", "declare"] });
    expect(s.dueDate).toBe("2024-05-10");
    // 02/5 (Thu) → 10/5 (Fri): 03, Saturday 04 (worked in exchange for 29/4/2024), 06, 07, 08, 09, 10.
    expect(s.workingDaysLeft).toBe(7);
    expect(s.title).toBe("Phần II / A / I / 1 Quy mô kinh tế và tổng sản phẩm bình quân đầu người");
    const leader = await wf().get(await f.ctx("thongke.lanhdao"), a1);
    expect(leader.allowedActions).toEqual(["send", "declare"]);
    const coordinator = await wf().get(await f.ctx("tonghop"), a1);
    expect(coordinator).toMatchObject({ allowedActions: [], canEdit: false });
    expect((await failure(wf().get(await f.ctx("giaothong"), a1))).statusCode).toBe(403);
  });

  it("an officer cannot send to the coordinator; submitting goes to the leader, who is notified", async () => {
    const officer = await f.ctx("thongke");
    const e = await failure(wf().transition(officer, a1, { action: "send" }));
    expect(e.statusCode).toBe(403);
    expect(e.message).toBe("Chỉ lãnh đạo đơn vị được gửi báo cáo.");
    const s = await wf().transition(officer, a1, { action: "submit", version: 1 });
    expect(s).toMatchObject({ state: "submitted", version: 2, canEdit: false });
    expect(s.events[0]).toMatchObject({ action: "submit", fromState: "draft", toState: "submitted", actorName: "Lê Thị Kê" });
    const n = await notificationsOf("thongke.lanhdao", "assignment.submitted");
    expect(n[0]!.title).toContain("Trình lãnh đạo");
    expect(n[0]!.link).toBe(`/dot/${f.campaignId}/muc/${f.item(ITEM_1)}`);
    // The officer may not write any more; the leader may.
    expect((await failure(sec().save(officer, a1, f.item(ITEM_1_1), { html: "<p>y</p>", baseVersion: 1 }))).statusCode).toBe(403);
    const byLeader = await sec().save(await f.ctx("thongke.lanhdao"), a1, f.item(ITEM_1_1), { html: "<p>Quy mô GRDP năm 2023 (lãnh đạo sửa).</p>", baseVersion: 1 });
    expect(byLeader.section.version).toBe(2);
  });

  it("a stale version is refused (someone acted meanwhile)", async () => {
    const e = await failure(wf().transition(await f.ctx("thongke.lanhdao"), a1, { action: "send", version: 1 }));
    expect(e.code).toBe("VERSION_CONFLICT");
  });

  it("the leader returns internally only with a reason, and the officer is told why", async () => {
    const leader = await f.ctx("thongke.lanhdao");
    const noReason = await failure(wf().transition(leader, a1, { action: "return-internal", reason: "  " }));
    expect(noReason).toMatchObject({ statusCode: 400, message: "Phải nêu lý do trả lại." });
    const s = await wf().transition(leader, a1, { action: "return-internal", reason: "Bổ sung so sánh với cả nước." });
    expect(s).toMatchObject({ state: "draft", stateReason: "Bổ sung so sánh với cả nước." });
    const n = await notificationsOf("thongke", "assignment.returned-internal");
    expect(n[0]!.body).toBe("Lý do: Bổ sung so sánh với cả nước.");
  });

  it("the leader sends; it is locked; the coordinator is notified", async () => {
    const s = await wf().transition(await f.ctx("thongke.lanhdao"), a1, { action: "send" });
    expect(s).toMatchObject({ state: "sent", canEdit: false, overdue: false, workingDaysLeft: null, stateReason: null });
    expect(s.sentAt).toBe(clock.now().toISOString());
    const n = await notificationsOf("tonghop", "assignment.sent");
    expect(n[0]!.title).toBe("Cục Thống kê thành phố Hải Phòng đã gửi: Phần II / A / I / 1 Quy mô kinh tế và tổng sản phẩm bình quân đầu người");
    expect(n[0]!.link).toContain("?agency=");
    const locked = await failure(sec().save(await f.ctx("thongke.lanhdao"), a1, f.item(ITEM_1_1), { html: "<p>z</p>", baseVersion: 2 }));
    expect(locked.message).toMatch(/bị khoá/);
    expect((await failure(wf().transition(await f.ctx("thongke.lanhdao"), a1, { action: "send" }))).statusCode).toBe(409);
  });

  it("the coordinator returns with a required reason; the agency sees it and can edit again", async () => {
    const coordinator = await f.ctx("tonghop");
    expect((await failure(wf().transition(coordinator, a1, { action: "return" }))).message).toBe("Phải nêu lý do trả lại.");
    expect((await failure(wf().transition(await f.ctx("xem"), a1, { action: "return", reason: "x" }))).statusCode).toBe(403);
    expect((await failure(wf().transition(await f.ctx("giaothong.lanhdao"), a1, { action: "accept" }))).statusCode).toBe(403);
    await wf().transition(coordinator, a1, { action: "return", reason: "Thiếu số liệu năm 2023 so với vùng ĐBSH." });
    const seen = await wf().get(await f.ctx("thongke"), a1);
    expect(seen).toMatchObject({ state: "returned", stateReason: "Thiếu số liệu năm 2023 so với vùng ĐBSH.", canEdit: true, allowedActions: ["submit", "declare"] });
    const n = await notificationsOf("thongke", "assignment.returned");
    expect(n[0]!.body).toBe("Lý do: Thiếu số liệu năm 2023 so với vùng ĐBSH.");
    expect((await notificationsOf("thongke.lanhdao", "assignment.returned")).length).toBe(1);
  });

  it("resent, accepted and reopened by the coordinator, with events and audit for every step", async () => {
    const leader = await f.ctx("thongke.lanhdao");
    await sec().save(await f.ctx("thongke"), a1, f.item(ITEM_1_1), { html: "<p>Đã bổ sung vùng ĐBSH.</p>", baseVersion: 2 });
    await wf().transition(leader, a1, { action: "send" });
    const accepted = await wf().transition(await f.ctx("lanhdao.tonghop"), a1, { action: "accept" });
    expect(accepted).toMatchObject({ state: "accepted", canEdit: false });
    expect((await notificationsOf("thongke", "assignment.accepted")).length).toBe(1);
    expect((await failure(wf().transition(await f.ctx("tonghop"), a1, { action: "reopen" }))).message).toBe("Phải nêu lý do mở lại.");
    const reopened = await wf().transition(await f.ctx("tonghop"), a1, { action: "reopen", reason: "Cập nhật số liệu chính thức 2023." });
    expect(reopened).toMatchObject({ state: "returned", acceptedAt: null });
    const events = await t.container.db.select().from(assignmentEvents).where(eq(assignmentEvents.assignmentId, a1));
    expect(events.map((e) => e.action).sort()).toEqual(["accept", "reopen", "return", "return-internal", "send", "send", "submit"].sort());
    const audits = await t.container.db.select().from(auditLog).where(and(eq(auditLog.entityType, "assignment"), eq(auditLog.entityId, a1)));
    expect(audits).toHaveLength(7);
  });

  it("a declaration needs a reason; the officer's goes to the leader, who sends it without content", async () => {
    const a21 = await f.assignment("thongke", ITEM_2_1);
    const officer = await f.ctx("thongke");
    const e = await failure(wf().transition(officer, a21, { action: "declare", declaration: "no_data" }));
    expect(e).toMatchObject({ statusCode: 400, message: 'Phải nêu lý do khai báo "không có số liệu".' });
    const s = await wf().transition(officer, a21, { action: "declare", declaration: "no_data", reason: "Chưa có số liệu TFP của Tổng cục." });
    expect(s).toMatchObject({ state: "submitted", declaration: "no_data", declarationReason: "Chưa có số liệu TFP của Tổng cục." });
    const sent = await wf().transition(await f.ctx("thongke.lanhdao"), a21, { action: "send" });
    expect(sent).toMatchObject({ state: "sent", declaration: "no_data", overdue: false });
  });

  it("sending an assignment with nothing written is refused with what to do", async () => {
    const [other] = await t.container.db
      .select({ id: assignments.id })
      .from(assignments)
      .where(and(eq(assignments.campaignId, f.campaignId), eq(assignments.agencyId, (await f.ctx("thongke")).actor!.agencyId), eq(assignments.kind, "outline"), eq(assignments.state, "draft")))
      .limit(1);
    const e = await failure(wf().transition(await f.ctx("thongke.lanhdao"), other!.id, { action: "send" }));
    expect(e.statusCode).toBe(409);
    expect(e.message).toMatch(/Chưa viết nội dung nào/);
  });

  it("overdue is derived from the (extended) due date", async () => {
    const late = await f.ctx("thongke", new Date("2024-05-14T02:00:00Z"));
    const s = await wf().get(late, a1);
    expect(s).toMatchObject({ state: "returned", overdue: true, workingDaysLeft: -2 });
    await t.container.db.update(assignments).set({ dueOverride: "2024-05-20" }).where(eq(assignments.id, a1));
    expect(await wf().get(late, a1)).toMatchObject({ overdue: false, extended: true, dueDate: "2024-05-20", workingDaysLeft: 4 });
  });

  it("send-all: refused as a whole while something blocks (nothing sent), then sends everything in one go", async () => {
    const leader = await f.ctx("thongke.lanhdao");
    const agencyId = leader.actor!.agencyId;
    expect((await failure(wf().sendAll(await f.ctx("thongke"), f.campaignId))).message).toBe("Chỉ lãnh đạo đơn vị được gửi báo cáo.");
    const preview = await wf().sendAllPreview(leader, f.campaignId);
    expect(preview.blocked.length).toBeGreaterThan(0);
    expect(preview.ready.map((r) => r.assignmentId)).toContain(a1);
    expect(preview.done).toBe(1);
    const before = await t.container.db.select({ id: assignments.id, state: assignments.state }).from(assignments).where(and(eq(assignments.campaignId, f.campaignId), eq(assignments.agencyId, agencyId)));
    const e = await failure(wf().sendAll(leader, f.campaignId));
    expect(e.statusCode).toBe(409);
    expect((e.details as { blocked: unknown[] }).blocked).toHaveLength(preview.blocked.length);
    const unchanged = await t.container.db.select({ id: assignments.id, state: assignments.state }).from(assignments).where(and(eq(assignments.campaignId, f.campaignId), eq(assignments.agencyId, agencyId)));
    expect(unchanged.sort((x, y) => x.id.localeCompare(y.id))).toEqual(before.sort((x, y) => x.id.localeCompare(y.id)));

    // Write something in every blocked outline assignment, then send all.
    const officer = await f.ctx("thongke");
    for (const b of preview.blocked) {
      const page = await sec().itemsOf(t.container.db, (await t.container.db.select().from(assignments).where(eq(assignments.id, b.assignmentId)))[0]!);
      await sec().save(officer, b.assignmentId, page[0]!.id, { html: `<p>Nội dung ${b.title}</p>`, baseVersion: 0 });
    }
    const result = await wf().sendAll(leader, f.campaignId);
    expect(result.sent.length).toBe(preview.ready.length + preview.blocked.length);
    const after = await t.container.db
      .select({ state: assignments.state })
      .from(assignments)
      .where(and(eq(assignments.campaignId, f.campaignId), eq(assignments.agencyId, agencyId), inArray(assignments.state, ["draft", "submitted", "returned"])));
    expect(after).toHaveLength(0);
    const n = await notificationsOf("tonghop", "assignment.sent");
    expect(n.some((x) => x.title === `Cục Thống kê thành phố Hải Phòng đã gửi ${result.sent.length} nhiệm vụ`)).toBe(true);
    expect((await failure(wf().sendAll(leader, f.campaignId))).message).toMatch(/Không còn nhiệm vụ nào để gửi/);
  });
});
