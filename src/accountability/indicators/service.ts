import { sql } from "drizzle-orm";
import type { AuthenticatedContext } from "../../context.js";
import { rowsOf } from "../../db/rows.js";
import { reportCsv } from "./csv.js";
import { THEME_LABELS, THEMES, indicatorDefinitions, type IndicatorDefinition } from "./definitions.js";
import { parsePeriod } from "./period.js";
import { closureFigures, costFigures, escalationFigures, evaluationFigures, familyFigures, intakeFigures, waitingFigures, type FigureRow, type PeriodBounds } from "./queries.js";
import { MINIMUM_FAMILIES, suppress } from "./suppression.js";
import type { IndicatorReport } from "./types.js";

const STEP_KEY = /^escalations_reached_step\.(\d+)$/;

/** postgres.js answers some numbers as text; PGlite as numbers. */
const numberOf = (value: number | string | null | undefined): number | null => (value === null || value === undefined ? null : Number(value));
const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/**
 * The caller's region's indicators over a period: five aggregations in the database, read in one
 * statement and so one snapshot, so that parts and their totals agree.
 */
export async function indicatorReport(ctx: AuthenticatedContext, rawFrom: string, rawTo: string): Promise<IndicatorReport> {
  const period = parsePeriod(ctx, rawFrom, rawTo);
  const bounds: PeriodBounds = { regionId: ctx.caller.regionId, from: period.from, to: period.to, day: period.asOf, lateDay: period.lateDay, now: ctx.now() };
  // One statement, so one snapshot, inside the request's transaction (a nested transaction could
  // not ask for its own isolation): its parts are unions of the same columns.
  const statements = [familyFigures, intakeFigures, evaluationFigures, escalationFigures, closureFigures, waitingFigures, costFigures];
  const rows = rowsOf<FigureRow>(
    await ctx.db.execute(sql.join(statements.map((statement) => sql`select * from (${statement(bounds)}) as figures`), sql` union all `)),
  );

  const measured = new Map(rows.map((row) => [row.key, row]));
  const steps = rows.flatMap((row) => STEP_KEY.exec(row.key)?.[1] ?? []).map(Number);
  const definitions = indicatorDefinitions(steps);
  const shown = suppress(
    definitions.map((definition) => {
      const row = measured.get(definition.key);
      return { key: definition.key, value: valueOf(definition, row), families: numberOf(row?.families) ?? 0, partOf: definition.partOf };
    }),
  );
  const byKey = new Map(shown.map((figure) => [figure.key, figure]));
  const themes = THEMES.map((theme) => ({
    theme,
    label: THEME_LABELS[theme],
    indicators: definitions
      .filter((definition) => definition.theme === theme)
      .map((definition) => ({ ...byKey.get(definition.key)!, label: definition.label, description: definition.description, unit: definition.unit })),
  }));
  return { from: period.from, to: period.to, asOf: period.asOf, minimumFamilies: MINIMUM_FAMILIES, themes, csv: reportCsv({ themes }) };
}

/** A count of nothing is 0; a share or a median of nothing has no value. */
function valueOf(definition: IndicatorDefinition, row: FigureRow | undefined): number | null {
  const value = numberOf(row?.value);
  if (value === null) return definition.measure === "COUNT" ? 0 : null;
  return definition.measure === "COUNT" ? value : oneDecimal(value);
}
