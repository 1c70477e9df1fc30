import { today, addMonths } from "../../dates.js";
import { badInput } from "../../errors.js";
import { day, parseInput } from "../../validation.js";

/** A report covers at most a year (a leap year's 366 days): long enough for an annual report. */
export const MAX_PERIOD_DAYS = 366;

export interface Period {
  from: string;
  to: string;
  /** The reference day: `to`, or today when the period runs on past today. */
  asOf: string;
  /** The last day by whose end a missed evaluation is late: `to`, or yesterday when the period runs on. */
  lateDay: string;
}

const DAY_MS = 24 * 3600_000;
const dayNumber = (isoDay: string) => Date.parse(`${isoDay}T00:00:00Z`) / DAY_MS;

/** The period asked for, or BAD_USER_INPUT naming the argument that is wrong. */
export function parsePeriod(ctx: { now: () => Date }, rawFrom: string, rawTo: string): Period {
  const from = parseInput(day, rawFrom, "from");
  const to = parseInput(day, rawTo, "to");
  const now = today(ctx);
  if (from > now) throw badInput("from", `lies after today (${now}): the period has not begun`);
  if (to < from) throw badInput("to", `lies before from (${from})`);
  if (dayNumber(to) - dayNumber(from) + 1 > MAX_PERIOD_DAYS) {
    throw badInput("to", `a period is at most ${MAX_PERIOD_DAYS} days; from ${from} it ends at ${addMonths(from, 0, MAX_PERIOD_DAYS - 1)} at the latest`);
  }
  const runsOn = to >= now;
  return { from, to, asOf: runsOn ? now : to, lateDay: runsOn ? addMonths(now, 0, -1) : to };
}
