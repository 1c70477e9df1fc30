import DataLoader from "dataloader";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { atLeast } from "../access/entitlement.js";
import type { Caller } from "../auth/caller.js";
import { inTransaction, today, type AuthenticatedContext } from "../context.js";
import type { Db } from "../db/database.js";
import { badInput, conflict, forbidden, isNotFound, notFound } from "../errors.js";
import { isId } from "../ids.js";
import { professionals } from "../organisations/tables.js";
import { bsn, day, parseInput, text } from "../validation.js";
import { families, familyCategories, familyMemberships, persons } from "./tables.js";
import {
  CATEGORIES,
  RELATIONS,
  type CategoryChange,
  type Family,
  type FamilyMember,
  type RegisterFamilyInput,
} from "./types.js";

type FamilyRow = typeof families.$inferSelect;

const toFamily = (row: FamilyRow): Family => ({
  id: row.id,
  familyId: row.id,
  name: row.name,
  regisseurId: row.regisseurId,
  processLeadId: row.processLeadId,
});

/** Per-request loaders keyed by family id; the families were already scoped to the region. */
export function familyLoaders(db: Db, caller: Caller | null) {
  const regionId = caller?.regionId ?? "00000000-0000-0000-0000-000000000000";
  return {
    members: new DataLoader<string, FamilyMember[]>(async (familyIds) => {
      const rows = await db
        .select({ membership: familyMemberships, person: persons })
        .from(familyMemberships)
        .innerJoin(persons, eq(persons.id, familyMemberships.personId))
        .where(and(inArray(familyMemberships.familyId, [...familyIds]), eq(familyMemberships.regionId, regionId)))
        .orderBy(asc(familyMemberships.validFrom), asc(persons.birthDate));
      return familyIds.map((familyId) =>
        rows
          .filter((row) => row.membership.familyId === familyId)
          .map(({ membership, person }) => ({
            id: membership.id,
            familyId,
            relation: membership.relation as FamilyMember["relation"],
            legalCustody: membership.legalCustody,
            validFrom: membership.validFrom,
            validTo: membership.validTo,
            person: { ...person, familyId },
          })),
      );
    }),
    categoryHistory: new DataLoader<string, CategoryChange[]>(async (familyIds) => {
      const rows = await db
        .select()
        .from(familyCategories)
        .where(and(inArray(familyCategories.familyId, [...familyIds]), eq(familyCategories.regionId, regionId)))
        .orderBy(asc(familyCategories.since));
      return familyIds.map((familyId) =>
        rows
          .filter((row) => row.familyId === familyId)
          .map((row) => ({
            familyId,
            category: row.category as CategoryChange["category"],
            since: row.since,
            setById: row.setBy,
          })),
      );
    }),
  };
}

/** A family the caller may know of (at least DAT), else null: the same as for no family at all. */
export async function findFamily(ctx: AuthenticatedContext, id: string): Promise<Family | null> {
  if (!isId(id)) return null;
  const entitlement = await ctx.entitlements.load(id);
  if (!atLeast(entitlement.level, "DAT")) return null;
  const [row] = await ctx.db
    .select()
    .from(families)
    .where(and(eq(families.id, id), eq(families.regionId, ctx.caller.regionId)));
  return row ? toFamily(row) : null;
}

/** The families the caller may know of; the others are not there, not even as a count. */
export async function listFamilies(ctx: AuthenticatedContext): Promise<Family[]> {
  const rows = await ctx.db
    .select()
    .from(families)
    .where(eq(families.regionId, ctx.caller.regionId))
    .orderBy(asc(families.name));
  const entitlements = await ctx.entitlements.loadMany(rows.map((row) => row.id));
  return rows
    .filter((_row, index) => {
      const entitlement = entitlements[index];
      return entitlement && !(entitlement instanceof Error) && atLeast(entitlement.level, "DAT");
    })
    .map(toFamily);
}

const registerFamilySchema = z.object({
  name: text(200),
  category: z.enum(CATEGORIES),
  regisseurId: z.string().refine(isId, "not a professional of your region"),
  processLeadId: z.string().refine(isId, "not a professional of your region").nullish(),
  members: z
    .array(
      z.object({
        bsn,
        givenName: text(100),
        familyName: text(100),
        birthDate: day,
        relation: z.enum(RELATIONS),
        legalCustody: z.boolean(),
        validFrom: day.nullish(),
      }),
    )
    .min(2, "a household has at least one parent and one child"),
});

function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Registers a household; the caller keeps the register (process lead or project leader). */
export async function registerFamily(ctx: AuthenticatedContext, raw: RegisterFamilyInput): Promise<Family> {
  const input = parseInput(registerFamilySchema, raw, "input");
  const day = today(ctx);
  const seen = new Set<string>();
  input.members.forEach((member, index) => {
    if (seen.has(member.bsn)) throw badInput(`input.members[${index}].bsn`, "this person is listed twice");
    seen.add(member.bsn);
    if (member.birthDate > day) throw badInput(`input.members[${index}].birthDate`, "lies in the future");
  });
  if (!input.members.some((member) => member.relation === "PARENT")) {
    throw badInput("input.members", "a household needs at least one parent");
  }
  // Households without minor children belong to the Meldpunt Zorg en Overlast, not here.
  if (!input.members.some((member) => member.relation === "CHILD" && ageOn(member.birthDate, day) < 18)) {
    throw badInput("input.members", "a household needs at least one child under 18");
  }

  return inTransaction(ctx, async (tx) => {
    const regisseur = await professionalInRegion(tx, input.regisseurId);
    if (!regisseur || !regisseur.active) throw badInput("input.regisseurId", "not a professional of your region");
    if (!regisseur.roles.includes("COACH")) throw badInput("input.regisseurId", "this professional is not a coach");
    const processLeadId = input.processLeadId ?? tx.caller.professionalId;
    const processLead = await professionalInRegion(tx, processLeadId);
    if (!processLead || !processLead.active) throw badInput("input.processLeadId", "not a professional of your region");
    if (!processLead.roles.some((role) => role === "PROCESS_LEAD" || role === "PROJECT_LEAD")) {
      throw badInput("input.processLeadId", "this professional is not a process lead or project leader");
    }

    const [family] = await tx.db
      .insert(families)
      .values({
        regionId: tx.caller.regionId,
        name: input.name,
        regisseurId: regisseur.id,
        processLeadId,
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
    for (const member of input.members) {
      const personId = await insertPerson(tx, member);
      await tx.db.insert(familyMemberships).values({
        regionId: tx.caller.regionId,
        familyId: family!.id,
        personId,
        relation: member.relation,
        legalCustody: member.legalCustody,
        validFrom: member.validFrom ?? day,
      });
    }
    return toFamily(family!);
  });
}

async function professionalInRegion(ctx: AuthenticatedContext, id: string) {
  const [row] = await ctx.db
    .select()
    .from(professionals)
    .where(and(eq(professionals.id, id), eq(professionals.regionId, ctx.caller.regionId)));
  return row ?? null;
}

/** Each household has its own person rows: registering one reveals nothing about another. */
async function insertPerson(
  ctx: AuthenticatedContext,
  member: { bsn: string; givenName: string; familyName: string; birthDate: string },
): Promise<string> {
  const [person] = await ctx.db
    .insert(persons)
    .values({ regionId: ctx.caller.regionId, bsn: member.bsn, givenName: member.givenName, familyName: member.familyName, birthDate: member.birthDate })
    .returning({ id: persons.id });
  return person!.id;
}

/** Changes a family's category, keeping the history; only its regisseur or process lead may. */
export async function changeCategory(
  ctx: AuthenticatedContext,
  familyId: string,
  category: (typeof CATEGORIES)[number],
): Promise<Family> {
  const family = await familyKeptByCaller(ctx, familyId, "change its category");
  await inTransaction(ctx, async (tx) => {
    await tx.db.insert(familyCategories).values({
      regionId: tx.caller.regionId,
      familyId,
      category,
      since: tx.now(),
      setBy: tx.caller.professionalId,
    });
  });
  ctx.loaders.categoryHistory.clear(familyId);
  return family;
}

/**
 * The family, when the caller is its regisseur or process lead. A family the caller may not
 * know of gets NOT_FOUND, exactly like one that does not exist.
 */
async function familyKeptByCaller(ctx: AuthenticatedContext, familyId: string, action: string): Promise<Family> {
  const family = await findFamily(ctx, familyId);
  if (!family) throw notFound("Family");
  const entitlement = await ctx.entitlements.load(familyId);
  if (!entitlement.causes.some((cause) => cause.kind === "REGISSEUR" || cause.kind === "PROCESS_LEAD")) {
    throw forbidden(`Only the family's regisseur or process lead may ${action}.`);
  }
  return family;
}

const memberSchema = registerFamilySchema.shape.members.element;

/** A new member joins the household (a newborn, a new partner); the register keeps the history. */
export async function addMember(ctx: AuthenticatedContext, familyId: string, raw: unknown): Promise<Family> {
  const member = parseInput(memberSchema, raw, "member");
  const family = await familyKeptByCaller(ctx, familyId, "change its members");
  const day = today(ctx);
  if (member.birthDate > day) throw badInput("member.birthDate", "lies in the future");
  await inTransaction(ctx, async (tx) => {
    // Someone who lived here before keeps their person row; a newcomer gets one.
    const earlier = await tx.db
      .select({ personId: persons.id, validTo: familyMemberships.validTo })
      .from(familyMemberships)
      .innerJoin(persons, eq(persons.id, familyMemberships.personId))
      .where(and(eq(familyMemberships.familyId, familyId), eq(persons.bsn, member.bsn)));
    if (earlier.some((membership) => membership.validTo === null)) {
      throw conflict("member.bsn: this person is already a member of the household.");
    }
    const personId = earlier[0]?.personId ?? (await insertPerson(tx, member));
    await tx.db.insert(familyMemberships).values({
      regionId: tx.caller.regionId,
      familyId,
      personId,
      relation: member.relation,
      legalCustody: member.legalCustody,
      validFrom: member.validFrom ?? day,
    });
  });
  ctx.loaders.members.clear(familyId);
  return family;
}

/** A member leaves the household (divorce, placement out of home); the membership gets an end date. */
export async function endMembership(
  ctx: AuthenticatedContext,
  membershipId: string,
  validTo: string,
): Promise<Family> {
  const [membership] = isId(membershipId)
    ? await ctx.db
        .select()
        .from(familyMemberships)
        .where(and(eq(familyMemberships.id, membershipId), eq(familyMemberships.regionId, ctx.caller.regionId)))
    : [];
  if (!membership) throw notFound("Membership");
  const family = await familyKeptByCaller(ctx, membership.familyId, "change its members").catch((error: unknown) => {
    // Not revealing the family means not revealing its memberships either.
    throw isNotFound(error) ? notFound("Membership") : error;
  });
  if (membership.validTo !== null) throw conflict("membershipId: this membership has already ended.");
  if (validTo < membership.validFrom) throw badInput("validTo", "lies before the membership began");
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(familyMemberships)
      .set({ validTo })
      .where(and(eq(familyMemberships.id, membershipId), isNull(familyMemberships.validTo)));
  });
  ctx.loaders.members.clear(membership.familyId);
  return family;
}
