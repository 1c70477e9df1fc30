// npm run bench: measures in one process and one run, and prints ratios (never absolute targets).
// Reference index: the lookup's p50 latency through HTTP with a small and a national-size index;
// an indexed lookup stays flat, so the ratio stays near 1. Also the SQL statements per lookup.
import "reflect-metadata";
import { sql } from "drizzle-orm";
import { signToken } from "../src/auth/tokens.js";
import { loadConfig } from "../src/config.js";
import { connectEmbedded, connectServer, type Database } from "../src/db/database.js";
import { partners, professionals, regions } from "../src/organisations/tables.js";
import { startServer } from "../src/server/app.js";
import { createLogger } from "../src/server/logger.js";

const SMALL = 10_000;
const LARGE = Number(process.env.BENCH_SIGNALS ?? 2_000_000);
const ROUNDS = 300;
const BSN = "999990585";

const config = loadConfig({ ...process.env, NODE_ENV: "test", LOG_LEVEL: "silent" });
// A server benchmark needs a database of its own: it fills and empties the signals table.
const database: Database = process.env.BENCH_DATABASE_URL ? connectServer(process.env.BENCH_DATABASE_URL) : await connectEmbedded(null);
await database.migrate();
const { db } = database;

const [region] = await db.insert(regions).values({ code: "bench", name: "Bench", signalAgeLimitYears: 23 }).returning();
const made = await db
  .insert(partners)
  .values([1, 2, 3].map((n) => ({ regionId: region!.id, name: `Partner ${n}`, sector: "SOCIAL_WORK", covenantSignatory: true })))
  .returning();
const staff = await db
  .insert(professionals)
  .values(made.map((partner, n) => ({ regionId: region!.id, partnerId: partner.id, name: `Professional ${n}`, email: `bench${n}@bench.example`, roles: ["COACH"] })))
  .returning();

/** Fills the index up to `total` signals on distinct people, plus three on the looked-up person. */
async function fill(total: number) {
  await db.execute(sql`truncate signals cascade`);
  // Loading is faster without the index; it is rebuilt below exactly as the migration made it.
  await db.execute(sql`drop index signals_region_bsn`);
  await db.execute(sql`
    insert into signals (region_id, bsn, birth_date, partner_id, professional_id, signalled_on, active_until, discussed_with_family, created_at)
    select ${region!.id}, lpad((100000000 + n)::text, 9, '0'), date '2012-01-01', p.partner_id, p.id,
           date '2026-06-01', date '2028-06-01', true, now()
    from generate_series(1, ${total}) as n
    join (select id, partner_id, row_number() over (order by id) - 1 as slot from professionals where region_id = ${region!.id}) p
      on p.slot = n % 3`);
  await db.execute(sql`
    insert into signals (region_id, bsn, birth_date, partner_id, professional_id, signalled_on, active_until, discussed_with_family, created_at)
    select ${region!.id}, ${BSN}, date '2011-05-09', p.partner_id, p.id, date '2026-06-01', date '2028-06-01', true, now()
    from professionals p where p.region_id = ${region!.id}`);
  await db.execute(sql`create index signals_region_bsn on signals using btree (region_id, bsn)`);
  await db.execute(sql`analyze signals`);
}

const server = await startServer({ config, database, log: createLogger("silent") }, 0, "127.0.0.1");
const token = signToken(config, staff[0]!.id);
const query = JSON.stringify({ query: `{ whoIsInvolved(bsn: "${BSN}") { organisation professional phone email since } }` });

async function measure(): Promise<{ p50: number; statements: number }> {
  const lookup = () =>
    fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: query }).then(
      async (response) => (await response.json()) as { data: { whoIsInvolved: unknown[] } },
    );
  // The first request may meet a keep-alive connection the server closed during the fill.
  for (let warm = 0; warm < 30; warm++) await lookup().catch(() => lookup());
  const before = database.statements();
  const found = await lookup();
  const statements = database.statements() - before;
  if (found.data.whoIsInvolved.length !== 2) throw new Error("the benchmark's lookup found the wrong signals");
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    await lookup();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, statements };
}

await fill(SMALL);
const small = await measure();
console.log(`reference-index lookup, ${SMALL} signals: p50 ${small.p50.toFixed(2)} ms, ${small.statements} SQL statements per request`);
const fillStarted = performance.now();
await fill(LARGE);
console.log(`(filled ${LARGE} signals in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s)`);
const large = await measure();
console.log(`reference-index lookup, ${LARGE} signals: p50 ${large.p50.toFixed(2)} ms, ${large.statements} SQL statements per request`);

await server.close();
await database.close();
console.log(
  `reference-index-lookup-ratio=${(large.p50 / small.p50).toFixed(2)} sql-per-lookup=${large.statements} (small index: ${small.statements})`,
);
