/** Small helpers to write SVG text: escaping, and fitting text into a width. */

/** DejaVu Sans averages a little under 0.6 em per character; the previews measure with this. */
const AVERAGE_CHAR_EM = 0.58;
const MONO_CHAR_EM = 0.6;

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function charsThatFit(widthPx: number, fontSize: number, mono = false): number {
  return Math.max(1, Math.floor(widthPx / (fontSize * (mono ? MONO_CHAR_EM : AVERAGE_CHAR_EM))));
}

/** One line, cut with an ellipsis where it would overflow. */
export function fitLine(text: string, widthPx: number, fontSize: number, mono = false): string {
  const max = charsThatFit(widthPx, fontSize, mono);
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** Words wrapped into lines of the width, at most `maxLines` (the last cut with an ellipsis). */
export function wrap(text: string, widthPx: number, fontSize: number, maxLines: number, mono = false): string[] {
  const max = charsThatFit(widthPx, fontSize, mono);
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= max) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word.length <= max ? word : fitLine(word, widthPx, fontSize, mono);
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = fitLine(`${kept[maxLines - 1]} …`, widthPx, fontSize, mono);
  return kept;
}

export interface TextOptions {
  readonly size?: number;
  readonly weight?: "bold" | "normal";
  readonly fill?: string;
  readonly anchor?: "start" | "middle" | "end";
  readonly mono?: boolean;
}

export function text(x: number, y: number, content: string, options: TextOptions = {}): string {
  const family = options.mono ? "DejaVu Sans Mono" : "DejaVu Sans";
  return `<text x="${x}" y="${y}" font-family="${family}" font-size="${options.size ?? 12}" font-weight="${options.weight ?? "normal"}" fill="${options.fill ?? "#16191f"}" text-anchor="${options.anchor ?? "start"}">${escapeXml(content)}</text>`;
}
