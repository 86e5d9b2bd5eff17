import {
  compileDiffSchema,
  compileDraftSchema,
  compileDraftSummarySchema,
  compileOptionsSchema,
  compileRequestSchema,
  uuidSchema,
} from "@tonghop/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

/** Compiling the official report: drafts and finals, downloads, page budget, NĐ 30 checks, diff of two drafts. */
export const compileRoutes: FastifyPluginAsyncZod = async (app) => {
  const { compile } = app.container.services;
  const tags = ["Lập báo cáo"];
  const anyone = { access: "authenticated" as const };
  // Coordinators compile any scope; agency officers and leaders their own part (checked in the service).
  const writers = { access: ["coordinator", "coordinator_leader", "officer", "leader"] as const };
  const campaignParams = z.strictObject({ campaignId: uuidSchema });
  const draftParams = z.strictObject({ campaignId: uuidSchema, draftId: uuidSchema });

  app.get(
    "/campaigns/:campaignId/compile/options",
    { config: anyone, schema: { tags, summary: "Phạm vi được phép lập và giới hạn trang", params: campaignParams, response: { 200: compileOptionsSchema } } },
    async (request) => compile.options(request.ctx(), request.params.campaignId),
  );
  app.post(
    "/campaigns/:campaignId/compile",
    { config: writers, schema: { tags, summary: "Lập dự thảo hoặc bản chính thức (Word, Excel, PDF)", params: campaignParams, body: compileRequestSchema, response: { 201: compileDraftSchema } } },
    async (request, reply) => reply.status(201).send(await compile.compile(request.ctx(), request.params.campaignId, request.body)),
  );
  app.get(
    "/campaigns/:campaignId/compile/drafts",
    { config: anyone, schema: { tags, summary: "Các bản đã lập (người xem: chỉ bản chính thức)", params: campaignParams, response: { 200: z.array(compileDraftSummarySchema) } } },
    async (request) => compile.list(request.ctx(), request.params.campaignId),
  );
  app.get(
    "/campaigns/:campaignId/compile/drafts/:draftId",
    { config: anyone, schema: { tags, summary: "Chi tiết một bản: số trang, mục dài nhất, kiểm tra thể thức", params: draftParams, response: { 200: compileDraftSchema } } },
    async (request) => compile.get(request.ctx(), request.params.campaignId, request.params.draftId),
  );
  app.get(
    "/campaigns/:campaignId/compile/drafts/:draftId/:kind",
    {
      config: anyone,
      schema: {
        tags,
        summary: "Tải tệp DOCX, XLSX hoặc PDF",
        params: draftParams.extend({ kind: z.enum(["docx", "xlsx", "pdf"], { error: "Loại tệp phải là docx, xlsx hoặc pdf" }) }),
      },
    },
    async (request, reply) => {
      const f = await compile.file(request.ctx(), request.params.campaignId, request.params.draftId, request.params.kind);
      return reply.header("content-type", f.contentType).header("content-disposition", f.disposition).header("cache-control", "private, no-store").send(f.data);
    },
  );
  app.get(
    "/campaigns/:campaignId/compile/diff",
    {
      config: anyone,
      schema: { tags, summary: "So sánh hai bản theo từng mục", params: campaignParams, querystring: z.strictObject({ from: uuidSchema, to: uuidSchema }), response: { 200: compileDiffSchema } },
    },
    async (request) => compile.diff(request.ctx(), request.params.campaignId, request.query.from, request.query.to),
  );
};
