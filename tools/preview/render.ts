/**
 * A dashboard page drawn to PNG offline: widgets placed on CloudWatch's
 * 24-column grid, drawn as SVG and rasterised by resvg with the DejaVu fonts
 * the project installs (dejavu-fonts-ttf), never the machine's own, so the
 * same page gives the same pixels on every machine.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import type { DashboardPage } from "./dashboards";
import { text } from "./svg";
import { COLUMN_PX, renderWidget, ROW_PX } from "./widgets";

export const PAGE_WIDTH_PX = 24 * COLUMN_PX;
const FOOTER_PX = 22;

const FONT_DIR = join(dirname(createRequire(__filename).resolve("dejavu-fonts-ttf/package.json")), "ttf");
const FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf"].map((file) => join(FONT_DIR, file));

export function pageHeightPx(page: DashboardPage): number {
  const rows = Math.max(1, ...page.widgets.map((w) => w.y + w.height));
  return rows * ROW_PX + FOOTER_PX;
}

export function pageSvg(page: DashboardPage): string {
  const height = pageHeightPx(page);
  const footer = text(8, height - 7, `${page.name}: preview with sample data. Layout, titles, labels, thresholds and alarms as synthesized.`, { size: 10, fill: "#687078" });
  const widgets = [...page.widgets].sort((a, b) => a.y - b.y || a.x - b.x).map(renderWidget).join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_WIDTH_PX}" height="${height}" viewBox="0 0 ${PAGE_WIDTH_PX} ${height}"><rect width="100%" height="100%" fill="#f2f3f3"/>\n${widgets}\n${footer}</svg>`;
}

export function pagePng(page: DashboardPage): Buffer {
  const resvg = new Resvg(pageSvg(page), {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" },
    fitTo: { mode: "original" },
  });
  return resvg.render().asPng();
}
