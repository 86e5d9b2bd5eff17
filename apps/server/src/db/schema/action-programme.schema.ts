import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies.schema.js";
import { campaigns, outlineItems } from "./campaigns.schema.js";
import { createdAt, id, ts, updatedAt } from "./common.js";
import { users } from "./users.schema.js";

/**
 * The action programme (Chương trình hành động) that carries out a campaign's plan. report_frequency: month |
 * quarter (default) | half-year | year — how often lead agencies report progress.
 */
export const actionProgrammes = pgTable(
  "action_programmes",
  {
    id: id(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    reportFrequency: text("report_frequency").notNull().default("quarter"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("action_programmes_campaign_idx").on(t.campaignId),
    check("action_programmes_frequency_ck", sql`${t.reportFrequency} in ('month', 'quarter', 'half-year', 'year')`),
  ],
);

/**
 * A task: nhiệm vụ / giải pháp with its lead agency (stored as assigned; today's lead follows the directory's
 * successions), cooperating agencies, expected product, the deadline as written (deadline_text, canonical) and its
 * last day (deadline_due), the reported progress (not-started | in-progress | done; "chậm tiến độ" is derived
 * from deadline_due and the clock, never stored), the outline item it comes from and the indicators it serves
 * (catalogue codes).
 */
export const actionTasks = pgTable(
  "action_tasks",
  {
    id: id(),
    programmeId: uuid("programme_id")
      .notNull()
      .references(() => actionProgrammes.id, { onDelete: "cascade" }),
    sortOrder: integer("sort_order").notNull(),
    tt: text("tt").notNull().default(""),
    title: text("title").notNull(),
    /** nhiem-vu | giai-phap */
    kind: text("kind").notNull().default("nhiem-vu"),
    outlineItemId: uuid("outline_item_id").references(() => outlineItems.id, { onDelete: "set null" }),
    leadAgencyId: uuid("lead_agency_id")
      .notNull()
      .references(() => agencies.id),
    cooperateAgencyIds: uuid("cooperate_agency_ids").array().notNull().default([]),
    product: text("product").notNull().default(""),
    deadlineKind: text("deadline_kind"),
    deadlineText: text("deadline_text"),
    deadlineDue: date("deadline_due"),
    progress: text("progress").notNull().default("not-started"),
    completedOn: date("completed_on"),
    indicatorCodes: text("indicator_codes").array().notNull().default([]),
    note: text("note"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("action_tasks_programme_idx").on(t.programmeId, t.sortOrder),
    index("action_tasks_lead_idx").on(t.leadAgencyId),
    check("action_tasks_progress_ck", sql`${t.progress} in ('not-started', 'in-progress', 'done')`),
    check("action_tasks_kind_ck", sql`${t.kind} in ('nhiem-vu', 'giai-phap')`),
  ],
);

/** A periodic progress report of the lead agency (one per task and period; a second one replaces the text). */
export const actionTaskReports = pgTable(
  "action_task_reports",
  {
    id: id(),
    taskId: uuid("task_id")
      .notNull()
      .references(() => actionTasks.id, { onDelete: "cascade" }),
    periodKey: text("period_key").notNull(),
    periodLabel: text("period_label").notNull(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    progress: text("progress").notNull(),
    percent: integer("percent"),
    content: text("content").notNull(),
    reportedBy: uuid("reported_by").references(() => users.id, { onDelete: "set null" }),
    reportedByName: text("reported_by_name").notNull(),
    reportedAt: ts("reported_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("action_task_reports_period_uq").on(t.taskId, t.periodKey), check("action_task_reports_progress_ck", sql`${t.progress} in ('not-started', 'in-progress', 'done')`)],
);

/** Reminders about late tasks that went out: task × agency × step × recipient, once each (unique key). */
export const actionTaskReminders = pgTable(
  "action_task_reminders",
  {
    id: id(),
    taskId: uuid("task_id")
      .notNull()
      .references(() => actionTasks.id, { onDelete: "cascade" }),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    /** The deadline the reminder was about (a new deadline starts a new sequence). */
    due: date("due").notNull(),
    /** late-<k>: k-th reminder while late (every 7 days). */
    step: text("step").notNull(),
    recipientUserId: uuid("recipient_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    mailId: uuid("mail_id"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("action_task_reminders_uq").on(t.taskId, t.due, t.step, t.recipientUserId)],
);
