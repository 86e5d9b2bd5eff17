import { DownloadOutlined, FileAddOutlined } from "@ant-design/icons";
import { App, Button, Dropdown } from "antd";
import type { ChartSpec } from "./charts/base";
import { downloadCsv, downloadPng, downloadSvg, downloadXlsx } from "./chart-export";
import { errorMessage } from "../../components/ErrorAlert";

interface Props {
  spec: ChartSpec;
  campaignId: string;
  /** Offered to the coordinator roles of the campaign: insert the chart into the compiled report. */
  onInsert?: ((spec: ChartSpec) => void) | undefined;
}

/** "Xuất" menu of a chart: PNG, SVG, CSV, Excel, and "Chèn vào báo cáo". */
export function ChartMenu({ spec, campaignId, onInsert }: Props) {
  const { message } = App.useApp();
  const run = (what: string, f: () => void | Promise<void>) => {
    try {
      const r = f();
      if (r instanceof Promise) r.catch((e: unknown) => void message.error(`${what}: ${errorMessage(e)}`));
    } catch (e) {
      void message.error(`${what}: ${errorMessage(e)}`);
    }
  };
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items: [
          { key: "png", label: "Tải ảnh PNG", onClick: () => run("Không xuất được ảnh PNG", () => downloadPng(spec)) },
          { key: "svg", label: "Tải ảnh SVG", onClick: () => run("Không xuất được ảnh SVG", () => downloadSvg(spec)) },
          { key: "csv", label: "Tải số liệu CSV", onClick: () => run("Không xuất được CSV", () => downloadCsv(spec)) },
          { key: "xlsx", label: "Tải số liệu Excel", onClick: () => run("Không xuất được Excel", () => downloadXlsx(campaignId, spec)) },
          ...(onInsert ? [{ type: "divider" as const }, { key: "insert", icon: <FileAddOutlined />, label: "Chèn vào báo cáo…", onClick: () => onInsert(spec) }] : []),
        ],
      }}
    >
      <Button size="small" type="text" icon={<DownloadOutlined />} aria-label={`Xuất biểu đồ: ${spec.title}`}>
        Xuất
      </Button>
    </Dropdown>
  );
}
