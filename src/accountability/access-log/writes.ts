import type { RequestContext } from "../../context.js";
import type { BsnSubject } from "./pseudonym.js";
import type { EntryContent } from "./chain.js";
import type { Recorded } from "./recorder.js";

/**
 * Mutations that write no personal data: region and covenant configuration, and marking one's
 * own inbox. Every other mutation must record what it wrote about whom (recordWrite), or its
 * transaction is refused (inTransaction, transaction.ts): a write the log cannot account for does
 * not happen.
 */
export const WITHOUT_PERSONAL_DATA: ReadonlySet<string> = new Set([
  "publishCovenantVersion",
  "endCovenantVersion",
  "defineLifeDomain",
  "markNotificationRead",
  "markMatchNotificationRead",
  "setProcessSettings",
  "openSelectionRound",
  "definePlanMeeting",
  "setCategoryRoute",
  "defineMandate",
  "removeMandate",
  "setEscalationLadder",
  "setRetentionSettings",
]);

function writeLogOf(ctx: RequestContext) {
  if (!ctx.writes) throw new Error("A write was recorded outside a transaction: use inTransaction.");
  return ctx.writes;
}

/** Records, in the transaction, a write of data about a family (and the members named). */
export function recordWrite(ctx: RequestContext, familyId: string, recorded: Recorded = {}, action: EntryContent["action"] = "WRITE"): void {
  writeLogOf(ctx).wrote(familyId, recorded, action);
}

/** Records, in the transaction, a write about a person known by BSN only (reference index). */
export function recordWriteAbout(ctx: RequestContext, subject: BsnSubject, recorded: Recorded = {}, action: EntryContent["action"] = "WRITE"): void {
  writeLogOf(ctx).wroteAbout(subject, recorded, action);
}
