import { and, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessLog } from "../src/accountability/access-log/tables.js";
import { encodeCursor, useCursorSecret } from "../src/pagination/cursor.js";
import { data, refused, startTestApp, type TestApp } from "./support/app.js";
import { nextBsn, referenceIndexClient, START, type Worker } from "./support/reference-index.js";

/*
 * The reference index's own lists, a page at a time: a caller's signals (newest day first, ties
 * by id) and matches (newest first), each item once, cursors only for their own caller and list,
 * and only the page shown logged as read.
 */

const SIGNALS = `query($first: Int, $after: String) { mySignals(first: $first, after: $after) { nodes { id signalledOn } pageInfo { hasNextPage endCursor } } }`;
const MATCHES = `query($first: Int, $after: String) { matchNotifications(first: $first, after: $after) { nodes { id createdAt } pageInfo { hasNextPage endCursor } } }`;

type Page<Node> = { nodes: Node[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

let app: TestApp;
const { aWorld, signal } = referenceIndexClient(() => app);
let worker: Worker;
let other: Worker;

async function everyPage<Node>(query: string, field: string, as: Worker, first: number): Promise<Node[]> {
  const all: Node[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 40; pages++) {
    const page: Page<Node> = data(await app.gql<Record<string, Page<Node>>>(query, { first, after }, as.id))[field]!;
    expect(page.nodes.length).toBeLessThanOrEqual(first);
    all.push(...page.nodes);
    after = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) break;
  }
  return all;
}

beforeAll(async () => {
  app = await startTestApp();
  useCursorSecret(app.config);
  const world = await aWorld();
  worker = await world.organisation("MJD");
  other = await world.organisation("Jeugdzorg");
  // Seven signals over three days (several on one day), the other organisation on four of them.
  const days = ["2026-11-20", "2026-11-20", "2026-11-21", "2026-11-21", "2026-11-21", "2026-11-23", "2026-11-23"];
  for (const [index, day] of days.entries()) {
    app.clock.set(`${day}T10:00:00+01:00`);
    const bsn = nextBsn();
    await signal(worker, bsn);
    if (index % 2 === 0) await signal(other, bsn);
  }
  app.clock.set(START);
});
afterAll(() => app?.close());

describe("mySignals and matchNotifications, a page at a time", () => {
  it("gives each signal once, newest day first and by id within a day, whatever the page size", async () => {
    const whole = await everyPage<{ id: string; signalledOn: string }>(SIGNALS, "mySignals", worker, 100);
    expect(whole).toHaveLength(7);
    const expected = [...whole].sort((a, b) => (a.signalledOn === b.signalledOn ? (a.id < b.id ? 1 : -1) : a.signalledOn < b.signalledOn ? 1 : -1));
    expect(whole).toEqual(expected);
    for (const first of [1, 2, 3]) expect(await everyPage(SIGNALS, "mySignals", worker, first)).toEqual(whole);
  });

  it("gives each match once, newest first, whatever the page size", async () => {
    const whole = await everyPage<{ id: string; createdAt: string }>(MATCHES, "matchNotifications", worker, 100);
    expect(whole).toHaveLength(4);
    expect(whole.map((match) => match.createdAt)).toEqual([...whole.map((match) => match.createdAt)].sort().reverse());
    for (const first of [1, 3]) expect(await everyPage(MATCHES, "matchNotifications", worker, first)).toEqual(whole);
  });

  it("logs as read only the signals on the page shown", async () => {
    const [start] = await app.database.db.select({ id: sql<number>`coalesce(max(${accessLog.id}), 0)` }).from(accessLog);
    data(await app.gql(SIGNALS, { first: 2 }, worker.id));
    const reads = await app.database.db
      .select({ id: accessLog.id })
      .from(accessLog)
      .where(and(gt(accessLog.id, Number(start!.id)), eq(accessLog.actorId, worker.id), eq(accessLog.action, "READ")));
    expect(reads).toHaveLength(2);
  });

  it("refuses another caller's cursor, another list's, and a changed one alike, on after", async () => {
    const page: Page<{ id: string }> = data(await app.gql<Record<string, Page<{ id: string }>>>(SIGNALS, { first: 2 }, worker.id)).mySignals!;
    const cursor = page.pageInfo.endCursor!;
    const key = (JSON.parse(Buffer.from(cursor.split(".")[0]!, "base64url").toString("utf8")) as { key: string[] }).key;
    const matchCursor = data(await app.gql<Record<string, Page<{ id: string }>>>(MATCHES, { first: 1 }, worker.id)).matchNotifications!.pageInfo.endCursor!;
    const messages = [
      refused(await app.gql(SIGNALS, { after: cursor }, other.id), "BAD_USER_INPUT", "after"),
      refused(await app.gql(SIGNALS, { after: matchCursor }, worker.id), "BAD_USER_INPUT", "after"),
      refused(await app.gql(MATCHES, { after: cursor }, worker.id), "BAD_USER_INPUT", "after"),
      refused(await app.gql(SIGNALS, { after: encodeCursor({ list: "mySignals", callerId: worker.id, regionId: "00000000-0000-0000-0000-000000000000" }, key) }, worker.id), "BAD_USER_INPUT", "after"),
      refused(await app.gql(SIGNALS, { after: `${cursor.slice(0, -2)}AA` }, worker.id), "BAD_USER_INPUT", "after"),
    ];
    expect(new Set(messages).size).toBe(1);
  });
});
