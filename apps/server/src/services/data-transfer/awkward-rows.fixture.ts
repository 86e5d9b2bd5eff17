// Test fixture: adds rows with awkward values (Vietnamese text, quotes, HTML, emoji, NULLs, negative and long numerics,
// far dates, empty and odd arrays, nested JSON, binary data) to EVERY table of the schema, generically, so that tables
// added later are covered without touching this file. A table that has rows gets mutated copies of one of them (its
// foreign keys and CHECK-constrained columns kept, so the copy is valid); an empty table gets a row built from scratch
// (foreign keys pointing at existing parent rows, CHECK "IN (…)" columns taking the first allowed value). A unique
// conflict moves the row to other parent rows; a CHECK failure sets the constrained nullable columns to NULL.

import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { rawRows } from "../../db/raw-rows.js";
import { dbColumns, type DbColumn } from "./catalog.js";
import { quoteIdent, quoteTable, type TransferTable } from "./table-graph.js";

export const AWKWARD_TEXT = [
  `Sở Kế hoạch và Đầu tư — "Báo cáo" 'sơ kết' <b>đậm</b> <script>alert("x")</script> & &amp; 🇻🇳👍🏽🧑‍💻 ∑≈≠`,
  "O'Brien; DROP TABLE users; -- \\ gạch\\ngược \\x00 %_ {1,2} \"{}\"",
  "dòng 1\ndòng 2\r\n\ttab\u00a0nbsp\u200bzwsp ỰỸỲ ăâđêôơư",
  "",
];
/** Far beyond a double's precision: a float round trip would change it. */
export const AWKWARD_NUMERIC = "-123456789012345678901234.123456789012";
export const AWKWARD_TIMESTAMPS = ["1901-12-13 20:45:52.123456+00", "2999-12-31 23:59:59.999999+00"];
export const AWKWARD_DATES = ["1900-02-28", "9999-12-31"];
/** Written as JSON text, so numbers beyond a double (the jsonb keeps them exactly) can be in it. */
export const AWKWARD_JSON = `{"big": 12345678901234567890.123456789, "tiny": -1e-30, ${JSON.stringify({
  vi: "Tiếng Việt “ngoặc kép” 😀",
  quote: `"'\\</script>`,
  numbers: [0, -0.000001, 2.5, 1e-7, -42],
  nested: { deep: { deeper: [null, true, false, {}, [], { "": "khóa rỗng" }] } },
  empty: [],
}).slice(1)}`;
export const AWKWARD_ARRAYS = ["{}", `{"a,b","c\\"d",NULL,"Việt Nam","{x}",""}`];

interface Constraint {
  name: string;
  kind: "c" | "f" | "u" | "p";
  columns: string[];
  def: string;
  refTable: string | null;
  refColumns: string[];
}

async function constraints(db: Db, table: TransferTable): Promise<Constraint[]> {
  const rows = await rawRows<{ name: string; kind: string; columns: string[] | string; def: string; ref_table: string | null; ref_columns: string[] | string | null }>(
    db,
    sql`select con.conname as name, con.contype::text as kind, pg_get_constraintdef(con.oid) as def,
               array(select a.attname::text from unnest(con.conkey) k join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k) as columns,
               case when con.confrelid <> 0 then (select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.oid = con.confrelid) end as ref_table,
               array(select a.attname::text from unnest(con.confkey) k join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k) as ref_columns
          from pg_constraint con
         where con.conrelid = ${quoteTable(table)}::regclass
        union all
        select i.relname, 'u', pg_get_indexdef(i.oid),
               array(select a.attname::text from unnest(x.indkey::int2[]) k join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k),
               null, null
          from pg_index x join pg_class i on i.oid = x.indexrelid
         where x.indrelid = ${quoteTable(table)}::regclass and x.indisunique and not x.indisprimary`,
  );
  const arr = (v: string[] | string | null): string[] => (v == null ? [] : Array.isArray(v) ? v : v.replace(/^\{|\}$/g, "").split(",").filter(Boolean));
  return rows.map((r) => ({ name: r.name, kind: r.kind as Constraint["kind"], columns: arr(r.columns), def: r.def, refTable: r.ref_table, refColumns: arr(r.ref_columns) }));
}

/** "status in ('a', 'b')" as PostgreSQL prints it: (status = ANY (ARRAY['a'::text, 'b'::text])). */
function allowedValues(check: Constraint): string[] | null {
  const m = /= ANY \(\(?ARRAY\[(.*?)\]/.exec(check.def);
  if (!m || check.columns.length !== 1) return null;
  return [...m[1]!.matchAll(/'((?:[^']|'')*)'/g)].map((x) => x[1]!.replaceAll("''", "'"));
}

interface Ctx {
  counter: number;
  variant: number;
}

/** An awkward value for a column of this type (null when the type is not one we vary: the column keeps its value). */
function awkwardValue(c: DbColumn, base: string, ctx: Ctx): string | null | undefined {
  const v = ctx.variant;
  const n = ctx.counter++;
  if (c.type.endsWith("[]")) return AWKWARD_ARRAYS[v % AWKWARD_ARRAYS.length]!;
  switch (base) {
    case "text":
    case "varchar":
    case "bpchar":
      return v === 2 ? `${"Đoạn văn rất dài. ".repeat(700)}#${n}` : `${AWKWARD_TEXT[(n + v) % AWKWARD_TEXT.length]!}#${n}`;
    case "uuid":
      return randomUUID();
    case "int2":
      return v % 2 ? "32767" : "-32768";
    case "int4":
      return v % 2 ? String(2147483647 - n) : String(-2147483648 + n);
    case "int8":
      return v % 2 ? String(9223372036854775807n - BigInt(n)) : String(-9223372036854775808n + BigInt(n));
    case "numeric": {
      const m = /numeric\((\d+),(\d+)\)/.exec(c.type);
      if (!m) return v % 2 ? "0.000000000000000000000000000001" : AWKWARD_NUMERIC;
      const scale = Number(m[2]);
      const intDigits = Number(m[1]) - scale;
      return `-${"9".repeat(Math.max(intDigits, 1))}${scale ? `.${"1".repeat(scale)}` : ""}`;
    }
    case "float4":
    case "float8":
      return v % 2 ? "1e-300" : "-0.1";
    case "bool":
      return v % 2 ? "true" : "false";
    case "date":
      return AWKWARD_DATES[v % 2]!;
    case "timestamptz":
    case "timestamp":
      return AWKWARD_TIMESTAMPS[v % 2]!;
    case "json":
    case "jsonb":
      return v % 2 ? "[]" : AWKWARD_JSON;
    case "bytea":
      return `\\x${Buffer.concat([Buffer.from([0, 255, 0, 10, 13, 92, 39, 34]), randomBytes(v === 2 ? 200_000 : 300)]).toString("hex")}`;
    default:
      return undefined;
  }
}

interface Plan {
  table: TransferTable;
  columns: Array<DbColumn & { base: string; nullable: boolean; hasDefault: boolean }>;
  cons: Constraint[];
  fkOf: Map<string, Constraint>;
  inCheck: Set<string>;
  allowed: Map<string, string[]>;
}

async function plan(db: Db, table: TransferTable): Promise<Plan> {
  const cols = await dbColumns(db, table);
  const meta = await rawRows<{ name: string; base: string; nullable: boolean; has_default: boolean }>(
    db,
    sql`select a.attname as name, t.typname as base, not a.attnotnull as nullable, a.atthasdef as has_default
          from pg_attribute a join pg_type t on t.oid = a.atttypid
         where a.attrelid = ${quoteTable(table)}::regclass and a.attnum > 0 and not a.attisdropped`,
  );
  const byName = new Map(meta.map((m) => [m.name, m]));
  const cons = await constraints(db, table);
  const fkOf = new Map<string, Constraint>();
  for (const f of cons.filter((x) => x.kind === "f")) for (const col of f.columns) fkOf.set(col, f);
  const inCheck = new Set(cons.filter((x) => x.kind === "c").flatMap((x) => x.columns));
  const allowed = new Map<string, string[]>();
  for (const ch of cons.filter((x) => x.kind === "c")) {
    const values = allowedValues(ch);
    if (values?.length) allowed.set(ch.columns[0]!, values);
  }
  return {
    table,
    columns: cols
      .filter((c) => !c.generated)
      .map((c) => {
        const m = byName.get(c.name)!;
        return { ...c, base: m.base.replace(/^_/, ""), nullable: m.nullable, hasDefault: m.has_default };
      }),
    cons,
    fkOf,
    inCheck,
    allowed,
  };
}

async function parentValues(db: Db, fk: Constraint, column: string): Promise<string[]> {
  const refCol = fk.refColumns[fk.columns.indexOf(column)]!;
  const [schema, name] = fk.refTable!.split(".") as [string, string];
  const rows = await rawRows<{ v: string }>(
    db,
    sql.raw(`select ${quoteIdent(refCol)}::text as v from ${quoteTable({ schema, name })} where ${quoteIdent(refCol)} is not null order by 1 limit 60`),
  );
  return rows.map((r) => r.v);
}

async function tryInsert(db: Db, p: Plan, row: Map<string, string | null>): Promise<{ ok: true } | { ok: false; code: string; constraint: string; message: string }> {
  const names = [...row.keys()];
  const cast = (name: string) => p.columns.find((c) => c.name === name)!.type;
  const values = sql.join(
    names.map((n) => sql`${row.get(n) ?? null}::text::${sql.raw(cast(n))}`),
    sql`, `,
  );
  await db.execute(sql`savepoint th_awkward`);
  try {
    await db.execute(sql`insert into ${sql.raw(quoteTable(p.table))} (${sql.raw(names.map(quoteIdent).join(", "))}) values (${values})`);
    await db.execute(sql`release savepoint th_awkward`);
    return { ok: true };
  } catch (error) {
    await db.execute(sql`rollback to savepoint th_awkward`);
    const e = ((error as { cause?: unknown }).cause ?? error) as { code?: string; constraint?: string; message?: string };
    return { ok: false, code: e.code ?? "", constraint: e.constraint ?? "", message: e.message ?? String(error) };
  }
}

/**
 * Inserts three awkward rows (varied values; all nullable columns NULL; very long text and a large binary) into
 * every table, in the given (foreign-key) order. Returns the rows added per table. Throws, naming the table, when a
 * table gets none.
 */
export async function addAwkwardRows(db: Db, tables: TransferTable[]): Promise<Map<string, number>> {
  const added = new Map<string, number>();
  const ctx: Ctx = { counter: 0, variant: 0 };
  for (const table of tables) {
    const p = await plan(db, table);
    const select = p.columns.map((c) => `${quoteIdent(c.name)}::text as ${quoteIdent(c.name)}`).join(", ");
    const [existing] = await rawRows<Record<string, string | null>>(db, sql.raw(`select ${select} from ${quoteTable(table)} limit 1`));
    const fkCandidates = new Map<string, { values: string[]; index: number }>();
    for (const [col, fk] of p.fkOf) {
      const values = fk.refTable === `${table.schema}.${table.name}` ? [] : await parentValues(db, fk, col);
      // Two foreign keys to the same table (predecessor/successor) start on different rows.
      const sameTarget = [...p.fkOf].filter(([, f]) => f.refTable === fk.refTable).map(([c]) => c);
      fkCandidates.set(col, { values, index: Math.max(0, sameTarget.indexOf(col)) });
    }
    let count = 0;
    let lastError = "";
    for (let variant = 0; variant < 3; variant++) {
      ctx.variant = variant;
      const row = new Map<string, string | null>();
      for (const c of p.columns) {
        const isPk = table.primaryKey.includes(c.name);
        const fk = p.fkOf.get(c.name);
        if (c.sequence || (isPk && c.hasDefault && c.base !== "uuid")) continue; // serial ids come from the sequence
        // A key column that is also a foreign key (a composite key such as indicator, period, area, version) takes a
        // parent's value like any foreign key; the other key columns make the row unique.
        if (isPk && !fk && c.base === "uuid") {
          row.set(c.name, randomUUID());
          continue;
        }
        if (isPk && !fk) {
          row.set(c.name, `${awkwardValue(c, c.base, ctx) ?? randomUUID()}`);
          continue;
        }
        if (fk) {
          const cand = fkCandidates.get(c.name)!;
          const own = existing?.[c.name] ?? null;
          row.set(c.name, cand.values.length ? (existing ? own : cand.values[cand.index % cand.values.length]!) : c.nullable ? null : own);
          continue;
        }
        if (p.allowed.has(c.name)) {
          row.set(c.name, existing?.[c.name] ?? p.allowed.get(c.name)![0]!);
          continue;
        }
        if (p.inCheck.has(c.name)) {
          if (existing) row.set(c.name, existing[c.name] ?? null);
          else row.set(c.name, c.nullable ? null : c.base.startsWith("int") ? "1" : c.base === "date" ? "2024-01-01" : (awkwardValue(c, c.base, ctx) ?? null));
          continue;
        }
        if (variant === 1 && c.nullable) {
          row.set(c.name, null);
          continue;
        }
        const value = awkwardValue(c, c.base, ctx);
        if (value === undefined) {
          if (existing) row.set(c.name, existing[c.name] ?? null);
          else if (!c.hasDefault) row.set(c.name, null);
        } else {
          row.set(c.name, value);
        }
      }
      let inserted = false;
      for (let attempt = 0; attempt < 40 && !inserted; attempt++) {
        const r = await tryInsert(db, p, row);
        if (r.ok) {
          inserted = true;
          break;
        }
        lastError = `${r.code} ${r.constraint}: ${r.message}`;
        const con = p.cons.find((x) => x.name === r.constraint);
        if (r.code === "23505" && con) {
          // Unique conflict: move the row to other parent rows (keys that are not foreign keys were made unique).
          const fks = con.columns.filter((col) => fkCandidates.get(col)?.values.length);
          if (!fks.length) break;
          for (const col of fks) {
            const cand = fkCandidates.get(col)!;
            cand.index++;
            row.set(col, cand.values[cand.index % cand.values.length]!);
          }
        } else if (r.code === "23514" && con) {
          const nullable = con.columns.filter((col) => row.get(col) != null && p.columns.find((c) => c.name === col)?.nullable);
          if (!nullable.length) break;
          row.set(nullable[attempt % nullable.length]!, null);
        } else {
          break;
        }
      }
      if (inserted) count++;
    }
    if (count === 0) throw new Error(`Không thêm được dòng thử nào vào bảng ${table.key}: ${lastError}`);
    added.set(table.key, count);
  }
  return added;
}
