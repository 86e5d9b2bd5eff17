import { CheckOutlined, ClockCircleOutlined, LeftOutlined, RightOutlined, RollbackOutlined, UndoOutlined } from "@ant-design/icons";
import { ASSIGNMENT_ROLE_LABELS, DECLARATION_LABELS, PROGRESS_STATUS_LABELS, progressCellText, type ReviewDto, type ReviewPartDto } from "@tonghop/contracts";
import { Alert, App, Breadcrumb, Button, Card, Empty, Form, Input, Modal, Result, Space, Spin, Table, Tag, Timeline, Tooltip, Typography } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { fmtDate, fmtDateTime } from "../../lib/format";
import { useReview, useReviewAction } from "./console.api";
import { ExtensionModal, type ExtensionTarget } from "./ExtensionModal";
import { cellColour } from "./progress-view";

type Action = "accept" | "return" | "reopen";

const ACTION_TEXT: Record<Action, { title: string; ok: string; reason: string }> = {
  accept: { title: "Tiếp nhận", ok: "Tiếp nhận", reason: "Ghi chú (không bắt buộc)" },
  return: { title: "Trả lại cho đơn vị", ok: "Trả lại", reason: "Lý do trả lại (đơn vị sẽ thấy)" },
  reopen: { title: "Mở lại phần đã tiếp nhận", ok: "Mở lại", reason: "Lý do mở lại (đơn vị sẽ thấy)" },
};

function ActionModal({ campaignId, itemId, part, action, onClose }: { campaignId: string; itemId: string; part: ReviewPartDto; action: Action; onClose: () => void }) {
  const { message } = App.useApp();
  const act = useReviewAction(campaignId, itemId);
  const [form] = Form.useForm<{ reason: string }>();
  const t = ACTION_TEXT[action];
  return (
    <Modal
      open
      title={`${t.title}: ${part.agencyName}`}
      okText={t.ok}
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: act.isPending, danger: action !== "accept", "data-testid": "review-action-ok" }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          act.mutate(
            { assignmentId: part.assignmentId, body: { action, reason: v.reason?.trim() || null, version: part.version } },
            {
              onSuccess: () => {
                void message.success(action === "accept" ? "Đã tiếp nhận." : action === "return" ? "Đã trả lại cho đơn vị." : "Đã mở lại cho đơn vị sửa.");
                onClose();
              },
              onError: (e) => void message.error(e.message),
            },
          )
        }
      >
        <Form.Item name="reason" label={t.reason} rules={action === "accept" ? [] : [{ required: true, whitespace: true, message: "Phải nêu lý do" }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="review-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PartCard({ r, part, onAction, onExtend }: { r: ReviewDto; part: ReviewPartDto; onAction: (a: Action) => void; onExtend: () => void }) {
  const colour = cellColour(part.status, part.overdueDays);
  const words = part.sections.reduce((s, x) => s + x.wordCount, 0);
  return (
    <Card
      size="small"
      data-testid={`review-part-${part.agencyId}`}
      title={
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{part.agencyName}</Typography.Text>
          <Space size={4} wrap>
            <Tag>{ASSIGNMENT_ROLE_LABELS[part.role]}</Tag>
            <Tag style={{ background: colour.background, color: colour.color, borderColor: colour.color }} data-testid="review-part-status">
              {progressCellText(part.status, part.overdueDays)}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {part.dueDate ? `Hạn ${fmtDate(part.dueDate)}` : "Không có hạn"}
              {part.extensionReason ? ` (gia hạn: ${part.extensionReason})` : ""}
            </Typography.Text>
          </Space>
        </Space>
      }
      extra={
        r.canReview && (
          <Space wrap>
            {part.allowedActions.includes("accept") && (
              <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => onAction("accept")} data-testid="review-accept">
                Tiếp nhận
              </Button>
            )}
            {part.allowedActions.includes("return") && (
              <Button size="small" danger icon={<RollbackOutlined />} onClick={() => onAction("return")} data-testid="review-return">
                Trả lại
              </Button>
            )}
            {part.allowedActions.includes("reopen") && (
              <Button size="small" icon={<UndoOutlined />} onClick={() => onAction("reopen")} data-testid="review-reopen">
                Mở lại
              </Button>
            )}
            {part.state !== "sent" && part.state !== "accepted" && r.campaign.status === "published" && (
              <Tooltip title="Gia hạn riêng cho đơn vị này ở mục này">
                <Button size="small" icon={<ClockCircleOutlined />} onClick={onExtend}>
                  Gia hạn
                </Button>
              </Tooltip>
            )}
          </Space>
        )
      }
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {PROGRESS_STATUS_LABELS[part.status]}
          {part.stateChangedAt ? ` · ${fmtDateTime(part.stateChangedAt)}` : ""}
          {part.stateChangedByName ? ` · ${part.stateChangedByName}` : ""}
          {part.sentAt ? ` · gửi ${fmtDateTime(part.sentAt)}` : ""} · {words} từ
        </Typography.Text>
        {part.declaration && (
          <Alert type="info" showIcon title={`${DECLARATION_LABELS[part.declaration]}${part.declarationReason ? `: ${part.declarationReason}` : ""}`} />
        )}
        {part.stateReason && (part.state === "returned" || part.state === "draft") && <Alert type="warning" showIcon title={`Lý do trả lại: ${part.stateReason}`} />}
        {part.sections.every((s) => !s.html.trim()) ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Đơn vị chưa viết nội dung." />
        ) : (
          part.sections.map((s) => (
            <div key={s.itemId} style={{ marginLeft: s.depth * 16 }}>
              {s.depth > 0 && (
                <Typography.Text strong>
                  {s.label} {s.title}
                </Typography.Text>
              )}
              {/* Stored HTML is sanitised on the server when saved (allow-list), so it is safe to render here. */}
              <div className="review-html" style={{ textAlign: "justify", lineHeight: 1.6 }} dangerouslySetInnerHTML={{ __html: s.html }} />
            </div>
          ))
        )}
        {part.events.length > 0 && (
          <details>
            <summary style={{ cursor: "pointer" }}>Lịch sử ({part.events.length})</summary>
            <Timeline
              style={{ marginTop: 8 }}
              items={part.events.map((e) => ({
                children: (
                  <>
                    <Typography.Text strong>{e.label}</Typography.Text> · {fmtDateTime(e.at)}
                    {e.actorName ? ` · ${e.actorName}` : ""}
                    {e.reason ? <div>{e.reason}</div> : null}
                  </>
                ),
              }))}
            />
          </details>
        )}
      </Space>
    </Card>
  );
}

function Figures({ r }: { r: ReviewDto }) {
  if (!r.figures.length) return null;
  return (
    <Card title="Số liệu liên quan" size="small">
      {r.figures.map((f) => (
        <div key={f.appendixId} style={{ marginBottom: 16 }}>
          <Typography.Text strong>
            <Link to={`/dot/${r.campaign.id}/phu-luc/${f.appendixId}`}>{f.title}</Link>
          </Typography.Text>
          <Table
            size="small"
            rowKey="rowId"
            pagination={false}
            scroll={{ x: true }}
            dataSource={f.rows}
            columns={[
              { title: "TT", dataIndex: "tt", width: 50 },
              { title: "Chỉ tiêu", dataIndex: "name", width: 260 },
              { title: "ĐVT", dataIndex: "unit", width: 80 },
              { title: "Mục tiêu", dataIndex: "target", width: 100 },
              ...(f.rows[0]?.values ?? []).map((v, i) => ({
                title: v.title,
                key: v.key,
                align: "right" as const,
                render: (_: unknown, row: (typeof f.rows)[number]) => {
                  const x = row.values[i];
                  return x?.text ? (
                    <span title={x.status ?? undefined}>
                      {x.text}
                      {x.status === "uoc" ? " (ước)" : x.status === "so-bo" ? " (sơ bộ)" : ""}
                    </span>
                  ) : (
                    <Typography.Text type="secondary">—</Typography.Text>
                  );
                },
              })),
              {
                title: "Đánh giá so với mục tiêu",
                key: "eval",
                width: 160,
                render: (_: unknown, row: (typeof f.rows)[number]) =>
                  row.evaluation ? (
                    <Tooltip title={row.evaluation.detail}>
                      <Tag color={row.evaluation.verdict === "khong-dat" ? "red" : row.evaluation.verdict === "thieu-so-lieu" ? "default" : "green"}>{row.evaluation.label}</Tag>
                      {row.evaluation.actual ?? ""}
                    </Tooltip>
                  ) : (
                    ""
                  ),
              },
              {
                title: "Cảnh báo",
                key: "warn",
                width: 260,
                render: (_: unknown, row: (typeof f.rows)[number]) =>
                  row.warnings.map((w) => (
                    <div key={w} style={{ color: w.startsWith("Lỗi") ? "#a8071a" : "#ad6800" }}>
                      {w}
                    </div>
                  )),
              },
            ]}
          />
          {f.more > 0 && <Typography.Text type="secondary">… và {f.more} dòng nữa (xem đầy đủ ở phụ lục).</Typography.Text>}
        </div>
      ))}
    </Card>
  );
}

/** Xem xét một mục: the agencies' texts side by side, related figures, accept / return / reopen, extension. */
export function ReviewPage() {
  const { campaignId = "", itemId = "" } = useParams();
  const review = useReview(campaignId, itemId);
  const [action, setAction] = useState<{ part: ReviewPartDto; action: Action } | null>(null);
  const [extension, setExtension] = useState<ExtensionTarget | null>(null);
  if (review.isLoading) return <Spin style={{ margin: 48 }} />;
  if (review.error) return <Result status="403" title={review.error.message} extra={<Link to={`/dot-tong-hop/${campaignId}`}>Về đợt tổng hợp</Link>} />;
  const r = review.data!;
  const n = Math.max(1, r.parts.length);
  const width = n <= 3 ? `${100 / n}%` : 460;
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      <Breadcrumb
        items={[
          { title: <Link to="/dot-tong-hop">Đợt tổng hợp</Link> },
          { title: <Link to={`/dot-tong-hop/${r.campaign.id}`}>{r.campaign.name.slice(0, 60)}…</Link> },
          { title: <Link to={`/dot/${r.campaign.id}/tien-do`}>Tiến độ</Link> },
          { title: "Xem xét" },
        ]}
      />
      <Card>
        <Space style={{ width: "100%", justifyContent: "space-between" }} align="start" wrap>
          <div style={{ maxWidth: 1000 }}>
            <Typography.Text type="secondary">{r.item.labelPath.filter((l) => l !== "-").join(" › ")}</Typography.Text>
            <Typography.Title level={4} style={{ marginTop: 4 }} data-testid="review-title">
              {r.item.label !== "-" ? `${r.item.label}. ` : ""}
              {r.item.title}
            </Typography.Title>
            {r.item.guidance && <Typography.Paragraph type="secondary">{r.item.guidance}</Typography.Paragraph>}
          </div>
          <Space>
            <Link to={r.previousItemId ? `/dot/${r.campaign.id}/xem-xet/${r.previousItemId}` : "#"} aria-disabled={!r.previousItemId}>
              <Button icon={<LeftOutlined />} disabled={!r.previousItemId}>
                Mục trước
              </Button>
            </Link>
            <Link to={r.nextItemId ? `/dot/${r.campaign.id}/xem-xet/${r.nextItemId}` : "#"} aria-disabled={!r.nextItemId}>
              <Button disabled={!r.nextItemId}>
                Mục sau <RightOutlined />
              </Button>
            </Link>
          </Space>
        </Space>
      </Card>
      {r.parts.length === 0 ? (
        <Alert type="info" showIcon title="Mục này không giao riêng cho cơ quan nào: nội dung do cơ quan được giao mục cha viết." />
      ) : (
        <div style={{ display: "flex", gap: 12, overflowX: "auto", alignItems: "stretch" }}>
          {r.parts.map((p) => (
            <div key={p.assignmentId} style={{ flex: `0 0 ${typeof width === "number" ? `${width}px` : `calc(${width} - 8px)`}`, minWidth: 320 }}>
              <PartCard
                r={r}
                part={p}
                onAction={(a) => setAction({ part: p, action: a })}
                onExtend={() =>
                  setExtension({ agencyId: p.agencyId, agencyName: p.agencyName, outlineItemId: r.item.id, what: `mục ${r.item.label} ${r.item.title.slice(0, 80)}`, currentDue: p.dueDate, extended: !!p.extensionReason })
                }
              />
            </div>
          ))}
        </div>
      )}
      <Figures r={r} />
      {action && <ActionModal campaignId={r.campaign.id} itemId={r.item.id} part={action.part} action={action.action} onClose={() => setAction(null)} />}
      {extension && <ExtensionModal campaignId={r.campaign.id} target={extension} onClose={() => setExtension(null)} />}
    </Space>
  );
}

export { ReviewPage as Component };
