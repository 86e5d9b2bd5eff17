import { InboxOutlined } from "@ant-design/icons";
import type { ImportPreviewDto, TemplateProblemDto } from "@tonghop/contracts";
import { CAMPAIGN_KIND_LABELS } from "@tonghop/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, List, Row, Space, Statistic, Table, Tabs, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { ApiError } from "../../api/client";
import { ErrorAlert } from "../../components/ErrorAlert";
import { fmtDate } from "../../lib/format";
import { campaignKeys, importTemplate } from "./campaigns.api";

/** Errors of a template, each with its YAML path and line. */
export function ProblemsList({ problems, title }: { problems: TemplateProblemDto[]; title: string }) {
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={
        <List
          size="small"
          dataSource={problems}
          data-testid="template-problems"
          renderItem={(p) => (
            <List.Item>
              <div>
                <Typography.Text code>{p.path}</Typography.Text>
                {p.line != null && (
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    dòng {p.line}
                    {p.column != null ? `, cột ${p.column}` : ""}
                  </Typography.Text>
                )}
                <div>{p.message}</div>
              </div>
            </List.Item>
          )}
        />
      }
      style={{ marginBottom: 16 }}
    />
  );
}

function Preview({ p }: { p: ImportPreviewDto }) {
  return (
    <>
      <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="Tên đợt" span={2}>
          {p.name}
        </Descriptions.Item>
        <Descriptions.Item label="Mã đợt">{p.code}</Descriptions.Item>
        <Descriptions.Item label="Loại">{CAMPAIGN_KIND_LABELS[p.kind as keyof typeof CAMPAIGN_KIND_LABELS] ?? p.kind}</Descriptions.Item>
        <Descriptions.Item label="Cơ quan tổng hợp">{p.coordinator}</Descriptions.Item>
        <Descriptions.Item label="Ngày tham chiếu">{fmtDate(p.referenceDate)}</Descriptions.Item>
      </Descriptions>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {(
          [
            ["Mục đề cương", p.counts.outlineItems],
            ["Mục được giao", p.counts.assignedItems],
            ["Mốc tiến độ", p.counts.milestones],
            ["Phụ lục", p.counts.appendices],
            ["Dòng chỉ tiêu", p.counts.indicatorRows],
            ["Dòng danh sách", p.counts.recordRows],
            ["Cơ quan, nhóm", p.counts.agencies],
            ["Chỉ tiêu mới", p.counts.newIndicators],
          ] as const
        ).map(([label, n]) => (
          <Col key={label} xs={12} md={6} lg={3}>
            <Statistic title={label} value={n} groupSeparator="." />
          </Col>
        ))}
      </Row>
      <Tabs
        items={[
          {
            key: "outline",
            label: `Đề cương (${p.outline.length})`,
            children: (
              <Table
                size="small"
                rowKey={(_, i) => String(i)}
                dataSource={p.outline}
                pagination={{ pageSize: 50, showSizeChanger: false }}
                data-testid="preview-outline"
                tableLayout="fixed"
                columns={[
                  {
                    title: "Mục",
                    key: "title",
                    render: (_, o) => (
                      <span style={{ paddingLeft: (o.depth - 1) * 16 }}>
                        <strong>{o.label}</strong> {o.title}
                      </span>
                    ),
                  },
                  {
                    title: "Cơ quan chủ trì",
                    key: "lead",
                    width: 360,
                    render: (_, o) =>
                      o.lead.length ? o.lead.map((n) => <Tag key={n} color="blue">{n}</Tag>) : o.inheritedLead.length ? <Typography.Text type="secondary">(theo mục trên)</Typography.Text> : null,
                  },
                  { title: "Phối hợp", key: "coop", width: 240, render: (_, o) => o.cooperate.map((n) => <Tag key={n}>{n}</Tag>) },
                ]}
              />
            ),
          },
          {
            key: "appendices",
            label: `Phụ lục (${p.appendices.length})`,
            children: (
              <Table
                size="small"
                rowKey="code"
                dataSource={p.appendices}
                pagination={false}
                columns={[
                  { title: "Phụ lục", dataIndex: "title" },
                  { title: "Loại", dataIndex: "kind", render: (k: string) => (k === "indicators" ? "Bảng chỉ tiêu" : "Danh sách") },
                  { title: "Số dòng", dataIndex: "rows", align: "right" },
                ]}
              />
            ),
          },
          {
            key: "milestones",
            label: `Mốc tiến độ (${p.milestones.length})`,
            children: (
              <Table
                size="small"
                rowKey="code"
                dataSource={p.milestones}
                pagination={false}
                columns={[
                  { title: "Mốc", dataIndex: "code", width: 60 },
                  { title: "Hạn", dataIndex: "due", width: 110, render: (d: string) => fmtDate(d) },
                  { title: "Lời văn", dataIndex: "wording", width: 200 },
                  { title: "Sản phẩm", dataIndex: "deliverable" },
                  { title: "Cơ quan gửi", dataIndex: "from", render: (f: string[]) => f.map((n) => <Tag key={n}>{n}</Tag>) },
                ]}
              />
            ),
          },
          {
            key: "catalogue",
            label: `Danh mục chỉ tiêu (${p.newIndicators.length} mới, ${p.differences.length} khác biệt)`,
            children: (
              <>
                {p.differences.length > 0 && (
                  <Alert
                    type="warning"
                    showIcon
                    title="Chỉ tiêu đã có trong danh mục nhưng mẫu định nghĩa khác"
                    description="Danh mục giữ nguyên; các khác biệt được lưu để người tổng hợp chấp nhận hoặc từ chối trong Danh mục chỉ tiêu."
                    style={{ marginBottom: 12 }}
                  />
                )}
                {p.differences.length > 0 && (
                  <Table
                    size="small"
                    rowKey={(d) => `${d.code}:${d.field}`}
                    dataSource={p.differences}
                    pagination={false}
                    style={{ marginBottom: 16 }}
                    columns={[
                      { title: "Mã", dataIndex: "code" },
                      { title: "Trường", dataIndex: "fieldLabel" },
                      { title: "Trong danh mục", dataIndex: "currentText" },
                      { title: "Mẫu ghi", dataIndex: "proposedText" },
                    ]}
                  />
                )}
                <Table
                  size="small"
                  rowKey="code"
                  dataSource={p.newIndicators}
                  pagination={{ pageSize: 20, showSizeChanger: false }}
                  columns={[
                    { title: "Mã chỉ tiêu mới", dataIndex: "code", width: 260 },
                    { title: "Tên", dataIndex: "name" },
                    { title: "ĐVT", dataIndex: "unit", width: 120 },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
    </>
  );
}

/** Upload a template (.yaml), see what it will create (or its errors with path and line), then import it. */
export function ImportCampaignPage() {
  const [file, setFile] = useState<File | null>(null);
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const preview = useMutation({ mutationFn: (f: File) => importTemplate({ file: f, dryRun: true }) });
  const run = useMutation({
    mutationFn: () => importTemplate({ file: file!, dryRun: false, ...(code ? { code } : {}), ...(name ? { name } : {}) }),
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: campaignKeys.all });
      void message.success(`Đã nhập đợt "${r.preview.name}".`);
      void navigate(`/dot-tong-hop/${r.campaignId}`);
    },
  });
  const problems = (e: unknown) => (e instanceof ApiError ? ((e.details as { problems?: TemplateProblemDto[] } | undefined)?.problems ?? null) : null);
  const p = preview.data?.preview;
  const previewProblems = problems(preview.error);
  const runProblems = problems(run.error);
  const needCode = !!p?.codeTaken;

  return (
    <Card title="Nhập mẫu đợt tổng hợp">
      <Typography.Paragraph type="secondary">
        Mẫu là văn bản chỉ đạo dưới dạng dữ liệu (YAML): đề cương và phân công, phụ lục, mốc tiến độ. Hệ thống kiểm tra toàn bộ mẫu, đối chiếu tên cơ quan
        với danh bạ tại ngày tham chiếu và cho xem trước; có lỗi thì không ghi gì.
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".yaml,.yml"
        maxCount={1}
        showUploadList={file ? { showRemoveIcon: true } : false}
        fileList={file ? [{ uid: "1", name: file.name, status: "done" }] : []}
        beforeUpload={(f) => {
          setFile(f);
          setCode("");
          setName("");
          run.reset();
          preview.mutate(f);
          return false;
        }}
        onRemove={() => {
          setFile(null);
          preview.reset();
          run.reset();
        }}
        data-testid="template-upload"
        style={{ marginBottom: 16 }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">Kéo tệp mẫu (.yaml) vào đây hoặc bấm để chọn</p>
        <p className="ant-upload-hint">Tối đa 5 MB. Ví dụ: templates/cv2830-2024-so-ket-nq45.yaml</p>
      </Upload.Dragger>
      {preview.isPending && <Alert type="info" title="Đang kiểm tra mẫu…" style={{ marginBottom: 16 }} />}
      {previewProblems ? <ProblemsList problems={previewProblems} title={`Mẫu có ${previewProblems.length} lỗi — sửa tệp rồi tải lại`} /> : <ErrorAlert error={preview.error} />}
      {p && (
        <>
          {p.warnings.length > 0 && (
            <Alert type="warning" showIcon title={`${p.warnings.length} cảnh báo`} description={p.warnings.map((w) => <div key={w.path + w.message}>{w.message}</div>)} style={{ marginBottom: 16 }} />
          )}
          <Form layout="vertical" style={{ maxWidth: 720 }}>
            {needCode && (
              <Alert
                type="warning"
                showIcon
                title={`Mã đợt "${p.code}" đã được dùng`}
                description={`Nhập mã mới cho đợt này (gợi ý: ${p.suggestedCode}) và, nếu cần, tên mới.`}
                style={{ marginBottom: 12 }}
              />
            )}
            <Space wrap>
              <Form.Item label="Mã đợt" required={needCode} validateStatus={needCode && !code ? "warning" : undefined} style={{ minWidth: 320 }}>
                <Input value={code} placeholder={needCode ? p.suggestedCode : p.code} onChange={(e) => setCode(e.target.value.trim())} aria-label="Mã đợt mới" />
                {needCode && !code && (
                  <Button type="link" size="small" onClick={() => setCode(p.suggestedCode)}>
                    Dùng {p.suggestedCode}
                  </Button>
                )}
              </Form.Item>
              <Form.Item label="Tên đợt (để trống: như mẫu)" style={{ minWidth: 360 }}>
                <Input value={name} placeholder={p.name} onChange={(e) => setName(e.target.value)} aria-label="Tên đợt mới" />
              </Form.Item>
            </Space>
          </Form>
          {runProblems ? <ProblemsList problems={runProblems} title="Không nhập được" /> : <ErrorAlert error={run.error} />}
          <Space style={{ marginBottom: 16 }}>
            <Button type="primary" disabled={needCode && !code} loading={run.isPending} onClick={() => run.mutate()}>
              Nhập đợt
            </Button>
            <Typography.Text type="secondary">Đợt mới ở trạng thái Đang thiết lập; các cơ quan chỉ nhận việc khi ban hành.</Typography.Text>
          </Space>
          <Preview p={p} />
        </>
      )}
    </Card>
  );
}
