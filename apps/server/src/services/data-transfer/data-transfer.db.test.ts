import { PassThrough } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemContext } from "../../auth/actor.js";
import type { Database, Db } from "../../db/client.js";
import * as schema from "../../db/schema/index.js";
import { fillCampaign } from "../../demo/fill-campaign.js";
import { createSmallCampaign } from "../../demo/small-campaign.fixture.js";
import { importSeedCampaign } from "../../test/campaign-fixtures.js";
import { createTestContext, TEST_PASSWORD, type TestContext } from "../../test/test-app.js";
import { createTestDatabase, TEST_DB_KIND } from "../../test/test-database.js";
import { AWKWARD_NUMERIC, AWKWARD_TEXT, AWKWARD_TIMESTAMPS, addAwkwardRows } from "./awkward-rows.fixture.js";
import { rawRows } from "../../db/raw-rows.js";
import { exportDatabase } from "./export.js";
import { DataTransferError } from "./format.js";
import { importDatabase } from "./import.js";
import { linesOf } from "./transfer-files.js";
import { quoteTable, transferTables } from "./table-graph.js";

const TABLES = transferTables(schema);
const NOW = new Date("2024-05-20T03:00:00Z");

/** Every row of every table, canonicalised independently of the exporter: to_jsonb of the row, sorted. */
async function snapshot(database: Pick<Database, "db">): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  await database.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    await db.execute(sql`set local timezone = 'UTC'`);
    await db.execute(sql`set local bytea_output = 'hex'`);
    for (const t of TABLES) {
      const rows = await rawRows<{ j: string }>(db, sql.raw(`select to_jsonb(t)::text as j from ${quoteTable(t)} t order by 1`));
      out.set(t.key, rows.map((r) => r.j));
    }
  });
  return out;
}

function expectSameData(actual: Map<string, string[]>, expected: Map<string, string[]>, step: string): void {
  expect([...actual.keys()], step).toEqual([...expected.keys()]);
  for (const [table, rows] of expected) {
    const got = actual.get(table)!;
    expect(got.length, `${step}: số dòng của ${table}`).toBe(rows.length);
    // Compare row by row so that a difference names the table and shows the row.
    for (let i = 0; i < rows.length; i++) if (got[i] !== rows[i]) expect(got[i], `${step}: ${table}, dòng ${i + 1}`).toBe(rows[i]);
  }
}

async function exportText(database: Pick<Database, "db" | "kind">): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  await exportDatabase(database, out, { now: NOW });
  out.end();
  return Buffer.concat(chunks).toString("utf8");
}

/** The file's lines, delivered in chunks that cut lines and multi-byte characters apart, as a file stream would. */
async function* chunked(text: string): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, "utf8");
  for (let i = 0; i < bytes.length; i += 4093) yield bytes.subarray(i, i + 4093);
}
const importText = (database: Database, text: string, batchRows?: number) =>
  importDatabase(database, linesOf(chunked(text)), batchRows ? { batchRows } : {});

const dataLines = (text: string) => text.split("\n").slice(1, -2); // without the header and the trailer

async function totalRows(database: Pick<Database, "db">): Promise<number> {
  let n = 0;
  for (const rows of (await snapshot(database)).values()) n += rows.length;
  return n;
}

/** Runs on PGlite and on PostgreSQL (TEST_DB): the source is always PGlite; the middle database is TEST_DB's kind. */
describe(`moving all data PGlite → ${TEST_DB_KIND === "postgres" ? "PostgreSQL" : "PGlite"} → PGlite`, () => {
  let source: TestContext;
  let file: string;
  let sourceSnapshot: Map<string, string[]>;

  beforeAll(async () => {
    source = await createTestContext({ kind: "pglite" });
    const c = source.container;
    // Realistic data through the real services: directory and accounts (seed), a published seed campaign with its
    // assignment matrix and notifications, a small campaign filled with sections, versions, figures and records.
    await importSeedCampaign(c, "cv2830-2024-so-ket-nq45", { publish: true });
    const small = await createSmallCampaign(c);
    await fillCampaign(c, small.campaignId, { seed: 11, fraction: 1, now: NOW, pages: 2 });
    const ctx = { ...systemContext(NOW, "test"), ip: "10.0.0.7" };
    await c.services.auth.login(ctx, { username: "tonghop", password: TEST_PASSWORD }, { userAgent: "Trình duyệt “thử” 🧪" });
    await c.services.auth.login(ctx, { username: "giaothong", password: "sai-mat-khau" }, {}).catch(() => undefined);
    // Then awkward values in every table of the schema.
    const added = await c.db.transaction((tx) => addAwkwardRows(tx as unknown as Db, TABLES));
    expect([...added.keys()]).toEqual(TABLES.map((t) => t.key));
    sourceSnapshot = await snapshot(source.database);
    for (const t of TABLES) expect(sourceSnapshot.get(t.key)!.length, `bảng ${t.key} có dữ liệu`).toBeGreaterThan(0);
    file = await exportText(source.database);
  }, 180_000);
  afterAll(async () => source?.close());

  it("writes a header, the tables in foreign-key order and a trailer", () => {
    const lines = file.trimEnd().split("\n");
    const header = JSON.parse(lines[0]!) as { format: string; tables: Array<{ name: string; rows: number }>; source: string; migrations: { hash: string } };
    expect(header.format).toBe("tonghop-data");
    expect(header.source).toBe("pglite");
    expect(header.migrations.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(header.tables.map((t) => t.name)).toEqual(TABLES.map((t) => t.key));
    expect(header.tables.map((t) => t.rows)).toEqual(TABLES.map((t) => sourceSnapshot.get(t.key)!.length));
    const order = header.tables.map((t) => t.name);
    for (const t of TABLES) for (const d of t.dependsOn) expect(order.indexOf(d), `${d} trước ${t.key}`).toBeLessThan(order.indexOf(t.key));
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: "export", tables: TABLES.length });
  });

  it("orders self-referencing rows parent-first", () => {
    const lines = file.split("\n");
    for (const t of TABLES.filter((x) => x.selfReferences.length)) {
      const start = lines.findIndex((l) => l.startsWith(`{"table":"${t.key}"`));
      const cols = (JSON.parse(lines[start]!) as { columns: Array<{ name: string }> }).columns.map((c) => c.name);
      const seen = new Set<string>();
      for (let i = start + 1; lines[i]!.startsWith("["); i++) {
        const row = JSON.parse(lines[i]!) as Array<string | null>;
        for (const ref of t.selfReferences) {
          const parent = row[cols.indexOf(ref.columns[0]!)];
          const own = row[cols.indexOf(ref.foreignColumns[0]!)];
          if (parent != null && parent !== own) expect(seen.has(parent), `${t.key}: dòng cha ${parent} đứng trước`).toBe(true);
        }
        seen.add(row[cols.indexOf(t.primaryKey[0]!)]!);
      }
    }
  });

  it("imports into an empty database, exports it again, imports into a fresh PGlite: every table identical at each step", async () => {
    const middle = await createTestDatabase(TEST_DB_KIND);
    const last = await createTestDatabase("pglite");
    try {
      const r1 = await importText(middle, file, 97);
      expect(r1.rows).toBe([...sourceSnapshot.values()].reduce((s, rows) => s + rows.length, 0));
      expectSameData(await snapshot(middle), sourceSnapshot, `${TEST_DB_KIND} sau khi nhập`);

      const second = await exportText(middle);
      expect(dataLines(second)).toEqual(dataLines(file));
      await importText(last, second);
      expectSameData(await snapshot(last), sourceSnapshot, "PGlite sau khi nhập lại");

      // Awkward values came through exactly (no float drift, microseconds, far dates, text).
      const [num] = await rawRows<{ n: string }>(last.db, sql`select count(*)::text as n from indicator_values where value = ${AWKWARD_NUMERIC}::numeric and value::text = ${AWKWARD_NUMERIC}`);
      expect(Number(num!.n)).toBeGreaterThan(0);
      const [ts] = await rawRows<{ n: string }>(last.db, sql`select count(*)::text as n from audit_log where at = ${AWKWARD_TIMESTAMPS[1]!}::timestamptz`);
      expect(Number(ts!.n)).toBeGreaterThan(0);
      for (const text of AWKWARD_TEXT) {
        const [txt] = await rawRows<{ n: string }>(
          last.db,
          sql`select count(*)::text as n from agency_names a where ${text} in (left(a.name, length(${text})), left(a.short_name, length(${text})), left(a.abbreviation, length(${text})))`,
        );
        expect(Number(txt!.n), text).toBeGreaterThan(0);
      }

      // New rows continue after the imported ids.
      const [srcSeq] = await rawRows<{ v: string }>(source.database.db, sql`select last_value::text as v from audit_log_id_seq`);
      const [inserted] = await rawRows<{ id: string }>(last.db, sql`insert into audit_log (action, entity_type) values ('test', 'test') returning id::text as id`);
      expect(BigInt(inserted!.id)).toBe(BigInt(srcSeq!.v) + 1n);
    } finally {
      await middle.close();
      await last.close();
    }
  }, 120_000);

  it("refuses a database that is not empty, naming a table, and changes nothing", async () => {
    const target = await createTestDatabase(TEST_DB_KIND);
    try {
      await target.db.execute(sql`insert into login_failures (key) values ('u:ai-do')`);
      const before = await snapshot(target);
      const error = await importText(target, file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataTransferError);
      expect((error as Error).message).toContain("Cơ sở dữ liệu đích không trống: bảng public.login_failures đã có 1 dòng");
      expectSameData(await snapshot(target), before, "sau khi từ chối");
    } finally {
      await target.close();
    }
  }, 60_000);

  describe("a damaged file is refused and nothing is written", () => {
    let target: Database;
    beforeAll(async () => {
      target = await createTestDatabase(TEST_DB_KIND);
    });
    afterAll(async () => target?.close());

    const refused = async (text: string, batchRows?: number) => {
      const error = await importText(target, text, batchRows).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataTransferError);
      expect(await totalRows(target), "không có dòng nào được ghi").toBe(0);
      return error as DataTransferError;
    };
    const lines = () => file.split("\n");
    /** 0-based index of the nth row line of a table (the last one when it has fewer). */
    const rowLineOf = (table: string, nth = 1) => {
      const ls = lines();
      const start = ls.findIndex((l) => l.startsWith(`{"table":"${table}"`));
      const rows = (JSON.parse(ls[start]!) as { rows: number }).rows;
      expect(rows).toBeGreaterThan(0);
      return start + Math.min(nth, rows);
    };

    it("a file cut off in the middle of a table", async () => {
      const ls = lines();
      const cut = rowLineOf("public.users", 3);
      const error = await refused(ls.slice(0, cut).join("\n") + "\n" + ls[cut]!.slice(0, 20));
      expect(error.message).toMatch(/cắt cụt|hỏng/);
    });

    it("a file cut off after a whole table", async () => {
      const ls = lines();
      const end = ls.findIndex((l) => l.startsWith(`{"end":"public.users"`));
      const error = await refused(ls.slice(0, end + 1).join("\n") + "\n");
      expect(error.message).toContain("cắt cụt");
    });

    it("a corrupt line, reported with its line number", async () => {
      const ls = lines();
      const bad = rowLineOf("public.agency_names", 5);
      ls[bad] = ls[bad]!.slice(0, -7) + "\u0000}{";
      const error = await refused(ls.join("\n"), 50);
      expect(error.line).toBe(bad + 1);
      expect(error.message).toContain(`Dòng ${bad + 1} `);
    });

    it("a value the database refuses, reported with its line number after earlier batches were written", async () => {
      const ls = lines();
      const bad = rowLineOf("public.audit_log", 30);
      const row = JSON.parse(ls[bad]!) as Array<string | null>;
      row[0] = "không-phải-số";
      ls[bad] = JSON.stringify(row);
      const error = await refused(ls.join("\n"), 7);
      expect(error.line).toBe(bad + 1);
      expect(error.message).toMatch(new RegExp(`Dòng ${bad + 1} \\(bảng public\\.audit_log\\): cơ sở dữ liệu từ chối`));
    });

    it("a row with the wrong number of values", async () => {
      const ls = lines();
      const bad = rowLineOf("public.users", 2);
      ls[bad] = JSON.stringify([...(JSON.parse(ls[bad]!) as unknown[]), "thừa"]);
      const error = await refused(ls.join("\n"));
      expect(error.message).toContain(`Dòng ${bad + 1} (bảng public.users): có`);
    });

    it("a file whose content was altered (checksum)", async () => {
      const ls = lines();
      const bad = rowLineOf("public.agency_names", 1);
      const row = JSON.parse(ls[bad]!) as Array<string | null>;
      row[2] = `${row[2]} (đã sửa)`;
      ls[bad] = JSON.stringify(row);
      const error = await refused(ls.join("\n"));
      expect(error.message).toContain("SHA-256");
    });

    it("a file from another migration set", async () => {
      const ls = lines();
      const header = JSON.parse(ls[0]!) as { migrations: { hash: string; files: string[] } };
      header.migrations = { hash: "0".repeat(64), files: ["0000_cu.sql"] };
      ls[0] = JSON.stringify(header);
      const error = await refused(ls.join("\n"));
      expect(error.message).toContain("bộ migration khác");
      expect(error.message).toContain("0000_cu.sql");
    });

    it("something that is not an export", async () => {
      const error = await refused('{"hello":"world"}\n');
      expect(error.message).toContain("không phải tệp dữ liệu xuất từ Tổng hợp");
    });
  });
});
