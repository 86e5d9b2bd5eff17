import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { AppError, type ErrorBody } from "./errors.js";

const CONTEXT_LABEL: Record<string, string> = {
  body: "nội dung gửi lên",
  querystring: "tham số truy vấn",
  params: "đường dẫn",
  headers: "tiêu đề yêu cầu",
};

function fieldOf(instancePath: string): string | null {
  const path = instancePath.replace(/^\//, "").replace(/\//g, ".");
  return path === "" ? null : path;
}

/** Maps any thrown error to the one API error shape, in Vietnamese. */
export function toErrorBody(error: unknown, bodyLimitBytes: number): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (error instanceof AppError) {
    return { status: error.statusCode, body: error.toBody(), ...(error.headers ? { headers: error.headers } : {}) };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = CONTEXT_LABEL[(error as FastifyError).validationContext ?? "body"] ?? "dữ liệu";
    const issues = error.validation as unknown as Array<{ keyword: string; instancePath: string; message?: string; params?: { keys?: string[] } }>;
    const details = issues.map((v) => {
      const params = v.params;
      const field = fieldOf(v.instancePath);
      const message =
        v.keyword === "unrecognized_keys" && params?.keys
          ? `trường không được phép: ${params.keys.map((k) => `"${k}"`).join(", ")}`
          : (v.message ?? "giá trị không hợp lệ");
      return { field, message };
    });
    const summary = details.map((d) => (d.field ? `"${d.field}": ${d.message}` : d.message)).join("; ");
    return { status: 400, body: { code: "VALIDATION", message: `Dữ liệu không hợp lệ trong ${where} — ${summary}`, details } };
  }
  const fe = error as Partial<FastifyError> & { cause?: unknown };
  if (error instanceof Error && "method" in error && isResponseSerializationError(error)) {
    return { status: 500, body: { code: "INTERNAL", message: "Máy chủ tạo dữ liệu trả về không đúng khuôn dạng. Lỗi đã được ghi lại." } };
  }
  switch (fe.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return {
        status: 413,
        body: { code: "PAYLOAD_TOO_LARGE", message: `Dữ liệu gửi lên vượt quá giới hạn ${Math.round(bodyLimitBytes / 1024 / 1024)} MB.` },
      };
    case "FST_REQ_FILE_TOO_LARGE":
      return { status: 413, body: { code: "PAYLOAD_TOO_LARGE", message: "Tệp tải lên vượt quá giới hạn 10 MB." } };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return { status: 415, body: { code: "UNSUPPORTED_MEDIA_TYPE", message: "Kiểu nội dung không được hỗ trợ; hãy gửi JSON (application/json)." } };
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return { status: 400, body: { code: "BAD_REQUEST", message: "Nội dung JSON trống." } };
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return { status: 400, body: { code: "BAD_REQUEST", message: "Nội dung gửi lên không phải JSON hợp lệ." } };
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
      return { status: 415, body: { code: "UNSUPPORTED_MEDIA_TYPE", message: "Yêu cầu tải tệp phải là multipart/form-data." } };
    default:
      break;
  }
  if (fe.statusCode === 400 && error instanceof SyntaxError) {
    return { status: 400, body: { code: "BAD_REQUEST", message: "Nội dung gửi lên không phải JSON hợp lệ." } };
  }
  if (typeof fe.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, body: { code: "BAD_REQUEST", message: "Yêu cầu không hợp lệ." } };
  }
  return { status: 500, body: { code: "INTERNAL", message: "Đã có lỗi máy chủ. Lỗi đã được ghi lại; vui lòng thử lại." } };
}

export function errorHandler(bodyLimitBytes: number) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body, headers } = toErrorBody(error, bodyLimitBytes);
    if (status >= 500) request.log.error({ err: error }, "request failed");
    else request.log.info({ code: body.code, status }, body.message);
    if (headers) void reply.headers(headers);
    return reply.status(status).send(body);
  };
}
