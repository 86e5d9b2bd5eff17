import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { MIGRATIONS_DIR } from "../../db/client.js";

/**
 * The portable data file (NDJSON, one JSON value per line, optionally gzip-compressed):
 *
 *   {"format":"tonghop-data", formatVersion, appVersion, migrations:{hash, files}, exportedAt, source, tables:[{name, rows}]}
 *   then for every table, in foreign-key order (self-referencing tables parent-first):
 *     {"table":"public.agencies", columns:[{name, type, encoding}], rows, sequences:[{column, lastValue, isCalled}]}
 *     ["<value>", null, …]          one line per row, values in the order of `columns`
 *     {"end":"public.agencies", rows}
 *   {"end":"export", tables, rows, sha256}   sha256 of every byte before this line
 *
 * A value is null (SQL NULL) or a string: for encoding "text" PostgreSQL's own text representation of the value
 * (written with TimeZone UTC and DateStyle ISO), which every type reads back exactly (numerics, timestamps with
 * time zone, dates, jsonb, arrays, uuids); for encoding "base64" the bytes of a bytea value.
 */
export const FORMAT_NAME = "tonghop-data";
export const FORMAT_VERSION = 1;
export const END_OF_EXPORT = "export";

export const columnEncodingSchema = z.enum(["text", "base64"]);
export type ColumnEncoding = z.infer<typeof columnEncodingSchema>;

export const fileHeaderSchema = z.object({
  format: z.literal(FORMAT_NAME),
  formatVersion: z.number().int(),
  appVersion: z.string(),
  migrations: z.object({ hash: z.string(), files: z.array(z.string()) }),
  exportedAt: z.string(),
  source: z.enum(["pglite", "postgres"]),
  tables: z.array(z.object({ name: z.string(), rows: z.number().int().nonnegative() })),
});
export type FileHeader = z.infer<typeof fileHeaderSchema>;

export const tableStartSchema = z.object({
  table: z.string(),
  columns: z.array(z.object({ name: z.string(), type: z.string(), encoding: columnEncodingSchema })).min(1),
  rows: z.number().int().nonnegative(),
  sequences: z.array(z.object({ column: z.string(), lastValue: z.string().regex(/^-?\d+$/), isCalled: z.boolean() })),
});
export type TableStart = z.infer<typeof tableStartSchema>;

export const tableEndSchema = z.object({ end: z.string(), rows: z.number().int().nonnegative() });
export const fileEndSchema = z.object({
  end: z.literal(END_OF_EXPORT),
  tables: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export interface MigrationSet {
  /** SHA-256 over the names and contents of apps/server/migrations/*.sql, in name order. */
  hash: string;
  files: string[];
  /** drizzle's hash of each file (SHA-256 of its text), as recorded in drizzle.__drizzle_migrations. */
  fileHashes: string[];
}

/** The migration set of this build of the application. */
export function currentMigrationSet(dir: string = MIGRATIONS_DIR): MigrationSet {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  const all = createHash("sha256");
  const fileHashes: string[] = [];
  for (const f of files) {
    const text = readFileSync(path.join(dir, f), "utf8");
    all.update(f).update("\n").update(text).update("\n");
    fileHashes.push(createHash("sha256").update(text).digest("hex"));
  }
  return { hash: all.digest("hex"), files, fileHashes };
}

/** A bad or unusable data file, or a target that cannot take it. The message is for the operator (Vietnamese). */
export class DataTransferError extends Error {
  constructor(
    message: string,
    /** 1-based line of the file the problem is on, when it is about one line. */
    readonly line?: number,
  ) {
    super(message);
    this.name = "DataTransferError";
  }
}
