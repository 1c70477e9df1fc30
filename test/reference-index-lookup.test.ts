import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { codes, startTestApp, type TestApp } from "./support/app.js";
import { expectNoErrors, involvementOf, nextBsn, referenceIndexClient, START, TODAY, WITHDRAW, type Worker } from "./support/reference-index.js";

/*
 * The reference index (domain brief §7), looking up who is involved: a lookup answers only an
 * organisation with its own active signal, and to anyone else looks exactly like "nobody"; a
 * withdrawn or expired signal answers and matches no more, and no region sees another.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());
beforeEach(() => app.clock.set(START));
const { aWorld, signal, withdraw, mySignals, lookup, involved, inbox } = referenceIndexClient(() => app);

describe("whoIsInvolved: no free search", () => {
  /**
   * One person X signalled by five organisations: MJD and Elker active, Lefier withdrawn,
   * Regiopolitie active only until today. Thuiszorg has no signal on X.
   */
  async function signalledPerson() {
    const world = await aWorld({ signalActiveMonths: 24 });
    const mjd = await world.organisation("MJD", "SOCIAL_WORK");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const lefier = await world.organisation("Lefier", "HOUSING");
    const police = await world.organisation("Regiopolitie", "POLICE_JUSTICE");
    const thuiszorg = await world.organisation("Thuiszorg", "HOME_CARE");
    const x = nextBsn();
    const unknown = nextBsn();
    await signal(police, x, { signalledOn: "2024-11-24" });
    await signal(mjd, x);
    await signal(elker, x, { signalledOn: "2026-10-01" });
    const lefiersSignal = await signal(lefier, x);
    await withdraw(lefier, lefiersSignal.id);
    return { world, mjd, elker, lefier, police, thuiszorg, x, unknown };
  }

  it("lists the other organisations' active signals to an organisation with its own: not its own, not withdrawn ones", async () => {
    const { mjd, elker, police, x } = await signalledPerson();

    expect(await involved(mjd, x)).toEqual([involvementOf(police, "2024-11-24"), involvementOf(elker, "2026-10-01")]);
  });

  it("answers a colleague in the same organisation as well: the signal is the organisation's", async () => {
    const { world, mjd, elker, police, x } = await signalledPerson();
    const colleague = await world.colleague(mjd);

    expect(await involved(colleague, x)).toEqual([involvementOf(police, "2024-11-24"), involvementOf(elker, "2026-10-01")]);
  });

  it("no longer lists a signal once it has expired", async () => {
    const { mjd, elker, police, x } = await signalledPerson();
    expect((await involved(mjd, x)).map((involvement) => involvement.organisation)).toContain(police.organisation);

    app.clock.set("2026-11-24T10:00:00+01:00");

    expect(await involved(mjd, x)).toEqual([involvementOf(elker, "2026-10-01")]);
  });

  type Signalled = Awaited<ReturnType<typeof signalledPerson>>;
  // Who asks, made so: each first sees that the person is signalled, so that equal answers say something.
  const outsiders: [string, (signalled: Signalled) => Promise<Worker>][] = [
    [
      "an organisation without its own signal",
      async ({ mjd, thuiszorg, x }) => {
        expect(await involved(mjd, x)).not.toEqual([]);
        return thuiszorg;
      },
    ],
    [
      "an organisation whose own signal was withdrawn",
      async ({ mjd, lefier, x }) => {
        expect(await involved(mjd, x)).not.toEqual([]);
        return lefier;
      },
    ],
    [
      "an organisation whose own signal has expired",
      async ({ mjd, police, x }) => {
        expect(await involved(police, x)).not.toEqual([]);
        app.clock.set("2026-11-24T10:00:00+01:00");
        expect(await involved(mjd, x)).not.toEqual([]);
        return police;
      },
    ],
    [
      "a professional of another region",
      async ({ mjd, x }) => {
        const elsewhere = await (await aWorld()).organisation("MJD", "SOCIAL_WORK");
        expect(await involved(mjd, x)).not.toEqual([]);
        return elsewhere;
      },
    ],
  ];
  it.each(outsiders)("gives %s exactly the answer for a person nobody signalled", async (_who, outsiderOf) => {
    const person = await signalledPerson();
    const outsider = await outsiderOf(person);

    const signalled = await lookup(outsider, person.x);
    const nobody = await lookup(outsider, person.unknown);

    expectNoErrors(nobody);
    expect(signalled.status).toBe(nobody.status);
    expect(signalled.text).toBe(nobody.text);
  });

  it("refuses an invalid BSN with BAD_USER_INPUT alike, whether or not the caller has signals", async () => {
    const { mjd, thuiszorg } = await signalledPerson();

    const withSignals = await lookup(mjd, "123456789");
    const without = await lookup(thuiszorg, "123456789");

    expect(codes(withSignals)).toEqual(["BAD_USER_INPUT"]);
    expect(withSignals.body.errors![0]!.extensions?.field).toBe("bsn");
    expect(without.text).toBe(withSignals.text);
  });
});

describe("withdrawSignal", () => {
  it("makes your own signal HISTORICAL and records when it was withdrawn", async () => {
    const world = await aWorld();
    const worker = await world.organisation("MJD");
    const made = await signal(worker, nextBsn());
    app.clock.set("2026-12-02T14:30:00+01:00");

    const withdrawn = await withdraw(worker, made.id);

    expect(withdrawn).toMatchObject({ id: made.id, status: "HISTORICAL" });
    expect(new Date(withdrawn.withdrawnAt!).toISOString()).toBe(new Date("2026-12-02T14:30:00+01:00").toISOString());
    expect(await mySignals(worker)).toEqual([withdrawn]);
  });

  it("stops a withdrawn signal from matching: a later signal by another organisation tells no one", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    const made = await signal(mjd, bsn);
    await withdraw(mjd, made.id);

    await signal(elker, bsn);

    expect(await inbox(mjd)).toEqual([]);
    expect(await inbox(elker)).toEqual([]);
  });

  it("stops a withdrawn signal from letting its organisation look the person up", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    const made = await signal(mjd, bsn);
    await signal(elker, bsn);
    expect(await involved(mjd, bsn)).toEqual([involvementOf(elker, TODAY)]);

    await withdraw(mjd, made.id);

    expect(await involved(mjd, bsn)).toEqual([]);
    expect(await involved(elker, bsn)).toEqual([]);
  });

  it("refuses to withdraw a signal twice with CONFLICT, keeping the first withdrawal", async () => {
    const world = await aWorld();
    const worker = await world.organisation("MJD");
    const made = await signal(worker, nextBsn());
    const first = await withdraw(worker, made.id);
    app.clock.set("2026-12-05T10:00:00+01:00");

    const again = await app.gql(WITHDRAW, { id: made.id }, worker.id);

    expect(codes(again)).toEqual(["CONFLICT"]);
    expect(await mySignals(worker)).toEqual([first]);
  });

  it("answers NOT_FOUND with one message for another professional's signal, a random id and a non-id", async () => {
    const world = await aWorld();
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const colleague = await world.colleague(elker);
    const elkersSignal = await signal(elker, nextBsn());

    const responses = await Promise.all(
      [
        [mjd, elkersSignal.id],
        [colleague, elkersSignal.id],
        [mjd, randomUUID()],
        [mjd, "not-a-uuid"],
      ].map(([by, id]) => app.gql(WITHDRAW, { id }, (by as Worker).id)),
    );

    for (const response of responses) expect(codes(response)).toEqual(["NOT_FOUND"]);
    expect(new Set(responses.map((response) => response.body.errors![0]!.message)).size).toBe(1);
    expect(await mySignals(elker)).toEqual([elkersSignal]);
  });
});

describe("expiry by time", () => {
  it("keeps a signal ACTIVE through its activeUntil day and shows it HISTORICAL from the next Dutch day", async () => {
    const world = await aWorld({ signalActiveMonths: 24 });
    const worker = await world.organisation("MJD");
    await signal(worker, nextBsn());

    app.clock.set("2028-11-22T23:59:00+01:00");
    expect(await mySignals(worker)).toMatchObject([{ activeUntil: "2028-11-22", status: "ACTIVE" }]);

    // 00:01 in the Netherlands is still the previous day in UTC.
    app.clock.set("2028-11-23T00:01:00+01:00");
    expect(await mySignals(worker)).toMatchObject([{ activeUntil: "2028-11-22", status: "HISTORICAL", withdrawnAt: null }]);
  });

  it("stops an expired signal from answering lookups", async () => {
    const world = await aWorld({ signalActiveMonths: 24 });
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    await signal(mjd, bsn);
    // Elker signals three weeks later, so its signal outlives MJD's by three weeks.
    app.clock.set("2026-12-14T10:00:00+01:00");
    await signal(elker, bsn);
    app.clock.set("2028-11-22T12:00:00+01:00");
    expect(await involved(mjd, bsn)).toEqual([involvementOf(elker, "2026-12-14")]);
    expect(await involved(elker, bsn)).toEqual([involvementOf(mjd, TODAY)]);

    app.clock.set("2028-11-23T12:00:00+01:00");

    // MJD's own signal expired: no answer. Elker's is active, but MJD's is no longer listed.
    expect(await involved(mjd, bsn)).toEqual([]);
    expect(await involved(elker, bsn)).toEqual([]);
  });

  it("stops an expired signal from matching a new one", async () => {
    const world = await aWorld({ signalActiveMonths: 24 });
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    await signal(mjd, bsn);
    app.clock.set("2028-11-23T12:00:00+01:00");

    await signal(elker, bsn);

    expect(await inbox(mjd)).toEqual([]);
    expect(await inbox(elker)).toEqual([]);
    expect(await involved(elker, bsn)).toEqual([]);
  });
});

describe("tenant isolation", () => {
  it("lists and matches only within the caller's own region, never signals on the same person in another", async () => {
    const groningen = await aWorld();
    const amsterdam = await aWorld();
    const groningenMjd = await groningen.organisation("MJD", "SOCIAL_WORK");
    const groningenPolice = await groningen.organisation("Regiopolitie", "POLICE_JUSTICE");
    const amsterdamMjd = await amsterdam.organisation("MJD", "SOCIAL_WORK");
    const amsterdamHousing = await amsterdam.organisation("Ymere", "HOUSING");
    const bsn = nextBsn();
    // Groningen signals first: had the regions been mixed, Amsterdam's signals would match them.
    await signal(groningenMjd, bsn);
    await signal(groningenPolice, bsn);
    await signal(amsterdamMjd, bsn);

    await signal(amsterdamHousing, bsn);

    expect(await involved(amsterdamMjd, bsn)).toEqual([involvementOf(amsterdamHousing, TODAY)]);
    expect(await involved(groningenMjd, bsn)).toEqual([involvementOf(groningenPolice, TODAY)]);
    expect((await inbox(amsterdamMjd)).map((notification) => notification.other)).toEqual([involvementOf(amsterdamHousing, TODAY)]);
    expect((await inbox(amsterdamHousing)).map((notification) => notification.other)).toEqual([involvementOf(amsterdamMjd, TODAY)]);
    expect((await inbox(groningenMjd)).map((notification) => notification.other)).toEqual([involvementOf(groningenPolice, TODAY)]);
  });
});
