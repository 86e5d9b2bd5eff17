import type { Db } from "./client.js";

/**
 * A hot read prepared once per database handle: drizzle builds its SQL once, and on PostgreSQL each pooled connection
 * parses it once (a named statement) and then only binds and executes it. For reads whose plan does not depend on their
 * values (key lookups): PostgreSQL may keep one plan for every later value. The handle a query was prepared on runs it;
 * a transaction gets its own preparation.
 *
 *   const findSession = prepared((db) => db.select().from(sessions).where(eq(sessions.id, sql.placeholder("id"))).prepare("session_by_id"));
 *   await findSession(db, { id });
 */
export function prepared<P extends Record<string, unknown>, R>(build: (db: Db) => { execute(params: P): Promise<R> }): (db: Db, params: P) => Promise<R> {
  const byHandle = new WeakMap<Db, { execute(params: P): Promise<R> }>();
  return (db, params) => {
    let query = byHandle.get(db);
    if (!query) {
      query = build(db);
      byHandle.set(db, query);
    }
    return query.execute(params);
  };
}
