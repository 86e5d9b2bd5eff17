import { DeleteOutlined, DownloadOutlined, FileDoneOutlined, PlusOutlined } from "@ant-design/icons";
import type { ChaseLetterDraftDto, ChaseLetterForm } from "@tonghop/contracts";
import { Alert, App, Breadcrumb, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Result, Row, Select, Space, Spin, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { download } from "../../api/client";
import { fmtDate, fmtDateTime } from "../../lib/format";
import { downloadLetterDraft, useChaseDraft, useIssueLetter, useLetterTasks } from "./console.api";

const lines = (s: string) => s.split("\n").map((l) => l.trim()).filter(Boolean);
const paragraphs = (s: string) => s.split(/\n\s*\n/).map((l) => l.replace(/\s*\n\s*/g, " ").trim()).filter(Boolean);

/** Công văn đôn đốc: generated from the late agencies, edited here, downloaded as Word, its issuing recorded. */
export function ChaseLetterPage() {
  const { campaignId = "" } = useParams();
  const [params] = useSearchParams();
  const { message, modal } = App.useApp();
  const milestoneId = params.get("moc") || null;
  const agencyIds = params.get("agencyIds") || null;
  const draft = useChaseDraft(campaignId, milestoneId, agencyIds);
  const tasks = useLetterTasks(campaignId, !!draft.data);
  const issue = useIssueLetter(campaignId);
  // The user's edits of the generated letter; a new draft from the server (after issuing) starts afresh.
  const [edited, setEdited] = useState<{ base: ChaseLetterDraftDto; form: ChaseLetterForm } | null>(null);
  const [applyExtension, setApplyExtension] = useState(true);
  const [busy, setBusy] = useState(false);

  if (draft.isLoading) return <Spin style={{ margin: 48 }} />;
  if (draft.error || !draft.data) return <Result status="403" title={draft.error?.message ?? "Không tải được dự thảo."} extra={<Link to={`/dot-tong-hop/${campaignId}`}>Về đợt tổng hợp</Link>} />;
  const d = draft.data;
  const f = edited && edited.base === d ? edited.form : d.form;
  const patch = (p: Partial<ChaseLetterForm>) => setEdited({ base: d, form: { ...f, ...p } });
  const chosen = new Set(f.agencies.map((a) => a.agencyId));
  const addable = d.candidates.filter((c) => !chosen.has(c.agencyId));

  const onDownload = async () => {
    setBusy(true);
    try {
      await downloadLetterDraft(campaignId, f);
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const onIssue = () =>
    modal.confirm({
      title: "Ghi nhận ban hành công văn?",
      content: `Số ${f.number ?? "(chưa ghi)"}/${f.symbol} ngày ${fmtDate(f.date)} gửi ${f.agencies.length} cơ quan, đơn vị${applyExtension ? `; hạn của các phần việc chưa gửi được chuyển thành ${fmtDate(f.newDeadline)}` : ""}. Các đơn vị được thông báo trên hệ thống.`,
      okText: "Ghi nhận",
      cancelText: "Hủy",
      onOk: () =>
        issue
          .mutateAsync({ form: f, applyExtension })
          .then((r) => void message.success(`Đã ghi nhận công văn ${r.numberText}.`))
          .catch((e: Error) => {
            void message.error(e.message);
            throw e;
          }),
    });

  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      <Breadcrumb items={[{ title: <Link to="/dot-tong-hop">Đợt tổng hợp</Link> }, { title: <Link to={`/dot/${campaignId}/tien-do`}>Tiến độ</Link> }, { title: "Công văn đôn đốc" }]} />
      {tasks.data && tasks.data.letterTasks.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`${tasks.data.letterTasks.length} cơ quan, đơn vị đã qua các lần nhắc mà vẫn quá hạn, chưa có công văn đôn đốc: ${tasks.data.letterTasks
            .slice(0, 8)
            .map((t) => t.agencyName)
            .join("; ")}${tasks.data.letterTasks.length > 8 ? "; …" : ""}`}
        />
      )}
      <Card
        title="Soạn công văn đôn đốc"
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={() => void onDownload()} loading={busy} data-testid="chase-download">
              Tải Word
            </Button>
            <Button type="primary" icon={<FileDoneOutlined />} onClick={onIssue} loading={issue.isPending} disabled={!f.agencies.length} data-testid="chase-issue">
              Ghi nhận ban hành
            </Button>
          </Space>
        }
      >
        <Form layout="vertical">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="Cơ quan chủ quản">
                <Input value={f.parent} onChange={(e) => patch({ parent: e.target.value })} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="Cơ quan ban hành">
                <Input value={f.issuer} onChange={(e) => patch({ issuer: e.target.value })} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label="Số" help={`Số tiếp theo: ${d.nextNumber}; để trống nếu văn thư ghi số`}>
                <InputNumber min={1} max={99999} value={f.number} onChange={(v) => patch({ number: v ?? null })} style={{ width: "100%" }} data-testid="chase-number" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label="Ký hiệu">
                <Input value={f.symbol} onChange={(e) => patch({ symbol: e.target.value })} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label="Địa danh">
                <Input value={f.place} onChange={(e) => patch({ place: e.target.value })} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label="Ngày ban hành">
                <DatePicker format="DD/MM/YYYY" value={dayjs(f.date)} onChange={(v) => v && patch({ date: v.format("YYYY-MM-DD") })} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label="Hạn mới đề nghị đơn vị gửi">
                <DatePicker format="DD/MM/YYYY" value={dayjs(f.newDeadline)} onChange={(v) => v && patch({ newDeadline: v.format("YYYY-MM-DD") })} style={{ width: "100%" }} data-testid="chase-deadline" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item label=" ">
                <Checkbox checked={applyExtension} onChange={(e) => setApplyExtension(e.target.checked)}>
                  Đặt hạn mới làm hạn gia hạn cho các đơn vị
                </Checkbox>
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item label="Trích yếu">
                <Input value={f.summary} onChange={(e) => patch({ summary: e.target.value })} data-testid="chase-summary" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="Kính gửi (mỗi dòng một nơi)">
                <Input.TextArea rows={3} value={f.addressees.join("\n")} onChange={(e) => patch({ addressees: lines(e.target.value) })} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="Nơi nhận (mỗi dòng một nơi; dòng cuối “Lưu: VT, …”)">
                <Input.TextArea rows={3} value={f.recipients.join("\n")} onChange={(e) => patch({ recipients: lines(e.target.value) })} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item label="Phần mở đầu (các đoạn cách nhau một dòng trống)">
                <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} value={f.opening.join("\n\n")} onChange={(e) => patch({ opening: paragraphs(e.target.value) })} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <Typography.Title level={5}>Các cơ quan, đơn vị chưa gửi ({f.agencies.length})</Typography.Title>
        <Space direction="vertical" style={{ width: "100%" }}>
          {f.agencies.map((a, i) => (
            <Card
              key={a.agencyId}
              size="small"
              title={`${i + 1}. ${a.name}`}
              extra={
                <Button size="small" icon={<DeleteOutlined />} onClick={() => patch({ agencies: f.agencies.filter((x) => x.agencyId !== a.agencyId) })} aria-label={`Bỏ ${a.name}`}>
                  Bỏ
                </Button>
              }
            >
              <Input.TextArea
                autoSize={{ minRows: 1, maxRows: 8 }}
                value={a.items.join("\n")}
                onChange={(e) => patch({ agencies: f.agencies.map((x) => (x.agencyId === a.agencyId ? { ...x, items: lines(e.target.value) } : x)) })}
              />
            </Card>
          ))}
          {addable.length > 0 && (
            <Select
              placeholder={<span><PlusOutlined /> Thêm cơ quan quá hạn khác</span>}
              style={{ width: 480 }}
              value={null}
              showSearch
              optionFilterProp="label"
              options={addable.map((c) => ({ value: c.agencyId, label: `${c.name} (quá hạn ${c.maxOverdueDays} ngày)` }))}
              onChange={(id: string) => {
                const c = d.candidates.find((x) => x.agencyId === id)!;
                patch({ agencies: [...f.agencies, { agencyId: c.agencyId, name: c.name, items: c.items }] });
              }}
            />
          )}
        </Space>
        <Form layout="vertical" style={{ marginTop: 16 }}>
          <Form.Item label="Phần đề nghị (các đoạn cách nhau một dòng trống)">
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} value={f.closing.join("\n\n")} onChange={(e) => patch({ closing: paragraphs(e.target.value) })} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label="Thẩm quyền ký">
                <Input value={f.signature.authority} onChange={(e) => patch({ signature: { ...f.signature, authority: e.target.value } })} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="Chức vụ">
                <Input value={f.signature.title} onChange={(e) => patch({ signature: { ...f.signature, title: e.target.value } })} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="Người ký">
                <Input value={f.signature.signer} onChange={(e) => patch({ signature: { ...f.signature, signer: e.target.value } })} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card title="Công văn đôn đốc đã ban hành">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={d.issued}
          locale={{ emptyText: "Chưa có công văn nào." }}
          columns={[
            { title: "Số, ký hiệu", dataIndex: "numberText" },
            { title: "Ngày", dataIndex: "issuedOn", render: (v: string) => fmtDate(v) },
            { title: "Gửi", key: "agencies", render: (_: unknown, r: (typeof d.issued)[number]) => r.agencies.map((a) => a.name).join("; ") },
            { title: "Hạn mới", dataIndex: "newDeadline", render: (v: string, r: (typeof d.issued)[number]) => `${fmtDate(v)}${r.appliedExtension ? " (đã gia hạn)" : ""}` },
            { title: "Người ghi nhận", key: "by", render: (_: unknown, r: (typeof d.issued)[number]) => `${r.issuedByName}, ${fmtDateTime(r.createdAt)}` },
            {
              title: "",
              key: "file",
              render: (_: unknown, r: (typeof d.issued)[number]) => (
                <Button size="small" icon={<DownloadOutlined />} onClick={() => void download(`/api/campaigns/${campaignId}/chase-letters/${r.id}/docx`, `cong-van-${r.number}.docx`).catch((e: Error) => void message.error(e.message))}>
                  Word
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

export { ChaseLetterPage as Component };
