import type { RetentionReport } from "./run.js";

/**
 * The run's report as a log entry: counts per kind of record and the ids of the families
 * removed (the access log's system entries name them), never a name, BSN or content. Kinds
 * nothing was removed of are left out, so the line says what happened.
 */
export function retentionLogEntry(report: RetentionReport) {
  const { removed, rows, outlines, failed } = report.closedFamilies;
  return {
    today: report.today,
    referenceIndex: report.referenceIndex,
    closedFamilies: {
      removed: removed.length,
      familyIds: removed.map((family) => family.familyId),
      rows: Object.fromEntries(Object.entries(rows).filter(([, count]) => count > 0)),
      outlines,
      failed,
    },
  };
}
