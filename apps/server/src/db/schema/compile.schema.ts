import { sql } from "drizzle-orm";
import { check, customType, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies.schema.js";
import { campaigns, outlineItems } from "./campaigns.schema.js";
import { createdAt, id } from "./common.js";
import { users } from "./users.schema.js";

/** Binary file content (bytea) as a Node Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Every compile of a campaign's report is kept: "Dự thảo lần N" (mode draft) or "Bản chính thức lần N" (mode final).
 * Drafts and finals are numbered separately, per scope (scope_key: "whole", "part:<outline item id>",
 * "agency:<agency id>"), so that "Dự thảo lần 3" of the whole report is the third whole-report draft. A final can only
 * be compiled when every piece of work in the scope has been accepted; it is what viewers may download.
 *
 * The snapshot (per section: plain text by agency; per indicator cell: formatted value) is what the draft diff
 * compares; the files are stored as produced (PDF null when LibreOffice was not available: pdf_error says why).
 */
export const compileDrafts = pgTable(
  "compile_drafts",
  {
    id: id(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    /** whole | part | agency */
    scope: text("scope").notNull(),
    scopeKey: text("scope_key").notNull(),
    scopeItemId: uuid("scope_item_id").references(() => outlineItems.id, { onDelete: "set null" }),
    scopeAgencyId: uuid("scope_agency_id").references(() => agencies.id),
    /** draft | final */
    mode: text("mode").notNull(),
    number: integer("number").notNull(),
    /** "Dự thảo lần 2 — Toàn văn báo cáo" */
    label: text("label").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdByName: text("created_by_name").notNull(),
    createdAt: createdAt(),
    docx: bytea("docx").notNull(),
    xlsx: bytea("xlsx"),
    pdf: bytea("pdf"),
    pdfError: text("pdf_error"),
    /** Pages of the body (appendices excluded), from the PDF; null without a PDF. */
    bodyPages: integer("body_pages"),
    totalPages: integer("total_pages"),
    /** The template's limit for this scope (requirements.pages.max), if any. */
    pageLimit: integer("page_limit"),
    wordCount: integer("word_count").notNull().default(0),
    /** CompilePageStats: per item words and estimated pages, the longest items. */
    pageStats: jsonb("page_stats").notNull().default(sql`'{}'::jsonb`),
    /** Nd30CheckResult[] of the produced DOCX. */
    checks: jsonb("checks").notNull().default(sql`'[]'::jsonb`),
    /** Work not yet accepted when compiled (marked in a draft). */
    missing: jsonb("missing").notNull().default(sql`'[]'::jsonb`),
    warnings: jsonb("warnings").notNull().default(sql`'[]'::jsonb`),
    /** CompileSnapshot: { sections: [{ itemId, label, title, parts: [{ agency, text }] }], cells: { key: text } }. */
    snapshot: jsonb("snapshot").notNull(),
  },
  (t) => [
    uniqueIndex("compile_drafts_number_uq").on(t.campaignId, t.scopeKey, t.mode, t.number),
    index("compile_drafts_campaign_idx").on(t.campaignId, t.createdAt),
    check("compile_drafts_mode_ck", sql`${t.mode} in ('draft', 'final')`),
    check("compile_drafts_scope_ck", sql`${t.scope} in ('whole', 'part', 'agency')`),
  ],
);
