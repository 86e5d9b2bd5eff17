#!/usr/bin/env node
// Sinh templates/campaign-template.schema.json từ lược đồ zod của mẫu đợt tổng hợp.
//   node scripts/generate-template-schema.mjs          ghi tệp
//   node scripts/generate-template-schema.mjs --check  chỉ kiểm tra tệp đã khớp (mã thoát 1 nếu lệch)
// Một bài kiểm thử (packages/contracts/src/template/campaign-template.schema.test.ts) cũng so tệp đã lưu với bản sinh mới.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const mod = await tsImport("../packages/contracts/src/template/json-schema.ts", import.meta.url);
const target = join(root, "templates", mod.CAMPAIGN_TEMPLATE_JSON_SCHEMA_FILE);
const text = mod.campaignTemplateJsonSchemaText();

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // tệp chưa có
  }
  if (current !== text) {
    console.error(`${target} đã cũ: chạy node scripts/generate-template-schema.mjs`);
    process.exit(1);
  }
  console.log(`${target} khớp với lược đồ zod.`);
} else {
  writeFileSync(target, text);
  console.log(`Đã ghi ${target}`);
}
