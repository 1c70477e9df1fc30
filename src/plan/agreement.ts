import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { AuthenticatedContext } from "../context.js";
import { inTransaction } from "../accountability/access-log/transaction.js";
import { familyGate, requireFamily } from "../covenant/decisions/gate.js";
import { loadCovenantInForce } from "../covenant/decisions/in-force.js";
import { KNOWS_FAMILY, REGISSEUR, SEES_PROCESS } from "../covenant/decisions/needs.js";
import { ageOn, today } from "../dates.js";
import { badInput, conflict, forbidden, notFound } from "../errors.js";
import { persons } from "../families/tables.js";
import { parseInput, text } from "../validation.js";
import { lockPlan, memberOf, regisseurOf } from "./edit.js";
import { toAgreement, toCoachNote } from "./parts.js";
import { agreements, coachNotes, plans } from "./tables.js";
import type { Agreement, AgreementParty, CoachNote } from "./types.js";
import { recordWrite } from "../accountability/access-log/writes.js";

const AGREEING = familyGate({ operations: ["Mutation.agreeToPlan"], need: KNOWS_FAMILY });

/** The coach agrees, and records a client's agreement, as the regisseur: as for an edit of the plan. */
const COACH_AGREEING = familyGate({
  operations: ["Mutation.agreeToPlan"],
  need: REGISSEUR,
  refusal: "Only the family's regisseur edits the plan.",
  lock: "share",
  note: "for the coach's and a client's agreement",
});

/** The referring partner signs a plan it can read the process of, not one it only knows exists. */
const REFERRER_AGREEING = familyGate({
  operations: ["Mutation.agreeToPlan"],
  need: SEES_PROCESS,
  refusal: "Only a professional of the plan's referring partner, with access to the plan, agrees for it.",
  note: "for the referring partner's agreement",
});

/**
 * Records that a party agreed to the current version of the plan. The coach agrees for
 * themselves; a client's agreement is recorded by the coach; the referring partner's by one of
 * its professionals. Agreeing to an old version is refused: the parties must sign the same text.
 */
export async function agreeToPlan(
  ctx: AuthenticatedContext,
  rawFamilyId: string,
  version: number,
  party: AgreementParty,
  rawPersonId: string | null | undefined,
): Promise<Agreement> {
  parseInput(z.number().int().min(1, "a plan version starts at 1"), version, "version");
  const row = await inTransaction(ctx, async (tx) => {
    const entitlement = await requireFamily(tx, rawFamilyId, AGREEING);
    // Who may agree is decided before anything about the plan is said: its existence and its
    // version are process data a party without PROCESS may not learn from an error.
    if (party === "COACH" || party === "CLIENT") await requireFamily(tx, entitlement.familyId, COACH_AGREEING);
    if (party !== "CLIENT" && rawPersonId) throw badInput("personId", "only for a client's agreement");
    if (party === "REFERRING_PARTNER") {
      await requireFamily(tx, entitlement.familyId, REFERRER_AGREEING);
      const [current] = await tx.db.select({ referringPartnerId: plans.referringPartnerId }).from(plans).where(eq(plans.familyId, entitlement.familyId));
      if (current?.referringPartnerId !== tx.caller.partnerId) {
        throw forbidden("Only a professional of the plan's referring partner, with access to the plan, agrees for it.");
      }
    }
    const plan = await lockPlan(tx, entitlement.familyId);
    if (plan.version !== version) throw conflict(`version: the plan is at version ${plan.version}; agree to the current version.`);
    let personId: string | null = null;
    const partnerId = party === "REFERRING_PARTNER" ? tx.caller.partnerId : null;
    if (party === "CLIENT") {
      if (!rawPersonId) throw badInput("personId", "required: the member who agrees");
      personId = await memberOf(tx, plan.familyId, rawPersonId, "personId");
      const [person] = await tx.db.select({ birthDate: persons.birthDate }).from(persons).where(eq(persons.id, personId));
      // A client signs for themselves from the age they decide alone (the covenant's age rule).
      const minimumAge = (await loadCovenantInForce(tx.db, tx.caller, today(tx))).consentAgeAlone;
      if (ageOn(person!.birthDate, today(tx)) < minimumAge) throw badInput("personId", `a client agrees from age ${minimumAge}; a parent agrees for a younger child`);
    }
    const [already] = await tx.db
      .select({ id: agreements.id })
      .from(agreements)
      .where(
        and(
          eq(agreements.planId, plan.id),
          eq(agreements.version, version),
          eq(agreements.party, party),
          personId ? eq(agreements.personId, personId) : sql`true`,
          partnerId ? eq(agreements.partnerId, partnerId) : sql`true`,
          // A coach agrees for themselves: after a hand-over the new regisseur signs too.
          party === "COACH" ? eq(agreements.recordedBy, tx.caller.professionalId) : sql`true`,
        ),
      );
    if (already) throw conflict("This party already agreed to this version.");
    const [agreement] = await tx.db
      .insert(agreements)
      .values({ regionId: plan.regionId, familyId: plan.familyId, planId: plan.id, version, party, personId, partnerId, recordedBy: tx.caller.professionalId, agreedAt: tx.now() })
      .returning();
    recordWrite(tx, plan.familyId, { data: ["AGREEMENT"], personIds: personId ? [personId] : [] });
    return agreement!;
  });
  ctx.loaders.agreements.clear(row.familyId);
  return toAgreement(row);
}

/** The regisseur's working note; the plan's version does not change, nothing is overwritten. */
export async function addCoachNote(ctx: AuthenticatedContext, rawFamilyId: string, rawText: string): Promise<CoachNote> {
  const noteText = parseInput(text(20000), rawText, "text");
  const row = await inTransaction(ctx, async (tx) => {
    const familyId = await regisseurOf(tx, rawFamilyId);
    const [plan] = await tx.db.select().from(plans).where(eq(plans.familyId, familyId));
    if (!plan) throw notFound("Plan");
    const [note] = await tx.db
      .insert(coachNotes)
      .values({ regionId: plan.regionId, familyId, planId: plan.id, authorId: tx.caller.professionalId, text: noteText, createdAt: tx.now() })
      .returning();
    recordWrite(tx, familyId, { data: ["COACH_NOTE"] });
    return note!;
  });
  ctx.loaders.coachNotes.clear(row.familyId);
  return toCoachNote(row);
}

