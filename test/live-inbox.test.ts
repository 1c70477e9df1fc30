import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { extendSchema, parse, type GraphQLFieldConfig, type GraphQLSchema } from "graphql";
import { createClient, type Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { signToken } from "../src/auth/tokens.js";
import { rowsOf } from "../src/db/rows.js";
import { deliver } from "../src/notifications/service.js";
import { professionals } from "../src/organisations/tables.js";
import { buildBareSchema, enforced } from "../src/schema.js";
import { startServer, type RunningServer } from "../src/server/app.js";
import { createLogger } from "../src/server/logger.js";
import { startTestApp, type TestApp } from "./support/app.js";
import { aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";

/*
 * The live inbox over graphql-ws (docs/decisions/0018), with a real WebSocket client: a
 * professional receives their own new notifications and nobody else's; a socket without a valid
 * token is refused; shield refuses an unguarded subscription; a deactivated account's socket is
 * closed; and a second server process on the same database delivers what the first did not write.
 */

const ADDED = `subscription { notificationAdded { id kind familyId subjectId reason match { kind other { organisation } } } }`;
const SIGNAL = `mutation($input: SignalInput!) { signal(input: $input) { id } }`;

interface Subscriber {
  client: Client;
  events: Record<string, unknown>[];
  errors: unknown[];
  closed: Promise<number>;
  /** Once ready: late warm-up notices are dropped, not counted. */
  warm: boolean;
}

function subscribe(url: string, authorization: string | null, query = ADDED): Subscriber {
  let closedWith: (code: number) => void = () => {};
  const closed = new Promise<number>((resolve) => (closedWith = resolve));
  const client = createClient({
    url: url.replace(/^http/, "ws") + "/graphql",
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    // A refused socket is an outcome here, read from `closed`; not an error to print.
    onNonLazyError: () => {},
    connectionParams: authorization ? { authorization } : {},
    on: { closed: (event) => closedWith((event as { code: number }).code) },
  });
  const subscriber: Subscriber = { client, events: [], errors: [], closed, warm: false };
  const isWarmUp = (data: unknown) => (data as { notificationAdded?: { reason?: string } } | null)?.notificationAdded?.reason === "warm-up";
  client.subscribe(
    { query },
    {
      next: (result) => {
        if (result.errors) subscriber.errors.push(...result.errors);
        else if (!(subscriber.warm && isWarmUp(result.data))) subscriber.events.push(result.data as Record<string, unknown>);
      },
      error: (error) => subscriber.errors.push(error),
      complete: () => {},
    },
  );
  return subscriber;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean, ms = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error("waited in vain");
    await pause(20);
  }
}

let app: TestApp;
let regionId: string;
let coach: string;
let other: string;
const open: Subscriber[] = [];
const follow = (as: string | null, url = app.url, query?: string) => {
  const subscriber = subscribe(url, as ? `Bearer ${signToken(app.config, as)}` : null, query);
  open.push(subscriber);
  return subscriber;
};
/** A deadline notice, as the deadline job writes it: not through any server. */
const notice = (recipient: string, reason = "evaluation due") =>
  deliver(app.database.db, regionId, null, new Date(), [recipient], { kind: "EVALUATION_DUE", familyId: null, subjectId: randomUUID(), detail: { reason }, dedupeKey: randomUUID() });
/**
 * graphql-ws acknowledges no subscribe message: a subscription follows its caller once the server
 * has handled it. Warm-up notices until one arrives say it does; then the subscriber starts empty.
 */
async function ready(subscriber: Subscriber, recipient: string): Promise<void> {
  for (let attempt = 0; attempt < 40 && subscriber.events.length === 0; attempt++) {
    await notice(recipient, "warm-up");
    await until(() => subscriber.events.length > 0, 250).catch(() => {});
  }
  expect(subscriber.events.length).toBeGreaterThan(0);
  subscriber.warm = true;
  subscriber.events.length = 0;
}

beforeAll(async () => {
  app = await startTestApp();
  const region = await aRegion(app.database.db);
  regionId = region.id;
  const partner = await aPartner(app.database.db, region.id, { name: "Gemeente", sector: "MUNICIPALITY", covenantSignatory: true });
  coach = (await aProfessional(app.database.db, partner, ["COACH"])).id;
  other = (await aProfessional(app.database.db, partner, ["COACH"])).id;
});

afterAll(async () => {
  for (const subscriber of open) await subscriber.client.dispose();
  await app?.close();
});

describe("the live inbox", () => {
  it("delivers a caller's own new notification, and not to another caller", async () => {
    const mine = follow(coach);
    const theirs = follow(other);
    await ready(mine, coach);
    await ready(theirs, other);
    expect(await notice(coach, "evaluatie")).toBe(1);
    await until(() => mine.events.length === 1 || mine.errors.length > 0);
    expect(mine.errors).toEqual([]);
    expect(mine.events[0]).toMatchObject({ notificationAdded: { kind: "EVALUATION_DUE", reason: "evaluatie", familyId: null } });
    await pause(300);
    expect(theirs.events).toEqual([]);
    expect(mine.errors).toEqual([]);
    // And the other caller's own does reach them.
    await notice(other);
    await until(() => theirs.events.length === 1);
    expect(mine.events).toHaveLength(1);
  });

  it("refuses a socket without a token, or with a token naming nobody", async () => {
    expect(await follow(null).closed).toBe(4403);
    expect(await follow(randomUUID()).closed).toBe(4403);
    const forged = subscribe(app.url, "Bearer not-a-token");
    open.push(forged);
    expect(await forged.closed).toBe(4403);
  });

  it("closes a deactivated professional's socket", async () => {
    const leaving = (await aProfessional(app.database.db, (await aPartner(app.database.db, regionId)), ["COACH"])).id;
    const subscriber = follow(leaving);
    await ready(subscriber, leaving);
    await app.database.db.update(professionals).set({ active: false }).where(eq(professionals.id, leaving));
    expect(await subscriber.closed).toBe(4403);
    // And they cannot come back.
    expect(await follow(leaving).closed).toBe(4403);
  });

  it("delivers a match made through a second server on the same database: the bus is the database", async () => {
    const log = createLogger("silent", { write: () => {} });
    const second: RunningServer = await startServer({ config: app.config, database: app.database, log }, 0, "127.0.0.1");
    try {
      const youthCare = await aPartner(app.database.db, regionId, { name: "Jeugdzorg", sector: "YOUTH_CARE", covenantSignatory: true });
      const housing = await aPartner(app.database.db, regionId, { name: "Woningcorporatie", sector: "HOUSING", covenantSignatory: true });
      const first = (await aProfessional(app.database.db, youthCare, ["PARTNER_PROFESSIONAL"])).id;
      const later = (await aProfessional(app.database.db, housing, ["PARTNER_PROFESSIONAL"])).id;
      const input = { bsn: bsnNumber(77), birthDate: "2015-06-01", discussedWithFamily: true };
      expect((await app.gql(SIGNAL, { input }, first)).body.errors).toBeUndefined();
      const readsOfFirst = async () =>
        rowsOf<{ n: number }>(await app.database.db.execute(sql`select count(*)::int as n from access_log where actor_id = ${first}::uuid`))[0]!.n;
      const onFirstServer = follow(first);
      await ready(onFirstServer, first);
      const before = await readsOfFirst();
      // Signalled through the second server: the first hears of the match from PostgreSQL alone.
      const signalled = await fetch(`${second.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${signToken(app.config, later)}` },
        body: JSON.stringify({ query: SIGNAL, variables: { input } }),
      });
      expect(((await signalled.json()) as { errors?: unknown }).errors).toBeUndefined();
      await until(() => onFirstServer.events.length === 1);
      expect(onFirstServer.events[0]).toMatchObject({ notificationAdded: { kind: "MATCH", match: { kind: "PERSON_MATCH", other: { organisation: "Woningcorporatie" } } } });
      // Read for the access log like the inbox query's read of a match, before it was sent.
      expect(await readsOfFirst()).toBeGreaterThan(before);
    } finally {
      await second.close();
    }
  });
});

describe("shield on subscriptions", () => {
  let probe: RunningServer;
  beforeAll(async () => {
    const log = createLogger("silent", { write: () => {} });
    probe = await startServer({ config: app.config, database: app.database, log, schema: await withUnguardedSubscription() }, 0, "127.0.0.1");
  });
  afterAll(async () => probe?.close());

  it("refuses a subscription field without a rule: fallback deny, nothing sent", async () => {
    const unguarded = follow(coach, probe.url, `subscription { unguarded }`);
    await until(() => unguarded.errors.length > 0);
    expect(unguarded.errors[0]).toMatchObject({ extensions: { code: "FORBIDDEN" } });
    expect(unguarded.events).toEqual([]);
  });
});

/** The served schema plus a subscription field nobody gave a rule. */
async function withUnguardedSubscription(): Promise<GraphQLSchema> {
  const extended = extendSchema(await buildBareSchema(), parse(`extend type Subscription { unguarded: String }`));
  const field = extended.getSubscriptionType()!.getFields().unguarded! as unknown as GraphQLFieldConfig<unknown, unknown>;
  field.subscribe = async function* () {
    yield { unguarded: "leaked" };
  };
  return enforced(extended);
}
