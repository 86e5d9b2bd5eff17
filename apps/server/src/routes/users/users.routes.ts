import {
  createUserRequestSchema,
  createUserResponseSchema,
  idParamsSchema,
  resetPasswordResponseSchema,
  updateUserRequestSchema,
  userListQuerySchema,
  userSchema,
} from "@tonghop/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const { users } = app.container.services;
  const admin = { access: ["admin"] as const };
  const tags = ["Người dùng"];

  app.get(
    "/users",
    { config: admin, schema: { tags, summary: "Danh sách người dùng", querystring: userListQuerySchema, response: { 200: z.array(userSchema) } } },
    async (request) => users.list(request.ctx(), request.query),
  );
  app.post(
    "/users",
    { config: admin, schema: { tags, summary: "Tạo người dùng", body: createUserRequestSchema, response: { 201: createUserResponseSchema } } },
    async (request, reply) => reply.status(201).send(await users.create(request.ctx(), request.body)),
  );
  app.get(
    "/users/:id",
    { config: admin, schema: { tags, summary: "Một người dùng", params: idParamsSchema, response: { 200: userSchema } } },
    async (request) => users.get(request.ctx(), request.params.id),
  );
  app.patch(
    "/users/:id",
    {
      config: admin,
      schema: { tags, summary: "Sửa, khóa hoặc mở khóa người dùng", params: idParamsSchema, body: updateUserRequestSchema, response: { 200: userSchema } },
    },
    async (request) => users.update(request.ctx(), request.params.id, request.body),
  );
  app.post(
    "/users/:id/reset-password",
    { config: admin, schema: { tags, summary: "Đặt lại mật khẩu", params: idParamsSchema, response: { 200: resetPasswordResponseSchema } } },
    async (request) => users.resetPassword(request.ctx(), request.params.id),
  );
};
