import { type AnyPgColumn, boolean, date, index, integer, jsonb, numeric, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies.schema.js";
import { createdAt, id, ts, updatedAt } from "./common.js";
import { indicators } from "./indicators.schema.js";
import { users } from "./users.schema.js";

/**
 * An agency or group as named by the directive, resolved against the directory at import:
 * { kind: "agency" | "group", id, name } where name is the text as written in the template.
 */
export interface AgencyRef {
  kind: "agency" | "group";
  id: string;
  name: string;
}

/**
 * A campaign: one directive's reporting exercise. Structural parts that are edited as wholes
 * (legal basis, report identity, requirements, periods, areas) are JSON in the template's own shape
 * (@tonghop/contracts CampaignTemplate); outline, appendices and milestones are rows.
 */
export const campaigns = pgTable(
  "campaigns",
  {
    id: id(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    description: text("description"),
    /** draft | published | closed */
    status: text("status").notNull().default("draft"),
    coordinatorAgencyId: uuid("coordinator_agency_id")
      .notNull()
      .references(() => agencies.id),
    coordinatorName: text("coordinator_name").notNull(),
    /** Groups are expanded to their members as of this date. */
    referenceDate: date("reference_date").notNull(),
    periods: jsonb("periods").notNull(),
    areas: jsonb("areas").notNull(),
    legalBasis: jsonb("legal_basis").notNull(),
    report: jsonb("report").notNull(),
    requirements: jsonb("requirements").notNull(),
    formatVersion: integer("format_version").notNull().default(1),
    copiedFromId: uuid("copied_from_id").references((): AnyPgColumn => campaigns.id),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    publishedAt: ts("published_at"),
    publishedBy: uuid("published_by").references(() => users.id),
    updatedAt: updatedAt(),
    /** Optimistic concurrency for setup edits. */
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("campaigns_code_uq").on(t.code)],
);

export const campaignMilestones = pgTable(
  "campaign_milestones",
  {
    id: id(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    sortOrder: integer("sort_order").notNull(),
    from: jsonb("from").$type<AgencyRef[]>().notNull(),
    to: text("to").notNull(),
    deliverable: text("deliverable").notNull(),
    due: date("due").notNull(),
    wording: text("wording").notNull(),
    /** TemplateMilestoneScope: { kind: all | outline | appendices(codes) | contributions(codes) | coordinator } */
    scope: jsonb("scope").notNull(),
    note: text("note"),
  },
  (t) => [uniqueIndex("campaign_milestones_code_uq").on(t.campaignId, t.code)],
);

export const outlineItems = pgTable(
  "outline_items",
  {
    id: id(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => outlineItems.id, { onDelete: "cascade" }),
    sortOrder: integer("sort_order").notNull(),
    label: text("label").notNull(),
    title: text("title").notNull(),
    guidance: text("guidance"),
    lead: jsonb("lead").$type<AgencyRef[]>().notNull().default([]),
    cooperate: jsonb("cooperate").$type<AgencyRef[]>().notNull().default([]),
    pageBudget: numeric("page_budget", { mode: "number" }),
    appendixCodes: text("appendix_codes").array().notNull().default([]),
  },
  (t) => [index("outline_items_campaign_idx").on(t.campaignId, t.sortOrder)],
);

/**
 * Appendices. `config` holds the template appendix without its rows (column tree, stub titles,
 * column numbers, agency column, validations; record columns and reporters) so that renderers use
 * @tonghop/contracts expandColumns on it.
 */
export const appendices = pgTable(
  "appendices",
  {
    id: id(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    sortOrder: integer("sort_order").notNull(),
    /** indicators | records */
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    subtitle: text("subtitle"),
    config: jsonb("config").notNull(),
    /** Records: who may add rows (resolved). */
    reporters: jsonb("reporters").$type<AgencyRef[]>().notNull().default([]),
  },
  (t) => [uniqueIndex("appendices_code_uq").on(t.campaignId, t.code)],
);

/** Rows of an indicator appendix (a tree). Rows without an indicator are headings. */
export const appendixRows = pgTable(
  "appendix_rows",
  {
    id: id(),
    appendixId: uuid("appendix_id")
      .notNull()
      .references(() => appendices.id, { onDelete: "cascade" }),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => appendixRows.id, { onDelete: "cascade" }),
    sortOrder: integer("sort_order").notNull(),
    tt: text("tt"),
    name: text("name").notNull(),
    indicatorId: uuid("indicator_id").references(() => indicators.id),
    unit: text("unit"),
    target: text("target"),
    aggregation: text("aggregation"),
    direction: text("direction"),
    decimals: integer("decimals"),
    /** Own lead agencies; descendants without their own inherit the nearest ancestor's. */
    lead: jsonb("lead").$type<AgencyRef[]>().notNull().default([]),
    openForAgencies: boolean("open_for_agencies").notNull().default(false),
    emphasis: text("emphasis"),
    note: text("note"),
    /** Rows an agency added under an open group. */
    addedByAgencyId: uuid("added_by_agency_id").references(() => agencies.id),
    createdAt: createdAt(),
  },
  (t) => [index("appendix_rows_appendix_idx").on(t.appendixId, t.sortOrder)],
);

/** Rows of a record appendix (documents, projects): typed values keyed by column key. */
export const recordRows = pgTable(
  "record_rows",
  {
    id: id(),
    appendixId: uuid("appendix_id")
      .notNull()
      .references(() => appendices.id, { onDelete: "cascade" }),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    sortOrder: integer("sort_order").notNull(),
    /** The reporting agency of the row. */
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    values: jsonb("values").$type<Record<string, string | number | null>>().notNull(),
    /** Filled by the template (its prefilled columns are read-only for agencies). */
    prefilled: boolean("prefilled").notNull().default(false),
    createdBy: uuid("created_by").references(() => users.id),
    updatedBy: uuid("updated_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("record_rows_appendix_idx").on(t.appendixId, t.agencyId, t.sortOrder)],
);
