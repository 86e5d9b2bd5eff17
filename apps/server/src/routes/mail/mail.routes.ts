import { idParamsSchema, outboxDetailSchema, outboxItemSchema, outboxListSchema, outboxQuerySchema } from "@tonghop/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** The e-mail outbox (status, attempts, errors; the dev outbox when SMTP_URL is not set): administrators only. */
export const mailRoutes: FastifyPluginAsyncZod = async (app) => {
  const { outbox } = app.container.services;
  const tags = ["Hộp thư đi"];
  const admin = { access: ["admin"] as const };

  app.get(
    "/mail/outbox",
    { config: admin, schema: { tags, summary: "Thư đi: trạng thái, số lần thử, lỗi gần nhất", querystring: outboxQuerySchema, response: { 200: outboxListSchema } } },
    async (request) => outbox.list(request.ctx(), request.query),
  );
  app.get(
    "/mail/outbox/:id",
    { config: admin, schema: { tags, summary: "Một thư, kèm nội dung", params: idParamsSchema, response: { 200: outboxDetailSchema } } },
    async (request) => outbox.get(request.ctx(), request.params.id),
  );
  app.post(
    "/mail/outbox/:id/retry",
    { config: admin, schema: { tags, summary: "Gửi lại thư không gửi được", params: idParamsSchema, response: { 200: outboxItemSchema } } },
    async (request) => outbox.retry(request.ctx(), request.params.id),
  );
};
