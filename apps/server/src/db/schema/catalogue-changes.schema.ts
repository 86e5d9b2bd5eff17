import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { campaigns } from "./campaigns.schema.js";
import { createdAt, id, ts } from "./common.js";
import { indicators } from "./indicators.schema.js";
import { users } from "./users.schema.js";

/**
 * Differences between a template's definition of an indicator and the catalogue, found when a template is
 * imported. Importing never changes an existing indicator: each differing field is stored here, one row per
 * field, for the coordinator to accept (the catalogue takes the proposed value) or reject (the catalogue
 * stays). Values are JSON (string, number or null) in the catalogue's terms (sourceAgency is an agency id).
 */
export const indicatorChangeProposals = pgTable(
  "indicator_change_proposals",
  {
    id: id(),
    indicatorId: uuid("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    /** The campaign whose template proposed the change. */
    campaignId: uuid("campaign_id").references(() => campaigns.id, { onDelete: "cascade" }),
    /** name | unit | direction | aggregation | decimals | definition | sourceAgencyId | expression */
    field: text("field").notNull(),
    currentValue: jsonb("current_value"),
    proposedValue: jsonb("proposed_value"),
    /** pending | accepted | rejected */
    status: text("status").notNull().default("pending"),
    createdAt: createdAt(),
    decidedAt: ts("decided_at"),
    decidedBy: uuid("decided_by").references(() => users.id),
  },
  (t) => [
    index("indicator_change_proposals_indicator_idx").on(t.indicatorId, t.status),
    index("indicator_change_proposals_campaign_idx").on(t.campaignId),
    check("indicator_change_proposals_status_ck", sql`${t.status} in ('pending', 'accepted', 'rejected')`),
  ],
);
