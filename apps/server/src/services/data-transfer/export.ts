import { createHash } from "node:crypto";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import type { Database, Db } from "../../db/client.js";
import * as schema from "../../db/schema/index.js";
import { VERSION } from "../../version.js";
import { rawRows } from "../../db/raw-rows.js";
import { assertAtMigrationSet, databaseTables, selectValue, SESSION_SETTINGS, transferColumns, type DbColumn } from "./catalog.js";
import { currentMigrationSet, DataTransferError, END_OF_EXPORT, FORMAT_NAME, FORMAT_VERSION, type FileHeader, type MigrationSet, type TableStart } from "./format.js";
import { quoteIdent, quoteTable, transferTables, type TransferTable } from "./table-graph.js";

export interface TransferSummary {
  tables: Array<{ name: string; rows: number }>;
  rows: number;
  /** Bytes of the (uncompressed) NDJSON text. */
  bytes: number;
}

export interface ExportOptions {
  now: Date;
  /** Defaults to the application's drizzle schema and migration set (tests pass others). */
  schema?: Record<string, unknown>;
  migrations?: MigrationSet;
  onTable?: (table: string, rows: number) => void;
}

const CURSOR = "th_export";
/** Rows fetched per round trip; tables with binary columns (files) fetch fewer at a time. */
const FETCH_ROWS = 1000;
const FETCH_ROWS_BINARY = 20;

/** Writes lines to a stream with backpressure, hashing everything it writes. */
class LineWriter {
  readonly hash = createHash("sha256");
  bytes = 0;
  constructor(private readonly out: Writable) {}
  async write(value: unknown, hashed = true): Promise<void> {
    const line = JSON.stringify(value) + "\n";
    if (hashed) this.hash.update(line);
    this.bytes += Buffer.byteLength(line);
    if (!this.out.write(line)) await once(this.out, "drain");
  }
}

/**
 * Writes every row of every table of the database to `out` (see format.ts), from one consistent snapshot
 * (a repeatable-read, read-only transaction). Streams: rows are fetched through a cursor, a batch at a time.
 */
export async function exportDatabase(database: Pick<Database, "db" | "kind">, out: Writable, opts: ExportOptions): Promise<TransferSummary> {
  const tables = transferTables(opts.schema ?? schema);
  const migrations = opts.migrations ?? currentMigrationSet();
  const writer = new LineWriter(out);
  const summary: TransferSummary = { tables: [], rows: 0, bytes: 0 };

  await database.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    await db.execute(sql`set transaction isolation level repeatable read, read only`);
    for (const s of SESSION_SETTINGS) await db.execute(s);
    await assertAtMigrationSet(db, migrations);

    const known = new Set(tables.map((t) => t.key));
    const stray = (await databaseTables(db)).filter((k) => !known.has(k));
    if (stray.length) {
      throw new DataTransferError(`Cơ sở dữ liệu có bảng không thuộc lược đồ của phiên bản này: ${stray.join(", ")}. Không xuất để khỏi bỏ sót dữ liệu.`);
    }

    const plans: Array<{ table: TransferTable; columns: DbColumn[]; rows: number; start: TableStart }> = [];
    for (const table of tables) {
      const columns = await transferColumns(db, table);
      const [count] = await rawRows<{ n: string }>(db, sql.raw(`select count(*)::text as n from ${quoteTable(table)}`));
      const rows = Number(count?.n ?? 0);
      const sequences: TableStart["sequences"] = [];
      for (const c of columns.filter((x) => x.sequence)) {
        const [s] = await rawRows<{ last: string; called: boolean }>(
          db,
          sql.raw(`select last_value::text as last, is_called as called from ${c.sequence!}`),
        );
        if (s) sequences.push({ column: c.name, lastValue: s.last, isCalled: s.called });
      }
      plans.push({
        table,
        columns,
        rows,
        start: { table: table.key, columns: columns.map((c) => ({ name: c.name, type: c.type, encoding: c.encoding })), rows, sequences },
      });
    }

    const header: FileHeader = {
      format: FORMAT_NAME,
      formatVersion: FORMAT_VERSION,
      appVersion: VERSION,
      migrations: { hash: migrations.hash, files: migrations.files },
      exportedAt: opts.now.toISOString(),
      source: database.kind,
      tables: plans.map((p) => ({ name: p.table.key, rows: p.rows })),
    };
    await writer.write(header);

    for (const plan of plans) {
      await writer.write(plan.start);
      const fetchRows = plan.columns.some((c) => c.encoding === "base64") ? FETCH_ROWS_BINARY : FETCH_ROWS;
      await db.execute(sql.raw(`declare ${CURSOR} no scroll cursor for ${selectRowsSql(plan.table, plan.columns)}`));
      let written = 0;
      for (;;) {
        const batch = await rawRows<Record<string, string | null>>(db, sql.raw(`fetch forward ${fetchRows} from ${CURSOR}`));
        for (const row of batch) {
          await writer.write(plan.columns.map((_, i) => row[`c${i}`] ?? null));
        }
        written += batch.length;
        if (batch.length < fetchRows) break;
      }
      await db.execute(sql.raw(`close ${CURSOR}`));
      if (written !== plan.rows) {
        throw new DataTransferError(
          plan.table.selfReferences.length
            ? `Bảng ${plan.table.key}: chỉ xếp được ${written}/${plan.rows} dòng theo thứ tự cha trước con — có dòng tham chiếu vòng tròn (cột ${plan.table.selfReferences.map((r) => r.columns.join(", ")).join("; ")}).`
            : `Bảng ${plan.table.key}: đọc được ${written} dòng, khác số đã đếm ${plan.rows}.`,
        );
      }
      await writer.write({ end: plan.table.key, rows: written });
      summary.tables.push({ name: plan.table.key, rows: written });
      summary.rows += written;
      opts.onTable?.(plan.table.key, written);
    }
  });

  await writer.write({ end: END_OF_EXPORT, tables: summary.tables.length, rows: summary.rows, sha256: writer.hash.digest("hex") }, false);
  summary.bytes = writer.bytes;
  return summary;
}

/**
 * The query that reads a table's rows as text, in primary-key order; a self-referencing table is ordered by
 * depth (a row after every row it references), computed by a recursive walk from the rows that reference none.
 */
export function selectRowsSql(table: TransferTable, columns: DbColumn[]): string {
  const list = columns.map((c, i) => `${selectValue(c, "t")} as c${i}`).join(", ");
  const pk = table.primaryKey.map(quoteIdent);
  const orderPk = pk.map((c) => `t.${c}`).join(", ");
  if (table.selfReferences.length === 0) {
    return `select ${list} from ${quoteTable(table)} t${pk.length ? ` order by ${orderPk}` : ""}`;
  }
  if (pk.length === 0) throw new DataTransferError(`Bảng ${table.key} tự tham chiếu nhưng không có khóa chính: không xếp được thứ tự ghi.`);
  const carried = [...new Set([...table.primaryKey, ...table.selfReferences.flatMap((r) => r.foreignColumns)])].map(quoteIdent);
  const rootless = table.selfReferences
    .map((r) => {
      const anyNull = r.columns.map((c) => `r.${quoteIdent(c)} is null`).join(" or ");
      const toSelf = r.columns.map((c, i) => `r.${quoteIdent(c)} = r.${quoteIdent(r.foreignColumns[i]!)}`).join(" and ");
      return `((${anyNull}) or (${toSelf}))`;
    })
    .join(" and ");
  // A row reached through a reference that points at the row itself is not its own child (that would never end).
  const step = table.selfReferences
    .map((r) => {
      const toParent = r.columns.map((c, i) => `c.${quoteIdent(c)} = w.${quoteIdent(r.foreignColumns[i]!)}`).join(" and ");
      const toSelf = r.columns.map((c, i) => `c.${quoteIdent(c)} = c.${quoteIdent(r.foreignColumns[i]!)}`).join(" and ");
      return `(${toParent} and not (${toSelf}))`;
    })
    .join(" or ");
  const q = quoteTable(table);
  return `with recursive th_walk as (
      select ${carried.map((c) => `r.${c}`).join(", ")}, 0 as th_depth from ${q} r where ${rootless}
      union all
      select ${carried.map((c) => `c.${c}`).join(", ")}, w.th_depth + 1 from ${q} c join th_walk w on ${step}
       where w.th_depth < (select count(*) from ${q})
    ), th_order as (select ${pk.join(", ")}, max(th_depth) as th_depth from th_walk group by ${pk.join(", ")})
    select ${list} from ${q} t join th_order o on ${pk.map((c) => `o.${c} = t.${c}`).join(" and ")}
    order by o.th_depth, ${orderPk}`;
}
