import { z } from "zod";
import { uuidSchema } from "./common.js";
import { ASSIGNMENT_STATES } from "./campaigns.contract.js";
import { assignmentWorkflowSchema } from "./workspace-workflow.contract.js";

// ---------------------------------------------------------------------------------------------------
// Narrative sections: one agency's text for one outline item, with versions

/** Largest section HTML accepted from the editor (characters). */
export const SECTION_HTML_MAX = 2_000_000;
/** Largest .docx accepted for a section. */
export const SECTION_DOCX_MAX_BYTES = 10 * 1024 * 1024;

export const SECTION_ORIGINS = ["save", "upload", "restore", "merge"] as const;
export type SectionOrigin = (typeof SECTION_ORIGINS)[number];
export const SECTION_ORIGIN_LABELS: Record<SectionOrigin, string> = {
  save: "Soạn thảo",
  upload: "Tải tệp .docx",
  restore: "Khôi phục",
  merge: "Đưa ý kiến phối hợp vào",
};

/**
 * Page estimate for narrative text typeset as the compiled report is (NĐ 30/2020: A4, margins 20/20/30/15 mm,
 * Times New Roman 14, justified, first-line indent 1,27 cm, 6 pt before each paragraph, line spacing 1,15).
 * Calibrated by typesetting the prose of both seed directives (456 paragraphs, 55.827 words) with LibreOffice
 * and Liberation Serif (metric-compatible with Times New Roman): 37 lines per page, ≈ 81 characters per line
 * (justified), a paragraph's spacing ≈ 0,2 line; the model gives 95,6 pages for the measured 96,1
 * (≈ 580 words per page). Headings, list items, table rows and footnotes count as paragraphs.
 */
export const PAGE_MODEL = { linesPerPage: 37, charsPerLine: 81, firstLineIndentChars: 6, paragraphSpacingLines: 0.2 } as const;

/** Estimated pages of text given the character length of each paragraph (block). */
export function estimatePages(blockLengths: readonly number[]): number {
  let lines = 0;
  for (const len of blockLengths) {
    if (len <= 0) continue;
    lines += Math.ceil((len + PAGE_MODEL.firstLineIndentChars) / PAGE_MODEL.charsPerLine) + PAGE_MODEL.paragraphSpacingLines;
  }
  return Math.round((lines / PAGE_MODEL.linesPerPage) * 10) / 10;
}

/** Words as Word counts them in Vietnamese: space-separated tokens holding a letter or a digit. */
export function countWords(text: string): number {
  let n = 0;
  for (const token of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(token)) n += 1;
  return n;
}

export const userRefSchema = z.object({ id: uuidSchema, name: z.string() });

export const sectionSchema = z.object({
  /** null until the first save. */
  id: uuidSchema.nullable(),
  itemId: uuidSchema,
  agencyId: uuidSchema,
  agencyName: z.string(),
  html: z.string(),
  /** Optimistic concurrency token: 0 before the first save. */
  version: z.number().int(),
  wordCount: z.number().int(),
  pages: z.number(),
  updatedAt: z.string().nullable(),
  updatedBy: userRefSchema.nullable(),
});
export type SectionDto = z.infer<typeof sectionSchema>;

/** A cooperating (or, for the coordinator, any) agency's text for the same item. */
export const contributionSchema = sectionSchema.extend({
  role: z.enum(["lead", "cooperate"]),
  assignmentId: uuidSchema,
  state: z.enum(ASSIGNMENT_STATES),
  /** The contribution version last inserted into the lead text (null: never inserted). */
  mergedVersion: z.number().int().nullable(),
  mergedAt: z.string().nullable(),
});
export type ContributionDto = z.infer<typeof contributionSchema>;

export const sectionItemSchema = z.object({
  id: uuidSchema,
  parentId: uuidSchema.nullable(),
  label: z.string(),
  /** Labels from the top of the outline, e.g. ["Phần I", "1.", "a)"]. */
  labelPath: z.array(z.string()),
  title: z.string(),
  guidance: z.string().nullable(),
  pageBudget: z.number().nullable(),
  /** 0 for the assigned item, 1 for its children… */
  depth: z.number().int(),
  version: z.number().int(),
  wordCount: z.number().int(),
  pages: z.number(),
  updatedAt: z.string().nullable(),
});
export type SectionItemDto = z.infer<typeof sectionItemSchema>;

/** Everything the section page needs for one item of one agency. */
export const sectionPageSchema = z.object({
  campaign: z.object({ id: uuidSchema, code: z.string(), name: z.string(), status: z.string() }),
  agency: z.object({ id: uuidSchema, name: z.string() }),
  assignment: assignmentWorkflowSchema,
  item: sectionItemSchema,
  /** The items this assignment covers (the assigned item and inherited descendants), in outline order. */
  items: z.array(sectionItemSchema),
  section: sectionSchema,
  /** Shown to the lead agency (sent contributions) and to coordinators and viewers (all). */
  contributions: z.array(contributionSchema),
  /** Cooperating agencies whose contribution the lead agency cannot see yet (not sent). */
  pendingContributors: z.array(z.object({ agencyId: uuidSchema, agencyName: z.string(), state: z.enum(ASSIGNMENT_STATES) })),
  /** The other agencies assigned to this item with their role, for context. */
  otherAgencies: z.array(z.object({ agencyId: uuidSchema, agencyName: z.string(), role: z.enum(["lead", "cooperate"]) })),
});
export type SectionPageDto = z.infer<typeof sectionPageSchema>;

export const sectionPageQuerySchema = z.strictObject({
  /** Coordinators and viewers: whose text to show (defaults to the user's own agency). */
  agency: uuidSchema.optional(),
});

const baseVersionSchema = z.number({ error: "Thiếu phiên bản gốc (baseVersion)" }).int().min(0, { error: "baseVersion không hợp lệ" });

export const saveSectionRequestSchema = z.strictObject({
  html: z.string({ error: "Nội dung phải là chuỗi HTML" }).max(SECTION_HTML_MAX, { error: "Nội dung quá dài (tối đa 2 triệu ký tự)" }),
  baseVersion: baseVersionSchema,
});
export type SaveSectionRequest = z.infer<typeof saveSectionRequestSchema>;

/** `details` of a 409 VERSION_CONFLICT on a section save: both versions, nothing overwritten. */
export const sectionConflictSchema = z.object({
  yours: z.object({ html: z.string(), baseVersion: z.number().int() }),
  theirs: sectionSchema,
});
export type SectionConflictDto = z.infer<typeof sectionConflictSchema>;

export const sectionVersionSchema = z.object({
  version: z.number().int(),
  origin: z.enum(SECTION_ORIGINS),
  author: userRefSchema.nullable(),
  createdAt: z.string(),
  wordCount: z.number().int(),
});
export type SectionVersionDto = z.infer<typeof sectionVersionSchema>;

export const sectionVersionDetailSchema = sectionVersionSchema.extend({ html: z.string(), text: z.string() });
export type SectionVersionDetailDto = z.infer<typeof sectionVersionDetailSchema>;

export const sectionDiffQuerySchema = z.strictObject({
  from: z.coerce.number({ error: "from phải là số phiên bản" }).int().min(0),
  to: z.coerce.number({ error: "to phải là số phiên bản" }).int().min(1),
});

export const sectionDiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  parts: z.array(z.object({ op: z.enum(["eq", "ins", "del"]), text: z.string() })),
  inserted: z.number().int(),
  deleted: z.number().int(),
});
export type SectionDiffDto = z.infer<typeof sectionDiffSchema>;

export const restoreSectionRequestSchema = z.strictObject({
  version: z.number({ error: "Thiếu số phiên bản cần khôi phục" }).int().min(1),
  baseVersion: baseVersionSchema,
});

export const mergeContributionRequestSchema = z.strictObject({
  sourceSectionId: uuidSchema,
  baseVersion: baseVersionSchema,
});

export const sectionWriteResultSchema = z.object({
  section: sectionSchema,
  /** Vietnamese notices (e.g. what a .docx upload left out). */
  notices: z.array(z.string()),
});
export type SectionWriteResultDto = z.infer<typeof sectionWriteResultSchema>;

/** Upload: how the converted text joins the section. */
export const SECTION_UPLOAD_MODES = ["replace", "append"] as const;
