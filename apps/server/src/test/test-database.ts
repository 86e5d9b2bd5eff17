import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { MIGRATIONS_DIR, openDatabase, type Database } from "../db/client.js";

/** Which database the repository/service tests run on: TEST_DB=pglite (memory://) or postgres. */
export const TEST_DB_KIND = process.env.TEST_DB === "postgres" ? "postgres" : "pglite";
export const TEST_POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const TEMPLATE_LOCK = 7_310_001;

export function databaseUrl(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

function migrationsHash(): string {
  const h = createHash("sha256");
  for (const f of readdirSync(MIGRATIONS_DIR).filter((x) => x.endsWith(".sql")).sort()) {
    h.update(f).update(readFileSync(path.join(MIGRATIONS_DIR, f)));
  }
  return h.digest("hex").slice(0, 12);
}

/** Drops a PostgreSQL database of the tests (with force: its connections are closed). */
export async function dropPostgresDatabase(name: string): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
  await c.connect();
  try {
    await c.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await c.end();
  }
}

/** A new, empty PostgreSQL database named `<prefix>_<pid>_<random>` (not migrated); `drop()` removes it. */
export async function emptyPostgresDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  return { url: databaseUrl(TEST_POSTGRES_ADMIN_URL, name), drop: () => dropPostgresDatabase(name) };
}

/**
 * A fresh, migrated database for one test file. On PostgreSQL: a new database cloned from a migrated
 * template (created once per migration set), dropped again by `close()`.
 */
export async function createTestDatabase(kind: "pglite" | "postgres" = TEST_DB_KIND): Promise<Database> {
  if (kind === "pglite") {
    const db = await openDatabase({ pgliteDir: "memory://" });
    await db.migrate();
    return db;
  }
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
  await admin.connect();
  const template = `th_tpl_${migrationsHash()}`;
  const name = `th_t_${process.pid}_${randomBytes(4).toString("hex")}`;
  try {
    await admin.query("select pg_advisory_lock($1)", [TEMPLATE_LOCK]);
    const exists = await admin.query("select 1 from pg_database where datname = $1", [template]);
    if (!exists.rowCount) {
      await admin.query(`create database "${template}"`);
      const tpl = await openDatabase({ databaseUrl: databaseUrl(TEST_POSTGRES_ADMIN_URL, template), poolSize: 2 });
      try {
        await tpl.migrate();
      } finally {
        await tpl.close();
      }
    }
    await admin.query(`create database "${name}" template "${template}"`);
  } finally {
    await admin.query("select pg_advisory_unlock($1)", [TEMPLATE_LOCK]).catch(() => undefined);
    await admin.end();
  }
  const db = await openDatabase({ databaseUrl: databaseUrl(TEST_POSTGRES_ADMIN_URL, name), poolSize: 10 });
  return {
    ...db,
    db: db.db,
    kind: db.kind,
    migrate: () => db.migrate(),
    close: async () => {
      await db.close();
      await dropPostgresDatabase(name);
    },
  };
}
