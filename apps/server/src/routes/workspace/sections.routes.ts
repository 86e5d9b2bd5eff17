import { readUpload } from "../../http/multipart.js";
import {
  mergeContributionRequestSchema,
  restoreSectionRequestSchema,
  saveSectionRequestSchema,
  SECTION_UPLOAD_MODES,
  sectionDiffQuerySchema,
  sectionDiffSchema,
  sectionPageQuerySchema,
  sectionPageSchema,
  sectionVersionDetailSchema,
  sectionVersionSchema,
  sectionWriteResultSchema,
  uuidSchema,
} from "@tonghop/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { badRequest } from "../../http/errors.js";

/** A section save: up to 2 million characters of HTML (UTF-8, JSON-escaped). */
const SECTION_BODY_LIMIT = 8 * 1024 * 1024;

const pageParams = z.strictObject({ campaignId: uuidSchema, itemId: uuidSchema });
const sectionParams = z.strictObject({ assignmentId: uuidSchema, itemId: uuidSchema });
const versionParams = sectionParams.extend({ version: z.coerce.number({ error: "Số phiên bản phải là số" }).int().min(1) });

/**
 * Narrative sections. Reading: any signed-in user — the service lets an agency see its own work (and, as lead, the
 * sent contributions of cooperating agencies) and the campaign's coordinators and viewers everything. Writing:
 * agency officers and leaders only; the service checks the assignment is theirs and editable in its state.
 */
export const sectionsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { sections } = app.container.services;
  const tags = ["Thuyết minh của đơn vị"];
  const anyone = { access: "authenticated" as const };
  const agency = { access: ["officer", "leader"] as const };

  app.get(
    "/workspace/sections/page/:campaignId/:itemId",
    {
      config: anyone,
      schema: {
        tags,
        summary: "Trang soạn một mục đề cương: mục, hướng dẫn, các mục con, nội dung của đơn vị, ý kiến phối hợp, trạng thái",
        params: pageParams,
        querystring: sectionPageQuerySchema,
        response: { 200: sectionPageSchema },
      },
    },
    async (request) => sections.page(request.ctx(), request.params.campaignId, request.params.itemId, request.query.agency),
  );

  app.put(
    "/workspace/sections/:assignmentId/:itemId",
    {
      config: agency,
      bodyLimit: SECTION_BODY_LIMIT,
      schema: {
        tags,
        summary: "Lưu nội dung mục (HTML được lọc theo danh sách cho phép; 409 VERSION_CONFLICT kèm hai bản khi có người vừa lưu)",
        params: sectionParams,
        body: saveSectionRequestSchema,
        response: { 200: sectionWriteResultSchema },
      },
    },
    async (request) => sections.save(request.ctx(), request.params.assignmentId, request.params.itemId, request.body),
  );

  app.post(
    "/workspace/sections/:assignmentId/:itemId/upload",
    {
      config: agency,
      schema: {
        tags,
        summary: "Tải tệp .docx (≤ 10 MB) vào mục: trường file, baseVersion, mode = replace | append",
        params: sectionParams,
        consumes: ["multipart/form-data"],
        response: { 200: sectionWriteResultSchema },
      },
    },
    async (request) => {
      const file = await readUpload(request, "Chưa chọn tệp .docx.");
      const fields = file.fields;
      const baseVersion = Number(fields.baseVersion);
      if (!Number.isInteger(baseVersion) || baseVersion < 0) throw badRequest("Thiếu phiên bản gốc (baseVersion) hợp lệ.", { field: "baseVersion" });
      const mode = fields.mode ?? "replace";
      if (!(SECTION_UPLOAD_MODES as readonly string[]).includes(mode)) throw badRequest("mode phải là replace hoặc append.", { field: "mode" });
      return sections.upload(request.ctx(), request.params.assignmentId, request.params.itemId, {
        filename: file.filename,
        bytes: file.bytes,
        baseVersion,
        mode: mode as (typeof SECTION_UPLOAD_MODES)[number],
      });
    },
  );

  app.get(
    "/workspace/sections/:assignmentId/:itemId/versions",
    { config: anyone, schema: { tags, summary: "Lịch sử phiên bản của mục", params: sectionParams, response: { 200: z.array(sectionVersionSchema) } } },
    async (request) => sections.versions(request.ctx(), request.params.assignmentId, request.params.itemId),
  );

  app.get(
    "/workspace/sections/:assignmentId/:itemId/versions/:version",
    { config: anyone, schema: { tags, summary: "Nội dung một phiên bản", params: versionParams, response: { 200: sectionVersionDetailSchema } } },
    async (request) => sections.version(request.ctx(), request.params.assignmentId, request.params.itemId, request.params.version),
  );

  app.get(
    "/workspace/sections/:assignmentId/:itemId/diff",
    {
      config: anyone,
      schema: { tags, summary: "So sánh hai phiên bản theo từ (thêm, bớt)", params: sectionParams, querystring: sectionDiffQuerySchema, response: { 200: sectionDiffSchema } },
    },
    async (request) => sections.diff(request.ctx(), request.params.assignmentId, request.params.itemId, request.query.from, request.query.to),
  );

  app.post(
    "/workspace/sections/:assignmentId/:itemId/restore",
    {
      config: agency,
      schema: { tags, summary: "Khôi phục một phiên bản (tạo phiên bản mới)", params: sectionParams, body: restoreSectionRequestSchema, response: { 200: sectionWriteResultSchema } },
    },
    async (request) => sections.restore(request.ctx(), request.params.assignmentId, request.params.itemId, request.body),
  );

  app.post(
    "/workspace/sections/:assignmentId/:itemId/merge",
    {
      config: agency,
      schema: {
        tags,
        summary: "Đưa ý kiến của cơ quan phối hợp (đã gửi) vào cuối bài của cơ quan chủ trì",
        params: sectionParams,
        body: mergeContributionRequestSchema,
        response: { 200: sectionWriteResultSchema },
      },
    },
    async (request) => sections.merge(request.ctx(), request.params.assignmentId, request.params.itemId, request.body),
  );
};
