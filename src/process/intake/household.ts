import { and, desc, eq, inArray, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { AuthenticatedContext } from "../../context.js";
import { lockHouseholdChildren, notEnded } from "../../families/service.js";
import { families, familyMemberships, persons } from "../../families/tables.js";

interface ListedMember {
  bsn: string;
  relation: string;
}

/**
 * The family of the region in which a listed parent and a listed child live together today and
 * which is not CLOSED: the same household, concerned about again. Under a lock per child's BSN
 * (the one registerFamily takes), so two concerns about one household at the same moment make
 * one family, not two. Unlike registerFamily's check this looks at every family of the region:
 * its answer never reaches the submitter, it only decides where the concern is attached.
 */
export async function openHouseholdOf(tx: AuthenticatedContext, members: readonly ListedMember[], day: string): Promise<typeof families.$inferSelect | null> {
  const parents = members.filter((member) => member.relation === "PARENT").map((member) => member.bsn);
  const children = members.filter((member) => member.relation === "CHILD").map((member) => member.bsn);
  await lockHouseholdChildren(tx, children);
  if (parents.length === 0 || children.length === 0) return null;
  const child = alias(persons, "child");
  const childMembership = alias(familyMemberships, "child_membership");
  const parentMembership = alias(familyMemberships, "parent_membership");
  const parent = alias(persons, "parent");
  const [known] = await tx.db
    .select({ family: families })
    .from(child)
    .innerJoin(childMembership, and(eq(childMembership.personId, child.id), eq(childMembership.relation, "CHILD"), notEnded(childMembership, day)))
    .innerJoin(parentMembership, and(eq(parentMembership.familyId, childMembership.familyId), eq(parentMembership.relation, "PARENT"), notEnded(parentMembership, day)))
    .innerJoin(parent, and(eq(parent.id, parentMembership.personId), inArray(parent.bsn, parents)))
    .innerJoin(families, and(eq(families.id, childMembership.familyId), eq(families.regionId, tx.caller.regionId), ne(families.phase, "CLOSED")))
    .where(and(eq(child.regionId, tx.caller.regionId), inArray(child.bsn, children)))
    // Should two open families share the pair, the newest is the one being worked on.
    .orderBy(desc(families.registeredAt))
    .limit(1);
  return known?.family ?? null;
}
