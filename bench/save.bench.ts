// Batch saves of the indicator grid under load, on PostgreSQL: 50 agency users, each with its own session, save
// 50-cell batches of their own rows through the real HTTP API (the app started in-process with listen on a free
// port; the clients run on a worker thread of their own). Then every acknowledged write is looked for in the database.
//   0. warm-up (BENCH_WARMUP_SECONDS, 5 s), as paced and not measured: the server's first saves compile its code and
//      prepare its statements on every pooled connection (a server that has just started; its later life is what the
//      goal is about). Its writes are checked with the others.
//   1. paced (BENCH_SECONDS, 30 s): each client saves, waits for the answer, then waits the grid's autosave delay
//      (800 ms, BENCH_PACE_MS) — the fastest any user of the app can cause saves. Goal: p95 < 30 ms.
//   2. saturated (BENCH_SATURATED_SECONDS, 10 s): the same clients with no pause, to show the server's capacity.
// Run: npm run bench -- save   (BENCH_CLIENTS overrides the number of clients; BENCH_PROFILE=x.cpuprofile writes a
// CPU profile of the server's thread during both phases)
// Prints:
//   BENCH save-p50 <ms> ms               (paced)
//   BENCH save-p95 <ms> ms               (paced)
//   BENCH save-p99 <ms> ms               (paced)
//   BENCH save-lost <n> count            (every phase; must be 0)
//   BENCH save-warmup-p95 <ms> ms        (the first seconds after start, shown apart)
//   BENCH save-saturated-p95 <ms> ms     (no pause)
//   BENCH save-throughput <batches/s> batches/s   (no pause)
//   BENCH save-cpu-server <ms> ms        (paced: CPU time of the server's thread per batch; Linux)
//   BENCH save-cpu-postgres <ms> ms      (paced: CPU time of the PostgreSQL processes per batch; Linux, local server)
import { availableParallelism } from "node:os";
import type { AddressInfo } from "node:net";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { Worker } from "node:worker_threads";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { IndicatorGridDto } from "@tonghop/contracts";
import { createContainer } from "../apps/server/src/app/container.js";
import { hashPassword } from "../apps/server/src/auth/password.js";
import { loadConfig } from "../apps/server/src/config/env.js";
import { openDatabase, type Database } from "../apps/server/src/db/client.js";
import { appendices, assignments, indicatorValueHistory, indicatorValues } from "../apps/server/src/db/schema/index.js";
import { buildApp } from "../apps/server/src/http/app.js";
import { systemClock } from "../apps/server/src/http/clock.js";
import { seedIfEmpty } from "../apps/server/src/seed/seed.js";
import { importSeedCampaign, userContext } from "../apps/server/src/test/campaign-fixtures.js";
import { emptyPostgresDatabase } from "../apps/server/src/test/test-database.js";
import { cpuSnapshot, type CpuSnapshot } from "./support/cpu-time.js";
import type { LoadInput, LoadMessage, LoadOutput } from "./support/save-load.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const SATURATED_SECONDS = Number(process.env.BENCH_SATURATED_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
/** The grid saves 800 ms after the last edit (useFigureAutosave): no client of the app saves more often than that. */
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 800);
const POOL = Number(process.env.BENCH_POOL ?? 2 * availableParallelism());
const CELLS = 50;
const ROWS_PER_CLIENT = 10; // × 5 years (2016–2020) = 50 cells
const PASSWORD = "Bench-luu-so-lieu-2024";

/**
 * A fresh, migrated PostgreSQL database (dropped at the end). The pool is sized as README advises for
 * DATABASE_POOL_SIZE: about twice the database server's cores (here the same machine; BENCH_POOL overrides).
 */
async function freshPostgres(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const { url, drop } = await emptyPostgresDatabase("th_bench_save");
  const database = await openDatabase({ databaseUrl: url, poolSize: POOL });
  await database.migrate();
  return {
    database,
    drop: async () => {
      await database.close();
      await drop();
    },
  };
}

/** BENCH_PROFILE=file.cpuprofile: a CPU profile of the server's thread while the clients run. */
async function startProfile(): Promise<() => Promise<void>> {
  const file = process.env.BENCH_PROFILE;
  if (!file) return async () => {};
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return async () => {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

interface Client {
  username: string;
  assignmentId: string;
  appendixId: string;
  cookie: string;
  csrf: string;
  cells: Array<{ rowId: string; columnKey: string; indicatorId: string; period: string }>;
}

async function main() {
  const { database, drop } = await freshPostgres();
  const config = loadConfig({ NODE_ENV: "test", DEMO_PASSWORD: PASSWORD, PUBLIC_URL: "http://127.0.0.1", LOG_LEVEL: "silent" });
  const container = createContainer({ database, clock: systemClock, config });
  try {
    await seedIfEmpty(container, { demoPassword: PASSWORD });
    const db = container.db;

    // Assignments of agencies that may add their own indicators under the open groups of CT15 Phụ lục I (one copy of
    // the campaign per 25 clients): each client gets one assignment of its own.
    const eligible: Array<{ assignmentId: string; agencyId: string; appendixId: string }> = [];
    for (let copy = 0; eligible.length < CLIENTS && copy < 6; copy++) {
      const { campaignId } = await importSeedCampaign(container, "ct15-2020-ke-hoach-5-nam", { publish: true, code: `ct15-bench-${copy}` });
      const [ap] = await db.select().from(appendices).where(and(eq(appendices.campaignId, campaignId), eq(appendices.code, "PL1")));
      const list = await db.select().from(assignments).where(and(eq(assignments.campaignId, campaignId), eq(assignments.appendixId, ap!.id)));
      const coordinator = await userContext(container, "tonghop");
      const grid = await container.services.indicatorsWorkspace.grid(coordinator, ap!.id);
      const open = grid.rows.filter((r) => r.openForAgencies);
      for (const a of list) {
        // Only agencies of the open rows' group can add rows there.
        const view = await container.services.indicatorsWorkspace.grid(coordinator, ap!.id, a.agencyId);
        if (view.rows.some((r) => open.some((o) => o.id === r.id) && r.own)) eligible.push({ assignmentId: a.id, agencyId: a.agencyId, appendixId: ap!.id });
      }
    }
    if (eligible.length < CLIENTS) throw new Error(`Chỉ có ${eligible.length} phần việc cho ${CLIENTS} người dùng`);

    const hash = await hashPassword(PASSWORD);
    const clients: Client[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const e = eligible[i]!;
      const username = `bench.luu.${i}`;
      await container.repos.users.insert(db, { username, fullName: `Chuyên viên thử ${i}`, agencyId: e.agencyId, roles: ["officer"], passwordHash: hash, createdAt: new Date(), updatedAt: new Date() });
      const ctx = await userContext(container, username);
      const g0 = await container.services.indicatorsWorkspace.grid(ctx, e.appendixId);
      const parent = g0.rows.find((r) => r.canAddChild)!;
      for (let r = 0; r < ROWS_PER_CLIENT; r++) {
        await container.services.indicatorsWorkspace.addRow(ctx, e.assignmentId, { parentRowId: parent.id, name: `Chỉ tiêu thử ${i}.${r}`, unit: "tỷ đồng", aggregation: "sum", direction: "higher", decimals: 1 });
      }
      const g = await container.services.indicatorsWorkspace.grid(ctx, e.appendixId);
      const mine = g.rows.filter((r) => r.addedByAgency && r.canEditRow);
      const years = g.columns.filter((c) => c.kind === "value" && c.mode === "input" && /^\d{4}$/.test(c.period ?? ""));
      const cells = mine.flatMap((r) => years.map((c) => ({ rowId: r.id, columnKey: c.key, indicatorId: r.indicatorId!, period: c.period! })));
      if (cells.length !== CELLS) throw new Error(`Người dùng ${i}: ${cells.length} ô thay vì ${CELLS}`);
      clients.push({ username, assignmentId: e.assignmentId, appendixId: e.appendixId, cookie: "", csrf: "", cells });
    }

    const app = await buildApp({ container, logger: false, serveWeb: false });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    for (const c of clients) {
      const res = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ username: c.username, password: PASSWORD }) });
      if (res.status !== 200) throw new Error(`Đăng nhập ${c.username}: ${res.status} ${await res.text()}`);
      c.cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
      c.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
      // Warm up: the grid as the page would load it.
      const g = await fetch(`${base}/api/workspace/indicators/${c.appendixId}`, { headers: { cookie: c.cookie } });
      if (g.status !== 200) throw new Error(`Lưới của ${c.username}: ${g.status}`);
      (await g.json()) as IndicatorGridDto;
    }

    const input: LoadInput = {
      base,
      clients: clients.map((c) => ({ assignmentId: c.assignmentId, cookie: c.cookie, csrf: c.csrf, cells: c.cells })),
      phases: [
        { name: "warm-up", seconds: WARMUP_SECONDS, paceMs: PACE_MS },
        { name: "paced", seconds: SECONDS, paceMs: PACE_MS },
        { name: "saturated", seconds: SATURATED_SECONDS, paceMs: 0 },
      ],
    };
    const stopProfile = await startProfile();
    const cpu = new Map<string, { start: CpuSnapshot | null; end: CpuSnapshot | null }>();
    const output = await new Promise<LoadOutput>((resolve, reject) => {
      const worker = new Worker(new URL("./support/save-load.worker.mjs", import.meta.url), { workerData: input });
      worker.on("message", (m: LoadMessage) => {
        if ("result" in m) return resolve(m.result);
        const at = cpu.get(m.phase) ?? { start: null, end: null };
        at[m.mark] = cpuSnapshot();
        cpu.set(m.phase, at);
      });
      worker.once("error", reject);
      worker.once("exit", (code) => code !== 0 && reject(new Error(`Luồng người dùng thử dừng với mã ${code}`)));
    });
    await stopProfile();
    const lastValue = new Map(output.lastValue);
    const acknowledged = output.acknowledged;
    await app.close();

    // Every acknowledged vintage is stored, and the current value of every cell is the last acknowledged one.
    const indicatorIds = [...new Set(clients.flatMap((c) => c.cells.map((x) => x.indicatorId)))];
    const [stored] = await db.select({ n: sql<number>`count(*)::int` }).from(indicatorValueHistory).where(inArray(indicatorValueHistory.indicatorId, indicatorIds));
    const current = await db
      .select({ indicatorId: indicatorValues.indicatorId, period: indicatorValues.period, value: indicatorValues.value })
      .from(indicatorValues)
      .where(inArray(indicatorValues.indicatorId, indicatorIds));
    const currentOf = new Map(current.map((r) => [`${r.indicatorId}|${r.period}`, r.value]));
    let mismatched = 0;
    for (const c of clients) {
      for (const cell of c.cells) {
        const want = lastValue.get(`${c.assignmentId}|${cell.rowId}|${cell.columnKey}`);
        if (want !== undefined && currentOf.get(`${cell.indicatorId}|${cell.period}`) !== want) mismatched++;
      }
    }
    const lost = Math.max(0, acknowledged - (stored?.n ?? 0)) + mismatched;
    const phase = (name: string) => {
      const ph = output.phases.find((p) => p.name === name)!;
      return { ...ph, sorted: [...ph.latencies].sort((a, b) => a - b) };
    };
    const [warmup, paced, saturated] = [phase("warm-up"), phase("paced"), phase("saturated")];
    for (const ph of [warmup, paced, saturated]) {
      if (!ph.latencies.length) continue;
      process.stderr.write(
        `${ph.name}: ${ph.latencies.length} lô (${ph.failures} lỗi) trong ${ph.seconds.toFixed(1)} s, p50 ${percentile(ph.sorted, 50).toFixed(1)} ms, p95 ${percentile(ph.sorted, 95).toFixed(1)} ms\n`,
      );
    }
    process.stderr.write(`${acknowledged} ô được xác nhận, ${stored?.n ?? 0} ô trong cơ sở dữ liệu, ${CLIENTS} người dùng, ${POOL} kết nối\n`);
    if (warmup.failures || paced.failures || saturated.failures) process.exitCode = 1;
    console.log(`BENCH save-p50 ${percentile(paced.sorted, 50).toFixed(1)} ms`);
    console.log(`BENCH save-p95 ${percentile(paced.sorted, 95).toFixed(1)} ms`);
    console.log(`BENCH save-p99 ${percentile(paced.sorted, 99).toFixed(1)} ms`);
    console.log(`BENCH save-lost ${lost} count`);
    if (warmup.latencies.length) console.log(`BENCH save-warmup-p95 ${percentile(warmup.sorted, 95).toFixed(1)} ms`);
    console.log(`BENCH save-saturated-p95 ${percentile(saturated.sorted, 95).toFixed(1)} ms`);
    console.log(`BENCH save-throughput ${(saturated.latencies.length / saturated.seconds).toFixed(1)} batches/s`);
    // CPU per batch of the paced phase: the server's thread (HTTP, checks, SQL building) and PostgreSQL.
    const pacedCpu = cpu.get("paced");
    if (pacedCpu?.start && pacedCpu.end && paced.latencies.length) {
      const n = paced.latencies.length;
      console.log(`BENCH save-cpu-server ${((pacedCpu.end.serverThreadMs - pacedCpu.start.serverThreadMs) / n).toFixed(2)} ms`);
      console.log(`BENCH save-cpu-postgres ${((pacedCpu.end.postgresMs - pacedCpu.start.postgresMs) / n).toFixed(2)} ms`);
    }
  } finally {
    await drop();
  }
}

await main();
