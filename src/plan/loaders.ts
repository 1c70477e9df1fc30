import DataLoader from "dataloader";
import { sql } from "drizzle-orm";
import type { Caller } from "../auth/caller.js";
import type { Db } from "../db/database.js";
import { NO_REGION } from "../ids.js";
import { groupBy, ofFamilies, perFamily } from "../db/per-family.js";
import { rowsOf } from "../db/rows.js";
import {
  toAgreement,
  toAnalysis,
  toCoachNote,
  toEvaluation,
  toGoal,
  toMilestone,
  toPlan,
  toRegieAssignment,
  toRevision,
  toTask,
} from "./parts.js";
import { agreements, analyses, coachNotes, evaluations, goals, milestones, planRevisions, plans, tasks } from "./tables.js";
import { regieAssignments } from "../families/tables.js";
import type { FamilyInvolvement, Plan } from "./types.js";

export function planLoaders(db: Db, caller: Caller | null, today: () => string) {
  const regionId = caller?.regionId ?? NO_REGION;
  return {
    plan: new DataLoader<string, Plan | null>(async (familyIds) => {
      const rows = await db
        .select({ plan: plans, lastEvaluation: sql<string | null>`(select max(e.held_on)::text from plan_evaluations e where e.plan_id = "plans"."id")` })
        .from(plans)
        .where(ofFamilies(plans, familyIds, regionId));
      const byFamily = new Map(rows.map((row) => [row.plan.familyId, toPlan(row.plan, row.lastEvaluation)]));
      return familyIds.map((id) => byFamily.get(id) ?? null);
    }),
    analyses: perFamily(db, regionId, analyses, analyses.lifeDomain, toAnalysis),
    goals: perFamily(db, regionId, goals, goals.createdAt, toGoal),
    tasks: perFamily(db, regionId, tasks, tasks.dueDate, (row) => toTask(row, today())),
    milestones: perFamily(db, regionId, milestones, milestones.dueDate, toMilestone),
    evaluations: perFamily(db, regionId, evaluations, evaluations.heldOn, toEvaluation),
    agreements: perFamily(db, regionId, agreements, agreements.agreedAt, toAgreement),
    coachNotes: perFamily(db, regionId, coachNotes, coachNotes.createdAt, toCoachNote),
    revisions: perFamily(db, regionId, planRevisions, planRevisions.version, (row) => toRevision(row, today())),
    regieHistory: perFamily(db, regionId, regieAssignments, regieAssignments.since, toRegieAssignment),
    // Not the reference index's Involvement projection (one row per signal, the contact given
    // with it): the family view folds a partner's signals on a member into one row, since the
    // first, and falls back to the professional's own contact details.
    involvements: new DataLoader<string, FamilyInvolvement[]>(async (familyIds) => {
      const ids = sql.join(familyIds.map((id) => sql`${id}::uuid`), sql`, `);
      const rows = rowsOf<FamilyInvolvement>(
        await db.execute(sql`
          select m.family_id as "familyId", pa.name as organisation, pa.sector, pr.name as professional,
            coalesce(s.contact_phone, pr.phone) as phone, coalesce(s.contact_email, pr.email) as email,
            p.given_name || ' ' || p.family_name as member, min(s.signalled_on)::text as since
          from family_memberships m
          join persons p on p.id = m.person_id
          join ri_family_signals(array[${ids}]::uuid[], ${today()}::date) s on s.region_id = p.region_id and s.bsn = p.bsn
          join partners pa on pa.id = s.partner_id
          join professionals pr on pr.id = s.professional_id
          where m.family_id in (${ids}) and m.region_id = ${regionId}::uuid
            and m.valid_from <= ${today()}::date and (m.valid_to is null or m.valid_to >= ${today()}::date)
          group by m.family_id, pa.name, pa.sector, pr.name, s.contact_phone, pr.phone, s.contact_email, pr.email, p.given_name, p.family_name
          order by pa.name, member`),
      );
      return groupBy(familyIds, rows, (row) => row.familyId, (row) => row);
    }),
  };
}
