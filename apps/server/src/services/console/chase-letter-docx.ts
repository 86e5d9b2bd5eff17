// The Công văn đôn đốc as a DOCX per Nghị định 30/2020 (Phụ lục I, công văn), built from the compile area's NĐ 30
// building blocks: the header table with the trích yếu "V/v …" under the number (a công văn has no title), "Kính
// gửi:", the body (basis, the missing work by agency, the request with the new deadline), "Nơi nhận:" and the
// signature block; page numbers from page 2. checkNd30(…, { kind: "cong-van" }) passes on it.

import { AlignmentType, LineRuleType, Paragraph, type FileChild } from "docx";
import type { ChaseLetterForm } from "@tonghop/contracts";
import {
  bodyParagraph,
  centered,
  closingTable,
  documentNumberText,
  estimateTextWidth,
  layoutTable,
  ND30,
  nd30Document,
  nd30Section,
  packDocx,
  placeDateText,
  rule,
  run,
  textWidth,
} from "../../exports/docx/nd30.js";

const tight = { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } as const;

/** Header: agency (parent, issuer, rule), Số, V/v on the left; Quốc hiệu, Tiêu ngữ (rule), place and date on the right. */
function letterHeader(form: ChaseLetterForm): FileChild {
  const width = textWidth();
  const left = Math.round(width * 0.42);
  const right = width - left;
  const colLeft = left - 114;
  const colRight = right - 114;
  const s = ND30.sizes;
  const issuer = form.issuer.toLocaleUpperCase("vi");
  const agency: Paragraph[] = [];
  if (form.parent.trim()) agency.push(centered(form.parent.toLocaleUpperCase("vi"), { size: s.agency }));
  agency.push(centered(issuer, { size: s.agency, bold: true }));
  agency.push(rule(Math.min(colLeft, Math.max(900, Math.round(estimateTextWidth(issuer, s.agency, true) * 0.4))), colLeft));
  const national = [
    centered(ND30.nationalName, { size: s.nationalName, bold: true }),
    centered(ND30.motto, { size: s.motto, bold: true }),
    rule(Math.min(colRight, estimateTextWidth(ND30.motto, s.motto, true)), colRight),
  ];
  const numberAndSummary = [
    centered(documentNumberText("nha-nuoc", form.number, form.symbol), { size: s.number }, { before: 120 }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { ...tight, before: 60 }, indent: { firstLine: 0 }, children: [run(form.summary, { size: 12 })] }),
  ];
  const date = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...tight, before: 120 },
      indent: { firstLine: 0 },
      children: [run(placeDateText(form.place, form.date), { size: s.placeDate, italics: true })],
    }),
  ];
  return layoutTable(
    [
      [agency, national],
      [numberAndSummary, date],
    ],
    [left, right],
  );
}

/** "Kính gửi: X." on one centred line, or "Kính gửi:" followed by "- X;" lines. */
function addressees(list: readonly string[]): Paragraph[] {
  const clean = list.map((a) => a.trim().replace(/[;.,]+$/, "")).filter(Boolean);
  if (clean.length === 1) {
    return [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { ...tight, before: 360, after: 120 }, indent: { firstLine: 0 }, children: [run(`Kính gửi: ${clean[0]}.`)] })];
  }
  return [
    new Paragraph({ alignment: AlignmentType.LEFT, spacing: { ...tight, before: 360 }, indent: { left: 1701, firstLine: 0 }, children: [run("Kính gửi:")] }),
    ...clean.map(
      (a, i) =>
        new Paragraph({
          alignment: AlignmentType.LEFT,
          spacing: { ...tight, after: i === clean.length - 1 ? 120 : 0 },
          indent: { left: 2835, firstLine: 0 },
          children: [run(`- ${a}${i === clean.length - 1 ? "." : ";"}`)],
        }),
    ),
  ];
}

export async function buildChaseLetterDocx(form: ChaseLetterForm): Promise<Buffer> {
  const children: FileChild[] = [letterHeader(form), ...addressees(form.addressees)];
  for (const p of form.opening) children.push(bodyParagraph(p));
  form.agencies.forEach((a, i) => {
    const items = a.items.length ? `: ${a.items.join("; ")}.` : ".";
    children.push(bodyParagraph([run(`${i + 1}. `), run(a.name, { bold: true }), run(items)]));
  });
  for (const p of form.closing) children.push(bodyParagraph(p));
  children.push(closingTable(form.recipients, { authority: form.signature.authority || null, title: form.signature.title, signer: form.signature.signer || null }));
  const doc = nd30Document([nd30Section(children, { newPage: false })], { title: form.summary, creator: form.issuer });
  return packDocx(doc);
}
