import "reflect-metadata";
import { retentionLogEntry } from "./accountability/retention/log.js";
import { runRetention } from "./accountability/retention/run.js";
import { loadConfig } from "./config.js";
import { isoDate } from "./context.js";
import { raiseDeadlines } from "./process/deadlines.js";
import { connectEmbedded, connectServer } from "./db/database.js";
import { demoClientLogins } from "./demo/seed-clients.js";
import { demoLogins, seedDemo } from "./demo/seed.js";
import { startServer } from "./server/app.js";
import { createLogger, errorSummary } from "./server/logger.js";

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const database = config.DATABASE_URL ? connectServer(config.DATABASE_URL) : await connectEmbedded(config.PGLITE_DIR);
await database.migrate();
if (config.DEMO_DATA && !config.production) {
  const { created } = await seedDemo(database.db, new Date());
  log.info({ created }, created ? "demo data loaded" : "demo data already present");
}
const running = await startServer({ config, database, log }, config.PORT, config.HOST);

// The retention rules also run inside the server, every six hours: with the embedded database
// no other process may open it, and a signal or a closed family must not outlive its term by much.
const retention = async () => {
  try {
    const report = await runRetention(database.db, isoDate(new Date()));
    if (report.closedFamilies.failed.length > 0) log.error(retentionLogEntry(report), "retention done, some families not removed");
    else log.info(retentionLogEntry(report), "retention done");
  } catch (error) {
    log.error({ err: errorSummary(error) }, "retention failed");
  }
};
await retention();
const retentionTimer = setInterval(() => void retention(), 6 * 3600 * 1000);
retentionTimer.unref();

// The deadline job runs hourly inside the server too, for the same reason.
const deadlines = async () => {
  try {
    log.info({ raised: await raiseDeadlines(database.db, new Date()) }, "deadlines done");
  } catch (error) {
    log.error({ err: { message: (error as Error).message } }, "deadlines failed");
  }
};
await deadlines();
const deadlineTimer = setInterval(() => void deadlines(), 3600 * 1000);
deadlineTimer.unref();

const banner = [
  "",
  `  One family, one plan — API ready (${database.kind === "embedded" ? `embedded PostgreSQL in ${config.PGLITE_DIR}` : "PostgreSQL server"})`,
  `  GraphQL:  ${running.url}/graphql`,
  config.production ? "" : `  GraphiQL: ${running.url}/graphiql`,
  "",
  "  A token for a demo user:  npm run token -- <email>",
  ...(config.production || !config.DEMO_DATA
    ? []
    : [
        "  Demo users:",
        ...demoLogins().map((user) => `    ${user.email.padEnd(34)} ${user.region.padEnd(10)} ${user.roles.join(", ")} — ${user.partner}`),
        "  Demo clients (family members: myData, myAccessLog, myRequests):",
        ...demoClientLogins().map((client) => `    ${client.email.padEnd(38)} ${client.region.padEnd(10)} ${client.family}`),
      ]),
  "",
];
process.stdout.write(`${banner.join("\n")}\n`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log.info({ signal }, "shutting down");
    void running
      .close()
      .then(() => database.close())
      .finally(() => process.exit(0));
  });
}
