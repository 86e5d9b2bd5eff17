import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider, type ThemeConfig } from "antd";
// The components' styles as one static stylesheet (antd zero-runtime mode): nothing is generated in the browser when a
// component first renders — some 150–200 ms on the progress matrix (bench/matrix.bench.ts). Our tokens still apply:
// they become CSS variables at the root.
import "antd/dist/antd.css";
import "./global.css";
import viVN from "antd/locale/vi_VN";
import dayjs from "dayjs";
import "dayjs/locale/vi";
import { RouterProvider } from "react-router";
import { ApiError } from "../api/client";
import { SessionProvider } from "../api/session";
import { router } from "./router";

dayjs.locale("vi");

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export const theme: ThemeConfig = {
  zeroRuntime: true,
  token: {
    colorPrimary: "#a31f24",
    fontFamily: "'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
    borderRadius: 4,
  },
};

export function App() {
  return (
    <ConfigProvider locale={viVN} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
