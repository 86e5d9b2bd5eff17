import { index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { campaigns } from "./campaigns.schema.js";
import { createdAt, id, ts } from "./common.js";
import { users } from "./users.schema.js";

/**
 * In-app notifications: one row per recipient user. Written by NotificationsService.notify inside the
 * caller's transaction (so a notification exists exactly when the change it reports was committed).
 * `kind` is a dotted code (campaign.published, campaign.changed, …) that the web app may use for icons and
 * filters; `link` is an app path ("/dot-tong-hop/…") opened from the bell. `readAt` null = unread.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    campaignId: uuid("campaign_id").references(() => campaigns.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    link: text("link"),
    createdAt: createdAt(),
    readAt: ts("read_at"),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt), index("notifications_campaign_idx").on(t.campaignId)],
);
