import { z } from "zod";
import { campaignTemplateSchema } from "./campaign-template.schema.js";

/** Tên tệp JSON Schema công bố trong thư mục templates/. */
export const CAMPAIGN_TEMPLATE_JSON_SCHEMA_FILE = "campaign-template.schema.json";

/**
 * JSON Schema (draft-07, để trình soạn YAML dùng được) của mẫu đợt tổng hợp, sinh từ lược đồ zod.
 * Chỉ mô tả cấu trúc; các kiểm tra tham chiếu chéo chỉ chạy trong lược đồ zod.
 */
export function buildCampaignTemplateJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(campaignTemplateSchema, { target: "draft-7", io: "input", unrepresentable: "any" });
  return { ...schema, $id: `https://tonghop.local/schemas/${CAMPAIGN_TEMPLATE_JSON_SCHEMA_FILE}` };
}

/** Nội dung tệp JSON Schema đúng như được lưu trong kho (2 dấu cách, xuống dòng cuối tệp). */
export function campaignTemplateJsonSchemaText(): string {
  return `${JSON.stringify(buildCampaignTemplateJsonSchema(), null, 2)}\n`;
}
