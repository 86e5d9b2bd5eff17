// Regenerates the SQL migrations of apps/server from the drizzle schema (drizzle-kit generate).
// Run through `npm run db:generate` (add `-- --fresh` to rebuild the whole history as 0000_init, allowed
// only before the first release). Uses the "source" export condition so workspace packages resolve to
// their TypeScript sources.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../apps/server");
const args = process.argv.slice(2);
const fresh = args.includes("--fresh");

// Several people (or helpers) may regenerate at once in one working tree: serialise with a lock dir.
const lock = path.join(serverDir, ".db-generate.lock");
for (let i = 0; ; i++) {
  try {
    mkdirSync(lock);
    break;
  } catch {
    const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 120_000) rmSync(lock, { recursive: true, force: true });
    if (i > 240) throw new Error("Không lấy được khóa sinh migration (apps/server/.db-generate.lock)");
    await new Promise((r) => setTimeout(r, 500));
  }
}
process.on("exit", () => rmSync(lock, { recursive: true, force: true }));
const passthrough = args.filter((a) => a !== "--fresh");
if (fresh) rmSync(path.join(serverDir, "migrations"), { recursive: true, force: true });
const result = spawnSync("npx", ["drizzle-kit", "generate", ...(fresh ? ["--name=init"] : []), ...passthrough], {
  cwd: serverDir,
  stdio: "inherit",
  env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --conditions=source`.trim() },
});
process.exit(result.status ?? 1);
