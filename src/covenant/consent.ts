import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { AuthenticatedContext } from "../context.js";
import { inTransaction } from "../accountability/access-log/transaction.js";
import { ageOn, today } from "../dates.js";
import { badInput, conflict, notFound } from "../errors.js";
import { familyMemberships, memberOn, persons } from "../families/tables.js";
import { normalizeId } from "../ids.js";
import { memberOf, membersOf, partnerInRegion } from "../plan/edit.js";
import { lifeDomainsOf } from "../plan/life-domains.js";
import { day, parseInput, text } from "../validation.js";
import { familyGate, requireFamily } from "./decisions/gate.js";
import type { CovenantInForce } from "./decisions/in-force.js";
import { CONSENT_RECORDER, KEEPER } from "./decisions/needs.js";
import { consents, legalGrounds } from "./tables.js";
import { LEGAL_GROUND_KINDS, type Consent, type ConsentInput, type LegalGround, type LegalGroundInput } from "./types.js";
import { recordWrite } from "../accountability/access-log/writes.js";

type ConsentRow = typeof consents.$inferSelect;
type GroundRow = typeof legalGrounds.$inferSelect;

export const toConsent = (row: ConsentRow): Consent => ({
  id: row.id,
  familyId: row.familyId,
  personId: row.personId,
  partnerId: row.partnerId,
  lifeDomains: row.lifeDomains,
  givenBy: row.givenBy,
  givenOn: row.givenOn,
  recordedById: row.recordedBy,
  withdrawnOn: row.withdrawnOn,
  withdrawnBy: row.withdrawnBy,
});

export const toLegalGround = (row: GroundRow): LegalGround => ({
  ...row,
  kind: row.kind as LegalGround["kind"],
  recordedById: row.recordedBy,
});

interface ConsentRules {
  ageAlone: number;
  ageJoint: number;
  processLeadMayRecord: boolean;
}

/** The region's consent rules from the covenant in force (the domain brief's defaults without one). */
async function consentRules(tx: AuthenticatedContext): Promise<ConsentRules> {
  const covenant = await tx.entitlements.covenant();
  return {
    ageAlone: covenant.consentAgeAlone,
    ageJoint: covenant.consentAgeJoint,
    processLeadMayRecord: covenant.consentRecorders === "REGISSEUR_OR_PROCESS_LEAD",
  };
}

/** Consent is recorded by the professional the region allows: the regisseur, perhaps the process lead. */
const consentRefusal = (covenant: CovenantInForce) =>
  covenant.consentRecorders === "REGISSEUR_OR_PROCESS_LEAD" ? "Only the family's regisseur or process lead records consent." : "Only the family's regisseur records consent.";
const CONSENT = familyGate({ operations: ["Mutation.recordConsent", "Mutation.withdrawConsent"], need: CONSENT_RECORDER, refusal: consentRefusal });

const LEGAL_GROUND = familyGate({ operations: ["Mutation.recordLegalGround"], need: KEEPER, refusal: "Only the family's regisseur or process lead records a legal ground." });
const LEGAL_GROUND_END = familyGate({ operations: ["Mutation.endLegalGround"], need: KEEPER, refusal: "Only the family's regisseur or process lead ends a legal ground." });

/** The current members with legal custody (gezag), other than the person themselves. */
async function custodiansOf(tx: AuthenticatedContext, familyId: string, personId: string): Promise<Set<string>> {
  const day = today(tx);
  const rows = await tx.db
    .select({ personId: familyMemberships.personId })
    .from(familyMemberships)
    .where(
      and(
        eq(familyMemberships.familyId, familyId),
        eq(familyMemberships.legalCustody, true),
        memberOn(day),
      ),
    );
  return new Set(rows.map((row) => row.personId).filter((id) => id !== personId));
}

/**
 * Who decides for a member (the age rule, per region): the youngster alone from `ageAlone`,
 * the youngster and a parent with custody from `ageJoint`, a parent with custody below it.
 * Returns the problem, or null when `givenBy` is exactly such a set.
 */
async function ageRuleProblem(tx: AuthenticatedContext, familyId: string, personId: string, givenBy: string[], rules: ConsentRules): Promise<string | null> {
  const [person] = await tx.db.select({ birthDate: persons.birthDate }).from(persons).where(eq(persons.id, personId));
  const custodians = await custodiansOf(tx, familyId, personId);
  const age = ageOn(person!.birthDate, today(tx));
  const self = givenBy.includes(personId);
  const parents = givenBy.filter((id) => custodians.has(id));
  if (givenBy.some((id) => id !== personId && !custodians.has(id))) return "only the member and parents with custody can give consent";
  if (age >= rules.ageAlone) return self && parents.length === 0 ? null : `from ${rules.ageAlone} the member decides alone`;
  if (age >= rules.ageJoint) return self && parents.length > 0 ? null : `from ${rules.ageJoint} the member and a parent with custody decide together`;
  return !self && parents.length > 0 ? null : `below ${rules.ageJoint} a parent with custody decides`;
}

const consentSchema = z.object({
  familyId: z.string(),
  personId: z.string(),
  partnerId: z.string(),
  lifeDomains: z.array(z.string()).min(1, "name at least one life domain").max(30, "at most 30"),
  givenBy: z.array(z.string()).min(1, "name who gave it").max(5, "at most 5"),
  givenOn: day.nullish(),
});

/** Records consent for one member, one partner, some life domains; it applies from the next request. */
export async function recordConsent(ctx: AuthenticatedContext, raw: ConsentInput): Promise<Consent> {
  const input = parseInput(consentSchema, raw, "input");
  const row = await inTransaction(ctx, async (tx) => {
    const { familyId } = await requireFamily(tx, input.familyId, CONSENT);
    const rules = await consentRules(tx);
    const personId = await memberOf(tx, familyId, input.personId, "input.personId");
    const givenBy = await membersOf(tx, familyId, input.givenBy, "input.givenBy");
    const problem = await ageRuleProblem(tx, familyId, personId, givenBy, rules);
    if (problem) throw badInput("input.givenBy", problem);
    const partnerId = await partnerInRegion(tx, input.partnerId, "input.partnerId");
    const domains = await lifeDomainsOf(tx, input.lifeDomains, "input.lifeDomains");
    const givenOn = input.givenOn ?? today(tx);
    if (givenOn > today(tx)) throw badInput("input.givenOn", "lies in the future");
    const [consent] = await tx.db
      .insert(consents)
      .values({ regionId: tx.caller.regionId, familyId, personId: personId, partnerId, lifeDomains: domains, givenBy, givenOn, recordedBy: tx.caller.professionalId })
      .returning();
    recordWrite(tx, familyId, { data: ["CONSENT"], personIds: [personId] });
    return consent!;
  });
  ctx.entitlements.clearAll();
  return toConsent(row);
}

/** Withdraws consent (by one of those who may give it); it no longer counts from the next request. */
export async function withdrawConsent(ctx: AuthenticatedContext, rawId: string, rawBy: string[]): Promise<Consent> {
  const by = parseInput(z.array(z.string()).min(1, "name who withdrew it").max(5, "at most 5"), rawBy, "withdrawnBy");
  const row = await inTransaction(ctx, async (tx) => {
    const id = normalizeId(rawId);
    const [consent] = id ? await tx.db.select().from(consents).where(and(eq(consents.id, id), eq(consents.regionId, tx.caller.regionId))).for("update") : [];
    if (!consent) throw notFound("Consent");
    await requireFamily(tx, consent.familyId, CONSENT, { missing: "Consent" });
    if (consent.withdrawnOn) throw conflict(`id: this consent was withdrawn on ${consent.withdrawnOn}.`);
    const withdrawnBy = await membersOf(tx, consent.familyId, by, "withdrawnBy");
    // Any one of those who could give consent can take it back: the member or a parent with custody.
    const custodians = await custodiansOf(tx, consent.familyId, consent.personId);
    withdrawnBy.forEach((person, index) => {
      if (person !== consent.personId && !custodians.has(person)) {
        throw badInput(`withdrawnBy[${index}]`, "only the member or a parent with custody can withdraw consent");
      }
    });
    const [updated] = await tx.db
      .update(consents)
      .set({ withdrawnOn: today(tx), withdrawnBy, withdrawalRecordedBy: tx.caller.professionalId })
      .where(eq(consents.id, consent.id))
      .returning();
    recordWrite(tx, consent.familyId, { data: ["CONSENT"], personIds: [consent.personId] });
    return updated!;
  });
  ctx.entitlements.clearAll();
  return toConsent(row);
}

const groundSchema = z.object({
  familyId: z.string(),
  personId: z.string(),
  partnerId: z.string(),
  lifeDomains: z.array(z.string()).min(1, "name at least one life domain").max(30, "at most 30"),
  kind: z.enum(LEGAL_GROUND_KINDS),
  basis: text(1000),
  validFrom: day.nullish(),
  validUntil: day.nullish(),
});

/** Records a legal ground that stands in for consent, with its basis: the regisseur or the process lead. */
export async function recordLegalGround(ctx: AuthenticatedContext, raw: LegalGroundInput): Promise<LegalGround> {
  const input = parseInput(groundSchema, raw, "input");
  const row = await inTransaction(ctx, async (tx) => {
    const entitlement = await requireFamily(tx, input.familyId, LEGAL_GROUND);
    const personId = await memberOf(tx, entitlement.familyId, input.personId, "input.personId");
    const partnerId = await partnerInRegion(tx, input.partnerId, "input.partnerId");
    const domains = await lifeDomainsOf(tx, input.lifeDomains, "input.lifeDomains");
    const validFrom = input.validFrom ?? today(tx);
    if (input.validUntil && input.validUntil <= validFrom) throw badInput("input.validUntil", "must lie after validFrom");
    const [ground] = await tx.db
      .insert(legalGrounds)
      .values({
        regionId: tx.caller.regionId,
        familyId: entitlement.familyId,
        personId: personId,
        partnerId,
        lifeDomains: domains,
        kind: input.kind,
        basis: input.basis,
        validFrom,
        validUntil: input.validUntil ?? null,
        recordedBy: tx.caller.professionalId,
      })
      .returning();
    recordWrite(tx, entitlement.familyId, { data: ["LEGAL_GROUND"], personIds: [personId] });
    return ground!;
  });
  ctx.entitlements.clearAll();
  return toLegalGround(row);
}

/** Ends a legal ground (the measure was lifted): from the next request it grants nothing. */
export async function endLegalGround(ctx: AuthenticatedContext, rawId: string): Promise<LegalGround> {
  const row = await inTransaction(ctx, async (tx) => {
    const id = normalizeId(rawId);
    const [ground] = id ? await tx.db.select().from(legalGrounds).where(and(eq(legalGrounds.id, id), eq(legalGrounds.regionId, tx.caller.regionId))).for("update") : [];
    if (!ground) throw notFound("Legal ground");
    await requireFamily(tx, ground.familyId, LEGAL_GROUND_END, { missing: "Legal ground" });
    const day = today(tx);
    if (ground.validUntil !== null && ground.validUntil <= day) throw conflict(`id: this legal ground ended on ${ground.validUntil}.`);
    const [updated] = await tx.db.update(legalGrounds).set({ validUntil: day > ground.validFrom ? day : ground.validFrom }).where(eq(legalGrounds.id, ground.id)).returning();
    recordWrite(tx, ground.familyId, { data: ["LEGAL_GROUND"], personIds: [ground.personId] });
    return updated!;
  });
  ctx.entitlements.clearAll();
  return toLegalGround(row);
}
