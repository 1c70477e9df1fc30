import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { codes, startTestApp, type TestApp } from "./support/app.js";
import {
  byOrganisation,
  expectNoErrors,
  involvementOf,
  MARK_READ,
  nextBsn,
  referenceIndexClient,
  START,
  TODAY,
  type NotificationView,
} from "./support/reference-index.js";

/*
 * The reference index (domain brief §7), matches: every organisation that signalled the same
 * person, or children of the same parent, is told whom to contact. Observed over HTTP.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());
beforeEach(() => app.clock.set(START));
const { aWorld, signal, inbox, aRegister } = referenceIndexClient(() => app);

describe("matches: every signaller on the same person is told whom to contact", () => {
  it("tells both professionals of a person match, each with the other organisation's contact details", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD", "SOCIAL_WORK");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    await signal(mjd, bsn);
    await signal(elker, bsn, { signalledOn: "2026-10-01" });

    const forMjd = await inbox(mjd);
    const forElker = await inbox(elker);
    expect(forMjd).toEqual([
      { id: expect.any(String), kind: "PERSON_MATCH", bsn, createdAt: expect.any(String), readAt: null, other: involvementOf(elker, "2026-10-01") },
    ]);
    expect(forElker).toEqual([
      { id: expect.any(String), kind: "PERSON_MATCH", bsn, createdAt: expect.any(String), readAt: null, other: involvementOf(mjd, TODAY) },
    ]);
    expect(new Date(forMjd[0]!.createdAt).toISOString()).toBe(new Date(START).toISOString());
  });

  it("shows the contact details the other professional gave with their signal", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD", "SOCIAL_WORK");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    await signal(mjd, bsn);
    await signal(elker, bsn, { contactPhone: "050-7654321", contactEmail: "wijkteam@elker.example" });

    expect((await inbox(mjd)).map((notification) => notification.other)).toEqual([
      { ...involvementOf(elker, TODAY), phone: "050-7654321", email: "wijkteam@elker.example" },
    ]);
  });

  it("makes no match between two professionals of the same organisation", async () => {
    const world = await aWorld();
    const first = await world.organisation("MJD");
    const colleague = await world.colleague(first);
    const bsn = nextBsn();
    await signal(first, bsn);

    await signal(colleague, bsn);

    expect(await inbox(first)).toEqual([]);
    expect(await inbox(colleague)).toEqual([]);
  });

  it("makes no match between signals on different persons", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    await signal(mjd, nextBsn());

    await signal(elker, nextBsn());

    expect(await inbox(mjd)).toEqual([]);
    expect(await inbox(elker)).toEqual([]);
  });

  it("marks a notification read: readAt is set and the unread list no longer shows it", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    await signal(mjd, bsn);
    await signal(elker, bsn);
    const [notification] = await inbox(mjd, true);
    expect(notification).toBeDefined();
    app.clock.set("2026-11-24T09:15:00+01:00");

    const response = await app.gql<{ markMatchNotificationRead: NotificationView }>(MARK_READ, { id: notification!.id }, mjd.id);

    expectNoErrors(response);
    const marked = response.body.data!.markMatchNotificationRead;
    expect(marked.id).toBe(notification!.id);
    expect(new Date(marked.readAt!).toISOString()).toBe(new Date("2026-11-24T09:15:00+01:00").toISOString());
    expect(await inbox(mjd, true)).toEqual([]);
    expect(await inbox(mjd, false)).toEqual([{ ...notification, readAt: marked.readAt }]);
    // The other side's notification is theirs to read.
    expect(await inbox(elker, true)).toHaveLength(1);
  });

  it("keeps the first readAt when a notification is marked read again", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    await signal(mjd, bsn);
    await signal(elker, bsn);
    const [notification] = await inbox(mjd);
    const first = await app.gql<{ markMatchNotificationRead: NotificationView }>(MARK_READ, { id: notification!.id }, mjd.id);
    app.clock.set("2026-12-01T10:00:00+01:00");

    const second = await app.gql<{ markMatchNotificationRead: NotificationView }>(MARK_READ, { id: notification!.id }, mjd.id);

    expectNoErrors(second);
    expect(second.body.data!.markMatchNotificationRead.readAt).toBe(first.body.data!.markMatchNotificationRead.readAt);
  });

  it("answers NOT_FOUND, alike, when marking someone else's notification, a random id or a non-id — and changes nothing", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    await signal(mjd, bsn);
    await signal(elker, bsn);
    const [elkersNotification] = await inbox(elker);

    const responses = await Promise.all(
      [elkersNotification!.id, randomUUID(), "not-a-uuid"].map((id) => app.gql(MARK_READ, { id }, mjd.id)),
    );

    for (const response of responses) expect(codes(response)).toEqual(["NOT_FOUND"]);
    expect(new Set(responses.map((response) => response.body.errors![0]!.message)).size).toBe(1);
    expect(await inbox(elker, true)).toEqual([elkersNotification]);
  });

  it("matches two organisations that signal the same person at the same moment, every time", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD", "SOCIAL_WORK");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    // Ten persons, each signalled by both organisations at once: one lost match is one too many.
    const persons = Array.from({ length: 10 }, () => nextBsn());

    await Promise.all(persons.flatMap((bsn) => [signal(mjd, bsn), signal(elker, bsn)]));

    expect((await inbox(mjd)).map((notification) => notification.bsn).sort()).toEqual([...persons].sort());
    expect((await inbox(elker)).map((notification) => notification.bsn).sort()).toEqual([...persons].sort());
  });

  it("tells the first two one new match each when a third organisation signals, and the third of both", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD", "SOCIAL_WORK");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const police = await world.organisation("Regiopolitie", "POLICE_JUSTICE");
    const bsn = nextBsn();
    app.clock.set("2026-11-23T10:00:00+01:00");
    await signal(mjd, bsn);
    app.clock.set("2026-11-23T11:00:00+01:00");
    await signal(elker, bsn);
    expect(await inbox(mjd)).toHaveLength(1);
    expect(await inbox(elker)).toHaveLength(1);
    app.clock.set("2026-11-23T12:00:00+01:00");

    await signal(police, bsn);

    // Newest first.
    expect((await inbox(mjd)).map((notification) => notification.other.organisation)).toEqual(["Regiopolitie", "Elker"]);
    expect((await inbox(elker)).map((notification) => notification.other.organisation)).toEqual(["Regiopolitie", "MJD"]);
    const forPolice = byOrganisation(await inbox(police));
    expect(forPolice.map(({ kind, bsn: own, other }) => ({ kind, bsn: own, other }))).toEqual([
      { kind: "PERSON_MATCH", bsn, other: involvementOf(elker, TODAY) },
      { kind: "PERSON_MATCH", bsn, other: involvementOf(mjd, TODAY) },
    ]);
  });
});

/*
 * Each case: households in the register (members by name, a BSN each), then one organisation
 * signals the child `first` and another (or a colleague of the first) the child `second`.
 */
interface FamilyMatchCase {
  name: string;
  households: Record<string, [member: string, birthDate: string, relation: "PARENT" | "CHILD"][]>;
  first: string;
  second: string;
  sameOrganisation?: boolean;
  match: boolean;
}

const FAMILY_MATCH_CASES: FamilyMatchCase[] = [
  {
    // Two parents: still one family match per pair of signals, not one per shared parent.
    name: "tells both organisations when they signalled two children of the same household",
    households: {
      Bakker: [["mother", "1985-03-02", "PARENT"], ["father", "1983-07-19", "PARENT"], ["c1", "2012-05-01", "CHILD"], ["c2", "2016-09-12", "CHILD"]],
    },
    first: "c1",
    second: "c2",
    match: true,
  },
  {
    name: "makes no family match between children of different parents",
    households: {
      Jansen: [["p1", "1985-03-02", "PARENT"], ["c1", "2012-05-01", "CHILD"]],
      "De Vries": [["p2", "1980-01-20", "PARENT"], ["c2", "2014-02-03", "CHILD"]],
    },
    first: "c1",
    second: "c2",
    match: false,
  },
  {
    name: "makes a family match between children of one parent who lives in two households",
    households: {
      Smit: [["parent", "1984-04-04", "PARENT"], ["c1", "2012-05-01", "CHILD"]],
      "Smit-Visser": [["parent", "1984-04-04", "PARENT"], ["otherParent", "1986-06-06", "PARENT"], ["c3", "2020-08-08", "CHILD"]],
    },
    first: "c1",
    second: "c3",
    match: true,
  },
  {
    name: "makes no family match between two children signalled by the same organisation",
    households: {
      Mulder: [["parent", "1985-03-02", "PARENT"], ["c1", "2012-05-01", "CHILD"], ["c2", "2016-09-12", "CHILD"]],
    },
    first: "c1",
    second: "c2",
    sameOrganisation: true,
    match: false,
  },
];

describe("family matches: children who share a parent in the register", () => {
  it.each(FAMILY_MATCH_CASES)("$name", async ({ households, first, second, sameOrganisation, match }) => {
    const world = await aWorld();
    const register = await aRegister(world);
    const mjd = await world.organisation("MJD", "SOCIAL_WORK");
    const other = sameOrganisation ? await world.colleague(mjd) : await world.organisation("Elker", "YOUTH_CARE");
    const bsnOf = new Map<string, string>();
    const birthDateOf = new Map<string, string>();
    for (const [name, members] of Object.entries(households)) {
      await register.family(
        name,
        members.map(([member, birthDate, relation]) => {
          if (!bsnOf.has(member)) bsnOf.set(member, nextBsn());
          birthDateOf.set(member, birthDate);
          return { bsn: bsnOf.get(member)!, birthDate, relation };
        }),
      );
    }
    await signal(mjd, bsnOf.get(first)!, { birthDate: birthDateOf.get(first)! });

    await signal(other, bsnOf.get(second)!, { birthDate: birthDateOf.get(second)! });

    if (!match) {
      expect(await inbox(mjd)).toEqual([]);
      expect(await inbox(other)).toEqual([]);
      return;
    }
    const forMjd = await inbox(mjd);
    const forOther = await inbox(other);
    expect(forMjd).toMatchObject([{ kind: "FAMILY_MATCH", bsn: bsnOf.get(first), readAt: null, other: involvementOf(other, TODAY) }]);
    expect(forOther).toMatchObject([{ kind: "FAMILY_MATCH", bsn: bsnOf.get(second), readAt: null, other: involvementOf(mjd, TODAY) }]);
    expect(forMjd).toHaveLength(1);
    expect(forOther).toHaveLength(1);
  });
});
