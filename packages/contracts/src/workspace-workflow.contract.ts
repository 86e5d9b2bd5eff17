import { z } from "zod";
import { plainDateSchema, uuidSchema } from "./common.js";
import { ASSIGNMENT_KINDS, ASSIGNMENT_STATES } from "./campaigns.contract.js";

// ---------------------------------------------------------------------------------------------------
// Submission workflow of an assignment (DOMAIN.md "Submission states")

export const WORKFLOW_ACTIONS = ["submit", "return-internal", "send", "declare", "undeclare", "accept", "return", "reopen"] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export const WORKFLOW_ACTION_LABELS: Record<WorkflowAction, string> = {
  submit: "Trình lãnh đạo",
  "return-internal": "Trả lại (nội bộ)",
  send: "Gửi cơ quan tổng hợp",
  declare: "Khai báo",
  undeclare: "Rút khai báo",
  accept: "Tiếp nhận",
  return: "Trả lại",
  reopen: "Mở lại",
};

/** Past-tense labels for the history list. */
export const WORKFLOW_EVENT_LABELS: Record<WorkflowAction | "send-all", string> = {
  submit: "Trình lãnh đạo",
  "return-internal": "Lãnh đạo trả lại (nội bộ)",
  send: "Gửi cơ quan tổng hợp",
  "send-all": "Gửi cơ quan tổng hợp (gửi tất cả)",
  declare: "Khai báo",
  undeclare: "Rút khai báo",
  accept: "Cơ quan tổng hợp tiếp nhận",
  return: "Cơ quan tổng hợp trả lại",
  reopen: "Cơ quan tổng hợp mở lại",
};

export const DECLARATIONS = ["no_data", "out_of_scope"] as const;
export type Declaration = (typeof DECLARATIONS)[number];
export const DECLARATION_LABELS: Record<Declaration, string> = {
  no_data: "Không có số liệu",
  out_of_scope: "Không thuộc phạm vi",
};

export const WORKFLOW_REASON_MAX = 2000;

export const workflowRequestSchema = z.strictObject({
  action: z.enum(WORKFLOW_ACTIONS, { error: "Thao tác không hợp lệ" }),
  reason: z
    .string({ error: "Lý do phải là chuỗi" })
    .max(WORKFLOW_REASON_MAX, { error: `Lý do dài quá ${WORKFLOW_REASON_MAX} ký tự` })
    .refine((s) => ![...s].some((ch) => ch < " " && ch !== "\n" && ch !== "\r" && ch !== "\t"), { error: "Lý do chứa ký tự điều khiển không hợp lệ" })
    .nullable()
    .optional(),
  declaration: z.enum(DECLARATIONS, { error: "Loại khai báo phải là no_data hoặc out_of_scope" }).nullable().optional(),
  /** The assignment version the user saw; a different one → 409 (someone acted meanwhile). */
  version: z.number({ error: "version phải là số" }).int().min(1).optional(),
});
export type WorkflowRequest = z.infer<typeof workflowRequestSchema>;

export const workflowEventSchema = z.object({
  id: uuidSchema,
  at: z.string(),
  action: z.string(),
  label: z.string(),
  fromState: z.enum(ASSIGNMENT_STATES).nullable(),
  toState: z.enum(ASSIGNMENT_STATES).nullable(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
});
export type WorkflowEventDto = z.infer<typeof workflowEventSchema>;

/** An assignment as the workflow bar shows it. */
export const assignmentWorkflowSchema = z.object({
  id: uuidSchema,
  campaignId: uuidSchema,
  campaignName: z.string(),
  agencyId: uuidSchema,
  agencyName: z.string(),
  kind: z.enum(ASSIGNMENT_KINDS),
  role: z.enum(["lead", "cooperate"]),
  /** "I.2. Đánh giá…" or "Phụ lục 2. …". */
  title: z.string(),
  state: z.enum(ASSIGNMENT_STATES),
  declaration: z.enum(DECLARATIONS).nullable(),
  declarationReason: z.string().nullable(),
  /** The reason of the last return (by the coordinator or internally), shown to the agency. */
  stateReason: z.string().nullable(),
  stateChangedAt: z.string().nullable(),
  stateChangedByName: z.string().nullable(),
  /** Effective due date: the coordinator's extension if any, else the milestone's. */
  dueDate: plainDateSchema.nullable(),
  dueWording: z.string().nullable(),
  extended: z.boolean(),
  overdue: z.boolean(),
  /** Working days from today to the due date (negative when overdue; holidays excluded). */
  workingDaysLeft: z.number().int().nullable(),
  sentAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  version: z.number().int(),
  /** The steps the signed-in user may take now. */
  allowedActions: z.array(z.enum(WORKFLOW_ACTIONS)),
  /** Whether the signed-in user may edit the content now, and why not. */
  canEdit: z.boolean(),
  editRefusal: z.string().nullable(),
  events: z.array(workflowEventSchema),
});
export type AssignmentWorkflowDto = z.infer<typeof assignmentWorkflowSchema>;

export const sendAllItemSchema = z.object({
  assignmentId: uuidSchema,
  title: z.string(),
  kind: z.enum(ASSIGNMENT_KINDS),
  state: z.enum(ASSIGNMENT_STATES),
  /** What prevents sending (empty when it can be sent). */
  problems: z.array(z.string()),
  /** What is worth a look but does not prevent sending (e.g. empty sub-items). */
  warnings: z.array(z.string()),
});
export type SendAllItemDto = z.infer<typeof sendAllItemSchema>;

/** What "gửi tất cả" would do for the agency in a campaign. */
export const sendAllPreviewSchema = z.object({
  campaignId: uuidSchema,
  agencyId: uuidSchema,
  ready: z.array(sendAllItemSchema),
  blocked: z.array(sendAllItemSchema),
  /** Already sent or accepted: nothing to do. */
  done: z.number().int(),
});
export type SendAllPreviewDto = z.infer<typeof sendAllPreviewSchema>;

export const sendAllRequestSchema = z.strictObject({
  /** Optional: the agency (only needed by a leader of several agencies; defaults to the user's own). */
  agencyId: uuidSchema.optional(),
});

export const sendAllResultSchema = z.object({
  sent: z.array(z.object({ assignmentId: uuidSchema, title: z.string() })),
});
export type SendAllResultDto = z.infer<typeof sendAllResultSchema>;

/** What is done and what is missing in one of the agency's assignments ("Việc của đơn vị"). */
export const assignmentProgressSchema = z.object({
  assignmentId: uuidSchema,
  /** Units done out of total: items written, input cells filled, rows complete. */
  done: z.number().int(),
  total: z.number().int(),
  /** "mục" (outline items), "ô" (input cells), "dòng" (record rows). */
  unit: z.string(),
  /** Short Vietnamese descriptions of what is missing (at most a few; `more` counts the rest). */
  missing: z.array(z.string()),
  more: z.number().int(),
  /** Working days from today to the effective due date (negative when overdue; null without a due date). */
  workingDaysLeft: z.number().int().nullable(),
  overdue: z.boolean(),
  /** For "gửi tất cả": whether the signed-in user may send it now. */
  canSend: z.boolean(),
});
export type AssignmentProgressDto = z.infer<typeof assignmentProgressSchema>;
export const progressQuerySchema = z.strictObject({ campaignId: uuidSchema.optional() });
