import { and, eq, isNull } from "drizzle-orm";
import type { AuthenticatedContext } from "../context.js";
import { inTransaction } from "../accountability/access-log/transaction.js";
import { familyGate, requireFamily } from "../covenant/decisions/gate.js";
import { KEEPER, PROCESS_LEAD } from "../covenant/decisions/needs.js";
import { badInput, conflict } from "../errors.js";
import { families, regieAssignments } from "../families/tables.js";
import { normalizeId } from "../ids.js";
import { notify } from "../notifications/service.js";
import { checkCaseload, DONE_PHASES } from "../process/caseload.js";
import { professionals } from "../organisations/tables.js";
import { parseInput, text } from "../validation.js";
import { recordWrite } from "../accountability/access-log/writes.js";

/** An active professional of the caller's region with one of the roles, or BAD_USER_INPUT. */
async function professionalWithRole(tx: AuthenticatedContext, raw: string, roles: string[], field: string, what: string) {
  const id = normalizeId(raw);
  const [row] = id
    ? await tx.db.select().from(professionals).where(and(eq(professionals.id, id), eq(professionals.regionId, tx.caller.regionId), eq(professionals.active, true)))
    : [];
  if (!row) throw badInput(field, "not an active professional of your region");
  if (!row.roles.some((role) => roles.includes(role))) throw badInput(field, `this professional is not ${what}`);
  return row;
}

const HAND_OVER_REGIE = familyGate({
  operations: ["Mutation.handOverRegie"],
  need: KEEPER,
  refusal: "Only the family's regisseur or process lead hands over regie.",
  lock: "update",
});

const HAND_OVER_PROCESS = familyGate({
  operations: ["Mutation.assignProcessLead"],
  need: PROCESS_LEAD,
  refusal: "Only the family's process lead hands the process over.",
  lock: "update",
});

/**
 * Hands regie to another coach ("regie overnemen", "warme overdracht"): exactly one regisseur at
 * a time, and every period kept. The current regisseur or the family's process lead may; the new
 * regisseur is notified, and so is the one who had regie if someone else handed it on.
 */
export async function handOverRegie(ctx: AuthenticatedContext, rawFamilyId: string, rawTo: string, rawNote: string | null | undefined): Promise<boolean> {
  const note = parseInput(text(5000).nullish(), rawNote, "note") ?? null;
  const row = await inTransaction(ctx, async (tx) => {
    const entitlement = await requireFamily(tx, rawFamilyId, HAND_OVER_REGIE);
    const [family] = await tx.db.select().from(families).where(eq(families.id, entitlement.familyId));
    const to = await professionalWithRole(tx, rawTo, ["COACH"], "toProfessionalId", "a coach");
    if (family!.regisseurId === to.id) throw conflict("toProfessionalId: this coach already has regie.");
    // A closed family's regie is no caseload: handing it on takes no place.
    if (!(DONE_PHASES as readonly string[]).includes(family!.phase)) await checkCaseload(tx, to, "toProfessionalId");
    const now = tx.now();
    await tx.db
      .update(regieAssignments)
      .set({ until: now })
      .where(and(eq(regieAssignments.familyId, family!.id), isNull(regieAssignments.until)));
    await tx.db.update(families).set({ regisseurId: to.id }).where(eq(families.id, family!.id));
    const [assignment] = await tx.db
      .insert(regieAssignments)
      .values({ regionId: family!.regionId, familyId: family!.id, professionalId: to.id, since: now, assignedBy: tx.caller.professionalId, note })
      .returning();
    recordWrite(tx, family!.id, { data: ["REGIE"] });
    // The new regisseur, and the one who had regie (when the process lead handed it on); never the caller of their own act.
    await notify(tx, [to.id, family!.regisseurId], { kind: "REGIE_HANDED_OVER", familyId: family!.id, subjectId: assignment!.id });
    return assignment!;
  });
  forget(ctx, row.familyId);
  return true;
}

/** Assigns the family's process lead (coordinator, process manager or project leader). */
export async function assignProcessLead(ctx: AuthenticatedContext, rawFamilyId: string, rawTo: string): Promise<boolean> {
  const familyId = await inTransaction(ctx, async (tx) => {
    const entitlement = await requireFamily(tx, rawFamilyId, HAND_OVER_PROCESS);
    const [family] = await tx.db.select().from(families).where(eq(families.id, entitlement.familyId));
    const to = await professionalWithRole(tx, rawTo, ["PROCESS_LEAD", "PROJECT_LEAD"], "toProfessionalId", "a process lead or project leader");
    if (family!.processLeadId === to.id) throw conflict("toProfessionalId: this professional already leads the process.");
    await tx.db.update(families).set({ processLeadId: to.id }).where(eq(families.id, family!.id));
    recordWrite(tx, family!.id, { data: ["PROCESS_LEAD"] });
    return family!.id;
  });
  forget(ctx, familyId);
  return true;
}

function forget(ctx: AuthenticatedContext, familyId: string) {
  ctx.loaders.regieHistory.clear(familyId);
  ctx.entitlements.clear(familyId);
}
