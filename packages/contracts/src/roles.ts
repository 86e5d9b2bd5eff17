import { z } from "zod";

/** Roles (DOMAIN.md "Roles"). A user belongs to one agency and holds one or more roles. */
export const ROLES = ["admin", "coordinator", "coordinator_leader", "officer", "leader", "viewer"] as const;
export const roleSchema = z.enum(ROLES).describe("Vai trò");
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Quản trị",
  coordinator: "Chuyên viên tổng hợp",
  coordinator_leader: "Lãnh đạo cơ quan tổng hợp",
  officer: "Chuyên viên đơn vị",
  leader: "Lãnh đạo đơn vị",
  viewer: "Xem",
};
