import type { IndicatorReport } from "./types.js";

const HEADER = ["theme", "key", "label", "value", "unit", "families", "suppressed"];

// Every field is ours (keys, labels, numbers): no cell can start a spreadsheet formula.
const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The report as CSV (RFC 4180: CRLF line ends, a header row): one row per figure; a suppressed value stays empty. */
export function reportCsv(report: Pick<IndicatorReport, "themes">): string {
  const rows = report.themes.flatMap((theme) =>
    theme.indicators.map((figure) => [
      theme.theme,
      figure.key,
      figure.label,
      figure.value === null ? "" : String(figure.value),
      figure.unit,
      figure.families === null ? "" : String(figure.families),
      String(figure.suppressed),
    ]),
  );
  return [HEADER, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}
