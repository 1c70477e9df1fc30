import { sql } from "drizzle-orm";
import type { Db } from "../../db/database.js";
import { rowsOf } from "../../db/rows.js";
import {
  consentInEffect,
  currentMembership,
  groundInEffect,
  taskInvolves,
  type FamilyFacts,
} from "../decisions/facts.js";

/*
 * THE ONE PLACE THAT READS EVERY PARTNER'S RELATION TO EVERY FAMILY OF A REGION.
 *
 * The covenant preview decides each partner against a draft, so it reads, for the whole
 * region at once, which partners are involved with which families (active reference-index
 * signals, tasks given to them) and the consents and legal grounds on record for each partner.
 * Everywhere else a request reads only its own partner's (decisions/facts.ts). Other
 * organisations' signals are out of a request's reach (row-level security, drizzle/0011): their
 * involvements come through `ri_region_involvements`, which answers family and partner ids only.
 * Nothing leaves the preview but counts.
 *
 * What counts as a current member, an active signal, an involving task and consent or a legal
 * ground in effect is decisions/facts.ts's, imported, so the preview cannot drift from it.
 */

/** One partner's relation to one family: what decisions/facts.ts loads for a caller of that partner. */
export interface PartnerFacts {
  partnerId: string;
  involved: boolean;
  consents: FamilyFacts["consents"];
  legalGrounds: FamilyFacts["legal_grounds"];
}

/** A family of the region, its current members, and every partner with some relation to it. */
export interface RegionFamilyFacts {
  id: string;
  members: string[] | null;
  partners: PartnerFacts[] | null;
}

/**
 * Every family of the region with the partners related to it, in one statement: a family with
 * no partner related has `partners` null (every partner is then uninvolved, without consent).
 */
export async function loadRegionFacts(db: Db, regionId: string, today: string): Promise<RegionFamilyFacts[]> {
  return rowsOf<RegionFamilyFacts>(
    await db.execute(sql`
      with region_families as (select f.id from families f where f.region_id = ${regionId}::uuid),
      involvement as (
        select i.family_id, i.partner_id from ri_region_involvements(${today}::date) i
        union
        select t.family_id, t.lead_partner_id from plan_tasks t
          join region_families rf on rf.id = t.family_id
          where ${taskInvolves}
      ),
      consent as (
        select c.family_id, c.partner_id, json_agg(json_build_object('id', c.id, 'personId', c.person_id, 'domains', c.life_domains)) as consents
          from consents c join region_families rf on rf.id = c.family_id
          where ${consentInEffect(today)}
          group by c.family_id, c.partner_id
      ),
      ground as (
        select g.family_id, g.partner_id,
            json_agg(json_build_object('id', g.id, 'personId', g.person_id, 'domains', g.life_domains, 'basis', g.basis, 'kind', g.kind)) as grounds
          from legal_grounds g join region_families rf on rf.id = g.family_id
          where ${groundInEffect(today)}
          group by g.family_id, g.partner_id
      ),
      related as (
        select family_id, partner_id from involvement
        union select family_id, partner_id from consent
        union select family_id, partner_id from ground
      )
      select rf.id,
        (select json_agg(m.person_id) from family_memberships m where m.family_id = rf.id and ${currentMembership(today)}) as members,
        (select json_agg(json_build_object(
            'partnerId', r.partner_id,
            'involved', exists (select 1 from involvement i where i.family_id = r.family_id and i.partner_id = r.partner_id),
            'consents', c.consents,
            'legalGrounds', g.grounds))
          from related r
          left join consent c on c.family_id = r.family_id and c.partner_id = r.partner_id
          left join ground g on g.family_id = r.family_id and g.partner_id = r.partner_id
          where r.family_id = rf.id) as partners
      from region_families rf
      order by rf.id`),
  );
}
