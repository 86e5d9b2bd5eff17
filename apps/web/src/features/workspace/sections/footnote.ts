import { mergeAttributes, Node } from "@tiptap/core";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    footnote: {
      /** Inserts a footnote mark with its note text at the cursor. */
      insertFootnote: (note: string) => ReturnType;
      /** Changes the note of the footnote mark at `pos`. */
      updateFootnote: (pos: number, note: string) => ReturnType;
    };
  }
}

/**
 * A footnote as an inline atom: the note text lives in the mark's attribute, encoded as
 *   <sup data-footnote="Nội dung chú thích."></sup>
 * (the server's allow-list and the compiled Word report read exactly this). Marks are numbered in document order by
 * CSS (section-editor.css); clicking one edits its note.
 */
export const Footnote = Node.create({
  name: "footnote",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  // Above the Superscript mark, which also parses <sup>.
  priority: 1100,

  addAttributes() {
    return {
      note: {
        default: "",
        parseHTML: (el) => el.getAttribute("data-footnote") ?? "",
        renderHTML: (attrs: { note?: string }) => ({ "data-footnote": attrs.note ?? "" }),
      },
    };
  },

  parseHTML() {
    return [{ tag: "sup[data-footnote]" }];
  },

  renderHTML({ HTMLAttributes, node }) {
    const note = String(node.attrs.note ?? "");
    return ["sup", mergeAttributes(HTMLAttributes, { title: note, class: "footnote-mark" })];
  },

  renderText() {
    return "";
  },

  addCommands() {
    return {
      insertFootnote:
        (note: string) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: { note } }),
      updateFootnote:
        (pos: number, note: string) =>
        ({ tr, dispatch }) => {
          const node = tr.doc.nodeAt(pos);
          if (!node || node.type.name !== this.name) return false;
          if (dispatch) tr.setNodeMarkup(pos, undefined, { ...node.attrs, note });
          return true;
        },
    };
  },
});
