import { App, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";
import { useSession } from "../../api/session";
import { ErrorAlert } from "../../components/ErrorAlert";

export function ChangePasswordPage() {
  const { user } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async (v: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api.post("/api/auth/password", { currentPassword: v.currentPassword, newPassword: v.newPassword });
      await queryClient.invalidateQueries({ queryKey: ["auth", "me"] });
      void message.success("Đã đổi mật khẩu.");
      await navigate("/");
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="Đổi mật khẩu" style={{ maxWidth: 480 }}>
      {user?.mustChangePassword && (
        <Typography.Paragraph type="warning">Mật khẩu của bạn là mật khẩu tạm. Hãy đặt mật khẩu mới trước khi làm việc.</Typography.Paragraph>
      )}
      <ErrorAlert error={error} />
      <Form layout="vertical" onFinish={(v: { currentPassword: string; newPassword: string }) => void onFinish(v)}>
        <Form.Item label="Mật khẩu hiện tại" name="currentPassword" rules={[{ required: true, message: "Hãy nhập mật khẩu hiện tại" }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="Mật khẩu mới"
          name="newPassword"
          extra="Ít nhất 10 ký tự, có cả chữ và số."
          rules={[
            { required: true, message: "Hãy nhập mật khẩu mới" },
            { min: 10, message: "Mật khẩu phải dài ít nhất 10 ký tự" },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="Nhập lại mật khẩu mới"
          name="confirm"
          dependencies={["newPassword"]}
          rules={[
            { required: true, message: "Hãy nhập lại mật khẩu mới" },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue("newPassword") ? Promise.resolve() : Promise.reject(new Error("Hai lần nhập mật khẩu mới không khớp")),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          Đổi mật khẩu
        </Button>
      </Form>
    </Card>
  );
}
