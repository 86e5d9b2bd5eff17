import { KeyOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { ROLE_LABELS } from "@tonghop/contracts";
import { Avatar, Dropdown, Layout, Menu, Typography } from "antd";
import { Outlet, useLocation, useNavigate } from "react-router";
import { useSession } from "../api/session";
import { NotificationBell } from "../features/notifications/NotificationBell";
import { visibleMenu } from "./menu";

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { user, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const entries = visibleMenu(user?.roles ?? []);
  const selected = entries.find((e) => location.pathname === e.path || location.pathname.startsWith(e.path + "/"))?.key;

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Sider breakpoint="lg" collapsedWidth={0} width={230} theme="light" style={{ borderRight: "1px solid #f0f0f0" }}>
        <div style={{ padding: "16px 20px", borderBottom: "1px solid #f0f0f0" }}>
          <Typography.Title level={4} style={{ margin: 0, color: "#a31f24" }}>
            Tổng hợp
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            Báo cáo, kế hoạch của UBND
          </Typography.Text>
        </div>
        <Menu
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={entries.map((e) => ({ key: e.key, icon: e.icon, label: e.label, onClick: () => void navigate(e.path) }))}
          style={{ borderInlineEnd: 0 }}
        />
      </Sider>
      <Layout>
        <Header style={{ background: "#fff", padding: "0 24px", display: "flex", justifyContent: "flex-end", alignItems: "center", gap: 16, borderBottom: "1px solid #f0f0f0" }}>
          {user && <NotificationBell />}
          {user && (
            <Dropdown
              menu={{
                items: [
                  { key: "pw", icon: <KeyOutlined />, label: "Đổi mật khẩu", onClick: () => void navigate("/doi-mat-khau") },
                  { type: "divider" },
                  {
                    key: "out",
                    icon: <LogoutOutlined />,
                    label: "Đăng xuất",
                    onClick: () => void logout().then(() => navigate("/dang-nhap")),
                  },
                ],
              }}
            >
              <span style={{ cursor: "pointer", display: "inline-flex", gap: 8, alignItems: "center" }} data-testid="user-menu">
                <Avatar size="small" icon={<UserOutlined />} />
                <span>
                  <strong>{user.fullName}</strong>
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    {user.agencyShortName} · {user.roles.map((r) => ROLE_LABELS[r]).join(", ")}
                  </Typography.Text>
                </span>
              </span>
            </Dropdown>
          )}
        </Header>
        <Content style={{ padding: 24, background: "#f5f5f5" }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
