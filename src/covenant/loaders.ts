import DataLoader from "dataloader";
import { and, asc, eq } from "drizzle-orm";
import type { Caller } from "../auth/caller.js";
import type { Db } from "../db/database.js";
import { groupBy, ofFamilies, perFamily } from "../db/per-family.js";
import { NO_REGION } from "../ids.js";
import { lifeDomains } from "../plan/tables.js";
import { toConsent, toLegalGround } from "./consent.js";
import { toEmergencyAccess } from "./emergency.js";
import { consents, emergencyAccesses, legalGrounds } from "./tables.js";
import type { EmergencyAccess } from "./types.js";

/** Per-request loaders for what stands behind a family's entitlements, keyed by family id. */
export function covenantLoaders(db: Db, caller: Caller | null) {
  const regionId = caller?.regionId ?? NO_REGION;
  return {
    consents: perFamily(db, regionId, consents, consents.givenOn, toConsent),
    legalGrounds: perFamily(db, regionId, legalGrounds, legalGrounds.validFrom, toLegalGround),
    emergencyAccesses: new DataLoader<string, EmergencyAccess[]>(async (familyIds) => {
      const [rows, safety] = await Promise.all([
        db
          .select()
          .from(emergencyAccesses)
          .where(ofFamilies(emergencyAccesses, familyIds, regionId))
          .orderBy(asc(emergencyAccesses.openedAt)),
        db.select({ code: lifeDomains.code }).from(lifeDomains).where(and(eq(lifeDomains.regionId, regionId), eq(lifeDomains.safetyRelevant, true))),
      ]);
      const domains = safety.map((row) => row.code);
      return groupBy(familyIds, rows, (row) => row.familyId, (row) => toEmergencyAccess(row, domains));
    }),
  };
}
