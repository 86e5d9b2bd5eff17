import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { TemplateSummary } from "@tonghop/contracts";
import { formatProblem, MAX_TEMPLATE_BYTES, type TemplateProblem } from "../services/campaigns/template-source.js";

/** Reads the template file given on the command line (relative to where npm was run). */
export function readTemplateArg(file: string | undefined, usage: string): { text: string; file: string } {
  if (!file) {
    console.error(usage);
    process.exit(2);
  }
  const full = path.resolve(file);
  let size: number;
  try {
    size = statSync(full).size;
  } catch {
    console.error(`Không tìm thấy tệp ${file}.`);
    process.exit(2);
  }
  if (size > MAX_TEMPLATE_BYTES) {
    console.log(`${file}: tệp mẫu lớn ${(size / 1024 / 1024).toFixed(1).replace(".", ",")} MB, vượt giới hạn 5 MB.`);
    process.exit(1);
  }
  return { text: readFileSync(full, "utf8"), file: full };
}

/** The JSON printed by template:check (and template:import). */
export function summaryJson(s: TemplateSummary): Record<string, unknown> {
  return {
    name: s.name,
    outlineItems: s.outlineItems,
    assignedItems: s.assignedItems,
    milestones: s.milestones,
    agencies: s.agencies,
    appendices: s.appendices.map((a) => ({ title: a.title, kind: a.kind, rows: a.rows })),
  };
}

/** Problems as Vietnamese lines: "path (dòng X, cột Y): message". */
export function printProblems(file: string, problems: readonly TemplateProblem[], nothingWritten = false): void {
  console.log(`${path.basename(file)}: mẫu có ${problems.length} lỗi${nothingWritten ? ", không có gì được ghi" : ""}:`);
  for (const p of problems) console.log(`  ${formatProblem(p)}`);
}
