import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { TREND_LABELS, VERSUS_LABELS } from "@tonghop/contracts";
import { ARTIFACTS, launchBrowser, login, newContext, screenshot } from "./support/browser.js";

const TEMPLATE = path.resolve(import.meta.dirname, "../templates/cv2830-2024-so-ket-nq45.yaml");

/** The comparison areas of the CV2830 template (Hải Phòng, Cả nước, Vùng đồng bằng sông Hồng): the area charts' legend. */
const AREAS = (parse(readFileSync(TEMPLATE, "utf8")) as { areas: Array<{ name: string }> }).areas.map((a) => a.name);
const ASSESSMENTS = ["better", "same", "worse", "na"] as const;

interface ImageStats {
  width: number;
  height: number;
  /** Share of pixels that are not (near) white. */
  inked: number;
  /** Share of dark pixels (text, axes) in the top band of the image (where the legend is drawn). */
  darkTop: number;
  /** Distinct colours (4 bits per channel). */
  colours: number;
}

/**
 * Opens a PNG in the page (an <img> drawn on a canvas) and measures it: what a blank or failed chart would not have.
 * `topBand`: the share of the height, from the top, where dark pixels are counted.
 */
async function imageStats(page: Page, png: Buffer, topBand = 0.15): Promise<ImageStats> {
  return page.evaluate(
    async ({ b64, band }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement("canvas");
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const g = canvas.getContext("2d")!;
      g.drawImage(img, 0, 0);
      const { data } = g.getImageData(0, 0, canvas.width, canvas.height);
      const colours = new Set<number>();
      let inked = 0;
      let dark = 0;
      const topPixels = Math.max(1, Math.floor(canvas.height * band) * canvas.width);
      for (let i = 0; i < data.length; i += 4) {
        const r = data[i]!;
        const gr = data[i + 1]!;
        const b = data[i + 2]!;
        colours.add(((r >> 4) << 8) | ((gr >> 4) << 4) | (b >> 4));
        if (r < 240 || gr < 240 || b < 240) inked++;
        if (i / 4 < topPixels && r + gr + b < 250) dark++;
      }
      const pixels = data.length / 4;
      return { width: canvas.width, height: canvas.height, inked: inked / pixels, darkTop: dark / topPixels, colours: colours.size };
    },
    { b64: png.toString("base64"), band: topBand },
  );
}

/**
 * The chart card of `key`, scrolled into view and painted: blocks are built, and charts drawn, as they come near the
 * viewport, so the page is first scrolled to the card's section (`section`: its id).
 */
async function paintedChart(page: Page, key: string, section?: string): Promise<Locator> {
  if (section) await page.locator(`section#${section}`).scrollIntoViewIfNeeded();
  const card = page.locator(`[data-testid="chart-card"][data-chart-key^="${key}"]`).first();
  await card.scrollIntoViewIfNeeded();
  await expect.poll(() => card.locator("[data-chart-state]").getAttribute("data-chart-state"), { timeout: 30_000 }).toBe("painted");
  return card;
}

/** The chart's accessible description, which ECharts generates from its series: the legend entries by name. */
async function chartDescription(card: Locator): Promise<string> {
  return (await card.locator("[data-chart-state]").getAttribute("aria-label")) ?? "";
}

/** Opens the "Xuất" menu of a chart card and downloads one of its exports. */
async function exportChart(page: Page, card: Locator, item: string): Promise<{ name: string; bytes: Buffer }> {
  await card.getByRole("button", { name: /^Xuất biểu đồ/ }).click();
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: item }).click()]);
  const file = path.join(ARTIFACTS, `g-export-${dl.suggestedFilename().replace(/[^\p{L}\d.-]+/gu, "-")}`);
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), bytes: readFileSync(file) };
}

describe("G: dashboards of a filled CV2830 campaign", () => {
  let browser: Browser;
  let page: Page;
  let campaignId = "";
  let campaignName = "";

  beforeAll(async () => {
    browser = await launchBrowser();
    // The administrator's demo data: CV2830 imported under its own code, published and filled (texts, figures of
    // every area and year with their statuses, a mix of workflow states), through the API.
    const admin = await (await newContext(browser)).newPage();
    await login(admin, "quantri");
    const { csrfToken } = (await (await admin.request.get("/api/auth/me")).json()) as { csrfToken: string };
    const demo = await admin.request.post("/api/analytics/demo-campaigns", { headers: { "x-csrf-token": csrfToken }, data: { template: "cv2830-2024-so-ket-nq45" }, timeout: 120_000 });
    expect(demo.status()).toBe(200);
    const body = (await demo.json()) as { campaignId: string; values: number; created: boolean };
    // Another scenario may have created it already: the call then only fills what is still empty.
    if (body.created) expect(body.values).toBeGreaterThan(500);
    campaignId = body.campaignId;
    await admin.context().close();
    page = await (await newContext(browser)).newPage();
  }, 180_000);
  afterAll(async () => browser?.close());

  it("the leadership view (Xem) opens on the dashboards; the screenshot of the dashboard is not empty", async () => {
    await login(page, "xem");
    await expect.poll(() => new URL(page.url()).pathname).toBe("/phan-tich");
    const open = page.getByRole("link", { name: /^Mở phân tích: .*\(dữ liệu mẫu\)$/ }).first();
    campaignName = ((await open.getAttribute("aria-label")) ?? "").replace(/^Mở phân tích: /, "");
    await open.click();
    await page.waitForURL(`**/dot/${campaignId}/phan-tich`);
    await expect.poll(() => page.evaluate(() => document.body.dataset.chartsReady), { timeout: 60_000 }).toBe("true");
    expect(await page.getByTestId("dashboard-page").textContent()).toContain(campaignName);
    expect(Number(await page.evaluate(() => document.body.dataset.chartsPainted))).toBeGreaterThan(3);
    expect(await page.locator("[data-chart-error]").count()).toBe(0);

    // The whole page for the record; the first screen (overview, structure charts) measured.
    await screenshot(page, "g-dashboard");
    const shot = await imageStats(page, await page.screenshot({ path: path.join(ARTIFACTS, "g-dashboard-first-screen.png") }));
    expect(shot.width).toBe(1440);
    expect(shot.inked).toBeGreaterThan(0.05);
    expect(shot.colours).toBeGreaterThan(40);
  });

  it("the group overview and the area comparison are drawn with their legends", async () => {
    const trend = await paintedChart(page, "overview:trend");
    const trendShot = await imageStats(page, await trend.screenshot({ path: path.join(ARTIFACTS, "g-overview-trend.png") }));
    expect(trendShot.inked).toBeGreaterThan(0.05);
    expect(trendShot.colours).toBeGreaterThan(10);
    const trendText = await chartDescription(trend);
    for (const a of ASSESSMENTS) expect(trendText).toContain(TREND_LABELS[a]);

    const versus = await paintedChart(page, "overview:versus");
    expect(await versus.textContent()).toContain(`${AREAS[0]} so với ${AREAS[1]}`);
    const versusText = await chartDescription(versus);
    for (const a of ASSESSMENTS) expect(versusText).toContain(VERSUS_LABELS[a]);

    // Hải Phòng, Cả nước and the region side by side: one bar series (and legend entry) per area.
    const areas = await paintedChart(page, "areas:", "dia-ban");
    const areasShot = await imageStats(page, await areas.screenshot({ path: path.join(ARTIFACTS, "g-areas.png") }));
    expect(areasShot.inked).toBeGreaterThan(0.05);
    expect(areasShot.darkTop).toBeGreaterThan(0.002); // the legend row at the top of the chart
    const areasText = await chartDescription(areas);
    for (const name of AREAS) expect(areasText).toContain(name);
  });

  it("a chart exported as PNG downloads and opens as a non-empty image; its SVG draws the legend texts", async () => {
    const trend = await paintedChart(page, "overview:trend");
    const png = await exportChart(page, trend, "Tải ảnh PNG");
    expect(png.name).toMatch(/^Biến động .*\.png$/);
    expect(png.bytes.subarray(1, 4).toString()).toBe("PNG");
    const stats = await imageStats(page, png.bytes);
    // Drawn off screen at 1000 px, twice the pixels.
    expect(stats.width).toBe(2000);
    expect(stats.height).toBeGreaterThan(800);
    expect(stats.inked).toBeGreaterThan(0.03);
    expect(stats.colours).toBeGreaterThan(10);
    expect(stats.darkTop).toBeGreaterThan(0.002); // title and legend

    const svg = (await exportChart(page, trend, "Tải ảnh SVG")).bytes.toString("utf8");
    expect(svg).toMatch(/^<svg/);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    for (const a of ASSESSMENTS) expect(texts).toContain(TREND_LABELS[a]);
  });
});
