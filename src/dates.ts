/** The calendar date of the clock, in the region's time zone (all demo regions are Dutch). */
export function today(ctx: { now: () => Date }): string {
  return isoDate(ctx.now());
}

// Made once: building an Intl formatter costs far more than formatting a date with it.
const DUTCH_DAY = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam" });

export function isoDate(moment: Date): string {
  return DUTCH_DAY.format(moment);
}

/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so no time zone shifts a day.
 * Adding a month to 31 January gives the last day of February, as a person would count.
 */
export function addMonths(isoDate: string, months: number, days = 0): string {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  const result = new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay) + days));
  return result.toISOString().slice(0, 10);
}

export const addYears = (isoDate: string, years: number) => addMonths(isoDate, years * 12);

/** Whole years between a birth date and a day (ISO dates), as a person counts their age. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Whole calendar days from one ISO date to another (negative when `to` lies before `from`). */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
