import { ReloadOutlined, RedoOutlined } from "@ant-design/icons";
import { MAIL_STATUS_LABELS, type MailStatus, type OutboxDetailDto, type OutboxItemDto, type OutboxListDto } from "@tonghop/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Drawer, Input, Segmented, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { api, qs } from "../../api/client";
import { fmtDateTime } from "../../lib/format";

const COLOURS: Record<MailStatus, string> = { pending: "gold", sending: "blue", sent: "green", failed: "red" };

/** Hộp thư đi: every e-mail with its status, attempts, next try and last error; the dev outbox without SMTP_URL. */
export function OutboxPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<MailStatus | "all">("all");
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ["outbox", status, q, page],
    queryFn: () => api.get<OutboxListDto>(`/api/mail/outbox${qs({ status: status === "all" ? null : status, q: q || null, limit: 50, offset: (page - 1) * 50 })}`),
    refetchInterval: 15_000,
  });
  const detail = useQuery({ queryKey: ["outbox", "detail", open], queryFn: () => api.get<OutboxDetailDto>(`/api/mail/outbox/${open}`), enabled: !!open });
  const retry = useMutation({
    mutationFn: (id: string) => api.post<OutboxItemDto>(`/api/mail/outbox/${id}/retry`),
    onSuccess: () => {
      void message.success("Đã đưa thư vào hàng chờ gửi lại.");
      void qc.invalidateQueries({ queryKey: ["outbox"] });
    },
    onError: (e: Error) => void message.error(e.message),
  });
  const d = list.data;
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      <Card
        title="Hộp thư đi"
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
            Tải lại
          </Button>
        }
      >
        {d && (
          <Alert
            style={{ marginBottom: 12 }}
            type={d.mode === "dev" ? "info" : "success"}
            showIcon
            title={
              d.mode === "dev"
                ? "Chưa cấu hình máy chủ thư (SMTP_URL): thư không gửi ra ngoài mà lưu tại đây để xem (hộp thư thử)."
                : `Gửi qua máy chủ thư ${d.smtpHost ?? ""}. Thư lỗi tạm thời được gửi lại sau 1, 2, 4 … phút (tối đa 1 giờ); mỗi thư có mã Message-ID cố định nên không bị gửi trùng.`
            }
          />
        )}
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented<MailStatus | "all">
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={[
              { value: "all", label: "Tất cả" },
              ...(Object.keys(MAIL_STATUS_LABELS) as MailStatus[]).map((s) => ({ value: s, label: `${MAIL_STATUS_LABELS[s]} (${d?.counts[s] ?? 0})` })),
            ]}
          />
          <Input.Search allowClear placeholder="Người nhận, tiêu đề" onSearch={(v) => setQ(v)} style={{ width: 280 }} />
        </Space>
        <Table<OutboxItemDto>
          size="small"
          rowKey="id"
          loading={list.isLoading}
          dataSource={d?.items ?? []}
          pagination={{ current: page, pageSize: 50, total: d?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: "pointer" } })}
          columns={[
            { title: "Tạo lúc", dataIndex: "createdAt", width: 140, render: (v: string) => fmtDateTime(v) },
            { title: "Người nhận", key: "to", render: (_, r) => (r.toName ? `${r.toName} <${r.toAddress}>` : r.toAddress) },
            { title: "Tiêu đề", dataIndex: "subject" },
            { title: "Trạng thái", dataIndex: "status", width: 140, render: (v: MailStatus, r) => <Tag color={COLOURS[v]}>{MAIL_STATUS_LABELS[v]}{r.transport === "dev" ? " (hộp thư thử)" : ""}</Tag> },
            { title: "Số lần thử", key: "attempts", width: 100, render: (_, r) => `${r.attempts}/${r.maxAttempts}` },
            {
              title: "Lần sau / lỗi gần nhất",
              key: "err",
              render: (_, r) => (
                <>
                  {r.nextAttemptAt && r.attempts > 0 ? <div>Thử lại lúc {fmtDateTime(r.nextAttemptAt)}</div> : null}
                  {r.lastError ? <Typography.Text type="danger">{r.lastError}</Typography.Text> : null}
                </>
              ),
            },
            {
              title: "",
              key: "retry",
              width: 110,
              render: (_, r) =>
                r.status === "failed" && (
                  <Button
                    size="small"
                    icon={<RedoOutlined />}
                    onClick={(e) => {
                      e.stopPropagation();
                      retry.mutate(r.id);
                    }}
                  >
                    Gửi lại
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <Drawer open={!!open} onClose={() => setOpen(null)} width={720} title={detail.data?.subject}>
        {detail.data && (
          <Space direction="vertical" style={{ width: "100%" }}>
            <Typography.Text type="secondary">
              Message-ID: <code>{detail.data.messageId}</code>
            </Typography.Text>
            {detail.data.smtpResponse && <Typography.Text type="secondary">Máy chủ trả lời: {detail.data.smtpResponse}</Typography.Text>}
            <pre style={{ whiteSpace: "pre-wrap", background: "#fafafa", padding: 12, border: "1px solid #f0f0f0" }}>{detail.data.text}</pre>
            {detail.data.raw && (
              <details>
                <summary>Nguồn thư (RFC 822)</summary>
                <pre style={{ whiteSpace: "pre-wrap", fontSize: 11 }}>{detail.data.raw}</pre>
              </details>
            )}
          </Space>
        )}
      </Drawer>
    </Space>
  );
}

export { OutboxPage as Component };
