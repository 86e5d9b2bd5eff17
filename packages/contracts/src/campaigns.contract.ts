import { z } from "zod";
import { lineText, plainDateSchema, uuidSchema } from "./common.js";
import {
  templateColumnSchema,
  templateMilestoneScopeSchema,
  templateRecordColumnSchema,
  templateSlugSchema,
  type TEMPLATE_CAMPAIGN_KINDS,
} from "./template/campaign-template.schema.js";

// ---------------------------------------------------------------------------------------------------
// Labels

export const CAMPAIGN_KIND_LABELS: Record<(typeof TEMPLATE_CAMPAIGN_KINDS)[number], string> = {
  "ke-hoach-5-nam": "Kế hoạch 5 năm",
  "ke-hoach-nam": "Kế hoạch năm",
  "so-ket": "Sơ kết",
  "tong-ket": "Tổng kết",
  "bao-cao-nam": "Báo cáo năm",
  "bao-cao-chuyen-de": "Báo cáo chuyên đề",
  khac: "Khác",
};

export const CAMPAIGN_STATUSES = ["draft", "published", "closed"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: "Đang thiết lập",
  published: "Đã ban hành",
  closed: "Đã kết thúc",
};

export const ASSIGNMENT_STATES = ["draft", "submitted", "sent", "returned", "accepted"] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];
export const ASSIGNMENT_STATE_LABELS: Record<AssignmentState, string> = {
  draft: "Đang soạn",
  submitted: "Trình lãnh đạo",
  sent: "Đã gửi",
  returned: "Bị trả lại",
  accepted: "Đã tiếp nhận",
};
export const ASSIGNMENT_KINDS = ["outline", "indicators", "records"] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];
export const ASSIGNMENT_ROLE_LABELS = { lead: "Chủ trì", cooperate: "Phối hợp" } as const;

// ---------------------------------------------------------------------------------------------------
// Import

export const templateProblemSchema = z
  .object({
    path: z.string().describe("Đường dẫn YAML, ví dụ outline[3].children[0].label"),
    line: z.number().int().nullable(),
    column: z.number().int().nullable(),
    message: z.string(),
  })
  .describe("Một lỗi hoặc cảnh báo của mẫu, có vị trí");
export type TemplateProblemDto = z.infer<typeof templateProblemSchema>;

/** 5 MB of YAML text. */
export const MAX_TEMPLATE_TEXT = 5 * 1024 * 1024;

export const importTemplateRequestSchema = z.strictObject({
  text: z.string().min(1, { error: "Nội dung mẫu không được để trống" }).max(MAX_TEMPLATE_TEXT, { error: "Tệp mẫu vượt giới hạn 5 MB" }),
  dryRun: z.boolean().optional(),
  code: templateSlugSchema.optional().describe("Mã đợt mới (khi mã trong mẫu đã được dùng)"),
  name: lineText("Tên đợt", 500).optional(),
});
export type ImportTemplateRequest = z.infer<typeof importTemplateRequestSchema>;

export const catalogueDifferenceSchema = z.object({
  id: uuidSchema.optional(),
  indicatorId: uuidSchema,
  code: z.string(),
  field: z.string(),
  fieldLabel: z.string(),
  currentText: z.string(),
  proposedText: z.string(),
  status: z.enum(["pending", "accepted", "rejected"]).optional(),
});
export type CatalogueDifferenceDto = z.infer<typeof catalogueDifferenceSchema>;

export const importPreviewSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  referenceDate: plainDateSchema,
  coordinator: z.string(),
  codeTaken: z.boolean().describe("Mã đợt đã được dùng: phải nhập mã mới"),
  suggestedCode: z.string(),
  counts: z.object({
    outlineItems: z.number().int(),
    assignedItems: z.number().int(),
    milestones: z.number().int(),
    appendices: z.number().int(),
    indicatorRows: z.number().int(),
    recordRows: z.number().int(),
    agencies: z.number().int(),
    newIndicators: z.number().int(),
    existingIndicators: z.number().int(),
  }),
  outline: z.array(
    z.object({
      depth: z.number().int(),
      label: z.string(),
      title: z.string(),
      lead: z.array(z.string()),
      cooperate: z.array(z.string()),
      /** Lead agencies inherited from the nearest assigned ancestor (not the item's own). */
      inheritedLead: z.array(z.string()),
    }),
  ),
  appendices: z.array(z.object({ code: z.string(), title: z.string(), kind: z.enum(["indicators", "records"]), rows: z.number().int() })),
  milestones: z.array(z.object({ code: z.string(), due: plainDateSchema, wording: z.string(), deliverable: z.string(), from: z.array(z.string()) })),
  newIndicators: z.array(z.object({ code: z.string(), name: z.string(), unit: z.string() })),
  differences: z.array(catalogueDifferenceSchema),
  warnings: z.array(templateProblemSchema),
});
export type ImportPreviewDto = z.infer<typeof importPreviewSchema>;

export const importTemplateResultSchema = z.object({
  dryRun: z.boolean(),
  campaignId: uuidSchema.nullable(),
  preview: importPreviewSchema,
});
export type ImportTemplateResultDto = z.infer<typeof importTemplateResultSchema>;

// ---------------------------------------------------------------------------------------------------
// Read models

export const agencyRefSchema = z
  .object({
    kind: z.enum(["agency", "group"]),
    id: uuidSchema,
    /** As written in the directive / template. */
    name: z.string(),
    /** The agency's name as of the campaign's reference date (or the group's name). */
    displayName: z.string(),
  })
  .describe("Cơ quan hoặc nhóm cơ quan đã đối chiếu danh bạ");
export type AgencyRefDto = z.infer<typeof agencyRefSchema>;

/** An agency or group chosen in the editor (the server names it as of the campaign's date). */
export const agencyRefInputSchema = z.strictObject({ kind: z.enum(["agency", "group"]), id: uuidSchema });
export type AgencyRefInput = z.infer<typeof agencyRefInputSchema>;

export const campaignSummarySchema = z.object({
  id: uuidSchema,
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  referenceDate: plainDateSchema,
  coordinatorAgencyId: uuidSchema,
  coordinatorName: z.string(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  outlineItemCount: z.number().int(),
  appendixCount: z.number().int(),
  agencyCount: z.number().int().describe("Số cơ quan có phần việc (sau khi ban hành)"),
  assignmentCount: z.number().int(),
  nextMilestone: z.object({ code: z.string(), due: plainDateSchema, wording: z.string() }).nullable(),
  copiedFromId: uuidSchema.nullable(),
});
export type CampaignSummaryDto = z.infer<typeof campaignSummarySchema>;

export const milestoneSchema = z.object({
  id: uuidSchema,
  code: z.string(),
  sortOrder: z.number().int(),
  from: z.array(agencyRefSchema),
  to: z.string(),
  deliverable: z.string(),
  due: plainDateSchema,
  wording: z.string(),
  scope: z.unknown().describe("{ kind: all | outline | appendices(codes) | contributions(codes) | coordinator }"),
  note: z.string().nullable(),
});
export type MilestoneDto = z.infer<typeof milestoneSchema>;

export const outlineNodeSchema = z.object({
  id: uuidSchema,
  parentId: uuidSchema.nullable(),
  sortOrder: z.number().int(),
  depth: z.number().int(),
  label: z.string(),
  /** Labels from the root, e.g. "Phần II.A.I.4.(i)" shown as "Phần II / A / I / 4 / (i)". */
  labelPath: z.array(z.string()),
  title: z.string(),
  guidance: z.string().nullable(),
  pageBudget: z.number().nullable(),
  appendixCodes: z.array(z.string()),
  lead: z.array(agencyRefSchema),
  cooperate: z.array(agencyRefSchema),
  /** Lead of the nearest assigned ancestor when the item has none of its own. */
  inheritedLead: z.array(agencyRefSchema),
});
export type OutlineNodeDto = z.infer<typeof outlineNodeSchema>;

export const appendixRowSchema = z.object({
  id: uuidSchema,
  parentId: uuidSchema.nullable(),
  sortOrder: z.number().int(),
  depth: z.number().int(),
  tt: z.string().nullable(),
  name: z.string(),
  indicatorId: uuidSchema.nullable(),
  indicatorCode: z.string().nullable(),
  unit: z.string().nullable(),
  target: z.string().nullable(),
  aggregation: z.string().nullable(),
  direction: z.string().nullable(),
  decimals: z.number().int().nullable(),
  lead: z.array(agencyRefSchema),
  effectiveLead: z.array(agencyRefSchema),
  openForAgencies: z.boolean(),
  emphasis: z.string().nullable(),
  note: z.string().nullable(),
  addedByAgencyId: uuidSchema.nullable(),
});
export type AppendixRowDto = z.infer<typeof appendixRowSchema>;

export const recordRowSchema = z.object({
  id: uuidSchema,
  sortOrder: z.number().int(),
  agencyId: uuidSchema,
  agencyName: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  prefilled: z.boolean(),
});
export type RecordRowDto = z.infer<typeof recordRowSchema>;

export const headerCellSchema = z.object({
  title: z.string(),
  col: z.number().int(),
  colSpan: z.number().int(),
  rowSpan: z.number().int(),
  key: z.string().optional(),
});

export const appendixSchema = z.object({
  id: uuidSchema,
  code: z.string(),
  sortOrder: z.number().int(),
  kind: z.enum(["indicators", "records"]),
  title: z.string(),
  subtitle: z.string().nullable(),
  /** The template appendix without rows (column tree, stub titles, validations; record columns). */
  config: z.record(z.string(), z.unknown()),
  /** expandColumns(config): leaf columns and the multi-level header. */
  columns: z.object({
    columns: z.array(z.object({ kind: z.string(), key: z.string(), title: z.string() }).loose()),
    header: z.array(z.array(headerCellSchema)),
    numbers: z.array(z.string()).optional(),
  }),
  reporters: z.array(agencyRefSchema),
  rows: z.array(appendixRowSchema),
  records: z.array(recordRowSchema),
});
export type AppendixDto = z.infer<typeof appendixSchema>;

export const campaignDetailSchema = campaignSummarySchema.extend({
  description: z.string().nullable(),
  periods: z.array(z.object({ key: z.string(), label: z.string().optional() })),
  areas: z.array(z.object({ code: z.string(), name: z.string(), primary: z.boolean().optional() })),
  legalBasis: z.array(z.record(z.string(), z.unknown())),
  report: z.record(z.string(), z.unknown()),
  requirements: z.record(z.string(), z.unknown()),
  milestones: z.array(milestoneSchema),
  outline: z.array(outlineNodeSchema).describe("Đề cương theo thứ tự văn bản (tiền thứ tự), có parentId và depth"),
  appendices: z.array(appendixSchema),
  permissions: z.object({ canEdit: z.boolean(), canPublish: z.boolean() }),
});
export type CampaignDetailDto = z.infer<typeof campaignDetailSchema>;

// ---------------------------------------------------------------------------------------------------
// Assignments

export const myAssignmentSchema = z.object({
  id: uuidSchema,
  kind: z.enum(ASSIGNMENT_KINDS),
  role: z.enum(["lead", "cooperate"]),
  state: z.enum(ASSIGNMENT_STATES),
  /** Effective due date (the coordinator's extension if any, else the milestone's). */
  dueDate: plainDateSchema.nullable(),
  dueWording: z.string().nullable(),
  milestoneCode: z.string().nullable(),
  outlineItem: z.object({ id: uuidSchema, label: z.string(), labelPath: z.array(z.string()), title: z.string() }).nullable(),
  appendix: z.object({ id: uuidSchema, code: z.string(), title: z.string(), kind: z.enum(["indicators", "records"]), rows: z.number().int() }).nullable(),
  sortKey: z.number().int(),
});
export type MyAssignmentDto = z.infer<typeof myAssignmentSchema>;

export const myAssignmentGroupSchema = z.object({
  campaign: z.object({ id: uuidSchema, code: z.string(), name: z.string(), status: z.enum(CAMPAIGN_STATUSES), referenceDate: plainDateSchema }),
  agencyId: uuidSchema,
  assignments: z.array(myAssignmentSchema),
});
export type MyAssignmentGroupDto = z.infer<typeof myAssignmentGroupSchema>;

export const assignmentMatrixSchema = z.object({
  campaignId: uuidSchema,
  agencies: z.array(z.object({ id: uuidSchema, name: z.string(), outline: z.number().int(), appendices: z.number().int() })),
  columns: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(["outline", "appendix"]),
      id: uuidSchema,
      label: z.string(),
      labelPath: z.array(z.string()),
      title: z.string(),
      depth: z.number().int(),
    }),
  ),
  cells: z.array(
    z.object({
      agencyId: uuidSchema,
      key: z.string(),
      role: z.enum(["lead", "cooperate"]),
      state: z.enum(ASSIGNMENT_STATES),
      dueDate: plainDateSchema.nullable(),
    }),
  ),
  /** true when computed from the structure (draft: what publishing would create). */
  preview: z.boolean(),
});
export type AssignmentMatrixDto = z.infer<typeof assignmentMatrixSchema>;

// ---------------------------------------------------------------------------------------------------
// Publish, copy

export const publishCampaignRequestSchema = z.strictObject({ version: z.number().int().min(1).optional() });
export const publishCampaignResultSchema = z.object({
  campaignId: uuidSchema,
  version: z.number().int(),
  assignments: z.number().int(),
  agencies: z.number().int(),
});

export const copyCampaignRequestSchema = z.strictObject({
  code: templateSlugSchema,
  name: lineText("Tên đợt", 500),
  referenceDate: plainDateSchema.describe("Ngày tham chiếu của đợt mới (thường là ngày văn bản chỉ đạo)"),
  /** Due dates to set; the others move by as many days as the reference date. */
  milestones: z
    .array(z.strictObject({ code: z.string().min(1).max(32), due: plainDateSchema, wording: lineText("Lời văn về hạn", 500).optional() }))
    .max(200)
    .optional(),
});
export type CopyCampaignRequest = z.infer<typeof copyCampaignRequestSchema>;
export const campaignIdResultSchema = z.object({ campaignId: uuidSchema });

// ---------------------------------------------------------------------------------------------------
// Indicator catalogue

export const catalogueIndicatorSchema = z.object({
  id: uuidSchema,
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.string(),
  aggregation: z.string(),
  decimals: z.number().int(),
  definition: z.string().nullable(),
  sourceAgencyId: uuidSchema.nullable(),
  sourceAgencyName: z.string().nullable(),
  expression: z.string().nullable(),
  ownerAgencyId: uuidSchema.nullable(),
  version: z.number().int(),
  pendingChanges: z.number().int(),
});
export type CatalogueIndicatorDto = z.infer<typeof catalogueIndicatorSchema>;

export const catalogueListQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  pending: z.enum(["true", "false"]).optional(),
});

export const catalogueIndicatorDetailSchema = catalogueIndicatorSchema.extend({
  changes: z.array(
    catalogueDifferenceSchema.extend({
      id: uuidSchema,
      campaignId: uuidSchema.nullable(),
      campaignName: z.string().nullable(),
      createdAt: z.string(),
      decidedAt: z.string().nullable(),
    }),
  ),
  campaigns: z.array(z.object({ id: uuidSchema, code: z.string(), name: z.string() })),
});
export type CatalogueIndicatorDetailDto = z.infer<typeof catalogueIndicatorDetailSchema>;

export const decideChangeRequestSchema = z.strictObject({ decision: z.enum(["accept", "reject"]) });

// ---------------------------------------------------------------------------------------------------
// Setup editor (every edit carries the campaign version it was made on: optimistic concurrency)

const versionField = z.number({ error: "Thiếu phiên bản của đợt (version)" }).int().min(1);
const refList = z.array(agencyRefInputSchema).max(100, { error: "Tối đa 100 cơ quan" });
const optionalText = (label: string, max: number) =>
  z.string().max(max, { error: `${label} dài quá ${max} ký tự` }).nullable().optional();

export const campaignVersionQuerySchema = z.strictObject({ version: z.coerce.number().int().min(1) });

export const updateCampaignRequestSchema = z.strictObject({
  version: versionField,
  name: lineText("Tên đợt", 500).optional(),
  description: optionalText("Mô tả", 5000),
});

export const addOutlineItemRequestSchema = z.strictObject({
  version: versionField,
  parentId: uuidSchema.nullable().describe("Mục cha; null: mục cấp cao nhất"),
  afterId: uuidSchema.nullable().optional().describe("Chèn sau mục anh em này; null: đầu danh sách; bỏ trống: cuối danh sách"),
  label: z.string().trim().max(30).optional().describe("Nhãn; bỏ trống để hệ thống đánh số tiếp theo"),
  title: lineText("Tiêu đề mục", 2000),
  guidance: optionalText("Hướng dẫn", 20000),
  pageBudget: z.number().positive().max(1000).nullable().optional(),
  lead: refList.optional(),
  cooperate: refList.optional(),
});
export type AddOutlineItemRequest = z.infer<typeof addOutlineItemRequestSchema>;

export const updateOutlineItemRequestSchema = z.strictObject({
  version: versionField,
  label: lineText("Nhãn mục", 30).optional(),
  title: lineText("Tiêu đề mục", 2000).optional(),
  guidance: optionalText("Hướng dẫn", 20000),
  pageBudget: z.number().positive({ error: "Số trang dự kiến phải lớn hơn 0" }).max(1000).nullable().optional(),
  lead: refList.optional(),
  cooperate: refList.optional(),
  appendixCodes: z.array(z.string().max(32)).max(20).optional(),
});
export type UpdateOutlineItemRequest = z.infer<typeof updateOutlineItemRequestSchema>;

export const MOVE_ACTIONS = ["up", "down", "indent", "outdent"] as const;
export const moveRequestSchema = z.strictObject({ version: versionField, action: z.enum(MOVE_ACTIONS, { error: "action phải là up, down, indent hoặc outdent" }) });
export type MoveRequest = z.infer<typeof moveRequestSchema>;
export const versionRequestSchema = z.strictObject({ version: versionField });

export const newIndicatorSchema = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, { error: "Mã chỉ tiêu: chữ hoa không dấu, chữ số, gạch dưới (ví dụ GRDP_TANG_TRUONG)" }).max(64),
  name: lineText("Tên chỉ tiêu", 2000),
  unit: lineText("Đơn vị tính", 50),
  direction: z.enum(["higher", "lower"]),
  aggregation: z.enum(["last", "sum", "mean", "growthMean", "cagr", "changePerYear"]),
  decimals: z.number().int().min(0).max(6),
});

const rowFields = {
  tt: optionalText("Số thứ tự", 20),
  name: lineText("Tên dòng", 2000),
  indicatorId: uuidSchema.nullable().optional().describe("Chỉ tiêu có trong danh mục"),
  newIndicator: newIndicatorSchema.optional().describe("Hoặc thêm chỉ tiêu mới vào danh mục"),
  unit: optionalText("Đơn vị tính", 50),
  target: optionalText("Mục tiêu", 100),
  aggregation: z.enum(["last", "sum", "mean", "growthMean", "cagr", "changePerYear"]).nullable().optional(),
  direction: z.enum(["higher", "lower"]).nullable().optional(),
  decimals: z.number().int().min(0).max(6).nullable().optional(),
  lead: refList.optional(),
  openForAgencies: z.boolean().optional(),
  emphasis: z.enum(["bold", "italic"]).nullable().optional(),
  note: optionalText("Ghi chú", 5000),
};
export const addAppendixRowRequestSchema = z.strictObject({
  version: versionField,
  parentId: uuidSchema.nullable(),
  afterId: uuidSchema.nullable().optional(),
  ...rowFields,
});
export type AddAppendixRowRequest = z.infer<typeof addAppendixRowRequestSchema>;
export const updateAppendixRowRequestSchema = z.strictObject({ version: versionField, ...rowFields, name: rowFields.name.optional() });
export type UpdateAppendixRowRequest = z.infer<typeof updateAppendixRowRequestSchema>;

export const updateAppendixRequestSchema = z.strictObject({
  version: versionField,
  title: lineText("Tên phụ lục", 500).optional(),
  subtitle: optionalText("Tiêu đề phụ lục", 2000),
  columns: z.array(templateColumnSchema).min(1).max(200).optional().describe("Cây cột số liệu (phụ lục chỉ tiêu)"),
  recordColumns: z.array(templateRecordColumnSchema).min(1).max(50).optional().describe("Các cột (phụ lục danh sách)"),
  reporters: refList.optional(),
});
export type UpdateAppendixRequest = z.infer<typeof updateAppendixRequestSchema>;

export const recordRowRequestSchema = z.strictObject({
  version: versionField,
  agencyId: uuidSchema,
  values: z.record(z.string().max(40), z.union([z.string().max(5000), z.number()])),
});
export type RecordRowRequest = z.infer<typeof recordRowRequestSchema>;

const milestoneFields = {
  code: z.string().trim().regex(/^[A-Z][A-Z0-9_.-]*$/, { error: "Mã mốc: bắt đầu bằng chữ hoa, ví dụ M4" }).max(32),
  from: refList.min(1, { error: "Chọn ít nhất một cơ quan phải gửi" }),
  to: lineText("Nơi nhận", 300),
  deliverable: lineText("Sản phẩm", 2000),
  due: plainDateSchema,
  wording: optionalText("Lời văn về hạn", 500),
  scope: templateMilestoneScopeSchema,
  note: optionalText("Ghi chú", 5000),
};
export const addMilestoneRequestSchema = z.strictObject({ version: versionField, ...milestoneFields });
export type AddMilestoneRequest = z.infer<typeof addMilestoneRequestSchema>;
export const updateMilestoneRequestSchema = z.strictObject({
  version: versionField,
  code: milestoneFields.code.optional(),
  from: milestoneFields.from.optional(),
  to: milestoneFields.to.optional(),
  deliverable: milestoneFields.deliverable.optional(),
  due: plainDateSchema.optional(),
  wording: milestoneFields.wording,
  scope: templateMilestoneScopeSchema.optional(),
  note: milestoneFields.note,
});
export type UpdateMilestoneRequest = z.infer<typeof updateMilestoneRequestSchema>;
