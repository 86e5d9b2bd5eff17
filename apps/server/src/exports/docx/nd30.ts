// Building blocks of an official document per Nghị định 30/2020/NĐ-CP (and the Party format of Hướng dẫn
// 36-HD/VPTW): page setup, styles, the header table (agency / Quốc hiệu – Tiêu ngữ with their rules, "Số:",
// place and date), title and trích yếu, body paragraphs and headings, page numbers at the top from page 2,
// "Nơi nhận:" and the signature block. Reused by the compiled report, the chase letter and the "tiếp thu, giải
// trình" table. Every table has a fixed layout and explicit widths (LibreOffice draws auto tables wrongly).
//
// A chase letter, for example:
//   const doc = nd30Document([
//     nd30Section([
//       headerTable({ system: "nha-nuoc", parent: "UBND THÀNH PHỐ HẢI PHÒNG", issuer: "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
//                     number: null, symbol: "KHĐT-TH", place: "Hải Phòng", date: "2024-05-06" }),
//       ...titleBlock("Công văn", "V/v đôn đốc gửi báo cáo sơ kết Nghị quyết số 45-NQ/TW"),
//       bodyParagraph("Kính gửi: …"), bodyParagraph("Thực hiện Công văn số 2830/VP-TH …"),
//       closingTable(["Như trên;", "Lưu: VT, TH."], { authority: "KT. GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC" }),
//     ], { newPage: false }),
//   ]);
//   const bytes = await packDocx(doc);   // then checkNd30(bytes) from ./nd30-checker.js

import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type FileChild,
  type IBorderOptions,
  type ISectionOptions,
  type ParagraphChild,
} from "docx";
import { formatDocumentNumber, formatPlaceDate, type PlainDate } from "@tonghop/domain";

// ------------------------------------------------------------------------------------------------ measures

export const TWIPS_PER_MM = 1440 / 25.4;
export const mm = (v: number): number => Math.round(v * TWIPS_PER_MM);
/** Half-points, the unit of font sizes in WordprocessingML. */
export const pt = (size: number): number => Math.round(size * 2);

export const ND30 = {
  font: "Times New Roman",
  /** A4 in twips. */
  page: { width: 11906, height: 16838 },
  /** Margins in mm: top/bottom 20–25, left 30–35, right 15–20. */
  margins: { top: 20, bottom: 20, left: 30, right: 15 },
  sizes: { body: 14, agency: 13, nationalName: 12, motto: 13, number: 13, placeDate: 14, title: 14, summary: 14, pageNumber: 14, recipientsLabel: 12, recipients: 11, signature: 14, footnote: 12, table: 12 },
  /** First-line indent (1,27 cm), spacing before paragraphs (6 pt), line spacing (1,15 line). */
  firstLineIndent: 720,
  paragraphSpacingBefore: 120,
  lineSpacing: 276,
  nationalName: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  motto: "Độc lập - Tự do - Hạnh phúc",
  partyName: "ĐẢNG CỘNG SẢN VIỆT NAM",
} as const;

/** Width of the text area in twips for a portrait or landscape A4 page with the NĐ 30 margins. */
export function textWidth(orientation: "portrait" | "landscape" = "portrait"): number {
  const pageWidth = orientation === "portrait" ? ND30.page.width : ND30.page.height;
  return pageWidth - mm(ND30.margins.left) - mm(ND30.margins.right);
}

/**
 * Approximate printed width (twips) of a line of Times New Roman: enough to size the rules under the Tiêu ngữ
 * (as long as the line) and under the agency name (a third to a half of it).
 */
export function estimateTextWidth(text: string, sizePt: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (ch === " ") em += 0.25;
    else if (/[A-ZĐÀ-Ỹ]/u.test(ch) && ch === ch.toUpperCase() && ch !== ch.toLowerCase()) em += bold ? 0.72 : 0.68;
    else if (/[-–,.;:]/.test(ch)) em += 0.3;
    else em += bold ? 0.5 : 0.46;
  }
  return Math.round(em * sizePt * 20);
}

// ------------------------------------------------------------------------------------------------ runs

export interface RunStyle {
  size?: number;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  strike?: boolean;
  superScript?: boolean;
  subScript?: boolean;
  color?: string;
  allCaps?: boolean;
}

/** A text run in Times New Roman (size in points). */
export function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text,
    font: ND30.font,
    size: pt(style.size ?? ND30.sizes.body),
    ...(style.bold ? { bold: true } : {}),
    ...(style.italics ? { italics: true } : {}),
    ...(style.underline ? { underline: {} } : {}),
    ...(style.strike ? { strike: true } : {}),
    ...(style.superScript ? { superScript: true } : {}),
    ...(style.subScript ? { subScript: true } : {}),
    ...(style.color ? { color: style.color } : {}),
    ...(style.allCaps ? { allCaps: true } : {}),
  });
}

const noSpacing = { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } as const;

/** A centred line of the header or signature block. */
export function centered(text: string, style: RunStyle = {}, spacing: { before?: number; after?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { ...noSpacing, ...spacing },
    indent: { firstLine: 0 },
    children: [run(text, style)],
  });
}

const RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 };

/** A horizontal rule of `length` twips centred in a column of `columnWidth` twips (an empty bordered paragraph). */
export function rule(length: number, columnWidth: number): Paragraph {
  const side = Math.max(0, Math.round((columnWidth - length) / 2));
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 40, after: 0, line: 240, lineRule: LineRuleType.AUTO },
    indent: { left: side, right: side, firstLine: 0 },
    border: { top: RULE },
    run: { size: 2 },
    children: [new TextRun({ text: "", size: 2 })],
  });
}

// ------------------------------------------------------------------------------------------------ header

export type DocumentSystem = "nha-nuoc" | "dang";

export interface DocumentIdentity {
  system: DocumentSystem;
  /** Parent agency above the issuer ("ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"), optional. */
  parent?: string | null;
  /** Issuing agency ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "THÀNH ỦY HẢI PHÒNG"). */
  issuer: string;
  /** Document number; null leaves it blank for the văn thư to fill at issue ("Số:      /BC-UBND"). */
  number?: number | null;
  /** Symbol without the number: "BC-UBND" (state), "BC/TU" (Party). */
  symbol: string;
  place: string;
  date: PlainDate;
}

/** "Số: 05/BC-UBND" (state) or "Số 05-BC/TU" (Party); a blank number when not yet issued. */
export function documentNumberText(system: DocumentSystem, number: number | null | undefined, symbol: string): string {
  const sym = symbol.trim();
  if (system === "dang") {
    return number ? `Số ${String(number).padStart(2, "0")}-${sym}` : `Số      -${sym}`;
  }
  return number ? formatDocumentNumber(number, sym) : `Số:      /${sym}`;
}

/** "Hải Phòng, ngày 05 tháng 01 năm 2020". */
export function placeDateText(place: string, date: PlainDate): string {
  return formatPlaceDate(place, date);
}

const NO_BORDERS = {
  top: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  bottom: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  left: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  right: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
} as const;

const CELL_MARGINS = { top: 0, bottom: 0, left: 57, right: 57 } as const;

function layoutCell(children: Paragraph[], width: number): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, margins: CELL_MARGINS, verticalAlign: VerticalAlignTable.TOP, children });
}

/** A borderless, fixed-layout table of `widths` columns (twips) for page layout (header, signature). */
export function layoutTable(rows: Paragraph[][][], widths: number[]): Table {
  const total = widths.reduce((s, w) => s + w, 0);
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    borders: NO_BORDERS,
    rows: rows.map((cells) => new TableRow({ cantSplit: true, children: cells.map((c, i) => layoutCell(c, widths[i]!)) })),
  });
}

/**
 * The header table: left the parent agency (regular) above the issuing agency (bold) with a short rule, then "Số";
 * right the Quốc hiệu (bold 13) and Tiêu ngữ (bold 14) with a rule as long as it — or "ĐẢNG CỘNG SẢN VIỆT NAM" for
 * the Party format — then the place and date in italic.
 */
export function headerTable(id: DocumentIdentity, width = textWidth()): Table {
  const left = Math.round(width * 0.4);
  const right = width - left;
  const colLeft = left - CELL_MARGINS.left - CELL_MARGINS.right;
  const colRight = right - CELL_MARGINS.left - CELL_MARGINS.right;
  const s = ND30.sizes;
  const issuer = id.issuer.toLocaleUpperCase("vi");
  const agencyLines: Paragraph[] = [];
  if (id.parent) agencyLines.push(centered(id.parent.toLocaleUpperCase("vi"), { size: s.agency }));
  agencyLines.push(centered(issuer, { size: s.agency, bold: true }));
  if (id.system === "dang") agencyLines.push(centered("*", { size: s.agency }));
  else agencyLines.push(rule(Math.min(colLeft, Math.max(900, Math.round(estimateTextWidth(issuer, s.agency, true) * 0.4))), colLeft));

  const national: Paragraph[] =
    id.system === "dang"
      ? [centered(ND30.partyName, { size: 15, bold: true }), rule(estimateTextWidth(ND30.partyName, 15, true), colRight)]
      : [
          centered(ND30.nationalName, { size: s.nationalName, bold: true }),
          centered(ND30.motto, { size: s.motto, bold: true }),
          rule(Math.min(colRight, estimateTextWidth(ND30.motto, s.motto, true)), colRight),
        ];
  const numberLine = [centered(documentNumberText(id.system, id.number, id.symbol), { size: s.number }, { before: 120 })];
  const dateLine = [
    new Paragraph({
      alignment: id.system === "dang" ? AlignmentType.RIGHT : AlignmentType.CENTER,
      spacing: { ...noSpacing, before: 120 },
      indent: { firstLine: 0 },
      children: [run(placeDateText(id.place, id.date), { size: s.placeDate, italics: true })],
    }),
  ];
  return layoutTable(
    [
      [agencyLines, national],
      [numberLine, dateLine],
    ],
    [left, right],
  );
}

/** "BÁO CÁO" (bold 14) and the trích yếu (bold 14) with a short rule under it. */
export function titleBlock(title: string, summary?: string | null, width = textWidth()): Paragraph[] {
  const out = [centered(title.toLocaleUpperCase("vi"), { size: ND30.sizes.title, bold: true }, { before: 360 })];
  if (summary) {
    out.push(centered(summary, { size: ND30.sizes.summary, bold: true }, { before: 0 }));
    out.push(rule(Math.round(width / 5), width));
  }
  out.push(new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }));
  return out;
}

// ------------------------------------------------------------------------------------------------ body

export interface BodyParagraphOptions {
  alignment?: "justify" | "center" | "left" | "right";
  indent?: boolean;
  /** Extra left indent (twips), for list items. */
  left?: number;
  hanging?: number;
  keepNext?: boolean;
  spacingBefore?: number;
  style?: string;
}

const ALIGN = { justify: AlignmentType.JUSTIFIED, center: AlignmentType.CENTER, left: AlignmentType.LEFT, right: AlignmentType.RIGHT } as const;

/** A body paragraph: 14 pt, justified, first-line indent 1,27 cm, 6 pt before, 1,15 line spacing. */
export function bodyParagraph(children: ParagraphChild[] | string, opts: BodyParagraphOptions = {}): Paragraph {
  const kids = typeof children === "string" ? [run(children)] : children;
  const indent: { firstLine?: number; left?: number; hanging?: number } = {};
  if (opts.hanging !== undefined) indent.hanging = opts.hanging;
  else indent.firstLine = opts.indent === false ? 0 : ND30.firstLineIndent;
  if (opts.left) indent.left = opts.left;
  return new Paragraph({
    ...(opts.style ? { style: opts.style } : {}),
    alignment: ALIGN[opts.alignment ?? "justify"],
    spacing: { before: opts.spacingBefore ?? ND30.paragraphSpacingBefore, after: 0, line: ND30.lineSpacing, lineRule: LineRuleType.AUTO },
    indent,
    ...(opts.keepNext ? { keepNext: true } : {}),
    children: kids,
  });
}

/** How an outline heading is typeset, by its numbering scheme (domain parseOutlineLabel). */
export type HeadingKind = "part" | "upper" | "roman" | "arabic" | "decimal" | "letter" | "roman-paren" | "dash";

/**
 * A heading of the outline: "Phần I" centred bold with its title on the next line; "I." and "A." bold uppercase;
 * "1." bold; "1.1" bold italic; "a)" and "(i)" italic; "-" as a dash line. Headings carry Word heading styles
 * (outline levels) so that the navigation pane and a table of contents work.
 */
export function headingParagraph(label: string, title: string, kind: HeadingKind, level: number): Paragraph {
  const style = `Heading${Math.min(6, Math.max(1, level))}`;
  const base = { style, keepNext: true, spacingBefore: 160 } as const;
  const sep = /[.)]$/.test(label) ? " " : ". ";
  switch (kind) {
    case "part":
      return new Paragraph({
        style,
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { before: 240, after: 120, line: ND30.lineSpacing, lineRule: LineRuleType.AUTO },
        indent: { firstLine: 0 },
        children: [run(label.replace(/^phần/i, "Phần"), { bold: true }), new TextRun({ break: 1 }), run(title.toLocaleUpperCase("vi"), { bold: true })],
      });
    case "upper":
    case "roman":
      return bodyParagraph([run(`${label}${sep}${title.toLocaleUpperCase("vi")}`, { bold: true })], base);
    case "arabic":
      return bodyParagraph([run(`${label}${sep}${title}`, { bold: true })], base);
    case "decimal":
      return bodyParagraph([run(`${label}${sep}${title}`, { bold: true, italics: true })], base);
    case "letter":
    case "roman-paren":
      return bodyParagraph([run(`${label} ${title}`, { bold: true, italics: true })], base);
    case "dash":
      return bodyParagraph([run(`${label} ${title}`, { italics: true })], base);
  }
}

// ------------------------------------------------------------------------------------------------ closing

export interface Signature {
  /** "TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ", "KT. CHỦ TỊCH"… */
  authority?: string | null;
  /** "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "BÍ THƯ". */
  title: string;
  subtitle?: string | null;
  signer?: string | null;
}

/** Recipients as printed: each on its own line starting with "- ", ending with "- Lưu: VT, …". */
export function recipientLines(recipients: readonly string[]): string[] {
  const lines = recipients.map((r) => r.trim()).filter(Boolean).map((r) => (/^[-–+]/.test(r) ? r.replace(/^[-–+]\s*/, "- ") : `- ${r}`));
  if (!lines.some((l) => /^- Lưu\b/i.test(l))) lines.push("- Lưu: VT.");
  else {
    const i = lines.findIndex((l) => /^- Lưu\b/i.test(l));
    lines.push(...lines.splice(i, 1));
  }
  return lines;
}

/** "Nơi nhận:" (12 bold italic) with the recipients (11) on the left, the signature block on the right. */
export function closingTable(recipients: readonly string[], signature: Signature, width = textWidth()): Table {
  const left = Math.round(width * 0.45);
  const right = width - left;
  const s = ND30.sizes;
  const recipientParas = [
    new Paragraph({ spacing: { ...noSpacing, before: 240 }, indent: { firstLine: 0 }, children: [run("Nơi nhận:", { size: s.recipientsLabel, bold: true, italics: true })] }),
    ...recipientLines(recipients).map((l) => new Paragraph({ spacing: noSpacing, indent: { firstLine: 0 }, children: [run(l, { size: s.recipients })] })),
  ];
  const sig: Paragraph[] = [];
  if (signature.authority) sig.push(centered(signature.authority.toLocaleUpperCase("vi"), { size: s.signature, bold: true }, { before: 240 }));
  sig.push(centered(signature.title.toLocaleUpperCase("vi"), { size: s.signature, bold: true }, signature.authority ? {} : { before: 240 }));
  if (signature.subtitle) sig.push(centered(signature.subtitle.toLocaleUpperCase("vi"), { size: s.signature, bold: true }));
  for (let i = 0; i < 4; i++) sig.push(centered("", { size: s.signature }));
  sig.push(centered(signature.signer ?? "", { size: s.signature, bold: true }));
  return layoutTable([[recipientParas, sig]], [left, right]);
}

// ------------------------------------------------------------------------------------------------ sections

/** Page number 14 pt centred at the top (PAGE field). */
export function pageNumberHeader(): Header {
  return new Header({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, spacing: noSpacing, indent: { firstLine: 0 }, children: [new TextRun({ children: [PageNumber.CURRENT], font: ND30.font, size: pt(ND30.sizes.pageNumber) })] })],
  });
}

/** An empty header for the first page (no page number on page 1). */
export function emptyHeader(): Header {
  return new Header({ children: [new Paragraph({ children: [] })] });
}

export interface SectionOptions {
  orientation?: "portrait" | "landscape";
  /** Restart page numbering at 1 (appendices number their own pages). */
  restartNumbering?: boolean;
  /** Page number on the first page of the section too (default: not). */
  numberFirstPage?: boolean;
  /** Starts on a new page (default) or continues (first section). */
  newPage?: boolean;
}

/** A section of A4 with the NĐ 30 margins, page number at the top centred from page 2. */
export function nd30Section(children: FileChild[], opts: SectionOptions = {}): ISectionOptions {
  const landscape = opts.orientation === "landscape";
  const m = ND30.margins;
  return {
    properties: {
      ...(opts.newPage === false ? {} : { type: SectionType.NEXT_PAGE }),
      titlePage: !opts.numberFirstPage,
      page: {
        // docx swaps width and height itself for a landscape page.
        size: { width: ND30.page.width, height: ND30.page.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: { top: mm(m.top), bottom: mm(m.bottom), left: mm(m.left), right: mm(m.right), header: mm(10), footer: mm(10) },
        ...(opts.restartNumbering ? { pageNumbers: { start: 1 } } : {}),
      },
    },
    headers: { default: pageNumberHeader(), first: emptyHeader() },
    footers: { default: new Footer({ children: [new Paragraph({ children: [] })] }), first: new Footer({ children: [new Paragraph({ children: [] })] }) },
    children,
  };
}

const headingStyle = (level: number) => ({
  id: `Heading${level}`,
  name: `Heading ${level}`,
  basedOn: "Normal",
  next: "Normal",
  quickFormat: true,
  run: { font: ND30.font, size: pt(ND30.sizes.body), bold: true, color: "000000" },
  paragraph: { outlineLevel: level - 1, keepNext: true, spacing: { before: 160, after: 0 } },
});

export type FootnoteEntries = Record<string, { children: Paragraph[] }>;

/** Collects footnotes while the body is built: add(text) → the id to reference. */
export class FootnoteRegistry {
  private next = 1;
  readonly entries: FootnoteEntries = {};

  add(text: string): number {
    const id = this.next++;
    this.entries[id] = {
      children: [new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: noSpacing, indent: { firstLine: 0 }, children: [run(text, { size: ND30.sizes.footnote })] })],
    };
    return id;
  }

  get count(): number {
    return this.next - 1;
  }
}

/** A document with the NĐ 30 default styles (Times New Roman 14, justified body) and the given sections. */
export function nd30Document(sections: ISectionOptions[], opts: { title?: string; creator?: string; footnotes?: FootnoteRegistry } = {}): Document {
  return new Document({
    creator: opts.creator ?? "Tổng hợp",
    title: opts.title ?? "Báo cáo",
    styles: {
      default: {
        document: {
          run: { font: ND30.font, size: pt(ND30.sizes.body), language: { value: "vi-VN" } },
          paragraph: { spacing: { before: ND30.paragraphSpacingBefore, after: 0, line: ND30.lineSpacing, lineRule: LineRuleType.AUTO } },
        },
      },
      paragraphStyles: [1, 2, 3, 4, 5, 6].map(headingStyle),
    },
    ...(opts.footnotes ? { footnotes: opts.footnotes.entries } : {}),
    sections,
  });
}

export async function packDocx(doc: Document): Promise<Buffer> {
  return Packer.toBuffer(doc);
}
