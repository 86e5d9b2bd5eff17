// Generated Vietnamese narrative for demonstrations: plausible paragraphs of an agency's contribution to one
// outline item, built from the item's title and guidance, with some lists, a table now and then and footnotes.
// The HTML uses only the tags of the section editor (p, strong, em, ul/ol/li, table/tr/th/td with colspan and
// rowspan, sup with data-footnote) so that it goes through the same compile path as typed text.

import { formatVnNumber } from "@tonghop/domain";
import type { Random } from "./random.js";

export interface NarrativeContext {
  /** Title of the outline item as written in the directive. */
  title: string;
  guidance?: string | null;
  /** Name of the writing agency as of the campaign's reference date. */
  agency: string;
  role: "lead" | "cooperate";
  /** The period under evaluation, e.g. { from: 2019, to: 2023 }. */
  period: { from: number; to: number };
  /** The legal basis most often cited, e.g. "Nghị quyết số 45-NQ/TW". */
  basis: string;
  /** Approximate number of words to write. */
  words: number;
  /** Give the section a table (when long enough). */
  allowTable: boolean;
}

export interface Narrative {
  html: string;
  text: string;
  wordCount: number;
}

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function countWords(text: string): number {
  const m = text.match(/\S+/g);
  return m ? m.length : 0;
}

/** "Công tác đôn đốc, giám sát … (Chi tiết tại Phụ lục 1)." → "công tác đôn đốc, giám sát …". */
export function topicOf(title: string): string {
  let t = title.replace(/\s+/g, " ").trim();
  t = t.replace(/\s*\([^)]*\)\s*/g, " ").trim();
  const colon = t.indexOf(":");
  if (colon > 20) t = t.slice(0, colon);
  const words = t.split(" ");
  if (words.length > 24) {
    const cut = t.search(/[;,] /);
    t = cut > 30 && cut < 160 ? t.slice(0, cut) : words.slice(0, 20).join(" ");
  }
  t = t.replace(/[.;:,…\s-]+$/u, "");
  if (/^[A-ZĐ\s,–-]+$/u.test(t.replace(/[^\p{L}\s,–-]/gu, ""))) t = t.toLowerCase();
  const first = t.charAt(0);
  const second = t.charAt(1);
  // Keep acronyms ("GRDP", "FDI") and proper names starting a title in capitals.
  if (second && second === second.toUpperCase() && /\p{L}/u.test(second)) return t;
  return first.toLowerCase() + t.slice(1);
}

/** Phrases from the guidance to enumerate ("như: vốn ngân sách; vốn ODA; …"). */
export function guidanceItems(guidance: string | null | undefined): string[] {
  if (!guidance) return [];
  let g = guidance.replace(/\s+/g, " ");
  const m = /(?:như|gồm|bao gồm|trong đó|tập trung vào)[^:]{0,40}:\s*/iu.exec(g);
  if (m) g = g.slice(m.index + m[0].length);
  const parts = g
    .split(/;\s*|,\s*(?=[a-zđ])/u)
    .map((p) => p.replace(/^[–\-+•\s(]*(?:[ivx]+\)|[a-zđ]\))?\s*/iu, "").replace(/[.…;:,\s]+$/u, "").trim())
    .filter((p) => p.length >= 8 && p.length <= 140 && countWords(p) >= 2 && countWords(p) <= 22);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of parts) {
    const k = p.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(p.charAt(0).toLowerCase() + p.slice(1));
  }
  return out.slice(0, 8);
}

const pct = (r: Random, lo: number, hi: number, d = 1) => formatVnNumber(r.range(lo, hi), d);
const num = (r: Random, lo: number, hi: number) => formatVnNumber(r.int(lo, hi), 0);

type Slots = { topic: string; agency: string; basis: string; from: number; to: number; prevFrom: number; prevTo: number; mid: number };

const OPENINGS_LEAD: Array<(s: Slots, r: Random) => string> = [
  (s) => `Thực hiện ${s.basis}, ${s.agency} đã chủ động tham mưu, triển khai đồng bộ các nhiệm vụ, giải pháp về ${s.topic}, bám sát mục tiêu, chỉ tiêu đề ra và tình hình thực tế của thành phố.`,
  (s) => `Trong giai đoạn ${s.from}-${s.to}, ${s.topic} được xác định là nhiệm vụ trọng tâm, xuyên suốt; ${s.agency} đã cụ thể hóa thành các chương trình, kế hoạch hằng năm với lộ trình, phân công rõ ràng.`,
  (s) => `Quán triệt chủ trương của ${s.basis}, công tác ${s.topic} đã được các cấp, các ngành quan tâm lãnh đạo, chỉ đạo và tổ chức thực hiện nghiêm túc, đạt nhiều kết quả quan trọng.`,
  (s, r) => `Ngay sau khi ${s.basis} được ban hành, ${s.agency} đã xây dựng kế hoạch triển khai với ${num(r, 8, 24)} nhóm nhiệm vụ cụ thể về ${s.topic}, giao rõ cơ quan chủ trì, thời hạn hoàn thành và sản phẩm đầu ra.`,
];

const OPENINGS_COOP: Array<(s: Slots, r: Random) => string> = [
  (s) => `Phối hợp với cơ quan chủ trì, ${s.agency} đã triển khai các nhiệm vụ liên quan đến ${s.topic} theo chức năng, nhiệm vụ được giao.`,
  (s) => `Trong phạm vi lĩnh vực quản lý, ${s.agency} tham gia thực hiện nội dung ${s.topic} và đạt một số kết quả chủ yếu sau.`,
  (s, r) => `Về ${s.topic}, ${s.agency} đã phối hợp tổ chức ${num(r, 3, 15)} đoàn kiểm tra, khảo sát và góp ý ${num(r, 5, 30)} dự thảo văn bản của các cơ quan chủ trì.`,
];

const RESULTS: Array<(s: Slots, r: Random) => string> = [
  (s, r) => { const m = r.int(20, 60); const n = r.int(Math.floor(m * 0.8), m); return `Đến hết năm ${s.to}, đã hoàn thành ${n}/${m} nhiệm vụ được giao, đạt ${formatVnNumber((100 * n) / m, 1)}% kế hoạch; các nhiệm vụ còn lại đang được khẩn trương triển khai.`; },
  (s, r) => `Tổng nguồn lực huy động cho lĩnh vực này giai đoạn ${s.from}-${s.to} ước đạt ${num(r, 1200, 48000)} tỷ đồng, tăng ${pct(r, 12, 65)}% so với giai đoạn ${s.prevFrom}-${s.prevTo}.`,
  (_s, r) => `Đã ban hành ${num(r, 12, 90)} văn bản chỉ đạo, hướng dẫn; tổ chức ${num(r, 6, 40)} hội nghị quán triệt, tập huấn với trên ${num(r, 2, 40)}.000 lượt cán bộ, đảng viên và người lao động tham gia.`,
  (s, r) => `Tốc độ tăng bình quân giai đoạn ${s.from}-${s.to} đạt ${pct(r, 6, 14, 2)}%/năm, cao hơn mức bình quân chung của cả nước và vùng đồng bằng sông Hồng.`,
  (s, r) => `Năm ${s.to}, chỉ số này ước đạt ${pct(r, 70, 98)}%, tăng ${pct(r, 3, 18)} điểm phần trăm so với năm ${s.from}, vượt mục tiêu đề ra cho cả giai đoạn.`,
  (s, r) => `Số lượng hồ sơ, thủ tục được giải quyết đúng hạn năm ${s.to} đạt ${pct(r, 95, 99.9)}%; mức độ hài lòng của người dân, doanh nghiệp đạt ${pct(r, 85, 97)}%.`,
  (s, r) => `Giai đoạn ${s.from}-${s.to}, thành phố đã thu hút ${num(r, 150, 900)} dự án với tổng vốn đăng ký khoảng ${num(r, 5, 25)},${r.int(1, 9)} tỷ USD, trong đó nhiều dự án quy mô lớn, công nghệ hiện đại.`,
  (s, r) => `Đã đầu tư, nâng cấp ${num(r, 15, 120)} công trình, hạng mục hạ tầng thiết yếu với tổng mức đầu tư ${num(r, 800, 26000)} tỷ đồng; ${num(r, 10, 80)} công trình đã hoàn thành, đưa vào sử dụng, phát huy hiệu quả.`,
  (s, r) => `Công tác kiểm tra, giám sát được tăng cường với ${num(r, 20, 160)} cuộc kiểm tra chuyên đề; qua đó kịp thời chấn chỉnh, khắc phục ${num(r, 30, 400)} tồn tại, hạn chế trong quá trình triển khai.`,
  (s, r) => `So với năm ${s.mid}, quy mô năm ${s.to} gấp ${formatVnNumber(r.range(1.3, 2.4), 1)} lần; đóng góp của lĩnh vực vào tăng trưởng chung của thành phố đạt khoảng ${pct(r, 8, 35)}%.`,
];

const ASSESS: Array<(s: Slots, r: Random) => string> = [
  () => "Nhìn chung, các nhiệm vụ được triển khai đúng tiến độ, bảo đảm chất lượng; nhiều chỉ tiêu đạt và vượt kế hoạch đề ra, góp phần quan trọng vào kết quả phát triển kinh tế - xã hội của thành phố.",
  () => "Kết quả đạt được khẳng định sự đúng đắn của chủ trương, sự vào cuộc quyết liệt của cả hệ thống chính trị và sự đồng thuận, ủng hộ của Nhân dân, cộng đồng doanh nghiệp.",
  (s) => `Việc thực hiện ${s.topic} đã tạo chuyển biến rõ nét về nhận thức và hành động, từng bước tháo gỡ các điểm nghẽn, tạo động lực cho phát triển nhanh và bền vững.`,
  () => "Công tác phối hợp giữa các sở, ngành, địa phương ngày càng chặt chẽ, hiệu quả; chế độ thông tin, báo cáo được thực hiện nghiêm túc, kịp thời.",
];

const LIMITS: Array<(s: Slots, r: Random) => string> = [
  () => "Tuy nhiên, việc triển khai vẫn còn một số hạn chế: tiến độ một số nhiệm vụ còn chậm so với yêu cầu; sự phối hợp giữa các cơ quan có lúc chưa chặt chẽ; nguồn lực đầu tư chưa đáp ứng được nhu cầu.",
  () => "Bên cạnh kết quả đạt được, một số chỉ tiêu chưa đạt mục tiêu đề ra; chất lượng, hiệu quả ở một số lĩnh vực chưa tương xứng với tiềm năng, lợi thế của thành phố.",
  (s) => `Một số cơ chế, chính sách đặc thù về ${s.topic} chậm được ban hành hoặc chưa phát huy hiệu quả; công tác dự báo, nắm bắt tình hình có lúc chưa kịp thời.`,
];

const CAUSES: Array<(s: Slots, r: Random) => string> = [
  () => "Nguyên nhân chủ yếu là do tác động của đại dịch Covid-19, xung đột trên thế giới và biến động giá cả thị trường; hệ thống pháp luật còn chồng chéo, thiếu đồng bộ; năng lực của một bộ phận cán bộ chưa đáp ứng yêu cầu nhiệm vụ.",
  () => "Nguyên nhân khách quan là tình hình kinh tế thế giới diễn biến phức tạp, khó lường; nguyên nhân chủ quan là công tác chỉ đạo, điều hành ở một số nơi chưa quyết liệt, thiếu sâu sát.",
];

const NEXT: Array<(s: Slots, r: Random) => string> = [
  (s) => `Thời gian tới, ${s.agency} tiếp tục tập trung thực hiện đồng bộ các giải pháp, tháo gỡ khó khăn, vướng mắc, phấn đấu hoàn thành toàn diện các mục tiêu về ${s.topic}.`,
  () => "Đề nghị các bộ, ngành Trung ương quan tâm hướng dẫn, hỗ trợ thành phố trong việc thí điểm các cơ chế, chính sách đặc thù, ưu tiên bố trí nguồn lực cho các dự án trọng điểm.",
  (s) => `Tiếp tục rà soát, hoàn thiện cơ chế, chính sách; tăng cường kiểm tra, giám sát, kịp thời biểu dương, nhân rộng các mô hình hay, cách làm hiệu quả trong ${s.topic}.`,
];

const LIST_INTROS = ["Một số kết quả chủ yếu:", "Trong đó, tập trung vào các nội dung sau:", "Các nhiệm vụ trọng tâm đã được triển khai gồm:", "Kết quả cụ thể như sau:"];

const LIST_ITEMS: Array<(s: Slots, r: Random) => string> = [
  (_s, r) => `Hoàn thành ${num(r, 5, 30)} đề án, chương trình trọng điểm, trong đó có ${num(r, 2, 8)} đề án được Trung ương đánh giá cao.`,
  (_s, r) => `Tổ chức ${num(r, 10, 60)} lớp bồi dưỡng, tập huấn chuyên môn cho trên ${num(r, 500, 6000)} lượt cán bộ, công chức.`,
  (s, r) => `Số hóa ${pct(r, 60, 100, 0)}% hồ sơ, tài liệu; ${pct(r, 80, 100, 0)}% thủ tục hành chính được cung cấp trực tuyến toàn trình trong năm ${s.to}.`,
  (_s, r) => `Huy động ${num(r, 100, 9000)} tỷ đồng từ các nguồn xã hội hóa cho các công trình, dự án phục vụ cộng đồng.`,
  (_s, r) => `Kiểm tra, xử lý ${num(r, 20, 300)} trường hợp vi phạm; thu nộp ngân sách nhà nước ${num(r, 2, 90)} tỷ đồng.`,
  (_s, r) => `Ký kết ${num(r, 3, 20)} thỏa thuận hợp tác với các địa phương trong vùng và các đối tác quốc tế.`,
];

/** Picks from a bank without repeating a phrase until the bank is used up (per narrative). */
function picker(r: Random) {
  const used = new Map<readonly unknown[], Set<number>>();
  return <T extends (s: Slots, r: Random) => string>(bank: readonly T[], s: Slots): string => {
    let seen = used.get(bank);
    if (!seen || seen.size >= bank.length) used.set(bank, (seen = new Set()));
    const free = bank.map((_, i) => i).filter((i) => !seen.has(i));
    const i = r.pick(free);
    seen.add(i);
    return bank[i]!(s, r);
  };
}

interface Block {
  html: string;
  text: string;
}

function paragraph(sentences: string[], footnote?: string): Block {
  const text = sentences.join(" ");
  const html = `<p>${esc(text)}${footnote ? `<sup data-footnote="${esc(footnote)}"></sup>` : ""}</p>`;
  return { html, text };
}

function list(intro: string, items: string[], ordered: boolean): Block {
  const tag = ordered ? "ol" : "ul";
  const html = `<p><strong>${esc(intro)}</strong></p><${tag}>${items.map((i) => `<li>${esc(i)}</li>`).join("")}</${tag}>`;
  return { html, text: [intro, ...items].join("\n") };
}

function table(s: Slots, r: Random, n: number): Block {
  const years = [s.to - 2, s.to - 1, s.to];
  const rows = [
    ["Số văn bản ban hành", "văn bản"],
    ["Vốn đầu tư thực hiện", "tỷ đồng"],
    ["Số dự án hoàn thành", "dự án"],
    ["Tỷ lệ hoàn thành kế hoạch", "%"],
  ].slice(0, r.int(3, 4));
  const caption = `Bảng ${n}. Kết quả thực hiện một số chỉ tiêu chủ yếu giai đoạn ${s.from}-${s.to}`;
  const head =
    `<tr><th rowspan="2">TT</th><th rowspan="2">Nội dung</th><th rowspan="2">ĐVT</th><th colspan="${years.length}">Thực hiện</th><th rowspan="2">So sánh ${years[2]}/${years[0]} (%)</th></tr>` +
    `<tr>${years.map((y) => `<th>Năm ${y}</th>`).join("")}</tr>`;
  const textRows: string[] = [caption];
  const body = rows
    .map(([name, unit], i) => {
      const pctUnit = unit === "%";
      const base = pctUnit ? r.range(70, 90) : unit === "tỷ đồng" ? r.range(800, 9000) : r.range(20, 160);
      const vals = years.map((_, k) => (pctUnit ? Math.min(99.9, base + k * r.range(1, 4)) : base * (1 + r.range(0.04, 0.16)) ** k));
      const cells = vals.map((v) => formatVnNumber(v, pctUnit ? 1 : unit === "tỷ đồng" ? 0 : 0));
      const ratio = formatVnNumber((100 * vals[2]!) / vals[0]!, 1);
      textRows.push([String(i + 1), name, unit, ...cells, ratio].join(" "));
      return `<tr><td>${i + 1}</td><td>${esc(name!)}</td><td>${esc(unit!)}</td>${cells.map((c) => `<td>${c}</td>`).join("")}<td>${ratio}</td></tr>`;
    })
    .join("");
  return { html: `<p><em>${esc(caption)}</em></p><table>${head}${body}</table>`, text: textRows.join("\n") };
}

/**
 * A plausible contribution of `ctx.agency` to one outline item: an opening, results with figures, an assessment,
 * limitations and causes, next steps; a list (from the guidance when it enumerates), sometimes a table and a
 * footnote. Roughly `ctx.words` words (never fewer than one paragraph).
 */
export function generateNarrative(ctx: NarrativeContext, r: Random, tableNumber = 1): Narrative {
  const s: Slots = {
    topic: topicOf(ctx.title),
    agency: ctx.agency,
    basis: ctx.basis,
    from: ctx.period.from,
    to: ctx.period.to,
    prevFrom: ctx.period.from - (ctx.period.to - ctx.period.from + 1),
    prevTo: ctx.period.from - 1,
    mid: Math.round((ctx.period.from + ctx.period.to) / 2),
  };
  const pick = picker(r);
  const fill = <T extends (s: Slots, r: Random) => string>(bank: readonly T[], slots: Slots, _r: Random) => pick(bank, slots);
  const blocks: Block[] = [];
  let words = 0;
  const push = (b: Block) => {
    blocks.push(b);
    words += countWords(b.text);
  };
  const opening = fill(ctx.role === "lead" ? OPENINGS_LEAD : OPENINGS_COOP, s, r);
  // A short contribution is one paragraph: the opening and one result.
  push(paragraph(ctx.words < 70 ? [opening] : [opening, fill(RESULTS, s, r)]));
  if (ctx.words < 70 && words < ctx.words - 15) push(paragraph([fill(RESULTS, s, r)]));

  const items = guidanceItems(ctx.guidance);
  const target = Math.max(40, ctx.words);
  let listed = false;
  let tabled = false;
  let footnoted = false;
  let guard = 0;
  while (words < target && guard++ < 400) {
    const remaining = target - words;
    if (!listed && remaining > 90 && (items.length >= 3 || r.chance(0.35))) {
      listed = true;
      const entries =
        items.length >= 3
          ? items.slice(0, 6).map((it) => `Về ${it}: ${fill(RESULTS, s, r).replace(/^./u, (c) => c.toLowerCase())}`)
          : Array.from({ length: r.int(3, 5) }, () => fill(LIST_ITEMS, s, r));
      push(list(r.pick(LIST_INTROS), entries, items.length >= 3 && r.chance(0.3)));
      continue;
    }
    if (ctx.allowTable && !tabled && remaining > 160 && r.chance(0.5)) {
      tabled = true;
      push(table(s, r, tableNumber));
      continue;
    }
    const kind = r.next();
    let sentences: string[];
    if (kind < 0.45) sentences = [fill(RESULTS, s, r), fill(RESULTS, s, r), fill(ASSESS, s, r)];
    else if (kind < 0.7) sentences = [fill(LIMITS, s, r), fill(CAUSES, s, r)];
    else if (kind < 0.85) sentences = [fill(ASSESS, s, r), fill(RESULTS, s, r)];
    else sentences = [fill(NEXT, s, r), fill(NEXT, s, r)];
    const note = !footnoted && r.chance(0.25) ? `Số liệu ước thực hiện năm ${s.to}; nguồn: báo cáo của ${s.agency}.` : undefined;
    if (note) footnoted = true;
    push(paragraph(sentences, note));
  }
  const html = blocks.map((b) => b.html).join("");
  const text = blocks.map((b) => b.text).join("\n");
  return { html, text, wordCount: countWords(text) };
}
