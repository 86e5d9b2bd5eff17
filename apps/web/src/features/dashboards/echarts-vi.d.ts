// ECharts ships its Vietnamese locale (aria descriptions, legend selector, toolbox) as a UMD module without types.
declare module "echarts/i18n/langVI-obj.js" {
  const locale: Record<string, unknown>;
  export default locale;
}
