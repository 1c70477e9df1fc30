import { sql } from "drizzle-orm";
import type { Db } from "../../db/database.js";
import { rowsOf } from "../../db/rows.js";
import { subjectDigestSql } from "./pseudonym.js";

/** An entry as the person it concerns reads it: who, for which organisation, what, why. */
export interface AccessLogView {
  /** The entry's id: its place in the order of writing. */
  id: number;
  occurredAt: Date;
  actorKind: string;
  professionalName: string | null;
  organisation: string | null;
  roles: string[];
  action: string;
  operation: string | null;
  data: string[];
  basis: Record<string, unknown>;
  emergency: boolean;
  familyId: string | null;
}

/** A keyset page of the log, newest first: entries with an id below `before` (null: from the newest). */
export interface NewestFirstPage {
  before: number | null;
  limit: number;
}

/**
 * The entries concerning one person, in the order they were written (time order): those naming
 * them (under any of their rows in the region's register: a BSN in two households has a row in
 * each), those about a household as a whole while they were a member of it (not those about
 * another member alone), and lookups, signals and matches on their BSN. Other members' ids are
 * not part of the view. With `page`: newest first, those written before the entry `before`, at
 * most `limit` (an entry still being written when a page is read has a smaller id than those
 * after it, so it appears on a later page, never skipped).
 */
export async function accessLogOf(db: Db, person: { personId: string; regionId: string }, page?: NewestFirstPage): Promise<AccessLogView[]> {
  const result = await db.execute(sql`
    with me as (
      select p.id, p.bsn from persons p
      where p.region_id = ${person.regionId}
        and p.bsn = (select bsn from persons where id = ${person.personId} and region_id = ${person.regionId})
    ),
    spans as (
      select m.family_id, m.valid_from, m.valid_to from family_memberships m where m.person_id in (select id from me)
    ),
    digest as (
      select ${subjectDigestSql(sql`k.key`, sql`${person.regionId}`, sql`(select bsn from me limit 1)`)} as value
      from access_log_key k where k.id = 1
    )
    select l.id, l.occurred_at, l.actor_kind, pr.name as professional_name, pa.name as organisation, l.roles, l.action,
           l.operation, l.data, l.basis, l.emergency, l.family_id
    from access_log l
    left join professionals pr on pr.id = l.actor_id
    left join partners pa on pa.id = l.partner_id
    where l.region_id = ${person.regionId}
      and (
        l.person_ids && array(select id from me)
        or cardinality(l.person_ids) = 0 and exists (
          select 1 from spans s
          where s.family_id = l.family_id
            and (l.occurred_at at time zone 'Europe/Amsterdam')::date >= s.valid_from
            and (s.valid_to is null or (l.occurred_at at time zone 'Europe/Amsterdam')::date <= s.valid_to)
        )
        or l.subject_digest = (select value from digest)
      )
      ${page?.before != null ? sql`and l.id < ${page.before}` : sql``}
    ${page ? sql`order by l.id desc limit ${page.limit}` : sql`order by l.id`}`);
  return rowsOf<Record<string, unknown>>(result).map((row) => ({
    id: Number(row.id),
    occurredAt: new Date(row.occurred_at as string | Date),
    actorKind: row.actor_kind as string,
    professionalName: (row.professional_name as string | null) ?? null,
    organisation: (row.organisation as string | null) ?? null,
    roles: row.roles as string[],
    action: row.action as string,
    operation: (row.operation as string | null) ?? null,
    data: row.data as string[],
    basis: (typeof row.basis === "string" ? JSON.parse(row.basis) : row.basis) as Record<string, unknown>,
    emergency: row.emergency as boolean,
    familyId: (row.family_id as string | null) ?? null,
  }));
}
