/**
 * Section HTML: the one allow-list every piece of narrative text passes through on the server (editor
 * saves, pasted Word content, converted .docx, merged contributions, restores), and the derived plain
 * text and word count.
 *
 * Allowed: p, h3–h6 (h1/h2 become h3: the item title is the heading above them), strong/b, em/i, u, s,
 * sup, sub, ul/ol (ol[start]), li, table/thead/tbody/tr/th/td (colspan/rowspan 1–50), br, blockquote,
 * a[href] with http, https or mailto only. Footnotes are encoded by the editor as
 *   <sup data-footnote="Nội dung chú thích."></sup>
 * (the note text is the attribute; the mark is numbered in document order when shown or compiled).
 * Everything else is removed: scripts, styles and their content, event handlers, style/class attributes,
 * iframes, objects, images, SVG, forms, comments (MS Office conditional comments included), data: and
 * javascript: URLs. Unknown wrappers (div, span, font, o:p…) are unwrapped and their text kept.
 */
import { countWords } from "@tonghop/contracts";
import { Parser } from "htmlparser2";
import sanitizeHtml from "sanitize-html";

export const FOOTNOTE_ATTR = "data-footnote";
const FOOTNOTE_MAX = 2000;
const SPAN_MAX = 50;

const ALLOWED_TAGS = [
  "p",
  "h3",
  "h4",
  "h5",
  "h6",
  "strong",
  "b",
  "em",
  "i",
  "u",
  "s",
  "sup",
  "sub",
  "ul",
  "ol",
  "li",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "br",
  "blockquote",
  "a",
];

/** Elements removed together with their content. */
const DROP_WITH_CONTENT = [
  "script",
  "style",
  "textarea",
  "option",
  "select",
  "noscript",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "svg",
  "math",
  "template",
  "title",
  "head",
  "xml",
  "canvas",
  "audio",
  "video",
  "button",
];

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

function clampSpan(value: string | undefined): string | undefined {
  if (value == null) return undefined;
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n) || n <= 1) return undefined;
  return String(Math.min(n, SPAN_MAX));
}

function cell(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const out: sanitizeHtml.Attributes = {};
  const colspan = clampSpan(attribs.colspan);
  const rowspan = clampSpan(attribs.rowspan);
  if (colspan) out.colspan = colspan;
  if (rowspan) out.rowspan = rowspan;
  return { tagName, attribs: out };
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ["href"],
    td: ["colspan", "rowspan"],
    th: ["colspan", "rowspan"],
    ol: ["start"],
    sup: [FOOTNOTE_ATTR],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  allowedClasses: {},
  allowedStyles: {},
  parseStyleAttributes: false,
  allowVulnerableTags: false,
  disallowedTagsMode: "discard",
  nonTextTags: DROP_WITH_CONTENT,
  enforceHtmlBoundary: false,
  nestingLimit: 40,
  transformTags: {
    h1: "h3",
    h2: "h3",
    strike: "s",
    del: "s",
    ins: "u",
    dir: "ul",
    menu: "ul",
    div: "p",
    td: cell,
    th: cell,
    a: (_tagName, attribs): sanitizeHtml.Tag => {
      const href = (attribs.href ?? "").trim();
      const out: sanitizeHtml.Attributes = {};
      if (SAFE_HREF.test(href)) out.href = href;
      return { tagName: "a", attribs: out };
    },
    ol: (_tagName, attribs): sanitizeHtml.Tag => {
      const start = Number.parseInt(attribs.start ?? "", 10);
      const out: sanitizeHtml.Attributes = {};
      if (Number.isFinite(start) && start > 1 && start < 10_000) out.start = String(start);
      return { tagName: "ol", attribs: out };
    },
    sup: (_tagName, attribs): sanitizeHtml.Tag => {
      const note = attribs[FOOTNOTE_ATTR];
      if (note == null) return { tagName: "sup", attribs: {} };
      const text = note.replace(/\s+/g, " ").trim().slice(0, FOOTNOTE_MAX);
      return { tagName: "sup", attribs: { [FOOTNOTE_ATTR]: text } };
    },
  },
  exclusiveFilter: (frame) => {
    // A link without a (safe) address keeps its text; an empty ordinary sup is dropped; footnotes stay.
    if (frame.tag === "a" && !frame.attribs.href) return "excludeTag";
    if (frame.tag === "sup" && frame.attribs[FOOTNOTE_ATTR] == null && !frame.text.trim() && !frame.mediaChildren.length) return true;
    if (frame.tag === "sup" && frame.attribs[FOOTNOTE_ATTR] === "") return true;
    return false;
  },
};

/** The allow-listed HTML of a section (idempotent: sanitising twice gives the same string). */
export function sanitizeSectionHtml(dirty: string): string {
  const clean = sanitizeHtml(dirty, OPTIONS)
    // A footnote mark carries its note in the attribute; whatever was inside it is dropped.
    .replace(/(<sup data-footnote="[^"]*">)[\s\S]*?<\/sup>/g, "$1</sup>")
    // Word pastes "&nbsp;" paragraphs as spacers: keep at most one empty paragraph in a row.
    .replace(/(<p>(?:\s|&nbsp;|<br \/>)*<\/p>\s*){2,}/g, "<p></p>")
    .trim();
  // An editor that was emptied saves "<p></p>": store it as empty.
  return /^(<p>(?:\s|&nbsp;|<br \/>)*<\/p>)?$/.test(clean) ? "" : clean;
}

const BLOCKS = new Set(["p", "h3", "h4", "h5", "h6", "li", "blockquote", "ul", "ol"]);

export interface SectionText {
  /** Paragraphs separated by "\n", table cells by " | ", footnotes listed at the end as "[n] …". */
  text: string;
  wordCount: number;
  /**
   * Lengths (in characters) of the prose blocks and footnotes, for the page estimate. Table rows are left out:
   * directives count report pages "không bao gồm các bảng biểu và phụ lục".
   */
  paragraphs: number[];
  footnotes: string[];
}

/** Plain text, word count and block lengths of sanitised section HTML. */
export function sectionText(html: string): SectionText {
  const lines: Array<{ text: string; table: boolean }> = [];
  const footnotes: string[] = [];
  let current = "";
  let cellIndex = 0;
  let tableDepth = 0;
  let cellDepth = 0;
  const flush = () => {
    for (const part of current.split("\n")) {
      const line = part.replace(/[ \t\u00a0]+/g, " ").trim();
      if (line) lines.push({ text: line, table: tableDepth > 0 });
    }
    current = "";
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === "table") {
          flush();
          tableDepth += 1;
        } else if (name === "tr") {
          flush();
          cellIndex = 0;
        } else if (name === "td" || name === "th") {
          if (cellIndex > 0) current += " | ";
          cellIndex += 1;
          cellDepth += 1;
        } else if (BLOCKS.has(name)) {
          if (cellDepth > 0) current += " ";
          else flush();
        }
        if (name === "br") current += cellDepth > 0 ? " " : "\n";
        if (name === "sup" && attribs[FOOTNOTE_ATTR] != null) {
          footnotes.push(attribs[FOOTNOTE_ATTR]);
          current += `[${footnotes.length}]`;
        }
      },
      ontext(data) {
        current += data;
      },
      onclosetag(name) {
        if (name === "td" || name === "th") cellDepth = Math.max(0, cellDepth - 1);
        else if (name === "tr") flush();
        else if (name === "table") {
          flush();
          tableDepth = Math.max(0, tableDepth - 1);
        } else if (BLOCKS.has(name) && cellDepth === 0) flush();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  const body = lines.map((l) => l.text);
  const notes = footnotes.map((f, i) => `[${i + 1}] ${f}`);
  return {
    text: [...body, ...notes].join("\n"),
    // Footnote marks are not words; the notes' own words are.
    wordCount: countWords(body.join(" ").replace(/\[\d+\]/g, "")) + countWords(footnotes.join(" ")),
    paragraphs: [...lines.filter((l) => !l.table).map((l) => l.text.length), ...notes.map((n) => n.length)],
    footnotes,
  };
}
