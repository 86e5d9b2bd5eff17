import { z } from "zod";
import { lineText, plainDateSchema, uuidSchema } from "./common.js";

// Analysis dashboards (issue 9): indicators against their targets, years, periods and areas; campaign operations;
// charts inserted into the compiled report as figures. Everything is computed from the campaign's configuration
// (appendix columns, row tree, catalogue) and the figures — nothing here knows a particular directive.

export const VERDICT_KEYS = ["vuot", "dat", "khong-dat", "thieu-so-lieu"] as const;
export const verdictSchema = z.enum(VERDICT_KEYS);
export type VerdictKey = z.infer<typeof verdictSchema>;

export const VALUE_STATUS_KEYS = ["uoc", "so-bo", "chinh-thuc"] as const;
export const valueStatusSchema = z.enum(VALUE_STATUS_KEYS);
export type ValueStatusKey = z.infer<typeof valueStatusSchema>;
/** Short labels of a figure's status for badges (the long ones are in @tonghop/domain VALUE_STATUS_LABELS). */
export const VALUE_STATUS_SHORT_LABELS: Record<ValueStatusKey, string> = { uoc: "Ước", "so-bo": "Sơ bộ", "chinh-thuc": "Chính thức" };

export const DIRECTION_KEYS = ["higher", "lower", "neutral"] as const;
export const directionSchema = z.enum(DIRECTION_KEYS);
export type DirectionKey = z.infer<typeof directionSchema>;
export const DIRECTION_LABELS: Record<DirectionKey, string> = {
  higher: "Càng cao càng tốt",
  lower: "Càng thấp càng tốt",
  neutral: "Không xác định chiều tốt",
};

/** Assessment of a change or a difference in the indicator's good direction. */
export const ASSESSMENT_KEYS = ["better", "same", "worse"] as const;
export const assessmentSchema = z.enum(ASSESSMENT_KEYS);
export type AssessmentKey = z.infer<typeof assessmentSchema>;
export const TREND_LABELS: Record<AssessmentKey | "na", string> = { better: "Cải thiện", same: "Không đổi", worse: "Kém đi", na: "Không so sánh được" };
export const VERSUS_LABELS: Record<AssessmentKey | "na", string> = { better: "Tốt hơn", same: "Tương đương", worse: "Kém hơn", na: "Không so sánh được" };

const num = z.number().nullable();

export const yearPointSchema = z.object({ year: z.number().int(), value: num, status: valueStatusSchema.nullable() });
export type YearPointDto = z.infer<typeof yearPointSchema>;

export const areaSeriesSchema = z.object({
  area: z.string(),
  areaName: z.string(),
  primary: z.boolean(),
  points: z.array(yearPointSchema),
});
export type AreaSeriesDto = z.infer<typeof areaSeriesSchema>;

export const periodValueSchema = z.object({
  period: z.string(),
  label: z.string(),
  area: z.string(),
  areaName: z.string(),
  primary: z.boolean(),
  value: num,
  status: valueStatusSchema.nullable(),
  /** Aggregated from the years by the row's aggregation (else entered as a figure of the period). */
  computed: z.boolean(),
});
export type PeriodValueDto = z.infer<typeof periodValueSchema>;

export const targetDtoSchema = z.object({
  period: z.string(),
  text: z.string(),
  comparator: z.enum([">=", ">", "<=", "<", "=", "range", "composite"]).nullable(),
  value: num,
  min: num,
  max: num,
  components: z.array(z.number()).nullable(),
  perYear: z.boolean(),
  percent: z.boolean(),
  /** The target text could not be read (Vietnamese message). */
  error: z.string().nullable(),
});
export type TargetDto = z.infer<typeof targetDtoSchema>;

export const evaluationDtoSchema = z.object({
  period: z.string(),
  /** null: not judged (no good direction and no range, or unreadable target). */
  verdict: verdictSchema.nullable(),
  label: z.string(),
  /** The value compared with the target (period aggregate, per year when the target says "/năm"). */
  value: num,
  gap: num,
  status: valueStatusSchema.nullable(),
  missingYears: z.array(z.number().int()),
  note: z.string().nullable(),
});
export type EvaluationDto = z.infer<typeof evaluationDtoSchema>;

export const trendDtoSchema = z.object({
  fromYear: z.number().int(),
  toYear: z.number().int(),
  from: z.number(),
  to: z.number(),
  change: z.number(),
  /** Relative change in % (null when the first value is 0). */
  changePercent: num,
  assessment: assessmentSchema.nullable(),
});
export type TrendDto = z.infer<typeof trendDtoSchema>;

export const areaVersusSchema = z.object({
  period: z.string(),
  label: z.string(),
  primaryValue: z.number(),
  others: z.array(z.object({ area: z.string(), areaName: z.string(), value: z.number(), difference: z.number(), assessment: assessmentSchema.nullable() })),
});
export type AreaVersusDto = z.infer<typeof areaVersusSchema>;

export const agencyNameSchema = z.object({ id: uuidSchema, name: z.string() });

export const indicatorAnalysisSchema = z.object({
  key: z.string().describe("indicator:<row id>"),
  kind: z.enum(["indicator", "composite"]),
  rowId: uuidSchema,
  appendixId: uuidSchema,
  appendixCode: z.string(),
  tt: z.string().nullable(),
  name: z.string(),
  /** Names of the ancestor rows, outermost first. */
  path: z.array(z.string()),
  unit: z.string(),
  indicatorCode: z.string().nullable(),
  decimals: z.number().int(),
  aggregation: z.string(),
  aggregationLabel: z.string(),
  direction: directionSchema,
  groupId: z.string().nullable(),
  groupName: z.string(),
  leadAgencies: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Agencies reporting the row (groups expanded as of the reference date, rows added by an agency). */
  agencyIds: z.array(uuidSchema),
  years: z.array(z.number().int()),
  series: z.array(areaSeriesSchema),
  periods: z.array(periodValueSchema),
  target: targetDtoSchema.nullable(),
  evaluation: evaluationDtoSchema.nullable(),
  verdict: verdictSchema.nullable(),
  /** Weakest status of the figures used (evaluated figures, else every figure shown). */
  status: valueStatusSchema.nullable(),
  trend: trendDtoSchema.nullable(),
  versus: areaVersusSchema.nullable(),
  /** For kind composite: the structure drawn instead of a series. */
  structureKey: z.string().nullable(),
  hasData: z.boolean(),
});
export type IndicatorAnalysisDto = z.infer<typeof indicatorAnalysisSchema>;

export const verdictCountsSchema = z.object({
  vuot: z.number().int(),
  dat: z.number().int(),
  "khong-dat": z.number().int(),
  "thieu-so-lieu": z.number().int(),
  /** Indicators without a target to judge against. */
  none: z.number().int(),
});
export type VerdictCountsDto = z.infer<typeof verdictCountsSchema>;

export const assessmentCountsSchema = z.object({ better: z.number().int(), same: z.number().int(), worse: z.number().int(), na: z.number().int() });
export type AssessmentCountsDto = z.infer<typeof assessmentCountsSchema>;

export const groupOverviewSchema = z.object({
  groupId: z.string().nullable(),
  groupName: z.string(),
  indicators: z.number().int(),
  verdicts: verdictCountsSchema,
  trend: assessmentCountsSchema,
  versus: assessmentCountsSchema,
});
export type GroupOverviewDto = z.infer<typeof groupOverviewSchema>;

export const structureSchema = z.object({
  key: z.string(),
  rowId: uuidSchema,
  name: z.string(),
  groupId: z.string().nullable(),
  groupName: z.string(),
  area: z.string(),
  /** sum: a validation says the parts total 100; composite: the row's target lists the parts. */
  source: z.enum(["sum", "composite"]),
  components: z.array(
    z.object({ rowId: uuidSchema, name: z.string(), indicatorCode: z.string().nullable(), target: num, values: z.array(z.object({ category: z.string(), value: num })) }),
  ),
  /** Categories along the axis: years, then periods, then "Mục tiêu" when targets are given. */
  categories: z.array(z.string()),
  verdict: verdictSchema.nullable(),
  leadAgencyIds: z.array(uuidSchema),
});
export type StructureDto = z.infer<typeof structureSchema>;

export const indicatorDashboardSchema = z.object({
  campaign: z.object({ id: uuidSchema, code: z.string(), name: z.string(), status: z.string(), referenceDate: plainDateSchema }),
  areas: z.array(z.object({ code: z.string(), name: z.string(), primary: z.boolean() })),
  periods: z.array(z.object({ key: z.string(), label: z.string() })),
  groups: z.array(z.object({ id: z.string().nullable(), name: z.string() })),
  agencies: z.array(agencyNameSchema),
  /** The campaign has at least one target to judge against (otherwise the overview compares years and areas). */
  hasTargets: z.boolean(),
  /** First and last year of the year columns (the base year the trend compares with). */
  baseYear: z.number().int().nullable(),
  lastYear: z.number().int().nullable(),
  indicators: z.array(indicatorAnalysisSchema),
  overview: z.array(groupOverviewSchema),
  totals: groupOverviewSchema,
  structures: z.array(structureSchema),
  computedAt: z.string(),
});
export type IndicatorDashboardDto = z.infer<typeof indicatorDashboardSchema>;

export const dashboardQuerySchema = z.strictObject({
  group: z.string().max(100).optional().describe("Mã dòng nhóm (cấp cao nhất) hoặc 'none'"),
  agency: uuidSchema.optional().describe("Cơ quan chủ trì"),
  verdict: z.enum([...VERDICT_KEYS, "none"]).optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

// ---------------------------------------------------------------------------------------------------
// Operations

export const operationsDaySchema = z.object({
  date: plainDateSchema,
  /** Share (0…1) of assignments whose state at the end of the day was Đã gửi or Đã tiếp nhận. */
  sent: z.number(),
  accepted: z.number(),
  /** Share of assignments already due on that day. */
  due: z.number(),
  /** Among the assignments due by that day: share that were sent by their due date. */
  onTime: num,
});
export type OperationsDayDto = z.infer<typeof operationsDaySchema>;

export const agencyRankSchema = z.object({
  agencyId: uuidSchema,
  agencyName: z.string(),
  total: z.number().int(),
  sent: z.number().int(),
  accepted: z.number().int(),
  returned: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  overdue: z.number().int(),
  /** Share (0…1) of the agency's assignments sent or accepted. */
  completion: z.number(),
  /** Among the agency's assignments already due: share sent by the due date; null when none is due. */
  timeliness: num,
  /** Mean working days late over its late or overdue assignments (0 when none). */
  meanDaysLate: z.number(),
});
export type AgencyRankDto = z.infer<typeof agencyRankSchema>;

export const slowItemSchema = z.object({
  assignmentId: uuidSchema,
  agencyId: uuidSchema,
  agencyName: z.string(),
  kind: z.enum(["outline", "indicators", "records"]),
  title: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  dueDate: plainDateSchema.nullable(),
  sentAt: z.string().nullable(),
  /** Working days after the due date (until sent, or until today when not sent). */
  daysLate: z.number().int(),
  returns: z.number().int(),
});
export type SlowItemDto = z.infer<typeof slowItemSchema>;

export const operationsSchema = z.object({
  campaign: z.object({ id: uuidSchema, name: z.string(), status: z.string() }),
  today: plainDateSchema,
  totals: z.object({
    assignments: z.number().int(),
    sent: z.number().int(),
    accepted: z.number().int(),
    returned: z.number().int(),
    due: z.number().int(),
    onTime: z.number().int(),
    overdue: z.number().int(),
  }),
  days: z.array(operationsDaySchema),
  milestones: z.array(z.object({ code: z.string(), due: plainDateSchema, deliverable: z.string(), wording: z.string() })),
  agencies: z.array(agencyRankSchema),
  slowest: z.array(slowItemSchema),
});
export type OperationsDto = z.infer<typeof operationsSchema>;

// ---------------------------------------------------------------------------------------------------
// Campaign list (landing page of the leadership view)

export const analyticsCampaignSchema = z.object({
  id: uuidSchema,
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  status: z.string(),
  coordinatorName: z.string(),
  referenceDate: plainDateSchema,
  publishedAt: z.string().nullable(),
  assignments: z.number().int(),
  sent: z.number().int(),
  accepted: z.number().int(),
  overdue: z.number().int(),
  nextDue: plainDateSchema.nullable(),
});
export type AnalyticsCampaignDto = z.infer<typeof analyticsCampaignSchema>;

// ---------------------------------------------------------------------------------------------------
// Data export (XLSX of a chart's data)

export const MAX_EXPORT_ROWS = 5000;
const cellSchema = z.union([z.string().max(2000), z.number(), z.null()]);
export const chartDataExportRequestSchema = z.strictObject({
  title: lineText("Tiêu đề", 500),
  columns: z.array(lineText("Tên cột", 300)).min(1, { error: "Cần ít nhất một cột" }).max(100, { error: "Tối đa 100 cột" }),
  rows: z.array(z.array(cellSchema)).max(MAX_EXPORT_ROWS, { error: `Tối đa ${MAX_EXPORT_ROWS} dòng` }),
  /** Decimal places per numeric column (null: as is). */
  decimals: z.array(z.number().int().min(0).max(10).nullable()).optional(),
  note: z.string().max(2000).optional(),
});
export type ChartDataExportRequest = z.infer<typeof chartDataExportRequestSchema>;

// ---------------------------------------------------------------------------------------------------
// Report figures

/** Largest PNG accepted as a figure (bytes, after base64 decoding). */
export const MAX_FIGURE_BYTES = 2 * 1024 * 1024;

export const reportFigureSchema = z.object({
  id: uuidSchema,
  campaignId: uuidSchema,
  outlineItemId: uuidSchema.nullable(),
  /** "Phần I › 2 › 2.1 Tên mục" for display; null when the figure goes after the body. */
  anchorLabel: z.string().nullable(),
  caption: z.string(),
  widthPx: z.number().int(),
  heightPx: z.number().int(),
  bytes: z.number().int(),
  sortOrder: z.number().int(),
  chartKey: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type ReportFigureDto = z.infer<typeof reportFigureSchema>;

export const figureOutlineItemSchema = z.object({ id: uuidSchema, label: z.string(), title: z.string(), depth: z.number().int(), path: z.string() });
export type FigureOutlineItemDto = z.infer<typeof figureOutlineItemSchema>;

export const reportFiguresSchema = z.object({ figures: z.array(reportFigureSchema), outline: z.array(figureOutlineItemSchema) });
export type ReportFiguresDto = z.infer<typeof reportFiguresSchema>;

const captionSchema = lineText("Chú thích biểu đồ", 300);

export const createFigureRequestSchema = z.strictObject({
  caption: captionSchema,
  outlineItemId: uuidSchema.nullable(),
  /** The route's body limit bounds it; the service refuses more than MAX_FIGURE_BYTES of PNG with 413. */
  imageDataUrl: z.string().min(1, { error: "Thiếu ảnh biểu đồ" }).describe("data:image/png;base64,…"),
  chartKey: z.string().max(200).optional(),
});
export type CreateFigureRequest = z.infer<typeof createFigureRequestSchema>;

export const updateFigureRequestSchema = z
  .strictObject({ caption: captionSchema.optional(), outlineItemId: uuidSchema.nullable().optional() })
  .refine((b) => b.caption !== undefined || b.outlineItemId !== undefined, { error: "Cần sửa chú thích hoặc vị trí chèn" });
export type UpdateFigureRequest = z.infer<typeof updateFigureRequestSchema>;

export const reorderFiguresRequestSchema = z.strictObject({
  ids: z.array(uuidSchema).max(1000),
});
export type ReorderFiguresRequest = z.infer<typeof reorderFiguresRequestSchema>;

// ---------------------------------------------------------------------------------------------------
// Demonstration data (admin)

export const demoCampaignRequestSchema = z.strictObject({
  template: z.enum(["cv2830-2024-so-ket-nq45", "ct15-2020-ke-hoach-5-nam"]),
  seed: z.union([z.number().int(), z.string().max(100)]).optional(),
  fraction: z.number().min(0).max(1).optional(),
  accept: z.boolean().optional(),
});
export type DemoCampaignRequest = z.infer<typeof demoCampaignRequestSchema>;
export const demoCampaignResultSchema = z.object({ campaignId: uuidSchema, code: z.string(), created: z.boolean(), values: z.number().int(), filled: z.number().int() });
export type DemoCampaignResultDto = z.infer<typeof demoCampaignResultSchema>;
