import { z } from "zod";
import { lineText, plainDateSchema, uuidSchema } from "./common.js";
import { ASSIGNMENT_STATES } from "./campaigns.contract.js";

// ---------------------------------------------------------------------------------------------------
// Progress matrix

/**
 * The state of one cell, derived (never stored): the workflow state plus what the agency did.
 *   not_started   Đang soạn, nothing written or entered yet
 *   drafting      Đang soạn, something written or entered
 *   submitted     Trình lãnh đạo
 *   sent          Đã gửi (waiting for the coordinator)
 *   accepted      Đã tiếp nhận
 *   returned      Bị trả lại (with a reason)
 *   no_data       declared "Không có số liệu" (sent or accepted)
 *   out_of_scope  declared "Không thuộc phạm vi" (sent or accepted)
 * Overdue is a separate number (days past the agency's own due date while not sent).
 */
export const PROGRESS_STATUSES = ["not_started", "drafting", "submitted", "sent", "accepted", "returned", "no_data", "out_of_scope"] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export const PROGRESS_STATUS_LABELS: Record<ProgressStatus, string> = {
  not_started: "Chưa bắt đầu",
  drafting: "Đang soạn",
  submitted: "Trình lãnh đạo",
  sent: "Đã gửi",
  accepted: "Đã tiếp nhận",
  returned: "Bị trả lại",
  no_data: "Không có số liệu",
  out_of_scope: "Không thuộc phạm vi",
};

/** Short text of a cell (readable without colour): "Quá hạn 3 ngày" wins over the work state while not sent. */
export function progressCellText(status: ProgressStatus, overdueDays: number): string {
  if (overdueDays > 0) return status === "returned" ? `Bị trả lại · quá hạn ${overdueDays} ngày` : `Quá hạn ${overdueDays} ngày`;
  return PROGRESS_STATUS_LABELS[status];
}

/** Whether the cell counts as delivered (sent, accepted or declared). */
export const isDelivered = (s: ProgressStatus) => s === "sent" || s === "accepted" || s === "no_data" || s === "out_of_scope";

export const progressCountsSchema = z.object({
  assigned: z.number().int(),
  /** Sent, accepted or declared. */
  delivered: z.number().int(),
  accepted: z.number().int(),
  overdue: z.number().int(),
  returned: z.number().int(),
  notStarted: z.number().int(),
  declared: z.number().int(),
});
export type ProgressCountsDto = z.infer<typeof progressCountsSchema>;

export const progressRatesSchema = z.object({
  /** delivered / assigned (null when nothing is assigned). */
  completeness: z.number().nullable(),
  /** Input indicator cells of the rows the agency leads: filled / total (null: no such cells). */
  cellsFilled: z.number().int(),
  cellsTotal: z.number().int(),
  /** Delivered on or before the agency's own due date / work whose due date has passed or that was delivered. */
  onTime: z.number().int(),
  timelinessBase: z.number().int(),
});
export type ProgressRatesDto = z.infer<typeof progressRatesSchema>;

export const progressColumnSchema = z.object({
  key: z.string(),
  kind: z.enum(["outline", "indicators", "records"]),
  /** Outline item or appendix id (drill-down). */
  id: uuidSchema,
  label: z.string(),
  title: z.string(),
  depth: z.number().int(),
  milestoneCodes: z.array(z.string()),
  counts: progressCountsSchema,
});
export type ProgressColumnDto = z.infer<typeof progressColumnSchema>;

export const progressAgencySchema = z.object({
  id: uuidSchema,
  name: z.string(),
  shortName: z.string(),
  /** Groups of the directory the agency belongs to on the campaign's reference date. */
  groupIds: z.array(uuidSchema),
  counts: progressCountsSchema,
  rates: progressRatesSchema,
  /** Largest number of days overdue among its work (0: none). */
  maxOverdueDays: z.number().int(),
  /** Users who can receive reminders (0: only a formal letter reaches it). */
  users: z.number().int(),
});
export type ProgressAgencyDto = z.infer<typeof progressAgencySchema>;

/**
 * One cell as a tuple, to keep 30 000 cells small on the wire:
 * [agency index, column index, status, role (0 lead, 1 cooperate), overdue days, effective due date or "", extended (0/1)]
 */
export const progressCellSchema = z.tuple([
  z.number().int(),
  z.number().int(),
  z.enum(PROGRESS_STATUSES),
  z.union([z.literal(0), z.literal(1)]),
  z.number().int(),
  z.string(),
  z.union([z.literal(0), z.literal(1)]),
]);
export type ProgressCellDto = z.infer<typeof progressCellSchema>;

export const progressMatrixSchema = z.object({
  campaign: z.object({ id: uuidSchema, code: z.string(), name: z.string(), status: z.string(), referenceDate: plainDateSchema }),
  /** The day (Asia/Ho_Chi_Minh) the matrix was computed for. */
  today: plainDateSchema,
  columns: z.array(progressColumnSchema),
  agencies: z.array(progressAgencySchema),
  cells: z.array(progressCellSchema),
  groups: z.array(z.object({ id: uuidSchema, name: z.string() })),
  milestones: z.array(z.object({ id: uuidSchema, code: z.string(), due: plainDateSchema, wording: z.string() })),
  totals: z.object({ counts: progressCountsSchema, rates: progressRatesSchema }),
  /** The signed-in user may review and extend (coordinator of the campaign). */
  canReview: z.boolean(),
});
export type ProgressMatrixDto = z.infer<typeof progressMatrixSchema>;

// ---------------------------------------------------------------------------------------------------
// Deadline extension

export const extensionRequestSchema = z.strictObject({
  agencyId: uuidSchema,
  /** One outline item or appendix of the agency; omitted: all of the agency's work not yet sent in the campaign. */
  outlineItemId: uuidSchema.optional(),
  appendixId: uuidSchema.optional(),
  /** The new due date; null removes the extension (back to the milestone's date). */
  dueDate: plainDateSchema.nullable(),
  reason: lineText("Lý do gia hạn", 1000).optional(),
});
export type ExtensionRequest = z.infer<typeof extensionRequestSchema>;

export const extensionResultSchema = z.object({
  updated: z.array(z.object({ assignmentId: uuidSchema, title: z.string(), dueDate: plainDateSchema.nullable() })),
});
export type ExtensionResultDto = z.infer<typeof extensionResultSchema>;

// ---------------------------------------------------------------------------------------------------
// Review screen

export const reviewEventSchema = z.object({
  at: z.string(),
  action: z.string(),
  label: z.string(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
});

export const reviewPartSchema = z.object({
  assignmentId: uuidSchema,
  agencyId: uuidSchema,
  agencyName: z.string(),
  role: z.enum(["lead", "cooperate"]),
  state: z.enum(ASSIGNMENT_STATES),
  status: z.enum(PROGRESS_STATUSES),
  declaration: z.enum(["no_data", "out_of_scope"]).nullable(),
  declarationReason: z.string().nullable(),
  stateReason: z.string().nullable(),
  stateChangedAt: z.string().nullable(),
  stateChangedByName: z.string().nullable(),
  dueDate: plainDateSchema.nullable(),
  milestoneDue: plainDateSchema.nullable(),
  extensionReason: z.string().nullable(),
  overdueDays: z.number().int(),
  sentAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  version: z.number().int(),
  /** The item's text and that of its sub-items written under this assignment. */
  sections: z.array(
    z.object({
      itemId: uuidSchema,
      label: z.string(),
      title: z.string(),
      depth: z.number().int(),
      html: z.string(),
      wordCount: z.number().int(),
      updatedAt: z.string().nullable(),
      updatedByName: z.string().nullable(),
    }),
  ),
  events: z.array(reviewEventSchema),
  allowedActions: z.array(z.enum(["accept", "return", "reopen"])),
});
export type ReviewPartDto = z.infer<typeof reviewPartSchema>;

export const reviewFigureRowSchema = z.object({
  rowId: uuidSchema,
  tt: z.string().nullable(),
  name: z.string(),
  unit: z.string().nullable(),
  target: z.string().nullable(),
  leadNames: z.array(z.string()),
  /** Value columns in table order: { title, text } ("" when empty). */
  values: z.array(z.object({ key: z.string(), title: z.string(), text: z.string(), status: z.string().nullable() })),
  evaluation: z.object({ verdict: z.string(), label: z.string(), actual: z.string().nullable(), detail: z.string().nullable() }).nullable(),
  warnings: z.array(z.string()),
});
export type ReviewFigureRowDto = z.infer<typeof reviewFigureRowSchema>;

export const reviewSchema = z.object({
  campaign: z.object({ id: uuidSchema, name: z.string(), status: z.string(), referenceDate: plainDateSchema }),
  item: z.object({
    id: uuidSchema,
    label: z.string(),
    labelPath: z.array(z.string()),
    title: z.string(),
    guidance: z.string().nullable(),
    appendixCodes: z.array(z.string()),
  }),
  /** Neighbouring assigned items, for "mục trước / mục sau". */
  previousItemId: uuidSchema.nullable(),
  nextItemId: uuidSchema.nullable(),
  parts: z.array(reviewPartSchema),
  figures: z.array(z.object({ appendixId: uuidSchema, code: z.string(), title: z.string(), rows: z.array(reviewFigureRowSchema), more: z.number().int() })),
  canReview: z.boolean(),
});
export type ReviewDto = z.infer<typeof reviewSchema>;

export const reviewActionRequestSchema = z.strictObject({
  action: z.enum(["accept", "return", "reopen"], { error: "Thao tác phải là accept, return hoặc reopen" }),
  reason: z.string().max(2000, { error: "Lý do dài quá 2000 ký tự" }).nullable().optional(),
  version: z.number().int().min(1).optional(),
});
export type ReviewActionRequest = z.infer<typeof reviewActionRequestSchema>;

// ---------------------------------------------------------------------------------------------------
// Công văn đôn đốc

export const chaseLetterAgencySchema = z.strictObject({
  agencyId: uuidSchema,
  /** As printed in the letter ("Sở Giao thông vận tải"). */
  name: lineText("Tên cơ quan", 300),
  /** What is missing, one line each ("Phụ lục 2 (số liệu)"). */
  items: z.array(lineText("Phần việc còn thiếu", 600)).max(300),
});

/** The letter as the coordinator edits it before downloading or issuing. */
export const chaseLetterFormSchema = z.strictObject({
  milestoneId: uuidSchema.nullable(),
  /** Parent agency line above the issuer ("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"); empty for none. */
  parent: z.string().trim().max(200),
  issuer: lineText("Tên cơ quan ban hành", 200),
  /** Null: left blank for the văn thư. */
  number: z.number({ error: "Số văn bản phải là số" }).int().min(1, { error: "Số văn bản phải từ 1" }).max(99999).nullable(),
  symbol: lineText("Ký hiệu", 60).refine((s) => /^[\p{L}\d.-]+$/u.test(s), { error: "Ký hiệu chỉ gồm chữ, số, dấu chấm và gạch ngang, ví dụ SKHĐT-TH" }),
  place: lineText("Địa danh", 100),
  date: plainDateSchema,
  summary: lineText("Trích yếu", 500),
  /** "Kính gửi:" lines. */
  addressees: z.array(lineText("Nơi gửi", 300)).min(1, { error: "Phải có ít nhất một nơi gửi (Kính gửi)" }).max(200),
  /** Body paragraphs before the list of missing work. */
  opening: z.array(lineText("Đoạn văn", 4000)).max(20),
  agencies: z.array(chaseLetterAgencySchema).min(1, { error: "Phải có ít nhất một cơ quan chưa gửi" }).max(300),
  /** Body paragraphs after the list (the request with the new deadline). */
  closing: z.array(lineText("Đoạn văn", 4000)).max(20),
  newDeadline: plainDateSchema,
  recipients: z.array(lineText("Nơi nhận", 300)).min(1).max(300),
  signature: z.strictObject({
    authority: z.string().trim().max(100),
    title: lineText("Chức vụ người ký", 100),
    signer: z.string().trim().max(100),
  }),
});
export type ChaseLetterForm = z.infer<typeof chaseLetterFormSchema>;

export const chaseLetterDraftQuerySchema = z.strictObject({
  milestoneId: uuidSchema.optional(),
  /** Comma-separated agency ids (default: every agency late on the milestone, or on any milestone). */
  agencyIds: z.string().max(20_000).optional(),
});

export const issueChaseLetterRequestSchema = z.strictObject({
  form: chaseLetterFormSchema,
  /** Set the new deadline as an extension for these agencies' unsent work. */
  applyExtension: z.boolean(),
});

export const chaseLetterSchema = z.object({
  id: uuidSchema,
  number: z.number().int(),
  symbol: z.string(),
  numberText: z.string(),
  issuedOn: plainDateSchema,
  summary: z.string(),
  newDeadline: plainDateSchema,
  agencies: z.array(z.object({ id: uuidSchema, name: z.string() })),
  appliedExtension: z.boolean(),
  issuedByName: z.string(),
  createdAt: z.string(),
});
export type ChaseLetterDto = z.infer<typeof chaseLetterSchema>;

export const chaseLetterDraftSchema = z.object({
  /** The generated letter; it may list no agency (none late: e.g. after a letter whose new deadline was applied). */
  form: chaseLetterFormSchema.extend({ agencies: z.array(chaseLetterAgencySchema).max(300) }),
  /** Late agencies that could be added (all late ones of the campaign). */
  candidates: z.array(z.object({ agencyId: uuidSchema, name: z.string(), items: z.array(z.string()), maxOverdueDays: z.number().int(), milestoneCodes: z.array(z.string()) })),
  issued: z.array(chaseLetterSchema),
  /** Suggested next number for the symbol and year. */
  nextNumber: z.number().int(),
});
export type ChaseLetterDraftDto = z.infer<typeof chaseLetterDraftSchema>;
