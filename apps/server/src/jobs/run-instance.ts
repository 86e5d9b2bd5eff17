/**
 * One server instance (HTTP API + job scheduler) as main.ts runs it, with the job timings given on the command line,
 * for the multi-instance tests: `node --conditions=source --import tsx apps/server/src/jobs/run-instance.ts
 * --instance=A --lease-ms=3000 --mail-interval-ms=200 --reminder-interval-ms=500`. The environment is the server's
 * (DATABASE_URL, SMTP_URL, PUBLIC_URL, …); it prints "READY <port>" when listening and stops on SIGTERM like main.ts
 * (HTTP first, then the scheduler, then the database).
 */
import { createContainer } from "../app/container.js";
import { loadConfig } from "../config/env.js";
import { openDatabase } from "../db/client.js";
import { buildApp } from "../http/app.js";
import { systemClock } from "../http/clock.js";
import { JobScheduler } from "./scheduler.js";

function arg(name: string): string | undefined {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit?.slice(name.length + 3);
}

async function run(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error("run-instance: DATABASE_URL is required (several instances share one PostgreSQL)");
  const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 5 });
  await database.migrate();
  const container = createContainer({ database, clock: systemClock, config });
  const lease = arg("lease-ms");
  if (lease) container.services.outbox.leaseMs = Number(lease);
  const app = await buildApp({ container, logger: false, serveWeb: false });
  const jobs = new JobScheduler(container, {
    instance: arg("instance"),
    mailIntervalMs: Number(arg("mail-interval-ms") ?? 5000),
    reminderIntervalMs: Number(arg("reminder-interval-ms") ?? 60_000),
    logger: { info: (o, m) => process.stdout.write(`${m} ${JSON.stringify(o)}\n`), error: (o, m) => process.stderr.write(`${m} ${JSON.stringify(o)}\n`) },
  });
  const stop = async () => {
    await app.close();
    await jobs.stop();
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  await app.listen({ port: 0, host: "127.0.0.1" });
  jobs.start();
  const address = app.server.address();
  process.stdout.write(`READY ${typeof address === "object" && address ? address.port : 0}\n`);
}

run().catch((error: unknown) => {
  process.stderr.write(`run-instance: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
