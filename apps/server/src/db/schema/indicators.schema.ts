import { sql } from "drizzle-orm";
import { boolean, check, integer, numeric, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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

/**
 * One figure, one place: a value per indicator × period × comparison area, with its status, source
 * agency and vintage. A new value never overwrites: it becomes the current row and the previous one
 * stays as history (current = false). `version` counts vintages per (indicator, period, area) and is
 * the optimistic-concurrency token of the cell.
 */
export const indicatorValues = pgTable(
  "indicator_values",
  {
    id: id(),
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
     * query looks figures up by campaign, and every save would pay for the index twice (the retired and the new row).
     */
    campaignId: uuid("campaign_id"),
    enteredBy: uuid("entered_by").references(() => users.id),
    enteredAt: ts("entered_at").notNull().defaultNow(),
    version: integer("version").notNull(),
    current: boolean("current").notNull().default(true),
  },
  (t) => [
    uniqueIndex("indicator_values_current_uq").on(t.indicatorId, t.period, t.area).where(sql`${t.current}`),
    uniqueIndex("indicator_values_version_uq").on(t.indicatorId, t.period, t.area, t.version),
    check("indicator_values_status_ck", sql`${t.status} in ('uoc', 'so-bo', 'chinh-thuc')`),
  ],
);
