import type { EChartsOption } from "echarts";
import { useEffect, useRef } from "react";
import { cancelRender, enqueueRender, isEager, onEagerChange, registerChart, setChartState, unregisterChart, type RenderJob } from "./chart-runtime";
import { echarts, LOCALE } from "./echarts-setup";

interface Props {
  option: EChartsOption;
  height: number;
  /** Accessible name of the chart (the card title). */
  label: string;
}

/**
 * One chart, drawn when it comes near the viewport (or at once in eager mode) and kept afterwards. Its size is
 * taken from the observer's measurement, so drawing many charts never forces a layout per chart; it follows later
 * changes of its container's width. The option is applied again when it changes.
 */
export function EChart({ option, height, label }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const latest = useRef(option);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const id = registerChart();
    const mark = (state: "pending" | "painted" | "deferred") => {
      node.dataset.chartState = state;
      setChartState(id, state);
    };
    let disposed = false;
    let width = 0;
    let queued: RenderJob | null = null;
    const draw = (w: number) => {
      if (queued || chart.current || disposed) return;
      width = w;
      mark("pending");
      queued = {
        run: () => {
          queued = null;
          if (disposed) return;
          const c = echarts.init(node, null, { renderer: "canvas", locale: LOCALE, width: Math.max(120, Math.round(width)), height });
          chart.current = c;
          let first = true;
          c.on("finished", () => {
            if (first) {
              first = false;
              mark("painted");
            }
          });
          try {
            c.setOption(latest.current, { notMerge: true });
          } catch (error) {
            // Counted as done (the page must not wait for it forever) and shown as such.
            mark("painted");
            node.setAttribute("data-chart-error", "true");
            node.title = "Không vẽ được biểu đồ này";
            throw error;
          }
        },
      };
      enqueueRender(queued);
    };
    const io = new IntersectionObserver(
      (entries) => {
        const e = entries[entries.length - 1];
        if (!e) return;
        if (e.isIntersecting || isEager()) draw(e.boundingClientRect.width);
        else if (!chart.current && !queued) mark("deferred");
      },
      { rootMargin: "100% 0px" },
    );
    io.observe(node);
    const offEager = onEagerChange(() => {
      if (isEager()) draw(node.getBoundingClientRect().width);
    });
    const ro = new ResizeObserver((entries) => {
      const w = entries[entries.length - 1]?.contentRect.width ?? 0;
      if (chart.current && w > 0 && Math.abs(w - width) > 1) {
        width = w;
        chart.current.resize({ width: Math.round(w), height });
      }
    });
    ro.observe(node);
    return () => {
      disposed = true;
      if (queued) cancelRender(queued);
      io.disconnect();
      ro.disconnect();
      offEager();
      chart.current?.dispose();
      chart.current = null;
      unregisterChart(id);
    };
  }, [height]);

  useEffect(() => {
    if (latest.current === option) return;
    latest.current = option;
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={el} role="img" aria-label={label} style={{ width: "100%", height, background: "#fafafa" }} />;
}
