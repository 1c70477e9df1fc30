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

describe("family matches: children who share a parent in the register", () => {
  it("tells both organisations when they signalled two children of the same household", async () => {
    const world = await aWorld();
    const register = await aRegister(world);
    const mjd = await world.organisation("MJD", "SOCIAL_WORK");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const [mother, father, c1, c2] = [nextBsn(), nextBsn(), nextBsn(), nextBsn()];
    // Two parents: still one family match per pair of signals, not one per shared parent.
    await register.family("Bakker", [
      { bsn: mother, birthDate: "1985-03-02", relation: "PARENT" },
      { bsn: father, birthDate: "1983-07-19", relation: "PARENT" },
      { bsn: c1, birthDate: "2012-05-01", relation: "CHILD" },
      { bsn: c2, birthDate: "2016-09-12", relation: "CHILD" },
    ]);
    await signal(mjd, c1, { birthDate: "2012-05-01" });

    await signal(elker, c2, { birthDate: "2016-09-12" });

    expect(await inbox(mjd)).toMatchObject([{ kind: "FAMILY_MATCH", bsn: c1, readAt: null, other: involvementOf(elker, TODAY) }]);
    expect(await inbox(elker)).toMatchObject([{ kind: "FAMILY_MATCH", bsn: c2, readAt: null, other: involvementOf(mjd, TODAY) }]);
    expect(await inbox(mjd)).toHaveLength(1);
    expect(await inbox(elker)).toHaveLength(1);
  });

  it("makes no family match between children of different parents", async () => {
    const world = await aWorld();
    const register = await aRegister(world);
    const mjd = await world.organisation("MJD", "SOCIAL_WORK");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const [p1, c1, p2, c2] = [nextBsn(), nextBsn(), nextBsn(), nextBsn()];
    await register.family("Jansen", [
      { bsn: p1, birthDate: "1985-03-02", relation: "PARENT" },
      { bsn: c1, birthDate: "2012-05-01", relation: "CHILD" },
    ]);
    await register.family("De Vries", [
      { bsn: p2, birthDate: "1980-01-20", relation: "PARENT" },
      { bsn: c2, birthDate: "2014-02-03", relation: "CHILD" },
    ]);
    await signal(mjd, c1, { birthDate: "2012-05-01" });

    await signal(elker, c2, { birthDate: "2014-02-03" });

    expect(await inbox(mjd)).toEqual([]);
    expect(await inbox(elker)).toEqual([]);
  });

  it("makes a family match between children of one parent who lives in two households", async () => {
    const world = await aWorld();
    const register = await aRegister(world);
    const mjd = await world.organisation("MJD", "SOCIAL_WORK");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const [parent, c1, otherParent, c3] = [nextBsn(), nextBsn(), nextBsn(), nextBsn()];
    await register.family("Smit", [
      { bsn: parent, birthDate: "1984-04-04", relation: "PARENT" },
      { bsn: c1, birthDate: "2012-05-01", relation: "CHILD" },
    ]);
    await register.family("Smit-Visser", [
      { bsn: parent, birthDate: "1984-04-04", relation: "PARENT" },
      { bsn: otherParent, birthDate: "1986-06-06", relation: "PARENT" },
      { bsn: c3, birthDate: "2020-08-08", relation: "CHILD" },
    ]);
    await signal(mjd, c1, { birthDate: "2012-05-01" });

    await signal(elker, c3, { birthDate: "2020-08-08" });

    expect(await inbox(mjd)).toMatchObject([{ kind: "FAMILY_MATCH", bsn: c1, other: involvementOf(elker, TODAY) }]);
    expect(await inbox(elker)).toMatchObject([{ kind: "FAMILY_MATCH", bsn: c3, other: involvementOf(mjd, TODAY) }]);
    expect(await inbox(mjd)).toHaveLength(1);
    expect(await inbox(elker)).toHaveLength(1);
  });

  it("makes no family match between two children signalled by the same organisation", async () => {
    const world = await aWorld();
    const register = await aRegister(world);
    const mjd = await world.organisation("MJD", "SOCIAL_WORK");
    const colleague = await world.colleague(mjd);
    const [parent, c1, c2] = [nextBsn(), nextBsn(), nextBsn()];
    await register.family("Mulder", [
      { bsn: parent, birthDate: "1985-03-02", relation: "PARENT" },
      { bsn: c1, birthDate: "2012-05-01", relation: "CHILD" },
      { bsn: c2, birthDate: "2016-09-12", relation: "CHILD" },
    ]);
    await signal(mjd, c1, { birthDate: "2012-05-01" });

    await signal(colleague, c2, { birthDate: "2016-09-12" });

    expect(await inbox(mjd)).toEqual([]);
    expect(await inbox(colleague)).toEqual([]);
  });
});
