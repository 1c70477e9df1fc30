import { sql } from "drizzle-orm";
import type { AuthenticatedContext } from "../context.js";
import { rowsOf } from "../db/rows.js";
import { today } from "../dates.js";
import { badInput } from "../errors.js";
import { normalizeId } from "../ids.js";

/**
 * The ids as partners in the family's work — involved with it (an active signal on a current
 * member, a task it has not declined) or the organisation of its regisseur or process lead — or
 * BAD_USER_INPUT naming the first that is not one (`fieldOf(index)`). Naming any other partner
 * would tell its professionals of a family the covenant keeps from them (an escalation's parties,
 * the managers asked for a step's report).
 */
export async function involvedPartners(tx: AuthenticatedContext, familyId: string, rawIds: readonly string[], fieldOf: (index: number) => string): Promise<string[]> {
  const day = today(tx);
  const rows = rowsOf<{ id: string }>(
    await tx.db.execute(sql`
      select s.partner_id as id from family_memberships m
        join persons p on p.id = m.person_id
        join ri_family_signals(array[${familyId}::uuid], ${day}::date) s on s.region_id = p.region_id and s.bsn = p.bsn
        where m.family_id = ${familyId}::uuid and m.valid_from <= ${day}::date and (m.valid_to is null or m.valid_to >= ${day}::date)
      union select t.lead_partner_id from plan_tasks t
        where t.family_id = ${familyId}::uuid and t.status <> 'CANCELLED' and t.response <> 'DECLINED'
      union select pr.partner_id from families f
        join professionals pr on pr.id in (f.regisseur_id, f.process_lead_id)
        where f.id = ${familyId}::uuid`),
  );
  const known = new Set(rows.map((row) => row.id));
  return rawIds.map((raw, index) => {
    const id = normalizeId(raw);
    if (!id || !known.has(id)) throw badInput(fieldOf(index), "not a partner involved with this family");
    return id;
  });
}
