/**
 * Cleans HTML pasted from Microsoft Word (and Google Docs, LibreOffice) before the editor parses it, so that
 * headings, lists, tables, emphasis and footnotes survive and Office markup does not:
 *   - conditional comments, <o:p>, <style>, <meta>, <xml>, VML shapes and images are dropped;
 *   - Word's list paragraphs (class MsoListParagraph…, style mso-list: l0 level2) with their typed bullets or numbers
 *     become real nested <ul>/<ol>;
 *   - headings shift into the section's range (Heading 1 → h3 … Heading 4+ → h6) since the item title is above them;
 *   - emphasis written as styles (Google Docs: font-weight:700, font-style:italic, text-decoration:underline,
 *     vertical-align:super/sub) becomes <strong>, <em>, <u>, <sup>, <sub>;
 *   - Word footnotes (a[href="#_ftn1"] … div#ftn1) become the editor's footnote marks <sup data-footnote="…">.
 * The server sanitises everything again on save; this is about keeping structure, not about security.
 */

const BULLET_RE = /^[\u00b7\u2022\u25aa\u25cf\u25cb\u25a0\u2013\u2014\-–o§Ø�*+]$/;
const ORDERED_RE = /^(\(?[0-9]{1,3}[.)]|\(?[a-zA-ZđĐ][.)]|\(?[ivxlcdmIVXLCDM]{1,6}[.)])$/;

function styleOf(el: Element): string {
  return (el.getAttribute("style") ?? "").toLowerCase().replace(/\s+/g, "");
}

function listId(el: Element): string | null {
  return /mso-list:(l\d+)/.exec(styleOf(el))?.[1] ?? null;
}

function listLevel(el: Element): number | null {
  const style = styleOf(el);
  const m = /mso-list:l\d+level(\d+)/.exec(style);
  if (m) return Number(m[1]);
  if (/msolistparagraph/i.test(el.getAttribute("class") ?? "") && style.includes("mso-list")) return 1;
  return null;
}

/** Removes Word's typed list marker (inside <span style="mso-list:Ignore">) and returns its text. */
function takeMarker(p: Element): string {
  let marker = "";
  for (const span of Array.from(p.querySelectorAll("span"))) {
    if (/mso-list:ignore/.test(styleOf(span))) {
      marker += span.textContent ?? "";
      span.remove();
    }
  }
  if (!marker) {
    // Without the Ignore span (some Word versions): a leading bullet character and spaces.
    const text = p.textContent ?? "";
    const m = /^\s*([\u00b7\u2022\u25aa\u25cf\u25cb\u25a0o§Ø-]|\(?[0-9a-zA-Z]{1,4}[.)])[\s\u00a0]+/.exec(text);
    if (m) {
      marker = m[1]!;
      const walker = p.ownerDocument.createTreeWalker(p, 4 /* NodeFilter.SHOW_TEXT */);
      let left = m[0].length;
      for (let node = walker.nextNode(); node && left > 0; node = walker.nextNode()) {
        const value = node.nodeValue ?? "";
        const cut = Math.min(left, value.length);
        node.nodeValue = value.slice(cut);
        left -= cut;
      }
    }
  }
  return marker.replace(/[\s\u00a0]+/g, "").trim();
}

function convertWordLists(doc: Document): void {
  const paragraphs = Array.from(doc.body.querySelectorAll("p"));
  const done = new Set<Element>();
  for (const first of paragraphs) {
    if (done.has(first) || listLevel(first) == null) continue;
    // A run of consecutive list paragraphs (siblings) forms one list tree.
    const run: Element[] = [];
    const id = listId(first);
    for (let el: Element | null = first; el && el.tagName === "P" && listLevel(el) != null && listId(el) === id; el = el.nextElementSibling) {
      run.push(el);
      done.add(el);
    }
    const root = doc.createElement("div");
    const stack: Array<{ level: number; list: HTMLElement }> = [];
    for (const p of run) {
      const level = listLevel(p)!;
      const marker = takeMarker(p);
      const ordered = ORDERED_RE.test(marker) && !BULLET_RE.test(marker);
      while (stack.length && stack[stack.length - 1]!.level > level) stack.pop();
      let top = stack[stack.length - 1];
      if (!top || top.level < level) {
        const list = doc.createElement(ordered ? "ol" : "ul");
        if (top) {
          const parentLi = top.list.lastElementChild ?? top.list.appendChild(doc.createElement("li"));
          parentLi.appendChild(list);
        } else {
          root.appendChild(list);
        }
        top = { level, list };
        stack.push(top);
      }
      const li = doc.createElement("li");
      const content = doc.createElement("p");
      while (p.firstChild) content.appendChild(p.firstChild);
      li.appendChild(content);
      top.list.appendChild(li);
    }
    first.before(...Array.from(root.childNodes));
    for (const p of run) p.remove();
  }
}

function convertFootnotes(doc: Document): void {
  const notes = new Map<string, string>();
  for (const holder of Array.from(doc.querySelectorAll("div[id^='ftn'], div[id^='edn']"))) {
    const id = holder.getAttribute("id")!;
    const clone = holder.cloneNode(true) as Element;
    for (const back of Array.from(clone.querySelectorAll("a[href^='#_ftnref'], a[href^='#_ednref']"))) back.remove();
    notes.set(id, (clone.textContent ?? "").replace(/\s+/g, " ").trim());
    holder.remove();
  }
  for (const a of Array.from(doc.querySelectorAll("a[href^='#_ftn'], a[href^='#_edn']"))) {
    const href = a.getAttribute("href")!;
    if (/ref/.test(href)) continue;
    const id = href.slice(2).replace(/^_/, "");
    const note = notes.get(id);
    const sup = doc.createElement("sup");
    if (note) {
      sup.setAttribute("data-footnote", note);
      a.replaceWith(sup);
    } else {
      a.remove();
    }
  }
}

function styledEmphasis(doc: Document): void {
  for (const span of Array.from(doc.body.querySelectorAll("span[style], font[style]"))) {
    const style = styleOf(span);
    const wraps: string[] = [];
    if (/font-weight:(bold|[6-9]00)/.test(style)) wraps.push("strong");
    if (/font-style:italic/.test(style)) wraps.push("em");
    if (/text-decoration(-line)?:[^;]*underline/.test(style)) wraps.push("u");
    if (/text-decoration(-line)?:[^;]*line-through/.test(style)) wraps.push("s");
    if (/vertical-align:super/.test(style)) wraps.push("sup");
    if (/vertical-align:sub/.test(style)) wraps.push("sub");
    let inner: Node = span;
    for (const tag of wraps) {
      const el = doc.createElement(tag);
      while (inner.firstChild) el.appendChild(inner.firstChild);
      inner.appendChild(el);
      inner = el;
    }
  }
  // Google Docs wraps the whole paste in <b style="font-weight:normal">: not bold.
  for (const b of Array.from(doc.body.querySelectorAll("b"))) {
    if (/font-weight:(normal|400)/.test(styleOf(b))) b.replaceWith(...Array.from(b.childNodes));
  }
}

function shiftHeadings(doc: Document): void {
  const map: Record<string, string> = { H1: "h3", H2: "h4", H3: "h5", H4: "h6", H5: "h6", H6: "h6" };
  for (const h of Array.from(doc.body.querySelectorAll("h1, h2, h3, h4, h5, h6"))) {
    const el = doc.createElement(map[h.tagName]!);
    while (h.firstChild) el.appendChild(h.firstChild);
    h.replaceWith(el);
  }
  // Word's Title style is a paragraph with class MsoTitle.
  for (const p of Array.from(doc.body.querySelectorAll("p.MsoTitle, p.MsoSubtitle"))) {
    const el = doc.createElement(p.classList.contains("MsoTitle") ? "h3" : "h4");
    while (p.firstChild) el.appendChild(p.firstChild);
    p.replaceWith(el);
  }
}

const KEEP_ATTRIBUTES = new Set(["href", "colspan", "rowspan", "data-footnote", "start"]);

/** Drops style/class/lang attributes and unwraps presentational wrappers (span, font, div). */
function stripPresentation(doc: Document): void {
  for (const el of Array.from(doc.body.querySelectorAll("*"))) {
    for (const attr of Array.from(el.attributes)) if (!KEEP_ATTRIBUTES.has(attr.name)) el.removeAttribute(attr.name);
  }
  for (const el of Array.from(doc.body.querySelectorAll("span, font"))) el.replaceWith(...Array.from(el.childNodes));
  for (const el of Array.from(doc.body.querySelectorAll("div"))) {
    if (!el.textContent?.trim()) el.remove();
    else el.replaceWith(...Array.from(el.childNodes));
  }
}

/** Cleans pasted HTML (see the module comment). Needs a DOM (browser or jsdom). */
export function cleanPastedHtml(html: string): string {
  if (!/<[a-z!]/i.test(html)) return html;
  const withoutConditionals = html
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, "")
    .replace(/<!\[if !supportLists\]>/gi, "")
    .replace(/<!\[endif\]>/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "");
  const doc = new DOMParser().parseFromString(withoutConditionals, "text/html");
  for (const el of Array.from(doc.querySelectorAll("style, meta, link, script, xml, title, img, v\\:shape, v\\:imagedata, o\\:p"))) el.remove();
  // Elements with an XML namespace prefix that the selector above cannot reach.
  for (const el of Array.from(doc.body.getElementsByTagName("*"))) {
    if (el.tagName.includes(":")) el.replaceWith(...Array.from(el.childNodes));
  }
  convertFootnotes(doc);
  convertWordLists(doc);
  shiftHeadings(doc);
  styledEmphasis(doc);
  stripPresentation(doc);
  return doc.body.innerHTML.trim();
}
