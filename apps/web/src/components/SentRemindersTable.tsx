import type { SentReminderDto } from "@tonghop/contracts";
import { MAIL_STATUS_LABELS } from "@tonghop/contracts";
import { useQuery } from "@tanstack/react-query";
import { Table, Tag } from "antd";
import { api } from "../api/client";
import { fmtDateTime } from "../lib/format";
import { ErrorAlert } from "./ErrorAlert";

export const sentRemindersKey = (url: string) => ["sent-reminders", url] as const;

/**
 * The reminders that went out (comment round or action programme), newest first: when, to whom, about what, which
 * step, and whether the e-mail left. The coordinator's answer to "did we chase them?".
 */
export function SentRemindersTable({ url, emptyText }: { url: string; emptyText: string }) {
  const q = useQuery({ queryKey: sentRemindersKey(url), queryFn: () => api.get<SentReminderDto[]>(url) });
  return (
    <>
      <ErrorAlert error={q.error} />
      <Table<SentReminderDto>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data ?? []}
        locale={{ emptyText }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        data-testid="sent-reminders"
        columns={[
          { title: "Thời điểm", dataIndex: "createdAt", width: 140, render: (v: string) => fmtDateTime(v) },
          { title: "Cơ quan", dataIndex: "agencyName" },
          { title: "Người nhận", dataIndex: "recipientName" },
          { title: "Nội dung nhắc", dataIndex: "subject" },
          { title: "Lần nhắc", dataIndex: "stepLabel", width: 170 },
          {
            title: "Thư điện tử",
            dataIndex: "mailStatus",
            width: 130,
            render: (v: SentReminderDto["mailStatus"]) => (v ? <Tag color={v === "sent" ? "green" : v === "failed" ? "red" : "default"}>{MAIL_STATUS_LABELS[v]}</Tag> : <Tag>Không có địa chỉ</Tag>),
          },
        ]}
      />
    </>
  );
}
