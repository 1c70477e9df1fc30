import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { isRegisseur, seesAll, seesProcess } from "../../covenant/decisions/predicates.js";
import type { ClientCaller } from "../../auth/client.js";
import type { AuthenticatedContext, RequestContext } from "../../context.js";
import { ageOn, today } from "../../dates.js";
import type { Db } from "../../db/database.js";
import { forbidden, notFound } from "../../errors.js";
import { familyMemberships, memberOn, persons } from "../../families/tables.js";
import { normalizeId } from "../../ids.js";
import { rightsRules, type RightsRules } from "./settings.js";

/**
 * The person a rights request is about. A BSN in several households has a register row in each
 * (decision 0002): the request names one row, and what it covers is every row of the BSN in the
 * region, so a person never gets half of what is held on them.
 */
export interface Subject {
  /** The register row the request named. */
  personId: string;
  regionId: string;
  bsn: string;
  /** Every register row of the BSN in the region. */
  personIds: string[];
  givenName: string;
  familyName: string;
  /** Should the rows differ, the youngest date counts: nobody reads their own file early. */
  birthDate: string;
}

/** The subject behind one register row of a region, or null. */
export async function subjectOf(db: Db, regionId: string, personId: string): Promise<Subject | null> {
  const [row] = await db.select().from(persons).where(and(eq(persons.id, personId), eq(persons.regionId, regionId)));
  if (!row) return null;
  const rows = await db.select().from(persons).where(and(eq(persons.regionId, regionId), eq(persons.bsn, row.bsn)));
  return {
    personId: row.id,
    regionId,
    bsn: row.bsn,
    personIds: rows.map((each) => each.id),
    givenName: row.givenName,
    familyName: row.familyName,
    birthDate: rows.reduce((youngest, each) => (each.birthDate > youngest ? each.birthDate : youngest), row.birthDate),
  };
}

/** A child a client may ask for: below the age rule, in a household where the client has custody today. */
export interface ClientChild {
  personId: string;
  givenName: string;
  familyName: string;
  birthDate: string;
}

/**
 * The children a client (or the subject of an export) may ask for: current CHILD members of a
 * household in which they themselves are a current member with legal custody, below the region's
 * age. The register records custody per membership, not per child: a parent with custody in a
 * household is read as having it over that household's children.
 */
export async function childrenInCustody(db: Db, subject: Subject, rules: RightsRules, day: string): Promise<ClientChild[]> {
  const own = alias(familyMemberships, "own");
  // The youngest date the region's register holds for the child's BSN, as for a subject.
  const birthDate = sql<string>`(select max(same_bsn.birth_date)::text from persons same_bsn where same_bsn.region_id = ${persons.regionId} and same_bsn.bsn = ${persons.bsn})`;
  const rows = await db
    .selectDistinct({ personId: persons.id, givenName: persons.givenName, familyName: persons.familyName, birthDate })
    .from(own)
    .innerJoin(familyMemberships, and(eq(familyMemberships.familyId, own.familyId), eq(familyMemberships.relation, "CHILD"), memberOn(day)))
    .innerJoin(persons, and(eq(persons.id, familyMemberships.personId), ne(persons.bsn, subject.bsn)))
    .where(
      and(
        inArray(own.personId, subject.personIds),
        eq(own.regionId, subject.regionId),
        eq(own.legalCustody, true),
        sql`${own.validFrom} <= ${day} and (${own.validTo} is null or ${own.validTo} >= ${day})`,
      ),
    );
  return rows
    .filter((row) => ageOn(row.birthDate, day) < rules.selfAccessAge)
    .sort((a, b) => a.birthDate.localeCompare(b.birthDate) || a.givenName.localeCompare(b.givenName));
}

/**
 * The households in which a parent asks for a child: those where the parent is a current member
 * with legal custody and the child a current member. A child in two households (parents apart)
 * is in two files, and the other parent's household is not this parent's to read through the
 * child: only the child's own login, from the age on, opens every household.
 */
export async function custodyHouseholds(db: Db, parent: Subject, child: Subject, day: string): Promise<string[]> {
  const own = alias(familyMemberships, "own");
  const rows = await db
    .selectDistinct({ familyId: own.familyId })
    .from(own)
    .innerJoin(familyMemberships, and(eq(familyMemberships.familyId, own.familyId), inArray(familyMemberships.personId, child.personIds), memberOn(day)))
    .where(
      and(
        inArray(own.personId, parent.personIds),
        eq(own.regionId, parent.regionId),
        eq(own.legalCustody, true),
        sql`${own.validFrom} <= ${day} and (${own.validTo} is null or ${own.validTo} >= ${day})`,
      ),
    );
  return rows.map((row) => row.familyId);
}

/**
 * Whom a client's request is about: themselves (no `for`), from the region's age on; or a child
 * they may ask for. A child below the age is refused for themselves (FORBIDDEN: it is their own
 * file, they know of it); any other `for` is NOT_FOUND, whether the person exists or not.
 */
export async function clientSubject(ctx: RequestContext, rawFor: string | null | undefined): Promise<Subject> {
  const client = ctx.client!;
  const rules = await rightsRules(ctx.db, client.regionId);
  const day = today(ctx);
  const self = await ownSubject(ctx.db, client);
  const forId = rawFor === null || rawFor === undefined ? self.personId : normalizeId(rawFor);
  if (forId === null) throw notFound("Person");
  if (self.personIds.includes(forId)) {
    if (ageOn(self.birthDate, day) < rules.selfAccessAge) {
      throw forbidden(
        `Below ${rules.selfAccessAge} a parent with legal custody asks for your data for you; from ${rules.selfAccessAge} you read it yourself.`,
      );
    }
    return self;
  }
  const children = await childrenInCustody(ctx.db, self, rules, day);
  if (!children.some((child) => child.personId === forId)) throw notFound("Person");
  return (await subjectOf(ctx.db, client.regionId, forId))!;
}

export async function ownSubject(db: Db, client: ClientCaller): Promise<Subject> {
  const self = await subjectOf(db, client.regionId, client.personId);
  // The account was loaded a moment ago with its register row; gone since, it opens nothing.
  if (!self) throw notFound("Person");
  return self;
}

/** The children the calling client may ask for (none below the age rule themselves). */
export async function myChildren(ctx: RequestContext): Promise<ClientChild[]> {
  const client = ctx.client!;
  const rules = await rightsRules(ctx.db, client.regionId);
  const self = await ownSubject(ctx.db, client);
  return childrenInCustody(ctx.db, self, rules, today(ctx));
}

/** A person a professional asks about on a client's behalf, and the households that make them known. */
export interface OnBehalf {
  subject: Subject;
  /** The households of the named register row the professional sees at PROCESS or above. */
  familyIds: string[];
  /** Of those, the ones the covenant opens to them in full (FULL): the only ones an export may hold. */
  fullFamilyIds: string[];
  /** Which of the region's allowances let them: REGISSEUR, or their role. */
  allowance: string;
}

/**
 * A professional the region allows, asking on a client's behalf about one register row. A person
 * the professional may not know (no household of theirs at PROCESS, the level from which
 * members are seen) is NOT_FOUND exactly like an id that does not exist; one they know but may
 * not ask for is FORBIDDEN.
 */
export async function onBehalfOf(ctx: AuthenticatedContext, rawPersonId: string): Promise<OnBehalf> {
  const personId = normalizeId(rawPersonId);
  const subject = personId ? await subjectOf(ctx.db, ctx.caller.regionId, personId) : null;
  if (!subject) throw notFound("Person");
  const memberships = await ctx.db
    .select({ familyId: familyMemberships.familyId })
    .from(familyMemberships)
    .where(and(eq(familyMemberships.personId, subject.personId), eq(familyMemberships.regionId, ctx.caller.regionId)));
  const entitlements = await Promise.all([...new Set(memberships.map((row) => row.familyId))].map((familyId) => ctx.entitlements.load(familyId)));
  const known = entitlements.filter(seesProcess);
  if (known.length === 0) throw notFound("Person");
  const rules = await rightsRules(ctx.db, ctx.caller.regionId);
  const allowance =
    rules.onBehalf.includes("REGISSEUR") && known.some(isRegisseur)
      ? "REGISSEUR"
      : ctx.caller.roles.find((role) => (rules.onBehalf as readonly string[]).includes(role));
  if (!allowance) {
    throw forbidden(`Your region lets only ${rules.onBehalf.map((choice) => choice.toLowerCase().replace("_", " ")).join(", ")} ask on a client's behalf.`);
  }
  return {
    subject,
    familyIds: known.map((entitlement) => entitlement.familyId),
    fullFamilyIds: known.filter(seesAll).map((entitlement) => entitlement.familyId),
    allowance,
  };
}
