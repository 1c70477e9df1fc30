import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/database.js";
import { rowsOf } from "../../db/rows.js";

export interface BsnSubject {
  regionId: string;
  bsn: string;
}

/**
 * Keyed digests of region and BSN, in one statement: the log finds a person's lookups and
 * signals by them without holding a BSN. The key (access_log_key) is random per database and
 * never leaves it. This keeps BSNs out of the log as it is read, exported or kept apart from
 * the database; whoever holds the database holds the key too, and could digest every possible
 * BSN (some 10^8) to match them: it is pseudonymisation, not anonymisation.
 */
/** The digest in SQL, over the key and the region's and BSN's expressions: one formula for every statement. */
export const subjectDigestSql = (key: SQL, regionId: SQL, bsn: SQL): SQL =>
  sql`encode(sha256(convert_to(${key} || ':' || ${regionId} || ':' || ${bsn}, 'UTF8')), 'hex')`;

export async function subjectDigests(db: Db, subjects: readonly BsnSubject[]): Promise<string[]> {
  if (subjects.length === 0) return [];
  const rows = sql.join(
    subjects.map((subject, index) => sql`(${index}::int, ${subject.regionId}::text, ${subject.bsn}::text)`),
    sql`, `,
  );
  const result = await db.execute(sql`
    select ${subjectDigestSql(sql`k.key`, sql`s.region_id`, sql`s.bsn`)} as digest
    from access_log_key k, (values ${rows}) as s(ord, region_id, bsn)
    where k.id = 1
    order by s.ord`);
  const digests = rowsOf<{ digest: string }>(result).map((row) => row.digest);
  if (digests.length !== subjects.length) throw new Error("The access log key is missing: run the migrations.");
  return digests;
}
