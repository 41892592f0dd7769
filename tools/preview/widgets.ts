/**
 * Each widget drawn as CloudWatch places it: a frame at its grid position,
 * the title, and the body of its type (time series with legend and threshold
 * lines, single values, alarm status lists, log queries, markdown text).
 */
import type { Widget } from "./dashboards";
import { sampleValues, thresholds, visibleSeries } from "./metrics";
import { fitLine, text, wrap } from "./svg";

/** CloudWatch's grid is 24 columns; a preview page is 1,200 px wide, so a column is 50 px. A row unit is 30 px. */
export const COLUMN_PX = 50;
export const ROW_PX = 30;
/** CloudWatch's default graph palette. */
const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
const PAD = 8;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export function renderWidget(widget: Widget): string {
  const box = { x: widget.x * COLUMN_PX, y: widget.y * ROW_PX, w: widget.width * COLUMN_PX, h: widget.height * ROW_PX };
  const frame = `<rect x="${box.x + 2}" y="${box.y + 2}" width="${box.w - 4}" height="${box.h - 4}" fill="#ffffff" stroke="#d5dbdb"/>`;
  const props = widget.properties;
  switch (widget.type) {
    case "text":
      return frame + renderMarkdown(String(props.markdown ?? ""), box);
    case "alarm":
      return frame + title(props.title, box) + renderAlarmList(props.alarms, box);
    case "log":
      return frame + title(props.title, box) + renderLogQuery(String(props.query ?? ""), box);
    case "metric":
      return frame + title(props.title, box) + (props.view === "singleValue" ? renderSingleValues(props, box) : renderGraph(props, box));
    default:
      return frame + title(props.title ?? `${widget.type} widget`, box);
  }
}

function title(value: unknown, box: Box): string {
  return text(box.x + PAD, box.y + 20, fitLine(String(value ?? ""), box.w - 2 * PAD, 13), { size: 13, weight: "bold" });
}

function renderGraph(props: Record<string, unknown>, box: Box): string {
  const series = visibleSeries(props.metrics);
  const lines = thresholds(props.annotations);
  const legendRows = Math.min(3, Math.ceil(series.length / 2));
  const plot = { x: box.x + 42, y: box.y + 32, w: box.w - 42 - PAD - 4, h: box.h - 32 - 12 - legendRows * 14 - 8 };
  if (plot.h < 20) return "";
  const lowest = lines.length > 0 ? Math.min(...lines.map((l) => l.value)) : 0;
  const yMin = typeof (props.yAxis as { left?: { min?: number } } | undefined)?.left?.min === "number" ? (props.yAxis as { left: { min: number } }).left.min : 0;
  const yMax = niceCeiling(Math.max(...lines.map((l) => l.value), 1) * 1.25);
  const toY = (value: number) => plot.y + plot.h - ((value - yMin) / (yMax - yMin || 1)) * plot.h;
  const parts: string[] = [`<rect x="${plot.x}" y="${plot.y}" width="${plot.w}" height="${plot.h}" fill="#fafafa" stroke="#eaeded"/>`];
  for (const tick of [yMin, (yMin + yMax) / 2, yMax]) {
    parts.push(text(plot.x - 4, toY(tick) + 4, formatNumber(tick), { size: 10, fill: "#687078", anchor: "end" }));
  }
  const points = 40;
  const ceiling = lines.length > 0 && lowest > yMin ? lowest : yMax;
  series.forEach((s, i) => {
    const values = sampleValues(i, points, ceiling - yMin).map((v) => v + yMin);
    const path = values.map((v, t) => `${t === 0 ? "M" : "L"}${(plot.x + (t / (points - 1)) * plot.w).toFixed(1)},${toY(v).toFixed(1)}`).join(" ");
    parts.push(`<path d="${path}" fill="none" stroke="${s.color ?? PALETTE[i % PALETTE.length]}" stroke-width="1.5"/>`);
  });
  for (const line of lines) {
    const y = toY(line.value).toFixed(1);
    const color = line.color ?? "#d13212";
    parts.push(`<line x1="${plot.x}" y1="${y}" x2="${plot.x + plot.w}" y2="${y}" stroke="${color}" stroke-width="1.5" stroke-dasharray="6 3"/>`);
    parts.push(text(plot.x + plot.w - 4, Number(y) - 4, fitLine(line.label, plot.w - 8, 10), { size: 10, fill: color, anchor: "end" }));
  }
  const columnWidth = (box.w - 2 * PAD) / 2;
  series.slice(0, legendRows * 2).forEach((s, i) => {
    const lx = box.x + PAD + (i % 2) * columnWidth;
    const ly = plot.y + plot.h + 16 + Math.floor(i / 2) * 14;
    parts.push(`<rect x="${lx}" y="${ly - 8}" width="10" height="3" fill="${s.color ?? PALETTE[i % PALETTE.length]}"/>`);
    parts.push(text(lx + 14, ly - 2, fitLine(s.label, columnWidth - 18, 10), { size: 10, fill: "#414750" }));
  });
  return parts.join("");
}

function renderSingleValues(props: Record<string, unknown>, box: Box): string {
  const series = visibleSeries(props.metrics);
  if (series.length === 0) return "";
  const cell = (box.w - 2 * PAD) / series.length;
  return series
    .map((s, i) => {
      const cx = box.x + PAD + i * cell + cell / 2;
      // A percentage reads as a healthy one; a count as a few hundred.
      const sample = /%/.test(s.label) ? 99.5 - i * 0.2 : Math.round(sampleValues(i, 1, 1000)[0]!);
      return text(cx, box.y + box.h / 2 + 14, formatNumber(sample), { size: 26, anchor: "middle", fill: s.color ?? PALETTE[i % PALETTE.length] }) + text(cx, box.y + box.h / 2 + 32, fitLine(s.label, cell - 4, 10), { size: 10, anchor: "middle", fill: "#414750" });
    })
    .join("");
}

function renderAlarmList(alarms: unknown, box: Box): string {
  const names = Array.isArray(alarms) ? alarms.map((a) => String(a).replace(/^arn:[^:]+:cloudwatch:[^:]*:[^:]*:alarm:/, "")) : [];
  const rowHeight = 16;
  const rows = Math.max(0, Math.floor((box.h - 36) / rowHeight));
  const columns = Math.max(1, Math.floor(box.w / 300));
  const columnWidth = (box.w - 2 * PAD) / columns;
  const shown = names.slice(0, rows * columns);
  const parts = shown.map((name, i) => {
    const x = box.x + PAD + Math.floor(i / rows) * columnWidth;
    const y = box.y + 40 + (i % rows) * rowHeight;
    return `<rect x="${x}" y="${y - 9}" width="22" height="11" rx="2" fill="#1d8102"/>${text(x + 11, y, "OK", { size: 8, fill: "#ffffff", anchor: "middle", weight: "bold" })}${text(x + 28, y, fitLine(name, columnWidth - 34, 10), { size: 10 })}`;
  });
  if (names.length > shown.length) parts.push(text(box.x + box.w - PAD, box.y + 20, `${shown.length} of ${names.length} shown`, { size: 10, fill: "#687078", anchor: "end" }));
  return parts.join("");
}

function renderLogQuery(query: string, box: Box): string {
  const lines = query.split("\n").flatMap((line) => wrap(line, box.w - 2 * PAD, 10, 3, true));
  const rows = Math.max(0, Math.floor((box.h - 40) / 13));
  return lines
    .slice(0, rows)
    .map((line, i) => text(box.x + PAD, box.y + 40 + i * 13, line, { size: 10, mono: true, fill: "#414750" }))
    .join("");
}

/** Markdown as the page shows it: headings larger, links as their text, emphasis markers removed. */
function renderMarkdown(markdown: string, box: Box): string {
  const parts: string[] = [];
  let y = box.y + 24;
  for (const raw of markdown.split("\n")) {
    const heading = /^(#+)\s*(.*)$/.exec(raw);
    const plain = linksAsText(heading ? heading[2]! : raw).replace(/\*\*|__|`/g, "");
    const size = heading ? (heading[1]!.length === 1 ? 17 : 14) : 12;
    if (plain.trim() === "") {
      y += 6;
      continue;
    }
    for (const line of wrap(plain, box.w - 2 * PAD, size, 4)) {
      if (y > box.y + box.h - 6) return parts.join("");
      parts.push(text(box.x + PAD, y, line, { size, weight: heading ? "bold" : "normal" }));
      y += size + 5;
    }
  }
  return parts.join("");
}

/** `[text](url)` becomes `text`; a URL may hold parentheses of its own (X-Ray filter links do). */
export function linksAsText(line: string): string {
  let out = "";
  let i = 0;
  while (i < line.length) {
    const open = line.indexOf("[", i);
    const close = open < 0 ? -1 : line.indexOf("](", open);
    if (open < 0 || close < 0) break;
    let depth = 0;
    let end = close + 1;
    for (; end < line.length; end++) {
      if (line[end] === "(") depth++;
      else if (line[end] === ")" && --depth === 0) break;
    }
    if (end >= line.length) break;
    out += line.slice(i, open) + line.slice(open + 1, close);
    i = end + 1;
  }
  return out + line.slice(i);
}

function niceCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

function formatNumber(value: number): string {
  if (Math.abs(value) >= 1000) return `${Number((value / 1000).toFixed(1))}k`;
  return String(Number(value.toFixed(2)));
}
