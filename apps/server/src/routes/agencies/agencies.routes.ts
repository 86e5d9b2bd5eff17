import {
  agencyDetailSchema,
  agencyGroupSchema,
  agencyListQuerySchema,
  agencySchema,
  createAgencyRequestSchema,
  createGroupRequestSchema,
  dissolveAgencyRequestSchema,
  groupMembershipRequestSchema,
  idParamsSchema,
  mergeAgencyRequestSchema,
  plainDateSchema,
  renameAgencyRequestSchema,
  splitAgencyRequestSchema,
  updateAgencyRequestSchema,
  uuidSchema,
} from "@tonghop/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

export const agenciesRoutes: FastifyPluginAsyncZod = async (app) => {
  const { agencies } = app.container.services;
  const tags = ["Cơ quan"];
  const anyone = { access: "authenticated" as const };
  const admin = { access: ["admin"] as const };
  const asOfQuery = z.strictObject({ asOf: plainDateSchema.optional() });

  app.get(
    "/agencies",
    {
      config: anyone,
      schema: { tags, summary: "Danh bạ cơ quan (theo ngày, tìm không dấu)", querystring: agencyListQuerySchema, response: { 200: z.array(agencySchema) } },
    },
    async (request) => agencies.list(request.ctx(), request.query),
  );
  app.get(
    "/agencies/:id",
    { config: anyone, schema: { tags, summary: "Chi tiết cơ quan", params: idParamsSchema, querystring: asOfQuery, response: { 200: agencyDetailSchema } } },
    async (request) => agencies.get(request.ctx(), request.params.id, request.query.asOf),
  );
  app.post(
    "/agencies",
    { config: admin, schema: { tags, summary: "Thêm cơ quan", body: createAgencyRequestSchema, response: { 201: agencyDetailSchema } } },
    async (request, reply) => reply.status(201).send(await agencies.create(request.ctx(), request.body)),
  );
  app.patch(
    "/agencies/:id",
    { config: admin, schema: { tags, summary: "Sửa cơ quan", params: idParamsSchema, body: updateAgencyRequestSchema, response: { 200: agencyDetailSchema } } },
    async (request) => agencies.update(request.ctx(), request.params.id, request.body),
  );
  app.post(
    "/agencies/:id/rename",
    { config: admin, schema: { tags, summary: "Đổi tên từ một ngày", params: idParamsSchema, body: renameAgencyRequestSchema, response: { 200: agencyDetailSchema } } },
    async (request) => agencies.rename(request.ctx(), request.params.id, request.body),
  );
  app.post(
    "/agencies/:id/merge",
    { config: admin, schema: { tags, summary: "Sáp nhập vào cơ quan khác", params: idParamsSchema, body: mergeAgencyRequestSchema, response: { 200: agencyDetailSchema } } },
    async (request) => agencies.merge(request.ctx(), request.params.id, request.body),
  );
  app.post(
    "/agencies/:id/split",
    { config: admin, schema: { tags, summary: "Chia tách", params: idParamsSchema, body: splitAgencyRequestSchema, response: { 200: agencyDetailSchema } } },
    async (request) => agencies.split(request.ctx(), request.params.id, request.body),
  );
  app.post(
    "/agencies/:id/dissolve",
    { config: admin, schema: { tags, summary: "Giải thể", params: idParamsSchema, body: dissolveAgencyRequestSchema, response: { 200: agencyDetailSchema } } },
    async (request) => agencies.dissolve(request.ctx(), request.params.id, request.body),
  );

  app.get(
    "/agency-groups",
    { config: anyone, schema: { tags, summary: "Nhóm cơ quan và thành viên theo ngày", querystring: asOfQuery, response: { 200: z.array(agencyGroupSchema) } } },
    async (request) => agencies.listGroups(request.ctx(), request.query.asOf),
  );
  app.post(
    "/agency-groups",
    { config: admin, schema: { tags, summary: "Thêm nhóm cơ quan", body: createGroupRequestSchema, response: { 201: agencyGroupSchema } } },
    async (request, reply) => reply.status(201).send(await agencies.createGroup(request.ctx(), request.body)),
  );
  app.post(
    "/agency-groups/:id/members",
    {
      config: admin,
      schema: { tags, summary: "Thêm thành viên từ một ngày", params: idParamsSchema, body: groupMembershipRequestSchema, response: { 200: agencyGroupSchema } },
    },
    async (request) => agencies.addMember(request.ctx(), request.params.id, request.body.agencyId, request.body.effectiveDate),
  );
  app.delete(
    "/agency-groups/:id/members/:agencyId",
    {
      config: admin,
      schema: {
        tags,
        summary: "Kết thúc tư cách thành viên từ một ngày",
        params: z.strictObject({ id: uuidSchema, agencyId: uuidSchema }),
        querystring: z.strictObject({ effectiveDate: plainDateSchema }),
        response: { 200: agencyGroupSchema },
      },
    },
    async (request) => agencies.removeMember(request.ctx(), request.params.id, request.params.agencyId, request.query.effectiveDate),
  );
};
