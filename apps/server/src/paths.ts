import path from "node:path";
import { fileURLToPath } from "node:url";

// src/paths.ts and dist/paths.js sit at the same depth, so these hold for tests and the built server.
const here = path.dirname(fileURLToPath(import.meta.url));
export const SERVER_ROOT = path.resolve(here, "..");
export const REPO_ROOT = path.resolve(SERVER_ROOT, "../..");
export const SEED_DIR = path.join(SERVER_ROOT, "seed");
export const TEMPLATES_DIR = path.join(REPO_ROOT, "templates");
export const WEB_DIST_DIR = path.join(REPO_ROOT, "apps/web/dist");
