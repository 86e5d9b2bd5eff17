import { CheckOutlined } from "@ant-design/icons";
import type { CampaignSummaryDto, NotificationDto } from "@tonghop/contracts";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Empty, List, Segmented, Select, Space, Tag, Typography } from "antd";
import { useNavigate, useSearchParams } from "react-router";
import { api, qs } from "../../api/client";
import { fmtDateTime } from "../../lib/format";

/** Categories of the centre, as kind prefixes of the notifications API. */
export const NOTIFICATION_CATEGORIES = {
  all: { label: "Tất cả", kinds: null },
  returned: { label: "Bị trả lại", kinds: "assignment.returned,assignment.reopened,assignment.returned-internal" },
  due: { label: "Hạn, nhắc hạn", kinds: "reminder.,assignment.extended,chase-letter." },
  workflow: { label: "Gửi, tiếp nhận", kinds: "assignment.submitted,assignment.sent,assignment.accepted" },
  campaign: { label: "Thay đổi của đợt", kinds: "campaign." },
} as const;
export type NotificationCategory = keyof typeof NOTIFICATION_CATEGORIES;

/** The label of a notification kind, for the tag shown next to it. */
export function categoryOf(kind: string): NotificationCategory {
  for (const [key, c] of Object.entries(NOTIFICATION_CATEGORIES) as [NotificationCategory, (typeof NOTIFICATION_CATEGORIES)[NotificationCategory]][]) {
    if (!c.kinds) continue;
    if (c.kinds.split(",").some((k) => (k.endsWith(".") ? kind.startsWith(k) : kind === k))) return key;
  }
  return "all";
}

const TAG_COLOURS: Record<NotificationCategory, string> = { all: "default", returned: "orange", due: "red", workflow: "blue", campaign: "purple" };
const PAGE = 30;

/** Thông báo: every notification of the signed-in user, filtered by kind, campaign and read state; mark read. */
export function NotificationsPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const category = ((params.get("loai") ?? "all") in NOTIFICATION_CATEGORIES ? params.get("loai") ?? "all" : "all") as NotificationCategory;
  const unreadOnly = params.get("chua-doc") === "1";
  const campaignId = params.get("dot");
  const campaigns = useQuery({ queryKey: ["campaigns", "list"], queryFn: () => api.get<CampaignSummaryDto[]>("/api/campaigns") });
  const list = useInfiniteQuery({
    queryKey: ["notifications", "centre", category, unreadOnly, campaignId],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api.get<{ items: NotificationDto[]; unread: number }>(
        `/api/notifications${qs({ limit: PAGE, before: pageParam, unread: unreadOnly ? "true" : null, kinds: NOTIFICATION_CATEGORIES[category].kinds, campaignId })}`,
      ),
    getNextPageParam: (last) => (last.items.length < PAGE ? null : last.items[last.items.length - 1]!.createdAt),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ["notifications"] });
  const read = useMutation({ mutationFn: (id: string) => api.post<NotificationDto>(`/api/notifications/${id}/read`), onSuccess: refresh });
  const readAll = useMutation({
    mutationFn: () => api.post<{ marked: number }>("/api/notifications/read-all"),
    onSuccess: (r) => {
      void message.success(`Đã đánh dấu ${r.marked} thông báo là đã đọc.`);
      refresh();
    },
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const campaignName = new Map((campaigns.data ?? []).map((c) => [c.id, c.name]));

  return (
    <Card
      title={`Thông báo${unread ? ` (${unread} chưa đọc)` : ""}`}
      extra={
        <Button icon={<CheckOutlined />} disabled={!unread} onClick={() => readAll.mutate()} loading={readAll.isPending}>
          Đánh dấu tất cả đã đọc
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<NotificationCategory>
          value={category}
          onChange={(v) => set("loai", v === "all" ? null : v)}
          options={(Object.keys(NOTIFICATION_CATEGORIES) as NotificationCategory[]).map((k) => ({ value: k, label: NOTIFICATION_CATEGORIES[k].label }))}
        />
        <Segmented value={unreadOnly ? "unread" : "all"} onChange={(v) => set("chua-doc", v === "unread" ? "1" : null)} options={[{ value: "all", label: "Tất cả" }, { value: "unread", label: "Chưa đọc" }]} />
        <Select
          allowClear
          placeholder="Đợt tổng hợp"
          style={{ width: 340 }}
          value={campaignId ?? undefined}
          onChange={(v: string | undefined) => set("dot", v ?? null)}
          options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          showSearch
          optionFilterProp="label"
        />
      </Space>
      {!list.isLoading && items.length === 0 ? (
        <Empty description="Không có thông báo nào." />
      ) : (
        <List<NotificationDto>
          loading={list.isLoading}
          dataSource={items}
          data-testid="notifications-centre"
          renderItem={(n) => {
            const cat = categoryOf(n.kind);
            return (
              <List.Item
                style={{ background: n.readAt ? undefined : "#fff7e6", paddingInline: 12, cursor: n.link ? "pointer" : undefined }}
                onClick={() => {
                  if (!n.readAt) read.mutate(n.id);
                  if (n.link) void navigate(n.link);
                }}
                actions={
                  n.readAt
                    ? []
                    : [
                        <Button
                          key="r"
                          size="small"
                          type="link"
                          onClick={(e) => {
                            e.stopPropagation();
                            read.mutate(n.id);
                          }}
                        >
                          Đã đọc
                        </Button>,
                      ]
                }
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      {cat !== "all" && <Tag color={TAG_COLOURS[cat]}>{NOTIFICATION_CATEGORIES[cat].label}</Tag>}
                      <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                    </Space>
                  }
                  description={
                    <>
                      <div style={{ whiteSpace: "pre-line" }}>{n.body}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {fmtDateTime(n.createdAt)}
                        {n.campaignId && campaignName.get(n.campaignId) ? ` · ${campaignName.get(n.campaignId)}` : ""}
                        {n.readAt ? ` · đã đọc ${fmtDateTime(n.readAt)}` : ""}
                      </Typography.Text>
                    </>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
      {list.hasNextPage && (
        <div style={{ textAlign: "center", marginTop: 12 }}>
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Xem thêm
          </Button>
        </div>
      )}
    </Card>
  );
}

export { NotificationsPage as Component };
