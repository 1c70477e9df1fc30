import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/database.js";
import { rowsOf } from "../../db/rows.js";
import type { CoverageChange } from "../retention/tables.js";
import { ZONE, dayOf } from "./facts.js";

/*
 * Whether a plan as it stood names every member of the household and covers every life domain
 * (plan_covers_members, plan_covers_life_domains). The report judges a live family's plan at the
 * end of the period (queries.ts); an outline cannot keep the parts (they name members and life
 * domains), so before a family's records go its plan is judged here on every day the answer could
 * change, and the outline keeps the answers with their days.
 */

/**
 * The members the parts in `items` name, per `key`: an analysis about them, or a goal (not
 * cancelled) for them. A part about the household as a whole names nobody.
 */
export const namedMembers = (items: SQL, key: SQL) => sql`
  select ${key}, i.snapshot->>'personId' as person_id from ${items} i where i.part_kind = 'ANALYSIS' and i.snapshot->>'personId' is not null
  union
  select ${key}, jsonb_array_elements_text(i.snapshot->'memberIds') from ${items} i where i.part_kind = 'GOAL' and i.snapshot->>'status' <> 'CANCELLED'`;

/**
 * A family's plan coverage from its start, judged as the report judges it at the end of a day:
 * the parts as their last change by then left them, the members of that day, the region's life
 * domains as its list stands now. Only the days on which an answer changes are kept.
 */
export async function coverageSeries(db: Db, familyId: string): Promise<CoverageChange[]> {
  const family = sql`${familyId}::uuid`;
  const result = await db.execute(sql`
    with plan as (select pl.region_id, pl.started_on from plans pl where pl.family_id = ${family}),
    days as (
      select pl.started_on as day from plan pl
      union select ${dayOf(sql`r.changed_at`)} from plan_revisions r where r.family_id = ${family} and r.part_kind in ('ANALYSIS', 'GOAL')
      union select m.valid_from from family_memberships m where m.family_id = ${family}
      union select m.valid_to + 1 from family_memberships m where m.family_id = ${family} and m.valid_to is not null
    ),
    candidates as (select d.day from days d join plan pl on d.day >= pl.started_on),
    items as (
      select distinct on (c.day, r.item_id) c.day, r.part_kind, r.snapshot
      from candidates c join plan_revisions r on r.family_id = ${family} and r.changed_at < (c.day + 1)::timestamp at time zone ${ZONE}
      where r.item_id is not null and r.part_kind in ('ANALYSIS', 'GOAL')
      order by c.day, r.item_id, r.version desc
    ),
    named_members as (${namedMembers(sql`items`, sql`i.day`)}),
    analysed_domains as (
      select i.day, count(distinct d.code)::int as n from items i cross join plan pl join life_domains d on d.region_id = pl.region_id and d.code = i.snapshot->>'lifeDomain'
      where i.part_kind = 'ANALYSIS' group by i.day
    ),
    region_domains as (select count(*)::int as n from life_domains d join plan pl on d.region_id = pl.region_id)
    select to_char(c.day, 'YYYY-MM-DD') as since,
      not exists (
        select 1 from family_memberships m
        where m.family_id = ${family} and m.valid_from <= c.day and (m.valid_to is null or m.valid_to >= c.day)
          and not exists (select 1 from named_members n where n.day = c.day and n.person_id = m.person_id::text)
      ) as members,
      coalesce(ad.n, 0) >= rd.n as "lifeDomains"
    from candidates c cross join region_domains rd left join analysed_domains ad on ad.day = c.day
    order by c.day`);
  const changes: CoverageChange[] = [];
  for (const row of rowsOf<CoverageChange>(result)) {
    const last = changes.at(-1);
    if (!last || last.members !== row.members || last.lifeDomains !== row.lifeDomains) changes.push({ since: row.since, members: row.members, lifeDomains: row.lifeDomains });
  }
  return changes;
}
