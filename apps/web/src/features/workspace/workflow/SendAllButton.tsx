import { SendOutlined } from "@ant-design/icons";
import { ASSIGNMENT_STATE_LABELS, type SendAllItemDto } from "@tonghop/contracts";
import { Alert, App, Button, List, Modal, Spin, Typography } from "antd";
import { useState } from "react";
import { ApiError } from "../../../api/client";
import { ErrorAlert, errorMessage } from "../../../components/ErrorAlert";
import { useSendAll, useSendAllPreview } from "./workflow.api";

function Items({ items, problems }: { items: SendAllItemDto[]; problems?: boolean }) {
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(i) => (
        <List.Item>
          <div>
            <Typography.Text>{i.title}</Typography.Text> <Typography.Text type="secondary">({ASSIGNMENT_STATE_LABELS[i.state].toLowerCase()})</Typography.Text>
            {(problems ? i.problems : i.warnings).map((p) => (
              <div key={p}>
                <Typography.Text type={problems ? "danger" : "warning"} style={{ fontSize: 12 }}>
                  {p}
                </Typography.Text>
              </div>
            ))}
          </div>
        </List.Item>
      )}
    />
  );
}

/**
 * "Gửi tất cả" for an agency leader in one campaign: a preview of what will be sent and what blocks, then one
 * transaction that sends everything or nothing.
 */
export function SendAllButton({ campaignId }: { campaignId: string }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const preview = useSendAllPreview(campaignId, open);
  const send = useSendAll(campaignId);
  const data = preview.data;
  const blocked = data?.blocked ?? [];
  const ready = data?.ready ?? [];
  return (
    <>
      <Button type="primary" icon={<SendOutlined />} onClick={() => setOpen(true)} data-testid="send-all">
        Gửi tất cả
      </Button>
      <Modal
        open={open}
        width={760}
        title="Gửi tất cả nhiệm vụ của đơn vị cho cơ quan tổng hợp"
        okText={`Gửi ${ready.length} nhiệm vụ`}
        cancelText="Đóng"
        okButtonProps={{ disabled: !data || blocked.length > 0 || ready.length === 0, loading: send.isPending, ...({ "data-testid": "send-all-confirm" } as object) }}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        onOk={async () => {
          try {
            const r = await send.mutateAsync();
            void message.success(`Đã gửi ${r.sent.length} nhiệm vụ cho cơ quan tổng hợp.`);
            setOpen(false);
          } catch (e) {
            void message.error(errorMessage(e));
            if (e instanceof ApiError) void preview.refetch();
          }
        }}
      >
        <ErrorAlert error={preview.error} />
        {preview.isLoading && <Spin />}
        {data && (
          <>
            {blocked.length > 0 && (
              <>
                <Alert
                  type="error"
                  showIcon
                  style={{ marginBottom: 8 }}
                  title={`Chưa gửi được: ${blocked.length} nhiệm vụ còn vướng. Xử lý các nhiệm vụ dưới đây (viết nội dung hoặc khai báo không có số liệu) rồi gửi lại; không nhiệm vụ nào được gửi riêng lẻ.`}
                />
                <Items items={blocked} problems />
              </>
            )}
            {ready.length > 0 && (
              <>
                <Typography.Title level={5} style={{ marginTop: 12 }}>
                  Sẽ gửi ({ready.length})
                </Typography.Title>
                <Items items={ready} />
              </>
            )}
            {ready.length === 0 && blocked.length === 0 && <Alert type="success" showIcon title="Tất cả nhiệm vụ đã được gửi hoặc tiếp nhận." />}
            {data.done > 0 && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                {data.done} nhiệm vụ đã gửi hoặc đã được tiếp nhận trước đó.
              </Typography.Paragraph>
            )}
          </>
        )}
      </Modal>
    </>
  );
}
