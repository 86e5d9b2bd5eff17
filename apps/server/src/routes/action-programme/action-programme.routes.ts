import { readUpload } from "../../http/multipart.js";
import {
  actionTaskSchema,
  createProgrammeRequestSchema,
  importResultSchema,
  outlineChoiceSchema,
  programmeSchema,
  relatedTasksSchema,
  saveTaskRequestSchema,
  sentRemindersSchema,
  taskListQuerySchema,
  taskReportRequestSchema,
  taskReportSchema,
  tasksFromOutlineRequestSchema,
  uuidSchema,
} from "@tonghop/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

/**
 * The action programme: programmes and tasks (coordinator), progress reports (the lead agency), the "Phụ lục nhiệm
 * vụ" exports, the tasks beside the indicators on the dashboards. Every signed-in user reads; the service checks who
 * writes what.
 */
export const actionProgrammeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { actionProgramme } = app.container.services;
  const tags = ["Chương trình hành động"];
  const anyone = { access: "authenticated" as const };
  const coordinators = { access: ["coordinator", "coordinator_leader"] as const };
  const agencies = { access: ["officer", "leader"] as const };
  const idParams = z.strictObject({ id: uuidSchema });

  app.get(
    "/action-programmes",
    { config: anyone, schema: { tags, summary: "Các chương trình hành động", querystring: z.strictObject({ campaignId: uuidSchema.optional() }), response: { 200: z.array(programmeSchema) } } },
    async (request) => actionProgramme.list(request.ctx(), request.query.campaignId),
  );
  app.post(
    "/action-programmes",
    { config: coordinators, schema: { tags, summary: "Lập chương trình hành động của một đợt (kế hoạch)", body: createProgrammeRequestSchema, response: { 201: programmeSchema } } },
    async (request, reply) => reply.status(201).send(await actionProgramme.create(request.ctx(), request.body)),
  );
  app.get(
    "/action-programmes/:id",
    { config: anyone, schema: { tags, summary: "Một chương trình hành động", params: idParams, response: { 200: programmeSchema } } },
    async (request) => actionProgramme.programme(request.ctx(), request.params.id),
  );
  app.get(
    "/action-programmes/:id/tasks",
    { config: anyone, schema: { tags, summary: "Nhiệm vụ (trạng thái tính theo thời hạn và ngày hôm nay)", params: idParams, querystring: taskListQuerySchema, response: { 200: z.array(actionTaskSchema) } } },
    async (request) => actionProgramme.tasks(request.ctx(), request.params.id, request.query),
  );
  app.post(
    "/action-programmes/:id/tasks",
    { config: coordinators, schema: { tags, summary: "Thêm nhiệm vụ", params: idParams, body: saveTaskRequestSchema, response: { 201: actionTaskSchema } } },
    async (request, reply) => reply.status(201).send(await actionProgramme.createTask(request.ctx(), request.params.id, request.body)),
  );
  app.get(
    "/action-programmes/:id/outline",
    { config: anyone, schema: { tags, summary: "Đề cương của đợt để chọn mục tạo nhiệm vụ", params: idParams, response: { 200: z.array(outlineChoiceSchema) } } },
    async (request) => actionProgramme.outlineChoices(request.ctx(), request.params.id),
  );
  app.post(
    "/action-programmes/:id/tasks/from-outline",
    { config: coordinators, schema: { tags, summary: "Tạo nhiệm vụ từ các mục đề cương (nhiệm vụ, giải pháp)", params: idParams, body: tasksFromOutlineRequestSchema, response: { 201: z.array(actionTaskSchema) } } },
    async (request, reply) => reply.status(201).send(await actionProgramme.fromOutline(request.ctx(), request.params.id, request.body.itemIds)),
  );
  app.post(
    "/action-programmes/:id/import",
    {
      config: coordinators,
      schema: { tags, summary: "Nhập danh sách nhiệm vụ từ tệp Excel (≤ 10 MB, trường file): tất cả hoặc không dòng nào; lỗi ghi theo ô", params: idParams, consumes: ["multipart/form-data"], response: { 200: importResultSchema } },
    },
    async (request) => {
      const file = await readUpload(request, "Chưa chọn tệp Excel.");
      return actionProgramme.importWorkbook(request.ctx(), request.params.id, file.filename, file.bytes);
    },
  );
  app.get(
    "/action-programmes/:id/export/:kind",
    { config: anyone, schema: { tags, summary: "Phụ lục nhiệm vụ (DOCX theo NĐ 30 hoặc XLSX nhập lại được)", params: idParams.extend({ kind: z.enum(["docx", "xlsx"], { error: "Loại tệp phải là docx hoặc xlsx" }) }) } },
    async (request, reply) => {
      const f = await actionProgramme.exportFile(request.ctx(), request.params.id, request.params.kind);
      return reply.header("content-type", f.contentType).header("content-disposition", f.disposition).header("cache-control", "private, no-store").send(f.data);
    },
  );
  app.post(
    "/action-programmes/:id/remind",
    { config: coordinators, schema: { tags, summary: "Gửi ngay các lượt nhắc việc đến hạn (mỗi lượt chỉ một lần)", params: idParams, response: { 200: z.object({ sent: z.number().int() }) } } },
    async (request) => actionProgramme.remindNow(request.ctx(), request.params.id),
  );
  app.get(
    "/action-programmes/:id/reminders",
    { config: coordinators, schema: { tags, summary: "Các lần nhắc việc đã gửi của chương trình", params: idParams, response: { 200: sentRemindersSchema } } },
    async (request) => actionProgramme.sentReminders(request.ctx(), request.params.id),
  );
  app.put(
    "/action-tasks/:id",
    { config: coordinators, schema: { tags, summary: "Sửa nhiệm vụ", params: idParams, body: saveTaskRequestSchema, response: { 200: actionTaskSchema } } },
    async (request) => actionProgramme.updateTask(request.ctx(), request.params.id, request.body),
  );
  app.delete(
    "/action-tasks/:id",
    { config: coordinators, schema: { tags, summary: "Xoá nhiệm vụ", params: idParams } },
    async (request, reply) => {
      await actionProgramme.deleteTask(request.ctx(), request.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    "/action-tasks/:id/reports",
    { config: anyone, schema: { tags, summary: "Các kỳ báo cáo tiến độ của nhiệm vụ", params: idParams, response: { 200: z.array(taskReportSchema) } } },
    async (request) => actionProgramme.reports(request.ctx(), request.params.id),
  );
  app.post(
    "/action-tasks/:id/reports",
    { config: agencies, schema: { tags, summary: "Cơ quan chủ trì báo cáo tiến độ kỳ hiện tại", params: idParams, body: taskReportRequestSchema, response: { 200: actionTaskSchema } } },
    async (request) => actionProgramme.report(request.ctx(), request.params.id, request.body),
  );
  app.get(
    "/analytics/campaigns/:id/related-tasks",
    { config: anyone, schema: { tags: ["Phân tích"], summary: "Nhiệm vụ liên quan của từng chỉ tiêu (theo mã chỉ tiêu)", params: idParams, response: { 200: relatedTasksSchema } } },
    async (request) => actionProgramme.relatedTasks(request.ctx(), request.params.id),
  );
};
