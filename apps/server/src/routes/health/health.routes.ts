import { healthResponseSchema } from "@tonghop/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { VERSION } from "../../version.js";

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/health",
    {
      config: { access: "public" },
      schema: { tags: ["Hệ thống"], summary: "Tình trạng máy chủ", response: { 200: healthResponseSchema } },
    },
    async () => {
      await app.container.services.health.check();
      return { status: "ok" as const, db: app.container.database.kind, version: VERSION };
    },
  );
};
