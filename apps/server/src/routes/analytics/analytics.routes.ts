import {
  analyticsCampaignSchema,
  chartDataExportRequestSchema,
  createFigureRequestSchema,
  dashboardQuerySchema,
  demoCampaignRequestSchema,
  demoCampaignResultSchema,
  idParamsSchema,
  indicatorDashboardSchema,
  MAX_FIGURE_BYTES,
  operationsSchema,
  reorderFiguresRequestSchema,
  reportFigureSchema,
  reportFiguresSchema,
  updateFigureRequestSchema,
  uuidSchema,
} from "@tonghop/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createDemoCampaign } from "../../services/analytics/demo-campaign.js";

const figureParams = z.strictObject({ id: uuidSchema, figureId: uuidSchema });

/** RFC 6266 header with a UTF-8 name and an ASCII fallback. */
export function contentDisposition(filename: string): string {
  const ascii = filename
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\w.\- ]+/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export const analyticsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { analytics, figures } = app.container.services;
  const tags = ["Phân tích"];
  const anyone = { access: "authenticated" as const };
  const coordinators = { access: ["coordinator", "coordinator_leader"] as const };

  app.get(
    "/analytics/campaigns",
    { config: anyone, schema: { tags, summary: "Các đợt xem được phân tích (trang đầu của lãnh đạo)", response: { 200: z.array(analyticsCampaignSchema) } } },
    async (request) => analytics.listCampaigns(request.ctx()),
  );
  app.get(
    "/analytics/campaigns/:id/indicators",
    {
      config: anyone,
      schema: { tags, summary: "Chỉ tiêu so với mục tiêu, năm, giai đoạn, địa bàn; cơ cấu; tổng quan theo nhóm", params: idParamsSchema, querystring: dashboardQuerySchema, response: { 200: indicatorDashboardSchema } },
    },
    async (request) => analytics.indicators(request.ctx(), request.params.id, request.query),
  );
  app.get(
    "/analytics/campaigns/:id/operations",
    { config: anyone, schema: { tags, summary: "Tiến độ: mức đầy đủ, đúng hạn theo ngày, xếp hạng cơ quan, phần việc chậm nhất", params: idParamsSchema, response: { 200: operationsSchema } } },
    async (request) => analytics.operations(request.ctx(), request.params.id),
  );
  app.post(
    "/analytics/campaigns/:id/export.xlsx",
    { config: anyone, schema: { tags, summary: "Số liệu của một biểu đồ thành tệp Excel", params: idParamsSchema, body: chartDataExportRequestSchema } },
    async (request, reply) => {
      const file = await analytics.exportXlsx(request.ctx(), request.params.id, request.body);
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", contentDisposition(file.filename))
        .send(file.buffer);
    },
  );

  // --- figures of the compiled report
  app.get(
    "/analytics/campaigns/:id/figures",
    { config: coordinators, schema: { tags, summary: "Biểu đồ đã chèn vào báo cáo và các mục đề cương", params: idParamsSchema, response: { 200: reportFiguresSchema } } },
    async (request) => figures.list(request.ctx(), request.params.id),
  );
  app.post(
    "/analytics/campaigns/:id/figures",
    {
      config: coordinators,
      // A 2 MB PNG is about 2,7 MB of base64: the JSON limit of this route is raised accordingly.
      bodyLimit: Math.ceil((MAX_FIGURE_BYTES * 4) / 3) + 64 * 1024,
      schema: { tags, summary: "Chèn một biểu đồ (PNG ≤ 2 MB) vào báo cáo", params: idParamsSchema, body: createFigureRequestSchema, response: { 201: reportFigureSchema } },
    },
    async (request, reply) => reply.status(201).send(await figures.create(request.ctx(), request.params.id, request.body)),
  );
  app.get(
    "/analytics/campaigns/:id/figures/:figureId/image.png",
    { config: coordinators, schema: { tags, summary: "Ảnh PNG của biểu đồ đã chèn", params: figureParams } },
    async (request, reply) => {
      const png = await figures.image(request.ctx(), request.params.id, request.params.figureId);
      return reply.type("image/png").header("cache-control", "private, max-age=60").send(png);
    },
  );
  app.patch(
    "/analytics/campaigns/:id/figures/:figureId",
    { config: coordinators, schema: { tags, summary: "Sửa chú thích hoặc vị trí chèn", params: figureParams, body: updateFigureRequestSchema, response: { 200: reportFigureSchema } } },
    async (request) => figures.update(request.ctx(), request.params.id, request.params.figureId, request.body),
  );
  app.put(
    "/analytics/campaigns/:id/figures/order",
    { config: coordinators, schema: { tags, summary: "Sắp xếp lại các biểu đồ", params: idParamsSchema, body: reorderFiguresRequestSchema, response: { 200: reportFiguresSchema } } },
    async (request) => figures.reorder(request.ctx(), request.params.id, request.body),
  );
  app.delete(
    "/analytics/campaigns/:id/figures/:figureId",
    { config: coordinators, schema: { tags, summary: "Bỏ biểu đồ khỏi báo cáo", params: figureParams } },
    async (request, reply) => {
      await figures.delete(request.ctx(), request.params.id, request.params.figureId);
      return reply.status(204).send();
    },
  );

  // --- demonstrations
  app.post(
    "/analytics/demo-campaigns",
    {
      config: { access: ["admin"] as const },
      schema: { tags, summary: "Tạo (hoặc điền tiếp) một đợt dữ liệu mẫu từ mẫu gốc để trình diễn phân tích", body: demoCampaignRequestSchema, response: { 200: demoCampaignResultSchema } },
    },
    async (request) => createDemoCampaign(app.container, request.ctx(), request.body),
  );
};
