import { BellOutlined } from "@ant-design/icons";
import type { NotificationDto } from "@tonghop/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Button, Empty, List, Popover, Space, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { api } from "../../api/client";
import { fmtDateTime } from "../../lib/format";

const KEY = ["notifications"] as const;

/** The bell in the header: unread count (refreshed every minute), the latest notifications, mark read. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const count = useQuery({
    queryKey: [...KEY, "count"],
    queryFn: () => api.get<{ unread: number }>("/api/notifications/unread-count"),
    refetchInterval: 60_000,
  });
  const list = useQuery({
    queryKey: [...KEY, "list"],
    queryFn: () => api.get<{ items: NotificationDto[]; unread: number }>("/api/notifications?limit=20"),
    enabled: open,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: KEY });
  const read = useMutation({ mutationFn: (id: string) => api.post<NotificationDto>(`/api/notifications/${id}/read`), onSuccess: refresh });
  const readAll = useMutation({ mutationFn: () => api.post<{ marked: number }>("/api/notifications/read-all"), onSuccess: refresh });
  const unread = count.data?.unread ?? 0;

  const content = (
    <div style={{ width: 420, maxHeight: 480, overflowY: "auto" }} data-testid="notifications-list">
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 8 }}>
        <Typography.Text strong>Thông báo</Typography.Text>
        <Space size={0}>
          <Button size="small" type="link" disabled={!unread} onClick={() => readAll.mutate()}>
            Đánh dấu tất cả đã đọc
          </Button>
          <Button
            size="small"
            type="link"
            onClick={() => {
              setOpen(false);
              void navigate("/thong-bao");
            }}
          >
            Xem tất cả
          </Button>
        </Space>
      </Space>
      {list.data && list.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Chưa có thông báo." />
      ) : (
        <List<NotificationDto>
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          renderItem={(n) => (
            <List.Item
              style={{ cursor: "pointer", background: n.readAt ? undefined : "#fff7e6", paddingInline: 8 }}
              onClick={() => {
                if (!n.readAt) read.mutate(n.id);
                setOpen(false);
                if (n.link) void navigate(n.link);
              }}
            >
              <List.Item.Meta
                title={<Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>}
                description={
                  <>
                    <div>{n.body}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fmtDateTime(n.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Badge count={unread} size="small" overflowCount={99}>
        <Button type="text" icon={<BellOutlined style={{ fontSize: 18 }} />} aria-label={unread ? `Thông báo (${unread} chưa đọc)` : "Thông báo"} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
