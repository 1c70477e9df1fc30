import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliver } from "../src/notifications/service.js";
import { encodeCursor, useCursorSecret } from "../src/pagination/cursor.js";
import { data, refused, startTestApp, type TestApp } from "./support/app.js";
import { aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";

/*
 * The inbox lists a page at a time: every item exactly once, newest first (ties by id, also
 * across the inbox's two tables), and cursors that only their own caller can use.
 */

const SIGNAL = `mutation($input: SignalInput!) { signal(input: $input) { id } }`;
const READ = `mutation($id: ID!) { markNotificationRead(id: $id) { id } }`;
const INBOX = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) { edges { cursor node { id kind createdAt } } nodes { id } pageInfo { hasNextPage endCursor } }
}`;

type Item = { id: string; kind: string; createdAt: string };
// A type, not an interface: the answer helpers take records.
type Inbox = { notifications: { edges: { cursor: string; node: Item }[]; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

const newestFirst = (a: Item, b: Item) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1);

describe("the inbox, a page at a time", () => {
  let app: TestApp;
  let worker: { id: string };
  let other: { id: string };
  let regionId: string;

  const inbox = (as: string, variables: Record<string, unknown>) => app.gql<Inbox>(INBOX, variables, as);

  /** Every page of a caller's inbox, following endCursor. */
  async function everyItem(as: string, first: number, unreadOnly = false) {
    const items: Item[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 30; pages++) {
      const answer: Inbox["notifications"] = data(await inbox(as, { first, after, unreadOnly })).notifications;
      expect(answer.edges.length).toBeLessThanOrEqual(first);
      expect(answer.nodes.map((node) => node.id)).toEqual(answer.edges.map((edge) => edge.node.id));
      items.push(...answer.edges.map((edge) => edge.node));
      after = answer.pageInfo.endCursor;
      if (!answer.pageInfo.hasNextPage) break;
    }
    return items;
  }

  beforeAll(async () => {
    app = await startTestApp();
    useCursorSecret(app.config);
    const db = app.database.db;
    const region = await aRegion(db);
    regionId = region.id;
    worker = await aProfessional(db, await aPartner(db, region.id, { name: "MJD" }), ["COACH"]);
    other = await aProfessional(db, await aPartner(db, region.id, { name: "Jeugdzorg" }), ["COACH"]);
    // Both signal one child: each gets a MATCH, at the test clock's moment.
    const child = { bsn: bsnNumber(31_000_000), birthDate: "2015-06-01", discussedWithFamily: true };
    data(await app.gql(SIGNAL, { input: child }, worker.id));
    data(await app.gql(SIGNAL, { input: child }, other.id));
    // Notices before, at (a tie with the match) and after it; several share a moment.
    const moments = ["2026-11-20T08:00:00Z", "2026-11-20T08:00:00Z", "2026-11-23T09:00:00Z", "2026-11-23T09:00:00Z", "2026-11-24T12:00:00Z", "2026-11-24T12:00:00Z", "2026-11-24T12:00:00Z", "2026-11-25T07:30:00Z"];
    for (const moment of moments) await deliver(db, region.id, null, new Date(moment), [worker.id, other.id], { kind: "TASK_OVERDUE", familyId: null });
  });

  afterAll(() => app?.close());

  it("gives each of the caller's notifications exactly once, newest first, whatever the page size", async () => {
    const whole = await everyItem(worker.id, 100);
    expect(whole).toHaveLength(9);
    expect(whole.filter((item) => item.kind === "MATCH")).toHaveLength(1);
    expect(whole).toEqual([...whole].sort(newestFirst));
    for (const first of [1, 2, 4]) expect(await everyItem(worker.id, first)).toEqual(whole);
    // The other caller's inbox holds none of these.
    const theirs = new Set((await everyItem(other.id, 100)).map((item) => item.id));
    expect(whole.filter((item) => theirs.has(item.id))).toEqual([]);
  });

  it("pages the unread only, leaving out what was read", async () => {
    const whole = await everyItem(worker.id, 100);
    const read = [whole[0]!, whole.find((item) => item.kind === "MATCH")!, whole[6]!];
    for (const item of read) data(await app.gql(READ, { id: item.id }, worker.id));
    const unread = await everyItem(worker.id, 2, true);
    expect(unread).toEqual(whole.filter((item) => !read.includes(item)));
  });

  it("refuses another caller's cursor, or one of another list, alike on after", async () => {
    const cursor = data(await inbox(worker.id, { first: 2 })).notifications.pageInfo.endCursor!;
    expect(data(await inbox(worker.id, { first: 2, after: cursor })).notifications.edges).toHaveLength(2);
    const key = (JSON.parse(Buffer.from(cursor.split(".")[0]!, "base64url").toString("utf8")) as { key: string[] }).key;
    const messages = [
      refused(await inbox(other.id, { first: 2, after: cursor }), "BAD_USER_INPUT", "after"),
      refused(await inbox(worker.id, { after: encodeCursor({ list: "families", callerId: worker.id, regionId }, key) }), "BAD_USER_INPUT", "after"),
      refused(await inbox(worker.id, { after: "not-a-cursor" }), "BAD_USER_INPUT", "after"),
    ];
    expect(new Set(messages).size).toBe(1);
    refused(await inbox(worker.id, { first: 101 }), "BAD_USER_INPUT", "first");
  });
});
