import { sql } from "drizzle-orm";
import type { Db } from "../db/database.js";

export interface RetentionResult {
  /** Signals past their historical period. */
  expired: number;
  /** Signals on persons who reached the region's age limit (all their signals). */
  ageLimit: number;
}

/**
 * Destroys what the regions' reference-index settings no longer allow to keep. A signal stops
 * being active at active_until or when withdrawn; it stays historical for the region's
 * historical months after that, then goes. At the age limit everything on the person goes.
 * Match notifications about a destroyed signal go with it (foreign key cascade).
 */
export async function runReferenceIndexRetention(db: Db, today: string): Promise<RetentionResult> {
  return db.transaction(async (tx) => {
    const ageLimit = await tx.execute(sql`
      delete from signals s
      using regions r
      where s.region_id = r.id
        and r.signal_age_limit_years is not null
        and exists (
          select 1 from signals same_person
          where same_person.region_id = s.region_id
            and same_person.bsn = s.bsn
            and same_person.birth_date + make_interval(years => r.signal_age_limit_years) <= ${today}::date
        )
      returning s.id`);
    const expired = await tx.execute(sql`
      delete from signals s
      using regions r
      where s.region_id = r.id
        and least(s.active_until, coalesce((s.withdrawn_at at time zone 'Europe/Amsterdam')::date, s.active_until))
            + make_interval(months => r.signal_historical_months) <= ${today}::date
      returning s.id`);
    return { expired: rowCount(expired), ageLimit: rowCount(ageLimit) };
  });
}

// postgres.js returns an array of rows, PGlite an object with rows.
function rowCount(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  return (result as { rows?: unknown[] }).rows?.length ?? 0;
}
