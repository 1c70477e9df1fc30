import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { CARE_ROLES } from "../../access/roles.js";
import type { Caller } from "../../auth/caller.js";
import type { Db } from "../../db/database.js";
import { families } from "../../families/tables.js";
import { professionals } from "../../organisations/tables.js";
import { seekAfter, seekKey, seekOrder, type SeekColumn } from "../../pagination/seek.js";
import { escalationLadder, escalations, escalationSteps } from "../tables.js";
import { isActor, type EscalationFamilyFacts } from "./actors.js";
import type { EscalationRow, LadderStep } from "./open.js";
import { variantChain } from "./variants.js";

/** An escalation with what decides who its parties are: its family's regisseur and process lead. */
export interface EscalationFacts extends EscalationFamilyFacts {
  row: EscalationRow;
}

/** A keyset page of the rows: after `after` in `order` (escalations, families or the current step), at most `limit`. */
export interface FactsPage {
  order: readonly SeekColumn[];
  after: string[] | null;
  limit: number;
}

/**
 * Escalations of one region, each with its family's keepers, in one statement. `where` may name
 * the escalation, its family and its regisseur (`professionals`) and, when paged, its current
 * step (`escalationSteps`): all are joined. A paged read carries each row's `seekKey`.
 */
export async function loadEscalationFacts(db: Db, regionId: string, where?: SQL, lock = false, page?: FactsPage): Promise<(EscalationFacts & { seekKey: string })[]> {
  const query = db
    .select({
      row: escalations,
      regisseurId: families.regisseurId,
      processLeadId: families.processLeadId,
      regisseurPartnerId: professionals.partnerId,
      seekKey: page ? seekKey(page.order) : sql<string>`''`,
    })
    .from(escalations)
    .innerJoin(families, eq(families.id, escalations.familyId))
    .leftJoin(professionals, eq(professionals.id, families.regisseurId))
    .leftJoin(escalationSteps, and(eq(escalationSteps.escalationId, escalations.id), eq(escalationSteps.step, escalations.currentStep)))
    .where(and(eq(escalations.regionId, regionId), where, page ? seekAfter(page.order, page.after) : undefined))
    .$dynamic();
  if (page) query.orderBy(...seekOrder(page.order)).limit(page.limit);
  // Only the escalation row is locked: a decision on it waits for another one in flight.
  const rows = lock ? await query.for("update", { of: escalations }) : await query;
  return rows.map((row) => ({ ...row, regionId: row.row.regionId, familyId: row.row.familyId, partyPartnerIds: row.row.partyPartnerIds }));
}

/** The region's ladders, per track, step by step. */
export async function laddersOf(db: Db, regionId: string): Promise<Map<string, LadderStep[]>> {
  const rows = await db.select().from(escalationLadder).where(eq(escalationLadder.regionId, regionId)).orderBy(asc(escalationLadder.step));
  const byKey = new Map<string, LadderStep[]>();
  for (const row of rows) byKey.set(`${row.track}:${row.variant}`, [...(byKey.get(`${row.track}:${row.variant}`) ?? []), row]);
  return byKey;
}

/** From the region's ladders (laddersOf), the one an escalation climbs: its variant's, or the nearest defined (variants.ts). */
export function ladderIn(ladders: ReadonlyMap<string, LadderStep[]>, track: string, variant: string): LadderStep[] {
  for (const candidate of variantChain(variant)) {
    const ladder = ladders.get(`${track}:${candidate}`);
    if (ladder) return ladder;
  }
  return [];
}

/**
 * What the ladder says of step `step`. An escalation keeps its reached steps when the ladder is
 * replaced; should the new ladder be shorter than the step it stands at, the new last (binding)
 * step decides it.
 */
export function stepDefinition(ladder: readonly LadderStep[], step: number): LadderStep | undefined {
  return ladder.find((candidate) => candidate.step === step) ?? ladder.at(-1);
}

/** The current step is the ladder's last: its decision binds and there is no step above it. */
export const isBinding = (ladder: readonly LadderStep[], step: number): boolean => step >= ladder.length;

/**
 * The parties to an escalation: who raised it, the family's regisseur and process lead, the
 * deciders and informed of every step it reached (as they are now), and the care workers of the
 * partners in the conflict. Nobody else learns that it exists.
 */
export function isParty(caller: Caller, facts: EscalationFacts, ladder: readonly LadderStep[]): boolean {
  const me = caller.professionalId;
  if (facts.row.raisedBy === me || facts.regisseurId === me || facts.processLeadId === me) return true;
  if (caller.roles.some((role) => CARE_ROLES.includes(role)) && facts.partyPartnerIds.includes(caller.partnerId)) return true;
  const kinds = new Set<string>();
  for (let step = 1; step <= facts.row.currentStep; step++) {
    const definition = stepDefinition(ladder, step);
    for (const kind of [...(definition?.deciders ?? []), ...(definition?.informed ?? [])]) kinds.add(kind);
  }
  return isActor(caller, facts, [...kinds]);
}

/** Whether the caller decides the escalation's current step. */
export function decidesCurrentStep(caller: Caller, facts: EscalationFacts, ladder: readonly LadderStep[]): boolean {
  return isActor(caller, facts, stepDefinition(ladder, facts.row.currentStep)?.deciders ?? []);
}
