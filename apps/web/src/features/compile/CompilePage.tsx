import { CheckCircleTwoTone, CloseCircleTwoTone, DiffOutlined, FileExcelOutlined, FilePdfOutlined, FileWordOutlined, FileTextOutlined } from "@ant-design/icons";
import type { CompileDraftDto, CompileDraftSummaryDto, CompileRequest } from "@tonghop/contracts";
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Form, Input, InputNumber, List, Modal, Progress, Radio, Select, Space, Spin, Table, Tag, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { errorMessage, ErrorAlert } from "../../components/ErrorAlert";
import { fmtDateTime, fmtNumber, todayVn } from "../../lib/format";
import { fileUrl, useCompile, useCompileCampaigns, useCompileOptions, useDiff, useDraft, useDrafts } from "./compile.api";

const { Title, Text, Paragraph } = Typography;

/** "64 / 70 trang" with a bar that turns red over the limit. */
export function PageBudget({ draft }: { draft: Pick<CompileDraftDto, "pageStats" | "pageLimit"> }) {
  const s = draft.pageStats;
  if (s.bodyPages === null) return <Text type="secondary">Chưa đếm được số trang (chưa có PDF).</Text>;
  const limit = s.limit ?? draft.pageLimit;
  const percent = limit ? Math.min(100, Math.round((s.bodyPages / limit) * 100)) : 100;
  return (
    <div data-testid="page-budget">
      <Space align="baseline" wrap>
        <Text strong style={{ fontSize: 18 }}>
          {s.bodyPages} {limit ? `/ ${limit}` : ""} trang
        </Text>
        <Text type="secondary">phần báo cáo (không tính phụ lục){s.estimated ? ", ước tính theo số từ" : ""}</Text>
        {s.totalPages !== null && <Text type="secondary">· cả phụ lục {s.totalPages} trang</Text>}
        {s.overLimit ? <Tag color="red">Vượt giới hạn {s.bodyPages - (limit ?? 0)} trang</Tag> : limit ? <Tag color="green">Trong giới hạn</Tag> : null}
      </Space>
      {limit ? <Progress percent={percent} status={s.overLimit ? "exception" : "normal"} showInfo={false} /> : null}
    </div>
  );
}

function DraftDetail({ campaignId, draftId, onClose }: { campaignId: string; draftId: string | null; onClose: () => void }) {
  const { data, isLoading, error } = useDraft(campaignId, draftId);
  return (
    <Drawer open={!!draftId} onClose={onClose} size="large" title={data?.label ?? "Chi tiết bản đã lập"} destroyOnHidden>
      <ErrorAlert error={error} />
      {isLoading || !data ? (
        <Spin />
      ) : (
        <Space direction="vertical" size="large" style={{ width: "100%" }}>
          <Downloads campaignId={campaignId} draft={data} />
          <Card size="small" title="Số trang trước khi gửi">
            <PageBudget draft={data} />
            <Title level={5} style={{ marginTop: 16 }}>
              Các mục dài nhất
            </Title>
            <Table
              size="small"
              rowKey="itemId"
              pagination={false}
              dataSource={data.pageStats.longest}
              columns={[
                { title: "Mục", dataIndex: "path", width: 140 },
                { title: "Nội dung", dataIndex: "title", ellipsis: true },
                { title: "Số từ", dataIndex: "words", align: "right", render: (v: number) => fmtNumber(v) },
                { title: "Số trang (ước)", dataIndex: "pages", align: "right", render: (v: number) => fmtNumber(v, 1) },
                { title: "Từ trang", dataIndex: "startPage", align: "right", render: (v: number | null) => v ?? "" },
              ]}
            />
          </Card>
          <Card size="small" title={`Kiểm tra thể thức (Nghị định 30/2020): ${data.checksPassed}/${data.checksTotal} quy tắc đạt`}>
            <List
              size="small"
              dataSource={data.checks}
              renderItem={(c) => (
                <List.Item data-testid={`check-${c.rule}`}>
                  <Space align="start">
                    {c.ok ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />}
                    <div>
                      <Text strong>{c.label}</Text>
                      <div>
                        <Text type="secondary">Đo được: {c.measured}</Text>
                        {!c.ok && <Text type="danger"> — yêu cầu: {c.expected}</Text>}
                      </div>
                    </div>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          {data.missing.length > 0 && (
            <Card size="small" title={`Chưa tiếp nhận (${data.missing.length})`}>
              <List size="small" dataSource={data.missing.slice(0, 200)} renderItem={(m) => <List.Item>{`${m.where} — ${m.agencyName}: ${m.stateLabel}`}</List.Item>} />
            </Card>
          )}
          {data.warnings.length > 0 && <Alert type="warning" showIcon title="Lưu ý" description={<ul>{data.warnings.map((w) => <li key={w}>{w}</li>)}</ul>} />}
          {data.pdfError && <Alert type="warning" showIcon title="Chưa có bản PDF" description={data.pdfError} />}
        </Space>
      )}
    </Drawer>
  );
}

function Downloads({ campaignId, draft }: { campaignId: string; draft: CompileDraftSummaryDto }) {
  return (
    <Space wrap>
      <Button icon={<FileWordOutlined />} href={fileUrl(campaignId, draft.id, "docx")} data-testid="download-docx">
        Word
      </Button>
      <Button icon={<FileExcelOutlined />} href={fileUrl(campaignId, draft.id, "xlsx")} data-testid="download-xlsx">
        Excel phụ lục
      </Button>
      <Button icon={<FilePdfOutlined />} href={draft.hasPdf ? fileUrl(campaignId, draft.id, "pdf") : undefined} disabled={!draft.hasPdf} data-testid="download-pdf">
        PDF
      </Button>
    </Space>
  );
}

function DiffModal({ campaignId, pair, onClose }: { campaignId: string; pair: [string, string] | null; onClose: () => void }) {
  const { data, isLoading, error } = useDiff(campaignId, pair);
  return (
    <Modal open={!!pair} onCancel={onClose} footer={null} width={960} title={data ? `So sánh: ${data.from.label} → ${data.to.label}` : "So sánh hai bản"} destroyOnHidden>
      <ErrorAlert error={error} />
      {isLoading || !data ? (
        <Spin />
      ) : (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Text type="secondary">
            {data.sections.length} mục thay đổi, {data.unchangedSections} mục giữ nguyên; {data.numbers.length} số liệu thay đổi.
          </Text>
          {data.sections.map((s) => (
            <Card key={s.itemId} size="small" title={`${s.path} — ${s.title}`} extra={<Tag color={s.status === "added" ? "green" : s.status === "removed" ? "red" : "blue"}>{s.status === "added" ? "Mục mới" : s.status === "removed" ? "Đã bỏ" : `+${s.addedWords} / −${s.removedWords} từ`}</Tag>}>
              <Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>
                {s.segments.map((g, i) =>
                  g.op === "added" ? (
                    <ins key={i} style={{ background: "#d9f7be", textDecoration: "none" }}>
                      {g.text}
                    </ins>
                  ) : g.op === "removed" ? (
                    <del key={i} style={{ background: "#ffccc7" }}>
                      {g.text}
                    </del>
                  ) : (
                    <span key={i}>{g.text}</span>
                  ),
                )}
              </Paragraph>
            </Card>
          ))}
          {data.numbers.length > 0 && (
            <Table
              size="small"
              rowKey="key"
              pagination={{ pageSize: 20 }}
              dataSource={data.numbers}
              columns={[
                { title: "Số liệu", dataIndex: "label" },
                { title: "Bản trước", dataIndex: "from", align: "right", render: (v: string | null) => v ?? <Text type="secondary">(trống)</Text> },
                { title: "Bản sau", dataIndex: "to", align: "right", render: (v: string | null) => v ?? <Text type="secondary">(trống)</Text> },
              ]}
            />
          )}
          {data.sections.length === 0 && data.numbers.length === 0 && <Empty description="Hai bản giống nhau." />}
        </Space>
      )}
    </Modal>
  );
}

export function CompilePage() {
  const [params, setParams] = useSearchParams();
  const campaigns = useCompileCampaigns();
  const published = useMemo(() => (campaigns.data ?? []).filter((c) => c.status !== "draft"), [campaigns.data]);
  const campaignId = params.get("dot") ?? published[0]?.id;
  const options = useCompileOptions(campaignId);
  const drafts = useDrafts(campaignId);
  const compile = useCompile(campaignId ?? "");
  const { message } = App.useApp();
  const [form] = Form.useForm<{ scope: string; mode: "draft" | "final"; number?: number | null; date?: string }>();
  const [open, setOpen] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [pair, setPair] = useState<[string, string] | null>(null);
  const [last, setLast] = useState<CompileDraftDto | null>(null);

  useEffect(() => {
    const first = options.data?.scopes[0];
    if (first) form.setFieldsValue({ scope: `${first.kind}:${first.id ?? ""}`, mode: "draft", date: todayVn() });
  }, [options.data, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const [kind, id] = v.scope.split(":");
    const scope: CompileRequest["scope"] = kind === "part" ? { kind: "part", itemId: id! } : kind === "agency" ? { kind: "agency", agencyId: id! } : { kind: "whole" };
    try {
      const res = await compile.mutateAsync({ scope, mode: v.mode, ...(v.number ? { number: v.number } : {}), ...(v.date ? { date: v.date } : {}) });
      setLast(res);
      void message.success(`Đã lập ${res.label}.`);
    } catch {
      /* shown below */
    }
  };

  const byDate = [...(drafts.data ?? [])];
  return (
    <div>
      <Title level={3}>Lập báo cáo tổng hợp</Title>
      <ErrorAlert error={campaigns.error} />
      <Space style={{ marginBottom: 16 }} wrap>
        <Text>Đợt tổng hợp:</Text>
        <Select
          style={{ minWidth: 480 }}
          loading={campaigns.isLoading}
          value={campaignId}
          onChange={(id: string) => {
            setLast(null);
            setSelected([]);
            setParams({ dot: id });
          }}
          options={published.map((c) => ({ value: c.id, label: c.name }))}
          placeholder="Chọn đợt"
          data-testid="campaign-select"
        />
      </Space>
      {!campaignId && !campaigns.isLoading && <Empty description="Chưa có đợt tổng hợp nào đã ban hành." />}
      {campaignId && (
        <Space direction="vertical" size="large" style={{ width: "100%" }}>
          <ErrorAlert error={options.error} />
          {options.data?.canCompile && (
            <Card title="Lập bản mới">
              <Form form={form} layout="inline" disabled={compile.isPending}>
                <Form.Item name="scope" label="Phạm vi" rules={[{ required: true, message: "Chọn phạm vi" }]}>
                  <Select style={{ minWidth: 340 }} data-testid="scope-select" options={options.data.scopes.map((s) => ({ value: `${s.kind}:${s.id ?? ""}`, label: s.label }))} showSearch optionFilterProp="label" />
                </Form.Item>
                <Form.Item name="mode" label="Loại">
                  <Radio.Group>
                    <Radio.Button value="draft">Dự thảo</Radio.Button>
                    <Radio.Button value="final" disabled={!options.data.canFinal}>
                      Bản chính thức
                    </Radio.Button>
                  </Radio.Group>
                </Form.Item>
                <Form.Item name="number" label="Số văn bản" tooltip="Để trống khi chưa lấy số (văn thư điền khi ban hành)">
                  <InputNumber min={1} max={99999} placeholder="(trống)" />
                </Form.Item>
                <Form.Item name="date" label="Ngày" rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: "Ngày dạng YYYY-MM-DD" }]}>
                  <Input type="date" />
                </Form.Item>
                <Form.Item>
                  <Button type="primary" icon={<FileTextOutlined />} onClick={() => void submit()} loading={compile.isPending} data-testid="compile-button">
                    Lập báo cáo
                  </Button>
                </Form.Item>
              </Form>
              {compile.isPending && <Alert style={{ marginTop: 16 }} type="info" showIcon title="Đang lập báo cáo: Word, Excel phụ lục và PDF (đếm số trang)…" />}
              {compile.error && <Alert style={{ marginTop: 16 }} type="error" showIcon title={errorMessage(compile.error)} data-testid="compile-error" />}
              {!options.data.pdfAvailable && <Alert style={{ marginTop: 16 }} type="warning" showIcon title="Máy chủ chưa cài LibreOffice: chưa tạo được PDF, số trang chỉ là ước tính." />}
              {last && (
                <Card size="small" style={{ marginTop: 16 }} title={last.label} data-testid="last-compile">
                  <Descriptions size="small" column={1}>
                    <Descriptions.Item label="Số trang">
                      <PageBudget draft={last} />
                    </Descriptions.Item>
                    <Descriptions.Item label="Thể thức">
                      <Tag color={last.checksPassed === last.checksTotal ? "green" : "orange"}>
                        {last.checksPassed}/{last.checksTotal} quy tắc NĐ 30 đạt
                      </Tag>
                    </Descriptions.Item>
                    {last.missing.length > 0 && <Descriptions.Item label="Chưa tiếp nhận">{last.missing.length} phần việc (đánh dấu trong dự thảo)</Descriptions.Item>}
                  </Descriptions>
                  <Space>
                    <Downloads campaignId={campaignId} draft={last} />
                    <Button onClick={() => setOpen(last.id)}>Xem chi tiết</Button>
                  </Space>
                </Card>
              )}
            </Card>
          )}
          <Card
            title="Các bản đã lập"
            extra={
              <Button icon={<DiffOutlined />} disabled={selected.length !== 2} onClick={() => setPair([selected[0]!, selected[1]!])} data-testid="diff-button">
                So sánh hai bản đã chọn
              </Button>
            }
          >
            <ErrorAlert error={drafts.error} />
            <Table<CompileDraftSummaryDto>
              rowKey="id"
              size="small"
              loading={drafts.isLoading}
              dataSource={byDate}
              locale={{ emptyText: "Chưa có bản nào." }}
              rowSelection={{
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.slice(-2).map(String)),
                getCheckboxProps: (r) => ({ disabled: selected.length >= 2 && !selected.includes(r.id), name: r.label }),
              }}
              columns={[
                { title: "Bản", dataIndex: "label", render: (v: string, r) => <Button type="link" onClick={() => setOpen(r.id)}>{v}</Button> },
                { title: "Người lập", dataIndex: "createdByName" },
                { title: "Thời gian", dataIndex: "createdAt", render: (v: string) => fmtDateTime(v) },
                {
                  title: "Số trang",
                  render: (_, r) =>
                    r.bodyPages === null ? "" : (
                      <Tag color={r.pageLimit && r.bodyPages > r.pageLimit ? "red" : "default"}>
                        {r.bodyPages}
                        {r.pageLimit ? ` / ${r.pageLimit}` : ""}
                      </Tag>
                    ),
                },
                { title: "Thể thức", render: (_, r) => <Tag color={r.checksPassed === r.checksTotal ? "green" : "orange"}>{`${r.checksPassed}/${r.checksTotal}`}</Tag> },
                { title: "Chưa tiếp nhận", dataIndex: "missingCount", align: "right" },
                { title: "Tải", render: (_, r) => <Downloads campaignId={campaignId} draft={r} /> },
              ]}
            />
          </Card>
        </Space>
      )}
      {campaignId && <DraftDetail campaignId={campaignId} draftId={open} onClose={() => setOpen(null)} />}
      {campaignId && <DiffModal campaignId={campaignId} pair={pair} onClose={() => setPair(null)} />}
    </div>
  );
}
