import { sql } from "drizzle-orm";
import type { Caller } from "../../auth/caller.js";
import type { Db } from "../../db/database.js";
import { rowsOf } from "../../db/rows.js";

/**
 * What is loaded per family to decide it: the caller's place in its register (regisseur,
 * process lead), whether the caller's organisation is involved, the current members, the goals
 * of the organisation's own tasks, the consents and legal grounds on record for the
 * organisation, and the caller's open emergency access.
 */
export interface FamilyFacts {
  id: string;
  is_regisseur: boolean;
  is_process_lead: boolean;
  involved: boolean;
  members: string[] | null;
  own_goals: string[] | null;
  consents: { id: string; personId: string; domains: string[] }[] | null;
  legal_grounds: { id: string; personId: string; domains: string[]; basis: string; kind: string }[] | null;
  emergencies: { id: string; until: string }[] | null;
}

/*
 * What counts, on a day, as a current member (m), a task that involves its partner (t), consent
 * (c) and a legal ground (g) in effect: written once, read by the caller's facts here and by the
 * covenant preview's facts of every partner (covenant/preview/facts.ts). An active signal on a
 * current member, which makes a partner involved, is read through the reference index's
 * functions (ri_involved_families, ri_region_involvements in drizzle/0011): a request cannot
 * read another organisation's signals itself.
 */
export const currentMembership = (today: string) => sql`m.valid_from <= ${today}::date and (m.valid_to is null or m.valid_to >= ${today}::date)`;
export const taskInvolves = sql`t.status <> 'CANCELLED' and t.response <> 'DECLINED'`;
export const consentInEffect = (today: string) => sql`c.given_on <= ${today}::date and c.withdrawn_on is null`;
export const groundInEffect = (today: string) => sql`g.valid_from <= ${today}::date and (g.valid_until is null or g.valid_until > ${today}::date)`;

/**
 * Everything about the caller's relation to many families, in one statement. A family of
 * another region, or one that does not exist, is not returned and gets NONE: the two are
 * indistinguishable.
 */
export async function loadFacts(db: Db, caller: Caller, familyIds: readonly string[], today: string, now: Date): Promise<FamilyFacts[]> {
  const ids = sql.join(familyIds.map((id) => sql`${id}::uuid`), sql`, `);
  const current = currentMembership(today);
  return rowsOf<FamilyFacts>(
    await db.execute(sql`
      select f.id,
        coalesce(f.regisseur_id = ${caller.professionalId}::uuid, false) as is_regisseur,
        coalesce(f.process_lead_id = ${caller.professionalId}::uuid, false) as is_process_lead,
        (f.id in (select ri_involved_families(${caller.partnerId}::uuid, array[${ids}]::uuid[], ${today}::date))
        or exists (
          select 1 from plan_tasks t
          where t.family_id = f.id and t.lead_partner_id = ${caller.partnerId}::uuid and ${taskInvolves}
        )) as involved,
        (select json_agg(m.person_id) from family_memberships m where m.family_id = f.id and ${current}) as members,
        (select json_agg(distinct t.goal_id) from plan_tasks t
          where t.family_id = f.id and t.lead_partner_id = ${caller.partnerId}::uuid and t.goal_id is not null
            and ${taskInvolves}) as own_goals,
        (select json_agg(json_build_object('id', c.id, 'personId', c.person_id, 'domains', c.life_domains))
          from consents c
          where c.family_id = f.id and c.partner_id = ${caller.partnerId}::uuid
            and ${consentInEffect(today)}) as consents,
        (select json_agg(json_build_object('id', g.id, 'personId', g.person_id, 'domains', g.life_domains, 'basis', g.basis, 'kind', g.kind))
          from legal_grounds g
          where g.family_id = f.id and g.partner_id = ${caller.partnerId}::uuid
            and ${groundInEffect(today)}) as legal_grounds,
        (select json_agg(json_build_object('id', e.id, 'until', e.expires_at))
          from emergency_accesses e
          where e.family_id = f.id and e.professional_id = ${caller.professionalId}::uuid
            and e.opened_at <= ${now.toISOString()}::timestamptz and e.expires_at > ${now.toISOString()}::timestamptz) as emergencies
      from families f
      where f.id in (${ids}) and f.region_id = ${caller.regionId}::uuid`),
  );
}
