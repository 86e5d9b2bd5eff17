import { readUpload } from "../../http/multipart.js";
import { assignmentParamsSchema, excelApplyRequestSchema, excelApplyResultSchema, excelPreviewSchema } from "@tonghop/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

/**
 * Excel round-trip of the agency's figures: download the workbook (anyone who may view the part), upload a filled
 * workbook for a preview, apply the preview (agency officers and leaders; the service checks the assignment).
 */
export const excelWorkspaceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { excelWorkspace } = app.container.services;
  const tags = ["Số liệu chỉ tiêu của đơn vị"];
  const anyone = { access: "authenticated" as const };
  const agency = { access: ["officer", "leader"] as const };

  app.get(
    "/workspace/indicators/assignments/:assignmentId/workbook",
    { config: anyone, schema: { tags, summary: "Tải tệp Excel của phần việc (tiêu đề nhiều tầng, ô nhập mở khóa, trạng thái từng số)", params: assignmentParamsSchema } },
    async (request, reply) => {
      const { fileName, buffer } = await excelWorkspace.download(request.ctx(), request.params.assignmentId);
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="${fileName.normalize("NFD").replace(/[^\x20-\x7e]/g, "").replace(/"/g, "")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .header("cache-control", "no-store")
        .send(buffer);
    },
  );

  app.post(
    "/workspace/indicators/assignments/:assignmentId/workbook/preview",
    {
      config: agency,
      schema: {
        tags,
        summary: "Tải lên tệp Excel đã điền (≤ 10 MB, trường file): xem trước mọi ô thay đổi và các lỗi (trang!ô)",
        params: assignmentParamsSchema,
        consumes: ["multipart/form-data"],
        response: { 200: excelPreviewSchema },
      },
    },
    async (request) => {
      const file = await readUpload(request, "Chưa chọn tệp Excel.");
      return excelWorkspace.preview(request.ctx(), request.params.assignmentId, file.filename, file.bytes);
    },
  );

  app.post(
    "/workspace/indicators/assignments/:assignmentId/workbook/apply",
    {
      config: agency,
      schema: {
        tags,
        summary: "Áp dụng bản xem trước: tất cả hoặc không ô nào (phiên bản được kiểm tra lại)",
        params: assignmentParamsSchema,
        body: excelApplyRequestSchema,
        response: { 200: excelApplyResultSchema },
      },
    },
    async (request) => excelWorkspace.apply(request.ctx(), request.params.assignmentId, request.body.previewId, request.body.confirmOverOfficial),
  );
};
