import { and, count, eq, isNull } from "drizzle-orm";
import type { AuthenticatedContext } from "../context.js";
import { inTransaction } from "../accountability/access-log/transaction.js";
import { today } from "../dates.js";
import { familyGate, requireFamily, type FamilyGate } from "../covenant/decisions/gate.js";
import { KEEPER } from "../covenant/decisions/needs.js";
import { badInput, conflict, notFound } from "../errors.js";
import { normalizeId } from "../ids.js";
import { parseInput } from "../validation.js";
import { householdMemberSchema, insertPerson, MAX_HOUSEHOLD_SIZE, notEnded, toFamily } from "./service.js";
import { families, familyCategories, familyMemberships, persons } from "./tables.js";
import type { CATEGORIES, Family } from "./types.js";
import { recordWrite } from "../accountability/access-log/writes.js";

/*
 * Changes to a registered family: its category and its members. Each is its regisseur's or
 * process lead's, and keeps the history.
 */

type FamilyRow = typeof families.$inferSelect;

/** The register of a family is changed by its regisseur or process lead, decided under a lock on its row. */
const CATEGORY_CHANGE = familyGate({
  operations: ["Mutation.changeFamilyCategory"],
  need: KEEPER,
  refusal: "Only the family's regisseur or process lead may change its category.",
  lock: "update",
});
const MEMBERS_CHANGE = familyGate({
  operations: ["Mutation.addFamilyMember", "Mutation.endFamilyMembership"],
  need: KEEPER,
  refusal: "Only the family's regisseur or process lead may change its members.",
  lock: "update",
});

/**
 * Inside a mutation's transaction: the family row, locked until commit, when the caller passes
 * the gate. Deciding under the lock means a concurrent change (a new regisseur, another member
 * joining) cannot slip between the check and the write. A family the caller may not know of
 * gets NOT_FOUND (as `missing`), exactly like one that does not exist.
 */
async function lockFamilyKeptByCaller(tx: AuthenticatedContext, rawFamilyId: string, gate: FamilyGate, missing = "Family"): Promise<FamilyRow> {
  const { familyId } = await requireFamily(tx, rawFamilyId, gate, { missing });
  const [row] = await tx.db.select().from(families).where(eq(families.id, familyId));
  return row!;
}

/** After a change the request's loaders must not answer from what they read before it. */
function forgetFamily(ctx: AuthenticatedContext, familyId: string): void {
  ctx.loaders.members.clear(familyId);
  ctx.loaders.categoryHistory.clear(familyId);
  // Who is a current member decides who is involved.
  ctx.entitlements.clear(familyId);
}

/** Changes a family's category, keeping the history; only its regisseur or process lead may. */
export async function changeCategory(
  ctx: AuthenticatedContext,
  rawFamilyId: string,
  category: (typeof CATEGORIES)[number],
): Promise<Family> {
  const family = await inTransaction(ctx, async (tx) => {
    const row = await lockFamilyKeptByCaller(tx, rawFamilyId, CATEGORY_CHANGE);
    await tx.db.insert(familyCategories).values({
      regionId: tx.caller.regionId,
      familyId: row.id,
      category,
      since: tx.now(),
      setBy: tx.caller.professionalId,
    });
    recordWrite(tx, row.id, { data: ["CATEGORY"] });
    return toFamily(row);
  });
  forgetFamily(ctx, family.familyId);
  return family;
}

/** A new member joins the household (a newborn, a new partner); the register keeps the history. */
export async function addMember(ctx: AuthenticatedContext, rawFamilyId: string, raw: unknown): Promise<Family> {
  const member = parseInput(householdMemberSchema, raw, "member");
  const day = today(ctx);
  if (member.birthDate > day) throw badInput("member.birthDate", "lies in the future");
  const family = await inTransaction(ctx, async (tx) => {
    const row = await lockFamilyKeptByCaller(tx, rawFamilyId, MEMBERS_CHANGE);
    // Someone who lived here before keeps their person row; a newcomer gets one.
    const earlier = await tx.db
      .select({ personId: persons.id, validTo: familyMemberships.validTo })
      .from(familyMemberships)
      .innerJoin(persons, eq(persons.id, familyMemberships.personId))
      .where(and(eq(familyMemberships.familyId, row.id), eq(persons.bsn, member.bsn)));
    if (earlier.some((membership) => membership.validTo === null)) {
      throw conflict("member.bsn: this person is already a member of the household.");
    }
    if ((await currentMemberCount(tx, row.id, day)) >= MAX_HOUSEHOLD_SIZE) {
      throw badInput("member", `the household already has ${MAX_HOUSEHOLD_SIZE} members, the most it may have`);
    }
    const personId = earlier[0]?.personId ?? (await insertPerson(tx, member));
    await tx.db.insert(familyMemberships).values({
      regionId: tx.caller.regionId,
      familyId: row.id,
      personId,
      relation: member.relation,
      legalCustody: member.legalCustody,
      validFrom: member.validFrom ?? day,
    });
    recordWrite(tx, row.id, { data: ["MEMBERS"], personIds: [personId] });
    return toFamily(row);
  });
  forgetFamily(ctx, family.familyId);
  return family;
}

async function currentMemberCount(ctx: AuthenticatedContext, familyId: string, day: string): Promise<number> {
  const [row] = await ctx.db
    .select({ members: count() })
    .from(familyMemberships)
    .where(and(eq(familyMemberships.familyId, familyId), notEnded(familyMemberships, day)));
  return row?.members ?? 0;
}

/** A member leaves the household (divorce, placement out of home); the membership gets an end date. */
export async function endMembership(
  ctx: AuthenticatedContext,
  rawMembershipId: string,
  validTo: string,
): Promise<Family> {
  const membershipId = normalizeId(rawMembershipId);
  const family = await inTransaction(ctx, async (tx) => {
    const membership = membershipId ? await membershipInRegion(tx, membershipId) : null;
    if (!membership) throw notFound("Membership");
    // Not revealing the family means not revealing its memberships either.
    const row = await lockFamilyKeptByCaller(tx, membership.familyId, MEMBERS_CHANGE, "Membership");
    if (membership.validTo !== null) throw conflict("membershipId: this membership has already ended.");
    if (validTo < membership.validFrom) throw badInput("validTo", "lies before the membership began");
    const ended = await tx.db
      .update(familyMemberships)
      .set({ validTo })
      .where(and(eq(familyMemberships.id, membership.id), isNull(familyMemberships.validTo)))
      .returning({ id: familyMemberships.id });
    // Nothing written is no success: it ended, or went, while we waited for the lock.
    if (ended.length === 0) {
      throw (await membershipInRegion(tx, membership.id))
        ? conflict("membershipId: this membership has already ended.")
        : notFound("Membership");
    }
    recordWrite(tx, row.id, { data: ["MEMBERS"], personIds: [membership.personId] });
    return toFamily(row);
  });
  forgetFamily(ctx, family.familyId);
  return family;
}

async function membershipInRegion(ctx: AuthenticatedContext, id: string) {
  const [row] = await ctx.db
    .select()
    .from(familyMemberships)
    .where(and(eq(familyMemberships.id, id), eq(familyMemberships.regionId, ctx.caller.regionId)));
  return row ?? null;
}
