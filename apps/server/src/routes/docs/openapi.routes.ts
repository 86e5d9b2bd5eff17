import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** The OpenAPI 3.1 document generated from the routes' zod schemas (browsable at /api/docs). */
export const openApiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () => app.swagger());
};
