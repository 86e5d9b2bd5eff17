import type { AppendixDto, CampaignDetailDto, TemplateColumn } from "@tonghop/contracts";
import { Input, InputNumber, Modal, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useCampaignEdit } from "./campaigns.api";

const KIND_LABELS: Record<TemplateColumn["kind"], string> = {
  group: "Nhóm cột",
  value: "Số liệu",
  target: "Mục tiêu",
  evaluation: "Đánh giá",
  proposal: "Đề xuất",
  note: "Ghi chú",
};

type Col = Record<string, unknown> & { kind: TemplateColumn["kind"] };

function ColumnNode({ col, onChange, depth }: { col: Col; onChange: (c: Col) => void; depth: number }) {
  const set = (patch: Record<string, unknown>) => onChange({ ...col, ...patch });
  const years = col.years as { from: number; to: number } | undefined;
  const areas = col.areas as { period: string; codes: string[] } | undefined;
  const children = col.children as Col[] | undefined;
  return (
    <div style={{ marginLeft: depth * 20, borderLeft: depth ? "2px solid #f0f0f0" : undefined, paddingLeft: 8, marginBottom: 6 }}>
      <Space wrap>
        <Tag>{KIND_LABELS[col.kind]}</Tag>
        <Input
          size="small"
          style={{ width: 300 }}
          value={(col.title as string | undefined) ?? ""}
          placeholder={col.kind === "value" ? "(mặc định: kỳ)" : "Tiêu đề cột"}
          onChange={(e) => set({ title: e.target.value || undefined })}
          aria-label="Tiêu đề cột"
        />
        {"period" in col && (
          <Input size="small" style={{ width: 120 }} value={col.period as string} onChange={(e) => set({ period: e.target.value.trim() })} addonBefore="Kỳ" aria-label="Kỳ" />
        )}
        {years && (
          <>
            <InputNumber size="small" value={years.from} min={1900} max={2200} onChange={(v) => set({ years: { ...years, from: v ?? years.from } })} addonBefore="Từ năm" />
            <InputNumber size="small" value={years.to} min={1900} max={2200} onChange={(v) => set({ years: { ...years, to: v ?? years.to } })} addonBefore="đến" />
          </>
        )}
        {areas && (
          <>
            <Input size="small" style={{ width: 130 }} value={areas.period} onChange={(e) => set({ areas: { ...areas, period: e.target.value.trim() } })} addonBefore="Kỳ" />
            <Typography.Text type="secondary">Địa bàn: {areas.codes.join(", ")}</Typography.Text>
          </>
        )}
      </Space>
      {children?.map((c, i) => (
        <ColumnNode key={i} col={c} depth={depth + 1} onChange={(n) => set({ children: children.map((x, j) => (j === i ? n : x)) })} />
      ))}
    </div>
  );
}

/** Edit the titles and periods of an indicator appendix's column tree (the header is rebuilt from it). */
export function ColumnsModal({ campaign, appendix, onClose }: { campaign: CampaignDetailDto; appendix: AppendixDto; onClose: () => void }) {
  const [cols, setCols] = useState<Col[]>(() => structuredClone(appendix.config.columns as Col[]));
  const edit = useCampaignEdit(campaign.id);
  return (
    <Modal
      open
      width={900}
      title={`Cột của ${appendix.title}`}
      okText="Lưu"
      cancelText="Hủy"
      onCancel={onClose}
      okButtonProps={{ loading: edit.isPending }}
      onOk={() =>
        edit.mutate(
          { method: "PATCH", path: `/appendices/${appendix.id}`, body: { version: campaign.version, columns: cols }, done: "Đã lưu cột." },
          { onSuccess: onClose },
        )
      }
      destroyOnHidden
    >
      <ErrorAlert error={edit.error} />
      <Typography.Paragraph type="secondary">
        Kỳ là một năm (2023) hoặc một giai đoạn (2019-2023). Cột giai đoạn tự tính khi bảng có đủ cột các năm của giai đoạn.
      </Typography.Paragraph>
      {cols.map((c, i) => (
        <ColumnNode key={i} col={c} depth={0} onChange={(n) => setCols(cols.map((x, j) => (j === i ? n : x)))} />
      ))}
    </Modal>
  );
}
