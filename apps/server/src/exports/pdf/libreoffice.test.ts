import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LIBREOFFICE_MISSING, LibreOfficeConverter, pdfPageCount } from "./libreoffice.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "lo-fake-"));
const log = path.join(dir, "calls.log");

/** A stand-in for soffice: logs start/end, waits, writes "<outdir>/input.pdf" (or never finishes). */
function fakeSoffice(name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("PDF through LibreOffice", () => {
  it("says clearly when LibreOffice is not installed", async () => {
    const c = new LibreOfficeConverter({ binary: path.join(dir, "khong-co-soffice") });
    expect(c.available).toBe(false);
    await expect(c.convert(Buffer.from("x"))).rejects.toMatchObject({ statusCode: 503, message: LIBREOFFICE_MISSING });
  });

  it("converts one document at a time", async () => {
    // Arguments: … --outdir DIR FILE; the fake logs, sleeps, then writes DIR/input.pdf.
    const bin = fakeSoffice(
      "soffice-slow",
      `for a; do last="$prev"; prev="$a"; done\noutdir="$last"\necho start >> ${log}\nsleep 0.3\nprintf '%%PDF-1.4 /Type /Pages /Count 2' > "$outdir/input.pdf"\necho end >> ${log}`,
    );
    const c = new LibreOfficeConverter({ binary: bin, timeoutMs: 10_000 });
    const results = await Promise.all([c.convert(Buffer.from("a")), c.convert(Buffer.from("b")), c.convert(Buffer.from("c"))]);
    expect(results.map((r) => r.subarray(0, 5).toString())).toEqual(["%PDF-", "%PDF-", "%PDF-"]);
    expect(readFileSync(log, "utf8").trim().split("\n")).toEqual(["start", "end", "start", "end", "start", "end"]);
    expect(pdfPageCount(results[0])).toBe(2);
  });

  it("stops a conversion that takes too long and reports one that fails", async () => {
    const hang = fakeSoffice("soffice-hang", "sleep 30");
    const c = new LibreOfficeConverter({ binary: hang, timeoutMs: 400 });
    const started = Date.now();
    await expect(c.convert(Buffer.from("x"))).rejects.toThrow(/^LibreOffice không chuyển xong sang PDF trong \d+ giây nên đã bị dừng/);
    expect(Date.now() - started).toBeLessThan(10_000);
    const broken = new LibreOfficeConverter({ binary: fakeSoffice("soffice-fail", "echo 'Error: source file could not be loaded' >&2; exit 1") });
    await expect(broken.convert(Buffer.from("x"))).rejects.toThrow("LibreOffice không tạo được tệp PDF (mã thoát 1): Error: source file could not be loaded");
  });
});
