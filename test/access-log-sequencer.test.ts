import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessLog } from "../src/accountability/access-log/tables.js";
import { sealAccessLog, startSequencer } from "../src/accountability/access-log/seal.js";
import { verifyAccessLog } from "../src/accountability/access-log/verify.js";
import type { Db } from "../src/db/database.js";
import { data, startTestApp, type TestApp } from "./support/app.js";
import { aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";

const SIGNAL = `mutation($input: SignalInput!) { signal(input: $input) { id } }`;
const LOOKUP = `query($bsn: String!) { whoIsInvolved(bsn: $bsn) { organisation } }`;
const onServer = Boolean(process.env.DATABASE_URL);

/**
 * The access log under many callers at once: requests write their entries without waiting for
 * each other or for the sequencer, and the sequencer (one replica at a time) seals every entry
 * exactly once into one chain that verifies.
 */
describe("the access log's sequencer", () => {
  let app: TestApp;
  let db: Db;
  let callers: { id: string }[];
  const persons = [0, 1, 2, 3].map((n) => bsnNumber(81_000_000 + n * 1_000));

  const unsealed = async () => {
    const [row] = await db.select({ n: sql<number>`count(*)` }).from(accessLog).where(sql`${accessLog.seq} is null`);
    return Number(row!.n);
  };

  beforeAll(async () => {
    app = await startTestApp();
    db = app.database.db;
    const region = await aRegion(db, { code: "sequencer-region" });
    const partners = await Promise.all(["Lefier", "Elker", "MJD"].map((name) => aPartner(db, region.id, { name })));
    callers = await Promise.all(partners.map((partner) => aProfessional(db, partner, ["PARTNER_PROFESSIONAL"])));
    for (const bsn of persons) {
      for (const caller of callers) data(await app.gql(SIGNAL, { input: { bsn, birthDate: "2012-02-02", discussedWithFamily: true } }, caller.id));
    }
  });
  afterAll(() => app?.close());

  it("seals the entries of many concurrent requests, with two sequencers running at once, into one chain: each entry once, none left", async () => {
    await sealAccessLog(db, { wait: true });
    const [{ before }] = (await db.select({ before: sql<number>`count(*)` }).from(accessLog)) as [{ before: number }];
    // Two replicas' sequencers, sealing as often as they can while the requests come in.
    const sequencers = [0, 1].map(() => startSequencer(db, { everyMs: 5, onError: (error) => { throw error; } }));
    const requests = Array.from({ length: 60 }, (_, n) => app.gql(LOOKUP, { bsn: persons[n % persons.length] }, callers[n % callers.length]!.id));
    const answers = await Promise.all(requests);
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    expect(answers.every((answer) => (answer.body.data as { whoIsInvolved: unknown[] }).whoIsInvolved.length === 2)).toBe(true);
    await Promise.all(sequencers.map((sequencer) => sequencer.stop()));

    expect(await unsealed()).toBe(0);
    const rows = await db.select({ seq: accessLog.seq, action: accessLog.action }).from(accessLog).orderBy(accessLog.seq);
    expect(rows.length).toBe(Number(before) + 60);
    // Every place in the chain taken once, 1 … n, and the 60 lookups among them.
    expect(rows.map((row) => row.seq)).toEqual(rows.map((_, index) => index + 1));
    expect(rows.slice(-60).every((row) => row.action === "LOOKUP")).toBe(true);
    expect(await verifyAccessLog(db)).toMatchObject({ verified: rows.length, firstBad: null, pending: { entries: 0 } });
  });

  it.skipIf(!onServer)("answers a request while the sequencer holds its lock: no request waits for the chain (a server: the embedded database has one connection)", async () => {
    let answered: Awaited<ReturnType<TestApp["gql"]>> | null = null;
    await db.transaction(async (tx) => {
      // A sequencer of another replica, busy sealing: it holds the lock for as long as this runs.
      await tx.execute(sql`select pg_advisory_xact_lock(7513)`);
      answered = await app.gql(LOOKUP, { bsn: persons[0] }, callers[0]!.id);
      // Its entry is written (committed, visible to others) though it is not sealed yet.
      expect(await unsealed()).toBe(1);
      // A sequencer that does not wait leaves the work to the one holding the lock.
      expect(await sealAccessLog(db)).toBe(0);
    });
    expect(answered!.status).toBe(200);
    expect(await sealAccessLog(db)).toBe(1);
    expect((await verifyAccessLog(db)).firstBad).toBeNull();
  });
});
