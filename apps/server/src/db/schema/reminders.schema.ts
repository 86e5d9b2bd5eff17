import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies.schema.js";
import { campaignMilestones, campaigns } from "./campaigns.schema.js";
import { createdAt, id, ts, updatedAt } from "./common.js";
import { bytea } from "./compile.schema.js";
import { users } from "./users.schema.js";

/**
 * The administrator's edits of the holiday calendar, merged over the shipped data (@tonghop/domain
 * vnHolidayCalendar) with mergeCalendars:
 *   off   an extra day off (Tết break decided by the government, a local day off)
 *   work  a working day: a compensating Saturday/Sunday, or a shipped holiday that was cancelled
 *         (the domain treats a date listed as working as a working day whatever else says)
 * One row per date.
 */
export const holidayDays = pgTable(
  "holiday_days",
  {
    id: id(),
    date: date("date").notNull(),
    /** off | work */
    kind: text("kind").notNull(),
    note: text("note").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("holiday_days_date_uq").on(t.date), check("holiday_days_kind_ck", sql`${t.kind} in ('off', 'work')`)],
);

/**
 * Reminder schedule of a campaign (milestone_id null: the campaign's default) or of one milestone, kept as data
 * (ReminderRules in services/reminders/schedule.ts: working days before the due date, on the due day, every n
 * working days while late with a cap, escalation to the agency leader and to a formal letter, send hour).
 * Without a row the built-in default applies.
 */
export const reminderSchedules = pgTable(
  "reminder_schedules",
  {
    id: id(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    milestoneId: uuid("milestone_id").references(() => campaignMilestones.id, { onDelete: "cascade" }),
    rules: jsonb("rules").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("reminder_schedules_campaign_uq").on(t.campaignId).where(sql`${t.milestoneId} is null`),
    uniqueIndex("reminder_schedules_milestone_uq").on(t.campaignId, t.milestoneId).where(sql`${t.milestoneId} is not null`),
  ],
);

/**
 * One reminder that went out: milestone × agency × effective due date × recipient × step. The unique key is the
 * arbiter between server instances: a reminder (its in-app notification and its e-mail in the outbox) is written
 * only by the transaction whose insert of this row succeeded. The due date is part of the key so that an extension
 * starts a new sequence (the "3 days before" of the new date is a new reminder).
 *   step           before-<n> | due | late-<k> | letter-<k>
 *   recipient_key  the user id, or "coordinator" for the formal-letter task of the coordinator
 *   level          officer | leader | letter
 */
export const reminderOccurrences = pgTable(
  "reminder_occurrences",
  {
    id: id(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    milestoneId: uuid("milestone_id")
      .notNull()
      .references(() => campaignMilestones.id, { onDelete: "cascade" }),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    dueDate: date("due_date").notNull(),
    step: text("step").notNull(),
    stepDate: date("step_date").notNull(),
    recipientKey: text("recipient_key").notNull(),
    recipientUserId: uuid("recipient_user_id").references(() => users.id, { onDelete: "set null" }),
    level: text("level").notNull(),
    /** The assignments still missing when it went out: [{ assignmentId, title }]. */
    items: jsonb("items").notNull(),
    /** Outbox row of the e-mail (null: in-app only, e.g. the user has no e-mail address). */
    mailId: uuid("mail_id"),
    /** The process that wrote it (for diagnostics). */
    instance: text("instance").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("reminder_occurrences_uq").on(t.milestoneId, t.agencyId, t.dueDate, t.recipientKey, t.step),
    index("reminder_occurrences_campaign_idx").on(t.campaignId, t.stepDate),
    check("reminder_occurrences_level_ck", sql`${t.level} in ('officer', 'leader', 'letter')`),
  ],
);

/**
 * The e-mail outbox. A row is written in the same transaction as the change it reports (a reminder occurrence), so
 * a mail exists exactly when its cause was committed; `dedupe_key` makes enqueueing idempotent. Workers claim rows
 * with a lease (FOR UPDATE SKIP LOCKED, lease_owner + lease_until), send with the row's fixed Message-ID and mark
 * them sent guarded by their lease. Statuses:
 *   pending   waiting (next_attempt_at: not before; back-off after a failure)
 *   sending   claimed by lease_owner until lease_until (an expired lease is claimable again)
 *   sent      accepted by the SMTP server (smtp_response), or written to the dev outbox (transport "dev")
 *   failed    permanently refused (5xx) or out of attempts; an administrator may retry it
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: id(),
    dedupeKey: text("dedupe_key").notNull(),
    /** RFC 5322 Message-ID, fixed when the row is created: a re-send carries the same one. */
    messageId: text("message_id").notNull(),
    /** reminder | chase-letter | … */
    kind: text("kind").notNull(),
    campaignId: uuid("campaign_id").references(() => campaigns.id, { onDelete: "set null" }),
    toAddress: text("to_address").notNull(),
    toName: text("to_name"),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    status: text("status").notNull().default("pending"),
    /** smtp | dev (set when sent). */
    transport: text("transport"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(8),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    leaseOwner: text("lease_owner"),
    leaseUntil: ts("lease_until"),
    lastAttemptAt: ts("last_attempt_at"),
    lastError: text("last_error"),
    smtpResponse: text("smtp_response"),
    /** The message as sent (RFC 822 source), kept for the dev outbox. */
    raw: text("raw"),
    sentAt: ts("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("mail_outbox_dedupe_uq").on(t.dedupeKey),
    uniqueIndex("mail_outbox_message_id_uq").on(t.messageId),
    index("mail_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("mail_outbox_created_idx").on(t.createdAt),
    check("mail_outbox_status_ck", sql`${t.status} in ('pending', 'sending', 'sent', 'failed')`),
  ],
);

/**
 * Công văn đôn đốc that were issued: the number (unique per symbol and year), the date, who issued it, to which
 * agencies, the new deadline (and whether it was applied as an extension), the edited text and the DOCX as issued.
 */
export const chaseLetters = pgTable(
  "chase_letters",
  {
    id: id(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    milestoneId: uuid("milestone_id").references(() => campaignMilestones.id, { onDelete: "set null" }),
    number: integer("number").notNull(),
    symbol: text("symbol").notNull(),
    year: integer("year").notNull(),
    issuedOn: date("issued_on").notNull(),
    summary: text("summary").notNull(),
    newDeadline: date("new_deadline").notNull(),
    agencyIds: uuid("agency_ids").array().notNull(),
    /** The form as issued (ChaseLetterForm). */
    content: jsonb("content").notNull(),
    appliedExtension: boolean("applied_extension").notNull().default(false),
    docx: bytea("docx").notNull(),
    issuedBy: uuid("issued_by").references(() => users.id),
    issuedByName: text("issued_by_name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("chase_letters_number_uq").on(t.symbol, t.year, t.number), index("chase_letters_campaign_idx").on(t.campaignId, t.createdAt)],
);
