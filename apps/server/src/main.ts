import path from "node:path";
import { pino } from "pino";
import { EnvError, loadConfig, type AppConfig } from "./config/env.js";
import { lockDataDir } from "./db/data-dir-lock.js";
import { openDatabase } from "./db/client.js";
import { systemClock } from "./http/clock.js";
import type { SeedResult } from "./seed/seed.js";
import { VERSION } from "./version.js";

function printAccounts(config: AppConfig, result: SeedResult): void {
  const lines = [
    "",
    `Tổng hợp ${VERSION} đang chạy tại ${config.publicUrl}`,
    result.seeded ? "Tài khoản demo (mật khẩu chỉ hiện một lần, hãy ghi lại):" : "Tài khoản demo (mật khẩu đã in ở lần chạy đầu; đặt DEMO_PASSWORD để dùng một mật khẩu cố định):",
    ...result.accounts.map(
      (a) => `  ${a.username.padEnd(20)} ${(a.password ?? "(đã in ở lần đầu)").padEnd(18)} ${a.note} — ${a.agency}`,
    ),
    "",
  ];
  process.stdout.write(lines.join("\n") + "\n");
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = pino({ level: config.logLevel, base: { app: "tonghop", version: VERSION } });
  const unlock = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir);
  // Start-up time: the database opens (PGlite compiles its WebAssembly off the main thread) while the application
  // modules load; both take about a second.
  const [database, { createContainer }, { buildApp }, { seedIfEmpty }, { JobScheduler }] = await Promise.all([
    openDatabase({ databaseUrl: config.databaseUrl, poolSize: config.databasePoolSize, pgliteDir: path.join(config.dataDir, "pglite") }),
    import("./app/container.js"),
    import("./http/app.js"),
    import("./seed/seed.js"),
    import("./jobs/scheduler.js"),
  ]);
  await database.migrate();
  const container = createContainer({ database, clock: systemClock, config });
  const seed = await seedIfEmpty(container, { demoPassword: config.demoPassword });
  const app = await buildApp({ container, logger });
  // Reminders and the e-mail outbox; every instance runs them, the database arbitrates (jobs/scheduler.ts).
  const jobs = new JobScheduler(container, { logger });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing in-flight requests");
    const force = setTimeout(() => {
      logger.error("shutdown timed out, exiting");
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await app.close();
      await jobs.stop();
      await database.close();
    } finally {
      unlock();
      logger.info("stopped");
      process.exit(0);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));

  await app.listen({ port: config.port, host: config.host });
  jobs.start();
  logger.info({ port: config.port, db: database.kind }, "listening");
  printAccounts(config, seed);
}

main().catch((error: unknown) => {
  process.stderr.write(`Không khởi động được Tổng hợp: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
