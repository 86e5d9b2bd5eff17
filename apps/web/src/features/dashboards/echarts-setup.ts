// ECharts, tree-shaken to what the dashboards draw (lines, bars, marks, legend, tooltip, aria decals), with its
// Vietnamese locale for the generated accessibility descriptions. Both renderers: canvas on screen and for PNG,
// SVG for the SVG export.

import { BarChart, LineChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TitleComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import langVI from "echarts/i18n/langVI-obj.js";
import { CanvasRenderer, SVGRenderer } from "echarts/renderers";

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, MarkAreaComponent, TitleComponent, AriaComponent, CanvasRenderer, SVGRenderer]);
echarts.registerLocale("VI", langVI as unknown as Parameters<typeof echarts.registerLocale>[1]);

export const LOCALE = "VI";
export { echarts };
