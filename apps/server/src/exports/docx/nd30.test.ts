import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { htmlToDocx, htmlToPlainText, tableGrid } from "./html-to-docx.js";
import {
  FootnoteRegistry,
  bodyParagraph,
  closingTable,
  documentNumberText,
  headerTable,
  headingParagraph,
  nd30Document,
  nd30Section,
  packDocx,
  placeDateText,
  recipientLines,
  titleBlock,
} from "./nd30.js";
import { checkNd30, summarizeChecks } from "./nd30-checker.js";
import { parseDocument } from "htmlparser2";

const LONG = "Trong giai đoạn 2019-2023, thành phố đã tập trung triển khai đồng bộ các nhiệm vụ, giải pháp; tốc độ tăng trưởng bình quân đạt 12,1%/năm, cao nhất vùng.";

async function sampleDocx(system: "nha-nuoc" | "dang" = "nha-nuoc", body = `<p>${LONG}</p><p>${LONG}<sup data-footnote="Số liệu sơ bộ."></sup></p>`): Promise<Buffer> {
  const footnotes = new FootnoteRegistry();
  const children = [
    headerTable({ system, parent: "Ủy ban nhân dân thành phố Hải Phòng", issuer: "Sở Kế hoạch và Đầu tư", number: 5, symbol: system === "dang" ? "BC/TU" : "BC-SKHĐT", place: "Hải Phòng", date: "2020-01-05" }),
    ...titleBlock("Báo cáo", "Tình hình kinh tế - xã hội năm 2019"),
    headingParagraph("Phần I", "Kết quả thực hiện", "part", 1),
    headingParagraph("I", "Về kinh tế", "roman", 2),
    ...htmlToDocx(body, { footnotes }),
    closingTable(["Như trên;", "Lưu: VT, TH."], { authority: "KT. Giám đốc", title: "Phó Giám đốc", signer: "Nguyễn Văn An" }),
  ];
  const doc = nd30Document([nd30Section(children, { newPage: false }), nd30Section([bodyParagraph("Phụ lục 1")], { orientation: "landscape", restartNumbering: true })], { footnotes });
  return packDocx(doc);
}

/** Rewrites one part of a DOCX package (to build documents that break a rule). */
function patch(docx: Buffer, part: string, edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(docx);
  files[part] = strToU8(edit(strFromU8(files[part]!)));
  return zipSync(files);
}

describe("NĐ 30 pieces", () => {
  it("writes Số and the place-date as the decree does", () => {
    expect(documentNumberText("nha-nuoc", 5, "BC-UBND")).toBe("Số: 05/BC-UBND");
    expect(documentNumberText("nha-nuoc", 15, "BC-UBND")).toBe("Số: 15/BC-UBND");
    expect(documentNumberText("nha-nuoc", null, "BC-UBND")).toBe("Số:      /BC-UBND");
    expect(documentNumberText("dang", 15, "BC/TU")).toBe("Số 15-BC/TU");
    expect(documentNumberText("dang", null, "BC/TU")).toBe("Số      -BC/TU");
    expect(placeDateText("Hải Phòng", "2020-01-05")).toBe("Hải Phòng, ngày 05 tháng 01 năm 2020");
  });

  it("ends the recipients with '- Lưu: …', adding it when missing", () => {
    expect(recipientLines(["Bộ Kế hoạch và Đầu tư;", "Lưu: VT.", "- UBND các quận, huyện;"])).toEqual(["- Bộ Kế hoạch và Đầu tư;", "- UBND các quận, huyện;", "- Lưu: VT."]);
    expect(recipientLines(["Như trên;"])).toEqual(["- Như trên;", "- Lưu: VT."]);
  });
});

describe("section HTML → Word", () => {
  it("lays tables with colspan and rowspan on a grid", () => {
    const doc = parseDocument(`<table><tr><th rowspan="2">TT</th><th colspan="3">Năm</th></tr><tr><th>2021</th><th>2022</th><th>2023</th></tr><tr><td>1</td><td>2</td><td>3</td><td>4</td></tr></table>`);
    const grid = tableGrid(doc.children[0] as never);
    expect(grid).toMatchObject({ rows: 3, cols: 4 });
    expect(grid.cells.map((c) => `${c.row}:${c.col}:${c.colSpan}x${c.rowSpan}`)).toEqual(["0:0:1x2", "0:1:3x1", "1:1:1x1", "1:2:1x1", "1:3:1x1", "2:0:1x1", "2:1:1x1", "2:2:1x1", "2:3:1x1"]);
  });

  it("turns footnote marks into real footnotes, lists into dash lines and keeps formatting", async () => {
    const docx = await sampleDocx("nha-nuoc", `<p>GRDP tăng <strong>12,1%</strong><sup data-footnote="Số liệu sơ bộ của Cục Thống kê."></sup></p><ul><li>Công nghiệp</li><li>Dịch vụ<ol><li>Du lịch</li></ol></li></ul><table><tr><th colspan="2">Năm</th></tr><tr><td>2022</td><td>2023</td></tr></table>`);
    const files = unzipSync(docx);
    const footnotes = strFromU8(files["word/footnotes.xml"]!);
    expect(footnotes).toContain("Số liệu sơ bộ của Cục Thống kê.");
    const xml = strFromU8(files["word/document.xml"]!);
    expect(xml).toContain("w:footnoteReference");
    expect(xml).toContain(">- </w:t>");
    expect(xml).toContain(">1. </w:t>");
    expect(xml).toMatch(/<w:tblLayout w:type="fixed"\/>/);
    expect(xml).toMatch(/<w:gridSpan w:val="2"\/>/);
    expect(htmlToPlainText(`<p>Một <em>hai</em></p><ul><li>ba</li></ul><table><tr><td>4</td><td>5</td></tr></table>`)).toBe("Một hai\nba\n4 | 5");
  });
});

describe("NĐ 30 checker", () => {
  it("passes a document built with the NĐ 30 pieces (state and Party formats)", async () => {
    for (const system of ["nha-nuoc", "dang"] as const) {
      const results = checkNd30(await sampleDocx(system));
      expect(results.filter((r) => !r.ok), system).toEqual([]);
      expect(summarizeChecks(results)).toMatch(/^20\/20 quy tắc đạt$/);
    }
  });

  it("fails each rule that a document breaks, with the measured value", async () => {
    const good = await sampleDocx();
    const failed = (docx: Uint8Array) => checkNd30(docx).filter((r) => !r.ok);
    // Letter paper and narrow margins.
    const letter = patch(good, "word/document.xml", (x) => x.replace(/w:w="11906"/, 'w:w="12240"').replace(/w:left="1701"/, 'w:left="1134"'));
    expect(failed(letter).map((r) => r.rule)).toEqual(expect.arrayContaining(["paper", "margins"]));
    expect(failed(letter).find((r) => r.rule === "margins")!.measured).toContain("trái 20,0");
    // Arial, body at 12 pt, no first-line indent, left aligned.
    const body = patch(good, "word/document.xml", (x) => x.replace(/w:ascii="Times New Roman"/g, 'w:ascii="Arial"').replace(/<w:sz w:val="28"\/>/g, '<w:sz w:val="24"/>').replace(/w:firstLine="720"/g, 'w:firstLine="0"').replace(/<w:jc w:val="both"\/>/g, '<w:jc w:val="left"/>'));
    expect(failed(body).map((r) => r.rule)).toEqual(expect.arrayContaining(["font", "body-font-size", "first-line-indent", "body-justified"]));
    // A date without the leading zero and a number without it.
    const dates = patch(good, "word/document.xml", (x) => x.replace("ngày 05 tháng 01 năm 2020", "ngày 5 tháng 1 năm 2020").replace("Số: 05/BC-SKHĐT", "Số: 5/BC-SKHĐT"));
    expect(failed(dates).map((r) => r.rule)).toEqual(["number", "place-date"]);
    // Page number on the first page (no titlePg) and no "Lưu" at the end of the recipients.
    const pages = patch(good, "word/document.xml", (x) => x.replace(/<w:titlePg\/>/, "").replace("- Lưu: VT, TH.", "- Văn phòng."));
    expect(failed(pages).map((r) => r.rule)).toEqual(["first-page", "recipients"]);
    // Not a DOCX at all.
    expect(checkNd30(Buffer.from("không phải tệp Word"))[0]).toMatchObject({ rule: "package", ok: false });
  });
});
