import DataLoader from "dataloader";
import { and, asc, eq, gte, inArray, isNull, or, sql, type Column } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Caller } from "../auth/caller.js";
import type { AuthenticatedContext } from "../context.js";
import { inTransaction } from "../accountability/access-log/transaction.js";
import { knowsFamily } from "../covenant/decisions/predicates.js";
import type { Db } from "../db/database.js";
import { groupBy, ofFamilies, perFamily } from "../db/per-family.js";
import { ageOn, today } from "../dates.js";
import { badInput, conflict } from "../errors.js";
import { NO_REGION, normalizeId } from "../ids.js";
import { professionals } from "../organisations/tables.js";
import { checkCaseload } from "../process/caseload.js";
import { recordPhase } from "../process/phase-moves.js";
import { bsn, day, parseInput, text } from "../validation.js";
import { families, familyCategories, familyMemberships, persons, regieAssignments } from "./tables.js";
import {
  CATEGORIES,
  RELATIONS,
  type CategoryChange,
  type Family,
  type FamilyMember,
  type RegisterFamilyInput,
  type RegisteredFamily,
} from "./types.js";
import { recordWrite } from "../accountability/access-log/writes.js";

type FamilyRow = typeof families.$inferSelect;

export const toFamily = (row: FamilyRow): Family => ({
  id: row.id,
  familyId: row.id,
  name: row.name,
  regisseurId: row.regisseurId,
  processLeadId: row.processLeadId,
  phase: row.phase,
});

/** Per-request loaders keyed by family id; the families were already scoped to the region. */
export function familyLoaders(db: Db, caller: Caller | null) {
  const regionId = caller?.regionId ?? NO_REGION;
  return {
    members: new DataLoader<string, FamilyMember[]>(async (familyIds) => {
      const rows = await db
        .select({ membership: familyMemberships, person: persons })
        .from(familyMemberships)
        .innerJoin(persons, eq(persons.id, familyMemberships.personId))
        .where(ofFamilies(familyMemberships, familyIds, regionId))
        .orderBy(asc(familyMemberships.validFrom), asc(persons.birthDate));
      return groupBy(familyIds, rows, (row) => row.membership.familyId, ({ membership, person }) => ({
        id: membership.id,
        familyId: membership.familyId,
        relation: membership.relation as FamilyMember["relation"],
        legalCustody: membership.legalCustody,
        validFrom: membership.validFrom,
        validTo: membership.validTo,
        person: { ...person, familyId: membership.familyId },
      }));
    }),
    categoryHistory: perFamily(db, regionId, familyCategories, familyCategories.since, (row): CategoryChange => ({
      familyId: row.familyId,
      category: row.category as CategoryChange["category"],
      since: row.since,
      setById: row.setBy,
    })),
  };
}

/** A family the caller may know of (at least DAT), else null: the same as for no family at all. */
export async function findFamily(ctx: AuthenticatedContext, rawId: string): Promise<Family | null> {
  const id = normalizeId(rawId);
  if (!id) return null;
  if (!knowsFamily(await ctx.entitlements.load(id))) return null;
  const [row] = await ctx.db
    .select()
    .from(families)
    .where(and(eq(families.id, id), eq(families.regionId, ctx.caller.regionId)));
  return row ? toFamily(row) : null;
}

/** More current members than this is a typing error or a script gone wrong, not a household. */
export const MAX_HOUSEHOLD_SIZE = 30;

/** A professional's id from a client, lowercased; anything else names no one. */
const professionalId = z.string().transform((value, context) => {
  const id = normalizeId(value);
  if (id === null) context.addIssue({ code: "custom", message: "not a professional of your region" });
  return id ?? z.NEVER;
});

/** One household member as a client lists them: for a registration, a new member, a concern. */
export const householdMemberSchema = z.object({
  bsn,
  givenName: text(100),
  familyName: text(100),
  birthDate: day,
  relation: z.enum(RELATIONS),
  legalCustody: z.boolean(),
  validFrom: day.nullish(),
});

const registerFamilySchema = z.object({
  name: text(200),
  category: z.enum(CATEGORIES),
  regisseurId: professionalId,
  processLeadId: professionalId.nullish(),
  members: z
    .array(householdMemberSchema)
    .min(2, "a household has at least one parent and one child")
    .max(MAX_HOUSEHOLD_SIZE, `a household has at most ${MAX_HOUSEHOLD_SIZE} members`),
});
type MemberData = z.infer<typeof householdMemberSchema>;

/** Each person listed once, nobody born after `day`: BAD_USER_INPUT naming the member. */
export function checkListedMembers(members: readonly { bsn: string; birthDate: string }[], day: string, field = "input.members"): void {
  const seen = new Set<string>();
  members.forEach((member, index) => {
    if (seen.has(member.bsn)) throw badInput(`${field}[${index}].bsn`, "this person is listed twice");
    seen.add(member.bsn);
    if (member.birthDate > day) throw badInput(`${field}[${index}].birthDate`, "lies in the future");
  });
}

/**
 * Registers a household; the caller keeps the register (process lead or project leader) and is
 * its process lead unless they name another. Either way the answer carries the new id, so a
 * client never has reason to retry; a retry that comes anyway meets CONFLICT, not a duplicate.
 */
export async function registerFamily(ctx: AuthenticatedContext, raw: RegisterFamilyInput): Promise<RegisteredFamily> {
  const input = parseInput(registerFamilySchema, raw, "input");
  const day = today(ctx);
  checkListedMembers(input.members, day);
  if (!input.members.some((member) => member.relation === "PARENT")) {
    throw badInput("input.members", "a household needs at least one parent");
  }
  // Households without minor children belong to the Meldpunt Zorg en Overlast, not here.
  if (!input.members.some((member) => member.relation === "CHILD" && ageOn(member.birthDate, day) < 18)) {
    throw badInput("input.members", "a household needs at least one child under 18");
  }

  const familyId = await inTransaction(ctx, async (tx) => {
    const regisseur = await professionalInRegion(tx, input.regisseurId);
    if (!regisseur || !regisseur.active) throw badInput("input.regisseurId", "not a professional of your region");
    if (!regisseur.roles.includes("COACH")) throw badInput("input.regisseurId", "this professional is not a coach");
    await checkCaseload(tx, regisseur, "input.regisseurId");
    const processLeadId = input.processLeadId ?? tx.caller.professionalId;
    const processLead = await professionalInRegion(tx, processLeadId);
    if (!processLead || !processLead.active) throw badInput("input.processLeadId", "not a professional of your region");
    if (!processLead.roles.some((role) => role === "PROCESS_LEAD" || role === "PROJECT_LEAD")) {
      throw badInput("input.processLeadId", "this professional is not a process lead or project leader");
    }
    await refuseRegisteredHousehold(tx, input.members, day);

    const [family] = await tx.db
      .insert(families)
      .values({
        regionId: tx.caller.regionId,
        name: input.name,
        regisseurId: regisseur.id,
        processLeadId: processLead.id,
        registeredBy: tx.caller.professionalId,
        registeredAt: tx.now(),
      })
      .returning();
    await tx.db.insert(familyCategories).values({
      regionId: tx.caller.regionId,
      familyId: family!.id,
      category: input.category,
      since: tx.now(),
      setBy: tx.caller.professionalId,
    });
    // The first period of regie; every hand-over closes one and opens the next.
    await tx.db.insert(regieAssignments).values({
      regionId: tx.caller.regionId,
      familyId: family!.id,
      professionalId: regisseur.id,
      since: tx.now(),
      assignedBy: tx.caller.professionalId,
    });
    // Registered directly by a process lead: the screening is theirs, done.
    await recordPhase(tx, family!.id, "SCREENED", "registered by the process lead");
    await addHousehold(tx, family!.id, input.members, day);
    recordWrite(tx, family!.id, { data: ["FAMILY", "MEMBERS", "CATEGORY", "REGIE"] });
    return family!.id;
  });
  // Read after the commit, through the caller's own entitlement: registering grants no access.
  return { id: familyId, family: await findFamily(ctx, familyId), ownerId: ctx.caller.professionalId };
}

/** "This membership has not ended": it counts for the household, today or from its start on. */
export const notEnded = (membership: { validTo: Column }, day: string) =>
  or(isNull(membership.validTo), gte(membership.validTo, day));

/**
 * Until the transaction ends, no other registration or concern listing one of these children
 * gets past this point: the second then sees what the first wrote. Sorted, so two cannot deadlock.
 */
export async function lockHouseholdChildren(ctx: AuthenticatedContext, childBsns: readonly string[]): Promise<void> {
  for (const childBsn of [...childBsns].sort()) {
    const key = `${ctx.caller.regionId}:household-child:${childBsn}`;
    await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
  }
}

/**
 * Refuses a household whose parent and child already live together in a family the caller
 * registered or leads: that is the same household registered twice (a double click, a retry).
 * The lock on each child's BSN makes two such registrations at the same moment wait for each
 * other, so the second sees the first; sorted, so two registrations cannot deadlock.
 */
async function refuseRegisteredHousehold(ctx: AuthenticatedContext, members: MemberData[], day: string): Promise<void> {
  const parents = members.filter((member) => member.relation === "PARENT").map((member) => member.bsn);
  const children = members.filter((member) => member.relation === "CHILD").map((member) => member.bsn);
  await lockHouseholdChildren(ctx, children);
  const child = alias(persons, "child");
  const childMembership = alias(familyMemberships, "child_membership");
  const parentMembership = alias(familyMemberships, "parent_membership");
  const parent = alias(persons, "parent");
  const [known] = await ctx.db
    .select({ childBsn: child.bsn })
    .from(child)
    .innerJoin(childMembership, and(eq(childMembership.personId, child.id), eq(childMembership.relation, "CHILD"), notEnded(childMembership, day)))
    .innerJoin(parentMembership, and(eq(parentMembership.familyId, childMembership.familyId), eq(parentMembership.relation, "PARENT"), notEnded(parentMembership, day)))
    .innerJoin(parent, and(eq(parent.id, parentMembership.personId), inArray(parent.bsn, parents)))
    // Only households the caller keeps: a CONFLICT about anyone else's would tell them that family
    // exists, and would make registering a lookup of who is in the approach.
    .innerJoin(
      families,
      and(
        eq(families.id, childMembership.familyId),
        or(eq(families.registeredBy, ctx.caller.professionalId), eq(families.processLeadId, ctx.caller.professionalId)),
      ),
    )
    .where(and(eq(child.regionId, ctx.caller.regionId), inArray(child.bsn, children)))
    .limit(1);
  if (!known) return;
  const index = members.findIndex((member) => member.relation === "CHILD" && member.bsn === known.childBsn);
  throw conflict(`input.members[${index}].bsn: this child already lives with a parent listed here in a registered household.`);
}

async function professionalInRegion(ctx: AuthenticatedContext, id: string) {
  const [row] = await ctx.db
    .select()
    .from(professionals)
    .where(and(eq(professionals.id, id), eq(professionals.regionId, ctx.caller.regionId)));
  return row ?? null;
}

/** A new family's household: each member a person row of its own and a membership from `day` (or their own date). */
export async function addHousehold(
  tx: AuthenticatedContext,
  familyId: string,
  members: readonly (MemberData & { validFrom?: string | null })[],
  day: string,
): Promise<void> {
  for (const member of members) {
    const personId = await insertPerson(tx, member);
    await tx.db.insert(familyMemberships).values({
      regionId: tx.caller.regionId,
      familyId,
      personId,
      relation: member.relation,
      legalCustody: member.legalCustody,
      validFrom: member.validFrom ?? day,
    });
  }
}

/** Each household has its own person rows: registering one reveals nothing about another. */
export async function insertPerson(
  ctx: AuthenticatedContext,
  member: { bsn: string; givenName: string; familyName: string; birthDate: string },
): Promise<string> {
  const [person] = await ctx.db
    .insert(persons)
    .values({ regionId: ctx.caller.regionId, bsn: member.bsn, givenName: member.givenName, familyName: member.familyName, birthDate: member.birthDate })
    .returning({ id: persons.id });
  return person!.id;
}
