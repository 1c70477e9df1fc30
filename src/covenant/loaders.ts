import DataLoader from "dataloader";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Caller } from "../auth/caller.js";
import type { Db } from "../db/database.js";
import { NO_REGION } from "../ids.js";
import { lifeDomains } from "../plan/tables.js";
import { toConsent, toLegalGround } from "./consent.js";
import { toEmergencyAccess } from "./emergency.js";
import { consents, emergencyAccesses, legalGrounds } from "./tables.js";
import type { Consent, EmergencyAccess, LegalGround } from "./types.js";

/** Per-request loaders for what stands behind a family's entitlements, keyed by family id. */
export function covenantLoaders(db: Db, caller: Caller | null) {
  const regionId = caller?.regionId ?? NO_REGION;
  const group = <R extends { familyId: string }>(familyIds: readonly string[], rows: R[]) =>
    familyIds.map((id) => rows.filter((row) => row.familyId === id));
  return {
    consents: new DataLoader<string, Consent[]>(async (familyIds) => {
      const rows = await db
        .select()
        .from(consents)
        .where(and(inArray(consents.familyId, [...familyIds]), eq(consents.regionId, regionId)))
        .orderBy(asc(consents.givenOn));
      return group(familyIds, rows.map(toConsent));
    }),
    legalGrounds: new DataLoader<string, LegalGround[]>(async (familyIds) => {
      const rows = await db
        .select()
        .from(legalGrounds)
        .where(and(inArray(legalGrounds.familyId, [...familyIds]), eq(legalGrounds.regionId, regionId)))
        .orderBy(asc(legalGrounds.validFrom));
      return group(familyIds, rows.map(toLegalGround));
    }),
    emergencyAccesses: new DataLoader<string, EmergencyAccess[]>(async (familyIds) => {
      const [rows, safety] = await Promise.all([
        db
          .select()
          .from(emergencyAccesses)
          .where(and(inArray(emergencyAccesses.familyId, [...familyIds]), eq(emergencyAccesses.regionId, regionId)))
          .orderBy(asc(emergencyAccesses.openedAt)),
        db.select({ code: lifeDomains.code }).from(lifeDomains).where(and(eq(lifeDomains.regionId, regionId), eq(lifeDomains.safetyRelevant, true))),
      ]);
      const domains = safety.map((row) => row.code);
      return group(familyIds, rows.map((row) => toEmergencyAccess(row, domains)));
    }),
  };
}
