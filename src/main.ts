import "reflect-metadata";
import { loadConfig } from "./config.js";
import { connectEmbedded, connectServer } from "./db/database.js";
import { withStartupLock } from "./db/startup-lock.js";
import { demoClientLogins } from "./demo/seed-clients.js";
import { demoLogins, seedDemo } from "./demo/seed.js";
import { startServer } from "./server/app.js";
import { startBackground } from "./server/background.js";
import { errorSummary } from "./error-summary.js";
import { createLogger } from "./server/logger.js";

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
const database = config.DATABASE_URL ? connectServer(config.DATABASE_URL) : await connectEmbedded(config.PGLITE_DIR);
await withStartupLock(config.DATABASE_URL, async () => {
  await database.migrate();
  if (config.DEMO_DATA && !config.production) {
    const { created } = await seedDemo(database.db, new Date());
    log.info({ created }, created ? "demo data loaded" : "demo data already present");
  }
});
const running = await startServer({ config, database, log }, config.PORT, config.HOST);
// Retention, deadlines and the access log's sequencer: in whichever replica claims each run.
// The retention rules run inside the server: with the embedded database no other process may
// open it, and a signal or a closed family must not outlive its term by much.
const background = startBackground(database.db, log);

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

// Draining, for a rolling restart: stop accepting and answer what is in flight (running.close),
// then stop the jobs and seal the access log's last entries, and only then close the pool.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log.info({ signal }, "shutting down");
    void running
      .close()
      .then(() => background.stop())
      .then(() => database.close())
      .then(
        () => {
          log.info({ signal }, "shut down");
          process.exit(0);
        },
        (error: unknown) => {
          log.error({ err: errorSummary(error) }, "shutdown incomplete");
          process.exit(1);
        },
      );
  });
}
