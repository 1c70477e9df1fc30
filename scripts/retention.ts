// npm run retention [-- --today YYYY-MM-DD]: destroys or de-identifies what the regions' retention
// rules no longer allow to keep, and logs what it did as one JSON line (counts and ids, never a
// name, BSN or content). --today exists for rehearsals; the default is the real date.
import "reflect-metadata";
import { retentionLogEntry } from "../src/accountability/retention/log.js";
import { runRetention } from "../src/accountability/retention/run.js";
import { isoDate } from "../src/dates.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/server/logger.js";
import { openDatabase, runOperator } from "./support/operator.js";

/** YYYY-MM-DD naming a day that exists (JavaScript would take 30 February as 2 March). */
function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const moment = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(moment.getTime()) && moment.toISOString().slice(0, 10) === value;
}

await runOperator("retention", async () => {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const flag = process.argv.indexOf("--today");
  const today = flag > 0 ? process.argv[flag + 1] : isoDate(new Date());
  if (!today || !isCalendarDay(today)) {
    log.error("--today needs a date as YYYY-MM-DD");
    return 1;
  }
  const database = await openDatabase(config, { migrate: true });
  const report = await runRetention(database.db, today);
  if (report.closedFamilies.failed.length > 0) {
    log.error(retentionLogEntry(report), "retention done, some families not removed");
    return 1;
  }
  log.info(retentionLogEntry(report), "retention done");
});
