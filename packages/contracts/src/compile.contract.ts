import { z } from "zod";
import { plainDateSchema, uuidSchema } from "./common.js";

/** Compiling a campaign's report: whole, one Phần (an outline item and its subtree), or one agency's own part. */
export const compileScopeSchema = z
  .discriminatedUnion(
    "kind",
    [
      z.strictObject({ kind: z.literal("whole") }),
      z.strictObject({ kind: z.literal("part"), itemId: uuidSchema.describe("Mục đề cương (Phần) cần lập") }),
      z.strictObject({ kind: z.literal("agency"), agencyId: uuidSchema.describe("Cơ quan có phần việc trong đợt") }),
    ],
    { error: "Phạm vi (scope.kind) phải là whole, part hoặc agency" },
  )
  .describe("Phạm vi lập báo cáo");
export type CompileScopeDto = z.infer<typeof compileScopeSchema>;

export const compileRequestSchema = z.strictObject({
  scope: compileScopeSchema,
  mode: z.enum(["draft", "final"], { error: "mode phải là draft (dự thảo) hoặc final (bản chính thức)" }).default("draft"),
  /** Document number when already issued; blank ("Số:      /BC-UBND") otherwise. */
  number: z.number({ error: "Số văn bản phải là số" }).int({ error: "Số văn bản phải là số nguyên" }).min(1, { error: "Số văn bản phải từ 1 trở lên" }).max(99_999).nullable().optional(),
  /** Date printed in the header (default: today, Asia/Ho_Chi_Minh). */
  date: plainDateSchema.optional(),
});
export type CompileRequest = z.input<typeof compileRequestSchema>;

export const nd30CheckSchema = z.object({ rule: z.string(), label: z.string(), ok: z.boolean(), measured: z.string(), expected: z.string() });
export type Nd30CheckDto = z.infer<typeof nd30CheckSchema>;

export const missingWorkSchema = z.object({
  kind: z.enum(["outline", "indicators", "records"]),
  where: z.string(),
  title: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  state: z.string(),
  stateLabel: z.string(),
});
export type MissingWorkDto = z.infer<typeof missingWorkSchema>;

const pageItemSchema = z.object({ itemId: z.string(), path: z.string(), title: z.string(), words: z.number(), pages: z.number(), startPage: z.number().nullable() });
export const pageStatsSchema = z.object({
  bodyPages: z.number().nullable(),
  totalPages: z.number().nullable(),
  estimated: z.boolean(),
  limit: z.number().nullable(),
  overLimit: z.boolean(),
  totalWords: z.number(),
  longest: z.array(pageItemSchema),
});
export type PageStatsDto = z.infer<typeof pageStatsSchema>;

export const compileDraftSummarySchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  scope: z.enum(["whole", "part", "agency"]),
  scopeItemId: z.string().nullable(),
  scopeAgencyId: z.string().nullable(),
  mode: z.enum(["draft", "final"]),
  number: z.number(),
  label: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  hasPdf: z.boolean(),
  pdfError: z.string().nullable(),
  bodyPages: z.number().nullable(),
  totalPages: z.number().nullable(),
  pageLimit: z.number().nullable(),
  wordCount: z.number(),
  checksPassed: z.number(),
  checksTotal: z.number(),
  missingCount: z.number(),
});
export type CompileDraftSummaryDto = z.infer<typeof compileDraftSummarySchema>;

export const compileDraftSchema = compileDraftSummarySchema.extend({
  pageStats: pageStatsSchema,
  checks: z.array(nd30CheckSchema),
  missing: z.array(missingWorkSchema),
  warnings: z.array(z.string()),
});
export type CompileDraftDto = z.infer<typeof compileDraftSchema>;

export const diffSegmentSchema = z.object({ op: z.enum(["same", "added", "removed"]), text: z.string() });
export const compileDiffSchema = z.object({
  from: compileDraftSummarySchema,
  to: compileDraftSummarySchema,
  sections: z.array(
    z.object({
      itemId: z.string(),
      path: z.string(),
      title: z.string(),
      status: z.enum(["added", "removed", "changed"]),
      addedWords: z.number(),
      removedWords: z.number(),
      segments: z.array(diffSegmentSchema),
    }),
  ),
  numbers: z.array(z.object({ key: z.string(), label: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
  unchangedSections: z.number(),
});
export type CompileDiffDto = z.infer<typeof compileDiffSchema>;

/** What the compile page offers: the scopes the user may compile and whether a final is possible. */
export const compileOptionsSchema = z.object({
  canCompile: z.boolean(),
  canFinal: z.boolean(),
  scopes: z.array(z.object({ kind: z.enum(["whole", "part", "agency"]), id: z.string().nullable(), label: z.string() })),
  pageLimit: z.number().nullable(),
  pdfAvailable: z.boolean(),
});
export type CompileOptionsDto = z.infer<typeof compileOptionsSchema>;
