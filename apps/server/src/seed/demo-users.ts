import type { Role } from "@tonghop/contracts";

/** Demo accounts created on first start. Agencies are named as in the directory (resolved by name). */
export interface DemoUser {
  username: string;
  fullName: string;
  agency: string;
  roles: Role[];
  note: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: "quantri", fullName: "Nguyễn Văn Quản", agency: "Sở Thông tin và Truyền thông", roles: ["admin"], note: "Quản trị hệ thống" },
  { username: "tonghop", fullName: "Trần Thị Hợp", agency: "Sở Kế hoạch và Đầu tư", roles: ["coordinator"], note: "Chuyên viên tổng hợp" },
  { username: "lanhdao.tonghop", fullName: "Phạm Minh Đạo", agency: "Sở Kế hoạch và Đầu tư", roles: ["coordinator_leader", "coordinator"], note: "Lãnh đạo cơ quan tổng hợp" },
  { username: "thongke", fullName: "Lê Thị Kê", agency: "Cục Thống kê thành phố", roles: ["officer"], note: "Chuyên viên Cục Thống kê" },
  { username: "thongke.lanhdao", fullName: "Vũ Đức Thống", agency: "Cục Thống kê thành phố", roles: ["leader"], note: "Lãnh đạo Cục Thống kê" },
  { username: "giaothong", fullName: "Hoàng Văn Thông", agency: "Sở Giao thông vận tải", roles: ["officer"], note: "Chuyên viên Sở GTVT" },
  { username: "giaothong.lanhdao", fullName: "Đặng Quốc Lộ", agency: "Sở Giao thông vận tải", roles: ["leader"], note: "Lãnh đạo Sở GTVT" },
  { username: "taichinh", fullName: "Bùi Thị Ngân", agency: "Sở Tài chính", roles: ["officer"], note: "Chuyên viên Sở Tài chính" },
  { username: "congthuong", fullName: "Ngô Văn Thương", agency: "Sở Công Thương", roles: ["officer", "leader"], note: "Chuyên viên kiêm lãnh đạo Sở Công Thương" },
  { username: "xem", fullName: "Đỗ Thành Lãnh", agency: "Ủy ban nhân dân thành phố Hải Phòng", roles: ["viewer"], note: "Lãnh đạo thành phố (chỉ xem)" },
];
