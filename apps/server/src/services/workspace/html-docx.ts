/**
 * .docx → section HTML, defensively.
 *
 * The upload is inspected before any converter sees it:
 *   - size ≤ 10 MB; the ZIP signature (an old .doc, an encrypted file or anything else is refused);
 *   - a macro project (vbaProject.bin, macro-enabled content types: .docm/.dotm) is refused;
 *   - zip bombs: the archive's declared sizes are bounded (entry count, each text part, the total), and parts
 *     are inflated by us into buffers of exactly the declared size (a lying header cannot make them grow);
 *   - images, embedded objects, ActiveX and linked external resources are left out (with a notice), so the
 *     converter never reads or fetches them.
 * The verified parts are zipped again and converted with mammoth (headings → h3–h6, underline kept, footnotes
 * and endnotes turned into the editor's footnote marks), then sanitised with the section allow-list.
 */
import type mammothModule from "mammoth";

/** mammoth is loaded with the first .docx uploaded, not at start-up. */
let mammothLoading: Promise<typeof mammothModule> | null = null;
import { strToU8, unzipSync, zipSync, type Unzipped, type UnzipFileInfo } from "fflate";
import { AppError } from "../../http/errors.js";
import { FOOTNOTE_ATTR, sanitizeSectionHtml } from "./html-sanitize.js";

export const DOCX_MAX_BYTES = 10 * 1024 * 1024;
const MAX_ENTRIES = 2000;
const MAX_PART_BYTES = 40 * 1024 * 1024;
const MAX_TOTAL_BYTES = 80 * 1024 * 1024;

export interface DocxConversion {
  html: string;
  /** Vietnamese notices about what was left out (images, embedded objects, external links…). */
  notices: string[];
}

const refuse = (message: string) => new AppError("UNPROCESSABLE", message, { field: "file" });

const isMedia = (name: string) => /^word\/(media|embeddings|activeX)\//i.test(name);
const isMacro = (name: string) => /(^|\/)vbaProject\.bin$/i.test(name) || /(^|\/)vbaData\.xml$/i.test(name);

/** Reads the archive directory and inflates the text parts within bounds; throws a Vietnamese error otherwise. */
function readParts(bytes: Uint8Array): { parts: Unzipped; mediaCount: number; embeddedCount: number } {
  if (bytes.length > DOCX_MAX_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "Tệp vượt quá giới hạn 10 MB.", { field: "file" });
  if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw refuse("Tệp là định dạng Word cũ (.doc) hoặc đã đặt mật khẩu. Hãy mở trong Word, bỏ mật khẩu và lưu thành .docx rồi tải lên lại.");
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw refuse("Tệp không phải văn bản Word (.docx).");

  const entries: UnzipFileInfo[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        entries.push(f);
        return false;
      },
    });
  } catch {
    throw refuse("Tệp .docx bị hỏng, không đọc được.");
  }
  if (entries.length > MAX_ENTRIES) throw refuse("Tệp .docx có quá nhiều thành phần; có thể là tệp độc hại nên không được chấp nhận.");
  if (entries.some((e) => isMacro(e.name))) {
    throw refuse("Tệp có chứa macro (.docm) nên không được chấp nhận. Hãy lưu lại thành .docx không có macro rồi tải lên.");
  }
  if (!entries.some((e) => e.name === "word/document.xml")) throw refuse("Tệp không phải văn bản Word (.docx): thiếu nội dung văn bản.");

  const text = entries.filter((e) => !isMedia(e.name) && !e.name.endsWith("/"));
  let total = 0;
  for (const e of text) {
    if (e.originalSize > MAX_PART_BYTES || (e.size > 0 && e.originalSize / e.size > 1000 && e.originalSize > 1024 * 1024)) {
      throw refuse("Tệp .docx có phần nén bất thường (nghi “bom nén”) nên không được chấp nhận.");
    }
    if (e.compression !== 0 && e.compression !== 8) throw refuse(`Tệp .docx dùng kiểu nén không hỗ trợ (phần "${e.name}").`);
    total += e.originalSize;
  }
  if (total > MAX_TOTAL_BYTES) throw refuse("Tệp .docx giải nén ra quá lớn (nghi “bom nén”) nên không được chấp nhận.");

  const keep = new Set(text.map((e) => e.name));
  let parts: Unzipped;
  try {
    // fflate inflates each part into a buffer of its declared size: a lying header truncates, it cannot grow.
    parts = unzipSync(bytes, { filter: (f) => keep.has(f.name) });
  } catch {
    throw refuse("Tệp .docx bị hỏng, không đọc được.");
  }
  const contentTypes = parts["[Content_Types].xml"];
  if (contentTypes && /macroEnabled/i.test(new TextDecoder().decode(contentTypes))) {
    throw refuse("Tệp có chứa macro (.docm) nên không được chấp nhận. Hãy lưu lại thành .docx không có macro rồi tải lên.");
  }
  return {
    parts,
    mediaCount: entries.filter((e) => /^word\/media\//i.test(e.name)).length,
    embeddedCount: entries.filter((e) => /^word\/(embeddings|activeX)\//i.test(e.name)).length,
  };
}

/** Removes relationships to external resources other than hyperlinks (linked images, templates, objects). */
function dropExternalResources(parts: Unzipped): number {
  let dropped = 0;
  const decoder = new TextDecoder();
  for (const name of Object.keys(parts)) {
    if (!/_rels\/[^/]*\.rels$/i.test(name)) continue;
    const xml = decoder.decode(parts[name]);
    const next = xml.replace(/<Relationship\b[^>]*\/>/g, (rel) => {
      if (!/TargetMode="External"/i.test(rel)) return rel;
      if (/Type="[^"]*\/hyperlink"/i.test(rel)) return rel;
      dropped += 1;
      return "";
    });
    if (next !== xml) parts[name] = strToU8(next);
  }
  return dropped;
}

const decodeEntities = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** mammoth writes notes as numbered links plus a list at the end; turn them into the editor's footnote marks. */
function foldNotes(html: string): string {
  const notes = new Map<string, string>();
  let out = html.replace(/<li id="(docx-(?:footnote|endnote)-[^"]+)">([\s\S]*?)<\/li>/g, (_m, id: string, body: string) => {
    const text = decodeEntities(
      body
        .replace(/<a href="#[^"]*-ref-[^"]*">[\s\S]*?<\/a>/g, "")
        .replace(/<[^>]+>/g, " ")
        .replace(/\s+/g, " ")
        .trim(),
    );
    notes.set(id, text);
    return "";
  });
  out = out.replace(/<ol>\s*<\/ol>/g, "");
  out = out.replace(/<sup><a href="#(docx-(?:footnote|endnote)-[^"]+)" id="[^"]*">[\s\S]*?<\/a><\/sup>/g, (_m, id: string) => {
    const text = notes.get(id);
    return text ? `<sup ${FOOTNOTE_ATTR}="${escapeAttr(text)}"></sup>` : "";
  });
  return out;
}

const STYLE_MAP = [
  "p[style-name='Title'] => h3:fresh",
  "p[style-name='heading 1'] => h3:fresh",
  "p[style-name='Heading 1'] => h3:fresh",
  "p[style-name='heading 2'] => h4:fresh",
  "p[style-name='Heading 2'] => h4:fresh",
  "p[style-name='heading 3'] => h5:fresh",
  "p[style-name='Heading 3'] => h5:fresh",
  "p[style-name='heading 4'] => h6:fresh",
  "p[style-name='Heading 4'] => h6:fresh",
  "u => u",
  "strike => s",
];

/** Converts an uploaded .docx to sanitised section HTML, or throws a Vietnamese AppError. */
export async function convertDocx(bytes: Uint8Array): Promise<DocxConversion> {
  const { parts, mediaCount, embeddedCount } = readParts(bytes);
  const externalDropped = dropExternalResources(parts);
  const rezipped = zipSync(parts, { level: 0 });
  let images = 0;
  mammothLoading ??= import("mammoth").then((m) => m.default);
  const mammoth = await mammothLoading;
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(rezipped.buffer, rezipped.byteOffset, rezipped.byteLength) },
      {
        styleMap: STYLE_MAP,
        idPrefix: "docx-",
        externalFileAccess: false,
        ignoreEmptyParagraphs: true,
        convertImage: mammoth.images.imgElement(() => {
          images += 1;
          return Promise.resolve({ src: "" });
        }),
      },
    );
  } catch {
    throw refuse("Không chuyển được nội dung tệp .docx (tệp hỏng hoặc không đúng định dạng Word).");
  }
  const rawLinks = (result.value.match(/<a\s[^>]*href="(?!#)[^"]*"/g) ?? []).length;
  // Paragraphs that only held an image are empty now.
  const html = sanitizeSectionHtml(foldNotes(result.value)).replace(/<p><\/p>/g, "");
  const keptLinks = (html.match(/<a href=/g) ?? []).length;

  const notices: string[] = [];
  const imageCount = Math.max(images, mediaCount);
  if (imageCount > 0) notices.push(`Đã bỏ ${imageCount} hình ảnh: phần thuyết minh chỉ nhận chữ và bảng; hình vẽ, biểu đồ gửi kèm phụ lục.`);
  if (embeddedCount > 0) notices.push(`Đã bỏ ${embeddedCount} đối tượng nhúng (tệp đính kèm, điều khiển ActiveX).`);
  if (externalDropped > 0) notices.push(`Đã bỏ ${externalDropped} liên kết tới tài nguyên bên ngoài (ảnh liên kết, mẫu văn bản từ xa).`);
  if (rawLinks > keptLinks) notices.push(`Đã bỏ ${rawLinks - keptLinks} liên kết không an toàn (chỉ giữ liên kết http, https, mailto).`);
  if (!html) notices.push("Tệp không có nội dung chữ nào.");
  return { html, notices };
}
