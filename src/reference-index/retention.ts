import { sql } from "drizzle-orm";
import type { Db } from "../db/database.js";
import { rowsOf } from "../db/rows.js";
import { appendEntries } from "../accountability/access-log/append.js";
import { systemActor } from "../accountability/access-log/actor.js";

interface Destroyed {
  region_id: string;
  bsn: string;
}

/** One access-log entry per person whose signals went, in the same transaction: an erasure is accountable too. */
async function logErasures(tx: Db, destroyed: Destroyed[]): Promise<void> {
  const subjects = [...new Map(destroyed.map((row) => [`${row.region_id}:${row.bsn}`, { regionId: row.region_id, bsn: row.bsn }])).values()];
  const occurredAt = new Date();
  await appendEntries(
    tx,
    subjects.map((subject) => ({
      occurredAt,
      requestId: null,
      ...systemActor(subject.regionId),
      action: "ERASE" as const,
      operation: "retention",
      familyId: null,
      personIds: [],
      subject,
      data: ["SIGNAL"],
      basis: { rules: ["reference-index-retention"] },
      emergency: false,
    })),
  );
}

export interface RetentionResult {
  /** Signals past their historical period. */
  expired: number;
  /** Signals on persons who reached the region's age limit. */
  ageLimit: number;
}

/**
 * Destroys what the regions' reference-index settings no longer allow to keep. A signal stops
 * being active at active_until or when withdrawn; it stays historical for the region's
 * historical months after that, then goes. Match notifications about a destroyed signal go with
 * it (foreign key cascade).
 *
 * The age limit goes by a birth date no single signaller controls. When the region's register
 * knows the person, its birth date decides for every signal on the BSN: all of them go together
 * when the register's date reaches the limit, whatever the signals themselves state. (A BSN in
 * several households has a row in each; should their dates differ, the youngest counts, so no
 * signal goes early.) When the register does not know the person, each signal goes by its own
 * birth date: a signaller who enters a wrong, older date destroys only its own signal, never
 * another organisation's. With honest signallers everything on the person still goes at the limit.
 */
export async function runReferenceIndexRetention(db: Db, today: string): Promise<RetentionResult> {
  return db.transaction(async (tx) => {
    const ageLimit = await tx.execute(sql`
      delete from signals s
      using regions r
      where s.region_id = r.id
        and r.signal_age_limit_years is not null
        and coalesce(
              (select max(p.birth_date) from persons p where p.region_id = s.region_id and p.bsn = s.bsn),
              s.birth_date
            ) + make_interval(years => r.signal_age_limit_years) <= ${today}::date
      returning s.region_id, s.bsn`);
    const expired = await tx.execute(sql`
      delete from signals s
      using regions r
      where s.region_id = r.id
        and least(s.active_until, coalesce((s.withdrawn_at at time zone 'Europe/Amsterdam')::date, s.active_until))
            + make_interval(months => r.signal_historical_months) <= ${today}::date
      returning s.region_id, s.bsn`);
    await logErasures(tx as unknown as Db, [...rowsOf<Destroyed>(ageLimit), ...rowsOf<Destroyed>(expired)]);
    return { expired: rowsOf(expired).length, ageLimit: rowsOf(ageLimit).length };
  });
}
