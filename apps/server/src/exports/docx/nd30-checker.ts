// Checks a produced DOCX against the formatting rules of Nghị định 30/2020/NĐ-CP (DOMAIN.md "Formatting") by
// reading the package itself: document.xml (paragraphs, runs, tables, sectPr), styles.xml (defaults), the header
// parts and their relationships. Each rule gives pass/fail with the measured value. Works for the Party format
// too (ĐẢNG CỘNG SẢN VIỆT NAM, "Số 15-BC/TU"). Used by tests, shown to the coordinator, reused for the chase letter.

import { unzipSync, strFromU8 } from "fflate";
import { DomUtils, parseDocument } from "htmlparser2";

export interface Nd30CheckResult {
  rule: string;
  label: string;
  ok: boolean;
  measured: string;
  expected: string;
}

interface XNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: XNode[];
  parent?: XNode | null;
}

type El = XNode & { name: string; attribs: Record<string, string>; children: XNode[] };

const isEl = (n: XNode | null | undefined): n is El => !!n && n.type === "tag";
const kids = (n: XNode, name?: string): El[] => (n.children ?? []).filter((c): c is El => isEl(c) && (!name || c.name === name));
const kid = (n: XNode | undefined, name: string): El | undefined => (n ? kids(n, name)[0] : undefined);
const all = (n: XNode, name: string): El[] => DomUtils.getElementsByTagName(name, n as never, true);
const attr = (n: El | undefined, name: string): string | undefined => n?.attribs[name];
const num = (v: string | undefined): number | null => (v === undefined || v === "" ? null : Number(v));

function parseXml(text: string): XNode {
  return parseDocument(text, { xmlMode: true, decodeEntities: true });
}

/** Text of a paragraph (w:t, tabs as spaces, breaks as new lines). */
function paraText(p: El): string {
  let out = "";
  const walk = (n: XNode) => {
    if (!isEl(n)) return;
    if (n.name === "w:t") out += DomUtils.textContent(n as never);
    else if (n.name === "w:tab") out += " ";
    else if (n.name === "w:br") out += "\n";
    else for (const c of n.children) walk(c);
  };
  walk(p);
  return out;
}

interface RunProps {
  size: number | null;
  bold: boolean;
  italic: boolean;
  font: string | null;
}

function onOff(el: El | undefined): boolean {
  if (!el) return false;
  const v = attr(el, "w:val");
  return v === undefined || !["0", "false", "off"].includes(v);
}

interface Defaults {
  size: number | null;
  font: string | null;
  styles: Map<string, { size: number | null; bold: boolean; italic: boolean; font: string | null }>;
}

function readDefaults(stylesXml: XNode): Defaults {
  const rPrDefault = all(stylesXml, "w:rPrDefault")[0];
  const rPr = kid(rPrDefault, "w:rPr");
  const styles = new Map<string, { size: number | null; bold: boolean; italic: boolean; font: string | null }>();
  for (const st of all(stylesXml, "w:style")) {
    const r = kid(st, "w:rPr");
    styles.set(attr(st, "w:styleId") ?? "", { size: num(attr(kid(r, "w:sz"), "w:val")), bold: onOff(kid(r, "w:b")), italic: onOff(kid(r, "w:i")), font: attr(kid(r, "w:rFonts"), "w:ascii") ?? null });
  }
  return { size: num(attr(kid(rPr, "w:sz"), "w:val")), font: attr(kid(rPr, "w:rFonts"), "w:ascii") ?? null, styles };
}

/** Effective properties of the runs of a paragraph that carry text. */
function runsOf(p: El, d: Defaults): RunProps[] {
  const styleId = attr(kid(kid(p, "w:pPr"), "w:pStyle"), "w:val");
  const st = styleId ? d.styles.get(styleId) : undefined;
  return all(p, "w:r")
    .filter((r) => all(r, "w:t").some((t) => DomUtils.textContent(t as never).trim() !== ""))
    .map((r) => {
      const rPr = kid(r, "w:rPr");
      return {
        size: num(attr(kid(rPr, "w:sz"), "w:val")) ?? st?.size ?? d.size,
        bold: kid(rPr, "w:b") ? onOff(kid(rPr, "w:b")) : (st?.bold ?? false),
        italic: kid(rPr, "w:i") ? onOff(kid(rPr, "w:i")) : (st?.italic ?? false),
        font: attr(kid(rPr, "w:rFonts"), "w:ascii") ?? st?.font ?? d.font,
      };
    });
}

const pts = (halfPoints: number | null) => (halfPoints === null ? "?" : String(halfPoints / 2).replace(".", ","));
const mmOf = (tw: number | null) => (tw === null ? "?" : (tw / (1440 / 25.4)).toFixed(1).replace(".", ","));

function sizeRange(runs: RunProps[], lo: number, hi: number): { ok: boolean; measured: string } {
  const sizes = [...new Set(runs.map((r) => r.size))];
  return { ok: runs.length > 0 && sizes.every((s) => s !== null && s >= lo * 2 && s <= hi * 2), measured: sizes.map(pts).join(", ") + " pt" };
}

export interface CheckOptions {
  /** State (NĐ 30) or Party format; detected from the header when absent. */
  system?: "nha-nuoc" | "dang";
  /**
   * report (default): a document with a title ("BÁO CÁO") and a trích yếu under it. cong-van: a công văn (NĐ 30,
   * Phụ lục I), which has no title: its trích yếu "V/v …" stands under the number (12–13 pt, not bold) and the body
   * starts with "Kính gửi:" — these two rules replace the title and summary rules; every other rule is the same.
   */
  kind?: "report" | "cong-van";
}

/** Reads a DOCX and checks the NĐ 30 rules. Never throws on a well-formed package; a broken one fails "package". */
export function checkNd30(docx: Uint8Array, opts: CheckOptions = {}): Nd30CheckResult[] {
  const results: Nd30CheckResult[] = [];
  const add = (rule: string, label: string, ok: boolean, measured: string, expected: string) => results.push({ rule, label, ok, measured, expected });
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(docx);
  } catch (err) {
    add("package", "Tệp Word đọc được", false, (err as Error).message, "tệp .docx hợp lệ");
    return results;
  }
  const docFile = files["word/document.xml"];
  if (!docFile) {
    add("package", "Tệp Word đọc được", false, "thiếu word/document.xml", "tệp .docx hợp lệ");
    return results;
  }
  const doc = parseXml(strFromU8(docFile));
  const styles = files["word/styles.xml"] ? parseXml(strFromU8(files["word/styles.xml"])) : parseXml("<w:styles/>");
  const rels = files["word/_rels/document.xml.rels"] ? parseXml(strFromU8(files["word/_rels/document.xml.rels"])) : parseXml("<Relationships/>");
  const defaults = readDefaults(styles);
  const body = all(doc, "w:body")[0]!;
  const sectPrs = all(body, "w:sectPr");
  const firstSect = sectPrs[0];

  // --- page
  const pgSz = kid(firstSect, "w:pgSz");
  const w = num(attr(pgSz, "w:w"));
  const h = num(attr(pgSz, "w:h"));
  add("paper", "Khổ giấy A4", w !== null && h !== null && Math.abs(w - 11906) <= 30 && Math.abs(h - 16838) <= 30, `${mmOf(w)} × ${mmOf(h)} mm`, "210 × 297 mm");
  const mar = kid(firstSect, "w:pgMar");
  const m = { top: num(attr(mar, "w:top")), bottom: num(attr(mar, "w:bottom")), left: num(attr(mar, "w:left")), right: num(attr(mar, "w:right")) };
  const inMm = (v: number | null, lo: number, hi: number) => v !== null && v / (1440 / 25.4) >= lo - 0.2 && v / (1440 / 25.4) <= hi + 0.2;
  add(
    "margins",
    "Lề trang",
    inMm(m.top, 20, 25) && inMm(m.bottom, 20, 25) && inMm(m.left, 30, 35) && inMm(m.right, 15, 20),
    `trên ${mmOf(m.top)}, dưới ${mmOf(m.bottom)}, trái ${mmOf(m.left)}, phải ${mmOf(m.right)} mm`,
    "trên, dưới 20–25 mm; trái 30–35 mm; phải 15–20 mm",
  );

  // --- font
  const fonts = new Set<string>();
  if (defaults.font) fonts.add(defaults.font);
  for (const f of all(doc, "w:rFonts")) if (attr(f, "w:ascii")) fonts.add(attr(f, "w:ascii")!);
  add("font", "Phông chữ Times New Roman", fonts.size > 0 && [...fonts].every((f) => f === "Times New Roman"), [...fonts].join(", ") || "không khai báo", "Times New Roman");

  // --- header table
  const topLevel = kids(body);
  const headerTable = topLevel.find((n) => n.name === "w:tbl");
  const headerParas = headerTable ? all(headerTable, "w:p") : [];
  const texts = headerParas.map((p) => ({ p, text: paraText(p).trim() }));
  const system = opts.system ?? (texts.some((t) => t.text === "ĐẢNG CỘNG SẢN VIỆT NAM") ? "dang" : "nha-nuoc");
  const cells = headerTable ? all(kids(headerTable, "w:tr")[0] ?? headerTable, "w:tc") : [];
  const agencyParas = cells[0] ? all(cells[0], "w:p").filter((p) => paraText(p).trim() && paraText(p).trim() !== "*") : [];
  const issuer = agencyParas[agencyParas.length - 1];
  const issuerRuns = issuer ? runsOf(issuer, defaults) : [];
  const issuerText = issuer ? paraText(issuer).trim() : "";
  const issuerSize = sizeRange(issuerRuns, 12, 13);
  add(
    "header-agency",
    "Tên cơ quan ban hành: in hoa, đậm, cỡ 12–13",
    !!issuer && issuerSize.ok && issuerRuns.every((r) => r.bold) && issuerText === issuerText.toLocaleUpperCase("vi"),
    issuer ? `"${issuerText}", ${issuerSize.measured}${issuerRuns.every((r) => r.bold) ? ", đậm" : ", không đậm"}` : "không thấy bảng tiêu đề",
    "in hoa, đậm, 12–13 pt",
  );
  const ruleAfter = (p: El | undefined): boolean => {
    if (!p) return false;
    const siblings = (p.parent?.children ?? []).filter(isEl);
    const i = siblings.indexOf(p);
    const next = siblings.slice(i + 1).find((s) => s.name === "w:p");
    const hasBorder = (x: El | undefined) => !!x && (!!kid(kid(kid(x, "w:pPr"), "w:pBdr"), "w:top") || !!kid(kid(kid(x, "w:pPr"), "w:pBdr"), "w:bottom"));
    return hasBorder(p) || (!!next && hasBorder(next) && paraText(next).trim() === "");
  };
  if (system === "dang") {
    const party = texts.find((t) => t.text === "ĐẢNG CỘNG SẢN VIỆT NAM");
    const pr = party ? runsOf(party.p, defaults) : [];
    add("national-name", "\"ĐẢNG CỘNG SẢN VIỆT NAM\": in hoa, đậm", !!party && pr.every((r) => r.bold), party ? `đậm: ${pr.every((r) => r.bold) ? "có" : "không"}, ${sizeRange(pr, 12, 16).measured}` : "không có", "in hoa, đậm, có đường kẻ dưới");
    add("motto", "Đường kẻ dưới tên Đảng", !!party && ruleAfter(party.p), party && ruleAfter(party.p) ? "có" : "không có", "có");
  } else {
    const nat = texts.find((t) => t.text === "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    const nr = nat ? runsOf(nat.p, defaults) : [];
    const ns = sizeRange(nr, 12, 13);
    add("national-name", "Quốc hiệu: in hoa, đậm, cỡ 12–13", !!nat && ns.ok && nr.every((r) => r.bold), nat ? `${ns.measured}${nr.every((r) => r.bold) ? ", đậm" : ", không đậm"}` : "không có", "\"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\", đậm, 12–13 pt");
    const motto = texts.find((t) => t.text === "Độc lập - Tự do - Hạnh phúc");
    const mr = motto ? runsOf(motto.p, defaults) : [];
    const ms = sizeRange(mr, 13, 14);
    add(
      "motto",
      "Tiêu ngữ: đậm, cỡ 13–14, có đường kẻ dưới",
      !!motto && ms.ok && mr.every((r) => r.bold) && ruleAfter(motto.p),
      motto ? `${ms.measured}${mr.every((r) => r.bold) ? ", đậm" : ", không đậm"}, kẻ dưới: ${ruleAfter(motto.p) ? "có" : "không"}` : "không có",
      "\"Độc lập - Tự do - Hạnh phúc\", đậm, 13–14 pt, kẻ dưới",
    );
  }
  add("agency-rule", "Đường kẻ dưới tên cơ quan ban hành", system === "dang" ? agencyParas.length > 0 : ruleAfter(issuer), system === "dang" ? "dấu * (thể thức Đảng)" : ruleAfter(issuer) ? "có" : "không có", system === "dang" ? "dấu *" : "có");

  const numberRe = system === "dang" ? /^Số (\d{2,}|\s+)-[\p{L}\d/.-]+$/u : /^Số: (\d{2,}|\s+)\/[\p{L}\d.-]+$/u;
  const numberPara = texts.find((t) => /^Số[: ]/.test(t.text));
  add(
    "number",
    system === "dang" ? "Số và ký hiệu (\"Số 05-BC/TU\")" : "Số và ký hiệu (\"Số: 05/BC-UBND\", số dưới 10 viết 01…09)",
    !!numberPara && numberRe.test(paraText(numberPara.p).replace(/\s+$/, "")),
    numberPara ? `"${paraText(numberPara.p)}"` : "không có",
    system === "dang" ? "Số 05-BC/TU" : "Số: 05/BC-UBND",
  );
  const dateRe = /^\p{L}[\p{L} .-]*, ngày (0[1-9]|[12]\d|3[01]) tháng (0[1-2]|[3-9]|1[0-2]) năm \d{4}$/u;
  const datePara = texts.find((t) => /, ngày \d/.test(t.text));
  const dr = datePara ? runsOf(datePara.p, defaults) : [];
  const ds = sizeRange(dr, 13, 14);
  add(
    "place-date",
    "Địa danh, ngày tháng: nghiêng, cỡ 13–14 (ngày dưới 10 và tháng 1, 2 có số 0)",
    !!datePara && dateRe.test(datePara.text) && dr.every((r) => r.italic) && ds.ok,
    datePara ? `"${datePara.text}", ${ds.measured}${dr.every((r) => r.italic) ? ", nghiêng" : ", không nghiêng"}` : "không có",
    "Hải Phòng, ngày 05 tháng 01 năm 2020 — nghiêng, 13–14 pt",
  );

  // --- title: first centred bold paragraphs after the header table
  const afterHeader = headerTable ? topLevel.slice(topLevel.indexOf(headerTable) + 1) : topLevel;
  const paras = afterHeader.filter((n) => n.name === "w:p");
  if (opts.kind === "cong-van") {
    const vv = texts.find((t) => /^V\/v\s/.test(t.text));
    const vr = vv ? runsOf(vv.p, defaults) : [];
    const vs = sizeRange(vr, 12, 13);
    const afterNumber = !!vv && !!numberPara && headerParas.indexOf(vv.p) > headerParas.indexOf(numberPara.p);
    add(
      "summary",
      "Trích yếu công văn \"V/v …\" dưới số và ký hiệu, cỡ 12–13, đứng",
      !!vv && afterNumber && vs.ok && vr.every((r) => !r.bold && !r.italic),
      vv ? `"${vv.text.slice(0, 60)}${vv.text.length > 60 ? "…" : ""}", ${vs.measured}${vr.some((r) => r.bold) ? ", đậm" : ""}${afterNumber ? "" : ", không nằm dưới số"}` : "không có",
      "V/v …, 12–13 pt, dưới số và ký hiệu",
    );
    const greeting = paras.find((p) => paraText(p).trim() !== "");
    const gt = greeting ? paraText(greeting).trim() : "";
    const gr = greeting ? runsOf(greeting, defaults) : [];
    add("title", "Công văn mở đầu bằng \"Kính gửi:\", cỡ 13–14", /^Kính gửi:/.test(gt) && sizeRange(gr, 13, 14).ok, greeting ? `"${gt.slice(0, 60)}", ${sizeRange(gr, 13, 14).measured}` : "không có", "Kính gửi: …, 13–14 pt");
  } else {
    const titlePara = paras.find((p) => paraText(p).trim() !== "");
    const tr = titlePara ? runsOf(titlePara, defaults) : [];
    const ts = sizeRange(tr, 13, 14);
    add("title", "Tên loại văn bản: in hoa, đậm, cỡ 13–14", !!titlePara && ts.ok && tr.every((r) => r.bold), titlePara ? `"${paraText(titlePara).trim()}", ${ts.measured}` : "không có", "đậm, 13–14 pt");
    const summaryPara = titlePara ? paras[paras.indexOf(titlePara) + 1] : undefined;
    const sr = summaryPara ? runsOf(summaryPara, defaults) : [];
    add("summary", "Trích yếu: đậm, cỡ 13–14", !!summaryPara && sizeRange(sr, 13, 14).ok && sr.every((r) => r.bold), summaryPara ? `${sizeRange(sr, 13, 14).measured}` : "không có", "đậm, 13–14 pt");
  }

  // --- body paragraphs: justified, with first-line indent, not headings, outside tables, before the closing table
  // The body is the first section (up to the paragraph carrying its sectPr); the closing table is its last table.
  const sectionEnd = afterHeader.findIndex((n) => n.name === "w:p" && !!kid(kid(n, "w:pPr"), "w:sectPr"));
  const firstSection = sectionEnd >= 0 ? afterHeader.slice(0, sectionEnd + 1) : afterHeader;
  const closing = firstSection.filter((n) => n.name === "w:tbl").pop();
  const bodyEnd = closing ? afterHeader.indexOf(closing) : firstSection.length;
  // A công văn's "Kính gửi:" block (the greeting and the "- …;" addressee lines after it) is not body text.
  const addresseeBlock = new Set<XNode>();
  if (opts.kind === "cong-van") {
    const ps = afterHeader.slice(0, bodyEnd).filter((n) => n.name === "w:p" && paraText(n).trim() !== "");
    const g = ps.findIndex((p) => /^Kính gửi:/.test(paraText(p).trim()));
    if (g >= 0) {
      addresseeBlock.add(ps[g]!);
      for (let i = g + 1; i < ps.length && /^- /.test(paraText(ps[i]!).trim()); i++) addresseeBlock.add(ps[i]!);
    }
  }
  const bodyParas = afterHeader
    .slice(0, bodyEnd)
    .filter((n) => n.name === "w:p" && !addresseeBlock.has(n) && paraText(n).trim().length > 60 && !attr(kid(kid(n, "w:pPr"), "w:pStyle"), "w:val")?.startsWith("Heading"));
  const measure = (p: El) => {
    const pPr = kid(p, "w:pPr");
    const spacing = kid(pPr, "w:spacing");
    const ind = kid(pPr, "w:ind");
    return {
      jc: attr(kid(pPr, "w:jc"), "w:val") ?? "left",
      firstLine: num(attr(ind, "w:firstLine")) ?? 0,
      before: num(attr(spacing, "w:before")) ?? 0,
      after: num(attr(spacing, "w:after")) ?? 0,
      line: num(attr(spacing, "w:line")) ?? 240,
      rule: attr(spacing, "w:lineRule") ?? "auto",
    };
  };
  const ms = bodyParas.map(measure);
  const share = (f: (x: ReturnType<typeof measure>) => boolean) => (ms.length ? ms.filter(f).length / ms.length : 0);
  const bodyRuns = bodyParas.flatMap((p) => runsOf(p, defaults));
  const bodySizes = sizeRange(bodyRuns, 13, 14);
  add("body-font-size", "Cỡ chữ phần nội dung 13–14", bodyParas.length > 0 && bodySizes.ok, bodyParas.length ? bodySizes.measured : "không có đoạn văn", "13–14 pt");
  const justified = share((x) => x.jc === "both" || x.jc === "distribute");
  add("body-justified", "Nội dung căn đều hai lề", justified >= 0.95, `${Math.round(justified * 100)}% số đoạn`, "căn đều hai lề");
  const indented = share((x) => x.firstLine >= 567 && x.firstLine <= 722);
  const firstIndent = ms[0]?.firstLine ?? null;
  add("first-line-indent", "Lùi đầu dòng 1–1,27 cm", ms.length > 0 && indented >= 0.9, `${firstIndent === null ? "?" : (firstIndent / 567).toFixed(2).replace(".", ",")} cm (${Math.round(indented * 100)}% số đoạn)`, "1–1,27 cm");
  const spaced = share((x) => x.before >= 120 || x.after >= 120);
  add("paragraph-spacing", "Khoảng cách giữa các đoạn ≥ 6 pt", ms.length > 0 && spaced >= 0.95, `${ms[0] ? `${Math.max(ms[0].before, ms[0].after) / 20} pt` : "?"} (${Math.round(spaced * 100)}% số đoạn)`, "≥ 6 pt");
  const lineOk = share((x) => (x.rule === "auto" ? x.line >= 240 && x.line <= 360 : x.line >= 260 && x.line <= 450));
  add("line-spacing", "Giãn dòng từ đơn đến 1,5 dòng", ms.length > 0 && lineOk >= 0.95, `${ms[0] ? (ms[0].rule === "auto" ? `${(ms[0].line / 240).toFixed(2).replace(".", ",")} dòng` : `${ms[0].line / 20} pt`) : "?"}`, "1–1,5 dòng");

  // --- page numbers: default header of the first section has a PAGE field, centred, 13–14; titlePg set
  const headerRefs = kids(firstSect ?? body, "w:headerReference");
  const relTarget = (rid: string | undefined) => all(rels, "Relationship").find((r) => attr(r, "Id") === rid)?.attribs.Target;
  const headerXml = (type: string) => {
    const target = relTarget(attr(headerRefs.find((r) => attr(r, "w:type") === type), "r:id"));
    const f = target ? files[`word/${target}`] : undefined;
    return f ? parseXml(strFromU8(f)) : null;
  };
  const hasPageField = (x: XNode | null) =>
    !!x && (all(x, "w:fldSimple").some((f) => /\bPAGE\b/.test(attr(f, "w:instr") ?? "")) || all(x, "w:instrText").some((t) => /\bPAGE\b/.test(DomUtils.textContent(t as never))));
  const defHeader = headerXml("default");
  const firstHeader = headerXml("first");
  const titlePg = !!kid(firstSect, "w:titlePg") && onOff(kid(firstSect, "w:titlePg"));
  const pagePara = defHeader ? all(defHeader, "w:p").find((p) => hasPageField(p)) : undefined;
  const pageJc = attr(kid(kid(pagePara, "w:pPr"), "w:jc"), "w:val");
  const pageSize = pagePara ? num(attr(all(pagePara, "w:sz")[0], "w:val")) : null;
  add(
    "page-number",
    "Số trang ở giữa, phía trên, cỡ 13–14",
    !!pagePara && pageJc === "center" && pageSize !== null && pageSize >= 26 && pageSize <= 28,
    pagePara ? `trường PAGE, căn ${pageJc ?? "?"}, ${pts(pageSize)} pt` : "không có trường số trang ở đầu trang",
    "trường PAGE, giữa, 13–14 pt",
  );
  add("first-page", "Không đánh số trang đầu", titlePg && !hasPageField(firstHeader), `titlePg: ${titlePg ? "có" : "không"}, số trang ở trang đầu: ${hasPageField(firstHeader) ? "có" : "không"}`, "trang đầu không có số trang");

  // --- Nơi nhận
  const allParas = all(body, "w:p");
  const label = allParas.find((p) => paraText(p).trim() === "Nơi nhận:");
  const lr = label ? runsOf(label, defaults) : [];
  const labelOk = !!label && lr.every((r) => r.bold && r.italic && r.size === 24);
  const recipientParas: El[] = [];
  if (label) {
    const siblings = (label.parent?.children ?? []).filter((c): c is El => isEl(c) && c.name === "w:p");
    recipientParas.push(...siblings.slice(siblings.indexOf(label) + 1).filter((p) => paraText(p).trim() !== ""));
  }
  const rr = recipientParas.flatMap((p) => runsOf(p, defaults));
  const lastRecipient = recipientParas.length ? paraText(recipientParas[recipientParas.length - 1]!).trim() : "";
  add(
    "recipients",
    "\"Nơi nhận:\" đậm nghiêng cỡ 12; nơi nhận cỡ 11, cuối cùng \"- Lưu: …\"",
    labelOk && recipientParas.length > 0 && rr.every((r) => r.size === 22) && /^- Lưu\b/.test(lastRecipient),
    label ? `nhãn ${pts(lr[0]?.size ?? null)} pt${lr.every((r) => r.bold && r.italic) ? " đậm nghiêng" : ""}; ${recipientParas.length} dòng ${[...new Set(rr.map((r) => pts(r.size)))].join(", ")} pt; dòng cuối "${lastRecipient}"` : "không có",
    "Nơi nhận: 12 pt đậm nghiêng; 11 pt; \"- Lưu: VT, …\"",
  );

  // --- appendices: each in its own section starting on a new page and restarting page numbers
  if (sectPrs.length > 1) {
    const appendixSects = sectPrs.slice(1);
    const ok = appendixSects.every((s) => attr(kid(s, "w:type"), "w:val") !== "continuous" && attr(kid(s, "w:pgNumType"), "w:start") === "1");
    add("appendices", "Phụ lục sang trang mới, đánh số trang riêng", ok, `${appendixSects.length} phụ lục`, "mỗi phụ lục một phần, số trang bắt đầu từ 1");
  }
  return results;
}

/** "12/14 quy tắc đạt" with the failed rules named. */
export function summarizeChecks(results: readonly Nd30CheckResult[]): string {
  const failed = results.filter((r) => !r.ok);
  return `${results.length - failed.length}/${results.length} quy tắc đạt${failed.length ? `; chưa đạt: ${failed.map((f) => `${f.label} (${f.measured})`).join("; ")}` : ""}`;
}
