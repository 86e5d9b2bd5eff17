// npm start: builds what is stale, then serves web + API on http://localhost:3000 (PGlite in ./data
// unless DATABASE_URL is set). Node built-ins only.
import { spawn } from "node:child_process";
import path from "node:path";
import { buildIfStale, ROOT } from "./lib.mjs";

buildIfStale();
const child = spawn(process.execPath, ["--enable-source-maps", path.join(ROOT, "apps/server/dist/main.js")], { stdio: "inherit", cwd: ROOT, env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
