// npm run compile:demo -- TEMPLATE OUTDIR
// Imports the template into a fresh in-memory database, fills every assignment with generated content, accepts it,
// compiles the final report and writes report.docx, appendices.xlsx and report.pdf to OUTDIR; prints the page count
// and the NĐ 30 checker summary.

import path from "node:path";
import { summarizeChecks } from "../exports/docx/nd30-checker.js";
import { runCompileDemo } from "../demo/compile-demo.js";

const [template, outDir] = process.argv.slice(2);
if (!template || !outDir) {
  console.error("Cách dùng: npm run compile:demo -- TEMPLATE OUTDIR   (ví dụ: templates/cv2830-2024-so-ket-nq45.yaml out/)");
  process.exit(2);
}
try {
  const started = performance.now();
  const r = await runCompileDemo(path.resolve(template), path.resolve(outDir));
  const s = r.output.pageStats;
  const t = r.output.timings;
  console.log(`Đã điền ${r.fill.filled} phần việc: ${r.fill.sections} mục (${r.fill.words} từ), ${r.fill.values} số liệu, ${r.fill.recordRows} dòng danh sách.`);
  console.log(`Đã ghi ${r.files.docx}, ${r.files.xlsx}${r.files.pdf ? `, ${r.files.pdf}` : ""}.`);
  if (r.output.pdfError) console.log(`PDF: ${r.output.pdfError}`);
  console.log(
    `Số trang phần báo cáo: ${s.bodyPages ?? "?"}${s.estimated ? " (ước tính)" : ""}${s.limit ? ` / giới hạn ${s.limit}` : ""}${s.overLimit ? " — VƯỢT GIỚI HẠN" : ""}; tổng cả phụ lục: ${s.totalPages ?? "?"} trang.`,
  );
  console.log(`Kiểm tra thể thức (NĐ 30): ${summarizeChecks(r.output.checks)}`);
  console.log(`Thời gian: Word ${Math.round(t.docxMs)} ms, Excel ${Math.round(t.xlsxMs)} ms, PDF ${Math.round(t.pdfMs)} ms, tổng ${Math.round(performance.now() - started)} ms.`);
  process.exit(r.output.checks.every((c) => c.ok) ? 0 : 1);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
