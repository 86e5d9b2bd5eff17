import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database, Db } from "../../db/client.js";
import * as schema from "../../db/schema/index.js";
import { rawRows } from "../../db/raw-rows.js";
import { SESSION_SETTINGS, transferColumns, type DbColumn } from "./catalog.js";
import type { TransferSummary } from "./export.js";
import {
  currentMigrationSet,
  DataTransferError,
  END_OF_EXPORT,
  FORMAT_NAME,
  FORMAT_VERSION,
  fileEndSchema,
  fileHeaderSchema,
  tableEndSchema,
  tableStartSchema,
  type FileHeader,
  type MigrationSet,
  type TableStart,
} from "./format.js";
import { quoteIdent, quoteTable, transferTables, type TransferTable } from "./table-graph.js";

export interface ImportOptions {
  schema?: Record<string, unknown>;
  migrations?: MigrationSet;
  /** Rows per INSERT (default 500; a batch is also cut at about 2 MB of text). */
  batchRows?: number;
  onTable?: (table: string, rows: number) => void;
  /** Called after the header was checked and before anything is written (default: database.migrate()). */
  migrate?: () => Promise<void>;
}

const BATCH_BYTES = 2 * 1024 * 1024;

interface Line {
  no: number;
  value: unknown;
}

/** Reads the file's lines as JSON values, numbering them and hashing everything before the last line. */
class LineReader {
  private readonly it: AsyncIterator<string>;
  private no = 0;
  /** UTF-8 bytes read (the text, uncompressed). */
  bytes = 0;
  readonly hash = createHash("sha256");
  constructor(lines: AsyncIterable<string>) {
    this.it = lines[Symbol.asyncIterator]();
  }
  get lineNo(): number {
    return this.no;
  }
  /** The next non-blank line, or null at the end of the file. */
  async next(): Promise<Line | null> {
    for (;;) {
      const r = await this.it.next();
      if (r.done) return null;
      this.no++;
      const text = r.value;
      this.bytes += Buffer.byteLength(text) + 1;
      if (text.trim() === "") {
        this.hash.update(text + "\n");
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new DataTransferError(`Dòng ${this.no} của tệp hỏng (không phải JSON hợp lệ: ${(error as Error).message}).`, this.no);
      }
      if (!isFileEnd(value)) this.hash.update(text + "\n");
      return { no: this.no, value };
    }
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isFileEnd = (v: unknown) => isObject(v) && v.end === END_OF_EXPORT;

/** Reads and checks the first line; refuses another format, a newer format version or another migration set. */
async function readHeader(reader: LineReader, migrations: MigrationSet, tables: TransferTable[]): Promise<FileHeader> {
  const first = await reader.next();
  if (!first) throw new DataTransferError("Tệp trống: không có dữ liệu để nhập.", 1);
  const parsed = fileHeaderSchema.safeParse(first.value);
  if (!parsed.success) {
    const format = isObject(first.value) ? first.value.format : undefined;
    throw new DataTransferError(
      format === FORMAT_NAME
        ? `Dòng ${first.no}: phần đầu tệp sai (${parsed.error.issues[0]?.path.join(".") ?? "?"}: ${parsed.error.issues[0]?.message ?? ""}).`
        : `Dòng ${first.no}: đây không phải tệp dữ liệu xuất từ Tổng hợp (npm run db:export).`,
      first.no,
    );
  }
  const header = parsed.data;
  if (header.formatVersion > FORMAT_VERSION) {
    throw new DataTransferError(
      `Tệp dùng định dạng phiên bản ${header.formatVersion}, mới hơn phiên bản ${FORMAT_VERSION} mà bản Tổng hợp này đọc được. Hãy nhập bằng phiên bản ${header.appVersion} hoặc mới hơn.`,
      first.no,
    );
  }
  if (header.migrations.hash !== migrations.hash) {
    throw new DataTransferError(
      `Tệp được xuất từ một bộ migration khác (${header.migrations.hash.slice(0, 12)}: ${header.migrations.files.join(", ") || "không có tệp"}; ứng dụng ${header.appVersion}) ` +
        `so với bản Tổng hợp này (${migrations.hash.slice(0, 12)}: ${migrations.files.join(", ")}). Lược đồ hai bên có thể khác nhau nên không nhập; ` +
        `hãy nhập bằng đúng phiên bản đã xuất tệp, hoặc xuất lại bằng phiên bản này.`,
      first.no,
    );
  }
  const expected = new Set(tables.map((t) => t.key));
  const inFile = new Set(header.tables.map((t) => t.name));
  const notInSchema = [...inFile].filter((k) => !expected.has(k));
  const notInFile = [...expected].filter((k) => !inFile.has(k));
  if (notInSchema.length || notInFile.length) {
    throw new DataTransferError(
      `Danh sách bảng trong tệp không khớp lược đồ: ${[
        notInSchema.length ? `tệp có bảng lạ ${notInSchema.join(", ")}` : "",
        notInFile.length ? `tệp thiếu bảng ${notInFile.join(", ")}` : "",
      ]
        .filter(Boolean)
        .join("; ")}.`,
      first.no,
    );
  }
  return header;
}

interface TableLoad {
  table: TransferTable;
  start: TableStart;
  columns: DbColumn[];
  /** INSERT … SELECT … FROM json_array_elements( — the batch (a JSON array of rows) — ::text::json) AS r */
  insertHead: string;
  batch: Array<{ no: number; row: Array<string | null> }>;
  batchBytes: number;
  rows: number;
}

/**
 * Loads a data file into an EMPTY database of either kind: checks the header, applies the migrations, then writes
 * every table in one transaction (batched INSERTs; a refused batch is retried row by row to name the line), sets
 * the sequences after the imported ids and checks the row counts against the header. On any error nothing is
 * written.
 */
export async function importDatabase(
  database: Pick<Database, "db" | "kind" | "migrate">,
  lines: AsyncIterable<string>,
  opts: ImportOptions = {},
): Promise<TransferSummary & { header: FileHeader }> {
  const tables = transferTables(opts.schema ?? schema);
  const byKey = new Map(tables.map((t) => [t.key, t]));
  const migrations = opts.migrations ?? currentMigrationSet();
  const batchRows = opts.batchRows ?? 500;
  const reader = new LineReader(lines);
  const header = await readHeader(reader, migrations, tables);
  await (opts.migrate ?? (() => database.migrate()))();

  const summary: TransferSummary = { tables: [], rows: 0, bytes: 0 };
  await database.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    for (const s of SESSION_SETTINGS) await db.execute(s);
    for (const t of tables) {
      const [r] = await rawRows<{ n: string }>(db, sql.raw(`select count(*)::text as n from (select 1 from ${quoteTable(t)} limit 1000) x`));
      const n = Number(r?.n ?? 0);
      if (n > 0) {
        throw new DataTransferError(
          `Cơ sở dữ liệu đích không trống: bảng ${t.key} đã có ${n >= 1000 ? "từ 1000" : n} dòng. Chỉ nhập được vào một cơ sở dữ liệu trống — ` +
            `với PostgreSQL hãy tạo cơ sở dữ liệu mới (createdb), với PGlite hãy dùng một DATA_DIR mới (chưa khởi động máy chủ trên đó).`,
        );
      }
    }

    const headerRows = new Map(header.tables.map((t) => [t.name, t.rows]));
    const seen = new Set<string>();
    let current: TableLoad | null = null;
    let finished = false;
    for (let line = await reader.next(); line; line = await reader.next()) {
      const { no, value } = line;
      if (finished) throw new DataTransferError(`Dòng ${no}: còn dữ liệu sau dòng kết thúc tệp — tệp hỏng.`, no);
      if (Array.isArray(value)) {
        if (!current) throw new DataTransferError(`Dòng ${no}: dòng dữ liệu nằm ngoài bảng nào — tệp hỏng.`, no);
        const row = checkRow(current, value, no);
        current.batch.push({ no, row });
        current.batchBytes += row.reduce((s, v) => s + (v?.length ?? 4), 0);
        if (current.batch.length >= batchRows || current.batchBytes >= BATCH_BYTES) await flush(db, current);
        continue;
      }
      if (!isObject(value)) throw new DataTransferError(`Dòng ${no}: giá trị không mong đợi — tệp hỏng.`, no);

      if ("table" in value) {
        if (current) throw new DataTransferError(`Dòng ${no}: bảng ${current.table.key} chưa có dòng kết thúc mà đã sang bảng khác — tệp hỏng.`, no);
        const parsed = tableStartSchema.safeParse(value);
        if (!parsed.success) throw new DataTransferError(`Dòng ${no}: phần đầu bảng sai (${parsed.error.issues[0]?.path.join(".") ?? "?"}).`, no);
        const start = parsed.data;
        const table = byKey.get(start.table);
        if (!table) throw new DataTransferError(`Dòng ${no}: bảng ${start.table} không có trong lược đồ.`, no);
        if (seen.has(start.table)) throw new DataTransferError(`Dòng ${no}: bảng ${start.table} xuất hiện hai lần — tệp hỏng.`, no);
        seen.add(start.table);
        current = await beginTable(db, table, start, no);
        continue;
      }

      if (value.end === END_OF_EXPORT) {
        if (current) throw new DataTransferError(`Dòng ${no}: tệp kết thúc giữa bảng ${current.table.key} — tệp hỏng.`, no);
        const end = fileEndSchema.safeParse(value);
        if (!end.success) throw new DataTransferError(`Dòng ${no}: dòng kết thúc tệp sai.`, no);
        const digest = reader.hash.digest("hex");
        if (end.data.sha256 !== digest) {
          throw new DataTransferError(`Dòng ${no}: mã kiểm tra (SHA-256) của tệp không khớp — nội dung đã bị sửa hoặc hỏng.`, no);
        }
        if (end.data.rows !== summary.rows || end.data.tables !== summary.tables.length) {
          throw new DataTransferError(`Dòng ${no}: dòng kết thúc ghi ${end.data.tables} bảng, ${end.data.rows} dòng; đã đọc ${summary.tables.length} bảng, ${summary.rows} dòng.`, no);
        }
        finished = true;
        continue;
      }

      if (typeof value.end === "string") {
        const end = tableEndSchema.safeParse(value);
        if (!current || !end.success || end.data.end !== current.table.key) {
          throw new DataTransferError(`Dòng ${no}: dòng kết thúc bảng không khớp${current ? ` bảng ${current.table.key}` : ""} — tệp hỏng.`, no);
        }
        await flush(db, current);
        const expected = headerRows.get(current.table.key);
        if (current.rows !== end.data.rows || current.rows !== current.start.rows || current.rows !== expected) {
          throw new DataTransferError(
            `Dòng ${no}: bảng ${current.table.key} có ${current.rows} dòng dữ liệu, nhưng tệp ghi ${end.data.rows} (đầu bảng ${current.start.rows}, đầu tệp ${expected ?? "?"}).`,
            no,
          );
        }
        await setSequences(db, current);
        summary.tables.push({ name: current.table.key, rows: current.rows });
        summary.rows += current.rows;
        opts.onTable?.(current.table.key, current.rows);
        current = null;
        continue;
      }
      throw new DataTransferError(`Dòng ${no}: dòng điều khiển không hiểu được — tệp hỏng.`, no);
    }

    if (!finished) {
      throw new DataTransferError(
        `Tệp bị cắt cụt: không có dòng kết thúc (đọc đến dòng ${reader.lineNo}${current ? `, đang ở bảng ${current.table.key}` : ""}). Không nhập gì.`,
        reader.lineNo,
      );
    }
    const missing = header.tables.find((t) => !seen.has(t.name));
    if (missing) throw new DataTransferError(`Tệp thiếu dữ liệu của bảng ${missing.name} dù phần đầu tệp có liệt kê — tệp hỏng.`);

    // The database itself must now hold exactly what the header announced.
    for (const t of header.tables) {
      const [r] = await rawRows<{ n: string }>(db, sql.raw(`select count(*)::text as n from ${quoteTable(byKey.get(t.name)!)}`));
      if (Number(r?.n) !== t.rows) throw new DataTransferError(`Bảng ${t.name}: sau khi nhập có ${r?.n} dòng, đầu tệp ghi ${t.rows}.`);
    }
  });

  summary.bytes = reader.bytes;
  // Fresh statistics for the planner after a bulk load (outside the transaction; harmless if it fails).
  await database.db.execute(sql`analyze`).catch(() => undefined);
  return { ...summary, header };
}

async function beginTable(db: Db, table: TransferTable, start: TableStart, no: number): Promise<TableLoad> {
  const dbCols = await transferColumns(db, table);
  const byName = new Map(dbCols.map((c) => [c.name, c]));
  const fileNames = start.columns.map((c) => c.name);
  const unknown = fileNames.find((n) => !byName.has(n));
  if (unknown) throw new DataTransferError(`Dòng ${no}: bảng ${table.key} không có cột ${unknown}.`, no);
  const absent = dbCols.find((c) => !fileNames.includes(c.name));
  if (absent) throw new DataTransferError(`Dòng ${no}: tệp thiếu cột ${absent.name} của bảng ${table.key}.`, no);
  if (new Set(fileNames).size !== fileNames.length) throw new DataTransferError(`Dòng ${no}: bảng ${table.key} có cột lặp lại.`, no);
  const columns = start.columns.map((fc) => {
    const c = byName.get(fc.name)!;
    if (c.type !== fc.type || c.encoding !== fc.encoding) {
      throw new DataTransferError(`Dòng ${no}: cột ${table.key}.${fc.name} trong tệp có kiểu ${fc.type}, trong cơ sở dữ liệu là ${c.type}.`, no);
    }
    return c;
  });
  const values = columns.map((c, i) => (c.encoding === "base64" ? `decode(r->>${i}, 'base64')` : `(r->>${i})::${c.type}`)).join(", ");
  const overriding = columns.some((c) => c.identityAlways) ? " overriding system value" : "";
  const insertHead = `insert into ${quoteTable(table)} (${columns.map((c) => quoteIdent(c.name)).join(", ")})${overriding} select ${values} from json_array_elements(`;
  return { table, start, columns, insertHead, batch: [], batchBytes: 0, rows: 0 };
}

function checkRow(load: TableLoad, value: unknown[], no: number): Array<string | null> {
  if (value.length !== load.columns.length) {
    throw new DataTransferError(`Dòng ${no} (bảng ${load.table.key}): có ${value.length} giá trị, cần ${load.columns.length}.`, no);
  }
  for (const [i, v] of value.entries()) {
    if (v !== null && typeof v !== "string") {
      throw new DataTransferError(`Dòng ${no} (bảng ${load.table.key}), cột ${load.columns[i]!.name}: giá trị phải là chuỗi hoặc null.`, no);
    }
    if (v !== null && load.columns[i]!.encoding === "base64" && !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) {
      throw new DataTransferError(`Dòng ${no} (bảng ${load.table.key}), cột ${load.columns[i]!.name}: dữ liệu nhị phân không phải base64.`, no);
    }
  }
  return value as Array<string | null>;
}

/** The database's own reason, without drizzle's "Failed query" wrapper. */
function reasonOf(error: unknown): string {
  const e = (error as { cause?: unknown }).cause ?? error;
  const pg = e as { message?: string; detail?: string; column?: string };
  return [pg.message ?? String(e), pg.column ? `cột ${pg.column}` : "", pg.detail ?? ""].filter(Boolean).join(" — ");
}

async function insertRows(db: Db, load: TableLoad, rows: Array<Array<string | null>>): Promise<void> {
  await db.execute(sql`${sql.raw(load.insertHead)}${JSON.stringify(rows)}::text::json) as r`);
}

async function flush(db: Db, load: TableLoad): Promise<void> {
  if (load.batch.length === 0) return;
  const batch = load.batch;
  load.batch = [];
  load.batchBytes = 0;
  await db.execute(sql`savepoint th_import_batch`);
  try {
    await insertRows(db, load, batch.map((b) => b.row));
    await db.execute(sql`release savepoint th_import_batch`);
  } catch (error) {
    await db.execute(sql`rollback to savepoint th_import_batch`);
    // Find the line the database refuses (the transaction is rolled back anyway).
    for (const b of batch) {
      try {
        await db.execute(sql`savepoint th_import_row`);
        await insertRows(db, load, [b.row]);
        await db.execute(sql`release savepoint th_import_row`);
      } catch (rowError) {
        throw new DataTransferError(`Dòng ${b.no} (bảng ${load.table.key}): cơ sở dữ liệu từ chối dòng này: ${reasonOf(rowError)}.`, b.no);
      }
    }
    throw new DataTransferError(
      `Dòng ${batch[0]!.no}–${batch.at(-1)!.no} (bảng ${load.table.key}): cơ sở dữ liệu từ chối nhóm dòng này: ${reasonOf(error)}.`,
      batch[0]!.no,
    );
  }
  load.rows += batch.length;
}

/** Sequences continue after the imported ids: the exported state, or past the largest id if that is higher. */
async function setSequences(db: Db, load: TableLoad): Promise<void> {
  for (const c of load.columns.filter((x) => x.sequence)) {
    const [m] = await rawRows<{ max: string | null }>(db, sql.raw(`select max(${quoteIdent(c.name)})::text as max from ${quoteTable(load.table)}`));
    const max = m?.max == null ? null : BigInt(m.max);
    const saved = load.start.sequences.find((s) => s.column === c.name);
    let value: bigint;
    let called: boolean;
    if (saved && (max === null || BigInt(saved.lastValue) >= max)) {
      value = BigInt(saved.lastValue);
      called = saved.isCalled;
    } else if (max !== null) {
      value = max;
      called = true;
    } else {
      continue; // empty table, no saved state: the fresh sequence is right
    }
    await db.execute(sql`select setval(${c.sequence!}::regclass, ${value.toString()}::bigint, ${called})`);
  }
}
