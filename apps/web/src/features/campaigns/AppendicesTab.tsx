import { ArrowDownOutlined, ArrowLeftOutlined, ArrowRightOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined, TableOutlined, TeamOutlined } from "@ant-design/icons";
import type { AgencyRefInput, AppendixDto, AppendixRowDto, CampaignDetailDto, RecordRowDto } from "@tonghop/contracts";
import { AGGREGATION_LABELS } from "@tonghop/domain";
import { Button, Checkbox, Dropdown, Form, Input, InputNumber, Modal, Popconfirm, Radio, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert";
import { AgencyRefSelect, AgencyTags, toRefInputs } from "./AgencyRefSelect";
import { AppendixHeader } from "./AppendixHeader";
import { useCampaignEdit, useCatalogue } from "./campaigns.api";
import { ColumnsModal } from "./ColumnsModal";
import { TargetInput, targetError } from "./TargetInput";

const aggregationOptions = Object.entries(AGGREGATION_LABELS).map(([value, label]) => ({ value, label }));
const directionOptions = [
  { value: "higher", label: "Càng cao càng tốt" },
  { value: "lower", label: "Càng thấp càng tốt" },
];

type RowEditing = { mode: "edit"; row: AppendixRowDto } | { mode: "add"; parentId: string | null; afterId?: string | null; where: string };

interface RowForm {
  tt?: string;
  name: string;
  indicatorMode: "none" | "existing" | "new";
  indicatorId?: string;
  newCode?: string;
  newName?: string;
  newUnit?: string;
  newDirection?: "higher" | "lower";
  newAggregation?: string;
  newDecimals?: number;
  unit?: string;
  target?: string;
  aggregation?: string | null;
  direction?: string | null;
  decimals?: number | null;
  lead?: AgencyRefInput[];
  openForAgencies?: boolean;
  emphasis?: string | null;
  note?: string;
}

function IndicatorPicker(props: { id?: string; value?: string; onChange?: (v: string) => void }) {
  const [q, setQ] = useState("");
  const catalogue = useCatalogue(q, false);
  return (
    <Select
      id={props.id}
      showSearch
      value={props.value}
      onChange={props.onChange}
      filterOption={false}
      onSearch={setQ}
      loading={catalogue.isLoading}
      placeholder="Tìm mã hoặc tên chỉ tiêu (không cần dấu)"
      options={(catalogue.data ?? []).slice(0, 100).map((i) => ({ value: i.id, label: `${i.code} — ${i.name} (${i.unit})` }))}
      style={{ width: "100%" }}
      aria-label="Chỉ tiêu trong danh mục"
    />
  );
}

function RowModal({ campaign, appendix, editing, onClose }: { campaign: CampaignDetailDto; appendix: AppendixDto; editing: RowEditing; onClose: () => void }) {
  const [form] = Form.useForm<RowForm>();
  const edit = useCampaignEdit(campaign.id);
  const mode = Form.useWatch("indicatorMode", form);
  const open = Form.useWatch("openForAgencies", form);
  const row = editing.mode === "edit" ? editing.row : null;
  const hasTargetColumn = appendix.columns.columns.some((c) => c.kind === "target");
  const submit = (v: RowForm) => {
    const indicator =
      v.indicatorMode === "new"
        ? { newIndicator: { code: v.newCode!, name: v.newName!, unit: v.newUnit!, direction: v.newDirection!, aggregation: v.newAggregation!, decimals: v.newDecimals ?? 0 } }
        : { indicatorId: v.indicatorMode === "existing" ? v.indicatorId! : null };
    const body = {
      version: campaign.version,
      tt: v.tt?.trim() ? v.tt.trim() : null,
      name: v.name,
      ...indicator,
      unit: v.unit?.trim() ? v.unit.trim() : null,
      target: v.target?.trim() ? v.target.trim() : null,
      aggregation: v.indicatorMode === "none" ? null : (v.aggregation ?? null),
      direction: v.indicatorMode === "none" ? null : (v.direction ?? null),
      decimals: v.indicatorMode === "none" ? null : (v.decimals ?? null),
      lead: v.lead ?? [],
      openForAgencies: v.openForAgencies ?? false,
      emphasis: v.emphasis ?? null,
      note: v.note?.trim() ? v.note.trim() : null,
    };
    const base = `/appendices/${appendix.id}/rows`;
    edit.mutate(
      row
        ? { method: "PATCH", path: `${base}/${row.id}`, body, done: "Đã lưu dòng." }
        : { method: "POST", path: base, body: { ...body, parentId: editing.mode === "add" ? editing.parentId : null, ...(editing.mode === "add" && editing.afterId !== undefined ? { afterId: editing.afterId } : {}) }, done: "Đã thêm dòng." },
      { onSuccess: onClose },
    );
  };
  return (
    <Modal
      open
      width={820}
      title={row ? `Sửa dòng "${row.name}"` : `Thêm dòng ${editing.mode === "add" ? editing.where : ""}`}
      okText="Lưu"
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: edit.isPending }}
      destroyOnHidden
    >
      <ErrorAlert error={edit.error} />
      <Form<RowForm>
        form={form}
        layout="vertical"
        initialValues={
          row
            ? {
                tt: row.tt ?? "",
                name: row.name,
                indicatorMode: row.indicatorId ? "existing" : "none",
                indicatorId: row.indicatorId ?? undefined,
                unit: row.unit ?? "",
                target: row.target ?? "",
                aggregation: row.aggregation,
                direction: row.direction,
                decimals: row.decimals,
                lead: toRefInputs(row.lead),
                openForAgencies: row.openForAgencies,
                emphasis: row.emphasis,
                note: row.note ?? "",
              }
            : { indicatorMode: "existing", lead: [], newDirection: "higher", newAggregation: "last", newDecimals: 1 }
        }
        onFinish={submit}
      >
        <Space align="start" style={{ width: "100%" }}>
          <Form.Item name="tt" label="TT" style={{ width: 90 }}>
            <Input />
          </Form.Item>
          <Form.Item name="name" label="Tên dòng (đúng như bảng)" rules={[{ required: true, whitespace: true, message: "Hãy nhập tên dòng" }]} style={{ width: 560 }}>
            <Input />
          </Form.Item>
          <Form.Item name="unit" label="ĐVT" style={{ width: 120 }}>
            <Input />
          </Form.Item>
        </Space>
        <Form.Item name="indicatorMode" label="Chỉ tiêu">
          <Radio.Group
            options={[
              { value: "existing", label: "Chỉ tiêu trong danh mục" },
              { value: "new", label: "Thêm chỉ tiêu mới" },
              { value: "none", label: "Dòng tiêu đề nhóm (không số liệu)" },
            ]}
          />
        </Form.Item>
        {mode === "existing" && (
          <Form.Item name="indicatorId" rules={[{ required: true, message: "Chọn chỉ tiêu" }]}>
            <IndicatorPicker />
          </Form.Item>
        )}
        {mode === "new" && (
          <Space wrap align="start">
            <Form.Item name="newCode" label="Mã" rules={[{ required: true, pattern: /^[A-Z][A-Z0-9_]*$/, message: "Chữ hoa không dấu, số, gạch dưới" }]} style={{ width: 220 }}>
              <Input placeholder="SAN_LUONG_CANG" />
            </Form.Item>
            <Form.Item name="newName" label="Tên trong danh mục" rules={[{ required: true, message: "Hãy nhập tên" }]} style={{ width: 300 }}>
              <Input />
            </Form.Item>
            <Form.Item name="newUnit" label="Đơn vị" rules={[{ required: true, message: "Hãy nhập đơn vị" }]} style={{ width: 120 }}>
              <Input />
            </Form.Item>
            <Form.Item name="newDirection" label="Chiều tốt" style={{ width: 180 }}>
              <Select options={directionOptions} />
            </Form.Item>
            <Form.Item name="newAggregation" label="Cách tính cả kỳ" style={{ width: 300 }}>
              <Select options={aggregationOptions} />
            </Form.Item>
            <Form.Item name="newDecimals" label="Số lẻ" style={{ width: 90 }}>
              <InputNumber min={0} max={6} />
            </Form.Item>
          </Space>
        )}
        {hasTargetColumn && mode !== "none" && (
          <Form.Item
            name="target"
            label="Mục tiêu (đúng như bảng)"
            rules={[{ validator: (_, v: string | undefined) => (targetError(v) ? Promise.reject(new Error(targetError(v)!)) : Promise.resolve()) }]}
          >
            <TargetInput />
          </Form.Item>
        )}
        {mode !== "none" && (
          <Space wrap>
            <Form.Item name="aggregation" label="Cách tính cả kỳ (ghi đè danh mục)" style={{ width: 320 }}>
              <Select allowClear options={aggregationOptions} placeholder="theo danh mục" />
            </Form.Item>
            <Form.Item name="direction" label="Chiều tốt (ghi đè)" style={{ width: 200 }}>
              <Select allowClear options={directionOptions} placeholder="theo danh mục" />
            </Form.Item>
            <Form.Item name="decimals" label="Số lẻ" style={{ width: 90 }}>
              <InputNumber min={0} max={6} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="lead" label="Cơ quan chủ trì, theo dõi, báo cáo" extra="Để trống: theo dòng cha.">
          <AgencyRefSelect asOf={campaign.referenceDate} aria-label="Cơ quan báo cáo" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="openForAgencies" valuePropName="checked">
            <Checkbox disabled={mode !== "none"}>Dòng mở: các cơ quan tự thêm chỉ tiêu bên dưới</Checkbox>
          </Form.Item>
          <Form.Item name="emphasis" label="Kiểu chữ">
            <Radio.Group
              optionType="button"
              options={[
                { value: null, label: "Thường" },
                { value: "bold", label: "Đậm" },
                { value: "italic", label: "Nghiêng" },
              ]}
            />
          </Form.Item>
        </Space>
        {open && mode !== "none" && <Typography.Text type="warning">Dòng mở không gắn chỉ tiêu: chọn "Dòng tiêu đề nhóm".</Typography.Text>}
        <Form.Item name="note" label="Ghi chú">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function IndicatorAppendix({ campaign, appendix }: { campaign: CampaignDetailDto; appendix: AppendixDto }) {
  const canEdit = campaign.permissions.canEdit;
  const edit = useCampaignEdit(campaign.id);
  const [editing, setEditing] = useState<RowEditing | null>(null);
  const [columns, setColumns] = useState(false);
  const hasTarget = appendix.columns.columns.some((c) => c.kind === "target");
  const move = (r: AppendixRowDto, action: "up" | "down" | "indent" | "outdent") =>
    edit.mutate({ method: "POST", path: `/appendices/${appendix.id}/rows/${r.id}/move`, body: { version: campaign.version, action } });
  return (
    <>
      <AppendixHeader appendix={appendix} />
      {canEdit && (
        <Space style={{ marginBottom: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => setEditing({ mode: "add", parentId: null, where: "ở cấp cao nhất" })}>
            Thêm dòng
          </Button>
          <Button icon={<TableOutlined />} onClick={() => setColumns(true)}>
            Sửa cột
          </Button>
        </Space>
      )}
      <Table<AppendixRowDto>
        size="small"
        rowKey="id"
        dataSource={appendix.rows.filter((r) => !r.addedByAgencyId)}
        tableLayout="fixed"
        loading={edit.isPending}
        pagination={{ pageSize: 100, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          { title: "TT", dataIndex: "tt", width: 56 },
          {
            title: "Chỉ tiêu",
            key: "name",
            render: (_, r) => (
              <div style={{ paddingLeft: (r.depth - 1) * 16 }}>
                <Typography.Text strong={r.emphasis === "bold"} italic={r.emphasis === "italic"}>
                  {r.name}
                </Typography.Text>
                {r.indicatorCode && (
                  <Typography.Text type="secondary" code style={{ marginLeft: 6, fontSize: 11 }}>
                    {r.indicatorCode}
                  </Typography.Text>
                )}
                {r.openForAgencies && <Tag color="cyan" style={{ marginLeft: 6 }}>dòng mở</Tag>}
              </div>
            ),
          },
          { title: "ĐVT", dataIndex: "unit", width: 90 },
          ...(hasTarget ? [{ title: "Mục tiêu", dataIndex: "target", width: 120 }] : []),
          {
            title: "Cách tính",
            dataIndex: "aggregation",
            width: 110,
            render: (a: string | null) => (a ? <Tooltip title={AGGREGATION_LABELS[a as keyof typeof AGGREGATION_LABELS]}>{a}</Tooltip> : ""),
          },
          {
            title: "Cơ quan báo cáo",
            key: "lead",
            width: 260,
            render: (_, r) => (r.lead.length ? <AgencyTags refs={r.lead} /> : <AgencyTags refs={r.effectiveLead} inherited />),
          },
          ...(canEdit
            ? [
                {
                  title: "",
                  key: "actions",
                  width: 190,
                  render: (_: unknown, r: AppendixRowDto) => (
                    <Space size={2}>
                      <Button size="small" type="text" icon={<EditOutlined />} aria-label={`Sửa dòng ${r.name}`} onClick={() => setEditing({ mode: "edit", row: r })} />
                      <Dropdown
                        menu={{
                          items: [
                            { key: "child", label: "Thêm dòng con", disabled: r.openForAgencies, onClick: () => setEditing({ mode: "add", parentId: r.id, where: `dưới "${r.name}"` }) },
                            { key: "after", label: "Thêm dòng ngay sau", onClick: () => setEditing({ mode: "add", parentId: r.parentId, afterId: r.id, where: `sau "${r.name}"` }) },
                          ],
                        }}
                      >
                        <Button size="small" type="text" icon={<PlusOutlined />} aria-label="Thêm dòng" />
                      </Dropdown>
                      <Button size="small" type="text" icon={<ArrowUpOutlined />} onClick={() => move(r, "up")} aria-label="Chuyển lên" />
                      <Button size="small" type="text" icon={<ArrowDownOutlined />} onClick={() => move(r, "down")} aria-label="Chuyển xuống" />
                      <Button size="small" type="text" icon={<ArrowLeftOutlined />} onClick={() => move(r, "outdent")} aria-label="Đưa ra" />
                      <Button size="small" type="text" icon={<ArrowRightOutlined />} onClick={() => move(r, "indent")} aria-label="Lùi vào" />
                      <Popconfirm
                        title={`Xóa dòng "${r.name}" và các dòng con?`}
                        okText="Xóa"
                        okButtonProps={{ danger: true }}
                        cancelText="Hủy"
                        onConfirm={() => edit.mutate({ method: "DELETE", path: `/appendices/${appendix.id}/rows/${r.id}?version=${campaign.version}`, done: "Đã xóa dòng." })}
                      >
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="Xóa dòng" />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <RowModal campaign={campaign} appendix={appendix} editing={editing} onClose={() => setEditing(null)} />}
      {columns && <ColumnsModal campaign={campaign} appendix={appendix} onClose={() => setColumns(false)} />}
    </>
  );
}

type RecordColumn = { key: string; title: string; type: string; options?: string[]; prefilled?: boolean; required?: boolean };

function RecordRowModal({ campaign, appendix, row, onClose }: { campaign: CampaignDetailDto; appendix: AppendixDto; row: RecordRowDto | null; onClose: () => void }) {
  const [form] = Form.useForm<{ agency: AgencyRefInput[]; values: Record<string, string | number | null> }>();
  const edit = useCampaignEdit(campaign.id);
  const cols = (appendix.config.columns as RecordColumn[] | undefined) ?? [];
  return (
    <Modal
      open
      width={720}
      title={row ? "Sửa dòng điền sẵn" : "Thêm dòng điền sẵn"}
      okText="Lưu"
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: edit.isPending }}
      destroyOnHidden
    >
      <ErrorAlert error={edit.error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ agency: row ? [{ kind: "agency", id: row.agencyId }] : [], values: row?.values ?? {} }}
        onFinish={(v) => {
          const values = Object.fromEntries(Object.entries(v.values ?? {}).filter(([, x]) => x !== undefined && x !== null && x !== ""));
          const body = { version: campaign.version, agencyId: v.agency[0]!.id, values };
          const base = `/appendices/${appendix.id}/records`;
          edit.mutate(row ? { method: "PATCH", path: `${base}/${row.id}`, body, done: "Đã lưu dòng." } : { method: "POST", path: base, body, done: "Đã thêm dòng." }, { onSuccess: onClose });
        }}
      >
        {cols.map((c) => (
          <Form.Item key={c.key} name={["values", c.key]} label={c.title}>
            {c.type === "number" ? (
              <InputNumber style={{ width: 200 }} decimalSeparator="," />
            ) : c.type === "choice" ? (
              <Select allowClear options={(c.options ?? []).map((o) => ({ value: o, label: o }))} />
            ) : c.type === "long-text" ? (
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            ) : (
              <Input placeholder={c.type === "date" ? "YYYY-MM-DD" : undefined} />
            )}
          </Form.Item>
        ))}
        <Form.Item name="agency" label="Cơ quan báo cáo" rules={[{ required: true, type: "array", min: 1, message: "Chọn cơ quan báo cáo" }]}>
          <AgencyRefSelect asOf={campaign.referenceDate} single agenciesOnly aria-label="Cơ quan báo cáo dòng" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RecordsAppendix({ campaign, appendix }: { campaign: CampaignDetailDto; appendix: AppendixDto }) {
  const canEdit = campaign.permissions.canEdit;
  const edit = useCampaignEdit(campaign.id);
  const [editing, setEditing] = useState<RecordRowDto | null | "new">(null);
  const [reporters, setReporters] = useState<AgencyRefInput[] | null>(null);
  const cols = (appendix.config.columns as RecordColumn[] | undefined) ?? [];
  return (
    <>
      <AppendixHeader appendix={appendix} />
      <Space direction="vertical" style={{ marginBottom: 12, width: "100%" }}>
        <div>
          <Typography.Text type="secondary">Cơ quan được thêm dòng: </Typography.Text>
          {appendix.reporters.length ? <AgencyTags refs={appendix.reporters} /> : <Typography.Text type="secondary">không ai (danh sách đóng)</Typography.Text>}
        </div>
        {canEdit && (
          <Space>
            <Button icon={<PlusOutlined />} onClick={() => setEditing("new")}>
              Thêm dòng điền sẵn
            </Button>
            <Button icon={<TeamOutlined />} onClick={() => setReporters(toRefInputs(appendix.reporters))}>
              Sửa cơ quan được thêm dòng
            </Button>
          </Space>
        )}
      </Space>
      <Table<RecordRowDto>
        size="small"
        rowKey="id"
        dataSource={appendix.records.filter((r) => r.prefilled)}
        pagination={false}
        locale={{ emptyText: "Không có dòng điền sẵn: các cơ quan tự thêm dòng khi báo cáo." }}
        columns={[
          { title: "TT", key: "tt", width: 50, render: (_, __, i) => i + 1 },
          ...cols.filter((c) => c.prefilled || appendix.records.some((r) => r.values[c.key] != null)).map((c) => ({ title: c.title, key: c.key, render: (_: unknown, r: RecordRowDto) => String(r.values[c.key] ?? "") })),
          { title: "Cơ quan báo cáo", dataIndex: "agencyName", width: 260 },
          ...(canEdit
            ? [
                {
                  title: "",
                  key: "actions",
                  width: 80,
                  render: (_: unknown, r: RecordRowDto) => (
                    <Space size={2}>
                      <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setEditing(r)} aria-label="Sửa dòng" />
                      <Popconfirm
                        title="Xóa dòng này?"
                        okText="Xóa"
                        okButtonProps={{ danger: true }}
                        cancelText="Hủy"
                        onConfirm={() => edit.mutate({ method: "DELETE", path: `/appendices/${appendix.id}/records/${r.id}?version=${campaign.version}`, done: "Đã xóa dòng." })}
                      >
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="Xóa dòng" />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <RecordRowModal campaign={campaign} appendix={appendix} row={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
      {reporters && (
        <Modal
          open
          title="Cơ quan được thêm dòng"
          okText="Lưu"
          cancelText="Hủy"
          onCancel={() => setReporters(null)}
          okButtonProps={{ loading: edit.isPending }}
          onOk={() =>
            edit.mutate(
              { method: "PATCH", path: `/appendices/${appendix.id}`, body: { version: campaign.version, reporters }, done: "Đã lưu." },
              { onSuccess: () => setReporters(null) },
            )
          }
        >
          <AgencyRefSelect asOf={campaign.referenceDate} value={reporters} onChange={setReporters} aria-label="Cơ quan được thêm dòng" />
        </Modal>
      )}
    </>
  );
}

/** Phụ lục: each appendix with its header, rows (indicator tables) or pre-filled rows (lists). */
export function AppendicesTab({ campaign }: { campaign: CampaignDetailDto }) {
  if (!campaign.appendices.length) return <Typography.Text type="secondary">Đợt không có phụ lục.</Typography.Text>;
  return (
    <Tabs
      tabPosition="top"
      type="card"
      items={campaign.appendices.map((a) => ({
        key: a.id,
        label: `${a.title} (${a.kind === "indicators" ? `${a.rows.length} dòng` : `${a.records.length} dòng`})`,
        children: (
          <div>
            {a.subtitle && (
              <Typography.Title level={5} style={{ textAlign: "center" }}>
                {a.subtitle}
              </Typography.Title>
            )}
            {a.kind === "indicators" ? <IndicatorAppendix campaign={campaign} appendix={a} /> : <RecordsAppendix campaign={campaign} appendix={a} />}
          </div>
        ),
      }))}
    />
  );
}
