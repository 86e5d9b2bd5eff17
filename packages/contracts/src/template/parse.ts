import { z } from "zod";
import { campaignTemplateSchema } from "./campaign-template.schema.js";
import type { CampaignTemplate } from "./campaign-template.schema.js";
import { formatTemplatePath } from "./checks.js";

export interface TemplateIssue {
  /** Đường dẫn kiểu YAML, ví dụ "outline[3].children[0].label". */
  path: string;
  /** Đường dẫn dạng mảng (để tra dòng trong tệp YAML). */
  segments: (string | number)[];
  message: string;
}

export type TemplateParseResult = { ok: true; template: CampaignTemplate } | { ok: false; issues: TemplateIssue[] };

/** Độ sâu lồng tối đa của dữ liệu thô trước khi giao cho zod (chặn tệp lồng hàng nghìn cấp). */
const MAX_RAW_DEPTH = 256;

function rawDepthExceeded(input: unknown): (string | number)[] | null {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: input, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (path.length > MAX_RAW_DEPTH) return path;
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) stack.push({ v: x, path: [...path, k] });
  }
  return null;
}

/** Chuyển lỗi zod thành danh sách lỗi có đường dẫn. */
export function formatTemplateIssues(error: z.ZodError): TemplateIssue[] {
  return error.issues.map((i) => {
    const segments = i.path.map((p) => (typeof p === "number" ? p : String(p)));
    return { path: formatTemplatePath(segments), segments, message: i.message };
  });
}

/**
 * Kiểm tra dữ liệu mẫu (đã đọc từ YAML/JSON) với lược đồ, thông báo lỗi bằng tiếng Việt.
 * Không ném lỗi: trả về mẫu đã chuẩn hóa hoặc danh sách lỗi.
 */
export function parseCampaignTemplate(input: unknown): TemplateParseResult {
  const deep = rawDepthExceeded(input);
  if (deep) {
    return {
      ok: false,
      issues: [{ path: formatTemplatePath(deep), segments: deep, message: `Dữ liệu lồng quá sâu (hơn ${MAX_RAW_DEPTH} cấp)` }],
    };
  }
  const r = campaignTemplateSchema.safeParse(input, { error: z.locales.vi().localeError });
  return r.success ? { ok: true, template: r.data } : { ok: false, issues: formatTemplateIssues(r.error) };
}
