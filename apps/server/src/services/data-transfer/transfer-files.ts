import { createReadStream, createWriteStream, existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { Readable, type Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
import { createGunzip, createGzip } from "node:zlib";
import type { AppConfig } from "../../config/env.js";
import { lockDataDir } from "../../db/data-dir-lock.js";
import { openDatabase, type Database } from "../../db/client.js";
import { exportDatabase, type ExportOptions, type TransferSummary } from "./export.js";
import { DataTransferError, type FileHeader } from "./format.js";
import { importDatabase, type ImportOptions } from "./import.js";

/** Where the configured database is, for messages: "PostgreSQL host/db" or "PGlite DATA_DIR/pglite". */
export function describeTarget(config: Pick<AppConfig, "databaseUrl" | "dataDir">): string {
  if (config.databaseUrl) {
    const u = new URL(config.databaseUrl);
    return `PostgreSQL ${u.host}${u.pathname}`;
  }
  return `PGlite ${path.join(config.dataDir, "pglite")}`;
}

/**
 * Opens the configured database for a command-line tool. PGlite: takes DATA_DIR/server.lock first (refused while a
 * server runs on that directory), released again by close().
 */
async function openConfigured(config: Pick<AppConfig, "databaseUrl" | "dataDir">, purpose: "export" | "import"): Promise<Database> {
  if (config.databaseUrl) return openDatabase({ databaseUrl: config.databaseUrl, poolSize: 2 });
  const dir = path.join(config.dataDir, "pglite");
  if (purpose === "export" && !existsSync(dir)) {
    throw new DataTransferError(`Không có cơ sở dữ liệu PGlite ở ${dir} (DATA_DIR=${config.dataDir}): không có gì để xuất.`);
  }
  let unlock: () => void;
  try {
    unlock = lockDataDir(config.dataDir);
  } catch (error) {
    throw new DataTransferError(
      `Không ${purpose === "export" ? "xuất" : "nhập"} được khi máy chủ đang chạy trên cùng thư mục dữ liệu: ${(error as Error).message} Hãy dừng máy chủ trước.`,
    );
  }
  try {
    const database = await openDatabase({ pgliteDir: dir });
    return {
      ...database,
      close: async () => {
        try {
          await database.close();
        } finally {
          unlock();
        }
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

/**
 * `npm run db:export -- FILE`: writes all data of the configured database to FILE (gzip when it ends in .gz; "-" is
 * standard output). Written to FILE.partial and renamed at the end, so that a failed export leaves no file that
 * looks complete.
 */
export async function exportToFile(
  config: Pick<AppConfig, "databaseUrl" | "dataDir">,
  file: string,
  opts: Omit<ExportOptions, "now"> & { now?: Date } = {},
): Promise<TransferSummary & { file: string; compressed: boolean }> {
  const database = await openConfigured(config, "export");
  const toStdout = file === "-";
  const compressed = !toStdout && file.endsWith(".gz");
  const partial = `${file}.partial`;
  let sink: Writable | null = null;
  try {
    let out: Writable;
    if (toStdout) {
      out = sink = process.stdout;
    } else {
      sink = createWriteStream(partial);
      if (compressed) {
        const gzip = createGzip();
        gzip.pipe(sink);
        out = gzip;
      } else {
        out = sink;
      }
    }
    const summary = await exportDatabase(database, out, { ...opts, now: opts.now ?? new Date() });
    if (!toStdout) {
      out.end();
      if (sink) await finished(sink);
      renameSync(partial, file);
    }
    return { ...summary, file, compressed };
  } catch (error) {
    if (!toStdout) {
      sink?.destroy();
      rmSync(partial, { force: true });
    }
    throw error;
  } finally {
    await database.close();
  }
}

/** The chunks of a stream, decompressed when they start with the gzip signature. */
async function* maybeGunzip(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const it = input[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const rest = async function* () {
    yield first.value;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  };
  if (first.value[0] !== 0x1f || first.value[1] !== 0x8b) {
    yield* rest();
    return;
  }
  const gunzip = createGunzip();
  const source = Readable.from(rest());
  source.on("error", (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (error) {
    throw new DataTransferError(`Tệp nén gzip hỏng hoặc bị cắt cụt (${(error as Error).message}). Không nhập gì.`);
  }
}

/** Splits UTF-8 chunks into lines (without the "\n"); errors of the stream propagate to the reader. */
export async function* linesOf(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  let carry = "";
  for await (const chunk of chunks) {
    const text = carry + decoder.write(chunk);
    const parts = text.split("\n");
    carry = parts.pop()!;
    yield* parts;
  }
  carry += decoder.end();
  if (carry !== "") yield carry;
}

/** `npm run db:import -- FILE`: loads FILE (plain or gzip; "-" is standard input) into the configured, empty database. */
export async function importFromFile(
  config: Pick<AppConfig, "databaseUrl" | "dataDir">,
  file: string,
  opts: ImportOptions = {},
): Promise<TransferSummary & { file: string; header: FileHeader }> {
  if (file !== "-" && !existsSync(file)) throw new DataTransferError(`Không có tệp ${file}.`);
  const input = file === "-" ? process.stdin : createReadStream(file);
  const database = await openConfigured(config, "import");
  try {
    const summary = await importDatabase(database, linesOf(maybeGunzip(input as AsyncIterable<Buffer>)), opts);
    return { ...summary, file };
  } finally {
    input.destroy();
    await database.close();
  }
}
