import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyPostgresDatabase, TEST_DB_KIND } from "../test/test-database.js";
import { MIGRATIONS_DIR } from "./client.js";

/** Raw SQL on an empty database of the kind under test (no drizzle: the schema is older than the code's). */
interface RawDb {
  exec(sql: string): Promise<void>;
  rows<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

async function emptyDatabase(): Promise<RawDb> {
  if (TEST_DB_KIND === "pglite") {
    const lite = await PGlite.create("memory://");
    return {
      exec: async (sql) => void (await lite.exec(sql)),
      rows: async <T>(sql: string) => (await lite.query<T>(sql)).rows,
      close: () => lite.close(),
    };
  }
  const { url, drop } = await emptyPostgresDatabase("th_mig");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    exec: async (sql) => void (await client.query(sql)),
    rows: async <T>(sql: string) => (await client.query(sql)).rows as T[],
    close: async () => {
      await client.end();
      await drop();
    },
  };
}

const migration = (prefix: string) => {
  const file = readdirSync(MIGRATIONS_DIR).find((f) => f.startsWith(prefix) && f.endsWith(".sql"));
  if (!file) throw new Error(`không có migration ${prefix}`);
  return readFileSync(path.join(MIGRATIONS_DIR, file), "utf8");
};

const AGENCY = "00000000-0000-4000-8000-0000000000a1";
const USER = "00000000-0000-4000-8000-0000000000b1";
const IND = "00000000-0000-4000-8000-0000000000c1";
const OLD = "00000000-0000-4000-8000-000000000001";
const CUR_A = "00000000-0000-4000-8000-000000000002";
const CUR_B = "00000000-0000-4000-8000-000000000003";

/** Runs on PGlite and on PostgreSQL (TEST_DB). */
describe("migration 0002: current figures in place, every vintage in the history", () => {
  let db: RawDb;

  beforeAll(async () => {
    db = await emptyDatabase();
    await db.exec(migration("0000_"));
    await db.exec(migration("0001_"));
    // Figures as the schema before 0002 kept them: every vintage in indicator_values, `current` marking the live one.
    await db.exec(`
      insert into agencies (id, code, kind) values ('${AGENCY}', 'CTK', 'so');
      insert into users (id, username, full_name, agency_id, roles, password_hash) values ('${USER}', 'thongke', 'Lê Thị Kê', '${AGENCY}', '{officer}', 'x');
      insert into indicators (id, code, name, unit, direction, aggregation, decimals) values ('${IND}', 'GRDP', 'GRDP', 'tỷ đồng', 'higher', 'sum', 1);
      insert into indicator_values (id, indicator_id, period, area, value, status, note, source, source_agency_id, entered_by, entered_at, version, current) values
        ('${OLD}', '${IND}', '2020', 'HP', 84199.2, 'uoc', 'ước "tháng 11"', null, '${AGENCY}', '${USER}', '2020-12-01T03:00:00Z', 1, false),
        ('${CUR_A}', '${IND}', '2020', 'HP', 84200.7, 'chinh-thuc', null, 'Niên giám 2021', '${AGENCY}', '${USER}', '2021-06-01T03:00:00Z', 2, true),
        ('${CUR_B}', '${IND}', '2021', 'HP', null, 'uoc', null, null, null, null, '2021-12-01T03:00:00Z', 1, true);
    `);
    await db.exec(migration("0002_"));
  });
  afterAll(async () => db?.close());

  it("keeps only the current figures, with their ids, and no `current` column", async () => {
    const rows = await db.rows<{ id: string; period: string; value: string | null; status: string; version: number }>(
      "select id, period, value::text as value, status, version from indicator_values order by period",
    );
    expect(rows).toEqual([
      { id: CUR_A, period: "2020", value: "84200.7", status: "chinh-thuc", version: 2 },
      { id: CUR_B, period: "2021", value: null, status: "uoc", version: 1 },
    ]);
    const cols = await db.rows<{ column_name: string }>("select column_name from information_schema.columns where table_name = 'indicator_values'");
    expect(cols.map((c) => c.column_name)).not.toContain("current");
  });

  it("copies every vintage, the current ones included, exactly into the history", async () => {
    const rows = await db.rows<Record<string, unknown>>(
      `select period, version, value::text as value, status, note, source, source_agency_id, entered_by, entered_at::text as entered_at
         from indicator_value_history order by period, version`,
    );
    expect(rows).toEqual([
      { period: "2020", version: 1, value: "84199.2", status: "uoc", note: 'ước "tháng 11"', source: null, source_agency_id: AGENCY, entered_by: USER, entered_at: "2020-12-01 03:00:00+00" },
      { period: "2020", version: 2, value: "84200.7", status: "chinh-thuc", note: null, source: "Niên giám 2021", source_agency_id: AGENCY, entered_by: USER, entered_at: "2021-06-01 03:00:00+00" },
      { period: "2021", version: 1, value: null, status: "uoc", note: null, source: null, source_agency_id: null, entered_by: null, entered_at: "2021-12-01 03:00:00+00" },
    ]);
  });

  it("refuses a second current figure for a key and the same version twice in the history", async () => {
    await expect(db.exec(`insert into indicator_values (indicator_id, period, area, status, version) values ('${IND}', '2020', 'HP', 'uoc', 3)`)).rejects.toThrow(/indicator_values_key_uq/);
    await expect(db.exec(`insert into indicator_value_history (indicator_id, period, area, status, version) values ('${IND}', '2020', 'HP', 'uoc', 2)`)).rejects.toThrow(/indicator_value_history_pk/);
  });

  it("leaves a fifth of each page of current figures free for their next versions", async () => {
    const [rel] = await db.rows<{ reloptions: string[] | null }>("select reloptions from pg_class where relname = 'indicator_values'");
    expect(rel?.reloptions).toEqual(["fillfactor=80"]);
  });
});
