import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db } from "./client.js";

/**
 * Runs independent reads: side by side on a pool (each takes a connection of its own), one after another inside a
 * transaction (one connection: node-postgres queues overlapping queries on a client, warns, and its version 9 refuses
 * them). Each read is a function, so that none starts before its turn.
 */
export async function reads<T extends readonly unknown[]>(db: Db, run: { [K in keyof T]: () => PromiseLike<T[K]> }): Promise<T> {
  const thunks = run as readonly (() => PromiseLike<unknown>)[];
  if (!(db instanceof PgTransaction)) return (await Promise.all(thunks.map((f) => f()))) as unknown as T;
  const out: unknown[] = [];
  for (const f of thunks) out.push(await f());
  return out as unknown as T;
}
