// Starts the built server (apps/server/dist/main.js) as its own process, the way `npm start` does, and measures the
// time from spawning it to the first 200 of GET /api/health. Used by cold-start.bench.ts and login.bench.ts.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const SERVER_MAIN = path.join(ROOT, "apps/server/dist/main.js");
export const BENCH_PASSWORD = "Bench-mat-khau-2024";

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** The web app is served from apps/web/dist: rebuild it when its sources are newer. */
export function ensureWebBuilt(): void {
  const index = path.join(ROOT, "apps/web/dist/index.html");
  const sources = Math.max(...["apps/web/src", "packages/domain/src", "packages/contracts/src"].map((d) => newest(path.join(ROOT, d))));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  process.stderr.write("  đóng gói giao diện (vite build)…\n");
  const r = spawnSync("npm", ["run", "build", "-w", "@tonghop/web"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error("Không đóng gói được giao diện (npm run build -w @tonghop/web)");
}

/** Builds the server and the web app when their sources are newer than the outputs (as `npm start` does). */
export function ensureBuilt(): void {
  const r = spawnSync(process.execPath, ["-e", "import('./scripts/lib.mjs').then((m) => m.buildIfStale({ web: true }))"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (r.status !== 0) {
    if (!existsSync(SERVER_MAIN)) throw new Error("Không biên dịch được máy chủ (npm run build) và chưa có apps/server/dist/main.js.");
    process.stderr.write("Cảnh báo: biên dịch báo lỗi; đo trên bản đã biên dịch hiện có (apps/server/dist).\n");
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const CLOCK_TICKS = (() => {
  const r = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  const n = Number(r.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
})();

/** CPU seconds (user + system, all threads) a process has used so far; null where /proc is not available. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

export interface StartedServer {
  pid: number;
  url: string;
  /** Wall-clock seconds from spawn to the first 200 of /api/health. */
  startSeconds: number;
  /** CPU seconds the server used until then (less sensitive to other load on the machine). */
  cpuSeconds: number | null;
  stop(): Promise<void>;
}

/** Spawns the server on a PGlite data directory and waits for /api/health (polling every 10 ms). */
export async function startServer(opts: { dataDir: string; env?: Record<string, string>; timeoutMs?: number }): Promise<StartedServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    DATA_DIR: opts.dataDir,
    DEMO_PASSWORD: BENCH_PASSWORD,
    LOG_LEVEL: "warn",
    ...opts.env,
  };
  delete env.DATABASE_URL;
  const started = performance.now();
  // Same flags as scripts/start.mjs.
  const child = spawn(process.execPath, ["--enable-source-maps", SERVER_MAIN], { cwd: ROOT, env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));
  const deadline = started + (opts.timeoutMs ?? 300_000);
  for (;;) {
    if (done) throw new Error(`Máy chủ dừng trước khi sẵn sàng: ${stderr.trim()}`);
    if (performance.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("Máy chủ không sẵn sàng trong thời hạn.");
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) {
        await res.arrayBuffer();
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const startSeconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(child.pid!);
  return {
    pid: child.pid!,
    url,
    startSeconds,
    cpuSeconds: cpu,
    stop: async () => {
      if (done) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
