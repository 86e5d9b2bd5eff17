import { CheckCircleOutlined, CloudUploadOutlined, DeleteOutlined, DownloadOutlined, EditOutlined, ExclamationCircleOutlined, LoadingOutlined, PlusOutlined, SyncOutlined } from "@ant-design/icons";
import type { AddAgencyRowRequest, FigureStatus, GridRowDto, IndicatorGridDto, SaveFiguresResultDto } from "@tonghop/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Breadcrumb, Button, Modal, Popconfirm, Select, Space, Spin, Tag, Tooltip, Typography } from "antd";
import { useCallback, useMemo, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { useSession } from "../../../api/session";
import { errorMessage, ErrorAlert } from "../../../components/ErrorAlert";
import { fmtDate } from "../../../lib/format";
import { downloadWorkbook } from "../excel/excel.api";
import { ExcelImportModal } from "../excel/ExcelImportModal";
import { WorkflowBar } from "../workflow/WorkflowBar";
import { AgencyRowModal } from "./AgencyRowModal";
import { CellPanel } from "./CellPanel";
import { FigureConflictDialog } from "./FigureConflictDialog";
import { addAgencyRow, deleteAgencyRow, gridKeys, updateAgencyRow, useIndicatorGrid } from "./grid.api";
import { IndicatorGrid, type ActiveCell, type CellOverlay, type GridEdit, type PasteReport } from "./IndicatorGrid";
import { cellKey, useFigureAutosave, type PendingCell, type SaveState } from "./useFigureAutosave";

const SAVE_LABELS: Record<SaveState, { text: string; icon: React.ReactNode; color: string }> = {
  saved: { text: "Đã lưu", icon: <CheckCircleOutlined />, color: "#389e0d" },
  dirty: { text: "Chưa lưu", icon: <SyncOutlined />, color: "#d48806" },
  saving: { text: "Đang lưu", icon: <LoadingOutlined />, color: "#1677ff" },
  conflict: { text: "Xung đột", icon: <ExclamationCircleOutlined />, color: "#cf1322" },
  confirm: { text: "Chờ xác nhận", icon: <ExclamationCircleOutlined />, color: "#d48806" },
  error: { text: "Lỗi khi lưu", icon: <ExclamationCircleOutlined />, color: "#cf1322" },
};

/** Applies a save's result to the cached grid at once (the refetch that follows recomputes periods and checks). */
function mergeSaved(grid: IndicatorGridDto, result: SaveFiguresResultDto): IndicatorGridDto {
  const saved = new Map<string, SaveFiguresResultDto["cells"][number] | SaveFiguresResultDto["texts"][number]>();
  for (const c of [...result.cells, ...result.texts]) saved.set(cellKey(c.rowId, c.columnKey), c);
  if (!saved.size) return grid;
  return {
    ...grid,
    rows: grid.rows.map((row) => {
      let changed = false;
      const cells = { ...row.cells };
      for (const [key, cell] of Object.entries(row.cells)) {
        const s = saved.get(cellKey(row.id, key));
        if (!s) continue;
        changed = true;
        if (cell.kind === "value" && "status" in s) {
          cells[key] = { ...cell, value: s.value, status: s.status, note: s.note, source: s.source, version: s.version, enteredByName: s.enteredByName, enteredAt: s.enteredAt, campaignName: null };
        } else if (cell.kind === "text" && "text" in s) {
          cells[key] = { ...cell, text: s.text, version: s.version };
        }
      }
      return changed ? { ...row, cells } : row;
    }),
  };
}

/**
 * "/dot/:campaignId/phu-luc/:appendixId": the signed-in agency's rows of an indicator appendix, or (coordinators and
 * viewers) any agency's rows or the whole appendix, read-only.
 */
export function FiguresPage() {
  const { campaignId = "", appendixId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const agencyParam = params.get("don-vi");
  const { message } = App.useApp();
  const { hasRole } = useSession();
  const overviewUser = hasRole("coordinator", "coordinator_leader", "viewer");
  const qc = useQueryClient();
  const query = useIndicatorGrid(appendixId, agencyParam);
  const grid = query.data;
  const assignmentId = grid?.assignment?.id ?? null;
  const editable = !!grid?.assignment?.editable;
  const [active, setActive] = useState<ActiveCell | null>(null);
  const [excelOpen, setExcelOpen] = useState(false);
  const [rowModal, setRowModal] = useState<{ parent: GridRowDto | null; row: GridRowDto | null } | null>(null);
  const [rowBusy, setRowBusy] = useState(false);
  const [downloading, setDownloading] = useState(false);

  const queryKey = gridKeys.grid(appendixId, agencyParam);
  const onSaved = useCallback(
    (result: SaveFiguresResultDto) => {
      qc.setQueryData<IndicatorGridDto>(queryKey, (g) => (g ? mergeSaved(g, result) : g));
      void qc.invalidateQueries({ queryKey });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- queryKey is derived from these
    [qc, appendixId, agencyParam],
  );
  const autosave = useFigureAutosave(editable ? assignmentId : null, { onSaved });

  const columns = useMemo(() => new Map((grid?.columns ?? []).map((c) => [c.key, c])), [grid?.columns]);
  const rowsById = useMemo(() => new Map((grid?.rows ?? []).map((r) => [r.id, r])), [grid?.rows]);

  /** A pending cell built from an edit over the cell as the user sees it (its unsaved state included). */
  const toPending = useCallback(
    (rowId: string, columnKey: string, patch: { value?: number | null; text?: string; status?: FigureStatus; note?: string | null; source?: string | null }): PendingCell | null => {
      const row = rowsById.get(rowId);
      const cell = row?.cells[columnKey];
      if (!row || !cell) return null;
      const prev = autosave.overlayOf(cellKey(rowId, columnKey))?.cell;
      if (cell.kind === "text") {
        return { kind: "text", rowId, columnKey, text: patch.text ?? (prev?.kind === "text" ? prev.text : cell.text), baseVersion: prev?.baseVersion ?? cell.version };
      }
      if (cell.kind !== "value") return null;
      const p = prev?.kind === "value" ? prev : null;
      const value = patch.value !== undefined ? patch.value : p ? p.value : cell.value;
      return {
        kind: "value",
        rowId,
        columnKey,
        value,
        status: patch.status ?? p?.status ?? cell.status ?? columns.get(columnKey)?.defaultStatus ?? "uoc",
        note: patch.note !== undefined ? patch.note : p ? p.note : cell.note,
        source: patch.source !== undefined ? patch.source : p ? p.source : cell.source,
        baseVersion: p?.baseVersion ?? cell.version,
      };
    },
    [rowsById, columns, autosave],
  );

  const onCommit = useCallback(
    (edits: GridEdit[]) => {
      const cells = edits.flatMap((e) => {
        const p = toPending(e.rowId, e.columnKey, e.kind === "value" ? { value: e.value } : { text: e.text });
        return p ? [p] : [];
      });
      autosave.edit(cells);
    },
    [toPending, autosave],
  );

  const overlay = useCallback(
    (rowId: string, columnKey: string): CellOverlay | undefined => {
      const o = autosave.overlayOf(cellKey(rowId, columnKey));
      if (!o) return undefined;
      return o.cell.kind === "value" ? { value: o.cell.value, status: o.cell.status, state: o.state } : { text: o.cell.text, state: o.state };
    },
    [autosave],
  );

  const onPasteReport = useCallback(
    (r: PasteReport) => {
      if (r.errors.length) {
        Modal.warning({
          title: `Đã dán ${r.applied} ô; ${r.errors.length} ô không phải số hợp lệ nên không dán`,
          width: 640,
          content: (
            <ul style={{ paddingLeft: 18 }} data-testid="paste-errors">
              {r.errors.slice(0, 12).map((e) => (
                <li key={e}>{e}</li>
              ))}
              {r.errors.length > 12 && <li>… và {r.errors.length - 12} ô khác</li>}
            </ul>
          ),
        });
      } else if (r.applied) {
        void message.success(`Đã dán ${r.applied} ô${r.skipped ? `; bỏ qua ${r.skipped} ô chỉ đọc` : ""}.`);
      } else if (r.skipped) {
        void message.info("Các ô được dán vào đều chỉ đọc.");
      }
    },
    [message],
  );

  const refresh = () => void qc.invalidateQueries({ queryKey: gridKeys.all });

  const submitRow = async (fields: Omit<AddAgencyRowRequest, "parentRowId">) => {
    if (!assignmentId || !rowModal) return;
    setRowBusy(true);
    try {
      if (rowModal.row) await updateAgencyRow(assignmentId, rowModal.row.id, { ...fields, version: rowModal.row.rowVersion ?? 1 });
      else await addAgencyRow(assignmentId, { ...fields, parentRowId: rowModal.parent!.id });
      void message.success(rowModal.row ? "Đã sửa chỉ tiêu." : "Đã thêm chỉ tiêu của đơn vị.");
      setRowModal(null);
      refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setRowBusy(false);
    }
  };

  const rowActions = (row: GridRowDto) => {
    if (!editable) return null;
    return (
      <Space size={2}>
        {row.canAddChild && (
          <Tooltip title="Thêm chỉ tiêu của đơn vị dưới dòng này">
            <Button size="small" type="link" icon={<PlusOutlined />} onMouseDown={(e) => e.stopPropagation()} onClick={() => setRowModal({ parent: row, row: null })} data-testid="add-row">
              Thêm chỉ tiêu
            </Button>
          </Tooltip>
        )}
        {row.canEditRow && (
          <>
            <Button size="small" type="text" icon={<EditOutlined />} aria-label="Sửa chỉ tiêu" onMouseDown={(e) => e.stopPropagation()} onClick={() => setRowModal({ parent: null, row })} />
            <Popconfirm
              title={`Xóa chỉ tiêu "${row.name}"?`}
              description="Số liệu đã nhập vẫn giữ trong lịch sử."
              okText="Xóa"
              cancelText="Không"
              onConfirm={async () => {
                try {
                  await deleteAgencyRow(assignmentId!, row.id, row.rowVersion ?? 1);
                  refresh();
                } catch (e) {
                  void message.error(errorMessage(e));
                }
              }}
            >
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="Xóa chỉ tiêu" onMouseDown={(e) => e.stopPropagation()} />
            </Popconfirm>
          </>
        )}
      </Space>
    );
  };

  if (query.isLoading) return <Spin />;
  if (!grid) return <ErrorAlert error={query.error} />;

  const canPick = overviewUser && grid.agencies.length > 0;
  const save = SAVE_LABELS[autosave.state];
  const activePending = active ? autosave.overlayOf(cellKey(active.row.id, active.column.key))?.cell : undefined;

  return (
    <div>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to={`/dot-tong-hop/${campaignId}`}>{grid.campaign.name}</Link> }, { title: grid.appendix.title }]}
      />
      <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }}>
        {grid.appendix.title}
        {grid.agency ? ` — ${grid.agency.name}` : " — toàn bộ phụ lục"}
      </Typography.Title>
      {grid.appendix.subtitle && <Typography.Paragraph type="secondary">{grid.appendix.subtitle}</Typography.Paragraph>}
      {grid.assignment && (
        <WorkflowBar
          assignmentId={grid.assignment.id}
          beforeAction={async () => {
            await autosave.flush();
            return autosave.unsaved === 0 || (await new Promise<boolean>((resolve) => Modal.confirm({ title: "Còn số liệu chưa lưu", content: "Vẫn tiếp tục?", okText: "Tiếp tục", cancelText: "Quay lại", onOk: () => resolve(true), onCancel: () => resolve(false) })));
          }}
          onChanged={refresh}
        />
      )}
      {grid.assignment?.stateReason && grid.assignment.state === "returned" && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={`Cơ quan tổng hợp trả lại: ${grid.assignment.stateReason}`} />
      )}
      {grid.assignment && !editable && grid.assignment.readOnlyReason && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={grid.assignment.readOnlyReason} />}
      <div style={{ display: "flex", alignItems: "center", gap: 12, marginBottom: 8, flexWrap: "wrap" }}>
        {canPick && (
          <Select
            style={{ minWidth: 320 }}
            value={grid.agency?.id ?? ""}
            data-testid="agency-picker"
            showSearch={{ optionFilterProp: "label" }}
            options={[{ value: "", label: "Toàn bộ phụ lục" }, ...grid.agencies.map((a) => ({ value: a.id, label: a.name }))]}
            onChange={(v) => setParams(v ? { "don-vi": v } : {})}
          />
        )}
        {editable && (
          <span className="fg-save-state" style={{ color: save.color }} data-testid="save-state" data-state={autosave.state}>
            {save.icon} {save.text}
            {autosave.unsaved > 0 && autosave.state !== "saved" ? ` (${autosave.unsaved} ô)` : ""}
          </span>
        )}
        {autosave.state === "error" && (
          <Space>
            <Typography.Text type="danger">{autosave.error}</Typography.Text>
            <Button size="small" onClick={autosave.retry}>
              Thử lại
            </Button>
            <Popconfirm title="Bỏ các thay đổi chưa lưu?" okText="Bỏ" cancelText="Không" onConfirm={() => {
              autosave.discard();
              refresh();
            }}>
              <Button size="small" danger>
                Bỏ thay đổi
              </Button>
            </Popconfirm>
          </Space>
        )}
        <Typography.Text type="secondary">
          Đã nhập {grid.summary.filledCells}/{grid.summary.inputCells} ô
          {grid.summary.errors ? (
            <Tag color="red" style={{ marginLeft: 8 }}>
              {grid.summary.errors} lỗi
            </Tag>
          ) : null}
          {grid.summary.warnings ? <Tag color="orange">{grid.summary.warnings} cảnh báo</Tag> : null}
          {grid.assignment?.dueDate ? ` · Hạn ${fmtDate(grid.assignment.dueDate)}` : ""}
        </Typography.Text>
        <div style={{ flex: 1 }} />
        {grid.assignment && (
          <Button
            icon={<DownloadOutlined />}
            loading={downloading}
            onClick={async () => {
              setDownloading(true);
              try {
                await downloadWorkbook(grid.assignment!.id, `${grid.appendix.title}.xlsx`);
              } catch (e) {
                void message.error(errorMessage(e));
              } finally {
                setDownloading(false);
              }
            }}
            data-testid="excel-download"
          >
            Tải Excel
          </Button>
        )}
        {editable && (
          <Button
            icon={<CloudUploadOutlined />}
            onClick={async () => {
              await autosave.flush();
              setExcelOpen(true);
            }}
            data-testid="excel-import"
          >
            Nhập từ Excel
          </Button>
        )}
      </div>
      <div style={{ display: "flex", gap: 12, alignItems: "flex-start" }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <IndicatorGrid grid={grid} overlay={overlay} editable={editable} onCommit={onCommit} onActiveChange={setActive} onPasteReport={onPasteReport} rowActions={rowActions} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            Nhập số kiểu Việt Nam (84.199,2). Mũi tên, Tab để di chuyển; Enter hoặc F2 để sửa; gõ để thay; Delete để xóa; dán khối ô từ Excel bằng Ctrl+V. Ô xám do hệ thống tính.
          </Typography.Text>
        </div>
        <div style={{ width: 330, flex: "none" }}>
          <CellPanel
            grid={grid}
            active={active}
            pending={activePending}
            editable={editable}
            onChange={(patch) => {
              if (!active) return;
              const p = toPending(active.row.id, active.column.key, patch);
              if (p) autosave.edit([p]);
            }}
          />
        </div>
      </div>
      <FigureConflictDialog conflicts={autosave.conflicts} onResolve={(choices) => {
        autosave.resolve(choices);
        refresh();
      }} />
      <Modal
        open={!!autosave.official}
        title="Ghi đè số chính thức?"
        okText="Vẫn lưu"
        cancelText="Không ghi các ô này"
        onOk={() => autosave.answerOfficial(true)}
        onCancel={() => autosave.answerOfficial(false)}
      >
        {autosave.official?.message}
      </Modal>
      {assignmentId && (
        <ExcelImportModal
          assignmentId={assignmentId}
          open={excelOpen}
          onClose={() => setExcelOpen(false)}
          onApplied={(n) => {
            void message.success(`Đã áp dụng ${n} ô từ tệp Excel.`);
            refresh();
          }}
        />
      )}
      <AgencyRowModal open={!!rowModal} parent={rowModal?.parent ?? null} row={rowModal?.row ?? null} busy={rowBusy} onCancel={() => setRowModal(null)} onSubmit={(f) => void submitRow(f)} />
    </div>
  );
}
export { FiguresPage as Component };
