import { idParamsSchema, notificationListQuerySchema, notificationListSchema, notificationSchema, unreadCountSchema } from "@tonghop/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

/** The signed-in user's own notifications (a user only ever sees and marks their own). */
export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { notifications } = app.container.services;
  const tags = ["Thông báo"];
  const anyone = { access: "authenticated" as const };

  app.get(
    "/notifications",
    { config: anyone, schema: { tags, summary: "Thông báo của tôi, mới nhất trước", querystring: notificationListQuerySchema, response: { 200: notificationListSchema } } },
    async (request) => notifications.list(request.ctx(), request.query),
  );
  app.get(
    "/notifications/unread-count",
    { config: anyone, schema: { tags, summary: "Số thông báo chưa đọc", response: { 200: unreadCountSchema } } },
    async (request) => ({ unread: await notifications.unreadCount(request.ctx()) }),
  );
  app.post(
    "/notifications/:id/read",
    { config: anyone, schema: { tags, summary: "Đánh dấu đã đọc", params: idParamsSchema, response: { 200: notificationSchema } } },
    async (request) => notifications.markRead(request.ctx(), request.params.id),
  );
  app.post(
    "/notifications/read-all",
    { config: anyone, schema: { tags, summary: "Đánh dấu tất cả đã đọc", response: { 200: z.object({ marked: z.number().int() }) } } },
    async (request) => ({ marked: await notifications.markAllRead(request.ctx()) }),
  );
};
