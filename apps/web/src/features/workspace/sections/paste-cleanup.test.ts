import { describe, expect, it } from "vitest";
import { cleanPastedHtml } from "./paste-cleanup";

/** What Word 2016+ puts on the clipboard (trimmed): conditional comments, Mso classes, typed list markers. */
const WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name=Generator content="Microsoft Word 15"><style><!-- p.MsoNormal {margin:0} --></style><!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]--></head>
<body lang=VI><!--StartFragment-->
<h1>Kết quả đạt được<o:p></o:p></h1>
<h2>Về kinh tế</h2>
<p class=MsoNormal style='text-align:justify'>Tăng trưởng <b>GRDP</b> đạt <i>12,1%</i><a style='mso-footnote-id:ftn1' href="#_ftn1" name="_ftnref1" title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><![if !supportFootnotes]>[1]<![endif]></span></span></a>.<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Công nghiệp<o:p></o:p></p>
<p class=MsoListParagraphCxSpMiddle style='mso-list:l0 level2 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>o<span>&nbsp;&nbsp; </span></span><![endif]>Chế biến, chế tạo<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>·<span>&nbsp;&nbsp; </span></span><![endif]>Dịch vụ<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp;&nbsp; </span></span><![endif]>Thứ nhất<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>2.<span>&nbsp;&nbsp; </span></span><![endif]>Thứ hai<o:p></o:p></p>
<table class=MsoTableGrid border=1><tr><td colspan=2 style='width:100pt'><p class=MsoNormal><b>Chỉ tiêu</b><o:p></o:p></p></td></tr></table>
<p><img src="file:///C:/Users/x/image001.png"></p>
<div style='mso-element:footnote-list'><div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText><a style='mso-footnote-id:ftn1' href="#_ftnref1" name="_ftn1" title=""><span class=MsoFootnoteReference>[1]</span></a> Số liệu sơ bộ của Cục Thống kê.</p></div></div>
<!--EndFragment--></body></html>`;

describe("cleanPastedHtml", () => {
  const out = cleanPastedHtml(WORD);

  it("drops Office markup, conditional comments, styles and images", () => {
    expect(out).not.toMatch(/<o:p|<style|<meta|<xml|mso-|<img|StartFragment/);
  });

  it("shifts headings below the item title", () => {
    expect(out).toContain("<h3>Kết quả đạt được</h3>");
    expect(out).toContain("<h4>Về kinh tế</h4>");
  });

  it("turns Word list paragraphs into nested bullet and numbered lists", () => {
    const doc = new DOMParser().parseFromString(out, "text/html");
    const ul = doc.querySelector("ul")!;
    expect(Array.from(ul.children).map((li) => li.querySelector("p")!.textContent)).toEqual(["Công nghiệp", "Dịch vụ"]);
    expect(ul.querySelector("li ul li")!.textContent).toBe("Chế biến, chế tạo");
    const ol = doc.querySelector("ol")!;
    expect(Array.from(ol.querySelectorAll("li")).map((li) => li.textContent)).toEqual(["Thứ nhất", "Thứ hai"]);
    expect(out).not.toContain("·");
  });

  it("keeps emphasis and tables, and turns footnotes into footnote marks", () => {
    expect(out).toContain("<b>GRDP</b>");
    expect(out).toContain("<i>12,1%</i>");
    expect(out).toMatch(/<td colspan="2"[^>]*>/);
    expect(out).toContain(`<sup data-footnote="Số liệu sơ bộ của Cục Thống kê."></sup>`);
    expect(out).not.toContain("[1]");
  });

  it("converts Google Docs style emphasis and ignores its normal-weight wrapper", () => {
    const g = cleanPastedHtml(
      `<b style="font-weight:normal;" id="docs-internal-guid-1"><p><span style="font-weight:700">Đậm</span> <span style="font-style:italic">nghiêng</span> <span style="text-decoration:underline">gạch</span> m<span style="vertical-align:super">2</span></p></b>`,
    );
    expect(g).toContain("<strong>Đậm</strong>");
    expect(g).toContain("<em>nghiêng</em>");
    expect(g).toContain("<u>gạch</u>");
    expect(g).toContain("<sup>2</sup>");
    expect(g).not.toMatch(/^<b/);
  });

  it("leaves plain text alone", () => {
    expect(cleanPastedHtml("chỉ là chữ")).toBe("chỉ là chữ");
  });
});
