import {
  BoldOutlined,
  ItalicOutlined,
  LinkOutlined,
  OrderedListOutlined,
  RedoOutlined,
  StrikethroughOutlined,
  TableOutlined,
  UnderlineOutlined,
  UndoOutlined,
  UnorderedListOutlined,
} from "@ant-design/icons";
import { countWords, estimatePages } from "@tonghop/contracts";
import type { Editor } from "@tiptap/core";
import { Subscript } from "@tiptap/extension-subscript";
import { Superscript } from "@tiptap/extension-superscript";
import { TableKit } from "@tiptap/extension-table";
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import { StarterKit } from "@tiptap/starter-kit";
import { Button, Divider, Dropdown, Input, Modal, Select, Space, Tooltip } from "antd";
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from "react";
import { Footnote } from "./footnote";
import { cleanPastedHtml } from "./paste-cleanup";
import "./section-editor.css";

export interface SectionStats {
  words: number;
  pages: number;
}

export interface SectionEditorHandle {
  /** Replaces the whole content (after a conflict choice, a merge, an upload, a restore); does not fire onChange. */
  setHtml(html: string): void;
  getHtml(): string;
  focus(): void;
}

/** Word count and page estimate as the server computes them (prose blocks only; tables excluded from pages). */
export function statsOf(editor: Editor): SectionStats {
  const blocks: number[] = [];
  const notes: string[] = [];
  editor.state.doc.descendants((node) => {
    if (node.type.name === "table") {
      node.descendants((n) => {
        if (n.type.name === "footnote") notes.push(String(n.attrs.note ?? ""));
      });
      return false;
    }
    if (node.isTextblock) {
      blocks.push(node.textContent.length);
      node.descendants((n) => {
        if (n.type.name === "footnote") notes.push(String(n.attrs.note ?? ""));
      });
      return false;
    }
    return true;
  });
  const text = editor.getText({ blockSeparator: "\n" });
  return {
    words: countWords(text) + countWords(notes.join(" ")),
    pages: estimatePages([...blocks, ...notes.map((n, i) => n.length + String(i + 1).length + 3)]),
  };
}

const BLOCK_OPTIONS = [
  { value: "p", label: "Đoạn văn" },
  { value: "3", label: "Tiêu đề 1" },
  { value: "4", label: "Tiêu đề 2" },
  { value: "5", label: "Tiêu đề 3" },
  { value: "6", label: "Tiêu đề 4" },
] as const;

/**
 * The rich-text editor of a section (Tiptap): headings (h3–h6 below the item title), bold, italic, underline,
 * strike, superscript, subscript, lists, quotes, tables, links and footnotes; pasting from Word keeps that
 * structure (paste-cleanup.ts). Read-only when `editable` is false.
 */
export function SectionEditor({
  content,
  editable,
  onChange,
  onStats,
  ref,
}: {
  content: string;
  editable: boolean;
  onChange: (html: string) => void;
  onStats?: (stats: SectionStats) => void;
  ref?: Ref<SectionEditorHandle>;
}) {
  const onChangeRef = useRef(onChange);
  const onStatsRef = useRef(onStats);
  useEffect(() => {
    onChangeRef.current = onChange;
    onStatsRef.current = onStats;
  });
  const silent = useRef(false);
  const [footnote, setFootnote] = useState<{ pos: number | null; note: string } | null>(null);
  const [link, setLink] = useState<string | null>(null);

  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [3, 4, 5, 6] },
        code: false,
        codeBlock: false,
        horizontalRule: false,
        link: {
          openOnClick: false,
          autolink: true,
          protocols: ["http", "https", "mailto"],
          isAllowedUri: (url) => /^(https?:\/\/|mailto:)/i.test(url),
          HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
        },
      }),
      Superscript,
      Subscript,
      TableKit.configure({ table: { resizable: false } }),
      Footnote,
    ],
    content,
    editable,
    editorProps: {
      transformPastedHTML: (html) => cleanPastedHtml(html),
      handleClickOn: (_view, pos, node) => {
        if (node.type.name !== "footnote") return false;
        setFootnote({ pos, note: String(node.attrs.note ?? "") });
        return true;
      },
      attributes: { "aria-label": "Nội dung mục", "data-testid": "section-editor" },
    },
    onCreate: ({ editor: e }) => onStatsRef.current?.(statsOf(e)),
    onUpdate: ({ editor: e }) => {
      onStatsRef.current?.(statsOf(e));
      if (!silent.current) onChangeRef.current(e.getHTML());
    },
  });

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  useImperativeHandle(
    ref,
    () => ({
      setHtml(html: string) {
        if (!editor) return;
        silent.current = true;
        try {
          editor.commands.setContent(html, { emitUpdate: true });
        } finally {
          silent.current = false;
        }
      },
      getHtml: () => editor?.getHTML() ?? "",
      focus: () => editor?.commands.focus(),
    }),
    [editor],
  );

  const state = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      e
        ? {
            block: e.isActive("heading", { level: 3 })
              ? "3"
              : e.isActive("heading", { level: 4 })
                ? "4"
                : e.isActive("heading", { level: 5 })
                  ? "5"
                  : e.isActive("heading", { level: 6 })
                    ? "6"
                    : "p",
            bold: e.isActive("bold"),
            italic: e.isActive("italic"),
            underline: e.isActive("underline"),
            strike: e.isActive("strike"),
            sup: e.isActive("superscript"),
            sub: e.isActive("subscript"),
            bullet: e.isActive("bulletList"),
            ordered: e.isActive("orderedList"),
            quote: e.isActive("blockquote"),
            link: e.isActive("link"),
            table: e.isActive("table"),
            canUndo: e.can().undo(),
            canRedo: e.can().redo(),
          }
        : null,
  });

  if (!editor) return null;
  const chain = () => editor.chain().focus();
  const mark = (active: boolean | undefined) => (active ? "primary" : "text");

  const saveFootnote = () => {
    if (!footnote) return;
    const note = footnote.note.replace(/\s+/g, " ").trim();
    if (footnote.pos == null) {
      if (note) chain().insertFootnote(note).run();
    } else if (note) {
      chain().updateFootnote(footnote.pos, note).run();
    } else {
      chain().setNodeSelection(footnote.pos).deleteSelection().run();
    }
    setFootnote(null);
  };

  const saveLink = () => {
    if (link == null) return;
    const href = link.trim();
    if (!href) chain().extendMarkRange("link").unsetLink().run();
    else if (/^(https?:\/\/|mailto:)/i.test(href)) chain().extendMarkRange("link").setLink({ href }).run();
    else {
      chain().extendMarkRange("link").setLink({ href: `https://${href}` }).run();
    }
    setLink(null);
  };

  return (
    <div className={`section-editor${editable ? "" : " read-only"}`}>
      {editable && state && (
        <div role="toolbar" aria-label="Định dạng" style={{ padding: "6px 8px", borderBottom: "1px solid #f0f0f0", background: "#fff", position: "sticky", top: 0, zIndex: 2 }}>
          <Space size={2} wrap>
            <Select
              size="small"
              style={{ width: 120 }}
              value={state.block}
              options={BLOCK_OPTIONS.map((o) => ({ ...o }))}
              aria-label="Kiểu đoạn"
              onChange={(v: string) => {
                if (v === "p") chain().setParagraph().run();
                else chain().toggleHeading({ level: Number(v) as 3 | 4 | 5 | 6 }).run();
              }}
            />
            <Divider orientation="vertical" />
            <Tooltip title="Đậm (Ctrl+B)">
              <Button size="small" type={mark(state.bold)} icon={<BoldOutlined />} aria-label="Đậm" onClick={() => chain().toggleBold().run()} />
            </Tooltip>
            <Tooltip title="Nghiêng (Ctrl+I)">
              <Button size="small" type={mark(state.italic)} icon={<ItalicOutlined />} aria-label="Nghiêng" onClick={() => chain().toggleItalic().run()} />
            </Tooltip>
            <Tooltip title="Gạch chân (Ctrl+U)">
              <Button size="small" type={mark(state.underline)} icon={<UnderlineOutlined />} aria-label="Gạch chân" onClick={() => chain().toggleUnderline().run()} />
            </Tooltip>
            <Tooltip title="Gạch ngang">
              <Button size="small" type={mark(state.strike)} icon={<StrikethroughOutlined />} aria-label="Gạch ngang" onClick={() => chain().toggleStrike().run()} />
            </Tooltip>
            <Tooltip title="Chỉ số trên (m²)">
              <Button size="small" type={mark(state.sup)} aria-label="Chỉ số trên" onClick={() => chain().toggleSuperscript().run()}>
                x²
              </Button>
            </Tooltip>
            <Tooltip title="Chỉ số dưới (CO₂)">
              <Button size="small" type={mark(state.sub)} aria-label="Chỉ số dưới" onClick={() => chain().toggleSubscript().run()}>
                x₂
              </Button>
            </Tooltip>
            <Divider orientation="vertical" />
            <Tooltip title="Danh sách gạch đầu dòng">
              <Button size="small" type={mark(state.bullet)} icon={<UnorderedListOutlined />} aria-label="Danh sách gạch đầu dòng" onClick={() => chain().toggleBulletList().run()} />
            </Tooltip>
            <Tooltip title="Danh sách đánh số">
              <Button size="small" type={mark(state.ordered)} icon={<OrderedListOutlined />} aria-label="Danh sách đánh số" onClick={() => chain().toggleOrderedList().run()} />
            </Tooltip>
            <Tooltip title="Trích dẫn">
              <Button size="small" type={mark(state.quote)} aria-label="Trích dẫn" onClick={() => chain().toggleBlockquote().run()}>
                “ ”
              </Button>
            </Tooltip>
            <Dropdown
              trigger={["click"]}
              menu={{
                items: [
                  { key: "insert", label: "Chèn bảng 3 × 3 (có dòng tiêu đề)", disabled: state.table },
                  { type: "divider" },
                  { key: "rowAfter", label: "Thêm dòng bên dưới", disabled: !state.table },
                  { key: "colAfter", label: "Thêm cột bên phải", disabled: !state.table },
                  { key: "deleteRow", label: "Xoá dòng", disabled: !state.table },
                  { key: "deleteCol", label: "Xoá cột", disabled: !state.table },
                  { key: "merge", label: "Gộp ô đã chọn", disabled: !state.table },
                  { key: "split", label: "Tách ô", disabled: !state.table },
                  { key: "header", label: "Bật/tắt dòng tiêu đề", disabled: !state.table },
                  { key: "deleteTable", label: "Xoá bảng", danger: true, disabled: !state.table },
                ],
                onClick: ({ key }) => {
                  const c = chain();
                  const run: Record<string, () => boolean> = {
                    insert: () => c.insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
                    rowAfter: () => c.addRowAfter().run(),
                    colAfter: () => c.addColumnAfter().run(),
                    deleteRow: () => c.deleteRow().run(),
                    deleteCol: () => c.deleteColumn().run(),
                    merge: () => c.mergeCells().run(),
                    split: () => c.splitCell().run(),
                    header: () => c.toggleHeaderRow().run(),
                    deleteTable: () => c.deleteTable().run(),
                  };
                  run[key]?.();
                },
              }}
            >
              <Button size="small" type={mark(state.table)} icon={<TableOutlined />} aria-label="Bảng">
                Bảng
              </Button>
            </Dropdown>
            <Tooltip title="Liên kết (http, https, mailto)">
              <Button size="small" type={mark(state.link)} icon={<LinkOutlined />} aria-label="Liên kết" onClick={() => setLink(String(editor.getAttributes("link").href ?? ""))} />
            </Tooltip>
            <Tooltip title="Chèn chú thích cuối trang">
              <Button size="small" aria-label="Chú thích" onClick={() => setFootnote({ pos: null, note: "" })}>
                Chú thích
              </Button>
            </Tooltip>
            <Divider orientation="vertical" />
            <Tooltip title="Hoàn tác (Ctrl+Z)">
              <Button size="small" type="text" icon={<UndoOutlined />} aria-label="Hoàn tác" disabled={!state.canUndo} onClick={() => chain().undo().run()} />
            </Tooltip>
            <Tooltip title="Làm lại (Ctrl+Y)">
              <Button size="small" type="text" icon={<RedoOutlined />} aria-label="Làm lại" disabled={!state.canRedo} onClick={() => chain().redo().run()} />
            </Tooltip>
          </Space>
        </div>
      )}
      <EditorContent editor={editor} />
      <Modal
        open={footnote != null}
        title={footnote?.pos == null ? "Chèn chú thích" : "Sửa chú thích"}
        okText="Lưu chú thích"
        cancelText="Huỷ"
        onOk={saveFootnote}
        onCancel={() => setFootnote(null)}
        okButtonProps={{ disabled: !editable }}
        destroyOnHidden
      >
        <Input.TextArea
          autoFocus
          rows={3}
          maxLength={2000}
          readOnly={!editable}
          value={footnote?.note ?? ""}
          placeholder="Nội dung chú thích, ví dụ: Số liệu sơ bộ của Cục Thống kê thành phố."
          onChange={(e) => setFootnote((f) => (f ? { ...f, note: e.target.value } : f))}
        />
        {footnote?.pos != null && editable && <div style={{ marginTop: 8, color: "#8c8c8c" }}>Để trống rồi lưu để xoá chú thích.</div>}
      </Modal>
      <Modal open={link != null} title="Liên kết" okText="Lưu" cancelText="Huỷ" onOk={saveLink} onCancel={() => setLink(null)} destroyOnHidden>
        <Input autoFocus value={link ?? ""} placeholder="https://… hoặc mailto:…" onChange={(e) => setLink(e.target.value)} onPressEnter={saveLink} />
        <div style={{ marginTop: 8, color: "#8c8c8c" }}>Để trống rồi lưu để bỏ liên kết.</div>
      </Modal>
    </div>
  );
}
