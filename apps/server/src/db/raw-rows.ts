import type { SQL } from "drizzle-orm";
import type { Db } from "./client.js";

/** Runs raw SQL on either driver and returns its rows as objects. */
export async function rawRows<T>(db: Db, query: SQL): Promise<T[]> {
  // Both drivers return { rows } (node-postgres QueryResult, PGlite Results); drizzle types it per driver.
  const result = (await db.execute(query)) as { rows: T[] };
  return result.rows;
}
