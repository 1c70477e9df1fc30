// npm run retention [-- --today YYYY-MM-DD]: destroys what the regions' retention rules no longer
// allow to keep, and logs what it did. --today exists for rehearsals; the default is the real date.
import "reflect-metadata";
import { isoDate } from "../src/context.js";
import { loadConfig } from "../src/config.js";
import { connectEmbedded, connectServer } from "../src/db/database.js";
import { runReferenceIndexRetention } from "../src/reference-index/retention.js";
import { createLogger } from "../src/server/logger.js";

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const flag = process.argv.indexOf("--today");
const today = flag > 0 ? process.argv[flag + 1] : isoDate(new Date());
if (!today || !/^\d{4}-\d{2}-\d{2}$/.test(today)) {
  log.error("--today needs a date as YYYY-MM-DD");
  process.exit(1);
}
const database = config.DATABASE_URL ? connectServer(config.DATABASE_URL) : await connectEmbedded(config.PGLITE_DIR);
try {
  await database.migrate();
  const result = await runReferenceIndexRetention(database.db, today);
  log.info({ today, referenceIndex: result }, "retention done");
} finally {
  await database.close();
}
