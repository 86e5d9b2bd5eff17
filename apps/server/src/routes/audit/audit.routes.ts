import { auditEntrySchema, auditQuerySchema, pageOf } from "@tonghop/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { audit } = app.container.services;
  app.get(
    "/audit",
    {
      config: { access: ["admin"] },
      schema: { tags: ["Nhật ký"], summary: "Nhật ký thay đổi", querystring: auditQuerySchema, response: { 200: pageOf(auditEntrySchema) } },
    },
    async (request) => audit.list(request.ctx(), request.query),
  );
};
