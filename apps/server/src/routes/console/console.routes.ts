import {
  chaseLetterDraftQuerySchema,
  chaseLetterDraftSchema,
  chaseLetterFormSchema,
  chaseLetterSchema,
  extensionRequestSchema,
  issueChaseLetterRequestSchema,
  extensionResultSchema,
  idParamsSchema,
  progressMatrixSchema,
  reviewActionRequestSchema,
  reviewSchema,
  uuidSchema,
} from "@tonghop/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { trustedJsonResponse } from "../../http/trusted-json.js";

/**
 * The coordinator console: progress matrix (coordinators of the campaign, administrators, viewers), review of an
 * outline item and the coordinator's actions, deadline extensions (coordinators of the campaign). The service checks
 * the campaign's coordinator agency; agency users get 403.
 */
export const consoleRoutes: FastifyPluginAsyncZod = async (app) => {
  const svc = app.container.services.console;
  const letters = app.container.services.chaseLetters;
  const tags = ["Điều phối"];
  const readers = { access: ["admin", "coordinator", "coordinator_leader", "viewer"] as const };
  const coordinators = { access: ["coordinator", "coordinator_leader"] as const };
  const itemParams = z.strictObject({ id: uuidSchema, itemId: uuidSchema });

  app.get(
    "/campaigns/:id/progress",
    {
      config: readers,
      schema: { tags, summary: "Ma trận tiến độ: cơ quan × mục đề cương / phụ lục, mức đầy đủ và đúng hạn", params: idParamsSchema, response: { 200: progressMatrixSchema } },
      ...trustedJsonResponse,
    },
    async (request) => svc.progress(request.ctx(), request.params.id),
  );
  app.post(
    "/campaigns/:id/extensions",
    { config: coordinators, schema: { tags, summary: "Gia hạn (hoặc bỏ gia hạn) cho một đơn vị", params: idParamsSchema, body: extensionRequestSchema, response: { 200: extensionResultSchema } } },
    async (request) => svc.extend(request.ctx(), request.params.id, request.body),
  );
  app.get(
    "/campaigns/:id/review/:itemId",
    { config: readers, schema: { tags, summary: "Xem xét một mục: bài của các đơn vị, số liệu liên quan", params: itemParams, response: { 200: reviewSchema } } },
    async (request) => svc.review(request.ctx(), request.params.id, request.params.itemId),
  );
  app.post(
    "/campaigns/:id/review/:itemId/parts/:assignmentId",
    {
      config: coordinators,
      schema: {
        tags,
        summary: "Tiếp nhận, trả lại (có lý do) hoặc mở lại phần của một đơn vị",
        params: z.strictObject({ id: uuidSchema, itemId: uuidSchema, assignmentId: uuidSchema }),
        body: reviewActionRequestSchema,
        response: { 200: reviewSchema },
      },
    },
    async (request) => svc.act(request.ctx(), request.params.id, request.params.itemId, request.params.assignmentId, request.body),
  );

  // --- công văn đôn đốc
  app.get(
    "/campaigns/:id/chase-letter/draft",
    { config: coordinators, schema: { tags, summary: "Dự thảo công văn đôn đốc các đơn vị quá hạn (để sửa trước khi tải)", params: idParamsSchema, querystring: chaseLetterDraftQuerySchema, response: { 200: chaseLetterDraftSchema } } },
    async (request) => letters.draft(request.ctx(), request.params.id, request.query),
  );
  app.post(
    "/campaigns/:id/chase-letter/docx",
    { config: coordinators, schema: { tags, summary: "Tải tệp Word của công văn đã sửa (chưa ghi nhận ban hành)", params: idParamsSchema, body: chaseLetterFormSchema } },
    async (request, reply) => {
      const f = await letters.render(request.ctx(), request.params.id, request.body);
      return reply.header("content-type", f.contentType).header("content-disposition", f.disposition).header("cache-control", "private, no-store").send(f.data);
    },
  );
  app.post(
    "/campaigns/:id/chase-letters",
    { config: coordinators, schema: { tags, summary: "Ghi nhận ban hành công văn đôn đốc (số, ngày, đơn vị; có thể gia hạn theo hạn mới)", params: idParamsSchema, body: issueChaseLetterRequestSchema, response: { 201: chaseLetterSchema } } },
    async (request, reply) => reply.status(201).send(await letters.issue(request.ctx(), request.params.id, request.body)),
  );
  app.get(
    "/campaigns/:id/chase-letters/:letterId/docx",
    { config: { access: "authenticated" as const }, schema: { tags, summary: "Tệp Word của công văn đã ban hành", params: z.strictObject({ id: uuidSchema, letterId: uuidSchema }) } },
    async (request, reply) => {
      const f = await letters.download(request.ctx(), request.params.id, request.params.letterId);
      return reply.header("content-type", f.contentType).header("content-disposition", f.disposition).header("cache-control", "private, no-store").send(f.data);
    },
  );
};
