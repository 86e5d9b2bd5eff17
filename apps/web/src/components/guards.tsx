import type { Role } from "@tonghop/contracts";
import { Result, Spin } from "antd";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useSession } from "../api/session";

export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading } = useSession();
  const location = useLocation();
  if (loading) return <Spin fullscreen tip="Đang tải…" />;
  if (!user) return <Navigate to={`/dang-nhap?tiep=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (user.mustChangePassword && location.pathname !== "/doi-mat-khau") return <Navigate to="/doi-mat-khau" replace />;
  return <>{children}</>;
}

export function Forbidden({ message }: { message?: string }) {
  return <Result status="403" title="Không có quyền truy cập" subTitle={message ?? "Tài khoản của bạn không được dùng chức năng này."} />;
}

export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { hasRole } = useSession();
  if (!hasRole(...roles)) return <Forbidden />;
  return <>{children}</>;
}
