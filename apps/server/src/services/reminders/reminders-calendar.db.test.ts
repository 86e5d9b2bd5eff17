import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, formatVnDate } from "@tonghop/domain";
import type { RequestContext } from "../../auth/actor.js";
import { assignments, mailOutbox, notifications, reminderOccurrences, users } from "../../db/schema/index.js";
import { FakeClock } from "../../http/clock.js";
import { importSeedCampaign, userContext } from "../../test/campaign-fixtures.js";
import { createTestContext, type TestContext } from "../../test/test-app.js";
import type { SentReminder } from "./reminders.service.js";

/**
 * A whole campaign calendar with a fake clock: CV2830 (published 26/4/2024) from 26/4 to 15/6/2024, the reminders
 * job run every day at 09:00 and 15:00 (Asia/Ho_Chi_Minh) over the real 2024 holidays (27/4–01/5 off, Saturday 04/5
 * a working day). During the run:
 *  - 03/5  Sở Tài chính declares "không có số liệu" for Phụ lục 2 (its officer: waits for the leader, not chased);
 *  - 08/5  Cục Thống kê (leader) sends Phụ lục 2;
 *  - 10/5  the coordinator extends every open piece of Sở Giao thông vận tải to 20/5;
 *  - Sở Công Thương never sends.
 * Runs on PGlite and on PostgreSQL (TEST_DB).
 */
describe("reminders: the CV2830 calendar day by day", () => {
  let t: TestContext;
  let campaignId: string;
  const clock = new FakeClock("2024-04-26T02:00:00Z");
  const log: string[] = [];
  const sent: SentReminder[] = [];
  let names: Map<string, string>;
  let agencyShort: Map<string, string>;

  const ctxOf = (username: string): Promise<RequestContext> => userContext(t.container, username, clock.now());

  async function openAssignments(username: string, where: (a: typeof assignments.$inferSelect) => boolean) {
    const user = await t.container.repos.users.findByUsername(t.container.db, username);
    const rows = await t.container.db.select().from(assignments).where(and(eq(assignments.campaignId, campaignId), eq(assignments.agencyId, user!.agencyId)));
    return rows.filter(where);
  }

  beforeAll(async () => {
    t = await createTestContext({ clock });
    ({ campaignId } = await importSeedCampaign(t.container, "cv2830-2024-so-ket-nq45", { publish: true }));
    const db = t.container.db;
    for (const u of ["thongke", "thongke.lanhdao", "giaothong", "giaothong.lanhdao", "taichinh", "congthuong", "tonghop"]) {
      await db.update(users).set({ email: `${u}@haiphong.gov.vn` }).where(eq(users.username, u));
    }
    const all = await db.select({ id: users.id, username: users.username, agencyId: users.agencyId }).from(users);
    names = new Map(all.map((u) => [u.id, u.username]));
    const dir = await t.container.services.agencies.directory();
    agencyShort = new Map(all.map((u) => [u.agencyId, dir.nameOn(u.agencyId, "2024-04-26")?.abbreviation ?? u.agencyId]));

    const jobs = async () => {
      const out = await t.container.services.reminders.runDue(clock.now(), "test");
      sent.push(...out);
      for (const s of out) {
        if (s.level === "letter") continue;
        log.push(`${formatVnDate(s.stepDate)} ${s.milestoneCode} ${s.step} ${agencyShort.get(s.agencyId)} → ${names.get(s.recipientUserId!)}`);
      }
    };
    for (let day = "2024-04-26"; day <= "2024-06-15"; day = addDays(day, 1)) {
      clock.set(`${day}T02:00:00Z`); // 09:00
      await jobs();
      clock.set(`${day}T03:00:00Z`); // 10:00: what people do that day
      if (day === "2024-05-03") {
        const [pl2] = await openAssignments("taichinh", (a) => a.kind === "indicators");
        await t.container.services.workflow.transition(await ctxOf("taichinh"), pl2!.id, { action: "declare", declaration: "no_data", reason: "Sở không theo dõi các chỉ tiêu này" });
      }
      if (day === "2024-05-08") {
        const [pl2] = await openAssignments("thongke", (a) => a.kind === "indicators");
        await t.container.services.workflow.transition(await ctxOf("thongke.lanhdao"), pl2!.id, { action: "send", reason: null });
      }
      if (day === "2024-05-10") {
        const gt = await t.container.repos.users.findByUsername(db, "giaothong");
        await t.container.services.console.extend(await ctxOf("tonghop"), campaignId, { agencyId: gt!.agencyId, dueDate: "2024-05-20", reason: "Sở đề nghị do phải tổng hợp số liệu từ các cảng" });
      }
      clock.set(`${day}T08:00:00Z`); // 15:00: a second run the same day sends nothing new
      await jobs();
    }
  }, 240_000);
  afterAll(async () => t.close());

  it("sends exactly these reminders, on working days only, never to an agency once it sent or declared", () => {
    expect(log).toEqual([
      // M1 Phụ lục 2, trước 05/5 (Sunday): 3 working days before = 02/5 (27/4–01/5 are off); the due step on the
      // working Saturday 04/5; then every 2 working days, from the first late reminder also to the leader.
      "02/5/2024 M1 before-3 SCT → congthuong",
      "02/5/2024 M1 before-3 CTK → thongke",
      "02/5/2024 M1 before-3 TC → taichinh",
      // Sở Tài chính declared "không có số liệu" on 03/5: no more M1 reminders for it.
      "04/5/2024 M1 due SCT → congthuong",
      "04/5/2024 M1 due CTK → thongke",
      "07/5/2024 M3 before-3 TC → taichinh",
      "07/5/2024 M3 before-3 SCT → congthuong",
      "07/5/2024 M3 before-3 GTVT → giaothong",
      "07/5/2024 M3 before-3 CTK → thongke",
      "07/5/2024 M1 late-1 SCT → congthuong", // officer and leader in one account: one reminder
      "07/5/2024 M1 late-1 CTK → thongke",
      "07/5/2024 M1 late-1 CTK → thongke.lanhdao",
      // Cục Thống kê sent Phụ lục 2 on 08/5: no more M1 reminders for it.
      "09/5/2024 M1 late-2 SCT → congthuong",
      "10/5/2024 M3 due TC → taichinh",
      "10/5/2024 M3 due SCT → congthuong",
      "10/5/2024 M3 due GTVT → giaothong", // at 09:00, before the extension given at 10:00
      "10/5/2024 M3 due CTK → thongke",
      "13/5/2024 M1 late-3 SCT → congthuong",
      "14/5/2024 M3 late-1 TC → taichinh", // Sở Tài chính has no leader account
      "14/5/2024 M3 late-1 SCT → congthuong",
      "14/5/2024 M3 late-1 CTK → thongke",
      "14/5/2024 M3 late-1 CTK → thongke.lanhdao",
      "15/5/2024 M1 late-4 SCT → congthuong",
      "15/5/2024 M3 before-3 GTVT → giaothong", // the extension to 20/5 starts a new sequence
      "16/5/2024 M3 late-2 TC → taichinh",
      "16/5/2024 M3 late-2 SCT → congthuong",
      "16/5/2024 M3 late-2 CTK → thongke",
      "16/5/2024 M3 late-2 CTK → thongke.lanhdao",
      "17/5/2024 M1 late-5 SCT → congthuong", // the fifth and last late reminder of M1
      "20/5/2024 M3 late-3 TC → taichinh",
      "20/5/2024 M3 late-3 SCT → congthuong",
      "20/5/2024 M3 late-3 CTK → thongke",
      "20/5/2024 M3 late-3 CTK → thongke.lanhdao",
      "20/5/2024 M3 due GTVT → giaothong",
      "22/5/2024 M3 late-4 TC → taichinh",
      "22/5/2024 M3 late-4 SCT → congthuong",
      "22/5/2024 M3 late-4 CTK → thongke",
      "22/5/2024 M3 late-4 CTK → thongke.lanhdao",
      "22/5/2024 M3 late-1 GTVT → giaothong",
      "22/5/2024 M3 late-1 GTVT → giaothong.lanhdao",
      "24/5/2024 M3 late-5 TC → taichinh",
      "24/5/2024 M3 late-5 SCT → congthuong",
      "24/5/2024 M3 late-5 CTK → thongke",
      "24/5/2024 M3 late-5 CTK → thongke.lanhdao",
      "24/5/2024 M3 late-2 GTVT → giaothong",
      "24/5/2024 M3 late-2 GTVT → giaothong.lanhdao",
      "28/5/2024 M3 late-3 GTVT → giaothong",
      "28/5/2024 M3 late-3 GTVT → giaothong.lanhdao",
      "30/5/2024 M3 late-4 GTVT → giaothong",
      "30/5/2024 M3 late-4 GTVT → giaothong.lanhdao",
      "03/6/2024 M3 late-5 GTVT → giaothong",
      "03/6/2024 M3 late-5 GTVT → giaothong.lanhdao",
    ]);
  });

  it("escalates in order: officers, then the leader, then a formal letter asked of the coordinator, once per agency and due date", () => {
    const letters = sent.filter((s) => s.level === "letter").map((s) => `${formatVnDate(s.stepDate)} ${s.milestoneCode} ${agencyShort.get(s.agencyId) ?? "?"}`);
    // At the second late reminder: Sở Công Thương for M1 on 09/5; for M3 on 16/5; Sở GTVT on its own date 24/5.
    expect(letters).toEqual(expect.arrayContaining(["09/5/2024 M1 SCT", "16/5/2024 M3 SCT", "16/5/2024 M3 CTK", "16/5/2024 M3 TC", "24/5/2024 M3 GTVT"]));
    expect(letters.filter((l) => l.endsWith(" CTK"))).toEqual(["16/5/2024 M3 CTK"]); // it sent M1 before the letter step
    const keys = sent.filter((s) => s.level === "letter").map((s) => `${s.milestoneCode}|${s.agencyId}|${s.dueDate}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const agency of ["SCT", "CTK", "GTVT"]) {
      const levels = sent.filter((s) => agencyShort.get(s.agencyId) === agency && s.milestoneCode === "M3" && s.level !== "letter").map((s) => s.level);
      expect(levels.indexOf("leader"), agency).toBeGreaterThan(levels.indexOf("officer"));
      expect(levels.slice(levels.indexOf("leader")).every((l) => l === "leader"), agency).toBe(true);
    }
  });

  it("every reminder is one row, one in-app notification per recipient and one e-mail in the outbox", async () => {
    const db = t.container.db;
    const rows = await db.select().from(reminderOccurrences).where(eq(reminderOccurrences.campaignId, campaignId));
    expect(rows.filter((r) => r.level !== "letter")).toHaveLength(log.length);
    const people = sent.filter((s) => s.level !== "letter");
    const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.kind, "reminder"));
    expect(mails).toHaveLength(people.length);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(mails.length);
    const notes = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.campaignId, campaignId), inArray(notifications.kind, ["reminder.due", "reminder.late"])));
    expect(notes).toHaveLength(people.length);
    const cong = notes.filter((n) => names.get(n.userId) === "congthuong").map((n) => n.title);
    expect(cong).toContain("Nhắc hạn: còn 3 ngày làm việc đến hạn 05/5/2024");
    expect(cong).toContain("Hạn gửi 05/5/2024 là ngày nghỉ: hôm nay là ngày làm việc cuối trước hạn");
    expect(cong).toContain("Đôn đốc lần 2: đã quá hạn 4 ngày (hạn 05/5/2024)");
    const letter = await db.select().from(notifications).where(and(eq(notifications.campaignId, campaignId), eq(notifications.kind, "reminder.letter")));
    expect(letter.length).toBeGreaterThan(0);
    expect(letter.every((n) => ["tonghop", "lanhdao.tonghop"].includes(names.get(n.userId)!))).toBe(true);
    expect(letter.map((n) => n.body).join("\n")).toContain("Sở Công Thương: mốc M1, hạn 05/5/2024, quá hạn 4 ngày");
  });

  it("an extra day off set by the administrator moves the reminder days", async () => {
    const admin = await ctxOf("quantri");
    const before = await t.container.services.reminders.schedules(await ctxOf("tonghop"), campaignId);
    const m1 = before.schedules.find((s) => s.milestoneCode === "M1")!;
    expect(m1.steps.slice(0, 3).map((s) => `${s.step} ${s.date}`)).toEqual(["before-3 2024-05-02", "due 2024-05-04", "late-1 2024-05-07"]);
    await t.container.services.holidays.save(admin, { date: "2024-05-06", kind: "off", note: "Nghỉ bù (giả định cho kiểm thử)" });
    await t.container.services.holidays.save(admin, { date: "2024-05-04", kind: "off", note: "Bỏ ngày làm bù (giả định)" });
    const after = await t.container.services.reminders.schedules(await ctxOf("tonghop"), campaignId);
    const m1b = after.schedules.find((s) => s.milestoneCode === "M1")!;
    // 04/5 is no longer a working day and 06/5 is off: the due step is Friday 03/5, 3 working days before it is 26/4
    // (27/4–01/5 are off), the first late reminder 2 working days after 05/5 is 08/5.
    expect(m1b.steps.slice(0, 3).map((s) => `${s.step} ${s.date}`)).toEqual(["before-3 2024-04-26", "due 2024-05-03", "late-1 2024-05-08"]);
  });
});
