import { z } from "zod";
import { uuidSchema } from "./common.js";

export const notificationSchema = z
  .object({
    id: uuidSchema,
    kind: z.string().describe("Loại thông báo, ví dụ campaign.published, campaign.changed"),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable().describe("Đường dẫn trong ứng dụng"),
    campaignId: uuidSchema.nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .describe("Thông báo");
export type NotificationDto = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = z.strictObject({
  unread: z.enum(["true", "false"]).optional(),
  before: z.iso.datetime({ offset: true, error: "before phải là thời điểm ISO" }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(30),
  /** Comma-separated kind prefixes, e.g. "assignment.returned,assignment.reopened" or "reminder." (notifications centre). */
  kinds: z.string().max(500).regex(/^[a-z.,-]*$/, { error: "kinds chỉ gồm mã loại thông báo, cách nhau bằng dấu phẩy" }).optional(),
  campaignId: uuidSchema.optional(),
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

export const notificationListSchema = z.object({ items: z.array(notificationSchema), unread: z.number().int() });
export const unreadCountSchema = z.object({ unread: z.number().int() });
