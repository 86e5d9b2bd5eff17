import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { createContainer, type Container } from "../app/container.js";
import { systemContext } from "../auth/actor.js";
import { loadConfig } from "../config/env.js";
import type { Database } from "../db/client.js";
import { buildApp } from "../http/app.js";
import { systemClock, type Clock } from "../http/clock.js";
import { seedIfEmpty } from "../seed/seed.js";
import { createTestDatabase } from "./test-database.js";

export const TEST_PASSWORD = "Demo-mat-khau-2024";

export interface TestContext {
  database: Database;
  container: Container;
  close(): Promise<void>;
}

/** A migrated database with the seeded directory and demo accounts (password TEST_PASSWORD). */
export async function createTestContext(opts: { clock?: Clock; seed?: boolean; kind?: "pglite" | "postgres" } = {}): Promise<TestContext> {
  const database = await createTestDatabase(opts.kind);
  const config = loadConfig({ NODE_ENV: "test", DEMO_PASSWORD: TEST_PASSWORD, PUBLIC_URL: "http://localhost:3000" });
  const container = createContainer({ database, clock: opts.clock ?? systemClock, config });
  if (opts.seed !== false) await seedIfEmpty(container, { demoPassword: TEST_PASSWORD });
  return { database, container, close: () => database.close() };
}

export const systemCtx = (c: Container) => systemContext(c.clock.now(), "test");

export interface TestApp extends TestContext {
  app: FastifyInstance;
  /** Signs in and returns a client that sends the session cookie and CSRF header. */
  login(username: string, password?: string): Promise<TestClient>;
  anonymous: TestClient;
}

export interface TestClient {
  csrfToken: string | null;
  cookie: string | null;
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

function client(app: FastifyInstance, cookie: string | null, csrfToken: string | null): TestClient {
  const inject = (opts: InjectOptions) =>
    app.inject({
      ...opts,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(csrfToken ? { "x-csrf-token": csrfToken } : {}),
        ...(opts.headers ?? {}),
      },
    });
  const withBody = (method: "POST" | "PATCH" | "PUT") => (url: string, body?: unknown) =>
    inject({ method, url, ...(body === undefined ? {} : { payload: body as InjectOptions["payload"] }) });
  return {
    csrfToken,
    cookie,
    inject,
    get: (url) => inject({ method: "GET", url }),
    post: withBody("POST"),
    patch: withBody("PATCH"),
    put: withBody("PUT"),
    delete: (url) => inject({ method: "DELETE", url }),
  };
}

export async function createTestApp(opts: { clock?: Clock; kind?: "pglite" | "postgres" } = {}): Promise<TestApp> {
  const ctx = await createTestContext(opts);
  const app = await buildApp({ container: ctx.container, logger: false, serveWeb: false });
  await app.ready();
  return {
    ...ctx,
    app,
    anonymous: client(app, null, null),
    async login(username, password = TEST_PASSWORD) {
      const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`Đăng nhập ${username} thất bại: ${res.statusCode} ${res.body}`);
      const setCookie = res.cookies.find((c) => c.name === "th_sid");
      const body = res.json<{ csrfToken: string }>();
      return client(app, setCookie ? `th_sid=${setCookie.value}` : null, body.csrfToken);
    },
    async close() {
      await app.close();
      await ctx.close();
    },
  };
}
