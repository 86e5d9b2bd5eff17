import {
  answerCommentRequestSchema,
  commentInboxItemSchema,
  commentListQuerySchema,
  commentRoundSchema,
  commentSchema,
  createCommentRequestSchema,
  openRoundRequestSchema,
  rerouteCommentRequestSchema,
  roundDocumentSchema,
  sentRemindersSchema,
  uuidSchema,
} from "@tonghop/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

/**
 * Comment rounds on a compiled draft: open (coordinator), read the draft, comment (agencies asked; the coordinator
 * for external bodies), answer (the lead agency the comment is routed to), re-route and override (coordinator), the
 * "tiếp thu, giải trình" table. The service checks the round and the comment for every call.
 */
export const commentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { comments } = app.container.services;
  const tags = ["Lấy ý kiến dự thảo"];
  const anyone = { access: "authenticated" as const };
  const coordinators = { access: ["coordinator", "coordinator_leader"] as const };
  const agencies = { access: ["officer", "leader"] as const };
  const commenters = { access: ["officer", "leader", "coordinator", "coordinator_leader"] as const };
  const idParams = z.strictObject({ id: uuidSchema });

  app.get(
    "/comment-rounds",
    { config: anyone, schema: { tags, summary: "Các đợt lấy ý kiến xem được", querystring: z.strictObject({ campaignId: uuidSchema.optional() }), response: { 200: z.array(commentRoundSchema) } } },
    async (request) => comments.listRounds(request.ctx(), request.query.campaignId),
  );
  app.post(
    "/campaigns/:campaignId/comment-rounds",
    {
      config: coordinators,
      schema: { tags, summary: "Mở đợt lấy ý kiến trên một bản dự thảo", params: z.strictObject({ campaignId: uuidSchema }), body: openRoundRequestSchema, response: { 201: commentRoundSchema } },
    },
    async (request, reply) => reply.status(201).send(await comments.openRound(request.ctx(), request.params.campaignId, request.body)),
  );
  app.get(
    "/comment-rounds/:id",
    { config: anyone, schema: { tags, summary: "Một đợt lấy ý kiến", params: idParams, response: { 200: commentRoundSchema } } },
    async (request) => comments.round(request.ctx(), request.params.id),
  );
  app.get(
    "/comment-rounds/:id/reminders",
    { config: coordinators, schema: { tags, summary: "Các lần nhắc trả lời ý kiến đã gửi trong đợt", params: idParams, response: { 200: sentRemindersSchema } } },
    async (request) => comments.sentReminders(request.ctx(), request.params.id),
  );
  app.post(
    "/comment-rounds/:id/close",
    { config: coordinators, schema: { tags, summary: "Kết thúc đợt lấy ý kiến", params: idParams, response: { 200: commentRoundSchema } } },
    async (request) => comments.closeRound(request.ctx(), request.params.id),
  );
  app.get(
    "/comment-rounds/:id/document",
    { config: anyone, schema: { tags, summary: "Dự thảo để góp ý: các mục theo đoạn, các phụ lục theo dòng và cột", params: idParams, response: { 200: roundDocumentSchema } } },
    async (request) => comments.document(request.ctx(), request.params.id),
  );
  app.get(
    "/comment-rounds/:id/comments",
    { config: anyone, schema: { tags, summary: "Ý kiến góp ý của đợt (lọc theo trạng thái, cơ quan xử lý, vị trí, cơ quan góp ý)", params: idParams, querystring: commentListQuerySchema, response: { 200: z.array(commentSchema) } } },
    async (request) => comments.list(request.ctx(), request.params.id, request.query),
  );
  app.post(
    "/comment-rounds/:id/comments",
    { config: commenters, schema: { tags, summary: "Góp ý vào một mục, một đoạn văn hoặc một ô phụ lục", params: idParams, body: createCommentRequestSchema, response: { 201: commentSchema } } },
    async (request, reply) => reply.status(201).send(await comments.addComment(request.ctx(), request.params.id, request.body)),
  );
  app.get(
    "/comment-rounds/:id/table/:kind",
    {
      config: anyone,
      schema: { tags, summary: "Bảng tổng hợp tiếp thu, giải trình ý kiến (DOCX theo NĐ 30 hoặc XLSX)", params: idParams.extend({ kind: z.enum(["docx", "xlsx"], { error: "Loại tệp phải là docx hoặc xlsx" }) }) },
    },
    async (request, reply) => {
      const f = await comments.table(request.ctx(), request.params.id, request.params.kind);
      return reply.header("content-type", f.contentType).header("content-disposition", f.disposition).header("cache-control", "private, no-store").send(f.data);
    },
  );
  app.get(
    "/comment-inbox",
    { config: agencies, schema: { tags, summary: "Ý kiến cần xử lý của cơ quan (chưa trả lời trước)", response: { 200: z.array(commentInboxItemSchema) } } },
    async (request) => comments.inbox(request.ctx()),
  );
  app.post(
    "/comments/:id/answer",
    { config: agencies, schema: { tags, summary: "Cơ quan chủ trì trả lời: tiếp thu, giải trình hoặc không tiếp thu", params: idParams, body: answerCommentRequestSchema, response: { 200: commentSchema } } },
    async (request) => comments.answer(request.ctx(), request.params.id, request.body),
  );
  app.post(
    "/comments/:id/override",
    { config: coordinators, schema: { tags, summary: "Cơ quan tổng hợp quyết định nội dung trả lời", params: idParams, body: answerCommentRequestSchema, response: { 200: commentSchema } } },
    async (request) => comments.override(request.ctx(), request.params.id, request.body),
  );
  app.post(
    "/comments/:id/reroute",
    { config: coordinators, schema: { tags, summary: "Chuyển ý kiến cho cơ quan khác xử lý", params: idParams, body: rerouteCommentRequestSchema, response: { 200: commentSchema } } },
    async (request) => comments.reroute(request.ctx(), request.params.id, request.body),
  );
};
