/**
 * Defensive checks of an uploaded .xlsx BEFORE exceljs reads it:
 *   - it is a ZIP archive (an old .xls or a password-protected workbook is an OLE file, not a ZIP);
 *   - from the ZIP central directory: at most MAX_ENTRIES entries, declared uncompressed total ≤ MAX_TOTAL, no entry
 *     with a compression ratio above MAX_RATIO (zip bomb), no macros (vbaProject.bin, ActiveX), no external links;
 *   - then every entry is inflated in a stream that stops as soon as it produces more than it declared or the
 *     archive more than MAX_TOTAL (a bomb that lies in its directory), without keeping the output.
 * Errors are AppErrors with Vietnamese messages; nothing is written.
 */
import { Unzip, UnzipInflate, unzipSync, type UnzipFileInfo } from "fflate";
import { AppError } from "../../http/errors.js";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_ENTRIES = 2_000;
export const MAX_TOTAL = 200 * 1024 * 1024;
export const MAX_RATIO = 200;

const refuse = (message: string) => new AppError("UNPROCESSABLE", message);

export interface ZipEntryInfo {
  name: string;
  size: number;
  originalSize: number;
}

/** Entries from the central directory (nothing is decompressed). */
export function zipDirectory(data: Uint8Array): ZipEntryInfo[] {
  const entries: ZipEntryInfo[] = [];
  try {
    unzipSync(data, {
      filter: (f: UnzipFileInfo) => {
        entries.push({ name: f.name, size: f.size, originalSize: f.originalSize });
        if (entries.length > MAX_ENTRIES) throw refuse(`Tệp có quá nhiều thành phần (hơn ${MAX_ENTRIES.toLocaleString("vi-VN")}); không phải bảng tính hợp lệ.`);
        return false;
      },
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refuse("Tệp bị hỏng hoặc không phải định dạng Excel .xlsx.");
  }
  return entries;
}

export function checkXlsxUpload(data: Uint8Array, fileName: string): void {
  if (data.length > MAX_UPLOAD_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "Tệp lớn hơn 10 MB; hãy tách bớt hoặc xóa các trang không cần thiết.");
  if (data.length >= 8 && data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0) {
    throw refuse("Tệp là định dạng Excel cũ (.xls) hoặc được đặt mật khẩu; hãy lưu lại thành .xlsx không mật khẩu.");
  }
  if (data.length < 4 || data[0] !== 0x50 || data[1] !== 0x4b) throw refuse("Tệp không phải bảng tính Excel .xlsx.");
  if (/\.xlsm$/i.test(fileName)) throw refuse("Tệp có macro (.xlsm) không được nhận; hãy lưu thành .xlsx.");

  const entries = zipDirectory(data);
  let total = 0;
  for (const e of entries) {
    const name = e.name.toLowerCase();
    if (name.endsWith("vbaproject.bin") || name.startsWith("xl/activex/")) throw refuse("Tệp có macro hoặc điều khiển ActiveX; không được nhận. Hãy lưu thành .xlsx thông thường.");
    if (name.startsWith("xl/externallinks/")) throw refuse("Tệp có liên kết tới tệp bên ngoài; hãy bỏ liên kết (Dữ liệu → Sửa liên kết → Ngắt liên kết) rồi tải lên lại.");
    total += e.originalSize;
    if (total > MAX_TOTAL) throw refuse("Tệp giải nén quá lớn (nghi là tệp nén độc hại); không được nhận.");
    if (e.originalSize > 64 * 1024 && e.originalSize > MAX_RATIO * Math.max(1, e.size)) {
      throw refuse(`Tệp có thành phần "${e.name}" nén bất thường (tỷ lệ nén quá ${MAX_RATIO} lần, nghi là tệp nén độc hại); không được nhận.`);
    }
  }
  if (!entries.some((e) => e.name === "xl/workbook.xml")) throw refuse("Tệp không phải bảng tính Excel .xlsx (thiếu xl/workbook.xml).");
  inflateWithinLimits(data, new Map(entries.map((e) => [e.name, e.originalSize])));
}

/** Inflates every entry, counting bytes; stops at the first entry that exceeds what it declared. */
function inflateWithinLimits(data: Uint8Array, declared: ReadonlyMap<string, number>): void {
  let total = 0;
  const state: { failure: AppError | null } = { failure: null };
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    const limit = declared.get(file.name) ?? 0;
    let produced = 0;
    file.ondata = (err, chunk) => {
      if (state.failure) return;
      if (err) {
        state.failure = refuse(`Tệp bị hỏng: không giải nén được "${file.name}".`);
        return;
      }
      produced += chunk.length;
      total += chunk.length;
      if (produced > limit || total > MAX_TOTAL) {
        state.failure = refuse(`Tệp có thành phần "${file.name}" giải nén lớn hơn khai báo (nghi là tệp nén độc hại); không được nhận.`);
        file.terminate();
      }
    };
    if (file.compression !== 0 && file.compression !== 8) {
      state.failure ??= refuse(`Tệp dùng kiểu nén không hỗ trợ cho "${file.name}".`);
      return;
    }
    file.start();
  };
  try {
    const step = 1024 * 1024;
    for (let i = 0; i < data.length && !state.failure; i += step) unzip.push(data.subarray(i, Math.min(data.length, i + step)), i + step >= data.length);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refuse("Tệp bị hỏng hoặc không phải định dạng Excel .xlsx.");
  }
  if (state.failure) throw state.failure;
}
