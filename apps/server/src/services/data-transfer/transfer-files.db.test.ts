import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { createTestDatabase, emptyPostgresDatabase, TEST_DB_KIND } from "../../test/test-database.js";
import { exportDatabase } from "./export.js";
import { DataTransferError } from "./format.js";
import { exportToFile, importFromFile } from "./transfer-files.js";

const NOW = new Date("2024-05-20T03:00:00Z");
const dataLines = (text: string) => text.split("\n").slice(1, -2);

/** A target of TEST_DB's kind, as the command-line tools see it: a fresh PGlite DATA_DIR, or an empty PostgreSQL database. */
async function emptyTarget(tmp: string, name: string): Promise<{ config: { databaseUrl: string | undefined; dataDir: string }; drop(): Promise<void> }> {
  const dataDir = path.join(tmp, name);
  if (TEST_DB_KIND === "pglite") return { config: { databaseUrl: undefined, dataDir }, drop: async () => undefined };
  const { url, drop } = await emptyPostgresDatabase("th_t");
  return { config: { databaseUrl: url, dataDir }, drop };
}

/** Runs on PGlite and on PostgreSQL (TEST_DB): the command-line entry points with real files. */
describe("db:export / db:import files", () => {
  let tmp: string;
  let memory: Database;
  let original: string;
  const pgliteConfig = () => ({ databaseUrl: undefined, dataDir: path.join(tmp, "a") });

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), "th-transfer-"));
    memory = await createTestDatabase("pglite");
    await memory.db.execute(sql`insert into agencies (code, kind) values ('goc', 'ubnd')`);
    await memory.db.execute(
      sql`insert into agencies (code, kind, parent_id, valid_from) select 'con-' || g, 'so', (select id from agencies where code = 'goc'), date '2024-01-01' + g from generate_series(1, 40) g`,
    );
    await memory.db.execute(sql`insert into audit_log (action, entity_type, before, summary) select 'thu', 'agency', jsonb_build_object('n', g, 'ten', 'Sở “' || g || '”'), repeat('Đ', g) from generate_series(1, 2500) g`);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (c: Buffer) => chunks.push(c));
    await exportDatabase(memory, out, { now: NOW });
    original = Buffer.concat(chunks).toString("utf8");
    writeFileSync(path.join(tmp, "a.ndjson"), original);
    // A PGlite data directory made by db:import (migrations run first).
    await importFromFile(pgliteConfig(), path.join(tmp, "a.ndjson"));
  }, 120_000);
  afterAll(async () => {
    await memory?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("exports a PGlite data directory to a gzip file and imports it into an empty database of TEST_DB's kind", async () => {
    const gz = path.join(tmp, "b.ndjson.gz");
    const exported = await exportToFile(pgliteConfig(), gz, { now: NOW });
    expect(exported.compressed).toBe(true);
    expect(exported.rows).toBe(2541);
    expect([...readFileSync(gz).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(existsSync(`${gz}.partial`)).toBe(false);
    expect(existsSync(path.join(tmp, "a", "server.lock")), "khóa được trả lại").toBe(false);

    const target = await emptyTarget(tmp, "c");
    try {
      const imported = await importFromFile(target.config, gz, { batchRows: 300 });
      expect(imported.rows).toBe(2541);
      expect(imported.header.source).toBe("pglite");
      const plain = path.join(tmp, "c.ndjson");
      await exportToFile(target.config, plain, { now: NOW });
      expect(dataLines(readFileSync(plain, "utf8"))).toEqual(dataLines(original));
    } finally {
      await target.drop();
    }
  }, 120_000);

  it("refuses to export while a server holds the data directory, and writes no file", async () => {
    const lock = path.join(tmp, "a", "server.lock");
    writeFileSync(lock, String(process.pid)); // a live process: as if the server were running
    try {
      const file = path.join(tmp, "khoa.ndjson");
      const error = await exportToFile(pgliteConfig(), file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataTransferError);
      expect((error as Error).message).toContain(`đang được tiến trình ${process.pid} sử dụng`);
      expect((error as Error).message).toContain("Hãy dừng máy chủ trước");
      expect(existsSync(file) || existsSync(`${file}.partial`)).toBe(false);
      const imported = await importFromFile(pgliteConfig(), path.join(tmp, "a.ndjson")).catch((e: unknown) => e);
      expect((imported as Error).message).toContain("Không nhập được khi máy chủ đang chạy");
    } finally {
      rmSync(lock, { force: true });
    }
  });

  it("refuses a missing data directory or file with a clear message", async () => {
    await expect(exportToFile({ databaseUrl: undefined, dataDir: path.join(tmp, "khong-co") }, path.join(tmp, "x.ndjson"))).rejects.toThrow(
      /Không có cơ sở dữ liệu PGlite ở .*khong-co/,
    );
    await expect(importFromFile({ databaseUrl: undefined, dataDir: path.join(tmp, "d") }, path.join(tmp, "khong-co.ndjson"))).rejects.toThrow(
      /Không có tệp .*khong-co\.ndjson/,
    );
  });

  it("refuses a cut-off gzip file and writes nothing", async () => {
    const gz = readFileSync(path.join(tmp, "b.ndjson.gz"));
    const cut = path.join(tmp, "cut.ndjson.gz");
    writeFileSync(cut, gz.subarray(0, Math.floor(gz.length / 2)));
    const target = await emptyTarget(tmp, "e");
    try {
      const error = await importFromFile(target.config, cut).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataTransferError);
      expect((error as Error).message).toMatch(/gzip hỏng hoặc bị cắt cụt|cắt cụt/);
      // The database exists (migrated) but holds no rows.
      const again = await importFromFile(target.config, path.join(tmp, "a.ndjson"));
      expect(again.rows).toBe(2541);
    } finally {
      await target.drop();
    }
  }, 120_000);
});
