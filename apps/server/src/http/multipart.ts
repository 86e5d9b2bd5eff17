// Reads a multipart/form-data upload: one file (the last "file" part wins) and the text fields. Sizes are limited by
// @fastify/multipart's limits in app.ts (a part over the limit fails with 413 before it is buffered whole).
import type { FastifyRequest } from "fastify";
import { AppError, badRequest } from "./errors.js";

export interface Upload {
  filename: string;
  bytes: Uint8Array;
  fields: Record<string, string>;
}

/** The uploaded file and the text fields; `missing` is the Vietnamese message when no file was chosen. */
export async function readUpload(request: FastifyRequest, missing: string, accept?: (filename: string) => void): Promise<Upload> {
  if (!request.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Yêu cầu tải tệp phải là multipart/form-data.");
  let file: { filename: string; bytes: Uint8Array } | null = null;
  const fields: Record<string, string> = {};
  for await (const part of request.parts()) {
    if (part.type === "file") {
      accept?.(part.filename);
      const buf = await part.toBuffer();
      file = { filename: part.filename, bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
    } else if (typeof part.value === "string") {
      fields[part.fieldname] = part.value;
    }
  }
  if (!file) throw badRequest(missing, { field: "file" });
  return { ...file, fields };
}
