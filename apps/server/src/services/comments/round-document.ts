// The compiled draft as reviewers read it, rebuilt from the draft's snapshot (what was printed): sections split into
// paragraphs, and each indicator appendix as rows × data columns with the header path as the column title. Comment
// anchors are resolved against this document, so a comment always quotes what the reviewer saw.

import { createHash } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { expandColumns, type RoundDocumentDto, type TemplateArea, type TemplateIndicatorsAppendix } from "@tonghop/contracts";
import { normalizeSearchText } from "@tonghop/domain";
import type { Db } from "../../db/client.js";
import { appendices, appendixRows, campaigns } from "../../db/schema/index.js";
import { badRequest } from "../../http/errors.js";
import type { CompileSnapshot } from "../compile/compile-report.js";

/** Paragraphs of a section text (the sanitiser joins paragraphs with a newline). */
export function paragraphsOf(text: string): string[] {
  return text
    .split("\n")
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/** Text compared when deciding whether a quote is still in the report (case, diacritics and spacing ignored). */
export const comparable = (s: string) => normalizeSearchText(s).replace(/\s+/g, " ").trim();

/** Identity of a paragraph by its content. */
export const paragraphKey = (text: string) => createHash("sha256").update(comparable(text)).digest("hex").slice(0, 16);

export async function buildRoundDocument(db: Db, campaignId: string, snapshot: CompileSnapshot): Promise<RoundDocumentDto> {
  const sections = snapshot.sections.map((s) => ({
    itemId: s.itemId,
    path: s.path,
    title: s.title,
    parts: s.parts.map((p) => ({ agency: p.agency, paragraphs: paragraphsOf(p.text) })),
  }));
  const byCode = new Map<string, Array<{ rowId: string; key: string; text: string; label: string }>>();
  for (const [k, v] of Object.entries(snapshot.cells)) {
    const [code, rowId, ...rest] = k.split("|");
    if (!code || !rowId || rest.length === 0) continue;
    const list = byCode.get(code) ?? [];
    list.push({ rowId, key: rest.join("|"), text: v.text, label: v.label });
    byCode.set(code, list);
  }
  const [campaign] = await db.select({ areas: campaigns.areas }).from(campaigns).where(eq(campaigns.id, campaignId));
  const areas = (campaign?.areas ?? []) as TemplateArea[];
  const apps = (await db.select().from(appendices).where(eq(appendices.campaignId, campaignId)).orderBy(asc(appendices.sortOrder))).filter((a) => a.kind === "indicators" && byCode.has(a.code));
  const out: RoundDocumentDto["appendices"] = [];
  for (const app of apps) {
    const config = { ...(app.config as Omit<TemplateIndicatorsAppendix, "rows">), rows: [] } as TemplateIndicatorsAppendix;
    const expanded = expandColumns(config, areas);
    const columns: Array<{ key: string; title: string }> = [];
    expanded.columns.forEach((c, i) => {
      if (i < 3 || c.kind === "agency") return;
      const parts: string[] = [];
      for (const line of expanded.header) for (const h of line) if (i >= h.col && i < h.col + h.colSpan) parts.push(h.title);
      columns.push({ key: c.key, title: [...new Set(parts)].join(" › ") });
    });
    const rows = await db.select().from(appendixRows).where(eq(appendixRows.appendixId, app.id));
    const kids = new Map<string | null, typeof rows>();
    for (const r of rows) kids.set(r.parentId, [...(kids.get(r.parentId) ?? []), r]);
    for (const l of kids.values()) l.sort((a, b) => a.sortOrder - b.sortOrder);
    const cells = new Map<string, Record<string, string>>();
    for (const c of byCode.get(app.code) ?? []) cells.set(c.rowId, { ...(cells.get(c.rowId) ?? {}), [c.key]: c.text });
    const ordered: RoundDocumentDto["appendices"][number]["rows"] = [];
    const visit = (parent: string | null) => {
      for (const r of kids.get(parent) ?? []) {
        ordered.push({ rowId: r.id, label: [r.tt, r.name].filter(Boolean).join(". "), cells: cells.get(r.id) ?? {} });
        visit(r.id);
      }
    };
    visit(null);
    out.push({ code: app.code, title: app.subtitle ? `${app.title} — ${app.subtitle}` : app.title, columns, rows: ordered });
  }
  return { sections, appendices: out };
}

export interface ResolvedAnchor {
  anchorKind: "section" | "paragraph" | "cell";
  outlineItemId: string | null;
  paragraphIndex: number | null;
  paragraphKey: string | null;
  appendixCode: string | null;
  rowId: string | null;
  columnKey: string | null;
  location: string;
  quote: string;
}

export type AnchorInput =
  | { kind: "section"; itemId: string }
  | { kind: "paragraph"; itemId: string; partIndex: number; paragraphIndex: number }
  | { kind: "cell"; appendixCode: string; rowId: string; columnKey: string };

/** Resolves what the reviewer pointed at in the draft, or refuses naming the field. */
export function resolveAnchor(doc: RoundDocumentDto, anchor: AnchorInput): ResolvedAnchor {
  const none = { outlineItemId: null, paragraphIndex: null, paragraphKey: null, appendixCode: null, rowId: null, columnKey: null };
  if (anchor.kind === "cell") {
    const app = doc.appendices.find((a) => a.code === anchor.appendixCode);
    if (!app) throw badRequest(`Dự thảo không có phụ lục "${anchor.appendixCode}".`, { field: "anchor.appendixCode" });
    const row = app.rows.find((r) => r.rowId === anchor.rowId);
    if (!row) throw badRequest(`${app.title} không có dòng được chọn.`, { field: "anchor.rowId" });
    const col = app.columns.find((c) => c.key === anchor.columnKey);
    if (!col) throw badRequest(`${app.title} không có cột "${anchor.columnKey}".`, { field: "anchor.columnKey" });
    return { ...none, anchorKind: "cell", appendixCode: app.code, rowId: row.rowId, columnKey: col.key, location: `${app.title} › ${row.label} › ${col.title}`, quote: row.cells[col.key] ?? "" };
  }
  const s = doc.sections.find((x) => x.itemId === anchor.itemId);
  if (!s) throw badRequest("Mục được chọn không có trong dự thảo.", { field: "anchor.itemId" });
  const where = `${s.path}. ${s.title}`;
  if (anchor.kind === "section") {
    return { ...none, anchorKind: "section", outlineItemId: s.itemId, location: `Mục ${where}`, quote: s.title };
  }
  const part = s.parts[anchor.partIndex];
  if (!part) throw badRequest(`Mục ${s.path} không có phần thứ ${anchor.partIndex + 1}.`, { field: "anchor.partIndex" });
  const text = part.paragraphs[anchor.paragraphIndex];
  if (text === undefined) throw badRequest(`Mục ${s.path} không có đoạn thứ ${anchor.paragraphIndex + 1}.`, { field: "anchor.paragraphIndex" });
  return {
    ...none,
    anchorKind: "paragraph",
    outlineItemId: s.itemId,
    paragraphIndex: anchor.paragraphIndex,
    paragraphKey: paragraphKey(text),
    location: `Mục ${where}, đoạn ${anchor.paragraphIndex + 1}${s.parts.length > 1 ? ` (phần của ${part.agency})` : ""}`,
    quote: text.slice(0, 4000),
  };
}
