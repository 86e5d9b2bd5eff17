import { sql } from "drizzle-orm";
import { check, integer, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { agencies } from "./agencies.schema.js";
import { createdAt, id, ts, updatedAt } from "./common.js";
import { users } from "./users.schema.js";

/**
 * Indicator catalogue shared by all campaigns. Templates reference indicators by code; importing a
 * template adds missing ones and never silently changes an existing one.
 */
export const indicators = pgTable(
  "indicators",
  {
    id: id(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    unit: text("unit").notNull(),
    /** higher | lower | neutral */
    direction: text("direction").notNull(),
    /** last | sum | mean | growthMean | cagr | changePerYear */
    aggregation: text("aggregation").notNull(),
    decimals: integer("decimals").notNull(),
    definition: text("definition"),
    sourceAgencyId: uuid("source_agency_id").references(() => agencies.id),
    /** Computed indicators: an expression over other indicator codes. */
    expression: text("expression"),
    /** Set for indicators proposed by an agency (rows added under an open group). */
    ownerAgencyId: uuid("owner_agency_id").references(() => agencies.id),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("indicators_code_uq").on(t.code)],
);

/** The columns of a figure's vintage, in the table of current figures and in the history. */
const vintageColumns = () => ({
  indicatorId: uuid("indicator_id")
    .notNull()
    .references(() => indicators.id),
  /** Period key: "2018", "2014-2018", "2024-Q1", "2024-M03", "2024-6T", "2024-9T". */
  period: text("period").notNull(),
  /** Comparison area code, e.g. HP, VN, DBSH. */
  area: text("area").notNull(),
  /** null records that the value was cleared. */
  value: numeric("value", { mode: "number" }),
  /** uoc | so-bo | chinh-thuc */
  status: text("status").notNull(),
  note: text("note"),
  source: text("source"),
  sourceAgencyId: uuid("source_agency_id").references(() => agencies.id),
  /**
   * The campaign in which the figure was entered (informative: the figure serves every campaign). Not indexed: no
   * query looks figures up by campaign.
   */
  campaignId: uuid("campaign_id"),
  enteredBy: uuid("entered_by").references(() => users.id),
  enteredAt: ts("entered_at").notNull().defaultNow(),
  version: integer("version").notNull(),
});

/**
 * One figure, one place: the current value per indicator × period × comparison area, with its status, source agency
 * and vintage. A new value replaces the row in place (same id; `version` + 1) and is appended to
 * `indicator_value_history`, which keeps every vintage. `version` counts vintages per (indicator, period, area) and is
 * the optimistic-concurrency token of the cell.
 *
 * Why two tables: a save of 50 cells used to retire 50 rows (current = false) and insert 50 more into one table,
 * and both moves touched every index. Updated in place, the row keeps its indexed columns, so PostgreSQL rewrites
 * it on the same page without touching an index (a HOT update; migration 0002 leaves room on each page for it), and
 * the history, insert-only, has a single index.
 */
export const indicatorValues = pgTable("indicator_values", { id: id(), ...vintageColumns() }, (t) => [
  uniqueIndex("indicator_values_key_uq").on(t.indicatorId, t.period, t.area),
  check("indicator_values_status_ck", sql`${t.status} in ('uoc', 'so-bo', 'chinh-thuc')`),
]);

/**
 * Every vintage of every figure, the current one included, in the order they were saved: insert-only. The key with
 * the version is unique: two saves made from the same version cannot both append (the second one's insert fails
 * and is reported as a version conflict).
 */
export const indicatorValueHistory = pgTable("indicator_value_history", vintageColumns(), (t) => [
  primaryKey({ name: "indicator_value_history_pk", columns: [t.indicatorId, t.period, t.area, t.version] }),
  check("indicator_value_history_status_ck", sql`${t.status} in ('uoc', 'so-bo', 'chinh-thuc')`),
]);
