import {
  addAgencyRowRequestSchema,
  agencyRowResultSchema,
  appendixParamsSchema,
  assignmentParamsSchema,
  assignmentRowParamsSchema,
  figureHistoryQuerySchema,
  figureHistorySchema,
  gridQuerySchema,
  indicatorGridSchema,
  rowVersionQuerySchema,
  saveFiguresRequestSchema,
  saveFiguresResultSchema,
  updateAgencyRowRequestSchema,
  uuidSchema,
} from "@tonghop/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/** A grid batch: up to 2 000 cells of ~300 bytes. */
const SAVE_BODY_LIMIT = 2 * 1024 * 1024;

/**
 * The agency's indicator grid. Reading: any signed-in user; the service shows an agency user its own part and the
 * campaign's coordinators and viewers any part, read-only. Writing: agency officers and leaders only (the service
 * checks that the assignment is theirs and editable now).
 */
export const indicatorsWorkspaceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { indicatorsWorkspace } = app.container.services;
  const tags = ["Số liệu chỉ tiêu của đơn vị"];
  const anyone = { access: "authenticated" as const };
  const agency = { access: ["officer", "leader"] as const };

  app.get(
    "/workspace/indicators/:appendixId",
    {
      config: anyone,
      schema: {
        tags,
        summary: "Lưới số liệu của phụ lục chỉ tiêu (phần của đơn vị, hoặc cả phụ lục cho cơ quan tổng hợp, người xem)",
        params: appendixParamsSchema,
        querystring: gridQuerySchema,
        response: { 200: indicatorGridSchema },
      },
    },
    async (request) => indicatorsWorkspace.grid(request.ctx(), request.params.appendixId, request.query.agencyId),
  );

  app.get(
    "/workspace/indicators/:appendixId/history",
    {
      config: anyone,
      schema: {
        tags,
        summary: "Lịch sử một ô số liệu (mọi lần nhập: ai, khi nào, giá trị, trạng thái)",
        params: appendixParamsSchema,
        querystring: figureHistoryQuerySchema.extend({ agencyId: uuidSchema.optional() }),
        response: { 200: figureHistorySchema },
      },
    },
    async (request) => indicatorsWorkspace.history(request.ctx(), request.params.appendixId, request.query.rowId, request.query.columnKey, request.query.agencyId),
  );

  app.post(
    "/workspace/indicators/assignments/:assignmentId/cells",
    {
      config: agency,
      bodyLimit: SAVE_BODY_LIMIT,
      schema: {
        tags,
        summary: "Lưu một lô ô số liệu (tất cả hoặc không ô nào; 409 VERSION_CONFLICT kèm hai phiên bản khi có người vừa sửa)",
        params: assignmentParamsSchema,
        body: saveFiguresRequestSchema,
        response: { 200: saveFiguresResultSchema },
      },
    },
    async (request) => indicatorsWorkspace.save(request.ctx(), request.params.assignmentId, request.body),
  );

  app.post(
    "/workspace/indicators/assignments/:assignmentId/rows",
    {
      config: agency,
      schema: { tags, summary: "Thêm chỉ tiêu của đơn vị dưới dòng mở", params: assignmentParamsSchema, body: addAgencyRowRequestSchema, response: { 201: agencyRowResultSchema } },
    },
    async (request, reply) => reply.status(201).send(await indicatorsWorkspace.addRow(request.ctx(), request.params.assignmentId, request.body)),
  );

  app.patch(
    "/workspace/indicators/assignments/:assignmentId/rows/:rowId",
    {
      config: agency,
      schema: { tags, summary: "Sửa chỉ tiêu đơn vị đã thêm", params: assignmentRowParamsSchema, body: updateAgencyRowRequestSchema, response: { 200: agencyRowResultSchema } },
    },
    async (request) => indicatorsWorkspace.updateRow(request.ctx(), request.params.assignmentId, request.params.rowId, request.body),
  );

  app.delete(
    "/workspace/indicators/assignments/:assignmentId/rows/:rowId",
    {
      config: agency,
      schema: { tags, summary: "Xóa chỉ tiêu đơn vị đã thêm", params: assignmentRowParamsSchema, querystring: rowVersionQuerySchema },
    },
    async (request, reply) => {
      await indicatorsWorkspace.deleteRow(request.ctx(), request.params.assignmentId, request.params.rowId, request.query.version);
      return reply.status(204).send();
    },
  );
};
