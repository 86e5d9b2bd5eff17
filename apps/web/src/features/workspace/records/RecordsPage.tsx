import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import type { RecordColumnDto, RecordListRowDto } from "@tonghop/contracts";
import { formatVnNumber } from "@tonghop/domain";
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Breadcrumb, Button, Popconfirm, Select, Space, Spin, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { ApiError } from "../../../api/client";
import { useSession } from "../../../api/session";
import { errorMessage, ErrorAlert } from "../../../components/ErrorAlert";
import { fmtDateTime } from "../../../lib/format";
import { WorkflowBar } from "../workflow/WorkflowBar";
import { formValue, RecordRowModal } from "./RecordRowModal";
import { addRecord, deleteRecord, moveRecord, recordKeys, updateRecord, useRecordList, type RecordValues } from "./records.api";

function show(col: RecordColumnDto, v: string | number | null | undefined) {
  if (v === null || v === undefined || v === "") return <Typography.Text type="secondary">—</Typography.Text>;
  if (col.type === "number" && typeof v === "number") return formatVnNumber(v);
  if (col.type === "long-text") return <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: "pre-wrap" }} ellipsis={{ rows: 4, expandable: true, symbol: "xem thêm" }}>{String(v)}</Typography.Paragraph>;
  return formValue(col, v);
}

/**
 * "/dot/:campaignId/danh-sach/:appendixId": the agency's rows of a record list (documents issued, key projects):
 * add, edit, delete, reorder; pre-filled columns read-only. Coordinators and viewers read any agency's rows.
 */
export function RecordsPage() {
  const { campaignId = "", appendixId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const agencyParam = params.get("don-vi");
  const { message } = App.useApp();
  const { hasRole } = useSession();
  const qc = useQueryClient();
  const list = useRecordList(appendixId, agencyParam);
  const [modal, setModal] = useState<{ row: RecordListRowDto | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: recordKeys.all });

  if (list.isLoading) return <Spin />;
  const data = list.data;
  if (!data) return <ErrorAlert error={list.error} />;
  const assignmentId = data.assignment?.id ?? null;
  const editable = !!data.assignment?.editable;

  const run = async (fn: () => Promise<unknown>, ok?: string) => {
    try {
      await fn();
      if (ok) void message.success(ok);
      refresh();
      return true;
    } catch (e) {
      void message.error(errorMessage(e));
      if (e instanceof ApiError && e.code === "VERSION_CONFLICT") refresh();
      return false;
    }
  };

  const submit = async (values: RecordValues) => {
    if (!assignmentId || !modal) return;
    setBusy(true);
    setServerError(null);
    try {
      if (modal.row) await updateRecord(assignmentId, modal.row.id, values, modal.row.version);
      else await addRecord(assignmentId, values);
      void message.success(modal.row ? "Đã lưu dòng." : "Đã thêm dòng.");
      setModal(null);
      refresh();
    } catch (e) {
      setServerError(errorMessage(e));
      if (e instanceof ApiError && e.code === "VERSION_CONFLICT") refresh();
    } finally {
      setBusy(false);
    }
  };

  const mine = data.rows;
  return (
    <div>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to={`/dot-tong-hop/${campaignId}`}>{data.campaign.name}</Link> }, { title: data.appendix.title }]} />
      <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }}>
        {data.appendix.title}
        {data.agency ? ` — ${data.agency.name}` : " — toàn bộ danh sách"}
      </Typography.Title>
      {data.appendix.subtitle && <Typography.Paragraph type="secondary">{data.appendix.subtitle}</Typography.Paragraph>}
      {data.assignment && <WorkflowBar assignmentId={data.assignment.id} onChanged={refresh} />}
      {data.assignment?.stateReason && data.assignment.state === "returned" && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={`Cơ quan tổng hợp trả lại: ${data.assignment.stateReason}`} />}
      {data.assignment && !editable && data.assignment.readOnlyReason && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={data.assignment.readOnlyReason} />}
      <Space style={{ marginBottom: 8 }} wrap>
        {hasRole("coordinator", "coordinator_leader", "viewer") && data.agencies.length > 0 && (
          <Select
            style={{ minWidth: 320 }}
            value={data.agency?.id ?? ""}
            showSearch={{ optionFilterProp: "label" }}
            options={[{ value: "", label: "Toàn bộ danh sách" }, ...data.agencies.map((a) => ({ value: a.id, label: a.name }))]}
            onChange={(v) => setParams(v ? { "don-vi": v } : {})}
          />
        )}
        {data.canAdd && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => { setServerError(null); setModal({ row: null }); }} data-testid="record-add">
            Thêm dòng
          </Button>
        )}
        <Typography.Text type="secondary">{mine.length} dòng</Typography.Text>
      </Space>
      <Table<RecordListRowDto>
        size="small"
        rowKey="id"
        dataSource={mine}
        pagination={mine.length > 100 ? { pageSize: 100 } : false}
        data-testid="record-table"
        columns={[
          { title: data.appendix.rowNumberTitle ?? "TT", key: "tt", width: 56, align: "center", render: (_, __, i) => i + 1 },
          ...data.columns.map((c) => ({
            title: c.title,
            key: c.key,
            width: c.type === "long-text" ? undefined : c.type === "date" ? 120 : 220,
            render: (_: unknown, r: RecordListRowDto) => (
              <span style={r.prefilled && c.prefilled ? { color: "#555" } : undefined}>{show(c, r.values[c.key])}</span>
            ),
          })),
          ...(data.agency ? [] : [{ title: data.appendix.agencyTitle ?? "Cơ quan báo cáo", key: "agency", width: 200, render: (_: unknown, r: RecordListRowDto) => r.agencyName }]),
          {
            title: "",
            key: "actions",
            width: 190,
            render: (_, r, i) => (
              <Space size={2}>
                {r.missing.length > 0 && (
                  <Tooltip title={`Còn thiếu: ${r.missing.join(", ")}`}>
                    <Tag color="orange">Thiếu {r.missing.length}</Tag>
                  </Tooltip>
                )}
                {r.canEdit && (
                  <>
                    <Button size="small" type="text" icon={<EditOutlined />} aria-label="Sửa" onClick={() => { setServerError(null); setModal({ row: r }); }} data-testid="record-edit" />
                    <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label="Lên" disabled={i === 0} onClick={() => void run(() => moveRecord(assignmentId!, r.id, "up", r.version))} />
                    <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label="Xuống" disabled={i === mine.length - 1} onClick={() => void run(() => moveRecord(assignmentId!, r.id, "down", r.version))} />
                  </>
                )}
                {r.canDelete && (
                  <Popconfirm title="Xóa dòng này?" okText="Xóa" cancelText="Không" onConfirm={() => void run(() => deleteRecord(assignmentId!, r.id, r.version), "Đã xóa dòng.")}>
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="Xóa" />
                  </Popconfirm>
                )}
                {!r.canEdit && r.updatedByName && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.updatedByName}, {fmtDateTime(r.updatedAt)}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
        ]}
      />
      <RecordRowModal open={!!modal} columns={data.columns} row={modal?.row ?? null} busy={busy} serverError={serverError} onCancel={() => setModal(null)} onSubmit={(v) => void submit(v)} />
    </div>
  );
}
export { RecordsPage as Component };
