import path from "node:path";
import { z } from "zod";

/**
 * Environment, validated once at start. A bad value stops start-up with one line naming the variable.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "phải bắt đầu bằng postgres:// hoặc postgresql://")
    .optional(),
  /** Connections to PostgreSQL per server process; about twice the database server's CPU cores works best. */
  DATABASE_POOL_SIZE: z.coerce.number({ error: "phải là một số" }).int("phải là số nguyên").min(1, "ít nhất 1").max(200, "tối đa 200").default(10),
  DATA_DIR: z.string().min(1).default("./data"),
  SESSION_SECRET: z.string().min(32, "phải dài ít nhất 32 ký tự").optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "phải bắt đầu bằng smtp:// hoặc smtps://")
    .optional(),
  PUBLIC_URL: z.url({ error: "phải là một địa chỉ URL đầy đủ, ví dụ http://localhost:3000" }).optional(),
  DEMO_PASSWORD: z.string().min(8, "phải dài ít nhất 8 ký tự").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  WEB_DIST: z.string().optional(),
});

export type RawEnv = z.infer<typeof envSchema>;

export interface AppConfig {
  nodeEnv: RawEnv["NODE_ENV"];
  port: number;
  host: string;
  /** PostgreSQL URL, or undefined for the embedded PGlite database. */
  databaseUrl: string | undefined;
  /** Connections per process to PostgreSQL (DATABASE_POOL_SIZE). */
  databasePoolSize: number;
  /** Absolute path of the data directory (PGlite files live in DATA_DIR/pglite). */
  dataDir: string;
  sessionSecret: string | undefined;
  smtpUrl: string | undefined;
  publicUrl: string;
  /** Cookies get the Secure flag when the public address is HTTPS. */
  secureCookies: boolean;
  demoPassword: string | undefined;
  logLevel: RawEnv["LOG_LEVEL"];
  webDist: string | undefined;
}

export class EnvError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Biến môi trường ${variable} không hợp lệ: ${detail}`);
    this.name = "EnvError";
  }
}

/** Parses the environment; throws EnvError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in envSchema.shape && value !== undefined && value !== ""),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? "?");
    throw new EnvError(variable, issue?.message ?? "giá trị sai");
  }
  const e = parsed.data;
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    sessionSecret: e.SESSION_SECRET,
    smtpUrl: e.SMTP_URL,
    publicUrl,
    secureCookies: publicUrl.startsWith("https://"),
    demoPassword: e.DEMO_PASSWORD,
    logLevel: e.LOG_LEVEL,
    webDist: e.WEB_DIST,
  };
}
