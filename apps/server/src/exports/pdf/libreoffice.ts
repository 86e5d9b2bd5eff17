// PDF through LibreOffice headless: one conversion at a time per process (a queue), its own profile directory, a
// time limit (the process group is killed), and a clear Vietnamese error when LibreOffice is not installed.
// Page texts come from poppler's pdftotext (form feed between pages).

import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AppError } from "../../http/errors.js";

export const LIBREOFFICE_MISSING =
  "Không tìm thấy LibreOffice (lệnh soffice) trên máy chủ nên chưa tạo được bản PDF và chưa đếm được số trang. Quản trị viên cần cài gói libreoffice-writer-nogui.";

/** Finds an executable on PATH (or an absolute path); null when absent. */
export function findExecutable(name: string): string | null {
  if (path.isAbsolute(name)) {
    try {
      accessSync(name, constants.X_OK);
      return name;
    } catch {
      return null;
    }
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const full = path.join(dir, name);
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      /* next */
    }
  }
  return null;
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function runProcess(cmd: string, args: string[], opts: { cwd?: string; timeoutMs: number }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, HOME: process.env.HOME ?? os.tmpdir() } });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, opts.timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

export interface ConverterOptions {
  /** soffice binary (default: found on PATH). */
  binary?: string;
  /** Per conversion (default 180 s). */
  timeoutMs?: number;
}

export class LibreOfficeConverter {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly profileDir = path.join(os.tmpdir(), `tonghop-lo-profile-${process.pid}`);
  private readonly timeoutMs: number;
  private readonly binary: string | null;

  constructor(opts: ConverterOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 180_000;
    this.binary = opts.binary !== undefined ? findExecutable(opts.binary) : (findExecutable("soffice") ?? findExecutable("libreoffice"));
  }

  get available(): boolean {
    return this.binary !== null;
  }

  /** Converts a document (docx, xlsx…) to PDF; conversions run one after another. */
  convert(input: Buffer, extension: "docx" | "xlsx" = "docx"): Promise<Buffer> {
    const job = this.queue.then(() => this.convertNow(input, extension));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async convertNow(input: Buffer, extension: string): Promise<Buffer> {
    if (!this.binary) throw new AppError("SERVICE_UNAVAILABLE", LIBREOFFICE_MISSING);
    const dir = await mkdtemp(path.join(os.tmpdir(), "tonghop-pdf-"));
    try {
      const file = path.join(dir, `input.${extension}`);
      await writeFile(file, input);
      const args = [
        `-env:UserInstallation=file://${this.profileDir}`,
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--nofirststartwizard",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        file,
      ];
      let res: RunResult;
      try {
        res = await runProcess(this.binary, args, { cwd: dir, timeoutMs: this.timeoutMs });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new AppError("SERVICE_UNAVAILABLE", LIBREOFFICE_MISSING);
        throw err;
      }
      if (res.timedOut) {
        throw new AppError("SERVICE_UNAVAILABLE", `LibreOffice không chuyển xong sang PDF trong ${Math.round(this.timeoutMs / 1000)} giây nên đã bị dừng; hãy thử lại hoặc lập bản nhỏ hơn (một phần).`);
      }
      try {
        return await readFile(path.join(dir, "input.pdf"));
      } catch {
        throw new AppError("SERVICE_UNAVAILABLE", `LibreOffice không tạo được tệp PDF (mã thoát ${String(res.code)}): ${(res.stderr || res.stdout).trim().slice(0, 300)}`);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/** Text of each page of a PDF (pdftotext -layout); null when poppler is not installed. */
export async function pdfPageTexts(pdf: Buffer): Promise<string[] | null> {
  const bin = findExecutable("pdftotext");
  if (!bin) return null;
  const dir = await mkdtemp(path.join(os.tmpdir(), "tonghop-txt-"));
  try {
    const file = path.join(dir, "in.pdf");
    await writeFile(file, pdf);
    const res = await runProcess(bin, ["-layout", "-enc", "UTF-8", file, path.join(dir, "out.txt")], { timeoutMs: 60_000 });
    if (res.code !== 0) return null;
    const text = await readFile(path.join(dir, "out.txt"), "utf8");
    const pages = text.split("\f");
    if (pages.length && pages[pages.length - 1]!.trim() === "") pages.pop();
    return pages;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Page count of a PDF from its page objects (fallback when pdftotext is absent). */
export function pdfPageCount(pdf: Buffer): number {
  const text = pdf.toString("latin1");
  const m = /\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/.exec(text);
  if (m) return Number(m[1]);
  return (text.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
}

/** One converter per process (conversions are serialised across all callers). */
let shared: LibreOfficeConverter | null = null;
export function sharedConverter(): LibreOfficeConverter {
  shared ??= new LibreOfficeConverter();
  return shared;
}
