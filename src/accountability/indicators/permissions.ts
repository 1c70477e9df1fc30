import { withRole } from "../../access/rules.js";

/*
 * Indicators are for whoever watches the process or researches it (domain brief §3, §9): the
 * process leads, the project leader and the evaluator, each of their own region (the service
 * reads the caller's region only). They are aggregates without personal data, so every field of
 * the report follows the one rule of the query; anyone else gets FORBIDDEN.
 */
const reader = withRole("PROCESS_LEAD", "PROJECT_LEAD", "EVALUATOR");

export const indicatorPermissions = {
  Query: { indicators: reader },
  IndicatorReport: { from: reader, to: reader, asOf: reader, minimumFamilies: reader, themes: reader, csv: reader },
  IndicatorTheme: { theme: reader, label: reader, indicators: reader },
  Indicator: { key: reader, label: reader, description: reader, value: reader, unit: reader, families: reader, suppressed: reader },
};
