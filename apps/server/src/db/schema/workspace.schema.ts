import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies.schema.js";
import { appendices, appendixRows, campaignMilestones, campaigns, outlineItems } from "./campaigns.schema.js";
import { createdAt, id, ts, updatedAt } from "./common.js";
import { users } from "./users.schema.js";

/**
 * The assignment matrix, materialised when a campaign is published (and kept in step with later
 * structural edits): one row per agency and piece of work. An agency's task list is exactly this.
 *   kind "outline"      an outline item assigned to the agency (lead or cooperating); the agency writes
 *                       it and its descendants that have no agencies of their own
 *   kind "indicators"   the agency's rows of an indicator appendix (rows whose lead, own or inherited,
 *                       includes it, plus rows it adds under open groups)
 *   kind "records"      the agency's rows of a record appendix (pre-filled rows it reports, rows it adds)
 * The workflow state (DOMAIN.md "Submission states") lives here; "Quá hạn" is derived from the due
 * date and never stored.
 */
export const assignments = pgTable(
  "assignments",
  {
    id: id(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    /** outline | indicators | records */
    kind: text("kind").notNull(),
    outlineItemId: uuid("outline_item_id").references(() => outlineItems.id, { onDelete: "cascade" }),
    appendixId: uuid("appendix_id").references(() => appendices.id, { onDelete: "cascade" }),
    /** lead | cooperate */
    role: text("role").notNull(),
    /** Position of the agency in the item's list (lead first, in the directive's order). */
    roleOrder: integer("role_order").notNull().default(0),
    milestoneId: uuid("milestone_id").references(() => campaignMilestones.id, { onDelete: "set null" }),
    /** From the milestone; the coordinator may extend it per agency (dueOverride + reason). */
    dueDate: date("due_date"),
    dueOverride: date("due_override"),
    extensionReason: text("extension_reason"),
    /** draft | submitted (Trình lãnh đạo) | sent (Đã gửi) | returned (Bị trả lại) | accepted (Đã tiếp nhận) */
    state: text("state").notNull().default("draft"),
    /** no_data ("không có số liệu") | out_of_scope ("không thuộc phạm vi"), with a required reason */
    declaration: text("declaration"),
    declarationReason: text("declaration_reason"),
    /** Reason of the last return (shown to the agency) or of the last internal return. */
    stateReason: text("state_reason"),
    stateChangedAt: ts("state_changed_at"),
    stateChangedBy: uuid("state_changed_by").references(() => users.id),
    sentAt: ts("sent_at"),
    acceptedAt: ts("accepted_at"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("assignments_outline_uq").on(t.campaignId, t.agencyId, t.outlineItemId).where(sql`${t.outlineItemId} is not null`),
    uniqueIndex("assignments_appendix_uq").on(t.campaignId, t.agencyId, t.appendixId).where(sql`${t.appendixId} is not null`),
    index("assignments_agency_idx").on(t.agencyId, t.campaignId),
    index("assignments_campaign_idx").on(t.campaignId, t.kind),
    check("assignments_state_ck", sql`${t.state} in ('draft', 'submitted', 'sent', 'returned', 'accepted')`),
    check("assignments_target_ck", sql`(${t.outlineItemId} is null) <> (${t.appendixId} is null)`),
  ],
);

/** Every workflow step of an assignment (who, when, from → to, reason). */
export const assignmentEvents = pgTable(
  "assignment_events",
  {
    id: id(),
    assignmentId: uuid("assignment_id")
      .notNull()
      .references(() => assignments.id, { onDelete: "cascade" }),
    campaignId: uuid("campaign_id").notNull(),
    at: ts("at").notNull().defaultNow(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    /** e.g. submit, send, return-internal, return, accept, reopen, declare, extend */
    action: text("action").notNull(),
    fromState: text("from_state"),
    toState: text("to_state"),
    reason: text("reason"),
  },
  (t) => [index("assignment_events_assignment_idx").on(t.assignmentId, t.at)],
);

/**
 * Narrative text of one agency for one outline item (sanitised HTML). `version` is the optimistic
 * concurrency token; every save also appends to section_versions.
 */
export const sections = pgTable(
  "sections",
  {
    id: id(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    outlineItemId: uuid("outline_item_id")
      .notNull()
      .references(() => outlineItems.id, { onDelete: "cascade" }),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    /** The assignment (of this agency) that covers this item. */
    assignmentId: uuid("assignment_id").references(() => assignments.id, { onDelete: "set null" }),
    html: text("html").notNull().default(""),
    /** Plain text of html, for search, counts and diffs. */
    text: text("text").notNull().default(""),
    wordCount: integer("word_count").notNull().default(0),
    version: integer("version").notNull().default(0),
    updatedBy: uuid("updated_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("sections_item_agency_uq").on(t.outlineItemId, t.agencyId), index("sections_campaign_idx").on(t.campaignId)],
);

export const sectionVersions = pgTable(
  "section_versions",
  {
    id: id(),
    sectionId: uuid("section_id")
      .notNull()
      .references(() => sections.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    wordCount: integer("word_count").notNull(),
    authorUserId: uuid("author_user_id").references(() => users.id),
    /** save | upload | restore | merge */
    origin: text("origin").notNull().default("save"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("section_versions_uq").on(t.sectionId, t.version)],
);

/**
 * Text cells of an indicator appendix that belong to a campaign and an agency rather than to the
 * figure: the "proposal" columns (e.g. CT15 "Dự kiến giai đoạn 2021-2025": a target text the agency
 * proposes) and "note" columns. `columnKey` is the leaf key from expandColumns.
 */
export const appendixCellTexts = pgTable(
  "appendix_cell_texts",
  {
    id: id(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    rowId: uuid("row_id")
      .notNull()
      .references(() => appendixRows.id, { onDelete: "cascade" }),
    columnKey: text("column_key").notNull(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    text: text("text").notNull(),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("appendix_cell_texts_uq").on(t.rowId, t.columnKey, t.agencyId)],
);
