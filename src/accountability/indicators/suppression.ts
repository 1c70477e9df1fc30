/*
 * Small numbers are suppressed (domain brief §9): a figure resting on fewer than
 * MINIMUM_FAMILIES families shows neither its value nor its family count. Where figures are the
 * parts of a total that is shown, one suppressed part could be computed back as the total minus
 * the others; then the next smallest part is suppressed too.
 */
export const MINIMUM_FAMILIES = 5;

export interface RawFigure {
  key: string;
  value: number | null;
  families: number;
  /** The key of the total this figure is a part of. */
  partOf?: string;
}

export interface ShownFigure {
  key: string;
  value: number | null;
  families: number | null;
  suppressed: boolean;
}

export function suppress(figures: readonly RawFigure[]): ShownFigure[] {
  const hidden = new Set(figures.filter((figure) => figure.families < MINIMUM_FAMILIES).map((figure) => figure.key));
  const totals = new Set(figures.flatMap((figure) => (figure.partOf ? [figure.partOf] : [])));
  for (const total of totals) {
    // A hidden total hides nothing by subtraction: every part of it is below the threshold too.
    if (hidden.has(total)) continue;
    const parts = figures.filter((figure) => figure.partOf === total);
    if (parts.filter((part) => hidden.has(part.key)).length !== 1) continue;
    const smallest = parts
      .filter((part) => !hidden.has(part.key))
      .reduce<RawFigure | null>((least, part) => (least === null || part.families < least.families ? part : least), null);
    if (smallest) hidden.add(smallest.key);
  }
  return figures.map((figure) =>
    hidden.has(figure.key)
      ? { key: figure.key, value: null, families: null, suppressed: true }
      : { key: figure.key, value: figure.value, families: figure.families, suppressed: false },
  );
}
