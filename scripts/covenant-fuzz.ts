// npm run covenant:fuzz -- --queries N --seed S: proof at scale that no answer holds anything the
// covenant does not allow. The real server in-process (embedded PostgreSQL, or a fresh database on
// DATABASE_URL) with the demo data of both regions and canaries in every kind of plan part; random
// queries from the schema by every kind of caller; every answer judged by an oracle computed from
// the database. Halfway a new covenant version, a withdrawn consent and an ended emergency window.
// Last line: `queries=N leaks=L seed=S` (and failures=F when there are any); exit 1 on either.
//
// The database: DATABASE_URL's server if set; else a throwaway PostgreSQL when one is installed
// (the server then runs beside the database on the second core: about twice the queries per
// second of the embedded one); else, or with --embedded, embedded PostgreSQL in this process.
import "reflect-metadata";
import { startThrowawayPostgres, type ThrowawayPostgres } from "./support/throwaway-postgres.js";
import { startDemoWorld } from "./support/covenant-fuzz/demo-world.js";
import { runFuzz } from "./support/covenant-fuzz/engine.js";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} needs a whole number`);
    process.exit(2);
  }
  return value;
}

const queries = option("queries", 1000);
const seed = option("seed", Math.floor(Math.random() * 2 ** 31));
const concurrency = option("concurrency", 8);
const started = Date.now();
let throwaway: ThrowawayPostgres | null = null;
// Synchronous, so it runs on process.exit too: the throwaway server never outlives the run.
process.on("exit", () => throwaway?.stop());
let serverUrl = process.env.DATABASE_URL;
let where = serverUrl ? "the server DATABASE_URL names" : "embedded PostgreSQL";
if (!serverUrl && !process.argv.includes("--embedded")) {
  try {
    throwaway = await startThrowawayPostgres({ maxConnections: 50 });
    serverUrl = throwaway.url;
    where = `throwaway PostgreSQL ${throwaway.version}`;
  } catch (error) {
    console.log(`no throwaway PostgreSQL (${(error as Error).message.split("\n")[0]}): embedded instead`);
  }
}
console.log(`database: ${where}`);
const world = await startDemoWorld(serverUrl);
let exitCode: number;
try {
  console.log(`demo world ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${world.writer.skipped.length} canary writes refused)`);
  for (const skipped of world.writer.skipped) console.log(`  refused: ${skipped}`);
  const began = Date.now();
  const result = await runFuzz(world.server, { queries, seed, concurrency, sweep: queries >= 10_000, halfway: world.halfway, log: (line) => console.log(line) });
  const seconds = (Date.now() - began) / 1000;
  for (const report of result.reports) console.log(report);
  for (const failure of result.failures.slice(0, 10)) console.log(`FAILURE ${failure}`);
  const { stats } = result;
  console.log(`${result.callers} callers; ${seconds.toFixed(1)} s, ${(result.queries / seconds).toFixed(0)} queries/s`);
  console.log(`seen where allowed: ${[...stats.allowed.entries()].map(([kind, n]) => `${kind} ${n}`).join(", ")}; ${stats.identifyingSeen} BSNs/birth dates; ${stats.contentChecked} contents; ${stats.familiesSeen} families`);
  console.log(`error codes: ${[...stats.errors.entries()].map(([code, n]) => `${code} ${n}`).join(", ")}; ${stats.fields.size} fields exercised`);
  console.log(`denied but the oracle would allow (not a failure): ${stats.withheld}`);
  for (const example of stats.withheldExamples.slice(0, 5)) console.log(`  withheld: ${example}`);
  console.log(`queries=${result.queries} leaks=${result.leaks} seed=${seed}${result.failures.length > 0 ? ` failures=${result.failures.length}` : ""}`);
  exitCode = result.leaks > 0 || result.failures.length > 0 ? 1 : 0;
} finally {
  await world.server.close();
}
process.exit(exitCode);
