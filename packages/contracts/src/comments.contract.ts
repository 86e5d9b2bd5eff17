import { z } from "zod";
import { lineText, plainDateSchema, uuidSchema } from "./common.js";

/** Comment rounds on a compiled draft and the "tiếp thu, giải trình" of each comment. */

export const ANSWER_KINDS = ["tiep-thu", "giai-trinh", "khong-tiep-thu"] as const;
export const answerKindSchema = z.enum(ANSWER_KINDS, { error: "Hình thức trả lời phải là tiep-thu, giai-trinh hoặc khong-tiep-thu" });
export type AnswerKind = z.infer<typeof answerKindSchema>;
export const ANSWER_KIND_LABELS: Record<AnswerKind, string> = { "tiep-thu": "Tiếp thu", "giai-trinh": "Giải trình", "khong-tiep-thu": "Không tiếp thu" };
/** What the answer text must say for each kind. */
export const ANSWER_TEXT_LABELS: Record<AnswerKind, string> = {
  "tiep-thu": "Nội dung đã chỉnh sửa",
  "giai-trinh": "Nội dung giải trình",
  "khong-tiep-thu": "Lý do không tiếp thu",
};

export const openRoundRequestSchema = z
  .strictObject({
    draftId: uuidSchema.describe("Bản dự thảo đã lập đưa ra lấy ý kiến"),
    title: lineText("Tên đợt lấy ý kiến", 300),
    deadline: plainDateSchema.describe("Hạn góp ý"),
    answerDeadline: plainDateSchema.optional().describe("Hạn trả lời (tiếp thu, giải trình); mặc định 5 ngày sau hạn góp ý"),
    agencyIds: z.array(uuidSchema).max(300).default([]),
    externalNames: z.array(lineText("Tên cơ quan, tổ chức ngoài danh bạ", 200)).max(50).default([]),
  })
  .refine((v) => v.agencyIds.length + v.externalNames.length > 0, { error: "Chọn ít nhất một cơ quan hoặc tổ chức được lấy ý kiến", path: ["agencyIds"] });
export type OpenRoundRequest = z.input<typeof openRoundRequestSchema>;

export const reviewerSchema = z.object({ id: uuidSchema, agencyId: uuidSchema.nullable(), name: z.string(), external: z.boolean() });
export type ReviewerDto = z.infer<typeof reviewerSchema>;

export const commentCountsSchema = z.object({ total: z.number().int(), pending: z.number().int(), answered: z.number().int() });

export const commentRoundSchema = z.object({
  id: uuidSchema,
  campaignId: uuidSchema,
  campaignName: z.string(),
  draftId: uuidSchema,
  draftLabel: z.string(),
  title: z.string(),
  deadline: plainDateSchema,
  answerDeadline: plainDateSchema,
  status: z.enum(["open", "closed"]),
  reviewers: z.array(reviewerSchema),
  counts: commentCountsSchema,
  createdByName: z.string(),
  createdAt: z.string(),
  /** The actor is a coordinator of the campaign (route, override, close, download). */
  canManage: z.boolean(),
  /** Reviewers the actor may comment for (its own agency; every external body for a coordinator). */
  commentAs: z.array(reviewerSchema),
});
export type CommentRoundDto = z.infer<typeof commentRoundSchema>;

/** The draft as reviewers read it: sections split into paragraphs, appendix tables by row and column. */
export const roundDocumentSchema = z.object({
  sections: z.array(
    z.object({
      itemId: uuidSchema,
      path: z.string(),
      title: z.string(),
      parts: z.array(z.object({ agency: z.string(), paragraphs: z.array(z.string()) })),
    }),
  ),
  appendices: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      columns: z.array(z.object({ key: z.string(), title: z.string() })),
      rows: z.array(z.object({ rowId: uuidSchema, label: z.string(), cells: z.record(z.string(), z.string()) })),
    }),
  ),
});
export type RoundDocumentDto = z.infer<typeof roundDocumentSchema>;

export const commentAnchorSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("section"), itemId: uuidSchema }),
    z.strictObject({
      kind: z.literal("paragraph"),
      itemId: uuidSchema,
      partIndex: z.number().int().min(0).default(0),
      paragraphIndex: z.number({ error: "Số thứ tự đoạn văn phải là số" }).int().min(0),
    }),
    z.strictObject({ kind: z.literal("cell"), appendixCode: lineText("Mã phụ lục", 50), rowId: uuidSchema, columnKey: lineText("Cột", 200) }),
  ],
  { error: "Vị trí góp ý (anchor.kind) phải là section, paragraph hoặc cell" },
);
export type CommentAnchorDto = z.input<typeof commentAnchorSchema>;

export const createCommentRequestSchema = z.strictObject({
  reviewerId: uuidSchema.optional().describe("Góp ý thay mặt cơ quan, tổ chức nào (mặc định: cơ quan của người dùng)"),
  anchor: commentAnchorSchema,
  body: z.string().trim().min(1, { error: "Nội dung góp ý không được để trống" }).max(10_000, { error: "Nội dung góp ý dài quá 10.000 ký tự" }),
});
export type CreateCommentRequest = z.input<typeof createCommentRequestSchema>;

const answerText = z.string().trim().min(1, { error: "Nội dung trả lời không được để trống" }).max(10_000, { error: "Nội dung trả lời dài quá 10.000 ký tự" });

export const answerCommentRequestSchema = z.strictObject({ kind: answerKindSchema, text: answerText, version: z.number().int().min(1) });
export type AnswerCommentRequest = z.infer<typeof answerCommentRequestSchema>;

export const rerouteCommentRequestSchema = z.strictObject({ agencyId: uuidSchema, version: z.number().int().min(1) });
export type RerouteCommentRequest = z.infer<typeof rerouteCommentRequestSchema>;

export const commentSchema = z.object({
  id: uuidSchema,
  roundId: uuidSchema,
  reviewerName: z.string(),
  authorName: z.string(),
  anchorKind: z.enum(["section", "paragraph", "cell"]),
  outlineItemId: uuidSchema.nullable(),
  appendixCode: z.string().nullable(),
  rowId: uuidSchema.nullable(),
  columnKey: z.string().nullable(),
  paragraphIndex: z.number().int().nullable(),
  location: z.string(),
  quote: z.string(),
  /** current: the quoted text is still in the report; changed: it was edited or deleted since. */
  anchorState: z.enum(["current", "changed"]),
  /** For a cell whose figure changed since the draft: what the report shows now ("" when the cell is now empty). */
  currentText: z.string().nullable(),
  body: z.string(),
  routedAgencyId: uuidSchema,
  routedAgencyName: z.string(),
  routeSource: z.enum(["auto", "coordinator"]),
  status: z.enum(["pending", "answered"]),
  answer: z
    .object({ kind: answerKindSchema, label: z.string(), text: z.string(), source: z.enum(["agency", "coordinator"]), byName: z.string(), at: z.string() })
    .nullable(),
  agencyAnswer: z.object({ kind: answerKindSchema, text: z.string() }).nullable(),
  canAnswer: z.boolean(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type CommentDto = z.infer<typeof commentSchema>;

export const commentListQuerySchema = z.strictObject({
  status: z.enum(["pending", "answered"]).optional(),
  agencyId: uuidSchema.optional(),
  anchorKind: z.enum(["section", "paragraph", "cell"]).optional(),
  reviewerId: uuidSchema.optional(),
});
export type CommentListQuery = z.infer<typeof commentListQuerySchema>;

export const commentInboxItemSchema = commentSchema.extend({ roundTitle: z.string(), campaignId: uuidSchema, campaignName: z.string(), answerDeadline: plainDateSchema });
export type CommentInboxItemDto = z.infer<typeof commentInboxItemSchema>;
