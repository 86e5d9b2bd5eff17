import { PlusOutlined } from "@ant-design/icons";
import { ROLE_LABELS, ROLES, type Role, type UserDto } from "@tonghop/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Card, Checkbox, Form, Input, Modal, Space, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { api, qs } from "../../api/client";
import { ErrorAlert } from "../../components/ErrorAlert";
import { fmtDateTime } from "../../lib/format";
import { AgencySelect } from "../agencies/AgencySelect";

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const USERS_KEY = ["users"];

function PasswordNotice({ username, password }: { username: string; password: string }) {
  return (
    <div>
      <p>
        Mật khẩu tạm của <strong>{username}</strong> (chỉ hiện một lần; người dùng phải đổi ở lần đăng nhập đầu):
      </p>
      <Typography.Text code copyable style={{ fontSize: 16 }} data-testid="temporary-password">
        {password}
      </Typography.Text>
    </div>
  );
}

function UserModal({ user, onClose }: { user: UserDto | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const { modal, message } = App.useApp();
  type V = { username: string; fullName: string; email?: string; agencyId: string; roles: Role[] };
  const mutation = useMutation({
    mutationFn: async (v: V) => {
      if (user) return { user: await api.patch<UserDto>(`/api/users/${user.id}`, { fullName: v.fullName, email: v.email || null, agencyId: v.agencyId, roles: v.roles }) };
      return api.post<{ user: UserDto; temporaryPassword?: string }>("/api/users", { ...v, email: v.email || null });
    },
    onSuccess: async (res) => {
      await queryClient.invalidateQueries({ queryKey: USERS_KEY });
      void message.success(user ? "Đã lưu người dùng." : "Đã tạo người dùng.");
      if ("temporaryPassword" in res && res.temporaryPassword) {
        modal.info({ title: "Đã tạo người dùng", content: <PasswordNotice username={res.user.username} password={res.temporaryPassword} />, okText: "Đã ghi lại" });
      }
      onClose();
    },
  });
  return (
    <Modal
      open
      title={user ? `Sửa người dùng ${user.username}` : "Tạo người dùng"}
      okText={user ? "Lưu" : "Tạo"}
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: mutation.isPending }}
      destroyOnHidden
    >
      <ErrorAlert error={mutation.error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={user ? { username: user.username, fullName: user.fullName, email: user.email ?? "", agencyId: user.agencyId, roles: user.roles } : { roles: ["officer"] }}
        onFinish={(v: V) => mutation.mutate(v)}
      >
        <Form.Item name="username" label="Tên đăng nhập" rules={[{ required: true, message: "Hãy nhập tên đăng nhập" }]}>
          <Input disabled={!!user} placeholder="vd: nguyenvana.sotc" />
        </Form.Item>
        <Form.Item name="fullName" label="Họ và tên" rules={[{ required: true, message: "Hãy nhập họ và tên" }]}>
          <Input />
        </Form.Item>
        <Form.Item name="email" label="Thư điện tử">
          <Input type="email" />
        </Form.Item>
        <Form.Item name="agencyId" label="Cơ quan" rules={[{ required: true, message: "Hãy chọn cơ quan" }]}>
          <AgencySelect />
        </Form.Item>
        <Form.Item name="roles" label="Vai trò" rules={[{ required: true, message: "Hãy chọn ít nhất một vai trò" }]}>
          <Checkbox.Group options={roleOptions} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function UsersPage() {
  const [q, setQ] = useState("");
  const [includeDisabled, setIncludeDisabled] = useState(false);
  const [editing, setEditing] = useState<UserDto | null | "new">(null);
  const queryClient = useQueryClient();
  const { modal, message } = App.useApp();
  const users = useQuery({
    queryKey: [...USERS_KEY, q, includeDisabled],
    queryFn: () => api.get<UserDto[]>(`/api/users${qs({ q, includeDisabled: includeDisabled ? "true" : undefined })}`),
  });
  const toggle = useMutation({
    mutationFn: (u: UserDto) => api.patch<UserDto>(`/api/users/${u.id}`, { disabled: !u.disabled }),
    onSuccess: async (u) => {
      await queryClient.invalidateQueries({ queryKey: USERS_KEY });
      void message.success(u.disabled ? `Đã khóa ${u.username}.` : `Đã mở khóa ${u.username}.`);
    },
    onError: (e) => void message.error(e.message),
  });
  const reset = useMutation({
    mutationFn: (u: UserDto) => api.post<{ temporaryPassword: string }>(`/api/users/${u.id}/reset-password`).then((r) => ({ ...r, u })),
    onSuccess: (r) => modal.info({ title: "Đã đặt lại mật khẩu", content: <PasswordNotice username={r.u.username} password={r.temporaryPassword} />, okText: "Đã ghi lại" }),
    onError: (e) => void message.error(e.message),
  });

  return (
    <Card
      title="Người dùng"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
          Tạo người dùng
        </Button>
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search allowClear placeholder="Tìm tên đăng nhập, họ tên, thư" onSearch={setQ} style={{ width: 320 }} aria-label="Tìm người dùng" />
        <Switch checked={includeDisabled} onChange={setIncludeDisabled} /> Hiện cả tài khoản đã khóa
      </Space>
      <ErrorAlert error={users.error} />
      <Table<UserDto>
        rowKey="id"
        loading={users.isLoading}
        dataSource={users.data ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: "Tên đăng nhập", dataIndex: "username", render: (v: string, u) => (u.disabled ? <Typography.Text delete>{v}</Typography.Text> : v) },
          { title: "Họ và tên", dataIndex: "fullName" },
          { title: "Cơ quan", dataIndex: "agencyName" },
          { title: "Vai trò", dataIndex: "roles", render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{ROLE_LABELS[r]}</Tag>) },
          { title: "Đăng nhập gần nhất", dataIndex: "lastLoginAt", render: (v: string | null) => fmtDateTime(v) || "—" },
          {
            title: "",
            key: "actions",
            render: (_, u) => (
              <Space>
                <Button size="small" onClick={() => setEditing(u)}>
                  Sửa
                </Button>
                <Button size="small" onClick={() => reset.mutate(u)}>
                  Đặt lại mật khẩu
                </Button>
                <Button size="small" danger={!u.disabled} onClick={() => toggle.mutate(u)}>
                  {u.disabled ? "Mở khóa" : "Khóa"}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && <UserModal user={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
