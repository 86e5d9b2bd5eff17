// Login latency under 20 concurrent users: the built server is started as its own process on a fresh PGlite data
// directory (demo accounts with one known password), then 20 clients sign in over real HTTP, each again and again,
// for a fixed time (after one warm-up round). Every answer must be 200.
//   login-p95   95th percentile of the login time, ms
//   login-p50   median, ms
//   login-rps   logins per second over the run
// BENCH_LOGIN_SECONDS sets the run time (default 20).
// Chạy: npm run bench -- login
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_USERS } from "../apps/server/src/seed/demo-users.js";
import { BENCH_PASSWORD, ensureBuilt, startServer } from "./support/started-server.js";

const CLIENTS = 20;
const SECONDS = Number(process.env.BENCH_LOGIN_SECONDS ?? 20);

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;

ensureBuilt();
const dir = mkdtempSync(path.join(os.tmpdir(), "bench-login-"));
const server = await startServer({ dataDir: dir });
try {
  const login = async (username: string): Promise<number> => {
    const started = performance.now();
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: BENCH_PASSWORD }),
    });
    const body = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`Đăng nhập ${username} trả về ${res.status}: ${body.slice(0, 200)}`);
    return ms;
  };

  // Warm-up: every client once (JIT, connection pool, caches).
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => login(DEMO_USERS[i % DEMO_USERS.length]!.username)));

  const times: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      const username = DEMO_USERS[i % DEMO_USERS.length]!.username;
      while (performance.now() < until) times.push(await login(username));
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const sorted = [...times].sort((a, b) => a - b);
  process.stderr.write(`  ${times.length} lần đăng nhập, ${CLIENTS} người dùng đồng thời, ${elapsed.toFixed(1)} s\n`);
  console.log(`BENCH login-p95 ${percentile(sorted, 0.95).toFixed(1)} ms`);
  console.log(`BENCH login-p50 ${percentile(sorted, 0.5).toFixed(1)} ms`);
  console.log(`BENCH login-rps ${(times.length / elapsed).toFixed(1)} req/s`);
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
