import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommentDto } from "@tonghop/contracts";
import { appendixRows, commentReminders, compileDrafts, indicatorValues, mailOutbox, notifications, sections, users } from "../../db/schema/index.js";
import { fillCampaign } from "../../demo/fill-campaign.js";
import { createSmallCampaign, type SmallCampaign } from "../../demo/small-campaign.fixture.js";
import { checkNd30 } from "../../exports/docx/nd30-checker.js";
import { FakeClock } from "../../http/clock.js";
import { userContext } from "../../test/campaign-fixtures.js";
import { createTestContext, type TestContext } from "../../test/test-app.js";
import { compileReport } from "../compile/compile-report.js";
import { ValuesRepository } from "../values/values.repository.js";
import { commentReminderStep } from "./comment-reminders.js";

/** Runs on PGlite and on PostgreSQL (TEST_DB). */
describe("comment rounds: routing, answers, re-routing and overrides, anchors, the table, reminders", () => {
  let t: TestContext;
  let c: SmallCampaign;
  let draftId: string;
  let roundId: string;
  const clock = new FakeClock("2024-05-20T03:00:00Z");
  // Each action a second later than the previous one (comments are listed in the order they were made).
  const as = (u: string) => {
    clock.advance(1000);
    return userContext(t.container, u);
  };
  const svc = () => t.container.services.comments;

  beforeAll(async () => {
    t = await createTestContext({ clock });
    c = await createSmallCampaign(t.container);
    await fillCampaign(t.container, c.campaignId, { seed: 7, accept: true, now: new Date("2024-05-19T03:00:00Z") });
    const out = await compileReport(t.container.db, await t.container.services.agencies.directory(), null, { campaignId: c.campaignId, scope: { kind: "whole" }, mode: "draft", date: "2024-05-20", pdf: false });
    const [row] = await t.container.db
      .insert(compileDrafts)
      .values({ campaignId: c.campaignId, scope: "whole", scopeKey: "whole", mode: "draft", number: 1, label: "Dự thảo lần 1 — Toàn văn báo cáo", createdByName: "test", docx: out.docx, xlsx: out.xlsx, snapshot: out.snapshot, checks: out.checks })
      .returning();
    draftId = row!.id;
  }, 120_000);
  afterAll(async () => t.close());

  it("only the campaign's coordinator opens a round; agencies asked are notified", async () => {
    const req = { draftId, title: "Lấy ý kiến dự thảo lần 1", deadline: "2024-05-25", agencyIds: [c.agencies.transport, c.agencies.finance], externalNames: ["Ban Thường vụ Thành ủy"] };
    await expect(svc().openRound(await as("giaothong"), c.campaignId, req)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(svc().openRound(await as("tonghop"), c.campaignId, { ...req, deadline: "2024-05-01" })).rejects.toThrow(/Hạn góp ý 01\/5\/2024 đã qua/);
    const round = await svc().openRound(await as("tonghop"), c.campaignId, req);
    roundId = round.id;
    expect(round.answerDeadline).toBe("2024-05-30");
    expect(round.reviewers.map((r) => [r.name, r.external])).toEqual([
      ["Sở Giao thông vận tải", false],
      ["Sở Tài chính", false],
      ["Ban Thường vụ Thành ủy", true],
    ]);
    expect(round.commentAs.map((r) => r.name)).toEqual(["Ban Thường vụ Thành ủy"]);
    const giaothong = await t.container.repos.users.findByUsername(t.container.db, "giaothong");
    const n = await t.container.db.select().from(notifications).where(and(eq(notifications.userId, giaothong!.id), eq(notifications.kind, "comments.round")));
    expect(n).toHaveLength(1);
    // An agency neither asked nor concerned does not see the round.
    await expect(svc().round(await as("congthuong"), roundId)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  let onParagraph: CommentDto;
  let onCell: CommentDto;
  let onTransport: CommentDto;
  let onCoordinator: CommentDto;

  it("routes each comment to the lead agency of its item or row (inherited), or to the coordinator", async () => {
    const doc = await svc().document(await as("giaothong"), roundId);
    const item1 = doc.sections.find((s) => s.itemId === c.items.item1)!;
    expect(item1.parts[0]!.paragraphs.length).toBeGreaterThan(1);
    const pl2 = doc.appendices.find((a) => a.code === "PL2")!;
    const structureA = pl2.rows.find((r) => r.rowId === c.rows.structureA)!;
    const column = pl2.columns.find((col) => structureA.cells[col.key])!;

    onParagraph = await svc().addComment(await as("giaothong"), roundId, { anchor: { kind: "paragraph", itemId: c.items.item1, paragraphIndex: 1 }, body: "Đề nghị bổ sung số liệu quý IV." });
    expect(onParagraph.routedAgencyName).toBe("Cục Thống kê thành phố Hải Phòng");
    expect(onParagraph.quote).toBe(item1.parts[0]!.paragraphs[1]);
    expect(onParagraph.location).toMatch(/^Mục Phần I › I › 1\. Tăng trưởng kinh tế, đoạn 2$/);
    expect(onParagraph.reviewerName).toBe("Sở Giao thông vận tải");

    onCell = await svc().addComment(await as("taichinh"), roundId, { anchor: { kind: "cell", appendixCode: "PL2", rowId: c.rows.structureA, columnKey: column.key }, body: "Số liệu cơ cấu dịch vụ chưa khớp niên giám." });
    expect(onCell.routedAgencyName).toBe("Cục Thống kê thành phố Hải Phòng");
    expect(onCell.quote).toBe(structureA.cells[column.key]);
    expect(onCell.location).toContain("Phụ lục 2");
    expect(onCell.location).toContain("Dịch vụ");

    onTransport = await svc().addComment(await as("taichinh"), roundId, { anchor: { kind: "section", itemId: c.items.itemII }, body: "Cần nêu rõ tiến độ các dự án giao thông trọng điểm." });
    expect(onTransport.routedAgencyName).toBe("Sở Giao thông vận tải");

    const coordinatorDoc = doc.sections.find((s) => s.itemId === c.items.itemCoordinator)!;
    expect(coordinatorDoc).toBeDefined();
    const round = await svc().round(await as("tonghop"), roundId);
    onCoordinator = await svc().addComment(await as("tonghop"), roundId, { reviewerId: round.commentAs[0]!.id, anchor: { kind: "section", itemId: c.items.itemCoordinator }, body: "Nhiệm vụ, giải pháp cần cụ thể hơn." });
    expect(onCoordinator.reviewerName).toBe("Ban Thường vụ Thành ủy");
    expect(onCoordinator.routedAgencyName).toBe("Sở Kế hoạch và Đầu tư");
  });

  it("refuses comments from agencies not asked, on things not in the draft, and on behalf of another body", async () => {
    await expect(svc().addComment(await as("thongke"), roundId, { anchor: { kind: "section", itemId: c.items.item1 }, body: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(svc().addComment(await as("giaothong"), roundId, { anchor: { kind: "paragraph", itemId: c.items.item1, paragraphIndex: 99 }, body: "x" })).rejects.toThrow(/không có đoạn thứ 100/);
    await expect(svc().addComment(await as("giaothong"), roundId, { anchor: { kind: "cell", appendixCode: "PL9", rowId: c.rows.growth, columnKey: "x" }, body: "x" })).rejects.toThrow(/không có phụ lục "PL9"/);
    const round = await svc().round(await as("tonghop"), roundId);
    const external = round.reviewers.find((r) => r.external)!;
    await expect(svc().addComment(await as("giaothong"), roundId, { reviewerId: external.id, anchor: { kind: "section", itemId: c.items.item1 }, body: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("the lead agency answers its own comments only; the coordinator overrides and re-routes", async () => {
    // The statistics office sees the round because comments are routed to it, and has them in its inbox.
    const inbox = await svc().inbox(await as("thongke"));
    expect(inbox.map((i) => i.id).sort()).toEqual([onParagraph.id, onCell.id].sort());
    expect(inbox.every((i) => i.canAnswer && i.status === "pending")).toBe(true);
    await expect(svc().answer(await as("giaothong"), onParagraph.id, { kind: "tiep-thu", text: "x", version: onParagraph.version })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const a1 = await svc().answer(await as("thongke"), onParagraph.id, { kind: "tiep-thu", text: "Đã bổ sung số liệu quý IV/2023 vào đoạn 2.", version: onParagraph.version });
    expect(a1.answer).toMatchObject({ kind: "tiep-thu", label: "Tiếp thu", source: "agency", byName: "Lê Thị Kê" });
    await expect(svc().answer(await as("thongke"), onParagraph.id, { kind: "giai-trinh", text: "y", version: onParagraph.version })).rejects.toMatchObject({ code: "VERSION_CONFLICT" });
    const a2 = await svc().answer(await as("thongke"), onCell.id, { kind: "giai-trinh", text: "Số liệu theo niên giám sơ bộ 2023; sẽ cập nhật khi có số chính thức.", version: onCell.version });
    expect(a2.status).toBe("answered");
    const a3 = await svc().answer(await as("giaothong"), onTransport.id, { kind: "khong-tiep-thu", text: "Tiến độ dự án đã nêu tại Phụ lục 1.", version: onTransport.version });

    // Override: the coordinator decides; the agency's own answer is kept and it can no longer change it.
    await expect(svc().override(await as("giaothong"), a3.id, { kind: "tiep-thu", text: "x", version: a3.version })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const o = await svc().override(await as("tonghop"), a3.id, { kind: "tiep-thu", text: "Bổ sung một đoạn về tiến độ cầu Nguyễn Trãi.", version: a3.version });
    expect(o.answer).toMatchObject({ kind: "tiep-thu", source: "coordinator" });
    expect(o.agencyAnswer).toEqual({ kind: "khong-tiep-thu", text: "Tiến độ dự án đã nêu tại Phụ lục 1." });
    expect(o.canAnswer).toBe(false);
    await expect(svc().answer(await as("giaothong"), o.id, { kind: "giai-trinh", text: "x", version: o.version })).rejects.toMatchObject({ code: "CONFLICT" });

    // Re-route: the answer is dropped and the new agency answers.
    await expect(svc().reroute(await as("thongke"), onCoordinator.id, { agencyId: c.agencies.finance, version: onCoordinator.version })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const r = await svc().reroute(await as("tonghop"), onCoordinator.id, { agencyId: c.agencies.finance, version: onCoordinator.version });
    expect(r).toMatchObject({ routedAgencyName: "Sở Tài chính", routeSource: "coordinator", status: "pending", answer: null });
    const f = await svc().answer(await as("taichinh"), r.id, { kind: "giai-trinh", text: "Giải pháp đã được cụ thể hoá tại Phần II.", version: r.version });
    expect(f.answer?.byName).toBe("Bùi Thị Ngân");

    const pending = await svc().list(await as("tonghop"), roundId, { status: "pending" });
    expect(pending).toEqual([]);
    const round = await svc().round(await as("tonghop"), roundId);
    expect(round.counts).toEqual({ total: 4, pending: 0, answered: 4 });
  });

  it("a comment whose paragraph was later deleted stays readable with its quote; others stay current", async () => {
    const [sec] = await t.container.db.select().from(sections).where(and(eq(sections.outlineItemId, c.items.item1), eq(sections.agencyId, c.agencies.statistics)));
    const paragraphs = sec!.text.split("\n").filter((p) => p.trim());
    const kept = paragraphs.filter((_, i) => i !== 1);
    await t.container.db.update(sections).set({ text: kept.join("\n"), html: kept.map((p) => `<p>${p}</p>`).join("") }).where(eq(sections.id, sec!.id));
    const list = await svc().list(await as("tonghop"), roundId, {});
    const gone = list.find((x) => x.id === onParagraph.id)!;
    expect(gone.anchorState).toBe("changed");
    expect(gone.quote).toBe(paragraphs[1]);
    expect(list.filter((x) => x.id !== onParagraph.id).every((x) => x.anchorState === "current")).toBe(true);
    // Filters.
    expect((await svc().list(await as("tonghop"), roundId, { anchorKind: "cell" })).map((x) => x.id)).toEqual([onCell.id]);
    expect((await svc().list(await as("tonghop"), roundId, { agencyId: c.agencies.statistics })).map((x) => x.id)).toEqual([onParagraph.id, onCell.id]);
  });

  it("a comment on a cell whose figure was corrected later keeps its quote and shows what the report says now", async () => {
    const [row] = await t.container.db.select().from(appendixRows).where(eq(appendixRows.id, c.rows.structureA));
    const current = await t.container.db
      .select()
      .from(indicatorValues)
      .where(eq(indicatorValues.indicatorId, row!.indicatorId!));
    expect(current.length).toBeGreaterThan(0);
    // The statistics office publishes corrected figures for the row (a new vintage of each).
    const repo = new ValuesRepository();
    await t.container.db.transaction(async (tx) => {
      const taken = await repo.lockCurrent(tx, current);
      await repo.write(tx, taken.map((v) => ({ ...v, value: (v.value ?? 0) + 7, status: "chinh-thuc" as const, enteredAt: new Date(), version: v.version + 1 })));
    });
    const list = await svc().list(await as("tonghop"), roundId, { anchorKind: "cell" });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: onCell.id, anchorState: "changed", quote: onCell.quote });
    expect(list[0]!.currentText).toBeTruthy();
    expect(list[0]!.currentText).not.toBe(onCell.quote);
    // Paragraph and section comments say nothing about figures.
    const others = await svc().list(await as("tonghop"), roundId, {});
    expect(others.filter((x) => x.anchorKind !== "cell").every((x) => x.currentText === null)).toBe(true);
  });

  it("the table (DOCX with the NĐ 30 header, and XLSX) has one row per comment with its answer", async () => {
    await expect(svc().table(await as("giaothong"), roundId, "docx")).rejects.toMatchObject({ code: "FORBIDDEN" });
    const docx = await svc().table(await as("tonghop"), roundId, "docx");
    expect(checkNd30(docx.data).filter((r) => !r.ok)).toEqual([]);
    const xml = strFromU8(unzipSync(docx.data)["word/document.xml"]!);
    expect(xml).toContain("Tiếp thu: Đã bổ sung số liệu quý IV/2023 vào đoạn 2.");
    expect(xml).toContain("Giải trình: Số liệu theo niên giám sơ bộ 2023");
    expect(xml).toContain("(đoạn văn đã bị sửa/xoá)");
    expect(docx.disposition).toContain(".docx");
    const xlsx = await svc().table(await as("tonghop"), roundId, "xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = ws.getRow(4).values as unknown[];
    expect(header.slice(1)).toEqual(["TT", "Cơ quan góp ý", "Nội dung góp ý", "Vị trí trong dự thảo", "Ý kiến tiếp thu, giải trình", "Cơ quan xử lý"]);
    expect(ws.getRow(5).getCell(2).value).toBe("Sở Giao thông vận tải");
    expect(ws.getRow(6).getCell(5).value).toMatch(/^Giải trình: /);
    expect(ws.getRow(6).getCell(6).value).toBe("Cục Thống kê thành phố Hải Phòng");
    expect(ws.rowCount).toBe(8);
  });

  it("reminds the agencies of unanswered comments once per step, with the in-app notification and the e-mail", async () => {
    expect(commentReminderStep("2024-05-30", "2024-05-27")).toBeNull();
    expect(commentReminderStep("2024-05-30", "2024-05-28")).toBe("due");
    expect(commentReminderStep("2024-05-30", "2024-05-31")).toBe("late-1");
    // Working days only: no reminder on Saturday 01/6; Monday 03/6 is the 2nd working day late (still step 1),
    // Wednesday 05/6 the 4th (step 2); an administrator's extra day off is skipped and moves the steps.
    expect(commentReminderStep("2024-05-30", "2024-06-01")).toBeNull();
    expect(commentReminderStep("2024-05-30", "2024-06-03")).toBe("late-1");
    expect(commentReminderStep("2024-05-30", "2024-06-05")).toBe("late-2");
    const dayOff = { holidays: ["2024-06-04"], workingWeekends: [] };
    expect(commentReminderStep("2024-05-30", "2024-06-04", dayOff)).toBeNull();
    expect(commentReminderStep("2024-05-30", "2024-06-05", dayOff)).toBe("late-1");
    await t.container.db.update(users).set({ email: "thongke@example.gov.vn" }).where(eq(users.username, "thongke"));
    const comment = await svc().addComment(await as("giaothong"), roundId, { anchor: { kind: "section", itemId: c.items.item2 }, body: "Làm rõ vốn đầu tư nước ngoài." });
    expect(comment.routedAgencyName).toBe("Cục Thống kê thành phố Hải Phòng");
    const late = new Date("2024-05-31T03:00:00Z");
    const first = await svc().runReminders(late, "a");
    const again = await svc().runReminders(late, "b");
    expect(again).toEqual([]);
    const thongke = await t.container.repos.users.findByUsername(t.container.db, "thongke");
    expect(first.filter((s) => s.userId === thongke!.id)).toEqual([{ roundId, agencyId: c.agencies.statistics, step: "late-1", userId: thongke!.id, pending: 1 }]);
    // The leader is told from the first late step on too.
    const leader = await t.container.repos.users.findByUsername(t.container.db, "thongke.lanhdao");
    expect(first.some((s) => s.userId === leader!.id)).toBe(true);
    const n = await t.container.db.select().from(notifications).where(and(eq(notifications.userId, thongke!.id), eq(notifications.kind, "comments.late")));
    expect(n).toHaveLength(1);
    expect(n[0]!.title).toContain("còn 1 ý kiến chưa tiếp thu, giải trình");
    const mails = await t.container.db.select().from(mailOutbox).where(eq(mailOutbox.kind, "comment-reminder"));
    expect(mails.map((m) => m.toAddress)).toEqual(["thongke@example.gov.vn"]);
    const rows = await t.container.db.select().from(commentReminders);
    expect(rows.length).toBe(first.length);
    // The coordinator's record of what went out.
    const log = await svc().sentReminders(await as("tonghop"), roundId);
    expect(log).toHaveLength(first.length);
    expect(log.find((x) => x.recipientName === "Lê Thị Kê")).toMatchObject({
      agencyName: "Cục Thống kê thành phố Hải Phòng",
      subject: "1 ý kiến chưa tiếp thu, giải trình",
      step: "late-1",
      stepLabel: "Quá hạn — lần 1",
      mailStatus: "pending",
    });
    await expect(svc().sentReminders(await as("thongke"), roundId)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("closing the round tells the agencies asked and those that had comments to answer; late comments are refused", async () => {
    await expect(svc().closeRound(await as("giaothong"), roundId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const before = await t.container.db.select().from(notifications).where(eq(notifications.kind, "comments.round-closed"));
    expect(before).toHaveLength(0);
    const closed = await svc().closeRound(await as("tonghop"), roundId);
    expect(closed.status).toBe("closed");
    const sent = await t.container.db.select().from(notifications).where(eq(notifications.kind, "comments.round-closed"));
    const recipients = await t.container.db.select({ id: users.id, agencyId: users.agencyId }).from(users);
    const agencyOf = new Map(recipients.map((u) => [u.id, u.agencyId]));
    const told = new Set(sent.map((n) => agencyOf.get(n.userId)));
    // Asked: transport and finance; answering: statistics, transport, planning (the coordinator's own agency).
    for (const a of [c.agencies.transport, c.agencies.finance, c.agencies.statistics]) expect(told.has(a)).toBe(true);
    expect(sent[0]!.body).toMatch(/\d+ ý kiến, \d+ đã được tiếp thu, giải trình/);
    // Closing twice tells no one twice.
    await svc().closeRound(await as("tonghop"), roundId);
    expect(await t.container.db.select().from(notifications).where(eq(notifications.kind, "comments.round-closed"))).toHaveLength(sent.length);
    await expect(svc().addComment(await as("giaothong"), roundId, { anchor: { kind: "section", itemId: c.items.item2 }, body: "Muộn." })).rejects.toThrow(/đã kết thúc/);
  });
});
