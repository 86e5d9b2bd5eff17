// prestart / pretest: installs npm dependencies when node_modules is missing or older than
// package-lock.json. Node built-ins only.
import { existsSync } from "node:fs";
import path from "node:path";
import { log, mtime, ROOT, run } from "./lib.mjs";

const lock = path.join(ROOT, "package-lock.json");
const installed = path.join(ROOT, "node_modules", ".package-lock.json");
const workspaceManifests = ["package.json", "packages/domain/package.json", "packages/contracts/package.json", "apps/server/package.json", "apps/web/package.json"];

const stale =
  !existsSync(installed) ||
  mtime(lock) > mtime(installed) ||
  workspaceManifests.some((m) => mtime(path.join(ROOT, m)) > mtime(installed) && mtime(path.join(ROOT, m)) > mtime(lock));

if (stale) {
  log(existsSync(installed) ? "package-lock.json mới hơn node_modules: cài lại (npm ci)…" : "Chưa có node_modules: cài đặt (npm ci)…");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
} else {
  log("Thư viện npm đã đủ.");
}
