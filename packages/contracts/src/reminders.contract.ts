import { z } from "zod";
import { lineText, plainDateSchema, uuidSchema } from "./common.js";

// ---------------------------------------------------------------------------------------------------
// Reminder schedules (kept as data, per campaign and per milestone)

/**
 * A reminder schedule. Shape only here; the rules that need the campaign (a schedule that never ends, one that
 * would fire on every scheduler tick, a stop date before the due date) are checked by the server with a message
 * naming the field.
 */
export const reminderRulesSchema = z.strictObject({
  /** Working days before the due date, e.g. [3]. */
  beforeDays: z
    .array(z.number({ error: "Số ngày trước hạn phải là số" }).int({ error: "Số ngày trước hạn phải là số nguyên" }))
    .max(5, { error: "Tối đa 5 lần nhắc trước hạn" }),
  /** A reminder on the due day (the last working day on or before it when the due date is a day off). */
  onDueDay: z.boolean(),
  /** Every n working days while late. */
  lateEveryDays: z.number({ error: "Chu kỳ nhắc khi quá hạn phải là số" }),
  /** At most this many late reminders (null: until lateUntil). */
  lateMaxCount: z.number({ error: "Số lần nhắc tối đa phải là số" }).int({ error: "Số lần nhắc tối đa phải là số nguyên" }).nullable(),
  /** No late reminder after this date (null: until lateMaxCount). */
  lateUntil: plainDateSchema.nullable(),
  /** The k-th late reminder from which the agency leader is reminded too (null: never). */
  leaderFromLate: z.number().int().nullable(),
  /** The k-th late reminder at which the coordinator is asked to issue a formal chase letter (null: never). */
  letterFromLate: z.number().int().nullable(),
  /** Hour of the day (Asia/Ho_Chi_Minh) at which the reminders of a day go out. */
  sendHour: z.number().int(),
  /** Also by e-mail (to users with an address), not only in the app. */
  email: z.boolean(),
});
export type ReminderRules = z.infer<typeof reminderRulesSchema>;

export const DEFAULT_REMINDER_RULES: ReminderRules = {
  beforeDays: [3],
  onDueDay: true,
  lateEveryDays: 2,
  lateMaxCount: 5,
  lateUntil: null,
  leaderFromLate: 1,
  letterFromLate: 2,
  sendHour: 8,
  email: true,
};

export const reminderStepSchema = z.object({
  /** before-3 | due | late-1 | … */
  step: z.string(),
  label: z.string(),
  date: plainDateSchema,
  /** officer | leader | letter */
  level: z.enum(["officer", "leader", "letter"]),
});
export type ReminderStepDto = z.infer<typeof reminderStepSchema>;

export const reminderScheduleSchema = z.object({
  campaignId: uuidSchema,
  /** null: the campaign's default schedule. */
  milestoneId: uuidSchema.nullable(),
  milestoneCode: z.string().nullable(),
  milestoneDue: plainDateSchema.nullable(),
  milestoneWording: z.string().nullable(),
  /** Whether the rules are the milestone's own (else inherited from the campaign default or the built-in one). */
  own: z.boolean(),
  source: z.enum(["built-in", "campaign", "milestone"]),
  rules: reminderRulesSchema,
  enabled: z.boolean(),
  version: z.number().int(),
  /** The planned steps for the milestone's due date (holidays excluded). */
  steps: z.array(reminderStepSchema),
  /** Agencies with work under this milestone not yet sent. */
  pendingAgencies: z.number().int(),
});
export type ReminderScheduleDto = z.infer<typeof reminderScheduleSchema>;

export const reminderSchedulesSchema = z.object({
  campaignId: uuidSchema,
  campaignName: z.string(),
  canEdit: z.boolean(),
  schedules: z.array(reminderScheduleSchema),
});
export type ReminderSchedulesDto = z.infer<typeof reminderSchedulesSchema>;

export const saveReminderScheduleSchema = z.strictObject({
  rules: reminderRulesSchema,
  enabled: z.boolean(),
  /** The version the user saw (0 when the schedule had no row yet). */
  version: z.number().int().min(0),
});
export type SaveReminderScheduleRequest = z.infer<typeof saveReminderScheduleSchema>;

export const reminderScheduleParamsSchema = z.strictObject({
  id: uuidSchema,
  /** A milestone id, or "mac-dinh" for the campaign default. */
  milestone: z.union([uuidSchema, z.literal("mac-dinh")]),
});

// ---------------------------------------------------------------------------------------------------
// Reminders that went out

export const REMINDER_LEVEL_LABELS = { officer: "Chuyên viên", leader: "Lãnh đạo đơn vị", letter: "Công văn đôn đốc" } as const;

export const reminderOccurrenceSchema = z.object({
  id: uuidSchema,
  milestoneCode: z.string(),
  agencyId: uuidSchema,
  agencyName: z.string(),
  dueDate: plainDateSchema,
  step: z.string(),
  stepLabel: z.string(),
  stepDate: plainDateSchema,
  level: z.enum(["officer", "leader", "letter"]),
  recipientName: z.string(),
  items: z.array(z.object({ assignmentId: uuidSchema, title: z.string() })),
  mailStatus: z.enum(["pending", "sending", "sent", "failed"]).nullable(),
  createdAt: z.string(),
});
export type ReminderOccurrenceDto = z.infer<typeof reminderOccurrenceSchema>;

export const reminderLogQuerySchema = z.strictObject({
  agencyId: uuidSchema.optional(),
  level: z.enum(["officer", "leader", "letter"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const reminderLogSchema = z.object({
  items: z.array(reminderOccurrenceSchema),
  /** Agencies whose reminders reached the formal-letter step and got no chase letter since. */
  letterTasks: z.array(
    z.object({ agencyId: uuidSchema, agencyName: z.string(), milestoneId: uuidSchema, milestoneCode: z.string(), dueDate: plainDateSchema, since: plainDateSchema }),
  ),
});
export type ReminderLogDto = z.infer<typeof reminderLogSchema>;

// ---------------------------------------------------------------------------------------------------
// E-mail outbox

export const MAIL_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
export const MAIL_STATUS_LABELS: Record<MailStatus, string> = {
  pending: "Chờ gửi",
  sending: "Đang gửi",
  sent: "Đã gửi",
  failed: "Gửi không được",
};

export const outboxItemSchema = z.object({
  id: uuidSchema,
  kind: z.string(),
  messageId: z.string(),
  toAddress: z.string(),
  toName: z.string().nullable(),
  subject: z.string(),
  status: z.enum(MAIL_STATUSES),
  transport: z.enum(["smtp", "dev"]).nullable(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  smtpResponse: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type OutboxItemDto = z.infer<typeof outboxItemSchema>;

export const outboxDetailSchema = outboxItemSchema.extend({ text: z.string(), raw: z.string().nullable() });
export type OutboxDetailDto = z.infer<typeof outboxDetailSchema>;

export const outboxQuerySchema = z.strictObject({
  status: z.enum(MAIL_STATUSES).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const outboxListSchema = z.object({
  items: z.array(outboxItemSchema),
  total: z.number().int(),
  counts: z.record(z.enum(MAIL_STATUSES), z.number().int()),
  /** smtp: SMTP_URL is set (host shown without credentials); dev: mails stay in this outbox. */
  mode: z.enum(["smtp", "dev"]),
  smtpHost: z.string().nullable(),
});
export type OutboxListDto = z.infer<typeof outboxListSchema>;

// ---------------------------------------------------------------------------------------------------
// Holiday calendar

export const holidayEntrySchema = z.object({
  date: plainDateSchema,
  /** off: a day off; work: a working day (a compensating weekend, or a shipped holiday cancelled) */
  kind: z.enum(["off", "work"]),
  name: z.string(),
  /** shipped: from the built-in data; custom: edited by an administrator (may be removed). */
  source: z.enum(["shipped", "custom"]),
  id: uuidSchema.nullable(),
  provisional: z.boolean(),
});
export type HolidayEntryDto = z.infer<typeof holidayEntrySchema>;

export const holidayYearSchema = z.object({
  year: z.number().int(),
  entries: z.array(holidayEntrySchema),
  /** Working days of the year under the merged calendar. */
  workingDays: z.number().int(),
  /** Whether the shipped data covers the year (else only weekends and the administrator's days). */
  shippedCoverage: z.boolean(),
});
export type HolidayYearDto = z.infer<typeof holidayYearSchema>;

export const holidayYearQuerySchema = z.strictObject({ year: z.coerce.number().int().min(2000, { error: "Năm phải từ 2000" }).max(2100, { error: "Năm phải đến 2100" }) });

export const saveHolidayRequestSchema = z.strictObject({
  date: plainDateSchema,
  kind: z.enum(["off", "work"], { error: "Loại ngày phải là off (nghỉ) hoặc work (làm việc)" }),
  note: lineText("Ghi chú", 300),
});
export type SaveHolidayRequest = z.infer<typeof saveHolidayRequestSchema>;

// ---------------------------------------------------------------------------------------------------
// Reminders of a comment round or an action programme that went out (the coordinator's record of who was chased)

export const sentReminderSchema = z.object({
  id: uuidSchema,
  agencyId: uuidSchema,
  agencyName: z.string(),
  /** What the reminder was about: "3 ý kiến chưa tiếp thu, giải trình", or the task. */
  subject: z.string(),
  step: z.string(),
  stepLabel: z.string(),
  recipientName: z.string(),
  mailStatus: z.enum(MAIL_STATUSES).nullable(),
  createdAt: z.string(),
});
export type SentReminderDto = z.infer<typeof sentReminderSchema>;
export const sentRemindersSchema = z.array(sentReminderSchema);

