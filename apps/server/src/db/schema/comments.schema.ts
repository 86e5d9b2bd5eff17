import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies.schema.js";
import { campaigns } from "./campaigns.schema.js";
import { createdAt, id, ts, updatedAt } from "./common.js";
import { compileDrafts } from "./compile.schema.js";
import { users } from "./users.schema.js";

/**
 * A comment round (lấy ý kiến) on a compiled draft: the coordinator opens it for chosen agencies and bodies with a
 * deadline for comments and one for the answers. status: open | closed.
 */
export const commentRounds = pgTable(
  "comment_rounds",
  {
    id: id(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    draftId: uuid("draft_id")
      .notNull()
      .references(() => compileDrafts.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** Last day reviewers may comment. */
    deadline: date("deadline").notNull(),
    /** Last day the lead agencies answer (reminders are sent from then on while comments stay unanswered). */
    answerDeadline: date("answer_deadline").notNull(),
    status: text("status").notNull().default("open"),
    createdBy: uuid("created_by").references(() => users.id),
    createdByName: text("created_by_name").notNull(),
    createdAt: createdAt(),
    closedAt: ts("closed_at"),
  },
  (t) => [index("comment_rounds_campaign_idx").on(t.campaignId, t.createdAt), check("comment_rounds_status_ck", sql`${t.status} in ('open', 'closed')`)],
);

/**
 * Who is asked: an agency of the directory (its officers and leaders comment themselves) or a body outside the
 * directory entered by name (Ban Thường vụ, HĐND…; the coordinator records its comments).
 */
export const commentReviewers = pgTable(
  "comment_reviewers",
  {
    id: id(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => commentRounds.id, { onDelete: "cascade" }),
    agencyId: uuid("agency_id").references(() => agencies.id),
    externalName: text("external_name"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("comment_reviewers_agency_uq").on(t.roundId, t.agencyId).where(sql`${t.agencyId} is not null`),
    check("comment_reviewers_who_ck", sql`(${t.agencyId} is null) <> (${t.externalName} is null)`),
  ],
);

/**
 * One comment (ý kiến góp ý), anchored so that it survives edits elsewhere:
 *   section    outline_item_id (+ its numbering path and title as they were)
 *   paragraph  outline_item_id + paragraph_index + paragraph_key (hash of the paragraph's normalised text) + quote
 *   cell       appendix_code + row_id + column_key (+ the cell's label and its value as quote)
 * The quote is the text as the reviewer saw it: when that text is later changed or deleted the comment stays
 * readable with it (the listing marks it "đoạn văn đã bị sửa/xoá").
 * Routing: routed_agency_id is the lead agency of the item or row (groups resolved as of the campaign's reference
 * date, then to today's successor); route_source auto | coordinator (re-routed).
 * Answer: answer_kind tiep-thu | giai-trinh | khong-tiep-thu with answer_text; answer_source agency | coordinator
 * (an override keeps the agency's own answer in agency_answer_kind/text).
 */
export const comments = pgTable(
  "comments",
  {
    id: id(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => commentRounds.id, { onDelete: "cascade" }),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    reviewerId: uuid("reviewer_id")
      .notNull()
      .references(() => commentReviewers.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    authorName: text("author_name").notNull(),
    /** section | paragraph | cell */
    anchorKind: text("anchor_kind").notNull(),
    /** No foreign key: the item may be deleted later and the comment must stay. */
    outlineItemId: uuid("outline_item_id"),
    paragraphIndex: integer("paragraph_index"),
    paragraphKey: text("paragraph_key"),
    appendixCode: text("appendix_code"),
    rowId: uuid("row_id"),
    columnKey: text("column_key"),
    /** "Phần I › II › 2" or "Phụ lục 2 › 1. Tốc độ tăng trưởng GRDP › Năm 2020". */
    location: text("location").notNull(),
    quote: text("quote").notNull().default(""),
    body: text("body").notNull(),
    routedAgencyId: uuid("routed_agency_id")
      .notNull()
      .references(() => agencies.id),
    routeSource: text("route_source").notNull().default("auto"),
    answerKind: text("answer_kind"),
    answerText: text("answer_text"),
    answerSource: text("answer_source"),
    answeredBy: uuid("answered_by").references(() => users.id, { onDelete: "set null" }),
    answeredByName: text("answered_by_name"),
    answeredAt: ts("answered_at"),
    agencyAnswerKind: text("agency_answer_kind"),
    agencyAnswerText: text("agency_answer_text"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("comments_round_idx").on(t.roundId, t.createdAt),
    index("comments_routed_idx").on(t.routedAgencyId, t.answerKind),
    check("comments_anchor_ck", sql`${t.anchorKind} in ('section', 'paragraph', 'cell')`),
    check("comments_answer_ck", sql`${t.answerKind} is null or ${t.answerKind} in ('tiep-thu', 'giai-trinh', 'khong-tiep-thu')`),
    check("comments_route_ck", sql`${t.routeSource} in ('auto', 'coordinator')`),
  ],
);

/**
 * Reminders for unanswered comments that went out: round × agency × step × recipient, the unique key makes each
 * one happen once whatever the number of server instances (as reminder_occurrences does for milestones).
 */
export const commentReminders = pgTable(
  "comment_reminders",
  {
    id: id(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => commentRounds.id, { onDelete: "cascade" }),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    /** due | late-<k> */
    step: text("step").notNull(),
    recipientUserId: uuid("recipient_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    pending: integer("pending").notNull(),
    mailId: uuid("mail_id"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("comment_reminders_uq").on(t.roundId, t.agencyId, t.step, t.recipientUserId)],
);
