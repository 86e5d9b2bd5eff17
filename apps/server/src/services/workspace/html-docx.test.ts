import { describe, expect, it } from "vitest";
import {
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from "docx";
import { strToU8, unzipSync, zipSync } from "fflate";
import { AppError } from "../../http/errors.js";
import { convertDocx, DOCX_MAX_BYTES } from "./html-docx.js";

const PNG_1PX = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** A real .docx as Word would write it: headings, emphasis, a list, a table, a footnote, links, an image. */
async function buildDocx(): Promise<Uint8Array> {
  const doc = new Document({
    footnotes: { 1: { children: [new Paragraph("Số liệu sơ bộ của Cục Thống kê.")] } },
    sections: [
      {
        children: [
          new Paragraph({ text: "Kết quả đạt được", heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: "Về kinh tế", heading: HeadingLevel.HEADING_2 }),
          new Paragraph({
            children: [
              new TextRun({ text: "Tốc độ tăng trưởng GRDP ", bold: true }),
              new TextRun({ text: "bình quân", italics: true }),
              new TextRun({ text: " đạt 12,1%", underline: {} }),
              new FootnoteReferenceRun(1),
              new TextRun("."),
            ],
          }),
          new Paragraph({ text: "Công nghiệp chế biến", bullet: { level: 0 } }),
          new Paragraph({ text: "Dịch vụ cảng biển", bullet: { level: 0 } }),
          new Paragraph({
            children: [
              new ExternalHyperlink({ link: "https://haiphong.gov.vn", children: [new TextRun("Cổng thông tin")] }),
              new ExternalHyperlink({ link: "file:///etc/passwd", children: [new TextRun(" tệp nội bộ")] }),
            ],
          }),
          new Paragraph({ children: [new ImageRun({ type: "png", data: PNG_1PX, transformation: { width: 20, height: 20 } })] }),
          new Table({
            rows: [
              new TableRow({ children: [new TableCell({ columnSpan: 2, children: [new Paragraph("Chỉ tiêu chủ yếu")] })] }),
              new TableRow({ children: [new TableCell({ children: [new Paragraph("GRDP")] }), new TableCell({ children: [new Paragraph("12,1")] })] }),
            ],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("không bị từ chối");
}

describe("convertDocx", () => {
  it("converts a real .docx: headings, emphasis, list, table, footnote, safe link; image and unsafe link left out with notices", async () => {
    const { html, notices } = await convertDocx(await buildDocx());
    expect(html).toContain("<h3>Kết quả đạt được</h3>");
    expect(html).toContain("<h4>Về kinh tế</h4>");
    expect(html).toContain("<strong>Tốc độ tăng trưởng GRDP </strong><em>bình quân</em><u> đạt 12,1%</u>");
    expect(html).toContain(`<sup data-footnote="Số liệu sơ bộ của Cục Thống kê."></sup>`);
    expect(html).toContain("<ul><li>Công nghiệp chế biến</li><li>Dịch vụ cảng biển</li></ul>");
    expect(html).toContain(`<a href="https://haiphong.gov.vn">Cổng thông tin</a> tệp nội bộ`);
    expect(html).toMatch(/<table><tr><td colspan="2"><p>Chỉ tiêu chủ yếu<\/p><\/td><\/tr><tr><td><p>GRDP<\/p><\/td><td><p>12,1<\/p><\/td><\/tr><\/table>/);
    expect(html).not.toMatch(/<img|file:|data:|<p><\/p>/);
    expect(notices).toEqual([
      "Đã bỏ 1 hình ảnh: phần thuyết minh chỉ nhận chữ và bảng; hình vẽ, biểu đồ gửi kèm phụ lục.",
      "Đã bỏ 1 liên kết không an toàn (chỉ giữ liên kết http, https, mailto).",
    ]);
  });

  it("refuses a macro-enabled document (vbaProject.bin)", async () => {
    const parts = unzipSync(await buildDocx());
    parts["word/vbaProject.bin"] = new Uint8Array([1, 2, 3, 4]);
    const e = await rejection(convertDocx(zipSync(parts)));
    expect(e.statusCode).toBe(422);
    expect(e.message).toMatch(/macro/);
  });

  it("refuses a .docm declared by its content types", async () => {
    const parts = unzipSync(await buildDocx());
    const types = new TextDecoder().decode(parts["[Content_Types].xml"]);
    parts["[Content_Types].xml"] = strToU8(
      types.replace("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "application/vnd.ms-word.document.macroEnabled.main+xml"),
    );
    expect((await rejection(convertDocx(zipSync(parts)))).message).toMatch(/macro/);
  });

  it("refuses a zip bomb without inflating it", async () => {
    const parts = unzipSync(await buildDocx());
    // 60 MB of one byte compresses to ≈ 60 KB.
    parts["word/document.xml"] = new Uint8Array(60 * 1024 * 1024).fill(0x20);
    const bomb = zipSync(parts, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const e = await rejection(convertDocx(bomb));
    expect(e.statusCode).toBe(422);
    expect(e.message).toMatch(/bom nén/);
  });

  it("survives a part whose header understates its size (inflated within the declared size only)", async () => {
    const parts = unzipSync(await buildDocx());
    const zip = zipSync(parts, { level: 6 });
    // Patch the central directory's uncompressed size of document.xml to 10 bytes.
    const name = strToU8("word/document.xml");
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    let patched = false;
    for (let i = 0; i < zip.length - 46; i++) {
      if (view.getUint32(i, true) !== 0x02014b50) continue;
      const nameLen = view.getUint16(i + 28, true);
      const n = zip.subarray(i + 46, i + 46 + nameLen);
      if (nameLen === name.length && n.every((b, k) => b === name[k])) {
        view.setUint32(i + 24, 10, true);
        patched = true;
      }
    }
    expect(patched).toBe(true);
    const e = await rejection(convertDocx(zip));
    expect(e.statusCode).toBe(422);
  });

  it("refuses an oversize file with 413", async () => {
    const e = await rejection(convertDocx(new Uint8Array(DOCX_MAX_BYTES + 1)));
    expect(e.statusCode).toBe(413);
    expect(e.message).toBe("Tệp vượt quá giới hạn 10 MB.");
  });

  it("refuses an old .doc or a password-protected file, and anything that is not a .docx", async () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await rejection(convertDocx(ole))).message).toMatch(/\.doc\)|mật khẩu/);
    expect((await rejection(convertDocx(strToU8("<html><script>alert(1)</script></html>")))).message).toBe("Tệp không phải văn bản Word (.docx).");
    expect((await rejection(convertDocx(zipSync({ "a.txt": strToU8("x") })))).message).toMatch(/thiếu nội dung văn bản/);
    const truncated = (await buildDocx()).subarray(0, 500);
    expect((await rejection(convertDocx(truncated))).statusCode).toBe(422);
  });

  it("drops linked external resources (remote images, templates) with a notice", async () => {
    const parts = unzipSync(await buildDocx());
    const rels = new TextDecoder().decode(parts["word/_rels/document.xml.rels"]);
    parts["word/_rels/document.xml.rels"] = strToU8(
      rels.replace(
        "</Relationships>",
        `<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://attacker.example/track.png" TargetMode="External"/></Relationships>`,
      ),
    );
    const { notices } = await convertDocx(zipSync(parts));
    expect(notices).toContain("Đã bỏ 1 liên kết tới tài nguyên bên ngoài (ảnh liên kết, mẫu văn bản từ xa).");
  });
});
