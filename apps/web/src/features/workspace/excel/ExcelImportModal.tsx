import { InboxOutlined } from "@ant-design/icons";
import { FIGURE_STATUS_LABELS, type ExcelCellChangeDto, type ExcelPreviewDto, type FigureConflictDto } from "@tonghop/contracts";
import { Alert, Button, Checkbox, Modal, Space, Table, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../components/ErrorAlert";
import { displayNumber } from "../grid/number-entry";
import { applyWorkbook, previewWorkbook } from "./excel.api";

const MAX_BYTES = 10 * 1024 * 1024;

function side(c: ExcelCellChangeDto, which: "old" | "new") {
  const s = c[which];
  if (c.kind === "text") return s.text ? `"${s.text}"` : "(trống)";
  if (s.value === null || s.value === undefined) return "(trống)";
  return displayNumber(s.value, 0);
}

/**
 * Upload a filled workbook: a preview of every changed cell (old → new, status) and every error naming sheet and
 * cell; the user applies all changes or none. Errors block applying until the file is fixed and uploaded again.
 */
export function ExcelImportModal({ assignmentId, open, onClose, onApplied }: { assignmentId: string; open: boolean; onClose: () => void; onApplied: (n: number) => void }) {
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<ExcelPreviewDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [conflicts, setConflicts] = useState<FigureConflictDto[]>([]);
  const [confirm, setConfirm] = useState(false);

  const reset = () => {
    setPreview(null);
    setError(null);
    setConflicts([]);
    setConfirm(false);
  };
  const close = () => {
    reset();
    onClose();
  };

  const upload = async (file: File) => {
    reset();
    if (file.size > MAX_BYTES) {
      setError("Tệp lớn hơn 10 MB; hãy tách bớt hoặc xóa các trang không cần thiết.");
      return;
    }
    setBusy(true);
    try {
      setPreview(await previewWorkbook(assignmentId, file));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!preview?.previewId) return;
    setBusy(true);
    try {
      const r = await applyWorkbook(assignmentId, preview.previewId, confirm);
      onApplied(r.cells + r.texts);
      close();
    } catch (e) {
      if (e instanceof ApiError && e.code === "VERSION_CONFLICT") {
        setConflicts((e.details as { conflicts?: FigureConflictDto[] } | undefined)?.conflicts ?? []);
        setError(`${e.message} Hãy tải tệp mẫu mới (có số đang lưu), sửa lại rồi tải lên.`);
      } else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const overOfficial = preview?.changes.some((c) => c.overOfficial) ?? false;
  const canApply = !!preview?.previewId && (!overOfficial || confirm);
  return (
    <Modal
      open={open}
      width={1080}
      title="Nhập số liệu từ tệp Excel"
      onCancel={close}
      footer={
        <Space>
          <Button onClick={close}>Đóng</Button>
          <Button type="primary" disabled={!canApply} loading={busy} onClick={() => void apply()} data-testid="excel-apply">
            Áp dụng {preview?.changes.length ?? 0} thay đổi
          </Button>
        </Space>
      }
      destroyOnHidden
    >
      <Upload.Dragger
        accept=".xlsx"
        maxCount={1}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
        data-testid="excel-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>Kéo tệp .xlsx đã điền vào đây hoặc bấm để chọn (tối đa 10 MB).</p>
        <p style={{ color: "#888" }}>Dùng tệp tải về từ nút "Tải Excel" của đúng phụ lục và đơn vị.</p>
      </Upload.Dragger>
      {error && <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} data-testid="excel-error" />}
      {conflicts.length > 0 && (
        <ul style={{ marginTop: 8 }}>
          {conflicts.map((c) => (
            <li key={`${c.rowId}|${c.columnKey}`}>
              {c.rowName} — {c.columnTitle}: đang lưu {c.theirs.value === null || c.theirs.value === undefined ? "(trống)" : displayNumber(c.theirs.value, 0)} ({c.theirs.byName ?? "—"})
            </li>
          ))}
        </ul>
      )}
      {preview && (
        <div style={{ marginTop: 12 }}>
          <Typography.Paragraph>
            Tệp <strong>{preview.fileName}</strong>: {preview.matchedRows} dòng khớp, {preview.changes.length} ô thay đổi, {preview.unchangedCells} ô giữ nguyên.
          </Typography.Paragraph>
          {preview.errors.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={`${preview.errors.length} lỗi — sửa trong tệp rồi tải lên lại; chưa ô nào được ghi.`}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="excel-errors">
                  {preview.errors.map((e, i) => (
                    <li key={i}>{e.message}</li>
                  ))}
                </ul>
              }
            />
          )}
          {preview.errors.length === 0 && preview.changes.length === 0 && <Alert type="info" showIcon title="Tệp không có thay đổi nào so với số liệu đang lưu." />}
          {overOfficial && (
            <Checkbox checked={confirm} onChange={(e) => setConfirm(e.target.checked)} style={{ marginBottom: 8 }}>
              Tôi xác nhận ghi số ước tính / sơ bộ đè lên số chính thức ở các ô được đánh dấu.
            </Checkbox>
          )}
          {preview.changes.length > 0 && (
            <Table<ExcelCellChangeDto>
              size="small"
              rowKey={(c) => `${c.rowId}|${c.columnKey}`}
              dataSource={preview.changes}
              pagination={preview.changes.length > 50 ? { pageSize: 50 } : false}
              data-testid="excel-changes"
              columns={[
                { title: "Ô", key: "cell", width: 110, render: (_, c) => `${c.sheet}!${c.cell}` },
                { title: "Chỉ tiêu", dataIndex: "rowName" },
                { title: "Cột", dataIndex: "columnTitle", width: 200 },
                { title: "Cũ", key: "old", width: 130, align: "right", render: (_, c) => side(c, "old") },
                { title: "Mới", key: "new", width: 130, align: "right", render: (_, c) => <strong>{side(c, "new")}</strong> },
                {
                  title: "Trạng thái",
                  key: "status",
                  width: 150,
                  render: (_, c) =>
                    c.kind === "value" && c.new.status ? (
                      <Space size={4}>
                        <Tag color={c.overOfficial ? "red" : undefined}>{FIGURE_STATUS_LABELS[c.new.status]}</Tag>
                        {c.old.status && c.old.status !== c.new.status ? <Typography.Text type="secondary">(trước: {FIGURE_STATUS_LABELS[c.old.status]})</Typography.Text> : null}
                      </Space>
                    ) : null,
                },
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
