import { PassThrough } from "node:stream";
import { sql } from "drizzle-orm";
import { type AnyPgColumn, integer, pgTable, text } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import * as appSchema from "../../db/schema/index.js";
import { createTestDatabase } from "../../test/test-database.js";
import { rawRows } from "../../db/raw-rows.js";
import { exportDatabase } from "./export.js";
import { importDatabase } from "./import.js";
import { linesOf } from "./transfer-files.js";

/** A table with two references to itself (a tree and a "copied from" link) and an identity key. */
const nodes = pgTable("th_test_nodes", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  parentId: integer("parent_id").references((): AnyPgColumn => nodes.id),
  copiedFromId: integer("copied_from_id").references((): AnyPgColumn => nodes.id),
  name: text("name").notNull(),
});
const schema = { ...appSchema, nodes };
const DDL = sql`create table th_test_nodes (
  id integer primary key generated always as identity,
  parent_id integer references th_test_nodes(id),
  copied_from_id integer references th_test_nodes(id),
  name text not null)`;

async function exportText(database: Database): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  await exportDatabase(database, out, { now: new Date("2024-05-20T03:00:00Z"), schema });
  out.end();
  return Buffer.concat(chunks).toString("utf8");
}

function rowsOf(text: string): Array<Array<string | null>> {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.startsWith('{"table":"public.th_test_nodes"'));
  const rows: Array<Array<string | null>> = [];
  for (let i = start + 1; lines[i]!.startsWith("["); i++) rows.push(JSON.parse(lines[i]!) as Array<string | null>);
  return rows;
}

/** Runs on PGlite and on PostgreSQL (TEST_DB). */
describe("tables that reference themselves", () => {
  let source: Database;
  beforeAll(async () => {
    source = await createTestDatabase();
    await source.db.execute(DDL);
    // Inserted so that ids do not follow the tree: 1 is a child of 4, 4 a child of 3; 2 was copied from 1.
    await source.db.execute(sql`insert into th_test_nodes (name) select 'nút ' || g from generate_series(1, 5) g`);
    await source.db.execute(sql`update th_test_nodes set parent_id = 4 where id = 1`);
    await source.db.execute(sql`update th_test_nodes set parent_id = 3 where id = 4`);
    await source.db.execute(sql`update th_test_nodes set copied_from_id = 1, parent_id = 5 where id = 2`);
    await source.db.execute(sql`update th_test_nodes set copied_from_id = 5 where id = 5`); // a row pointing at itself
  });
  afterAll(async () => source?.close());

  it("writes every row after the rows it references (both references), and the copy keeps ids and the identity sequence", async () => {
    const text = await exportText(source);
    const order = rowsOf(text).map((r) => r[0]);
    expect(order).toHaveLength(5);
    const pos = (id: string) => order.indexOf(id);
    expect(pos("3")).toBeLessThan(pos("4"));
    expect(pos("4")).toBeLessThan(pos("1"));
    expect(pos("1")).toBeLessThan(pos("2"));
    expect(pos("5")).toBeLessThan(pos("2"));

    const target = await createTestDatabase();
    try {
      await target.db.execute(DDL);
      await importDatabase(target, linesOf((async function* () { yield Buffer.from(text); })()), { schema, batchRows: 1 });
      const rows = await rawRows<{ r: string }>(target.db, sql`select concat_ws('|', id, coalesce(parent_id::text, ''), coalesce(copied_from_id::text, ''), name) as r from th_test_nodes order by id`);
      expect(rows.map((r) => r.r)).toEqual(["1|4||nút 1", "2|5|1|nút 2", "3|||nút 3", "4|3||nút 4", "5||5|nút 5"]);
      const [next] = await rawRows<{ id: number }>(target.db, sql`insert into th_test_nodes (name) values ('mới') returning id`);
      expect(Number(next!.id)).toBe(6);
    } finally {
      await target.close();
    }
  });

  it("refuses to export rows that reference each other in a circle, naming the table and columns", async () => {
    await source.db.execute(sql`update th_test_nodes set parent_id = 1 where id = 3`); // 1 → 4 → 3 → 1
    try {
      const error = await exportText(source).catch((e: unknown) => e);
      expect((error as Error).message).toBe(
        "Bảng public.th_test_nodes: chỉ xếp được 2/5 dòng theo thứ tự cha trước con — có dòng tham chiếu vòng tròn (cột parent_id; copied_from_id).",
      );
    } finally {
      await source.db.execute(sql`update th_test_nodes set parent_id = null where id = 3`);
    }
  });
});
