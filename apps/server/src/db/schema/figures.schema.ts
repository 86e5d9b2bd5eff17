import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { campaigns, outlineItems } from "./campaigns.schema.js";
import { createdAt, id, updatedAt } from "./common.js";
import { bytea } from "./compile.schema.js";
import { users } from "./users.schema.js";

/**
 * Charts chosen on the analysis dashboards to appear in the compiled report as numbered figures
 * ("Biểu đồ 1: <caption>", the number is given by the compiler in reading order). A figure follows the text of
 * `outline_item_id`; without one (or when that item is deleted) it goes after the body. Within an item figures
 * are ordered by `sort_order`. The compiler reads exactly id, outline_item_id, caption, image_png, width_px,
 * height_px, sort_order.
 */
export const reportFigures = pgTable(
  "report_figures",
  {
    id: id(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    outlineItemId: uuid("outline_item_id").references(() => outlineItems.id, { onDelete: "set null" }),
    /** Caption without the "Biểu đồ N:" prefix. */
    caption: text("caption").notNull(),
    /** The PNG image as exported from the chart (validated signature, at most 2 MB). */
    imagePng: bytea("image_png").notNull(),
    widthPx: integer("width_px").notNull(),
    heightPx: integer("height_px").notNull(),
    sortOrder: integer("sort_order").notNull(),
    /** Which dashboard chart the image came from (e.g. "indicator:<row id>"), to show it as inserted. */
    chartKey: text("chart_key"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("report_figures_campaign_idx").on(t.campaignId, t.sortOrder),
    check("report_figures_size_ck", sql`${t.widthPx} > 0 and ${t.heightPx} > 0`),
  ],
);
