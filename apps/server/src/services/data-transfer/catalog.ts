import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { rawRows } from "../../db/raw-rows.js";
import { DataTransferError, type ColumnEncoding, type MigrationSet } from "./format.js";
import { quoteIdent, quoteTable, type TransferTable } from "./table-graph.js";


export interface DbColumn {
  name: string;
  /** format_type(): "uuid", "numeric", "timestamp with time zone", "text[]", … (used to cast on import). */
  type: string;
  encoding: ColumnEncoding;
  /** A stored generated column: never written. */
  generated: boolean;
  /** "always" identity columns need OVERRIDING SYSTEM VALUE to take the exported value. */
  identityAlways: boolean;
  /** The sequence that feeds the column (serial, bigserial, identity), schema-qualified. */
  sequence: string | null;
}

/** The columns of a table as the database has them (attnum order). */
export async function dbColumns(db: Db, table: Pick<TransferTable, "schema" | "name">): Promise<DbColumn[]> {
  const rows = await rawRows<{ name: string; type: string; base: string; generated: string; identity: string; seq: string | null }>(
    db,
    sql`select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, t.typname as base,
               a.attgenerated::text as generated, a.attidentity::text as identity,
               pg_get_serial_sequence(${quoteTable(table)}, a.attname) as seq
          from pg_attribute a
          join pg_class c on c.oid = a.attrelid
          join pg_namespace n on n.oid = c.relnamespace
          join pg_type t on t.oid = a.atttypid
         where n.nspname = ${table.schema} and c.relname = ${table.name} and a.attnum > 0 and not a.attisdropped
         order by a.attnum`,
  );
  return rows.map((r) => ({
    name: r.name,
    type: r.type,
    encoding: r.base === "bytea" ? "base64" : "text",
    generated: r.generated !== "",
    identityAlways: r.identity === "a",
    sequence: r.seq,
  }));
}

/**
 * The columns the transfer writes, checked against the drizzle schema: every schema column must exist in the
 * database (otherwise the database is not at this version's schema).
 */
export async function transferColumns(db: Db, table: TransferTable): Promise<DbColumn[]> {
  const cols = await dbColumns(db, table);
  if (cols.length === 0) {
    throw new DataTransferError(`Cơ sở dữ liệu không có bảng ${table.key}: hãy chạy migration (khởi động máy chủ một lần) trước.`);
  }
  const names = new Set(cols.map((c) => c.name));
  const missing = table.columns.find((c) => !names.has(c));
  if (missing) throw new DataTransferError(`Bảng ${table.key} trong cơ sở dữ liệu thiếu cột ${missing}: cơ sở dữ liệu chưa ở đúng phiên bản lược đồ.`);
  return cols.filter((c) => !c.generated);
}

/** User tables of the database (outside the system schemas and drizzle's own), as "schema.name". */
export async function databaseTables(db: Db): Promise<string[]> {
  const rows = await rawRows<{ key: string }>(
    db,
    sql`select n.nspname || '.' || c.relname as key
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.relkind in ('r', 'p') and not c.relispartition
           and n.nspname not in ('pg_catalog', 'information_schema', 'drizzle') and n.nspname not like 'pg\\_%'
         order by 1`,
  );
  return rows.map((r) => r.key);
}

/** drizzle's record of applied migrations (file hashes), or null when the database was never migrated. */
export async function appliedMigrations(db: Db): Promise<string[] | null> {
  const exists = await rawRows<{ ok: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`);
  if (!exists[0]?.ok) return null;
  const rows = await rawRows<{ hash: string }>(db, sql`select hash from drizzle.__drizzle_migrations order by created_at, id`);
  return rows.map((r) => r.hash);
}

/** Refuses a database whose applied migrations are not exactly this build's migration set. */
export async function assertAtMigrationSet(db: Db, set: MigrationSet): Promise<void> {
  const applied = await appliedMigrations(db);
  if (applied === null) {
    throw new DataTransferError("Cơ sở dữ liệu chưa có lược đồ của Tổng hợp (chưa chạy migration lần nào): không có gì để xuất.");
  }
  const appliedSet = new Set(applied);
  const missing = set.files.filter((_, i) => !appliedSet.has(set.fileHashes[i]!));
  if (missing.length) {
    throw new DataTransferError(
      `Cơ sở dữ liệu chưa được cập nhật lên phiên bản này (chưa áp dụng migration ${missing.join(", ")}). Hãy khởi động máy chủ phiên bản này một lần để cập nhật, hoặc xuất bằng đúng phiên bản đã tạo dữ liệu.`,
    );
  }
  const known = new Set(set.fileHashes);
  const unknown = applied.filter((h) => !known.has(h));
  if (unknown.length) {
    throw new DataTransferError(
      `Cơ sở dữ liệu đã áp dụng ${unknown.length} migration không có trong phiên bản này (dữ liệu của một phiên bản khác). Hãy xuất bằng đúng phiên bản đã tạo dữ liệu.`,
    );
  }
}

/** The expression that reads a column as it is written to the file (`alias` qualifies the column). */
export const selectValue = (c: DbColumn, alias: string) => {
  const col = `${alias}.${quoteIdent(c.name)}`;
  return c.encoding === "base64" ? `translate(encode(${col}, 'base64'), E'\\n', '')` : `${col}::text`;
};

/** Session settings under which the text representation is written and read back. */
export const SESSION_SETTINGS = [
  sql`set local timezone = 'UTC'`,
  sql`set local datestyle = 'ISO, YMD'`,
  sql`set local intervalstyle = 'postgres'`,
  sql`set local extra_float_digits = 3`,
  sql`set local bytea_output = 'hex'`,
];
