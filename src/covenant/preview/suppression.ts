import { MINIMUM_FAMILIES, suppress } from "../../accountability/indicators/suppression.js";

/*
 * The preview's counts are suppressed as the indicators' are (accountability/indicators/
 * suppression.ts, the same function and threshold): a count of fewer than five families,
 * none included, is withheld. The preview shows no totals, so no count is a part of one.
 *
 * Its counts can overlap instead: the families gaining one part are often among those gaining
 * another, or those rising to SECTION. Two shown counts of one partner whose difference is 1 to
 * 4 could then tell a small group by subtraction (12 gain housing goals, 9 gain housing
 * analyses: 3 families whose consent covers some members only), so the smaller of the two is
 * withheld too, until no two shown counts of the partner lie that close. Equal counts stay:
 * their difference is no family.
 */

export { MINIMUM_FAMILIES };

export interface ShownCount {
  families: number | null;
  suppressed: boolean;
}

/** One partner's counts by key, as shown. */
export function suppressCounts(counts: ReadonlyMap<string, number>): Map<string, ShownCount> {
  const shown = new Map<string, ShownCount>(
    suppress([...counts].map(([key, families]) => ({ key, value: families, families }))).map((figure) => [
      figure.key,
      { families: figure.families, suppressed: figure.suppressed },
    ]),
  );
  for (;;) {
    const visible = [...shown].filter(([, count]) => !count.suppressed).sort(([, a], [, b]) => a.families! - b.families!);
    const close = visible.find(([, count], index) =>
      visible.slice(index + 1).some(([, other]) => other.families! - count.families! > 0 && other.families! - count.families! < MINIMUM_FAMILIES),
    );
    if (!close) return shown;
    shown.set(close[0], { families: null, suppressed: true });
  }
}
