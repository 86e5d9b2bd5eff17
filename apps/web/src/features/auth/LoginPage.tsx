import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { useSession } from "../../api/session";
import { errorMessage } from "../../components/ErrorAlert";
import { homePathFor } from "../../components/menu";

export function LoginPage() {
  const { user, login } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = params.get("tiep");

  if (user) return <Navigate to={next ?? homePathFor(user.roles)} replace />;

  const onFinish = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const me = await login(values.username, values.password);
      await navigate(me.mustChangePassword ? "/doi-mat-khau" : (next ?? homePathFor(me.roles)), { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: "100vh", display: "grid", placeItems: "center", background: "linear-gradient(160deg, #fdf3f2 0%, #f5f5f5 60%)" }}>
      <Card style={{ width: 400 }}>
        <Typography.Title level={3} style={{ marginBottom: 0, color: "#a31f24" }}>
          Tổng hợp
        </Typography.Title>
        <Typography.Paragraph type="secondary">Điều phối xây dựng báo cáo, kế hoạch của Ủy ban nhân dân thành phố</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form layout="vertical" onFinish={(v: { username: string; password: string }) => void onFinish(v)} requiredMark={false}>
          <Form.Item label="Tên đăng nhập" name="username" rules={[{ required: true, message: "Hãy nhập tên đăng nhập" }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="Mật khẩu" name="password" rules={[{ required: true, message: "Hãy nhập mật khẩu" }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            Đăng nhập
          </Button>
        </Form>
      </Card>
    </div>
  );
}
