/**
 * Reminders: per milestone a schedule kept as data (reminder_schedules, else the built-in default), run by the job
 * scheduler of every server instance.
 *
 * `runDue(now)` on a working day, at or after the schedule's send hour: for each published campaign, the work that
 * is still due (assignments not sent or accepted, without a "không có số liệu"/"không thuộc phạm vi" declaration,
 * with a milestone) is grouped by milestone × agency × effective due date (an extension moves the agency's own date).
 * For each group the current step of the schedule (planSteps/currentStep: before the due date, on it, every n
 * working days while late) goes to the agency's officers — from the configured late step on also to its leader —
 * and from the letter step on the coordinator is asked, once, to issue a formal chase letter.
 *
 * Exactly once: a reminder is the row reminder_occurrences(milestone, agency, due date, recipient, step) whose unique
 * key is the arbiter. The insert (ON CONFLICT DO NOTHING … RETURNING), the in-app notification and the e-mail in the
 * outbox are written in one transaction, for the recipients whose rows this transaction inserted. Two instances that
 * race on the same group: the second insert waits for the first transaction and then finds the key taken, so it
 * writes nothing. A crash before commit leaves nothing behind and the next tick does it again.
 */
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull, isNull, notInArray, sql } from "drizzle-orm";
import type { ReminderLogDto, ReminderRules, ReminderScheduleDto, ReminderSchedulesDto, Role, SaveReminderScheduleRequest } from "@tonghop/contracts";
import { reminderRulesSchema } from "@tonghop/contracts";
import { daysBetween, formatVnDate, toVnPlainDate, VN_UTC_OFFSET_MINUTES, type HolidayCalendar, type PlainDate } from "@tonghop/domain";
import { requireActor, systemContext, type RequestContext } from "../../auth/actor.js";
import type { Db } from "../../db/client.js";
import { assignments, campaigns, chaseLetters, mailOutbox, reminderOccurrences, reminderSchedules, users } from "../../db/schema/index.js";
import { AppError, forbidden, notFound } from "../../http/errors.js";
import type { AuditRepository } from "../../repositories/audit.repository.js";
import type { AgenciesService } from "../agencies/agencies.service.js";
import type { Directory } from "../agencies/directory.js";
import { isCoordinatorOf } from "../campaigns/campaign-access.js";
import { loadCampaignWork, workOrder, workTitle, type CampaignWork, type MilestoneRow } from "../console/campaign-work.js";
import type { HolidaysService } from "../holidays/holidays.service.js";
import type { OutboxService } from "../mail/outbox.service.js";
import type { NotificationsService } from "../notifications/notifications.service.js";
import { currentStep, DEFAULT_REMINDER_RULES, planSteps, ruleProblems, stepLabel, type PlannedStep } from "./schedule.js";

const COORDINATOR_ROLES: Role[] = ["coordinator", "coordinator_leader"];

export interface RemindersDeps {
  db: Db;
  audit: AuditRepository;
  notifications: NotificationsService;
  outbox: OutboxService;
  holidays: HolidaysService;
  agencies: AgenciesService;
  publicUrl: string;
}

/** One reminder written by a run (for logs and tests). */
export interface SentReminder {
  campaignId: string;
  milestoneCode: string;
  agencyId: string;
  dueDate: PlainDate;
  step: string;
  stepDate: PlainDate;
  level: "officer" | "leader" | "letter";
  recipientKey: string;
  recipientUserId: string | null;
  mail: boolean;
}

interface Recipient {
  id: string;
  fullName: string;
  email: string | null;
  agencyId: string;
  roles: string[];
}

interface PendingWork {
  id: string;
  agencyId: string;
  milestoneId: string;
  due: PlainDate;
  title: string;
  order: number;
}

/** Hour of the day in Việt Nam (UTC+7, no daylight saving). */
export function vnHour(now: Date): number {
  return new Date(now.getTime() + VN_UTC_OFFSET_MINUTES * 60_000).getUTCHours();
}

const parseRules = (value: unknown): ReminderRules => {
  const parsed = reminderRulesSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_REMINDER_RULES;
};

export class RemindersService {
  constructor(private readonly deps: RemindersDeps) {}

  // ------------------------------------------------------------------------------------------ schedules

  /** The rules for each milestone: its own row, else the campaign default row, else the built-in default. */
  private async rulesOf(db: Db, campaignId: string, milestones: readonly MilestoneRow[]) {
    const rows = await db.select().from(reminderSchedules).where(eq(reminderSchedules.campaignId, campaignId));
    const campaignRow = rows.find((r) => r.milestoneId === null);
    const out = new Map<string, { rules: ReminderRules; enabled: boolean; source: "built-in" | "campaign" | "milestone"; version: number; own: boolean }>();
    for (const m of milestones) {
      const own = rows.find((r) => r.milestoneId === m.id);
      const from = own ?? campaignRow;
      out.set(m.id, {
        rules: from ? parseRules(from.rules) : DEFAULT_REMINDER_RULES,
        enabled: from ? from.enabled : true,
        source: own ? "milestone" : campaignRow ? "campaign" : "built-in",
        version: own?.version ?? 0,
        own: !!own,
      });
    }
    const campaignDefault = {
      rules: campaignRow ? parseRules(campaignRow.rules) : DEFAULT_REMINDER_RULES,
      enabled: campaignRow ? campaignRow.enabled : true,
      source: campaignRow ? ("campaign" as const) : ("built-in" as const),
      version: campaignRow?.version ?? 0,
      own: !!campaignRow,
    };
    return { perMilestone: out, campaignDefault };
  }

  private async assertCanRead(ctx: RequestContext, w: CampaignWork, dir: Directory): Promise<boolean> {
    const actor = requireActor(ctx);
    const coordinator = isCoordinatorOf(dir, ctx, w.campaign.coordinatorAgencyId);
    if (coordinator || actor.roles.includes("admin")) return true;
    throw forbidden("Chỉ cơ quan tổng hợp của đợt và quản trị hệ thống xem được lịch nhắc hạn.");
  }

  async schedules(ctx: RequestContext, campaignId: string): Promise<ReminderSchedulesDto> {
    const db = this.deps.db;
    const w = await loadCampaignWork(db, campaignId);
    const dir = await this.deps.agencies.directory();
    await this.assertCanRead(ctx, w, dir);
    const cal = await this.deps.holidays.calendar();
    const { perMilestone, campaignDefault } = await this.rulesOf(db, campaignId, w.milestones);
    const pending = await db
      .select({ milestoneId: assignments.milestoneId, n: sql<number>`count(distinct ${assignments.agencyId})::int` })
      .from(assignments)
      .where(and(eq(assignments.campaignId, campaignId), notInArray(assignments.state, ["sent", "accepted"]), isNull(assignments.declaration), isNotNull(assignments.milestoneId)))
      .groupBy(assignments.milestoneId);
    const pendingBy = new Map(pending.map((p) => [p.milestoneId, Number(p.n)]));
    const canEdit = this.canEdit(ctx, w, dir);
    const toSteps = (rules: ReminderRules, due: PlainDate) =>
      planSteps(rules, due, cal).flatMap((s) => {
        const base = { step: s.step, label: stepLabel(s.step), date: s.date, level: s.level };
        return s.letter && s.lateIndex === rules.letterFromLate ? [base, { step: "letter", label: stepLabel("letter"), date: s.date, level: "letter" as const }] : [base];
      });
    const schedules: ReminderScheduleDto[] = [
      {
        campaignId,
        milestoneId: null,
        milestoneCode: null,
        milestoneDue: null,
        milestoneWording: null,
        own: campaignDefault.own,
        source: campaignDefault.source,
        rules: campaignDefault.rules,
        enabled: campaignDefault.enabled,
        version: campaignDefault.version,
        steps: [],
        pendingAgencies: 0,
      },
      ...w.milestones
        .filter((m) => !isCoordinatorScope(m))
        .map((m) => {
          const s = perMilestone.get(m.id)!;
          return {
            campaignId,
            milestoneId: m.id,
            milestoneCode: m.code,
            milestoneDue: m.due,
            milestoneWording: m.wording,
            own: s.own,
            source: s.source,
            rules: s.rules,
            enabled: s.enabled,
            version: s.version,
            steps: toSteps(s.rules, m.due),
            pendingAgencies: pendingBy.get(m.id) ?? 0,
          };
        }),
    ];
    return { campaignId, campaignName: w.campaign.name, canEdit, schedules };
  }

  private canEdit(ctx: RequestContext, w: CampaignWork, dir: Directory): boolean {
    const actor = ctx.actor;
    if (!actor) return true;
    return (actor.roles.includes("admin") || isCoordinatorOf(dir, ctx, w.campaign.coordinatorAgencyId)) && w.campaign.status !== "closed";
  }

  /** Saves the campaign default (milestoneId null) or a milestone's own schedule; refuses unusable rules. */
  async saveSchedule(ctx: RequestContext, campaignId: string, milestoneId: string | null, input: SaveReminderScheduleRequest): Promise<ReminderSchedulesDto> {
    const db = this.deps.db;
    const w = await loadCampaignWork(db, campaignId);
    const dir = await this.deps.agencies.directory();
    if (!this.canEdit(ctx, w, dir)) {
      if (w.campaign.status === "closed") throw new AppError("CONFLICT", "Đợt tổng hợp đã kết thúc; không sửa lịch nhắc được nữa.");
      throw forbidden("Chỉ cơ quan tổng hợp của đợt và quản trị hệ thống được sửa lịch nhắc hạn.");
    }
    const milestone = milestoneId ? w.milestoneById.get(milestoneId) : null;
    if (milestoneId && !milestone) throw notFound("mốc thời hạn của đợt");
    const problems = ruleProblems(input.rules, { due: milestone?.due ?? null, start: w.campaign.referenceDate });
    if (problems.length) {
      throw new AppError("VALIDATION", problems[0]!.message, problems.map((p) => ({ field: `rules.${p.field}`, message: p.message })));
    }
    await db.transaction(async (tx) => {
      const cond = milestoneId
        ? and(eq(reminderSchedules.campaignId, campaignId), eq(reminderSchedules.milestoneId, milestoneId))
        : and(eq(reminderSchedules.campaignId, campaignId), isNull(reminderSchedules.milestoneId));
      const [existing] = await tx.select().from(reminderSchedules).where(cond).limit(1).for("update");
      if ((existing?.version ?? 0) !== input.version) {
        throw new AppError("VERSION_CONFLICT", "Lịch nhắc vừa được người khác sửa; hãy tải lại trang rồi sửa tiếp.", { current: existing?.version ?? 0 });
      }
      if (existing) {
        await tx
          .update(reminderSchedules)
          .set({ rules: input.rules, enabled: input.enabled, version: existing.version + 1, updatedBy: ctx.actor?.userId ?? null, updatedAt: ctx.now })
          .where(eq(reminderSchedules.id, existing.id));
      } else {
        await tx
          .insert(reminderSchedules)
          .values({ campaignId, milestoneId, rules: input.rules, enabled: input.enabled, updatedBy: ctx.actor?.userId ?? null, createdAt: ctx.now, updatedAt: ctx.now });
      }
      await this.deps.audit.record(tx, ctx, {
        action: "reminder-schedule.save",
        entityType: "campaign",
        entityId: campaignId,
        summary: `Lịch nhắc hạn ${milestone ? `mốc ${milestone.code} (${formatVnDate(milestone.due)})` : "mặc định của đợt"}${input.enabled ? "" : " — tắt nhắc"}`,
        before: existing ? { rules: existing.rules, enabled: existing.enabled } : null,
        after: { rules: input.rules, enabled: input.enabled },
      });
    });
    return this.schedules(ctx, campaignId);
  }

  /** Drops a milestone's own schedule (it inherits the campaign default again). */
  async resetSchedule(ctx: RequestContext, campaignId: string, milestoneId: string): Promise<ReminderSchedulesDto> {
    const db = this.deps.db;
    const w = await loadCampaignWork(db, campaignId);
    const dir = await this.deps.agencies.directory();
    if (!this.canEdit(ctx, w, dir)) throw forbidden("Chỉ cơ quan tổng hợp của đợt và quản trị hệ thống được sửa lịch nhắc hạn.");
    const milestone = w.milestoneById.get(milestoneId);
    if (!milestone) throw notFound("mốc thời hạn của đợt");
    await db.transaction(async (tx) => {
      const removed = await tx
        .delete(reminderSchedules)
        .where(and(eq(reminderSchedules.campaignId, campaignId), eq(reminderSchedules.milestoneId, milestoneId)))
        .returning();
      if (removed.length) {
        await this.deps.audit.record(tx, ctx, {
          action: "reminder-schedule.reset",
          entityType: "campaign",
          entityId: campaignId,
          summary: `Lịch nhắc hạn mốc ${milestone.code} trở về lịch mặc định của đợt`,
          before: { rules: removed[0]!.rules },
        });
      }
    });
    return this.schedules(ctx, campaignId);
  }

  /** Reminders that went out in a campaign, newest first, and the agencies waiting for a formal letter. */
  async log(ctx: RequestContext, campaignId: string, q: { agencyId?: string | undefined; level?: "officer" | "leader" | "letter" | undefined; limit: number }): Promise<ReminderLogDto> {
    const db = this.deps.db;
    const w = await loadCampaignWork(db, campaignId);
    const dir = await this.deps.agencies.directory();
    await this.assertCanRead(ctx, w, dir);
    const conds = [eq(reminderOccurrences.campaignId, campaignId)];
    if (q.agencyId) conds.push(eq(reminderOccurrences.agencyId, q.agencyId));
    if (q.level) conds.push(eq(reminderOccurrences.level, q.level));
    const rows = await db
      .select({ o: reminderOccurrences, userName: users.fullName, mailStatus: mailOutbox.status })
      .from(reminderOccurrences)
      .leftJoin(users, eq(users.id, reminderOccurrences.recipientUserId))
      .leftJoin(mailOutbox, eq(mailOutbox.id, reminderOccurrences.mailId))
      .where(and(...conds))
      .orderBy(desc(reminderOccurrences.createdAt), asc(reminderOccurrences.agencyId))
      .limit(q.limit);
    const date = toVnPlainDate(ctx.now);
    const coordinatorName = dir.displayName(w.campaign.coordinatorAgencyId, date);
    const items = rows.map(({ o, userName, mailStatus }) => ({
      id: o.id,
      milestoneCode: w.milestoneById.get(o.milestoneId)?.code ?? "?",
      agencyId: o.agencyId,
      agencyName: dir.displayName(o.agencyId, w.campaign.referenceDate),
      dueDate: o.dueDate,
      step: o.step,
      stepLabel: stepLabel(o.step),
      stepDate: o.stepDate,
      level: o.level as "officer" | "leader" | "letter",
      recipientName: o.level === "letter" ? `Cơ quan tổng hợp (${coordinatorName})` : (userName ?? "(tài khoản đã xoá)"),
      items: o.items as { assignmentId: string; title: string }[],
      mailStatus: (mailStatus as "pending" | "sending" | "sent" | "failed" | null) ?? null,
      createdAt: o.createdAt.toISOString(),
    }));
    // Letter tasks: "letter" occurrences with no chase letter to that agency issued on or after the request.
    const letters = await db
      .select({ agencyId: reminderOccurrences.agencyId, milestoneId: reminderOccurrences.milestoneId, dueDate: reminderOccurrences.dueDate, since: reminderOccurrences.stepDate })
      .from(reminderOccurrences)
      .where(and(eq(reminderOccurrences.campaignId, campaignId), eq(reminderOccurrences.step, "letter")));
    const issued = await db.select({ agencyIds: chaseLetters.agencyIds, issuedOn: chaseLetters.issuedOn }).from(chaseLetters).where(eq(chaseLetters.campaignId, campaignId));
    const stillLate = await this.pendingWork(db, w);
    const lateKeys = new Set(stillLate.map((p) => `${p.milestoneId}|${p.agencyId}|${p.due}`));
    const letterTasks = letters
      .filter((l) => lateKeys.has(`${l.milestoneId}|${l.agencyId}|${l.dueDate}`))
      .filter((l) => !issued.some((c) => c.issuedOn >= l.since && c.agencyIds.includes(l.agencyId)))
      .map((l) => ({
        agencyId: l.agencyId,
        agencyName: dir.displayName(l.agencyId, w.campaign.referenceDate),
        milestoneId: l.milestoneId,
        milestoneCode: w.milestoneById.get(l.milestoneId)?.code ?? "?",
        dueDate: l.dueDate,
        since: l.since,
      }))
      .sort((a, b) => a.agencyName.localeCompare(b.agencyName, "vi"));
    return { items, letterTasks };
  }

  // ------------------------------------------------------------------------------------------ the job

  /** The work still to chase in a campaign: not sent/accepted, not declared, with a milestone and a due date. */
  private async pendingWork(db: Db, w: CampaignWork): Promise<PendingWork[]> {
    const rows = await db
      .select({
        id: assignments.id,
        agencyId: assignments.agencyId,
        milestoneId: assignments.milestoneId,
        dueDate: assignments.dueDate,
        dueOverride: assignments.dueOverride,
        kind: assignments.kind,
        outlineItemId: assignments.outlineItemId,
        appendixId: assignments.appendixId,
      })
      .from(assignments)
      .where(
        and(eq(assignments.campaignId, w.campaign.id), notInArray(assignments.state, ["sent", "accepted"]), isNull(assignments.declaration), isNotNull(assignments.milestoneId)),
      );
    const out: PendingWork[] = [];
    for (const r of rows) {
      const due = r.dueOverride ?? r.dueDate;
      if (!due || !r.milestoneId) continue;
      out.push({ id: r.id, agencyId: r.agencyId, milestoneId: r.milestoneId, due, title: workTitle(w, r), order: workOrder(w, r) });
    }
    return out;
  }

  /**
   * Sends the reminders due at `now` in every published campaign (see the file comment). Safe to run from any
   * number of instances at once and as often as wanted: the unique keys make every reminder happen once.
   */
  async runDue(now: Date, instance: string): Promise<SentReminder[]> {
    const db = this.deps.db;
    const today = toVnPlainDate(now);
    const cal = await this.deps.holidays.calendar();
    const published = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.status, "published"));
    const out: SentReminder[] = [];
    if (!published.length) return out;
    const dir = await this.deps.agencies.directory();
    for (const { id } of published) out.push(...(await this.runCampaign(id, now, today, cal, dir, instance)));
    return out;
  }

  private async runCampaign(campaignId: string, now: Date, today: PlainDate, cal: HolidayCalendar, dir: Directory, instance: string): Promise<SentReminder[]> {
    const db = this.deps.db;
    const w = await loadCampaignWork(db, campaignId);
    const { perMilestone } = await this.rulesOf(db, campaignId, w.milestones);
    const hour = vnHour(now);
    const work = await this.pendingWork(db, w);
    const groups = new Map<string, PendingWork[]>();
    for (const p of work) {
      const key = `${p.milestoneId}|${p.agencyId}|${p.due}`;
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    const stepsMemo = new Map<string, PlannedStep[]>();
    interface Due {
      milestone: MilestoneRow;
      rules: ReminderRules;
      agencyId: string;
      due: PlainDate;
      step: PlannedStep;
      items: PendingWork[];
    }
    const dueNow: Due[] = [];
    for (const items of groups.values()) {
      const first = items[0]!;
      const m = w.milestoneById.get(first.milestoneId);
      const s = perMilestone.get(first.milestoneId);
      if (!m || !s || !s.enabled || isCoordinatorScope(m) || hour < s.rules.sendHour) continue;
      const memoKey = `${m.id}|${first.due}`;
      let steps = stepsMemo.get(memoKey);
      if (!steps) stepsMemo.set(memoKey, (steps = planSteps(s.rules, first.due, cal)));
      const step = currentStep(steps, today, cal);
      if (!step) continue;
      dueNow.push({ milestone: m, rules: s.rules, agencyId: first.agencyId, due: first.due, step, items: items.sort((a, b) => a.order - b.order) });
    }
    if (!dueNow.length) return [];

    // Which of these already went out (one query), and who the recipients are (one query).
    const existing = await db
      .select({ milestoneId: reminderOccurrences.milestoneId, agencyId: reminderOccurrences.agencyId, dueDate: reminderOccurrences.dueDate, step: reminderOccurrences.step, recipientKey: reminderOccurrences.recipientKey })
      .from(reminderOccurrences)
      .where(and(eq(reminderOccurrences.campaignId, campaignId), inArray(reminderOccurrences.step, [...new Set([...dueNow.map((d) => d.step.step), "letter"])])));
    const done = new Set(existing.map((e) => `${e.milestoneId}|${e.agencyId}|${e.dueDate}|${e.step}|${e.recipientKey}`));
    const agencyIds = [...new Set(dueNow.map((d) => d.agencyId))];
    const people = (await db
      .select({ id: users.id, fullName: users.fullName, email: users.email, agencyId: users.agencyId, roles: users.roles })
      .from(users)
      .where(and(inArray(users.agencyId, agencyIds), isNull(users.disabledAt)))) as Recipient[];
    const byAgency = new Map<string, Recipient[]>();
    for (const p of people) byAgency.set(p.agencyId, [...(byAgency.get(p.agencyId) ?? []), p]);

    const ctx = systemContext(now, `reminders:${instance}`);
    const out: SentReminder[] = [];
    const letters: Due[] = [];
    for (const d of dueNow) {
      const staff = byAgency.get(d.agencyId) ?? [];
      const recipients = staff.filter((u) => u.roles.includes("officer") || (d.step.level === "leader" && u.roles.includes("leader")));
      const todo = recipients.filter((u) => !done.has(`${d.milestone.id}|${d.agencyId}|${d.due}|${d.step.step}|${u.id}`));
      if (todo.length) out.push(...(await this.sendGroup(ctx, w, dir, d, todo, today, instance)));
      if (d.step.letter && !done.has(`${d.milestone.id}|${d.agencyId}|${d.due}|letter|coordinator`)) letters.push(d);
    }
    if (letters.length) out.push(...(await this.askForLetters(ctx, w, dir, letters, today, instance)));
    return out;
  }

  /** One group's reminder to its recipients: occurrences, notification and e-mails in one transaction. */
  private async sendGroup(
    ctx: RequestContext,
    w: CampaignWork,
    dir: Directory,
    d: { milestone: MilestoneRow; rules: ReminderRules; agencyId: string; due: PlainDate; step: PlannedStep; items: PendingWork[] },
    recipients: Recipient[],
    today: PlainDate,
    instance: string,
  ): Promise<SentReminder[]> {
    const agencyName = dir.displayName(d.agencyId, w.campaign.referenceDate);
    const text = reminderText(w, d.milestone, d.due, d.step, today, d.items);
    const items = d.items.map((i) => ({ assignmentId: i.id, title: i.title }));
    return this.deps.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(reminderOccurrences)
        .values(
          recipients.map((u) => ({
            campaignId: w.campaign.id,
            milestoneId: d.milestone.id,
            agencyId: d.agencyId,
            dueDate: d.due,
            step: d.step.step,
            stepDate: d.step.date,
            recipientKey: u.id,
            recipientUserId: u.id,
            level: d.step.level,
            items,
            instance,
            createdAt: ctx.now,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: reminderOccurrences.id, userId: reminderOccurrences.recipientUserId });
      if (!inserted.length) return [];
      const ids = inserted.map((r) => r.userId!);
      await this.deps.notifications.notify(tx, ctx, {
        userIds: ids,
        includeActor: true,
        kind: d.step.lateIndex > 0 ? "reminder.late" : "reminder.due",
        title: text.title,
        body: text.body,
        link: "/viec-cua-don-vi",
        campaignId: w.campaign.id,
      });
      const sent: SentReminder[] = [];
      for (const row of inserted) {
        const u = recipients.find((r) => r.id === row.userId)!;
        let mail = false;
        if (d.rules.email && u.email) {
          const mailId = await this.deps.outbox.enqueue(tx, ctx.now, {
            dedupeKey: `reminder:${row.id}`,
            kind: "reminder",
            campaignId: w.campaign.id,
            to: u.email,
            toName: u.fullName,
            subject: `[Tổng hợp] ${text.title}`,
            text: mailText(u.fullName, agencyName, text, this.deps.publicUrl, "/viec-cua-don-vi"),
          });
          await tx.update(reminderOccurrences).set({ mailId }).where(eq(reminderOccurrences.id, row.id));
          mail = true;
        }
        sent.push({
          campaignId: w.campaign.id,
          milestoneCode: d.milestone.code,
          agencyId: d.agencyId,
          dueDate: d.due,
          step: d.step.step,
          stepDate: d.step.date,
          level: d.step.level,
          recipientKey: u.id,
          recipientUserId: u.id,
          mail,
        });
      }
      return sent;
    });
  }

  /** Asks the coordinator, once per agency and due date, to issue a formal chase letter (one notification per run). */
  private async askForLetters(
    ctx: RequestContext,
    w: CampaignWork,
    dir: Directory,
    letters: { milestone: MilestoneRow; rules: ReminderRules; agencyId: string; due: PlainDate; step: PlannedStep; items: PendingWork[] }[],
    today: PlainDate,
    instance: string,
  ): Promise<SentReminder[]> {
    const coordinatorAgencies = [w.campaign.coordinatorAgencyId, ...dir.activeSuccessorsOn(w.campaign.coordinatorAgencyId, today)];
    const coordinators = (await this.deps.db
      .select({ id: users.id, fullName: users.fullName, email: users.email, agencyId: users.agencyId, roles: users.roles })
      .from(users)
      .where(and(inArray(users.agencyId, coordinatorAgencies), isNull(users.disabledAt)))) as Recipient[];
    const staff = coordinators.filter((u) => u.roles.some((r) => (COORDINATOR_ROLES as string[]).includes(r)));
    return this.deps.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(reminderOccurrences)
        .values(
          letters.map((d) => ({
            campaignId: w.campaign.id,
            milestoneId: d.milestone.id,
            agencyId: d.agencyId,
            dueDate: d.due,
            step: "letter",
            stepDate: d.step.date,
            recipientKey: "coordinator",
            recipientUserId: null,
            level: "letter",
            items: d.items.map((i) => ({ assignmentId: i.id, title: i.title })),
            instance,
            createdAt: ctx.now,
          })),
        )
        .onConflictDoNothing()
        .returning({ agencyId: reminderOccurrences.agencyId, milestoneId: reminderOccurrences.milestoneId, dueDate: reminderOccurrences.dueDate, id: reminderOccurrences.id });
      if (!inserted.length) return [];
      const lines = inserted.map((r) => {
        const m = w.milestoneById.get(r.milestoneId)!;
        return `- ${dir.displayName(r.agencyId, w.campaign.referenceDate)}: mốc ${m.code}, hạn ${formatVnDate(r.dueDate)}, quá hạn ${daysBetween(r.dueDate, today)} ngày`;
      });
      const title = `Đề nghị ban hành công văn đôn đốc: ${inserted.length} cơ quan, đơn vị vẫn quá hạn sau các lần nhắc`;
      const body = `${w.campaign.name}\n${lines.join("\n")}`;
      const link = `/dot/${w.campaign.id}/don-doc`;
      await this.deps.notifications.notify(tx, ctx, { userIds: staff.map((u) => u.id), includeActor: true, kind: "reminder.letter", title, body, link, campaignId: w.campaign.id });
      const anyEmail = letters.some((l) => l.rules.email);
      if (anyEmail) {
        const key = createHash("sha256")
          .update(
            inserted
              .map((r) => r.id)
              .sort()
              .join(","),
          )
          .digest("hex")
          .slice(0, 32);
        for (const u of staff) {
          if (!u.email) continue;
          await this.deps.outbox.enqueue(tx, ctx.now, {
            dedupeKey: `letter-task:${u.id}:${key}`,
            kind: "reminder-letter",
            campaignId: w.campaign.id,
            to: u.email,
            toName: u.fullName,
            subject: `[Tổng hợp] ${title}`,
            text: mailText(u.fullName, dir.displayName(u.agencyId, today), { title, body }, this.deps.publicUrl, link),
          });
        }
      }
      const coordinatorName = dir.displayName(w.campaign.coordinatorAgencyId, today);
      return inserted.map((r) => ({
        campaignId: w.campaign.id,
        milestoneCode: w.milestoneById.get(r.milestoneId)!.code,
        agencyId: r.agencyId,
        dueDate: r.dueDate,
        step: "letter",
        stepDate: letters.find((l) => l.agencyId === r.agencyId && l.milestone.id === r.milestoneId)!.step.date,
        level: "letter" as const,
        recipientKey: `coordinator:${coordinatorName}`,
        recipientUserId: null,
        mail: anyEmail && staff.some((u) => !!u.email),
      }));
    });
  }
}

/** Coordinator milestones (the coordinator's own deadlines) are not chased by reminders to agencies. */
function isCoordinatorScope(m: MilestoneRow): boolean {
  const scope = m.scope as { kind?: string } | null;
  return scope?.kind === "coordinator" || scope?.kind === "contributions";
}

export function reminderText(
  w: CampaignWork,
  m: MilestoneRow,
  due: PlainDate,
  step: PlannedStep,
  today: PlainDate,
  items: readonly { title: string }[],
): { title: string; body: string } {
  const dueText = formatVnDate(due);
  const extended = due !== m.due;
  let title: string;
  if (step.step.startsWith("before-")) title = `Nhắc hạn: còn ${step.step.slice(7)} ngày làm việc đến hạn ${dueText}`;
  else if (step.step === "due") title = due === today ? `Hôm nay (${dueText}) là hạn gửi báo cáo` : `Hạn gửi ${dueText} là ngày nghỉ: hôm nay là ngày làm việc cuối trước hạn`;
  else title = `${step.level === "leader" ? "Đôn đốc" : "Nhắc"} lần ${step.lateIndex}: đã quá hạn ${daysBetween(due, today)} ngày (hạn ${dueText})`;
  const list = items.slice(0, 15).map((i) => `- ${i.title}`);
  if (items.length > 15) list.push(`- … và ${items.length - 15} phần việc khác`);
  const body = [
    w.campaign.name,
    `Hạn: ${extended ? `${dueText} (đã gia hạn)` : m.wording || dueText}.`,
    `Còn ${items.length} phần việc chưa gửi cơ quan tổng hợp:`,
    ...list,
  ].join("\n");
  return { title, body };
}

function mailText(name: string, agencyName: string, text: { title: string; body: string }, publicUrl: string, path: string): string {
  return [
    `Kính gửi: ${name} (${agencyName})`,
    "",
    text.title,
    "",
    text.body,
    "",
    `Mở Tổng hợp để xem và làm tiếp: ${publicUrl.replace(/\/$/, "")}${path}`,
    "",
    "Thư này do hệ thống Tổng hợp gửi tự động; vui lòng không trả lời thư này.",
  ].join("\n");
}
