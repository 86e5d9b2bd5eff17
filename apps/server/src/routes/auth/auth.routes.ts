import { changePasswordRequestSchema, loginRequestSchema, meResponseSchema, okSchema } from "@tonghop/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { SESSION_COOKIE } from "../../http/app.js";
import { SESSION_IDLE_MS } from "../../services/auth.service.js";

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { auth } = app.container.services;
  const secure = app.container.config.secureCookies;

  app.post(
    "/auth/login",
    {
      config: { access: "public" },
      schema: { tags: ["Đăng nhập"], summary: "Đăng nhập", body: loginRequestSchema, response: { 200: meResponseSchema } },
    },
    async (request, reply) => {
      const session = await auth.login(request.ctx(), request.body, { userAgent: request.headers["user-agent"] });
      void reply.setCookie(SESSION_COOKIE, session.token, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure,
        maxAge: Math.floor(SESSION_IDLE_MS / 1000),
      });
      return session.me;
    },
  );

  app.post(
    "/auth/logout",
    { config: { access: "authenticated" }, schema: { tags: ["Đăng nhập"], summary: "Đăng xuất", response: { 200: okSchema } } },
    async (request, reply) => {
      await auth.logout(request.ctx(), request.sessionId!);
      void reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  );

  app.get(
    "/auth/me",
    {
      config: { access: "authenticated" },
      schema: { tags: ["Đăng nhập"], summary: "Người dùng hiện tại và mã CSRF", response: { 200: meResponseSchema } },
    },
    async (request) => auth.me(request.ctx(), request.csrfToken!),
  );

  app.post(
    "/auth/password",
    {
      config: { access: "authenticated" },
      schema: { tags: ["Đăng nhập"], summary: "Đổi mật khẩu", body: changePasswordRequestSchema, response: { 200: okSchema } },
    },
    async (request) => {
      await auth.changePassword(request.ctx(), request.sessionId!, request.body.currentPassword, request.body.newPassword);
      return { ok: true as const };
    },
  );
};
