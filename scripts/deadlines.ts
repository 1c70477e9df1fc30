// npm run deadlines [-- --now 2026-12-01T09:00:00Z]: raises the notices for every deadline due or
// passed (escalation steps, mandate answers, evaluations, tasks, aftercare revisits) and logs how
// many. --now exists for rehearsals; the default is the real clock. Running it twice raises nothing new.
import "reflect-metadata";
import { loadConfig } from "../src/config.js";
import { raiseDeadlines } from "../src/process/deadlines.js";
import { createLogger } from "../src/server/logger.js";
import { openDatabase, runOperator } from "./support/operator.js";

await runOperator("deadlines", async () => {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const flag = process.argv.indexOf("--now");
  const now = flag > 0 ? new Date(process.argv[flag + 1] ?? "") : new Date();
  if (Number.isNaN(now.getTime())) {
    log.error("--now needs a moment, e.g. 2026-12-01T09:00:00Z");
    return 1;
  }
  const database = await openDatabase(config, { migrate: true });
  const raised = await raiseDeadlines(database.db, now);
  log.info({ now: now.toISOString(), raised }, "deadlines done");
});
