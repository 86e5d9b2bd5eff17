// Runs a server command-line tool (apps/server/src/cli/<name>.ts, built to dist) after building what is
// stale: npm run db:export -- FILE, template:check -- FILE, … Node built-ins only.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { buildIfStale, log, ROOT } from "./lib.mjs";

const [name, ...args] = process.argv.slice(2);
const entry = path.join(ROOT, "apps/server/dist/cli", `${name}.js`);
buildIfStale({ web: false });
if (!existsSync(entry)) {
  log(`Không có công cụ "${name}" (${path.relative(ROOT, entry)}).`);
  process.exit(2);
}
// Paths given by the user are relative to where npm was run (INIT_CWD), not to the repository.
const cwd = process.env.INIT_CWD ?? process.cwd();
const result = spawnSync(process.execPath, ["--enable-source-maps", entry, ...args], { stdio: "inherit", cwd, env: process.env });
process.exit(result.status ?? 1);
