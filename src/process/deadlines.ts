import type { Db } from "../db/database.js";
import { overdueAdvices } from "./mandate/deadlines.js";
import { closureDeadlineChecks } from "./closure/deadlines.js";
import { escalationOverdue } from "./escalation/deadlines.js";
import type { DeadlineCheck } from "./deadline-check.js";
import { overdueStepReports } from "../plan/steps/deadlines.js";
import { waitingTooLong } from "../plan/waiting.js";

/**
 * The deadline job (`npm run deadlines`, and hourly inside the server): each check finds what
 * is due or overdue at `now` in every region and puts a notice in the inbox of whoever must
 * act. Notices carry a dedupe key naming the deadline, so running the job again raises nothing
 * new; a new deadline (the next step, the next evaluation) raises a new notice.
 */
export const DEADLINE_CHECKS: DeadlineCheck[] = [escalationOverdue, overdueAdvices, overdueStepReports, waitingTooLong, ...closureDeadlineChecks];

export async function raiseDeadlines(db: Db, now: Date): Promise<Record<string, number>> {
  const raised: Record<string, number> = {};
  for (const check of DEADLINE_CHECKS) raised[check.name] = await check.run(db, now);
  return raised;
}
