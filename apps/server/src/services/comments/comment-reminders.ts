// Reminders for unanswered comments, run by the job scheduler with the milestone reminders ([E]) and through the same
// channels: the in-app notification (NotificationsService.notify) and the e-mail outbox (OutboxService.enqueue), both
// written in the transaction that inserts the comment_reminders rows, whose unique key (round, agency, step,
// recipient) makes each reminder happen once whatever the number of instances.
//   due      from 2 working days before the answer deadline to the deadline: to the agency's officers
//   late-<k> every 3 working days while late (k = 1, 2, …): to its officers and leaders
// Reminders go out on working days only (weekends and the holiday calendar of [E] excluded).

import { and, eq, inArray, isNull } from "drizzle-orm";
import { addWorkingDays, daysBetween, EMPTY_CALENDAR, formatVnDate, isWorkingDay, toVnPlainDate, workingDaysBetween, type HolidayCalendar, type PlainDate } from "@tonghop/domain";
import { systemContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { campaigns, commentReminders, commentRounds, comments, users } from "../../db/schema/index.js";
import type { AgenciesService } from "../agencies/agencies.service.js";
import type { HolidaysService } from "../holidays/holidays.service.js";
import type { OutboxService } from "../mail/outbox.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import { currentAgency } from "./comment-routing.js";

export interface CommentRemindersDeps {
  db: Db;
  notifications: NotificationsService;
  outbox: OutboxService;
  agencies: AgenciesService;
  holidays: HolidaysService;
  publicUrl: string;
}

export interface SentCommentReminder {
  roundId: string;
  agencyId: string;
  step: string;
  userId: string;
  pending: number;
}

/** The reminder step on `today` for an answer deadline, or null when none is due (or today is not a working day). */
/** "Đến hạn trả lời", "Quá hạn — lần 2". */
export function commentStepLabel(step: string): string {
  if (step === "due") return "Đến hạn trả lời";
  const k = /^late-(\d+)$/.exec(step)?.[1];
  return k ? `Quá hạn — lần ${k}` : step;
}

export function commentReminderStep(answerDeadline: PlainDate, today: PlainDate, cal: HolidayCalendar = EMPTY_CALENDAR): string | null {
  if (!isWorkingDay(today, cal)) return null;
  if (today < addWorkingDays(answerDeadline, -2, cal)) return null;
  if (today <= answerDeadline) return "due";
  return `late-${Math.floor((workingDaysBetween(answerDeadline, today, cal) - 1) / 3) + 1}`;
}

export async function runCommentReminders(deps: CommentRemindersDeps, now: Date, instance: string): Promise<SentCommentReminder[]> {
  const db = deps.db;
  const today = toVnPlainDate(now);
  const rounds = await db
    .select({ r: commentRounds, campaignName: campaigns.name })
    .from(commentRounds)
    .innerJoin(campaigns, eq(campaigns.id, commentRounds.campaignId))
    .where(eq(commentRounds.status, "open"));
  const out: SentCommentReminder[] = [];
  if (!rounds.length) return out;
  const dir = await deps.agencies.directory();
  const cal = await deps.holidays.calendar();
  const ctx = systemContext(now, `comment-reminders:${instance}`);
  for (const { r, campaignName } of rounds) {
    const step = commentReminderStep(r.answerDeadline, today, cal);
    if (!step) continue;
    const pending = await db.select({ agencyId: comments.routedAgencyId, location: comments.location }).from(comments).where(and(eq(comments.roundId, r.id), isNull(comments.answerKind)));
    const byAgency = new Map<string, string[]>();
    for (const p of pending) {
      const a = currentAgency(dir, p.agencyId, today);
      byAgency.set(a, [...(byAgency.get(a) ?? []), p.location]);
    }
    if (!byAgency.size) continue;
    const staff = await db
      .select({ id: users.id, fullName: users.fullName, email: users.email, agencyId: users.agencyId, roles: users.roles })
      .from(users)
      .where(and(inArray(users.agencyId, [...byAgency.keys()]), isNull(users.disabledAt)));
    for (const [agencyId, locations] of byAgency) {
      const recipients = staff.filter((u) => u.agencyId === agencyId && (u.roles.includes("officer") || (step !== "due" && u.roles.includes("leader"))));
      if (!recipients.length) continue;
      const late = step !== "due";
      const title = late
        ? `Quá hạn trả lời ý kiến góp ý ${daysBetween(r.answerDeadline, today)} ngày: còn ${locations.length} ý kiến chưa tiếp thu, giải trình`
        : `Nhắc hạn trả lời ý kiến góp ý (${formatVnDate(r.answerDeadline)}): còn ${locations.length} ý kiến chưa tiếp thu, giải trình`;
      const body = [campaignName, r.title, ...locations.slice(0, 10).map((l) => `- ${l}`), ...(locations.length > 10 ? [`- … và ${locations.length - 10} ý kiến khác`] : [])].join("\n");
      const link = `/gop-y/${r.id}`;
      const sent = await db.transaction(async (tx) => {
        const inserted = await tx
          .insert(commentReminders)
          .values(recipients.map((u) => ({ roundId: r.id, agencyId, step, recipientUserId: u.id, pending: locations.length, createdAt: now })))
          .onConflictDoNothing()
          .returning({ id: commentReminders.id, userId: commentReminders.recipientUserId });
        if (!inserted.length) return [];
        await deps.notifications.notify(tx, ctx, { userIds: inserted.map((i) => i.userId), includeActor: true, kind: late ? "comments.late" : "comments.due", title, body, link, campaignId: r.campaignId });
        for (const row of inserted) {
          const u = recipients.find((x) => x.id === row.userId)!;
          if (!u.email) continue;
          const mailId = await deps.outbox.enqueue(tx, now, {
            dedupeKey: `comment-reminder:${row.id}`,
            kind: "comment-reminder",
            campaignId: r.campaignId,
            to: u.email,
            toName: u.fullName,
            subject: `[Tổng hợp] ${title}`,
            text: [`Kính gửi: ${u.fullName} (${dir.displayName(agencyId, today)})`, "", title, "", body, "", `Mở Tổng hợp để trả lời: ${deps.publicUrl.replace(/\/$/, "")}${link}`].join("\n"),
          });
          await tx.update(commentReminders).set({ mailId }).where(eq(commentReminders.id, row.id));
        }
        return inserted.map((i) => ({ roundId: r.id, agencyId, step, userId: i.userId, pending: locations.length }));
      });
      out.push(...sent);
    }
  }
  return out;
}
