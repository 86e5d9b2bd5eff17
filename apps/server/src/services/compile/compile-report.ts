// The compile pipeline without storage or access checks: model → DOCX, XLSX, PDF (LibreOffice), page budget,
// NĐ 30 checks, snapshot. Used by the compile service, the compile:demo tool, tests and the benchmark.

import { normalizeSearchText, type PlainDate } from "@tonghop/domain";
import type { Db } from "../../db/client.js";
import { checkNd30, type Nd30CheckResult } from "../../exports/docx/nd30-checker.js";
import { pdfPageCount, pdfPageTexts, type LibreOfficeConverter } from "../../exports/pdf/libreoffice.js";
import { AppError, unprocessable } from "../../http/errors.js";
import type { Directory } from "../agencies/directory.js";
import { renderReportDocx } from "./render-docx.js";
import { renderAppendicesXlsx } from "./render-xlsx.js";
import { buildReportModel, type CompileMode, type CompileScope, type MissingWork, type ReportModel } from "./report-model.js";

/** Words of body text on one page (Times New Roman 14, NĐ 30 margins), for estimates without a PDF. */
export const ESTIMATED_WORDS_PER_PAGE = 420;

export interface PageStatItem {
  itemId: string;
  path: string;
  title: string;
  words: number;
  /** Estimated pages of this item's text. */
  pages: number;
  /** Page where its heading was found in the PDF, if found. */
  startPage: number | null;
}

export interface CompilePageStats {
  bodyPages: number | null;
  totalPages: number | null;
  /** True when counted without a PDF (from the words). */
  estimated: boolean;
  limit: number | null;
  overLimit: boolean;
  totalWords: number;
  items: PageStatItem[];
  longest: PageStatItem[];
}

export interface CompileSnapshot {
  sections: Array<{ itemId: string; path: string; title: string; parts: Array<{ agency: string; text: string }> }>;
  cells: Record<string, { label: string; text: string }>;
}

export interface CompileInput {
  campaignId: string;
  scope: CompileScope;
  mode: CompileMode;
  date: PlainDate;
  number?: number | null;
  /** "Dự thảo lần 3" etc. printed above the header of a draft. */
  draftLabel?: string;
  /** Produce the PDF (default true). */
  pdf?: boolean;
}

export interface CompileOutput {
  model: ReportModel;
  docx: Buffer;
  xlsx: Buffer;
  pdf: Buffer | null;
  pdfError: string | null;
  pageStats: CompilePageStats;
  checks: Nd30CheckResult[];
  snapshot: CompileSnapshot;
  timings: { modelMs: number; docxMs: number; xlsxMs: number; pdfMs: number };
}

/** "Mục Phần I › II: Sở X (Đang soạn), Sở Y (Đã gửi)" grouped per item, for the final-blocked message. */
export function describeMissing(missing: readonly MissingWork[], limit = 12): string {
  const byWhere = new Map<string, string[]>();
  for (const m of missing) {
    const key = m.kind === "outline" ? `mục ${m.where}` : `${m.where}`;
    const l = byWhere.get(key) ?? [];
    const entry = `${m.agencyName} (${m.stateLabel})`;
    if (!l.includes(entry)) l.push(entry);
    byWhere.set(key, l);
  }
  const parts = [...byWhere].map(([where, list]) => `${where}: ${list.slice(0, 6).join(", ")}${list.length > 6 ? ` và ${list.length - 6} cơ quan khác` : ""}`);
  return parts.slice(0, limit).join("; ") + (parts.length > limit ? `; và ${parts.length - limit} chỗ khác` : "");
}

export function snapshotOf(model: ReportModel): CompileSnapshot {
  const sections = model.items
    .filter((i) => i.contributions.length > 0)
    .map((i) => ({ itemId: i.id, path: i.path, title: i.title, parts: i.contributions.map((c) => ({ agency: c.agencyName, text: c.text })) }));
  const cells: CompileSnapshot["cells"] = {};
  for (const a of model.appendices) {
    if (a.kind !== "indicators") continue;
    for (const r of a.rows) {
      a.columns.forEach((c, i) => {
        if (i < 3 || c.kind === "agency") return;
        const v = r.cells[i - 3];
        if (!v || v.text === "") return;
        cells[`${a.code}|${r.rowId}|${c.key}`] = { label: `${a.title} › ${[r.tt, r.name].filter(Boolean).join(" ")} › ${headerPath(a, i)}`, text: v.text };
      });
    }
  }
  return { sections, cells };
}

/** "Giai đoạn 2019-2023 › Hải Phòng" for a leaf column. */
function headerPath(a: ReportModel["appendices"][number], col: number): string {
  const parts: string[] = [];
  for (const line of a.header) for (const h of line) if (col >= h.col && col < h.col + h.colSpan) parts.push(h.title);
  return [...new Set(parts)].join(" › ");
}

const norm = (s: string) => normalizeSearchText(s).replace(/\s+/g, " ").trim();

/** Page statistics: body pages (up to the first appendix title at the top of a page), words and pages per item. */
export function pageStatsOf(model: ReportModel, pageTexts: string[] | null, totalPages: number | null): CompilePageStats {
  const leaves = model.items.filter((i) => i.contributions.length > 0);
  const totalWords = leaves.reduce((s, i) => s + i.contributions.reduce((t, c) => t + c.wordCount, 0), 0);
  let bodyPages: number | null = null;
  let estimated = false;
  if (pageTexts) {
    bodyPages = pageTexts.length;
    const first = model.appendices[0];
    if (first) {
      const title = norm(first.title);
      const idx = pageTexts.findIndex((p) => {
        const lines = p.split("\n").map((l) => norm(l)).filter(Boolean);
        return lines[0] === title;
      });
      if (idx >= 0) bodyPages = idx;
    }
  } else if (totalPages !== null && model.appendices.length === 0) {
    bodyPages = totalPages;
  } else {
    estimated = true;
    bodyPages = Math.max(1, Math.ceil(totalWords / ESTIMATED_WORDS_PER_PAGE + model.items.length / 25 + 1));
  }
  const pagesBody = bodyPages ?? 0;
  let cursor = 0;
  const items = leaves.map((i) => {
    const words = i.contributions.reduce((t, c) => t + c.wordCount, 0);
    let startPage: number | null = null;
    if (pageTexts) {
      const needle = norm(i.title).slice(0, 40);
      for (let p = cursor; p < Math.min(pageTexts.length, pagesBody || pageTexts.length); p++) {
        if (norm(pageTexts[p]!).includes(needle)) {
          startPage = p + 1;
          cursor = p;
          break;
        }
      }
    }
    const pages = totalWords > 0 ? Math.round(((words / totalWords) * pagesBody) * 10) / 10 : 0;
    return { itemId: i.id, path: i.path, title: i.title, words, pages, startPage };
  });
  const longest = [...items].sort((a, b) => b.words - a.words).slice(0, 10);
  const limit = model.pageLimit;
  return { bodyPages, totalPages, estimated, limit, overLimit: limit !== null && bodyPages !== null && bodyPages > limit, totalWords, items, longest };
}

export async function compileReport(db: Db, dir: Directory, converter: LibreOfficeConverter | null, input: CompileInput): Promise<CompileOutput> {
  const t0 = performance.now();
  const model = await buildReportModel(db, dir, { campaignId: input.campaignId, scope: input.scope, mode: input.mode, date: input.date, number: input.number ?? null });
  if (input.mode === "final" && model.missing.length > 0) {
    throw unprocessable(`Chưa thể lập bản chính thức: còn ${model.missing.length} phần việc chưa được tiếp nhận — ${describeMissing(model.missing)}. Hãy lập dự thảo hoặc tiếp nhận các phần việc này trước.`, {
      missing: model.missing,
    });
  }
  const t1 = performance.now();
  const docx = await renderReportDocx(model, input.draftLabel ? { draftLabel: input.draftLabel } : {});
  const t2 = performance.now();
  const xlsx = await renderAppendicesXlsx(model);
  const t3 = performance.now();
  let pdf: Buffer | null = null;
  let pdfError: string | null = null;
  let pageTexts: string[] | null = null;
  let totalPages: number | null = null;
  if (input.pdf !== false) {
    if (!converter) pdfError = "Không tạo PDF (chưa cấu hình LibreOffice).";
    else {
      try {
        pdf = await converter.convert(docx, "docx");
        pageTexts = await pdfPageTexts(pdf);
        totalPages = pageTexts ? pageTexts.length : pdfPageCount(pdf);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        pdfError = err.message;
      }
    }
  }
  const t4 = performance.now();
  const checks = checkNd30(docx, { system: model.system });
  return {
    model,
    docx,
    xlsx,
    pdf,
    pdfError,
    pageStats: pageStatsOf(model, pageTexts, totalPages),
    checks,
    snapshot: snapshotOf(model),
    timings: { modelMs: t1 - t0, docxMs: t2 - t1, xlsxMs: t3 - t2, pdfMs: t4 - t3 },
  };
}
