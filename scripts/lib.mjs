// Helpers for the repository scripts. Node built-ins only: these run before dependencies exist.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

export function log(message) {
  process.stdout.write(`[tonghop] ${message}\n`);
}

/** Runs a command, inheriting stdio; throws on a non-zero exit. */
export function run(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { stdio: "inherit", cwd: ROOT, ...opts });
  if (result.status !== 0) {
    const error = new Error(`${cmd} ${args.join(" ")} thoát với mã ${result.status ?? result.signal}`);
    error.exitCode = result.status ?? 1;
    throw error;
  }
}

/** Runs a command and resolves with its exit code (never throws on failure). */
export function runAsync(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", cwd: ROOT, ...opts });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Newest modification time of the files under `dir` (skipping node_modules and dist). */
export function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop();
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name === "dist" || entry.name.startsWith(".")) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else newest = Math.max(newest, mtime(full));
    }
  }
  return newest;
}

export function commandExists(cmd) {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

/** Builds the server (tsc -b) and the web app (vite) when their sources are newer than the outputs. */
export function buildIfStale({ web = true } = {}) {
  const sources = ["packages/domain/src", "packages/contracts/src", "apps/server/src", "apps/web/src", "apps/web/index.html"].map((p) => path.join(ROOT, p));
  const newestSource = Math.max(
    ...sources.map((s) => (s.endsWith(".html") ? mtime(s) : newestMtime(s))),
    mtime(path.join(ROOT, "package-lock.json")),
  );
  const serverBuilt = Math.max(mtime(path.join(ROOT, "apps/server/dist/main.js")), mtime(path.join(ROOT, "apps/server/dist/.tsbuildinfo")));
  if (serverBuilt < newestSource) {
    log("Biên dịch máy chủ (tsc -b)…");
    run("npx", ["tsc", "-b"]);
  }
  if (web && mtime(path.join(ROOT, "apps/web/dist/index.html")) < newestSource) {
    log("Đóng gói giao diện (vite build)…");
    run("npm", ["run", "build", "-w", "@tonghop/web"]);
  }
}
