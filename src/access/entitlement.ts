import DataLoader from "dataloader";
import { and, eq, inArray, isNull, or, gt, gte, lte, sql } from "drizzle-orm";
import type { Caller } from "../auth/caller.js";
import type { Db } from "../db/database.js";
import { families, familyMemberships, persons } from "../families/tables.js";
import { signals } from "../reference-index/tables.js";

/**
 * Access levels of the covenant, least to most (domain brief §6). The order matters: a rule
 * asks "at least X", so every level includes the ones before it.
 */
export const ACCESS_LEVELS = ["NONE", "DAT", "PROCESS", "SECTION", "FULL"] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export const atLeast = (level: AccessLevel, minimum: AccessLevel) =>
  ACCESS_LEVELS.indexOf(level) >= ACCESS_LEVELS.indexOf(minimum);

/** Why a caller sees what they see: every grant has a cause the caller can ask for. */
export type EntitlementCause =
  | { kind: "REGISSEUR"; level: "FULL" }
  | { kind: "PROCESS_LEAD"; level: "PROCESS" }
  | { kind: "INVOLVED"; level: "DAT" };

export interface Entitlement {
  familyId: string;
  level: AccessLevel;
  causes: EntitlementCause[];
}

const NONE = (familyId: string): Entitlement => ({ familyId, level: "NONE", causes: [] });

/**
 * The caller's entitlement for many families in one statement. A family of another region, or
 * one that does not exist, gets NONE: the two are indistinguishable.
 */
export async function computeEntitlements(
  db: Db,
  caller: Caller,
  familyIds: readonly string[],
  today: string,
): Promise<Entitlement[]> {
  const rows = await db
    .select({
      id: families.id,
      isRegisseur: sql<boolean>`${families.regisseurId} = ${caller.professionalId}`,
      isProcessLead: sql<boolean>`${families.processLeadId} = ${caller.professionalId}`,
      // DAT: the caller's organisation has an active reference-index signal on a current member.
      involved: sql<boolean>`exists (${db
        .select({ one: sql`1` })
        .from(familyMemberships)
        .innerJoin(persons, eq(persons.id, familyMemberships.personId))
        .innerJoin(
          signals,
          and(
            eq(signals.regionId, persons.regionId),
            eq(signals.bsn, persons.bsn),
            eq(signals.partnerId, caller.partnerId),
            isNull(signals.withdrawnAt),
            gt(signals.activeUntil, today),
          ),
        )
        .where(
          and(
            eq(familyMemberships.familyId, families.id),
            lte(familyMemberships.validFrom, today),
            or(isNull(familyMemberships.validTo), gte(familyMemberships.validTo, today)),
          ),
        )})`,
    })
    .from(families)
    .where(and(inArray(families.id, [...familyIds]), eq(families.regionId, caller.regionId)));

  const byId = new Map(rows.map((row) => [row.id, row]));
  return familyIds.map((familyId) => {
    const row = byId.get(familyId);
    if (!row) return NONE(familyId);
    const causes: EntitlementCause[] = [];
    if (row.isRegisseur) causes.push({ kind: "REGISSEUR", level: "FULL" });
    if (row.isProcessLead) causes.push({ kind: "PROCESS_LEAD", level: "PROCESS" });
    if (row.involved) causes.push({ kind: "INVOLVED", level: "DAT" });
    const level = causes.reduce<AccessLevel>(
      (best, cause) => (atLeast(cause.level, best) ? cause.level : best),
      "NONE",
    );
    return { familyId, level, causes };
  });
}

export function entitlementLoader(db: Db, caller: Caller | null, today: () => string): DataLoader<string, Entitlement> {
  return new DataLoader(async (familyIds) =>
    caller ? computeEntitlements(db, caller, familyIds, today()) : familyIds.map(NONE),
  );
}
