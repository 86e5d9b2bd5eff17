import { describe, expect, it } from "vitest";
import { estimatePages } from "@tonghop/contracts";
import { sanitizeSectionHtml, sectionText } from "./html-sanitize.js";

describe("sanitizeSectionHtml — stripped", () => {
  it("removes scripts with their content and event handlers", () => {
    const out = sanitizeSectionHtml(`<p onclick="steal()">Báo cáo<script>alert(document.cookie)</script></p><img src=x onerror="alert(1)">`);
    expect(out).toBe("<p>Báo cáo</p>");
  });

  it("removes javascript:, data: and relative links but keeps their text", () => {
    const out = sanitizeSectionHtml(
      `<p><a href="javascript:alert(1)">một</a> <a href=" JaVaScRiPt:alert(1)">hai</a> <a href="data:text/html,<b>x</b>">ba</a> <a href="#_Toc1">bốn</a> <a href="//evil.example">năm</a> <a href="vbscript:x">sáu</a></p>`,
    );
    expect(out).toBe("<p>một hai ba bốn năm sáu</p>");
    expect(out).not.toMatch(/href/);
  });

  it("keeps http, https and mailto links only", () => {
    const out = sanitizeSectionHtml(`<p><a href="https://haiphong.gov.vn/x?a=1&b=2" target="_blank" rel="x">cổng</a> <a href="mailto:sokhdt@haiphong.gov.vn">thư</a></p>`);
    expect(out).toBe(`<p><a href="https://haiphong.gov.vn/x?a=1&amp;b=2">cổng</a> <a href="mailto:sokhdt@haiphong.gov.vn">thư</a></p>`);
  });

  it("removes styles, classes, style elements, iframes, objects, SVG and forms", () => {
    const out = sanitizeSectionHtml(
      `<style>p{color:red}</style><p class="MsoNormal" style="margin:0;mso-list:l0">Chữ</p><iframe src="https://x">trong</iframe><object data="x"></object><svg><script>1</script><text>svg</text></svg><form><input value="v"><button>Gửi</button></form>`,
    );
    expect(out).toBe("<p>Chữ</p>");
  });

  it("drops MS Office comments and XML islands, unwraps o:p and span", () => {
    const out = sanitizeSectionHtml(
      `<!--[if gte mso 9]><xml><w:WordDocument>x</w:WordDocument></xml><![endif]--><p class=MsoNormal><span lang=VI style='font-size:14pt'>Tăng trưởng<o:p></o:p></span></p>`,
    );
    expect(out).toBe("<p>Tăng trưởng</p>");
  });

  it("limits colspan/rowspan to numbers 2–50", () => {
    const out = sanitizeSectionHtml(`<table><tr><td colspan="3" width="40">a</td><td rowspan="x">b</td><th colspan="9999">c</th><td colspan="1">d</td></tr></table>`);
    expect(out).toBe(`<table><tr><td colspan="3">a</td><td>b</td><th colspan="50">c</th><td>d</td></tr></table>`);
  });
});

describe("sanitizeSectionHtml — kept", () => {
  it("keeps headings (h1/h2 → h3), emphasis, lists, tables, quotes, sub/sup", () => {
    const html =
      `<h1>A</h1><h2>B</h2><h4>C</h4><p><strong>đậm</strong> <b>đậm</b> <em>nghiêng</em> <i>nghiêng</i> <u>gạch</u> <s>xoá</s> m<sup>2</sup> CO<sub>2</sub><br>dòng</p>` +
      `<ul><li>một<ul><li>hai</li></ul></li></ul><ol start="3"><li>ba</li></ol><blockquote><p>trích</p></blockquote>` +
      `<table><thead><tr><th>Chỉ tiêu</th></tr></thead><tbody><tr><td>GRDP</td></tr></tbody></table>`;
    expect(sanitizeSectionHtml(html)).toBe(
      `<h3>A</h3><h3>B</h3><h4>C</h4><p><strong>đậm</strong> <b>đậm</b> <em>nghiêng</em> <i>nghiêng</i> <u>gạch</u> <s>xoá</s> m<sup>2</sup> CO<sub>2</sub><br />dòng</p>` +
        `<ul><li>một<ul><li>hai</li></ul></li></ul><ol start="3"><li>ba</li></ol><blockquote><p>trích</p></blockquote>` +
        `<table><thead><tr><th>Chỉ tiêu</th></tr></thead><tbody><tr><td>GRDP</td></tr></tbody></table>`,
    );
  });

  it("keeps footnotes as the editor encodes them, dropping anything inside the mark", () => {
    const out = sanitizeSectionHtml(`<p>GRDP<sup data-footnote="  Nguồn:   Cục Thống kê <b>2023</b> " onclick="x">1</sup></p>`);
    expect(out).toBe(`<p>GRDP<sup data-footnote="Nguồn: Cục Thống kê &lt;b&gt;2023&lt;/b&gt;"></sup></p>`);
  });

  it("is idempotent and stores an emptied editor as empty", () => {
    const once = sanitizeSectionHtml(`<div>Một</div><p>&nbsp;</p><p>&nbsp;</p><p>&nbsp;</p><p>Hai<sup data-footnote="Ghi chú"></sup></p>`);
    expect(sanitizeSectionHtml(once)).toBe(once);
    expect(once).toBe(`<p>Một</p><p></p><p>Hai<sup data-footnote="Ghi chú"></sup></p>`);
    expect(sanitizeSectionHtml("<p></p>")).toBe("");
    expect(sanitizeSectionHtml("<p><br></p>")).toBe("");
    expect(sanitizeSectionHtml("   ")).toBe("");
  });
});

describe("sectionText", () => {
  it("derives plain text by paragraph, cells joined, footnotes numbered at the end", () => {
    const t = sectionText(
      `<h3>Kết quả</h3><p>Tăng trưởng GRDP đạt 12,1%<sup data-footnote="Số liệu sơ bộ của Cục Thống kê."></sup> năm 2023.</p><ul><li>Công nghiệp</li><li>Dịch vụ</li></ul><table><tr><td>Chỉ tiêu</td><td>2023</td></tr></table>`,
    );
    expect(t.text).toBe("Kết quả\nTăng trưởng GRDP đạt 12,1%[1] năm 2023.\nCông nghiệp\nDịch vụ\nChỉ tiêu | 2023\n[1] Số liệu sơ bộ của Cục Thống kê.");
    expect(t.footnotes).toEqual(["Số liệu sơ bộ của Cục Thống kê."]);
    // Kết quả (2) + Tăng trưởng GRDP đạt 12,1% năm 2023. (7) + 2 + 2 + Chỉ tiêu 2023 (3) + Số liệu… (8); marks are not words
    expect(t.wordCount).toBe(2 + 7 + 2 + 2 + 3 + 8);
    // Prose blocks and the footnote; the table row is not counted for pages.
    expect(t.paragraphs).toHaveLength(5);
  });

  it("keeps a table cell's paragraphs on the row's line", () => {
    const t = sectionText(`<p>Trước</p><table><tr><td><p>GRDP</p><p>(giá 2010)</p></td><td><p>12,1</p></td></tr><tr><th>A</th><th>B<br>C</th></tr></table><p>Sau</p>`);
    expect(t.text).toBe("Trước\nGRDP (giá 2010) | 12,1\nA | B C\nSau");
    expect(t.paragraphs).toEqual([5, 3]);
  });

  it("decodes entities and splits <br> lines", () => {
    const t = sectionText(`<p>A &amp; B&nbsp;C<br />D</p>`);
    expect(t.text).toBe("A & B C\nD");
    expect(t.wordCount).toBe(4);
  });
});

describe("estimatePages (calibrated NĐ 30 page model)", () => {
  it("gives 0 for nothing and about one page for ~500–580 words of prose", () => {
    expect(estimatePages([])).toBe(0);
    // Six paragraphs of ≈ 85 words (≈ 430 characters each) fill one page; seven spill over.
    expect(estimatePages(Array.from({ length: 6 }, () => 430))).toBe(1);
    expect(estimatePages(Array.from({ length: 7 }, () => 430))).toBe(1.2);
  });

  it("counts short paragraphs as whole lines plus spacing", () => {
    expect(estimatePages(Array.from({ length: 37 }, () => 10))).toBeCloseTo(1.2, 1);
  });
});
