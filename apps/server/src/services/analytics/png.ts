// Reading a chart image sent as a data URL: only a real PNG (signature, a well-formed IHDR with its CRC, an IEND
// at the end) of at most MAX_FIGURE_BYTES is accepted; its size is read from the image, never trusted from input.

import { crc32 } from "node:zlib";
import { MAX_FIGURE_BYTES } from "@tonghop/contracts";
import { formatVnNumber } from "@tonghop/domain";
import { AppError, badRequest } from "../../http/errors.js";

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_SIDE = 16_384;

export interface PngImage {
  bytes: Buffer;
  width: number;
  height: number;
}

function megabytes(n: number): string {
  return `${formatVnNumber(Math.round((n / (1024 * 1024)) * 10) / 10)} MB`;
}

function tooLarge(bytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `Ảnh biểu đồ ${megabytes(bytes)} vượt giới hạn ${megabytes(MAX_FIGURE_BYTES)}: xuất biểu đồ ở kích thước nhỏ hơn.`, {
    field: "imageDataUrl",
  });
}

const invalid = (why: string) => badRequest(`Ảnh biểu đồ (imageDataUrl) không phải tệp PNG hợp lệ: ${why}.`, { field: "imageDataUrl" });

/** Decodes `data:image/png;base64,…` and checks that it is a complete PNG within the size limit. */
export function decodePngDataUrl(dataUrl: string): PngImage {
  const m = /^data:image\/png;base64,([A-Za-z0-9+/=\r\n]*)$/.exec(dataUrl.trim());
  if (!m) throw invalid("cần dạng data:image/png;base64,…");
  const b64 = m[1]!.replace(/[\r\n]/g, "");
  // Refuse before decoding when the text alone is too long.
  const estimated = Math.floor((b64.length * 3) / 4);
  if (estimated > MAX_FIGURE_BYTES + 3) throw tooLarge(estimated);
  const bytes = Buffer.from(b64, "base64");
  if (bytes.length > MAX_FIGURE_BYTES) throw tooLarge(bytes.length);
  return readPng(bytes);
}

/** Checks a PNG file's structure and returns its pixel size. */
export function readPng(bytes: Buffer): PngImage {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw invalid("sai chữ ký tệp");
  if (bytes.length < 8 + 25 + 12) throw invalid("tệp quá ngắn");
  const ihdrLength = bytes.readUInt32BE(8);
  if (ihdrLength !== 13 || bytes.toString("latin1", 12, 16) !== "IHDR") throw invalid("thiếu khối IHDR");
  const crc = bytes.readUInt32BE(29);
  if (crc32(bytes.subarray(12, 29)) !== crc) throw invalid("khối IHDR hỏng (sai CRC)");
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) throw invalid(`kích thước ${width} × ${height} điểm ảnh không hợp lệ`);
  if (bytes.toString("latin1", bytes.length - 8, bytes.length - 4) !== "IEND") throw invalid("tệp bị cắt cụt (thiếu khối IEND)");
  return { bytes, width, height };
}
