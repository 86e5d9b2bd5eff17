import {
  addRecordRequestSchema,
  appendixParamsSchema,
  assignmentParamsSchema,
  assignmentRowParamsSchema,
  gridQuerySchema,
  moveRecordRequestSchema,
  recordListSchema,
  recordRowResultSchema,
  rowVersionQuerySchema,
  updateRecordRequestSchema,
} from "@tonghop/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** 20 000-character cells in a few columns. */
const RECORD_BODY_LIMIT = 512 * 1024;

/** Record lists (documents, projects). Reading as for the indicator grid; writing: agency officers and leaders. */
export const recordsWorkspaceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { recordsWorkspace } = app.container.services;
  const tags = ["Danh sách của đơn vị"];
  const anyone = { access: "authenticated" as const };
  const agency = { access: ["officer", "leader"] as const };

  app.get(
    "/workspace/records/:appendixId",
    {
      config: anyone,
      schema: { tags, summary: "Các dòng của phụ lục danh sách (phần của đơn vị, hoặc cả danh sách)", params: appendixParamsSchema, querystring: gridQuerySchema, response: { 200: recordListSchema } },
    },
    async (request) => recordsWorkspace.list(request.ctx(), request.params.appendixId, request.query.agencyId),
  );
  app.post(
    "/workspace/records/assignments/:assignmentId/rows",
    {
      config: agency,
      bodyLimit: RECORD_BODY_LIMIT,
      schema: { tags, summary: "Thêm dòng", params: assignmentParamsSchema, body: addRecordRequestSchema, response: { 201: recordRowResultSchema } },
    },
    async (request, reply) => reply.status(201).send(await recordsWorkspace.add(request.ctx(), request.params.assignmentId, request.body.values)),
  );
  app.patch(
    "/workspace/records/assignments/:assignmentId/rows/:rowId",
    {
      config: agency,
      bodyLimit: RECORD_BODY_LIMIT,
      schema: { tags, summary: "Sửa dòng (kèm phiên bản đã mở)", params: assignmentRowParamsSchema, body: updateRecordRequestSchema, response: { 200: recordRowResultSchema } },
    },
    async (request) => recordsWorkspace.update(request.ctx(), request.params.assignmentId, request.params.rowId, request.body.values, request.body.version),
  );
  app.delete(
    "/workspace/records/assignments/:assignmentId/rows/:rowId",
    { config: agency, schema: { tags, summary: "Xóa dòng do đơn vị thêm", params: assignmentRowParamsSchema, querystring: rowVersionQuerySchema } },
    async (request, reply) => {
      await recordsWorkspace.remove(request.ctx(), request.params.assignmentId, request.params.rowId, request.query.version);
      return reply.status(204).send();
    },
  );
  app.post(
    "/workspace/records/assignments/:assignmentId/rows/:rowId/move",
    {
      config: agency,
      schema: { tags, summary: "Chuyển dòng lên / xuống", params: assignmentRowParamsSchema, body: moveRecordRequestSchema, response: { 200: recordRowResultSchema } },
    },
    async (request) => recordsWorkspace.move(request.ctx(), request.params.assignmentId, request.params.rowId, request.body.direction, request.body.version),
  );
};
