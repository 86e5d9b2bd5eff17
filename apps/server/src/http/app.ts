import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyMultipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Actor, RequestContext } from "../auth/actor.js";
import type { Container } from "../app/container.js";
import { WEB_DIST_DIR } from "../paths.js";
import { registerRoutes } from "../routes/index.js";
import { VERSION } from "../version.js";
import type { Access } from "./access.js";
import { errorHandler } from "./error-handler.js";
import { AppError } from "./errors.js";

z.config(z.locales.vi());

export const SESSION_COOKIE = "th_sid";
export const CSRF_HEADER = "x-csrf-token";
export const JSON_BODY_LIMIT = 1024 * 1024;
export const UPLOAD_LIMIT = 10 * 1024 * 1024;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every schema is zod: handing Fastify the zod compilers as its compiler factories keeps it from loading ajv and
 * fast-json-stringify, which it would otherwise require at start-up and never use (about a second of CPU).
 * The cast: Fastify types the factories with ajv's compiler signature.
 */
type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions["schemaController"]>["compilersFactory"]>;
const zodCompilers = { buildValidator: () => validatorCompiler, buildSerializer: () => serializerCompiler } as unknown as CompilersFactory;

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
    sessionError: AppError | null;
    /** The per-request context passed to services. */
    ctx(): RequestContext;
  }
  interface FastifyInstance {
    container: Container;
  }
}

export interface BuildAppOptions {
  container: Container;
  logger?: FastifyBaseLogger | false;
  /** Serve the built web app (apps/web/dist) when present. */
  serveWeb?: boolean;
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { container } = options;
  const { config, clock } = container;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: JSON_BODY_LIMIT,
    requestIdHeader: "x-request-id",
    genReqId: (req) => {
      const incoming = req.headers["x-request-id"];
      return typeof incoming === "string" && /^[\w.:-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    },
    return503OnClosing: true,
    forceCloseConnections: "idle",
    schemaController: { compilersFactory: zodCompilers },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler(JSON_BODY_LIMIT));
  app.decorate("container", container);
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionId", null);
  app.decorateRequest("csrfToken", null);
  app.decorateRequest("sessionError", null);
  app.decorateRequest("ctx", function (this: FastifyRequest): RequestContext {
    return { actor: this.actor, requestId: String(this.id), ip: this.ip ?? null, now: clock.now() };
  });

  // Every API route must say who may call it.
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/") || route.url.startsWith("/api/docs")) return;
    if (route.method === "HEAD" || route.method === "OPTIONS") return;
    if (route.config?.access == null) throw new Error(`Route ${String(route.method)} ${route.url} khai báo thiếu config.access`);
  });

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 20, parts: 25 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Tổng hợp API", description: "API của hệ thống Tổng hợp báo cáo", version: VERSION },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });

  app.addHook("onSend", async (request, reply) => {
    void reply.header("x-request-id", String(request.id));
  });

  // Session → actor, CSRF, access. Runs before body validation so that 401/403 win over 400.
  app.addHook("onRequest", async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      try {
        const session = await container.services.auth.resolve(token, clock.now());
        if (session) {
          request.actor = session.actor;
          request.sessionId = session.sessionId;
          request.csrfToken = session.csrfToken;
        } else {
          void reply.clearCookie(SESSION_COOKIE, { path: "/" });
        }
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        request.sessionError = error;
        void reply.clearCookie(SESSION_COOKIE, { path: "/" });
      }
    }
    if (!request.url.startsWith("/api/")) return;
    const access: Access | undefined = request.routeOptions.config?.access;
    if (access == null) return; // 404s and docs fall through to their handlers
    if (access === "public") {
      if (!SAFE_METHODS.has(request.method)) assertSameOrigin(request, config.publicUrl);
      return;
    }
    if (!request.actor) {
      throw request.sessionError ?? new AppError("UNAUTHENTICATED", "Bạn cần đăng nhập để sử dụng chức năng này.");
    }
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== request.csrfToken) {
      throw new AppError("CSRF", "Yêu cầu thiếu hoặc sai mã chống giả mạo (CSRF). Hãy tải lại trang rồi thử lại.");
    }
    if (access !== "authenticated" && !access.some((r) => request.actor!.roles.includes(r))) {
      throw new AppError("FORBIDDEN", "Bạn không có quyền sử dụng chức năng này.");
    }
  });

  await app.register(registerRoutes, { prefix: "/api" });

  const webDist = config.webDist ?? WEB_DIST_DIR;
  const serveWeb = options.serveWeb !== false && existsSync(path.join(webDist, "index.html"));
  if (serveWeb) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ["index.html"], maxAge: "1h" });
  }
  app.setNotFoundHandler((request, reply) => {
    if (!request.url.startsWith("/api/") && serveWeb && request.method === "GET") {
      return reply.header("cache-control", "no-cache").sendFile("index.html", webDist, { maxAge: 0 });
    }
    return reply.status(404).send({ code: "NOT_FOUND", message: `Không tìm thấy địa chỉ ${request.method} ${request.url.split("?")[0]}.` });
  });

  return app;
}

/** Without a session (login), a cross-site form post must not get in: check Origin when the browser sends it. */
function assertSameOrigin(request: FastifyRequest, publicUrl: string): void {
  const origin = request.headers.origin;
  if (!origin) return;
  const host = request.headers.host;
  let ok = false;
  try {
    const o = new URL(origin);
    ok = o.host === host || o.origin === new URL(publicUrl).origin;
  } catch {
    ok = false;
  }
  if (!ok) throw new AppError("CSRF", "Yêu cầu đến từ một trang khác bị từ chối.");
}
