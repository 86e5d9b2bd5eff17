// Time from process start (spawning node apps/server/dist/main.js, as `npm start` does after building) to the first
// 200 of GET /api/health, on PGlite:
//   cold-start-fresh      a new data directory: migrations, directory, demo accounts and seed campaigns (median)
//   cold-start            the same directory again (median of several starts); goal < 3 s
//   cold-start-cpu        CPU seconds the server used for one existing-directory start (median): the same work
//                         measured without the noise of other processes on the machine
// Runs: BENCH_FRESH_RUNS (default 2), BENCH_EXISTING_RUNS (default 5).
// Chạy: npm run bench -- cold-start
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuilt, median, startServer } from "./support/started-server.js";

const FRESH_RUNS = Number(process.env.BENCH_FRESH_RUNS ?? 2);
const EXISTING_RUNS = Number(process.env.BENCH_EXISTING_RUNS ?? 5);

ensureBuilt();
const dirs: string[] = [];
try {
  const fresh: number[] = [];
  let existingDir = "";
  for (let i = 0; i < FRESH_RUNS; i++) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "bench-cold-start-"));
    dirs.push(dir);
    const s = await startServer({ dataDir: dir });
    await s.stop();
    fresh.push(s.startSeconds);
    existingDir = dir;
    process.stderr.write(`  lần đầu (thư mục mới): ${s.startSeconds.toFixed(2)} s, CPU ${s.cpuSeconds?.toFixed(2) ?? "?"} s\n`);
  }
  const existing: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < EXISTING_RUNS; i++) {
    const s = await startServer({ dataDir: existingDir });
    await s.stop();
    existing.push(s.startSeconds);
    if (s.cpuSeconds != null) cpu.push(s.cpuSeconds);
    process.stderr.write(`  khởi động lại: ${s.startSeconds.toFixed(2)} s, CPU ${s.cpuSeconds?.toFixed(2) ?? "?"} s\n`);
  }
  console.log(`BENCH cold-start-fresh ${median(fresh).toFixed(2)} s`);
  console.log(`BENCH cold-start ${median(existing).toFixed(2)} s`);
  if (cpu.length) console.log(`BENCH cold-start-cpu ${median(cpu).toFixed(2)} s`);
} finally {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
