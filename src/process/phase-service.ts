import DataLoader from "dataloader";
import { asc } from "drizzle-orm";
import type { Caller } from "../auth/caller.js";
import type { AuthenticatedContext } from "../context.js";
import { inTransaction } from "../accountability/access-log/transaction.js";
import { familyGate, requireFamily } from "../covenant/decisions/gate.js";
import { KEEPER } from "../covenant/decisions/needs.js";
import type { Db } from "../db/database.js";
import { groupBy, ofFamilies } from "../db/per-family.js";
import { findFamily } from "../families/service.js";
import type { Family } from "../families/types.js";
import { NO_REGION } from "../ids.js";
import { parseInput, text } from "../validation.js";
import type { Phase } from "./phase.js";
import { enterPhase } from "./phase-moves.js";
import type { PhasePeriod } from "./phase-types.js";
import { familyPhases } from "./tables.js";
import { recordWrite } from "../accountability/access-log/writes.js";

const DAY_MS = 24 * 3600_000;

/** Each family's phases in order; the days of the current one count up to `now`. */
export function phaseLoaders(db: Db, caller: Caller | null, now: () => Date) {
  const regionId = caller?.regionId ?? NO_REGION;
  return {
    phaseHistory: new DataLoader<string, PhasePeriod[]>(async (familyIds) => {
      const rows = await db
        .select()
        .from(familyPhases)
        .where(ofFamilies(familyPhases, familyIds, regionId))
        .orderBy(asc(familyPhases.since), asc(familyPhases.seq));
      return groupBy(familyIds, rows, (row) => row.familyId, (row) => row).map((own, index) => {
        const familyId = familyIds[index]!;
        return own.map((row, index) => {
          const until = own[index + 1]?.since ?? null;
          const end = until ?? now();
          return {
            familyId,
            phase: row.phase as Phase,
            since: row.since,
            until,
            days: Math.max(0, Math.floor((end.getTime() - row.since.getTime()) / DAY_MS)),
            setById: row.setBy,
            note: row.note,
          };
        });
      });
    }),
  };
}

const MOVING = familyGate({
  operations: ["Mutation.changePhase"],
  need: KEEPER,
  refusal: "Only the family's regisseur or process lead moves it to another phase.",
  lock: "update",
});

/**
 * Moves a family on by hand: the regisseur or the process lead, along the MANUAL steps of the
 * phase table (screening, closure, the end of aftercare and reopening have their own mutations).
 */
export async function changePhase(ctx: AuthenticatedContext, rawFamilyId: string, to: Phase, rawNote: string | null | undefined): Promise<Family> {
  const note = parseInput(text(2000).nullish(), rawNote, "note") ?? null;
  const familyId = await inTransaction(ctx, async (tx) => {
    const entitlement = await requireFamily(tx, rawFamilyId, MOVING);
    await enterPhase(tx, entitlement.familyId, to, "MANUAL", note);
    recordWrite(tx, entitlement.familyId, { data: ["PHASE"] });
    return entitlement.familyId;
  });
  ctx.loaders.phaseHistory.clear(familyId);
  return (await findFamily(ctx, familyId))!;
}
