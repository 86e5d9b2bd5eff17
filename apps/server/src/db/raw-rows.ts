import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "./client.js";

/** Runs raw SQL on either driver and returns its rows as objects. */
export async function rawRows<T>(db: Db, query: SQL): Promise<T[]> {
  // Both drivers return { rows } (node-postgres QueryResult, PGlite Results); drizzle types it per driver.
  const result = (await db.execute(query)) as { rows: T[] };
  return result.rows;
}

const dialect = new PgDialect();
const names = new Map<string, string>();

/**
 * `rawRows` for a hot statement built with values (not placeholders). On PostgreSQL it runs as a named statement: each
 * pooled connection parses it once, and after a few runs PostgreSQL may keep one plan for every later call instead of
 * planning each one (for a statement of several CTEs, parsing and planning cost about as much as running it). Only for
 * statements whose plan is the same whatever the values and the size of the tables (key lookups, inserts): a plan
 * kept from when a table was small must stay right when it has grown.
 *
 * The name is `label` and a hash of the SQL text: statements of one label that differ in shape get names of their
 * own (node-postgres refuses a name reused with another text). PGlite ignores the name.
 */
export async function preparedRawRows<T>(db: Db, label: string, query: SQL): Promise<T[]> {
  const built = dialect.sqlToQuery(query);
  let name = names.get(built.sql);
  if (!name) {
    name = `${label}_${createHash("sha256").update(built.sql).digest("hex").slice(0, 16)}`;
    if (names.size >= 500) names.clear();
    names.set(built.sql, name);
  }
  const result = (await db._.session.prepareQuery(built, undefined, name, false).execute()) as { rows: T[] };
  return result.rows;
}
