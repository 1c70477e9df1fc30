import { and, count, eq, notInArray, sql } from "drizzle-orm";
import type { AuthenticatedContext } from "../context.js";
import type { Db } from "../db/database.js";
import { conflict } from "../errors.js";
import { families } from "../families/tables.js";
import { processSettings } from "./tables.js";

/*
 * The caseload ceiling (000 §7: a regisseur leads at most ten families; 001: caseload
 * agreements). Per region, in its process settings; none set, no ceiling. A regisseur's caseload
 * is the families they lead whose plan is not done: aftercare and closed ones do not count.
 * Every way to become a family's regisseur (registering, screening, a hand-over) passes here,
 * under a lock on the coach, so two assignments at once cannot both take the last place.
 */

/** The phases a regisseur no longer carries. */
export const DONE_PHASES = ["AFTERCARE", "CLOSED"] as const;

/** The families `professionalId` leads whose plan is not done. */
export async function openCaseload(db: Db, regionId: string, professionalId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(families)
    .where(and(eq(families.regionId, regionId), eq(families.regisseurId, professionalId), notInArray(families.phase, [...DONE_PHASES])));
  return row?.n ?? 0;
}

/** The region's ceiling, or null. */
export async function caseloadCeiling(db: Db, regionId: string): Promise<number | null> {
  const [row] = await db.select({ ceiling: processSettings.caseloadCeiling }).from(processSettings).where(eq(processSettings.regionId, regionId));
  return row?.ceiling ?? null;
}

/**
 * Inside the assigning transaction: CONFLICT at `field` when the coach already leads as many open
 * families as the region allows. Holds a lock on the coach until commit.
 */
export async function checkCaseload(tx: AuthenticatedContext, coach: { id: string; name: string }, field: string): Promise<void> {
  const ceiling = await caseloadCeiling(tx.db, tx.caller.regionId);
  if (ceiling === null) return;
  await tx.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`caseload:${coach.id}`}, 0))`);
  const load = await openCaseload(tx.db, tx.caller.regionId, coach.id);
  if (load >= ceiling) {
    throw conflict(`${field}: ${coach.name} already leads ${load} open families, your region's caseload ceiling; hand one over first, or choose another coach.`);
  }
}
