import { z } from "zod";
import { lineText, plainDateSchema, uuidSchema } from "./common.js";

/** The action programme (Chương trình hành động) of a plan: tasks, progress reports, related indicators. */

export const TASK_PROGRESS_KEYS = ["not-started", "in-progress", "done"] as const;
export const taskProgressSchema = z.enum(TASK_PROGRESS_KEYS, { error: "Tiến độ phải là not-started, in-progress hoặc done" });
export const TASK_PROGRESS_LABELS: Record<(typeof TASK_PROGRESS_KEYS)[number], string> = { "not-started": "Chưa triển khai", "in-progress": "Đang thực hiện", done: "Hoàn thành" };
export const TASK_STATUS_KEYS = ["chua-trien-khai", "dang-thuc-hien", "hoan-thanh", "cham-tien-do"] as const;
export const taskStatusSchema = z.enum(TASK_STATUS_KEYS);
export type TaskStatusKey = z.infer<typeof taskStatusSchema>;
export const REPORT_FREQUENCY_KEYS = ["month", "quarter", "half-year", "year"] as const;
export const reportFrequencySchema = z.enum(REPORT_FREQUENCY_KEYS, { error: "Kỳ báo cáo phải là month, quarter, half-year hoặc year" });
export const taskKindSchema = z.enum(["nhiem-vu", "giai-phap"], { error: "Loại phải là nhiem-vu hoặc giai-phap" });
export const TASK_KIND_LABELS = { "nhiem-vu": "Nhiệm vụ", "giai-phap": "Giải pháp" } as const;

export const createProgrammeRequestSchema = z.strictObject({
  campaignId: uuidSchema,
  title: lineText("Tên chương trình hành động", 300),
  reportFrequency: reportFrequencySchema.default("quarter"),
});
export type CreateProgrammeRequest = z.input<typeof createProgrammeRequestSchema>;

export const statusCountsSchema = z.object({
  "chua-trien-khai": z.number().int(),
  "dang-thuc-hien": z.number().int(),
  "hoan-thanh": z.number().int(),
  "cham-tien-do": z.number().int(),
});

export const programmeSchema = z.object({
  id: uuidSchema,
  campaignId: uuidSchema,
  campaignName: z.string(),
  title: z.string(),
  reportFrequency: reportFrequencySchema,
  currentPeriod: z.object({ key: z.string(), label: z.string() }),
  taskCount: z.number().int(),
  counts: statusCountsSchema,
  canManage: z.boolean(),
  createdAt: z.string(),
});
export type ProgrammeDto = z.infer<typeof programmeSchema>;

export const taskAgencySchema = z.object({ id: uuidSchema, name: z.string() });

export const taskReportSchema = z.object({
  id: uuidSchema,
  periodKey: z.string(),
  periodLabel: z.string(),
  progress: taskProgressSchema,
  percent: z.number().int().nullable(),
  content: z.string(),
  agencyName: z.string(),
  reportedByName: z.string(),
  reportedAt: z.string(),
});
export type TaskReportDto = z.infer<typeof taskReportSchema>;

export const actionTaskSchema = z.object({
  id: uuidSchema,
  programmeId: uuidSchema,
  tt: z.string(),
  title: z.string(),
  kind: taskKindSchema,
  outlineItemId: uuidSchema.nullable(),
  outlineLabel: z.string().nullable(),
  /** Today's lead (the assigned agency, or its successor after a reorganisation). */
  lead: taskAgencySchema,
  /** The agency the task was assigned to, when it has since been handed to a successor. */
  assignedLead: taskAgencySchema.nullable(),
  cooperate: z.array(taskAgencySchema),
  product: z.string(),
  deadline: z.object({ kind: z.enum(["date", "month", "quarter", "year"]), text: z.string(), due: plainDateSchema }).nullable(),
  progress: taskProgressSchema,
  status: taskStatusSchema,
  statusLabel: z.string(),
  daysLate: z.number().int(),
  indicatorCodes: z.array(z.string()),
  lastReport: taskReportSchema.nullable(),
  reportedThisPeriod: z.boolean(),
  canReport: z.boolean(),
  version: z.number().int(),
});
export type ActionTaskDto = z.infer<typeof actionTaskSchema>;

export const taskListQuerySchema = z.strictObject({
  status: taskStatusSchema.optional(),
  agencyId: uuidSchema.optional(),
  mine: z.enum(["true", "false"]).optional(),
});
export type TaskListQuery = z.infer<typeof taskListQuerySchema>;

export const saveTaskRequestSchema = z.strictObject({
  tt: z.string().trim().max(20).default(""),
  title: lineText("Nhiệm vụ", 2000),
  kind: taskKindSchema.default("nhiem-vu"),
  leadAgencyId: uuidSchema,
  cooperateAgencyIds: z.array(uuidSchema).max(100).default([]),
  product: z.string().trim().max(2000).default(""),
  deadline: z.string().trim().max(100).nullable().default(null).describe("31/12/2027, Quý II/2027, Tháng 6/2027 hoặc 2027"),
  indicatorCodes: z.array(lineText("Mã chỉ tiêu", 100)).max(50).default([]),
  outlineItemId: uuidSchema.nullable().optional(),
  version: z.number().int().min(1).optional(),
});
export type SaveTaskRequest = z.input<typeof saveTaskRequestSchema>;

export const tasksFromOutlineRequestSchema = z.strictObject({ itemIds: z.array(uuidSchema).min(1, { error: "Chọn ít nhất một mục đề cương" }).max(500) });
export type TasksFromOutlineRequest = z.infer<typeof tasksFromOutlineRequestSchema>;

export const taskReportRequestSchema = z.strictObject({
  progress: taskProgressSchema,
  percent: z.number().int().min(0, { error: "Tỷ lệ hoàn thành từ 0 đến 100" }).max(100, { error: "Tỷ lệ hoàn thành từ 0 đến 100" }).nullable().optional(),
  content: z.string().trim().min(1, { error: "Nội dung báo cáo tiến độ không được để trống" }).max(10_000),
  version: z.number().int().min(1),
});
export type TaskReportRequest = z.input<typeof taskReportRequestSchema>;

export const importResultSchema = z.object({ imported: z.number().int() });

export const relatedTaskSchema = z.object({
  id: uuidSchema,
  programmeId: uuidSchema,
  title: z.string(),
  leadName: z.string(),
  deadlineText: z.string().nullable(),
  status: taskStatusSchema,
  statusLabel: z.string(),
});
export type RelatedTaskDto = z.infer<typeof relatedTaskSchema>;
export const relatedTasksSchema = z.object({ byIndicator: z.record(z.string(), z.array(relatedTaskSchema)) });
export type RelatedTasksDto = z.infer<typeof relatedTasksSchema>;

export const outlineChoiceSchema = z.object({ id: uuidSchema, label: z.string(), title: z.string(), depth: z.number().int(), lead: z.string(), hasTask: z.boolean() });
export type OutlineChoiceDto = z.infer<typeof outlineChoiceSchema>;
