import type { Db } from "../../db/database.js";
import { runReferenceIndexRetention, type RetentionResult } from "../../reference-index/retention.js";
import { dueClosedFamilies, noneRemoved, removeClosedFamily, REMOVED_KINDS, type RemovedCounts } from "./closed-families.js";

/** A family the run removed: what the access log's system entry needs, and nothing about its people. */
export interface RemovedFamily {
  familyId: string;
  regionId: string;
  closedOn: string;
}

export interface RetentionReport {
  today: string;
  /** The reference index's own rules (docs/decisions/0002), unchanged. */
  referenceIndex: RetentionResult;
  closedFamilies: {
    /** Each family removed, its records gone and a de-identified outline kept in their place. */
    removed: RemovedFamily[];
    /** Rows deleted, per kind of record, over all removed families. */
    rows: RemovedCounts;
    /** Outlines kept (one per removed family). */
    outlines: number;
    /** Families due whose removal failed: rolled back whole, tried again on the next run. */
    failed: { familyId: string; error: string }[];
  };
}

/**
 * One retention run over everything a region's rules no longer allow to keep, as of `today`
 * (a Dutch calendar date): the reference index first, by its own rules and with the register as
 * it stands, then every closed family whose term has run out, each in a transaction of its own.
 * A family that fails is left whole and reported; the others still go. Running it again the
 * same day does nothing more.
 */
export async function runRetention(db: Db, today: string): Promise<RetentionReport> {
  const referenceIndex = await runReferenceIndexRetention(db, today);
  const report: RetentionReport = {
    today,
    referenceIndex,
    closedFamilies: { removed: [], rows: noneRemoved(), outlines: 0, failed: [] },
  };
  for (const due of await dueClosedFamilies(db, today)) {
    try {
      const rows = await removeClosedFamily(db, today, due.familyId);
      if (!rows) continue;
      report.closedFamilies.removed.push(due);
      report.closedFamilies.outlines += 1;
      for (const kind of REMOVED_KINDS) report.closedFamilies.rows[kind] += rows[kind];
    } catch (error) {
      report.closedFamilies.failed.push({ familyId: due.familyId, error: failureOf(error) });
    }
  }
  return report;
}

/**
 * What may be logged of a failure: the database's own error (it names tables, constraints and
 * ids), never drizzle's wrapper, whose message carries the statement's parameters.
 */
function failureOf(error: unknown): string {
  const inner = error instanceof Error && ("params" in error || error.message.startsWith("Failed query")) ? error.cause : error;
  if (!(inner instanceof Error)) return "non-error thrown";
  const code = (inner as { code?: unknown }).code;
  return `${typeof code === "string" ? code : inner.name}: ${inner.message.slice(0, 300)}`;
}
