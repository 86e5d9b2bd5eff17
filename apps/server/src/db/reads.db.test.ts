import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../test/test-database.js";
import type { Database } from "./client.js";
import { rawRows } from "./raw-rows.js";
import { reads } from "./reads.js";

/** Runs on PGlite and on PostgreSQL (TEST_DB). */
describe("reads: independent reads side by side, or one after another in a transaction", () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  /** Three reads that log when they start and end; each takes ~30 ms in the database. */
  function logged(db: Database["db"]) {
    const log: string[] = [];
    const read = (name: string) => async () => {
      log.push(`start ${name}`);
      const [row] = await rawRows<{ name: string }>(db, sql`select ${name}::text as name, pg_sleep(0.03)`);
      log.push(`end ${name}`);
      return row!.name;
    };
    return { log, run: [read("a"), read("b"), read("c")] as const };
  }

  it("outside a transaction, every read starts at once and the answers keep their order", async () => {
    const { log, run } = logged(database.db);
    const answers = await reads(database.db, run);
    expect(answers).toEqual(["a", "b", "c"]);
    expect(log.slice(0, 3)).toEqual(["start a", "start b", "start c"]);
  });

  it("inside a transaction, each read starts when the one before has ended (one connection)", async () => {
    const answers = await database.db.transaction(async (tx) => {
      const { log, run } = logged(tx);
      const out = await reads(tx, run);
      expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
      return out;
    });
    expect(answers).toEqual(["a", "b", "c"]);
  });

  it("a failing read fails the whole and, in a transaction, the reads after it never start", async () => {
    const started: string[] = [];
    await expect(
      database.db.transaction(async (tx) =>
        reads(tx, [
          async () => {
            started.push("fail");
            await rawRows(tx, sql`select 1/0`);
          },
          async () => {
            started.push("after");
            return 1;
          },
        ]),
      ),
    ).rejects.toThrow();
    expect(started).toEqual(["fail"]);
  });
});
