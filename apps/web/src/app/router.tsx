import { Spin } from "antd";
import { createBrowserRouter, Navigate } from "react-router";
import { AppLayout } from "../components/AppLayout";
import { RequireAuth, RequireRole } from "../components/guards";
import { NotFoundPage } from "../components/NotFoundPage";
import { AgenciesPage } from "../features/agencies/AgenciesPage";
import { AuditPage } from "../features/audit/AuditPage";
import { ChangePasswordPage } from "../features/auth/ChangePasswordPage";
import { LoginPage } from "../features/auth/LoginPage";
import { UsersPage } from "../features/users/UsersPage";
import { CompilePage } from "../features/compile/CompilePage";
import { CampaignPage } from "../features/campaigns/CampaignPage";
import { CampaignsPage } from "../features/campaigns/CampaignsPage";
import { CataloguePage } from "../features/campaigns/CataloguePage";
import { ImportCampaignPage } from "../features/campaigns/ImportCampaignPage";
import { TasksPage } from "../features/tasks/TasksPage";
import { prefetchIndicators } from "../features/dashboards/prefetch";
import { prefetchProgress } from "../features/console/progress-prefetch";
import { HomeRedirect } from "./HomeRedirect";

export const router = createBrowserRouter([
  { path: "/dang-nhap", element: <LoginPage /> },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: "co-quan", element: <AgenciesPage /> },
      { path: "co-quan/:id", element: <AgenciesPage /> },
      { path: "doi-mat-khau", element: <ChangePasswordPage /> },
      {
        path: "nguoi-dung",
        element: (
          <RequireRole roles={["admin"]}>
            <UsersPage />
          </RequireRole>
        ),
      },
      {
        path: "nhat-ky",
        element: (
          <RequireRole roles={["admin"]}>
            <AuditPage />
          </RequireRole>
        ),
      },
      { path: "lap-bao-cao", element: <CompilePage /> },
      { path: "dot-tong-hop", element: <CampaignsPage /> },
      {
        path: "dot-tong-hop/nhap-mau",
        element: (
          <RequireRole roles={["coordinator", "coordinator_leader"]}>
            <ImportCampaignPage />
          </RequireRole>
        ),
      },
      { path: "dot-tong-hop/:id", element: <CampaignPage /> },
      { path: "danh-muc-chi-tieu", element: <CataloguePage /> },
      { path: "viec-cua-don-vi", element: <TasksPage /> },
      { path: "dot/:campaignId/muc/:itemId", lazy: () => import("../features/workspace/sections/SectionPage") },
      { path: "dot/:campaignId/phu-luc/:appendixId", lazy: () => import("../features/workspace/grid/FiguresPage") },
      { path: "dot/:campaignId/danh-sach/:appendixId", lazy: () => import("../features/workspace/records/RecordsPage") },
      { path: "phan-tich", lazy: () => import("../features/dashboards/AnalyticsHomePage"), hydrateFallbackElement: <Spin style={{ display: "block", margin: 48 }} /> },
      {
        path: "dot/:campaignId/phan-tich",
        // The data is requested while the dashboard's code loads.
        loader: ({ params }) => (prefetchIndicators(params.campaignId), null),
        // Filters live in the query string: changing them does not request the unfiltered dashboard again.
        shouldRevalidate: ({ currentParams, nextParams, defaultShouldRevalidate }) => currentParams.campaignId !== nextParams.campaignId && defaultShouldRevalidate,
        lazy: () => import("../features/dashboards/DashboardPage"),
        hydrateFallbackElement: <Spin style={{ display: "block", margin: 48 }} />,
      },
      {
        path: "dot/:campaignId/tien-do",
        // The matrix is requested while the page's code loads.
        loader: ({ params }) => (prefetchProgress(params.campaignId), null),
        // Filters live in the query string: changing them does not fetch the matrix again.
        shouldRevalidate: ({ currentParams, nextParams, defaultShouldRevalidate }) => currentParams.campaignId !== nextParams.campaignId && defaultShouldRevalidate,
        lazy: () => import("../features/console/ProgressPage"),
        hydrateFallbackElement: <Spin style={{ display: "block", margin: 48 }} />,
      },
      { path: "dot/:campaignId/xem-xet/:itemId", lazy: () => import("../features/console/ReviewPage") },
      { path: "dot/:campaignId/don-doc", lazy: () => import("../features/console/ChaseLetterPage") },
      { path: "dot/:campaignId/nhac-han", lazy: () => import("../features/reminders/RemindersPage") },
      { path: "thong-bao", lazy: () => import("../features/notifications/NotificationsPage") },
      { path: "gop-y", lazy: () => import("../features/comments/CommentRoundsPage") },
      { path: "gop-y/:roundId", lazy: () => import("../features/comments/RoundPage") },
      { path: "chuong-trinh-hanh-dong", lazy: () => import("../features/action-programme/ProgrammesPage") },
      { path: "chuong-trinh-hanh-dong/:programmeId", lazy: () => import("../features/action-programme/ProgrammePage") },
      { path: "lich-nghi", lazy: () => import("../features/holidays/HolidaysPage") },
      {
        path: "hop-thu-di",
        lazy: async () => {
          const { OutboxPage } = await import("../features/outbox/OutboxPage");
          return {
            Component: () => (
              <RequireRole roles={["admin"]}>
                <OutboxPage />
              </RequireRole>
            ),
          };
        },
      },
      { path: "trang-chu", element: <Navigate to="/" replace /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
