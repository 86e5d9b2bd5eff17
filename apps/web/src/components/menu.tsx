import { CommentOutlined, ScheduleOutlined } from "@ant-design/icons";
import { ApartmentOutlined, AuditOutlined, BarChartOutlined, BellOutlined, CalendarOutlined, MailOutlined, CheckSquareOutlined, DatabaseOutlined, ProjectOutlined, FileDoneOutlined, TeamOutlined } from "@ant-design/icons";
import type { Role } from "@tonghop/contracts";
import type { ReactNode } from "react";

export interface MenuEntry {
  key: string;
  path: string;
  label: string;
  icon: ReactNode;
  /** Roles that see the entry; empty = everyone signed in. */
  roles: Role[];
  /** Roles for which this entry is the landing page, in priority order of MENU. */
  homeFor?: Role[];
}

/** The main menu, in display order. Each feature area adds its entry here. */
export const MENU: MenuEntry[] = [
  { key: "viec-cua-don-vi", path: "/viec-cua-don-vi", label: "Việc của đơn vị", icon: <CheckSquareOutlined />, roles: ["officer", "leader"], homeFor: ["officer", "leader"] },
  { key: "dot-tong-hop", path: "/dot-tong-hop", label: "Đợt tổng hợp", icon: <ProjectOutlined />, roles: ["coordinator", "coordinator_leader", "admin", "viewer"], homeFor: ["coordinator", "coordinator_leader"] },
  { key: "danh-muc-chi-tieu", path: "/danh-muc-chi-tieu", label: "Danh mục chỉ tiêu", icon: <DatabaseOutlined />, roles: ["coordinator", "coordinator_leader", "admin"] },
  { key: "co-quan", path: "/co-quan", label: "Cơ quan", icon: <ApartmentOutlined />, roles: [] },
  { key: "lap-bao-cao", path: "/lap-bao-cao", label: "Lập báo cáo", icon: <FileDoneOutlined />, roles: ["coordinator", "coordinator_leader", "officer", "leader", "viewer"] },
  { key: "gop-y", path: "/gop-y", label: "Lấy ý kiến dự thảo", icon: <CommentOutlined />, roles: ["coordinator", "coordinator_leader", "officer", "leader", "viewer", "admin"] },
  { key: "chuong-trinh-hanh-dong", path: "/chuong-trinh-hanh-dong", label: "Chương trình hành động", icon: <ScheduleOutlined />, roles: [] },
  { key: "phan-tich", path: "/phan-tich", label: "Phân tích", icon: <BarChartOutlined />, roles: [], homeFor: ["viewer"] },
  { key: "nguoi-dung", path: "/nguoi-dung", label: "Người dùng", icon: <TeamOutlined />, roles: ["admin"], homeFor: ["admin"] },
  { key: "nhat-ky", path: "/nhat-ky", label: "Nhật ký", icon: <AuditOutlined />, roles: ["admin"] },
  { key: "thong-bao", path: "/thong-bao", label: "Thông báo", icon: <BellOutlined />, roles: [] },
  { key: "lich-nghi", path: "/lich-nghi", label: "Lịch nghỉ lễ", icon: <CalendarOutlined />, roles: ["admin", "coordinator", "coordinator_leader"] },
  { key: "hop-thu-di", path: "/hop-thu-di", label: "Hộp thư đi", icon: <MailOutlined />, roles: ["admin"] },
];

export function visibleMenu(roles: Role[]): MenuEntry[] {
  return MENU.filter((m) => m.roles.length === 0 || m.roles.some((r) => roles.includes(r)));
}

/** Where a user lands after signing in: the first menu entry that is home for one of their roles. */
export function homePathFor(roles: Role[]): string {
  return MENU.find((m) => m.homeFor?.some((r) => roles.includes(r)))?.path ?? "/co-quan";
}
