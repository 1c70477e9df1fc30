import { execFile } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, data, refused, startTestApp, type TestApp } from "./support/app.js";
import { aLifeDomain, aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";
import { accessLog } from "../src/accountability/access-log/tables.js";
import { subjectDigests } from "../src/accountability/access-log/pseudonym.js";
import { verifyAccessLog } from "../src/accountability/access-log/verify.js";
import { accessLogOf } from "../src/accountability/access-log/query.js";
import type { Db } from "../src/db/database.js";
import { rowsOf } from "../src/db/rows.js";
import { appendEntries } from "../src/accountability/access-log/append.js";
import { sealAccessLog } from "../src/accountability/access-log/seal.js";
import { systemActor } from "../src/accountability/access-log/actor.js";
import type { NewEntry } from "../src/accountability/access-log/append.js";
import { scriptDatabase } from "./support/database.js";

const REGISTER = `mutation($input: RegisterFamilyInput!) { registerFamily(input: $input) { id family { id name } } }`;
const READ_FAMILY = `query($id: ID!) { family(id: $id) { name members { relation person { id givenName bsn } } } }`;
const SIGNAL = `mutation($input: SignalInput!) { signal(input: $input) { id } }`;
const LOOKUP = `query($bsn: String!) { whoIsInvolved(bsn: $bsn) { organisation } }`;
const START_PLAN = `mutation($familyId: ID!) { startPlan(familyId: $familyId) { version } }`;

interface Who {
  id: string;
}

/** An entry as a reviewer compares it: who, what, about whom. Hashes and times are the chain's business. */
interface Seen {
  actor: string | null;
  action: string;
  operation: string | null;
  familyId: string | null;
  subject: string | null;
  data: string[];
  personIds: string[];
}

describe("the access log", () => {
  let app: TestApp;
  let db: Db;
  let regionId: string;
  let coach: Who;
  let processLead: Who;
  let housingPro: Who;
  let youthPro: Who;
  let outsider: Who;
  let seed = 70_000_000;

  const gql = (query: string, variables: Record<string, unknown>, as: Who) => app.gql(query, variables, as.id);

  /** The newest entry's id: entries are written in this order, and sealed into the chain after. */
  async function head(): Promise<number> {
    const [row] = await db.select({ id: sql<number>`coalesce(max(${accessLog.id}), 0)` }).from(accessLog);
    return Number(row!.id);
  }

  /** Every entry is sealed, and how many there are. */
  async function sealedCount(): Promise<number> {
    await sealAccessLog(db, { wait: true });
    const [row] = await db.select({ entries: sql<number>`count(*)`, unsealed: sql<number>`count(*) filter (where ${accessLog.seq} is null)` }).from(accessLog);
    expect(Number(row!.unsealed)).toBe(0);
    return Number(row!.entries);
  }

  async function entriesAfter(id: number): Promise<Seen[]> {
    const rows = await db.select().from(accessLog).where(sql`${accessLog.id} > ${id}`).orderBy(accessLog.id);
    return rows.map((row) => ({
      actor: row.actorId,
      action: row.action,
      operation: row.operation,
      familyId: row.familyId,
      subject: row.subjectDigest,
      data: row.data,
      personIds: row.personIds,
    }));
  }

  const digest = async (bsn: string) => (await subjectDigests(db, [{ regionId, bsn }]))[0]!;

  function household(name: string) {
    const base = (seed += 1_000);
    return {
      parent: { bsn: bsnNumber(base), givenName: "Sanne", familyName: name, birthDate: "1986-04-02", relation: "PARENT", legalCustody: true },
      child: { bsn: bsnNumber(base + 100), givenName: "Daan", familyName: name, birthDate: "2014-09-30", relation: "CHILD" },
    };
  }

  async function register(name: string) {
    const members = household(name);
    const registered = data(
      await gql(REGISTER, { input: { name: `Gezin ${name}`, category: "MPG2", regisseurId: coach.id, members: [members.parent, members.child] } }, processLead),
    ) as { registerFamily: { id: string } };
    return { familyId: registered.registerFamily.id, ...members };
  }

  beforeAll(async () => {
    app = await startTestApp();
    db = app.database.db;
    const region = await aRegion(db, { code: "log-region" });
    regionId = region.id;
    await aLifeDomain(db, regionId, "HOUSING");
    const municipality = await aPartner(db, regionId, { name: "Gemeente", sector: "MUNICIPALITY" });
    const socialWork = await aPartner(db, regionId, { name: "MJD", sector: "SOCIAL_WORK" });
    const housing = await aPartner(db, regionId, { name: "Lefier", sector: "HOUSING" });
    const youthCare = await aPartner(db, regionId, { name: "Elker", sector: "YOUTH_CARE" });
    coach = await aProfessional(db, socialWork, ["COACH"]);
    processLead = await aProfessional(db, municipality, ["PROCESS_LEAD"]);
    housingPro = await aProfessional(db, housing, ["PARTNER_PROFESSIONAL"]);
    youthPro = await aProfessional(db, youthCare, ["PARTNER_PROFESSIONAL"]);
    outsider = await aProfessional(db, housing, ["PARTNER_PROFESSIONAL"]);
  });
  afterAll(() => app?.close());

  it("holds exactly the entries of a scripted set of operations by different callers: none missing, none extra", async () => {
    const start = await head();

    // A process lead registers a household and reads back what the answer shows.
    const family = await register("Visser");
    const afterRegistration = await entriesAfter(start);
    expect(afterRegistration).toEqual([
      { actor: processLead.id, action: "WRITE", operation: "registerFamily", familyId: family.familyId, subject: null, data: ["CATEGORY", "FAMILY", "MEMBERS", "REGIE"], personIds: [] },
      { actor: processLead.id, action: "READ", operation: null, familyId: family.familyId, subject: null, data: ["Family.id", "Family.name"], personIds: [] },
    ]);

    // The regisseur reads the household with its members' BSNs: one entry naming each field and both members.
    const read = data(await gql(READ_FAMILY, { id: family.familyId }, coach)) as { family: { members: { person: { id: string } }[] } };
    const memberIds = read.family.members.map((member) => member.person.id);
    // Someone with no access asks for the family: nothing is read, nothing is logged.
    expect(data(await gql(READ_FAMILY, { id: family.familyId }, outsider))).toEqual({ family: null });
    // A failed write leaves no entry.
    refused(await gql(START_PLAN, { familyId: "00000000-0000-4000-8000-000000000000" }, coach), "NOT_FOUND");

    // Two organisations signal the child: the second signal matches the first.
    data(await gql(SIGNAL, { input: { bsn: family.child.bsn, birthDate: family.child.birthDate, discussedWithFamily: true } }, housingPro));
    data(await gql(SIGNAL, { input: { bsn: family.child.bsn, birthDate: family.child.birthDate, discussedWithFamily: true } }, youthPro));
    // Lookups count, including one that finds nothing.
    const stranger = bsnNumber((seed += 1_000));
    expect(data(await gql(LOOKUP, { bsn: stranger }, outsider))).toEqual({ whoIsInvolved: [] });
    expect(data(await gql(LOOKUP, { bsn: family.child.bsn }, housingPro))).toEqual({ whoIsInvolved: [{ organisation: "Elker" }] });

    // The regisseur starts the plan.
    data(await gql(START_PLAN, { familyId: family.familyId }, coach));

    const child = await digest(family.child.bsn);
    const script = await entriesAfter(start);
    expect(script.slice(2)).toEqual([
      // One entry for what is about the household, one per member for what is about them alone.
      { actor: coach.id, action: "READ", operation: null, familyId: family.familyId, subject: null, data: ["Family.members", "Family.name"], personIds: [] },
      ...memberIds.map((personId) => ({
        actor: coach.id,
        action: "READ",
        operation: null,
        familyId: family.familyId,
        subject: null,
        data: ["FamilyMember.person", "FamilyMember.relation", "Person.bsn", "Person.givenName", "Person.id"],
        personIds: [personId],
      })),
      { actor: housingPro.id, action: "WRITE", operation: "signal", familyId: null, subject: child, data: ["SIGNAL"], personIds: [] },
      { actor: youthPro.id, action: "WRITE", operation: "signal", familyId: null, subject: child, data: ["SIGNAL"], personIds: [] },
      { actor: youthPro.id, action: "MATCH", operation: "signal", familyId: null, subject: child, data: ["INVOLVEMENT"], personIds: [] },
      { actor: outsider.id, action: "LOOKUP", operation: null, familyId: null, subject: await digest(stranger), data: ["INVOLVEMENT"], personIds: [] },
      { actor: housingPro.id, action: "LOOKUP", operation: null, familyId: null, subject: child, data: ["INVOLVEMENT"], personIds: [] },
      { actor: coach.id, action: "WRITE", operation: "startPlan", familyId: family.familyId, subject: null, data: ["PLAN"], personIds: [] },
      { actor: coach.id, action: "READ", operation: null, familyId: family.familyId, subject: null, data: ["PlanRevision.version"], personIds: [] },
    ]);
    // Sealed into the chain in the order they were written, and the chain holds.
    const entries = await sealedCount();
    const sealed = await db.select({ seq: accessLog.seq }).from(accessLog).where(sql`${accessLog.id} > ${start}`).orderBy(accessLog.id);
    expect(sealed.map((row) => row.seq)).toEqual(script.map((_, index) => entries - script.length + 1 + index));
    expect(await verifyAccessLog(db)).toMatchObject({ verified: entries, firstBad: null, pending: { entries: 0 } });
  });

  it("names who acted for which organisation, and the basis: the permission rules and the causes of their access", async () => {
    const family = await register("Mulder");
    const start = await head();
    data(await gql(READ_FAMILY, { id: family.familyId }, coach));
    const [entry, memberEntry] = await db.select().from(accessLog).where(sql`${accessLog.id} > ${start}`).orderBy(accessLog.id);
    const [coachRow] = rowsOf<{ partner_id: string }>(await db.execute(sql`select partner_id from professionals where id = ${coach.id}`));
    expect(entry).toMatchObject({ actorKind: "PROFESSIONAL", actorId: coach.id, partnerId: coachRow!.partner_id, roles: ["COACH"], regionId, emergency: false });
    expect(entry!.basis).toEqual({ rules: ["family:DAT", "family:PROCESS"], level: "FULL", causes: [{ kind: "REGISSEUR", level: "FULL" }] });
    // A member's BSN is opened at FULL: the rule says so on that member's entry.
    expect(memberEntry!.basis).toEqual({ rules: ["family:FULL", "family:PROCESS"], level: "FULL", causes: [{ kind: "REGISSEUR", level: "FULL" }] });
    // The log holds ids, never names, BSNs or content.
    const text = JSON.stringify(entry);
    for (const secret of [family.child.bsn, family.parent.bsn, "Mulder", "Sanne"]) expect(text).not.toContain(secret);
  });

  it("shows a member the household's entries and their own, never those about another member alone", async () => {
    const family = await register("Jacobs");
    const read = data(await gql(READ_FAMILY, { id: family.familyId }, coach)) as { family: { members: { relation: string; person: { id: string } }[] } };
    const parentId = read.family.members.find((member) => member.relation === "PARENT")!.person.id;
    const childId = read.family.members.find((member) => member.relation === "CHILD")!.person.id;
    const reads = async (personId: string) =>
      (await accessLogOf(db, { personId, regionId })).filter((entry) => entry.action === "READ" && entry.professionalName !== null && entry.familyId === family.familyId);
    const parentSees = await reads(parentId);
    const childSees = await reads(childId);
    // Both see the registration's read-back and the regisseur's read of the household …
    expect(parentSees.filter((entry) => entry.data.includes("Family.members"))).toHaveLength(1);
    expect(childSees.filter((entry) => entry.data.includes("Family.members"))).toHaveLength(1);
    // … and each sees one read of their own person record, not the other's.
    expect(parentSees.filter((entry) => entry.data.includes("Person.bsn"))).toHaveLength(1);
    expect(childSees.filter((entry) => entry.data.includes("Person.bsn"))).toHaveLength(1);
    expect(parentSees.map((entry) => entry.id)).not.toEqual(childSees.map((entry) => entry.id));
    const idsOf = (entries: typeof parentSees) => new Set(entries.filter((entry) => entry.data.includes("Person.bsn")).map((entry) => entry.id));
    expect([...idsOf(parentSees)].some((id) => idsOf(childSees).has(id))).toBe(false);
  });

  it("records the tasks an organisation reads through myTasks, for each family they belong to", async () => {
    const family = await register("Hendriks");
    data(await gql(START_PLAN, { familyId: family.familyId }, coach));
    // A task for the regisseur's own organisation: its tasks list shows it.
    const coachPartner = (await db.execute(sql`select partner_id from professionals where id = ${coach.id}`)) as unknown;
    const leadPartnerId = rowsOf<{ partner_id: string }>(coachPartner)[0]!.partner_id;
    const task = { lifeDomain: "HOUSING", memberIds: [], description: "Betalingsregeling huur", leadPartnerId, dueDate: "2026-12-15" };
    data(await gql(`mutation($f: ID!, $input: TaskInput!) { addTask(familyId: $f, expectedVersion: 1, input: $input) { version } }`, { f: family.familyId, input: task }, coach));
    const start = await head();
    const tasks = data(await gql(`{ myTasks { nodes { status dueDate } } }`, {}, coach)) as { myTasks: { nodes: unknown[] } };
    expect(tasks.myTasks.nodes.length).toBeGreaterThan(0);
    expect(await entriesAfter(start)).toContainEqual(
      { actor: coach.id, action: "READ", operation: null, familyId: family.familyId, subject: null, data: ["Query.myTasks"], personIds: [] },
    );
  });

  it("records marking one match read as a read of that match's person alone, not of the whole inbox", async () => {
    const [first, second] = [bsnNumber((seed += 1_000)), bsnNumber((seed += 1_000))];
    for (const bsn of [first, second]) {
      for (const who of [housingPro, youthPro]) data(await gql(SIGNAL, { input: { bsn, birthDate: "2013-03-03", discussedWithFamily: true } }, who));
    }
    const inbox = data(await gql(`{ matchNotifications { nodes { id bsn } } }`, {}, housingPro)) as { matchNotifications: { nodes: { id: string; bsn: string }[] } };
    const match = inbox.matchNotifications.nodes.find((notification) => notification.bsn === first)!;
    expect(inbox.matchNotifications.nodes.some((notification) => notification.bsn === second)).toBe(true);
    const start = await head();
    data(await gql(`mutation($id: ID!) { markMatchNotificationRead(id: $id) { bsn } }`, { id: match.id }, housingPro));
    expect(await entriesAfter(start)).toEqual([
      { actor: housingPro.id, action: "READ", operation: null, familyId: null, subject: await digest(first), data: ["INVOLVEMENT", "SIGNAL"], personIds: [] },
    ]);
  });

  it("does not serve data whose read cannot be logged, and does not make a write that cannot be logged", async () => {
    const family = await register("Bos");
    const before = await head();
    await db.execute(sql`alter table access_log add constraint refuse_reads check (action <> 'READ') not valid`);
    try {
      const response = await gql(READ_FAMILY, { id: family.familyId }, coach);
      expect(response.status).toBe(503);
      expect(codes(response)).toEqual(["SERVICE_UNAVAILABLE"]);
      expect(response.body.data ?? null).toBeNull();
      expect(response.text).not.toContain("Sanne");
    } finally {
      await db.execute(sql`alter table access_log drop constraint refuse_reads`);
    }
    await db.execute(sql`alter table access_log add constraint refuse_writes check (action <> 'WRITE') not valid`);
    try {
      const response = await gql(START_PLAN, { familyId: family.familyId }, coach);
      expect(codes(response)).toEqual(["SERVICE_UNAVAILABLE"]);
    } finally {
      await db.execute(sql`alter table access_log drop constraint refuse_writes`);
    }
    // The plan was not started: the regisseur can start it now, as version 1.
    expect(data(await gql(START_PLAN, { familyId: family.familyId }, coach))).toEqual({ startPlan: { version: 1 } });
    expect((await entriesAfter(before)).map((entry) => entry.operation ?? entry.action)).toEqual(["startPlan", "READ"]);
  });

  it("cannot be changed, removed or emptied by the server's database role, nor by a role that is not its owner", async () => {
    await register("Smit");
    const entries = await sealedCount();
    expect(entries).toBeGreaterThan(0);
    // One entry not yet sealed: its content is as fixed as a sealed one's, and only a seal may be set.
    await register("Smits");
    const [unsealed] = await db.select({ id: accessLog.id }).from(accessLog).where(sql`${accessLog.seq} is null`).limit(1);
    expect(unsealed).toBeDefined();
    for (const statement of [
      sql`update access_log set action = 'READ' where seq = 1`,
      sql`delete from access_log where seq = 1`,
      sql`truncate access_log`,
      sql`update access_log_key set key = 'guessable'`,
      // A sealed entry cannot be sealed again, nor unsealed.
      sql`update access_log set seq = seq + 1000000 where seq = 1`,
      sql`update access_log set seq = null, prev_hash = null, hash = null where seq = 1`,
      // An unsealed entry cannot be changed, removed, or sealed with other content.
      sql`update access_log set action = 'READ' where id = ${unsealed!.id}`,
      sql`delete from access_log where id = ${unsealed!.id}`,
      sql`update access_log set seq = 1000000, prev_hash = 'x', hash = 'y', data = array['Family.name'] where id = ${unsealed!.id}`,
    ]) {
      await expect(db.execute(statement)).rejects.toThrow();
    }
    const role = `log_writer_${Math.random().toString(36).slice(2, 10)}`;
    await db.execute(sql.raw(`create role ${role} nologin`));
    await db.execute(sql.raw(`grant select, insert on access_log, access_log_key to ${role}`));
    try {
      for (const statement of [
        `delete from access_log where seq = 1`,
        `update access_log set action = 'READ' where seq = 1`,
        `alter table access_log disable trigger access_log_no_update`,
        `drop trigger access_log_no_update on access_log`,
      ]) {
        await expect(
          db.transaction(async (tx) => {
            await tx.execute(sql.raw(`set local role ${role}`));
            await tx.execute(sql.raw(statement));
          }),
        ).rejects.toThrow();
      }
    } finally {
      await db.execute(sql.raw(`revoke all on access_log, access_log_key from ${role}`));
      await db.execute(sql.raw(`drop role ${role}`));
    }
    const total = await sealedCount();
    expect(total).toBeGreaterThan(entries);
    expect((await verifyAccessLog(db)).verified).toBe(total);
  });

  describe("audit:verify finds tampering by someone who bypasses the triggers", () => {
    /** Tampers as the table's owner would, inside a transaction that is rolled back after the check. */
    async function tampered(tamper: (tx: Db) => Promise<unknown>) {
      let result: Awaited<ReturnType<typeof verifyAccessLog>> | null = null;
      await db
        .transaction(async (tx) => {
          await tx.execute(sql`alter table access_log disable trigger access_log_no_update`);
          await tamper(tx as unknown as Db);
          result = await verifyAccessLog(tx as unknown as Db);
          throw new Error("roll back");
        })
        .catch((error: Error) => {
          if (error.message !== "roll back") throw error;
        });
      return result!;
    }

    let entries = 0;
    beforeAll(async () => {
      await register("Dekker");
      await register("Kok");
      entries = await sealedCount();
    });

    it("accepts the untouched chain", async () => {
      const result = await verifyAccessLog(db);
      expect(result).toMatchObject({ verified: entries, firstBad: null });
    });

    it("names a changed entry", async () => {
      const result = await tampered((tx) => tx.execute(sql`update access_log set data = array['Family.name'] where seq = 3`));
      expect(result.firstBad).toEqual({ seq: 3, problem: expect.stringContaining("changed") });
      expect(result.verified).toBe(2);
    });

    it("names a changed basis and a changed time", async () => {
      const basis = await tampered((tx) => tx.execute(sql`update access_log set basis = jsonb_set(basis, '{level}', '"NONE"') where seq = 4`));
      expect(basis.firstBad?.seq).toBe(4);
      const time = await tampered((tx) => tx.execute(sql`update access_log set occurred_at = occurred_at - interval '1 day' where seq = 2`));
      expect(time.firstBad?.seq).toBe(2);
    });

    it("names the entry after a removed one, also when its successors were renumbered", async () => {
      const removed = await tampered((tx) => tx.execute(sql`delete from access_log where seq = 3`));
      expect(removed.firstBad).toEqual({ seq: 4, problem: expect.stringContaining("missing") });
      const closed = await tampered(async (tx) => {
        await tx.execute(sql`delete from access_log where seq = 3`);
        // In two steps: the primary key is checked row by row, in no set order.
        await tx.execute(sql`update access_log set seq = seq + 1000000 where seq > 3`);
        await tx.execute(sql`update access_log set seq = seq - 1000001 where seq > 1000000`);
      });
      expect(closed.firstBad?.seq).toBe(3);
    });

    it("names reordered entries", async () => {
      const result = await tampered(async (tx) => {
        await tx.execute(sql`update access_log set seq = 1000000 where seq = 3`);
        await tx.execute(sql`update access_log set seq = 3 where seq = 4`);
        await tx.execute(sql`update access_log set seq = 4 where seq = 1000000`);
      });
      expect(result.firstBad?.seq).toBe(3);
    });
  });
});

describe("npm run audit:verify", () => {
  const run = (env: Record<string, string>) =>
    new Promise<{ code: number; lines: string[] }>((resolve) => {
      const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "test", LOG_LEVEL: "silent", ...env };
      if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
      execFile(process.execPath, ["--import", "tsx", "scripts/audit-verify.ts"], { env: childEnv }, (error, stdout) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, lines: stdout.trim().split("\n") });
      });
    });

  it("prints how many entries it verified as its last line, and fails naming the first bad entry", async () => {
    const target = await scriptDatabase();
    try {
      let database = await target.open();
      const entry = (n: number): NewEntry => ({
        occurredAt: new Date(Date.UTC(2026, 10, 23, 9, n)),
        requestId: `request-${n}`,
        ...systemActor(null),
        action: "ERASE",
        operation: "retention",
        familyId: null,
        personIds: [],
        subject: null,
        data: ["FAMILY"],
        basis: { rules: [] },
        emergency: false,
      });
      await database.db.transaction((tx) => appendEntries(tx as unknown as Db, [entry(1), entry(2), entry(3)]));
      expect(await sealAccessLog(database.db)).toBe(3);
      await database.close();

      const whole = await run(target.env);
      expect(whole.code).toBe(0);
      expect(whole.lines.at(-1)).toBe("verified 3 entries");

      database = await target.open();
      await database.db.execute(sql`alter table access_log disable trigger access_log_no_update`);
      await database.db.execute(sql`update access_log set operation = 'nothing happened' where seq = 2`);
      await database.db.execute(sql`alter table access_log enable trigger access_log_no_update`);
      await database.close();

      const broken = await run(target.env);
      expect(broken.code).toBe(1);
      expect(broken.lines).toContain("FAILED at entry 2: its content does not match its hash (changed)");
      expect(broken.lines.at(-1)).toBe("verified 1 entries");
    } finally {
      await target.dispose();
    }
  }, 60_000); // two runs of the script, each opening the embedded database afresh
});
