import { z } from "zod";
import { plainDateSchema, uuidSchema } from "./common.js";
import { ASSIGNMENT_STATES } from "./campaigns.contract.js";
import { TEMPLATE_INDICATOR_AGGREGATIONS, TEMPLATE_INDICATOR_DIRECTIONS, templatePeriodYears } from "./template/index.js";

// ---------------------------------------------------------------------------------------------------
// Figures: the agency's indicator workspace (grid, batch save, history, agency rows, Excel round-trip)

export const FIGURE_STATUSES = ["uoc", "so-bo", "chinh-thuc"] as const;
export type FigureStatus = (typeof FIGURE_STATUSES)[number];
export const figureStatusSchema = z.enum(FIGURE_STATUSES, { error: "Trạng thái số liệu phải là uoc, so-bo hoặc chinh-thuc" });

/** Short labels used in cells, drop-downs and the Excel status lists. */
export const FIGURE_STATUS_LABELS: Record<FigureStatus, string> = { uoc: "Ước", "so-bo": "Sơ bộ", "chinh-thuc": "Chính thức" };

/**
 * The status proposed for a newly entered figure of `period` in a campaign whose reference date is `referenceDate`
 * (the agency may change it): years before last year are official, last year is preliminary, the current year and
 * later are estimates. A range period takes the status of its last year.
 */
export function defaultValueStatus(period: string, referenceDate: string): FigureStatus {
  const years = templatePeriodYears(period);
  const last = years[years.length - 1];
  const refYear = Number(referenceDate.slice(0, 4));
  if (last === undefined || !Number.isFinite(refYear)) return "uoc";
  if (last < refYear - 1) return "chinh-thuc";
  if (last === refYear - 1) return "so-bo";
  return "uoc";
}

const columnKeySchema = z.string().min(1).max(120);
const versionSchema = z.number({ error: "baseVersion phải là số" }).int().min(0);
const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label} dài quá ${max} ký tự` })
    .refine((s) => !/(?![\t\n\r])\p{Cc}/u.test(s), { error: `${label} chứa ký tự điều khiển không hợp lệ` })
    .nullable()
    .optional();

/** One figure cell of a batch: the value of the row's indicator for the column's period and area. */
export const saveCellSchema = z.strictObject({
  rowId: uuidSchema,
  columnKey: columnKeySchema,
  /** null clears the figure (recorded as a new vintage; history stays). */
  value: z.number({ error: "Giá trị phải là số" }).finite().nullable(),
  status: figureStatusSchema,
  note: optionalText("Ghi chú", 2000),
  source: optionalText("Nguồn số liệu", 500),
  /** The version the user edited (0 when the cell had no figure). */
  baseVersion: versionSchema,
});
export type SaveCellRequest = z.infer<typeof saveCellSchema>;

/** One text cell (proposal target text or note) of a batch. */
export const saveTextCellSchema = z.strictObject({
  rowId: uuidSchema,
  columnKey: columnKeySchema,
  text: z.string().max(2000, { error: "Nội dung ô dài quá 2.000 ký tự" }),
  baseVersion: versionSchema,
});
export type SaveTextCellRequest = z.infer<typeof saveTextCellSchema>;

export const saveFiguresRequestSchema = z.strictObject({
  cells: z.array(saveCellSchema).max(2000, { error: "Mỗi lần lưu tối đa 2.000 ô" }).default([]),
  texts: z.array(saveTextCellSchema).max(2000, { error: "Mỗi lần lưu tối đa 2.000 ô" }).default([]),
  /** Explicit confirmation to enter an estimate or preliminary figure over an official one. */
  confirmOverOfficial: z.boolean().optional(),
});
export type SaveFiguresRequest = z.input<typeof saveFiguresRequestSchema>;

export const figureVintageSchema = z.object({
  value: z.number().nullable(),
  status: figureStatusSchema,
  note: z.string().nullable(),
  source: z.string().nullable(),
  version: z.number().int(),
  enteredByName: z.string().nullable(),
  enteredAt: z.string(),
  sourceAgencyName: z.string().nullable(),
  campaignName: z.string().nullable(),
});
export type FigureVintageDto = z.infer<typeof figureVintageSchema>;

export const savedCellSchema = figureVintageSchema.extend({ rowId: uuidSchema, columnKey: z.string() });
export const savedTextSchema = z.object({ rowId: uuidSchema, columnKey: z.string(), text: z.string(), version: z.number().int() });

export const saveFiguresResultSchema = z.object({
  cells: z.array(savedCellSchema),
  texts: z.array(savedTextSchema),
  /** Cells sent with exactly the stored content: nothing to write. */
  unchanged: z.number().int(),
});
export type SaveFiguresResultDto = z.infer<typeof saveFiguresResultSchema>;

/** details of a 409 VERSION_CONFLICT: per conflicting cell, the user's version and the stored one. */
export const figureConflictSchema = z.object({
  rowId: uuidSchema,
  columnKey: z.string(),
  rowName: z.string(),
  columnTitle: z.string(),
  kind: z.enum(["value", "text"]),
  yours: z.object({
    value: z.number().nullable().optional(),
    status: figureStatusSchema.optional(),
    note: z.string().nullable().optional(),
    source: z.string().nullable().optional(),
    text: z.string().optional(),
    baseVersion: z.number().int(),
  }),
  theirs: z.object({
    value: z.number().nullable().optional(),
    status: figureStatusSchema.optional(),
    note: z.string().nullable().optional(),
    source: z.string().nullable().optional(),
    text: z.string().optional(),
    version: z.number().int(),
    byName: z.string().nullable(),
    at: z.string().nullable(),
  }),
});
export type FigureConflictDto = z.infer<typeof figureConflictSchema>;

export const figureHistoryQuerySchema = z.strictObject({ rowId: uuidSchema, columnKey: columnKeySchema });
export const figureHistorySchema = z.object({
  rowName: z.string(),
  columnTitle: z.string(),
  indicatorCode: z.string(),
  period: z.string(),
  area: z.string(),
  vintages: z.array(figureVintageSchema.extend({ current: z.boolean() })),
});
export type FigureHistoryDto = z.infer<typeof figureHistorySchema>;

// --- grid

export const gridHeaderCellSchema = z.object({
  title: z.string(),
  col: z.number().int(),
  colSpan: z.number().int(),
  rowSpan: z.number().int(),
  key: z.string().optional(),
});

export const gridColumnSchema = z.object({
  key: z.string(),
  kind: z.enum(["tt", "name", "unit", "agency", "value", "target", "evaluation", "proposal", "note"]),
  title: z.string(),
  period: z.string().nullable(),
  area: z.string().nullable(),
  /** input | computed for value columns; text for proposal/note; readonly otherwise. */
  mode: z.enum(["input", "computed", "text", "readonly"]),
  /** Column number as printed ("1", "2", …) when the appendix numbers its columns. */
  number: z.string().nullable(),
  /** Status proposed for a new figure in this column. */
  defaultStatus: figureStatusSchema.nullable(),
});
export type GridColumnDto = z.infer<typeof gridColumnSchema>;

export const gridCellSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("value"),
    value: z.number().nullable(),
    status: figureStatusSchema.nullable(),
    note: z.string().nullable(),
    source: z.string().nullable(),
    version: z.number().int(),
    enteredByName: z.string().nullable(),
    enteredAt: z.string().nullable(),
    sourceAgencyName: z.string().nullable(),
    /** Entered in another campaign (the figure is shared). */
    campaignName: z.string().nullable(),
    editable: z.boolean(),
  }),
  z.object({
    kind: z.literal("computed"),
    value: z.number().nullable(),
    status: figureStatusSchema.nullable(),
    /** Why there is no value ("Thiếu số liệu năm 2021"), or how it was computed. */
    reason: z.string().nullable(),
    formula: z.string().nullable(),
  }),
  z.object({ kind: z.literal("target"), text: z.string().nullable(), error: z.string().nullable() }),
  z.object({
    kind: z.literal("evaluation"),
    verdict: z.enum(["vuot", "dat", "khong-dat", "thieu-so-lieu"]).nullable(),
    label: z.string().nullable(),
    value: z.number().nullable(),
    gap: z.number().nullable(),
    reason: z.string().nullable(),
  }),
  z.object({
    kind: z.literal("text"),
    text: z.string(),
    version: z.number().int(),
    editable: z.boolean(),
    /** Proposal columns: the text must read as a target (parseTarget). */
    error: z.string().nullable(),
    byName: z.string().nullable(),
    at: z.string().nullable(),
  }),
]);
export type GridCellDto = z.infer<typeof gridCellSchema>;

export const gridIssueSchema = z.object({
  severity: z.enum(["error", "warning"]),
  year: z.number().int().nullable(),
  message: z.string(),
  /** Column keys the issue points at (the row's cells of that year). */
  columnKeys: z.array(z.string()),
});
export type GridIssueDto = z.infer<typeof gridIssueSchema>;

export const gridRowSchema = z.object({
  id: uuidSchema,
  parentId: uuidSchema.nullable(),
  depth: z.number().int(),
  tt: z.string().nullable(),
  name: z.string(),
  unit: z.string().nullable(),
  target: z.string().nullable(),
  indicatorId: uuidSchema.nullable(),
  indicatorCode: z.string().nullable(),
  aggregation: z.string().nullable(),
  direction: z.string().nullable(),
  decimals: z.number().int(),
  emphasis: z.string().nullable(),
  /** Lead agencies as displayed in the agency column. */
  leadNames: z.string(),
  /** The row belongs to the agency being shown (a heading shown only for context is false). */
  own: z.boolean(),
  /** Computed indicator (expression): every value cell is read-only. */
  computed: z.boolean(),
  openForAgencies: z.boolean(),
  /** The agency may add its own rows under this row now. */
  canAddChild: z.boolean(),
  /** Row added by an agency under an open group. */
  addedByAgency: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  /** The signed-in agency may rename or delete this row now (its own added row, assignment editable). */
  canEditRow: z.boolean(),
  /** Version of the row's own indicator (agency rows), for edits. */
  rowVersion: z.number().int().nullable(),
  cells: z.record(z.string(), gridCellSchema),
  issues: z.array(gridIssueSchema),
});
export type GridRowDto = z.infer<typeof gridRowSchema>;

export const gridAssignmentSchema = z.object({
  id: uuidSchema,
  state: z.enum(ASSIGNMENT_STATES),
  stateLabel: z.string(),
  stateReason: z.string().nullable(),
  dueDate: plainDateSchema.nullable(),
  editable: z.boolean(),
  /** Why the signed-in user may not edit (shown above the grid), null when editable. */
  readOnlyReason: z.string().nullable(),
});

export const indicatorGridSchema = z.object({
  campaign: z.object({ id: uuidSchema, code: z.string(), name: z.string(), status: z.string(), referenceDate: plainDateSchema }),
  appendix: z.object({ id: uuidSchema, code: z.string(), title: z.string(), subtitle: z.string().nullable(), note: z.string().nullable() }),
  /** The agency whose rows are shown; null = the whole appendix. */
  agency: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  assignment: gridAssignmentSchema.nullable(),
  /** Agencies with an indicators assignment in this appendix (the coordinator's picker). */
  agencies: z.array(z.object({ id: uuidSchema, name: z.string(), assignmentId: uuidSchema, state: z.enum(ASSIGNMENT_STATES) })),
  header: z.array(z.array(gridHeaderCellSchema)),
  numbers: z.array(z.string()).nullable(),
  columns: z.array(gridColumnSchema),
  rows: z.array(gridRowSchema),
  summary: z.object({
    inputCells: z.number().int(),
    filledCells: z.number().int(),
    errors: z.number().int(),
    warnings: z.number().int(),
  }),
});
export type IndicatorGridDto = z.infer<typeof indicatorGridSchema>;

export const gridQuerySchema = z.strictObject({ agencyId: uuidSchema.optional() });

// --- agency rows under open groups

const rowNameSchema = z
  .string()
  .trim()
  .min(1, { error: "Tên chỉ tiêu không được để trống" })
  .max(500, { error: "Tên chỉ tiêu dài quá 500 ký tự" })
  .refine((s) => !/\p{Cc}/u.test(s), { error: "Tên chỉ tiêu chứa ký tự điều khiển không hợp lệ" });
const rowUnitSchema = z
  .string()
  .trim()
  .min(1, { error: "Đơn vị tính không được để trống" })
  .max(50, { error: "Đơn vị tính dài quá 50 ký tự" })
  .refine((s) => !/\p{Cc}/u.test(s), { error: "Đơn vị tính chứa ký tự điều khiển không hợp lệ" });

export const agencyRowFields = {
  name: rowNameSchema,
  unit: rowUnitSchema,
  aggregation: z.enum(TEMPLATE_INDICATOR_AGGREGATIONS, { error: `Cách tính cả kỳ phải là một trong: ${TEMPLATE_INDICATOR_AGGREGATIONS.join(", ")}` }),
  direction: z.enum(TEMPLATE_INDICATOR_DIRECTIONS, { error: "Chiều đánh giá phải là higher hoặc lower" }),
  decimals: z.number({ error: "Số chữ số thập phân phải là số" }).int().min(0).max(6, { error: "Số chữ số thập phân tối đa là 6" }),
  target: z
    .string()
    .trim()
    .max(200, { error: "Mục tiêu dài quá 200 ký tự" })
    .nullable()
    .optional(),
};

export const addAgencyRowRequestSchema = z.strictObject({ parentRowId: uuidSchema, ...agencyRowFields });
export type AddAgencyRowRequest = z.infer<typeof addAgencyRowRequestSchema>;
export const updateAgencyRowRequestSchema = z.strictObject({ version: z.number().int().min(1), ...agencyRowFields });
export type UpdateAgencyRowRequest = z.infer<typeof updateAgencyRowRequestSchema>;
export const agencyRowResultSchema = z.object({ rowId: uuidSchema, indicatorCode: z.string(), version: z.number().int() });

export const rowVersionQuerySchema = z.strictObject({ version: z.coerce.number().int().min(1) });
export const assignmentParamsSchema = z.strictObject({ assignmentId: uuidSchema });
export const assignmentRowParamsSchema = z.strictObject({ assignmentId: uuidSchema, rowId: uuidSchema });
export const appendixParamsSchema = z.strictObject({ appendixId: uuidSchema });

// --- Excel round-trip

export const excelCellChangeSchema = z.object({
  sheet: z.string(),
  cell: z.string(),
  rowId: uuidSchema,
  columnKey: z.string(),
  rowName: z.string(),
  columnTitle: z.string(),
  kind: z.enum(["value", "text"]),
  old: z.object({ value: z.number().nullable().optional(), status: figureStatusSchema.nullable().optional(), text: z.string().optional(), version: z.number().int() }),
  new: z.object({ value: z.number().nullable().optional(), status: figureStatusSchema.optional(), text: z.string().optional() }),
  /** Entering an estimate over an official figure (needs confirmation at apply). */
  overOfficial: z.boolean(),
});
export type ExcelCellChangeDto = z.infer<typeof excelCellChangeSchema>;

export const excelIssueSchema = z.object({ sheet: z.string().nullable(), cell: z.string().nullable(), message: z.string() });
export type ExcelIssueDto = z.infer<typeof excelIssueSchema>;

export const excelPreviewSchema = z.object({
  /** Present when the workbook has no errors: the id to apply this preview. */
  previewId: z.string().nullable(),
  fileName: z.string(),
  expiresAt: z.string().nullable(),
  changes: z.array(excelCellChangeSchema),
  errors: z.array(excelIssueSchema),
  /** Rows of the workbook whose keys were matched (reordered rows included). */
  matchedRows: z.number().int(),
  unchangedCells: z.number().int(),
});
export type ExcelPreviewDto = z.infer<typeof excelPreviewSchema>;

export const excelApplyRequestSchema = z.strictObject({ previewId: z.string().min(8).max(100), confirmOverOfficial: z.boolean().optional() });
export const excelApplyResultSchema = z.object({ cells: z.number().int(), texts: z.number().int() });

// ---------------------------------------------------------------------------------------------------
// Record lists (documents, projects)

export const recordValueSchema = z.union([z.string().max(20_000, { error: "Nội dung ô dài quá 20.000 ký tự" }), z.number().finite(), z.null()]);

export const recordColumnSchema = z.object({
  key: z.string(),
  title: z.string(),
  type: z.enum(["text", "long-text", "so-hieu", "date", "choice", "number"]),
  options: z.array(z.string()).nullable(),
  required: z.boolean(),
  prefilled: z.boolean(),
  examples: z.array(z.string()).nullable(),
});
export type RecordColumnDto = z.infer<typeof recordColumnSchema>;

export const recordListRowSchema = z.object({
  id: uuidSchema,
  sortOrder: z.number().int(),
  agencyId: uuidSchema,
  agencyName: z.string(),
  /** Values as stored: dates ISO yyyy-mm-dd, numbers as numbers. */
  values: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  prefilled: z.boolean(),
  version: z.number().int(),
  updatedByName: z.string().nullable(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
  canDelete: z.boolean(),
  /** Required columns still empty. */
  missing: z.array(z.string()),
});
export type RecordListRowDto = z.infer<typeof recordListRowSchema>;

export const recordListSchema = z.object({
  campaign: z.object({ id: uuidSchema, code: z.string(), name: z.string(), status: z.string() }),
  appendix: z.object({ id: uuidSchema, code: z.string(), title: z.string(), subtitle: z.string().nullable(), rowNumberTitle: z.string().nullable(), agencyTitle: z.string().nullable() }),
  agency: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  assignment: gridAssignmentSchema.nullable(),
  agencies: z.array(z.object({ id: uuidSchema, name: z.string(), assignmentId: uuidSchema, state: z.enum(ASSIGNMENT_STATES) })),
  columns: z.array(recordColumnSchema),
  rows: z.array(recordListRowSchema),
  canAdd: z.boolean(),
});
export type RecordListDto = z.infer<typeof recordListSchema>;

/** Values typed by the user: strings as typed (dates dd/mm/yyyy, numbers 1.234,5), or numbers. */
export const recordValuesSchema = z.record(z.string().max(40), recordValueSchema);
export const addRecordRequestSchema = z.strictObject({ values: recordValuesSchema });
export const updateRecordRequestSchema = z.strictObject({ values: recordValuesSchema, version: z.number().int().min(1) });
export const moveRecordRequestSchema = z.strictObject({ direction: z.enum(["up", "down"], { error: "direction phải là up hoặc down" }), version: z.number().int().min(1) });
export const recordRowResultSchema = z.object({ id: uuidSchema, version: z.number().int() });
