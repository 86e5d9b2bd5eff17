import { SECTION_ORIGIN_LABELS, type SectionVersionDto } from "@tonghop/contracts";
import { Alert, Button, Drawer, Empty, List, Popconfirm, Segmented, Space, Spin, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { fmtDateTime, fmtNumber } from "../../../lib/format";
import { useSectionDiff, useSectionVersion, useSectionVersions } from "./sections.api";

/**
 * Version history of a section: every save with author, time and origin; a word-level diff of a version against the
 * one before it or against the current text; the text of a version; restore (creates a new version).
 */
export function HistoryDrawer({
  open,
  onClose,
  assignmentId,
  itemId,
  currentVersion,
  canRestore,
  onRestore,
}: {
  open: boolean;
  onClose: () => void;
  assignmentId: string;
  itemId: string;
  currentVersion: number;
  canRestore: boolean;
  onRestore: (version: number) => Promise<void>;
}) {
  const versions = useSectionVersions(assignmentId, itemId, open);
  const [selected, setSelected] = useState<number | null>(null);
  const [mode, setMode] = useState<"previous" | "current" | "text">("previous");
  const [restoring, setRestoring] = useState(false);
  useEffect(() => {
    if (open) void versions.refetch();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, currentVersion]);
  const list = versions.data ?? [];
  const chosen = selected ?? list[0]?.version ?? null;
  const from = chosen == null ? null : mode === "previous" ? chosen - 1 : chosen;
  const to = chosen == null ? null : mode === "previous" ? chosen : currentVersion;
  const diff = useSectionDiff(assignmentId, itemId, mode === "text" ? null : from, mode === "text" ? null : to);
  const text = useSectionVersion(assignmentId, itemId, mode === "text" ? chosen : null);

  return (
    <Drawer open={open} onClose={onClose} size={960} title="Lịch sử phiên bản" destroyOnHidden>
      <ErrorAlert error={versions.error} />
      {versions.isLoading && <Spin />}
      {!versions.isLoading && list.length === 0 && <Empty description="Mục chưa được lưu lần nào." />}
      {list.length > 0 && (
        <div style={{ display: "flex", gap: 16, alignItems: "flex-start" }}>
          <List<SectionVersionDto>
            size="small"
            style={{ width: 300, flex: "none", maxHeight: "75vh", overflow: "auto" }}
            dataSource={list}
            renderItem={(v) => (
              <List.Item
                onClick={() => setSelected(v.version)}
                style={{ cursor: "pointer", background: v.version === chosen ? "#e6f4ff" : undefined, paddingInline: 8 }}
                data-testid={`version-${v.version}`}
              >
                <List.Item.Meta
                  title={
                    <Space size={4}>
                      <span>Phiên bản {v.version}</span>
                      {v.version === currentVersion && <Tag color="blue">Hiện tại</Tag>}
                      {v.origin !== "save" && <Tag>{SECTION_ORIGIN_LABELS[v.origin]}</Tag>}
                    </Space>
                  }
                  description={`${v.author?.name ?? "—"} · ${fmtDateTime(v.createdAt)} · ${fmtNumber(v.wordCount)} từ`}
                />
              </List.Item>
            )}
          />
          <div style={{ flex: 1, minWidth: 0 }}>
            <Space style={{ marginBottom: 12 }} wrap>
              <Segmented
                value={mode}
                onChange={(v) => setMode(v as typeof mode)}
                options={[
                  { value: "previous", label: "So với phiên bản trước" },
                  { value: "current", label: "So với bản hiện tại" },
                  { value: "text", label: "Nội dung" },
                ]}
              />
              {canRestore && chosen != null && chosen !== currentVersion && (
                <Popconfirm
                  title={`Khôi phục phiên bản ${chosen}?`}
                  description="Nội dung hiện tại vẫn còn trong lịch sử; bản khôi phục thành phiên bản mới."
                  okText="Khôi phục"
                  cancelText="Huỷ"
                  onConfirm={async () => {
                    setRestoring(true);
                    try {
                      await onRestore(chosen);
                    } finally {
                      setRestoring(false);
                    }
                  }}
                >
                  <Button loading={restoring} data-testid="restore-version">
                    Khôi phục phiên bản {chosen}
                  </Button>
                </Popconfirm>
              )}
            </Space>
            {mode !== "text" && (
              <>
                <ErrorAlert error={diff.error} />
                {diff.isLoading && <Spin />}
                {diff.data && (
                  <>
                    <Typography.Paragraph type="secondary">
                      Phiên bản {diff.data.from === 0 ? "trống" : diff.data.from} → {diff.data.to}: thêm {fmtNumber(diff.data.inserted)} từ, bớt {fmtNumber(diff.data.deleted)} từ.
                    </Typography.Paragraph>
                    {diff.data.parts.length === 0 || diff.data.parts.every((p) => p.op === "eq") ? (
                      <Alert type="info" title="Hai phiên bản giống nhau về chữ (có thể khác định dạng)." />
                    ) : (
                      <div className="section-diff" data-testid="section-diff">
                        {diff.data.parts.map((p, i) =>
                          p.op === "ins" ? <ins key={i}>{p.text}</ins> : p.op === "del" ? <del key={i}>{p.text}</del> : <span key={i}>{p.text}</span>,
                        )}
                      </div>
                    )}
                  </>
                )}
              </>
            )}
            {mode === "text" && (
              <>
                <ErrorAlert error={text.error} />
                {text.data && <div className="section-html" dangerouslySetInnerHTML={{ __html: text.data.html }} />}
              </>
            )}
          </div>
        </div>
      )}
    </Drawer>
  );
}
