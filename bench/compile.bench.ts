// Lập báo cáo Công văn 2830 đầy đủ: ~70 trang lời văn (nội dung sinh ra cho mọi phần việc, đã tiếp nhận) và mọi phụ lục.
//   compile-docx       thời gian dựng mô hình báo cáo (đọc cơ sở dữ liệu, tính phụ lục) và ghi DOCX; trung vị, mục tiêu < 2 s
//   compile-docx-cpu   thời gian CPU của cùng bước đó (không phụ thuộc máy đang bận việc khác)
//   compile-pdf-ratio  thời gian tạo PDF của chương trình (hàng đợi LibreOffice + đọc số trang bằng pdftotext) chia cho
//                      thời gian LibreOffice tự chuyển cùng tệp DOCX đó (cùng tham số, hồ sơ đã khởi động); mục tiêu < 3×
// Chạy: npm run bench -- compile
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCompileDemo } from "../apps/server/src/demo/compile-demo.js";
import { findExecutable, LibreOfficeConverter, pdfPageTexts } from "../apps/server/src/exports/pdf/libreoffice.js";
import { buildReportModel } from "../apps/server/src/services/compile/report-model.js";
import { renderReportDocx } from "../apps/server/src/services/compile/render-docx.js";

const RUNS = 5;
const PDF_RUNS = 3;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const out = mkdtempSync(path.join(os.tmpdir(), "bench-compile-"));
const demo = await runCompileDemo(path.resolve(import.meta.dirname, "../templates/cv2830-2024-so-ket-nq45.yaml"), out, { pdf: false, keepOpen: true, converter: null });
try {
  const c = demo.container;
  const dir = await c.services.agencies.directory();
  const input = { campaignId: demo.campaignId, scope: { kind: "whole" as const }, mode: "final" as const, date: "2024-05-16" };
  const docxTimes: number[] = [];
  const cpuTimes: number[] = [];
  let docx: Buffer = Buffer.alloc(0);
  for (let i = 0; i < RUNS + 1; i++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const model = await buildReportModel(c.db, dir, input);
    docx = await renderReportDocx(model);
    const used = process.cpuUsage(cpu);
    if (i > 0) {
      docxTimes.push(performance.now() - started);
      cpuTimes.push((used.user + used.system) / 1000);
    }
  }
  console.log(`BENCH compile-docx ${median(docxTimes).toFixed(1)} ms`);
  // CPU time of the same step: what it costs on an idle machine (the wall time grows when the cores are shared).
  console.log(`BENCH compile-docx-cpu ${median(cpuTimes).toFixed(1)} ms`);

  const soffice = findExecutable("soffice");
  if (!soffice) {
    console.error("Không có LibreOffice (soffice): bỏ qua compile-pdf-ratio.");
  } else {
    const converter = new LibreOfficeConverter();
    const ours = async () => {
      const started = performance.now();
      const pdf = await converter.convert(docx, "docx");
      await pdfPageTexts(pdf);
      return performance.now() - started;
    };
    const profile = mkdtempSync(path.join(os.tmpdir(), "bench-lo-profile-"));
    const file = path.join(out, "report.docx");
    writeFileSync(file, docx);
    const alone = () => {
      const started = performance.now();
      const r = spawnSync(soffice, [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nofirststartwizard", "--convert-to", "pdf", "--outdir", out, file], { stdio: "ignore" });
      if (r.status !== 0) throw new Error(`soffice thoát với mã ${String(r.status)}`);
      return performance.now() - started;
    };
    await ours();
    alone();
    const oursTimes: number[] = [];
    const aloneTimes: number[] = [];
    for (let i = 0; i < PDF_RUNS; i++) {
      oursTimes.push(await ours());
      aloneTimes.push(alone());
    }
    console.error(`(PDF: chương trình ${median(oursTimes).toFixed(0)} ms, LibreOffice riêng ${median(aloneTimes).toFixed(0)} ms)`);
    console.log(`BENCH compile-pdf-ratio ${(median(oursTimes) / median(aloneTimes)).toFixed(2)} x`);
    rmSync(profile, { recursive: true, force: true });
  }
} finally {
  await demo.close();
  rmSync(out, { recursive: true, force: true });
}
