import { and, eq, gt } from "drizzle-orm";
import type { AuthenticatedContext } from "../context.js";
import { inTransaction } from "../accountability/access-log/transaction.js";
import { today } from "../dates.js";
import { conflict } from "../errors.js";
import { families } from "../families/tables.js";
import { notify } from "../notifications/service.js";
import { parseInput, text } from "../validation.js";
import { familyGate, requireFamily } from "./decisions/gate.js";
import { loadCovenantInForce } from "./decisions/in-force.js";
import { CARE_WORKER, INVOLVED, KNOWS_FAMILY } from "./decisions/needs.js";
import { isRegisseur } from "./decisions/predicates.js";
import { emergencyAccesses } from "./tables.js";
import type { EmergencyAccess } from "./types.js";
import { recordWrite } from "../accountability/access-log/writes.js";

type Row = typeof emergencyAccesses.$inferSelect;

export const toEmergencyAccess = (row: Row, lifeDomains: string[]): EmergencyAccess => ({
  id: row.id,
  familyId: row.familyId,
  ownerId: row.professionalId,
  professionalId: row.professionalId,
  partnerId: row.partnerId,
  reason: row.reason,
  openedAt: row.openedAt,
  expiresAt: row.expiresAt,
  lifeDomains,
});

const reasonSchema = text(2000).refine((value) => value.length >= 20, "write the reason out (at least 20 characters)");

const OPENING = familyGate({ operations: ["Mutation.openEmergencyAccess"], need: KNOWS_FAMILY });
const OPENING_CARE_WORKER = familyGate({
  operations: ["Mutation.openEmergencyAccess"],
  need: CARE_WORKER,
  refusal: "Only a coach or partner professional may open emergency access.",
});
const OPENING_INVOLVED = familyGate({
  operations: ["Mutation.openEmergencyAccess"],
  need: INVOLVED,
  refusal: "Only a professional of an organisation involved with the family may open emergency access.",
});

/**
 * Break the glass: a professional of an involved partner opens the family's safety-relevant
 * parts for the region's emergency period (at most 24 h), with a written reason. The regisseur
 * and the process lead are told in the same transaction. It ends by itself: the entitlement only
 * counts an access whose end lies after the moment of the request.
 */
export async function openEmergencyAccess(ctx: AuthenticatedContext, rawFamilyId: string, rawReason: string): Promise<EmergencyAccess> {
  const reason = parseInput(reasonSchema, rawReason, "reason");
  const { row, domains } = await inTransaction(ctx, async (tx) => {
    const entitlement = await requireFamily(tx, rawFamilyId, OPENING);
    if (isRegisseur(entitlement)) throw conflict("familyId: as the family's regisseur you already see the whole plan.");
    await requireFamily(tx, entitlement.familyId, OPENING_CARE_WORKER);
    await requireFamily(tx, entitlement.familyId, OPENING_INVOLVED);
    const now = tx.now();
    const [open] = await tx.db
      .select()
      .from(emergencyAccesses)
      .where(and(eq(emergencyAccesses.familyId, entitlement.familyId), eq(emergencyAccesses.professionalId, tx.caller.professionalId), gt(emergencyAccesses.expiresAt, now)));
    if (open) throw conflict(`familyId: your emergency access is open until ${open.expiresAt.toISOString()}.`);
    const covenant = await loadCovenantInForce(tx.db, tx.caller, today(tx));
    const hours = Math.min(covenant.emergencyHours, 24);
    const [row] = await tx.db
      .insert(emergencyAccesses)
      .values({
        regionId: tx.caller.regionId,
        familyId: entitlement.familyId,
        professionalId: tx.caller.professionalId,
        partnerId: tx.caller.partnerId,
        reason,
        openedAt: now,
        expiresAt: new Date(now.getTime() + hours * 3600_000),
      })
      .returning();
    const [family] = await tx.db.select().from(families).where(eq(families.id, entitlement.familyId));
    await notify(tx, [family!.regisseurId, family!.processLeadId], {
      kind: "EMERGENCY_ACCESS_OPENED",
      familyId: entitlement.familyId,
      subjectId: row!.id,
      detail: { reason, until: row!.expiresAt.toISOString() },
    });
    recordWrite(tx, entitlement.familyId, { data: ["EMERGENCY_ACCESS"] });
    return { row: row!, domains: covenant.safetyDomains };
  });
  ctx.entitlements.clear(row.familyId);
  return toEmergencyAccess(row, domains);
}
