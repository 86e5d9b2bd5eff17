// Reminders of the action programme, run by the job scheduler with the milestone reminders ([E]) and through the same
// channels (in-app notification and e-mail outbox in the transaction that records them):
//   late-<k>        a task not done after its deadline: on the first day late, then every 7 days (k = 1, 2, …) —
//                   to the officers of today's lead agency, from k = 2 also to its leaders
//   report-<period> in the last 7 days of a reporting period, a task not done and not yet reported for the period
// Scheduled runs send on working days only (weekends and the holiday calendar of [E] excluded); the coordinator's
// "Nhắc việc" button for one programme sends what is due on any day.
// One action_task_reminders row per task × deadline × step × recipient (unique): each reminder happens once whatever
// the number of instances; a new deadline starts a new sequence.

import { createHash } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { addDays, formatVnDate, isWorkingDay, reportingPeriodOf, taskDaysLate, taskStatus, toVnPlainDate, type ReportFrequency, type TaskProgress } from "@tonghop/domain";
import { systemContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { actionProgrammes, actionTaskReminders, actionTaskReports, actionTasks, users } from "../../db/schema/index.js";
import type { AgenciesService } from "../agencies/agencies.service.js";
import type { HolidaysService } from "../holidays/holidays.service.js";
import { currentAgency } from "../comments/comment-routing.js";
import type { OutboxService } from "../mail/outbox.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";

export interface TaskRemindersDeps {
  db: Db;
  notifications: NotificationsService;
  outbox: OutboxService;
  agencies: AgenciesService;
  holidays: HolidaysService;
  publicUrl: string;
}

export interface SentTaskReminder {
  taskId: string;
  agencyId: string;
  step: string;
  userId: string;
}

/** "Chậm tiến độ — lần 2", "Nhắc báo cáo kỳ 2025-Q3". */
export function taskStepLabel(step: string): string {
  const k = /^late-(\d+)$/.exec(step)?.[1];
  if (k) return `Chậm tiến độ — lần ${k}`;
  return step.startsWith("report-") ? `Nhắc báo cáo kỳ ${step.slice("report-".length)}` : step;
}

/** The late step on a day `daysLate` after the deadline (1 → late-1, 8 → late-2, …); null when not late. */
export function lateStep(daysLate: number): string | null {
  return daysLate > 0 ? `late-${Math.floor((daysLate - 1) / 7) + 1}` : null;
}

interface Due {
  taskId: string;
  programmeId: string;
  campaignId: string;
  title: string;
  agencyId: string;
  due: string;
  step: string;
  late: boolean;
  line: string;
}

export async function runTaskReminders(deps: TaskRemindersDeps, now: Date, instance: string, programmeId?: string): Promise<SentTaskReminder[]> {
  const db = deps.db;
  const today = toVnPlainDate(now);
  if (!programmeId && !isWorkingDay(today, await deps.holidays.calendar())) return [];
  const rows = await db
    .select({ t: actionTasks, p: actionProgrammes })
    .from(actionTasks)
    .innerJoin(actionProgrammes, eq(actionProgrammes.id, actionTasks.programmeId))
    .where(programmeId ? eq(actionTasks.programmeId, programmeId) : undefined);
  if (!rows.length) return [];
  const dir = await deps.agencies.directory();
  const reported = new Set(
    (await db.select({ taskId: actionTaskReports.taskId, key: actionTaskReports.periodKey }).from(actionTaskReports).where(inArray(actionTaskReports.taskId, rows.map((r) => r.t.id)))).map((r) => `${r.taskId}|${r.key}`),
  );
  const dues: Due[] = [];
  for (const { t, p } of rows) {
    const input = { progress: t.progress as TaskProgress, due: t.deadlineDue };
    if (taskStatus(input, today) === "hoan-thanh") continue;
    const agencyId = currentAgency(dir, t.leadAgencyId, today);
    const base = { taskId: t.id, programmeId: p.id, campaignId: p.campaignId, title: t.title, agencyId, due: t.deadlineDue ?? "9999-12-31" };
    const step = lateStep(taskDaysLate(input, today));
    if (step) dues.push({ ...base, step, late: true, line: `- ${t.title} (hạn ${t.deadlineText ?? formatVnDate(t.deadlineDue!)}, chậm ${taskDaysLate(input, today)} ngày)` });
    const period = reportingPeriodOf(today, p.reportFrequency as ReportFrequency);
    if (today >= addDays(period.end, -6) && !reported.has(`${t.id}|${period.key}`)) {
      dues.push({ ...base, step: `report-${period.key}`, late: false, line: `- ${t.title}: chưa báo cáo tiến độ ${period.label} (hạn ${formatVnDate(period.end)})` });
    }
  }
  if (!dues.length) return [];
  const staff = await db
    .select({ id: users.id, fullName: users.fullName, email: users.email, agencyId: users.agencyId, roles: users.roles })
    .from(users)
    .where(and(inArray(users.agencyId, [...new Set(dues.map((d) => d.agencyId))]), isNull(users.disabledAt)));
  const ctx = systemContext(now, `task-reminders:${instance}`);
  const groups = new Map<string, Due[]>();
  for (const d of dues) groups.set(`${d.agencyId}|${d.programmeId}|${d.late}`, [...(groups.get(`${d.agencyId}|${d.programmeId}|${d.late}`) ?? []), d]);
  const out: SentTaskReminder[] = [];
  for (const list of groups.values()) {
    const first = list[0]!;
    const recipientsOf = (d: Due) => staff.filter((u) => u.agencyId === d.agencyId && (u.roles.includes("officer") || (d.late && d.step !== "late-1" && u.roles.includes("leader"))));
    const link = `/chuong-trinh-hanh-dong/${first.programmeId}`;
    const sent = await db.transaction(async (tx) => {
      const values = list.flatMap((d) => recipientsOf(d).map((u) => ({ taskId: d.taskId, agencyId: d.agencyId, due: d.due, step: d.step, recipientUserId: u.id, createdAt: now })));
      if (!values.length) return [];
      const inserted = await tx.insert(actionTaskReminders).values(values).onConflictDoNothing().returning({ id: actionTaskReminders.id, taskId: actionTaskReminders.taskId, userId: actionTaskReminders.recipientUserId, step: actionTaskReminders.step });
      if (!inserted.length) return [];
      const byUser = new Map<string, typeof inserted>();
      for (const r of inserted) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
      for (const [userId, mine] of byUser) {
        const taskIds = new Set(mine.map((m) => m.taskId));
        const lines = list.filter((d) => taskIds.has(d.taskId)).map((d) => d.line);
        const title = first.late ? `Nhiệm vụ chậm tiến độ: ${lines.length} nhiệm vụ của chương trình hành động đã quá thời hạn` : `Nhắc báo cáo tiến độ: ${lines.length} nhiệm vụ chưa báo cáo kỳ này`;
        const body = [...lines.slice(0, 15), ...(lines.length > 15 ? [`- … và ${lines.length - 15} nhiệm vụ khác`] : [])].join("\n");
        await deps.notifications.notify(tx, ctx, { userIds: [userId], includeActor: true, kind: first.late ? "tasks.late" : "tasks.report", title, body, link, campaignId: first.campaignId });
        const u = staff.find((x) => x.id === userId);
        if (u?.email) {
          const mailId = await deps.outbox.enqueue(tx, now, {
            dedupeKey: `task-reminder:${createHash("sha256").update(mine.map((m) => m.id).sort().join(",")).digest("hex").slice(0, 32)}`,
            kind: "task-reminder",
            campaignId: first.campaignId,
            to: u.email,
            toName: u.fullName,
            subject: `[Tổng hợp] ${title}`,
            text: [`Kính gửi: ${u.fullName} (${dir.displayName(u.agencyId, today)})`, "", title, "", body, "", `Mở Tổng hợp để báo cáo tiến độ: ${deps.publicUrl.replace(/\/$/, "")}${link}`].join("\n"),
          });
          await tx.update(actionTaskReminders).set({ mailId }).where(inArray(actionTaskReminders.id, mine.map((m) => m.id)));
        }
      }
      return inserted.map((r) => ({ taskId: r.taskId, agencyId: first.agencyId, step: r.step, userId: r.userId }));
    });
    out.push(...sent);
  }
  return out;
}
