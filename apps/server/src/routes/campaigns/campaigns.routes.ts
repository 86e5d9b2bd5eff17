import { readUpload } from "../../http/multipart.js";
import {
  addAppendixRowRequestSchema,
  addMilestoneRequestSchema,
  addOutlineItemRequestSchema,
  assignmentMatrixSchema,
  campaignDetailSchema,
  campaignIdResultSchema,
  campaignSummarySchema,
  campaignVersionQuerySchema,
  catalogueIndicatorDetailSchema,
  catalogueIndicatorSchema,
  catalogueListQuerySchema,
  copyCampaignRequestSchema,
  decideChangeRequestSchema,
  idParamsSchema,
  importTemplateRequestSchema,
  importTemplateResultSchema,
  moveRequestSchema,
  myAssignmentGroupSchema,
  publishCampaignRequestSchema,
  publishCampaignResultSchema,
  recordRowRequestSchema,
  templateSlugSchema,
  updateAppendixRequestSchema,
  updateAppendixRowRequestSchema,
  updateCampaignRequestSchema,
  updateMilestoneRequestSchema,
  updateOutlineItemRequestSchema,
  uuidSchema,
  versionRequestSchema,
} from "@tonghop/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError, badRequest } from "../../http/errors.js";

/** 5 MB of template text, plus JSON overhead. */
const IMPORT_BODY_LIMIT = 6 * 1024 * 1024;
const MAX_TEMPLATE_FILE = 5 * 1024 * 1024;

export const campaignsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { campaigns } = app.container.services;
  const tags = ["Đợt tổng hợp"];
  const anyone = { access: "authenticated" as const };
  /** Setup: coordinator officers and leaders; the service checks the campaign's coordinator agency. */
  const setup = { access: ["coordinator", "coordinator_leader"] as const };
  const detail = { 200: campaignDetailSchema };
  const params = z.strictObject({ id: uuidSchema });
  const itemParams = z.strictObject({ id: uuidSchema, itemId: uuidSchema });
  const appendixParams = z.strictObject({ id: uuidSchema, appendixId: uuidSchema });
  const rowParams = z.strictObject({ id: uuidSchema, appendixId: uuidSchema, rowId: uuidSchema });
  const milestoneParams = z.strictObject({ id: uuidSchema, milestoneId: uuidSchema });

  // --- import
  app.post(
    "/campaigns/import",
    {
      config: setup,
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: "Nhập mẫu đợt tổng hợp (YAML trong JSON); dryRun: chỉ xem trước",
        body: importTemplateRequestSchema,
        response: { 200: importTemplateResultSchema, 201: importTemplateResultSchema },
      },
    },
    async (request, reply) => {
      const { text, dryRun, code, name } = request.body;
      const result = await campaigns.importTemplate(request.ctx(), { text, dryRun: dryRun ?? false, ...(code ? { code } : {}), ...(name ? { name } : {}) });
      return reply.status(result.dryRun ? 200 : 201).send(result);
    },
  );
  app.post(
    "/campaigns/import/file",
    {
      config: setup,
      schema: {
        tags,
        summary: "Nhập mẫu đợt tổng hợp: tải tệp .yaml/.yml (≤ 5 MB), trường dryRun, code, name",
        consumes: ["multipart/form-data"],
        response: { 200: importTemplateResultSchema, 201: importTemplateResultSchema },
      },
    },
    async (request, reply) => {
      const upload = await readUpload(request, "Chưa chọn tệp mẫu (.yaml).", (filename) => {
        if (!/\.ya?ml$/i.test(filename)) throw badRequest(`Tệp "${filename}" không phải tệp mẫu YAML (.yaml hoặc .yml).`, { field: "file" });
      });
      if (upload.bytes.byteLength > MAX_TEMPLATE_FILE) throw new AppError("PAYLOAD_TOO_LARGE", "Tệp mẫu vượt giới hạn 5 MB.");
      const text = Buffer.from(upload.bytes).toString("utf8");
      const fields = upload.fields;
      const code = fields.code?.trim() ? templateSlugSchema.safeParse(fields.code.trim()) : null;
      if (code && !code.success) throw badRequest(code.error.issues[0]?.message ?? "Mã đợt không hợp lệ", { field: "code" });
      const name = fields.name?.trim();
      if (name && name.length > 500) throw badRequest("Tên đợt dài quá 500 ký tự.", { field: "name" });
      const result = await campaigns.importTemplate(request.ctx(), {
        text,
        dryRun: fields.dryRun === "true",
        ...(code?.success ? { code: code.data } : {}),
        ...(name ? { name } : {}),
      });
      return reply.status(result.dryRun ? 200 : 201).send(result);
    },
  );

  // --- read
  app.get(
    "/campaigns",
    { config: anyone, schema: { tags, summary: "Các đợt tổng hợp người dùng được xem", response: { 200: z.array(campaignSummarySchema) } } },
    async (request) => campaigns.list(request.ctx()),
  );
  app.get(
    "/campaigns/:id",
    { config: anyone, schema: { tags, summary: "Một đợt: đề cương, mốc, phụ lục (cột đã triển khai), dòng", params, response: detail } },
    async (request) => campaigns.get(request.ctx(), request.params.id),
  );
  app.get(
    "/campaigns/:id/assignments",
    { config: anyone, schema: { tags, summary: "Bảng phân công: cơ quan × mục đề cương và phụ lục", params, response: { 200: assignmentMatrixSchema } } },
    async (request) => campaigns.matrix(request.ctx(), request.params.id),
  );
  app.get(
    "/campaigns/:id/export",
    { config: anyone, schema: { tags, summary: "Tải đợt dưới dạng mẫu YAML", params, produces: ["application/yaml"] } },
    async (request, reply) => {
      const { fileName, text } = await campaigns.exportYaml(request.ctx(), request.params.id);
      return reply
        .header("content-type", "application/yaml; charset=utf-8")
        .header("content-disposition", `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(text);
    },
  );
  app.get(
    "/me/assignments",
    {
      config: anyone,
      schema: {
        tags,
        summary: "Việc của đơn vị: phần việc của cơ quan người dùng trong các đợt đã ban hành",
        querystring: z.strictObject({ agencyId: uuidSchema.optional() }),
        response: { 200: z.array(myAssignmentGroupSchema) },
      },
    },
    async (request) => campaigns.myAssignments(request.ctx(), request.query.agencyId),
  );

  // --- lifecycle
  app.post(
    "/campaigns/:id/publish",
    { config: setup, schema: { tags, summary: "Ban hành đợt: giao việc cho các cơ quan", params, body: publishCampaignRequestSchema, response: { 200: publishCampaignResultSchema } } },
    async (request) => campaigns.publish(request.ctx(), request.params.id, request.body.version),
  );
  app.post(
    "/campaigns/:id/copy",
    { config: setup, schema: { tags, summary: "Sao chép đợt làm đợt mới (giữ cấu trúc, không chép số liệu)", params, body: copyCampaignRequestSchema, response: { 201: campaignIdResultSchema } } },
    async (request, reply) => reply.status(201).send(await campaigns.copy(request.ctx(), request.params.id, request.body)),
  );
  app.patch(
    "/campaigns/:id",
    { config: setup, schema: { tags, summary: "Sửa tên, mô tả đợt", params, body: updateCampaignRequestSchema, response: detail } },
    async (request) => campaigns.update(request.ctx(), request.params.id, request.body),
  );

  // --- outline
  app.post(
    "/campaigns/:id/outline",
    { config: setup, schema: { tags, summary: "Thêm mục đề cương", params, body: addOutlineItemRequestSchema, response: detail } },
    async (request) => campaigns.addOutlineItem(request.ctx(), request.params.id, request.body),
  );
  app.post(
    "/campaigns/:id/outline/renumber",
    { config: setup, schema: { tags, summary: "Đánh số lại đề cương", params, body: versionRequestSchema, response: detail } },
    async (request) => campaigns.renumberOutline(request.ctx(), request.params.id, request.body.version),
  );
  app.patch(
    "/campaigns/:id/outline/:itemId",
    { config: setup, schema: { tags, summary: "Sửa mục đề cương (nhãn, tiêu đề, hướng dẫn, số trang, cơ quan)", params: itemParams, body: updateOutlineItemRequestSchema, response: detail } },
    async (request) => campaigns.updateOutlineItem(request.ctx(), request.params.id, request.params.itemId, request.body),
  );
  app.delete(
    "/campaigns/:id/outline/:itemId",
    { config: setup, schema: { tags, summary: "Xóa mục đề cương (và mục con)", params: itemParams, querystring: campaignVersionQuerySchema, response: detail } },
    async (request) => campaigns.deleteOutlineItem(request.ctx(), request.params.id, request.params.itemId, request.query.version),
  );
  app.post(
    "/campaigns/:id/outline/:itemId/move",
    { config: setup, schema: { tags, summary: "Chuyển lên, xuống, lùi vào, đưa ra", params: itemParams, body: moveRequestSchema, response: detail } },
    async (request) => campaigns.moveOutlineItem(request.ctx(), request.params.id, request.params.itemId, request.body),
  );

  // --- appendices
  app.patch(
    "/campaigns/:id/appendices/:appendixId",
    { config: setup, schema: { tags, summary: "Sửa phụ lục: tên, tiêu đề, cột, cơ quan được thêm dòng", params: appendixParams, body: updateAppendixRequestSchema, response: detail } },
    async (request) => campaigns.updateAppendix(request.ctx(), request.params.id, request.params.appendixId, request.body),
  );
  app.post(
    "/campaigns/:id/appendices/:appendixId/rows",
    { config: setup, schema: { tags, summary: "Thêm dòng chỉ tiêu", params: appendixParams, body: addAppendixRowRequestSchema, response: detail } },
    async (request) => campaigns.addAppendixRow(request.ctx(), request.params.id, request.params.appendixId, request.body),
  );
  app.patch(
    "/campaigns/:id/appendices/:appendixId/rows/:rowId",
    { config: setup, schema: { tags, summary: "Sửa dòng chỉ tiêu", params: rowParams, body: updateAppendixRowRequestSchema, response: detail } },
    async (request) => campaigns.updateAppendixRow(request.ctx(), request.params.id, request.params.appendixId, request.params.rowId, request.body),
  );
  app.delete(
    "/campaigns/:id/appendices/:appendixId/rows/:rowId",
    { config: setup, schema: { tags, summary: "Xóa dòng chỉ tiêu (và dòng con)", params: rowParams, querystring: campaignVersionQuerySchema, response: detail } },
    async (request) => campaigns.deleteAppendixRow(request.ctx(), request.params.id, request.params.appendixId, request.params.rowId, request.query.version),
  );
  app.post(
    "/campaigns/:id/appendices/:appendixId/rows/:rowId/move",
    { config: setup, schema: { tags, summary: "Di chuyển dòng chỉ tiêu", params: rowParams, body: moveRequestSchema, response: detail } },
    async (request) => campaigns.moveAppendixRow(request.ctx(), request.params.id, request.params.appendixId, request.params.rowId, request.body),
  );
  app.post(
    "/campaigns/:id/appendices/:appendixId/records",
    { config: setup, schema: { tags, summary: "Thêm dòng điền sẵn của phụ lục danh sách", params: appendixParams, body: recordRowRequestSchema, response: detail } },
    async (request) => campaigns.saveRecordRow(request.ctx(), request.params.id, request.params.appendixId, null, request.body),
  );
  app.patch(
    "/campaigns/:id/appendices/:appendixId/records/:rowId",
    { config: setup, schema: { tags, summary: "Sửa dòng điền sẵn", params: rowParams, body: recordRowRequestSchema, response: detail } },
    async (request) => campaigns.saveRecordRow(request.ctx(), request.params.id, request.params.appendixId, request.params.rowId, request.body),
  );
  app.delete(
    "/campaigns/:id/appendices/:appendixId/records/:rowId",
    { config: setup, schema: { tags, summary: "Xóa dòng điền sẵn", params: rowParams, querystring: campaignVersionQuerySchema, response: detail } },
    async (request) => campaigns.deleteRecordRow(request.ctx(), request.params.id, request.params.appendixId, request.params.rowId, request.query.version),
  );

  // --- milestones
  app.post(
    "/campaigns/:id/milestones",
    { config: setup, schema: { tags, summary: "Thêm mốc tiến độ", params, body: addMilestoneRequestSchema, response: detail } },
    async (request) => campaigns.addMilestone(request.ctx(), request.params.id, request.body),
  );
  app.patch(
    "/campaigns/:id/milestones/:milestoneId",
    { config: setup, schema: { tags, summary: "Sửa mốc tiến độ", params: milestoneParams, body: updateMilestoneRequestSchema, response: detail } },
    async (request) => campaigns.updateMilestone(request.ctx(), request.params.id, request.params.milestoneId, request.body),
  );
  app.delete(
    "/campaigns/:id/milestones/:milestoneId",
    { config: setup, schema: { tags, summary: "Xóa mốc tiến độ", params: milestoneParams, querystring: campaignVersionQuerySchema, response: detail } },
    async (request) => campaigns.deleteMilestone(request.ctx(), request.params.id, request.params.milestoneId, request.query.version),
  );

  // --- indicator catalogue
  const catalogueTags = ["Danh mục chỉ tiêu"];
  app.get(
    "/catalogue/indicators",
    { config: anyone, schema: { tags: catalogueTags, summary: "Danh mục chỉ tiêu dùng chung (tìm không dấu)", querystring: catalogueListQuerySchema, response: { 200: z.array(catalogueIndicatorSchema) } } },
    async (request) => campaigns.catalogue(request.ctx(), request.query),
  );
  app.get(
    "/catalogue/indicators/:id",
    { config: anyone, schema: { tags: catalogueTags, summary: "Một chỉ tiêu, các đợt dùng nó và các thay đổi được đề xuất", params: idParamsSchema, response: { 200: catalogueIndicatorDetailSchema } } },
    async (request) => campaigns.catalogueIndicator(request.ctx(), request.params.id),
  );
  app.post(
    "/catalogue/changes/:id/decision",
    {
      config: setup,
      schema: { tags: catalogueTags, summary: "Chấp nhận hoặc từ chối một khác biệt của danh mục", params: idParamsSchema, body: decideChangeRequestSchema, response: { 200: catalogueIndicatorDetailSchema } },
    },
    async (request) => campaigns.decideCatalogueChange(request.ctx(), request.params.id, request.body.decision),
  );
};
