import { sql } from "drizzle-orm";
import type { Db } from "../../db/database.js";
import { rowsOf } from "../../db/rows.js";
import type { EntryContent } from "./chain.js";
import { subjectDigestSql, type BsnSubject } from "./pseudonym.js";

/** An entry to write: what it says, with the person known by BSN (if any) still to be digested. */
export interface NewEntry extends Omit<EntryContent, "subjectDigest"> {
  subject: BsnSubject | null;
}

/**
 * Writes entries in one statement, without a lock: no request waits for another's log write.
 * Inside a transaction they commit or roll back with the write they record; outside one they are
 * durable when this returns. A subject's BSN becomes its keyed digest in the same statement (see
 * pseudonym.ts); the BSN is a parameter, never stored. The sequencer (seal.ts) chains them later.
 */
export async function appendEntries(db: Db, entries: readonly NewEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((entry) => ({
    occurred_at: entry.occurredAt.toISOString(),
    request_id: entry.requestId,
    region_id: entry.regionId,
    actor_kind: entry.actorKind,
    actor_id: entry.actorId,
    partner_id: entry.partnerId,
    roles: entry.roles,
    action: entry.action,
    operation: entry.operation,
    family_id: entry.familyId,
    person_ids: entry.personIds,
    subject_region: entry.subject?.regionId ?? null,
    subject_bsn: entry.subject?.bsn ?? null,
    data: entry.data,
    basis: entry.basis,
    emergency: entry.emergency,
  }));
  const result = await db.execute(sql`
    insert into access_log (occurred_at, request_id, region_id, actor_kind, actor_id, partner_id, roles, action, operation,
                            family_id, person_ids, subject_digest, data, basis, emergency)
    select e.occurred_at, e.request_id, e.region_id, e.actor_kind, e.actor_id, e.partner_id, e.roles, e.action, e.operation,
           e.family_id, e.person_ids,
           case when e.subject_bsn is not null
                then ${subjectDigestSql(sql`k.key`, sql`e.subject_region`, sql`e.subject_bsn`)} end,
           e.data, e.basis, e.emergency
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as e(
           occurred_at timestamptz, request_id text, region_id uuid, actor_kind text, actor_id uuid, partner_id uuid, roles text[],
           action text, operation text, family_id uuid, person_ids uuid[], subject_region text, subject_bsn text, data text[],
           basis jsonb, emergency boolean)
    join access_log_key k on k.id = 1
    returning id`);
  // Without the key the join writes nothing: refuse, as a log that cannot be written is refused.
  if (rowsOf(result).length !== entries.length) throw new Error("The access log key is missing: run the migrations.");
}
