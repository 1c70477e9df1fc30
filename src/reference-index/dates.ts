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
