import { and, eq } from "drizzle-orm";
import type { AuthenticatedContext } from "../context.js";
import { conflict } from "../errors.js";
import { families } from "../families/tables.js";
import { TRANSITIONS, type Phase, type PhaseStep } from "./phase.js";
import { familyPhases } from "./tables.js";

/**
 * Moves a family to `to` inside the caller's transaction, refusing a transition the table does
 * not allow (CONFLICT, naming both phases) — under a row lock, so two moves cannot cross.
 * Returns the phase it left.
 */
export async function enterPhase(
  tx: AuthenticatedContext,
  familyId: string,
  to: Phase,
  step: PhaseStep,
  note: string | null = null,
): Promise<Phase> {
  const [row] = await tx.db
    .select({ phase: families.phase })
    .from(families)
    .where(and(eq(families.id, familyId), eq(families.regionId, tx.caller.regionId)))
    .for("update");
  if (!row) throw new Error(`enterPhase: family ${familyId} not in the caller's region`);
  const from = row.phase as Phase;
  if (TRANSITIONS[from][to] !== step) {
    const how = TRANSITIONS[from][to];
    throw conflict(
      how
        ? `phase: a family moves from ${from} to ${to} only through ${describe(how)}.`
        : `phase: a family in ${from} cannot move to ${to}; from ${from} it can go to ${Object.keys(TRANSITIONS[from]).join(", ") || "nowhere"}.`,
    );
  }
  await recordPhase(tx, familyId, to, note);
  return from;
}

/** Writes a phase without a transition check: for a family's first phase only. */
export async function recordPhase(tx: AuthenticatedContext, familyId: string, phase: Phase, note: string | null = null): Promise<void> {
  await tx.db.update(families).set({ phase }).where(eq(families.id, familyId));
  await tx.db.insert(familyPhases).values({
    regionId: tx.caller.regionId,
    familyId,
    phase,
    since: tx.now(),
    setBy: tx.caller.professionalId,
    note,
  });
}

function describe(step: PhaseStep): string {
  switch (step) {
    case "MANUAL":
      return "changePhase";
    case "SCREENING":
      return "screenFamily";
    case "CLOSURE":
      return "closeFamily (a final evaluation and aftercare)";
    case "AFTERCARE_END":
      return "endAftercare";
    case "REOPEN":
      return "reopenFamily";
  }
}
