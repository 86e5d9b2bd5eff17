// Exports of a chart: PNG (canvas, twice the pixels, white background), SVG (the SVG renderer), its data as CSV
// (UTF-8 with BOM) or XLSX (built by the server), and the PNG data URL inserted into the compiled report. Exports
// are drawn off screen at a fixed size so that a file does not depend on the width of the card it came from.

import type { EChartsOption } from "echarts";
import { exportXlsx } from "./dashboards.api";
import type { ChartSpec } from "./charts/base";
import { withTitle } from "./charts/base";
import { toCsv } from "./charts/table";
import { echarts, LOCALE } from "./echarts-setup";

export const EXPORT_WIDTH = 1000;

export function exportHeight(spec: ChartSpec): number {
  return Math.max(420, Math.round(spec.height * 1.5));
}

function optionFor(spec: ChartSpec, titled: boolean): EChartsOption {
  const option: EChartsOption = { ...spec.option, tooltip: { show: false } };
  return titled ? withTitle(option, spec.title, spec.subtitle) : option;
}

/** A PNG data URL of the chart (title included unless for the report, where the caption is below the figure). */
export function chartPngDataUrl(spec: ChartSpec, opts: { titled: boolean; pixelRatio?: number }): string {
  const width = EXPORT_WIDTH;
  const height = exportHeight(spec) + (opts.titled ? 48 : 0);
  const host = document.createElement("div");
  host.style.cssText = `position:fixed;left:-20000px;top:0;width:${width}px;height:${height}px;`;
  document.body.appendChild(host);
  const chart = echarts.init(host, null, { renderer: "canvas", locale: LOCALE, width, height });
  try {
    chart.setOption(optionFor(spec, opts.titled));
    return chart.getDataURL({ type: "png", pixelRatio: opts.pixelRatio ?? 2, backgroundColor: "#ffffff" });
  } finally {
    chart.dispose();
    host.remove();
  }
}

export function chartSvg(spec: ChartSpec): string {
  const width = EXPORT_WIDTH;
  const height = exportHeight(spec) + 48;
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, locale: LOCALE, width, height });
  try {
    chart.setOption(optionFor(spec, true));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** A file name from a title: the title itself, without characters file systems refuse. */
export function fileName(title: string, ext: string): string {
  const base = title.replace(/[\\/:*?"<>|\r\n]+/g, " ").replace(/\s+/g, " ").trim().slice(0, 120) || "bieu-do";
  return `${base}.${ext}`;
}

export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 2000);
}

function dataUrlToBlob(url: string): Blob {
  const [head, b64] = url.split(",", 2);
  const mime = /data:([^;]+)/.exec(head ?? "")?.[1] ?? "application/octet-stream";
  const bin = atob(b64 ?? "");
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

export function downloadPng(spec: ChartSpec): void {
  saveBlob(dataUrlToBlob(chartPngDataUrl(spec, { titled: true })), fileName(spec.title, "png"));
}

export function downloadSvg(spec: ChartSpec): void {
  saveBlob(new Blob([chartSvg(spec)], { type: "image/svg+xml;charset=utf-8" }), fileName(spec.title, "svg"));
}

export function downloadCsv(spec: ChartSpec): void {
  saveBlob(new Blob([toCsv(spec.table)], { type: "text/csv;charset=utf-8" }), fileName(spec.title, "csv"));
}

export async function downloadXlsx(campaignId: string, spec: ChartSpec): Promise<void> {
  const blob = await exportXlsx(campaignId, {
    title: spec.title.slice(0, 500),
    columns: spec.table.columns.map((c) => c.slice(0, 300)),
    rows: spec.table.rows,
    ...(spec.table.decimals ? { decimals: spec.table.decimals } : {}),
    ...(spec.subtitle ? { note: spec.subtitle } : {}),
  });
  saveBlob(blob, fileName(spec.title, "xlsx"));
}
