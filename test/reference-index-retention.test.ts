import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runReferenceIndexRetention } from "../src/reference-index/retention.js";
import { startTestApp, type TestApp } from "./support/app.js";
import { nextBsn, referenceIndexClient, START } from "./support/reference-index.js";

/*
 * The reference index (domain brief §7), retention: a signal is historical for a while after it
 * ends, then destroyed, and everything on a person goes at the region's age limit. Observed over
 * HTTP; the retention job is called directly, as the nightly job does.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());
beforeEach(() => app.clock.set(START));
const { aWorld, signal, withdraw, mySignals, inbox, aRegister } = referenceIndexClient(() => app);

describe("retention: historical for a while, then destroyed", () => {
  /** Runs the job for a day, as the nightly job does, and moves the clock there. */
  async function retentionOn(day: string) {
    app.clock.set(`${day}T03:00:00+01:00`);
    await runReferenceIndexRetention(app.database.db, day);
  }

  // Active 12 months, historical 36 months after that, destroyed at 23.
  const SETTINGS = { signalActiveMonths: 12, signalHistoricalMonths: 36, signalAgeLimitYears: 23 };

  it("keeps an expired signal while it is historical and destroys it when the historical period ends", async () => {
    const world = await aWorld(SETTINGS);
    const worker = await world.organisation("MJD");
    const made = await signal(worker, nextBsn());
    expect(made.activeUntil).toBe("2027-11-22");

    // Inactive from 2027-11-23; historical for 36 months, so destroyed on 2030-11-23.
    await retentionOn("2030-11-22");
    expect(await mySignals(worker)).toMatchObject([{ id: made.id, status: "HISTORICAL" }]);

    await retentionOn("2030-11-23");
    expect(await mySignals(worker)).toEqual([]);
  });

  it("keeps an active signal whatever the historical period", async () => {
    const world = await aWorld({ signalActiveMonths: 24, signalHistoricalMonths: 1, signalAgeLimitYears: 23 });
    const worker = await world.organisation("MJD");
    const made = await signal(worker, nextBsn());

    await retentionOn("2028-11-22");

    expect(await mySignals(worker)).toMatchObject([{ id: made.id, status: "ACTIVE" }]);
  });

  it("counts a withdrawn signal's historical period from its withdrawal", async () => {
    const world = await aWorld(SETTINGS);
    const worker = await world.organisation("MJD");
    const withdrawnOne = await signal(worker, nextBsn());
    const keptOne = await signal(worker, nextBsn());
    app.clock.set("2027-02-10T11:00:00+01:00");
    await withdraw(worker, withdrawnOne.id);

    await retentionOn("2030-02-09");
    expect((await mySignals(worker)).map((mine) => mine.id).sort()).toEqual([withdrawnOne.id, keptOne.id].sort());

    await retentionOn("2030-02-10");
    expect((await mySignals(worker)).map((mine) => mine.id)).toEqual([keptOne.id]);
  });

  it("counts the withdrawal day in Dutch time for a withdrawal just after midnight", async () => {
    const world = await aWorld(SETTINGS);
    const worker = await world.organisation("MJD");
    const made = await signal(worker, nextBsn());
    // 00:30 on 10 February in the Netherlands is still 9 February in UTC.
    app.clock.set("2027-02-10T00:30:00+01:00");
    await withdraw(worker, made.id);

    await retentionOn("2030-02-09");
    expect((await mySignals(worker)).map((mine) => mine.id)).toEqual([made.id]);

    await retentionOn("2030-02-10");
    expect(await mySignals(worker)).toEqual([]);
  });

  it("destroys every signal on a person the day they turn 23, and keeps them the day before", async () => {
    const world = await aWorld({ signalActiveMonths: 24, signalHistoricalMonths: 120, signalAgeLimitYears: 23 });
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const [older, younger] = [nextBsn(), nextBsn()];
    await signal(mjd, older, { birthDate: "2010-06-15" });
    await signal(elker, older, { birthDate: "2010-06-15" });
    await signal(mjd, younger, { birthDate: "2012-01-01" });

    await retentionOn("2033-06-14");
    expect((await mySignals(mjd)).map((mine) => mine.bsn).sort()).toEqual([older, younger].sort());
    expect((await mySignals(elker)).map((mine) => mine.bsn)).toEqual([older]);
    expect(await inbox(mjd)).toHaveLength(1);
    expect(await inbox(elker)).toHaveLength(1);

    await retentionOn("2033-06-15");
    expect((await mySignals(mjd)).map((mine) => mine.bsn)).toEqual([younger]);
    expect(await mySignals(elker)).toEqual([]);
    expect(await inbox(mjd)).toEqual([]);
    expect(await inbox(elker)).toEqual([]);
  });

  it("destroys only the signal itself when its own birth date reaches the limit, if the register does not know the person", async () => {
    const world = await aWorld({ signalActiveMonths: 24, signalHistoricalMonths: 120, signalAgeLimitYears: 23 });
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const person = nextBsn();
    // MJD enters a wrong birth date: by it, the person turns 23 on 2026-12-01.
    const wrong = await signal(mjd, person, { birthDate: "2003-12-01" });
    const honest = await signal(elker, person, { birthDate: "2012-05-01" });

    await retentionOn("2026-11-30");
    expect((await mySignals(mjd)).map((mine) => mine.id)).toEqual([wrong.id]);
    expect(await inbox(elker)).toHaveLength(1);

    await retentionOn("2026-12-01");

    // MJD's wrong date destroys MJD's own signal, and with it the match; never Elker's signal.
    expect(await mySignals(mjd)).toEqual([]);
    expect(await inbox(elker)).toEqual([]);
    expect(await mySignals(elker)).toMatchObject([{ id: honest.id, status: "ACTIVE" }]);

    // Elker's signal goes when its own birth date reaches the limit.
    await retentionOn("2035-04-30");
    expect((await mySignals(elker)).map((mine) => mine.id)).toEqual([honest.id]);
    await retentionOn("2035-05-01");
    expect(await mySignals(elker)).toEqual([]);
  });

  it("goes by the register's birth date when the register knows the person: all signals at its limit, none before", async () => {
    const world = await aWorld({ signalActiveMonths: 24, signalHistoricalMonths: 120, signalAgeLimitYears: 23 });
    const register = await aRegister(world);
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const [parent, child] = [nextBsn(), nextBsn()];
    // By the register the child turns 23 on 2033-06-15.
    await register.family("Visser", [
      { bsn: parent, birthDate: "1984-02-02", relation: "PARENT" },
      { bsn: child, birthDate: "2010-06-15", relation: "CHILD" },
    ]);
    // One signal states a later birth date (2034-06-15 by it), one an earlier one (2032-06-15).
    const later = await signal(mjd, child, { birthDate: "2011-06-15" });
    const earlier = await signal(elker, child, { birthDate: "2009-06-15" });

    // The earlier stated date reached the limit, the register's has not: nothing goes.
    await retentionOn("2032-06-15");
    await retentionOn("2033-06-14");
    expect((await mySignals(mjd)).map((mine) => mine.id)).toEqual([later.id]);
    expect((await mySignals(elker)).map((mine) => mine.id)).toEqual([earlier.id]);
    expect(await inbox(mjd)).toHaveLength(1);
    expect(await inbox(elker)).toHaveLength(1);

    // The register's date reached the limit: everything goes, the later stated date included.
    await retentionOn("2033-06-15");
    expect(await mySignals(mjd)).toEqual([]);
    expect(await mySignals(elker)).toEqual([]);
    expect(await inbox(mjd)).toEqual([]);
    expect(await inbox(elker)).toEqual([]);
  });

  it("goes by the youngest birth date when the register's households disagree on it", async () => {
    const world = await aWorld({ signalActiveMonths: 24, signalHistoricalMonths: 120, signalAgeLimitYears: 23 });
    const register = await aRegister(world);
    const mjd = await world.organisation("MJD");
    const child = nextBsn();
    await register.family("Smit", [
      { bsn: nextBsn(), birthDate: "1984-04-04", relation: "PARENT" },
      { bsn: child, birthDate: "2010-06-15", relation: "CHILD" },
    ]);
    await register.family("Smit-Visser", [
      { bsn: nextBsn(), birthDate: "1986-06-06", relation: "PARENT" },
      { bsn: child, birthDate: "2011-06-15", relation: "CHILD" },
    ]);
    const made = await signal(mjd, child, { birthDate: "2010-06-15" });

    await retentionOn("2034-06-14");
    expect((await mySignals(mjd)).map((mine) => mine.id)).toEqual([made.id]);

    await retentionOn("2034-06-15");
    expect(await mySignals(mjd)).toEqual([]);
  });

  it("takes no birth date from another region's register", async () => {
    const elsewhere = await aWorld({ signalAgeLimitYears: 23 });
    const here = await aWorld({ signalActiveMonths: 24, signalHistoricalMonths: 120, signalAgeLimitYears: 23 });
    const person = nextBsn();
    await (await aRegister(elsewhere)).family("Jansen", [
      { bsn: nextBsn(), birthDate: "1985-03-02", relation: "PARENT" },
      { bsn: person, birthDate: "2012-05-01", relation: "CHILD" },
    ]);
    const mjd = await here.organisation("MJD");
    await signal(mjd, person, { birthDate: "2003-12-01" });

    await retentionOn("2026-12-01");

    expect(await mySignals(mjd)).toEqual([]);
  });

  it("makes match notifications about a destroyed signal vanish, and keeps the other side's signal", async () => {
    const world = await aWorld(SETTINGS);
    const mjd = await world.organisation("MJD");
    const elker = await world.organisation("Elker", "YOUTH_CARE");
    const bsn = nextBsn();
    const mjdsSignal = await signal(mjd, bsn);
    const elkersSignal = await signal(elker, bsn);
    app.clock.set("2027-02-10T11:00:00+01:00");
    await withdraw(mjd, mjdsSignal.id);

    await retentionOn("2030-02-09");
    expect(await inbox(mjd)).toHaveLength(1);
    expect(await inbox(elker)).toHaveLength(1);

    await retentionOn("2030-02-10");
    expect(await mySignals(mjd)).toEqual([]);
    expect(await inbox(mjd)).toEqual([]);
    expect((await mySignals(elker)).map((mine) => mine.id)).toEqual([elkersSignal.id]);
    expect(await inbox(elker)).toEqual([]);
  });

  it("applies each region's own age limit, and none where the region has none", async () => {
    const strict = await aWorld({ signalActiveMonths: 24, signalHistoricalMonths: 60, signalAgeLimitYears: 18 });
    const noLimit = await aWorld({ signalActiveMonths: 24, signalHistoricalMonths: 60, signalAgeLimitYears: null });
    const inStrict = await strict.organisation("MJD");
    const inNoLimit = await noLimit.organisation("MJD");
    const person = nextBsn();
    await signal(inStrict, person, { birthDate: "2010-06-15" });
    await signal(inNoLimit, person, { birthDate: "2010-06-15" });

    await retentionOn("2028-06-14");
    expect(await mySignals(inStrict)).toHaveLength(1);

    await retentionOn("2028-06-15");
    expect(await mySignals(inStrict)).toEqual([]);
    expect(await mySignals(inNoLimit)).toMatchObject([{ bsn: person, status: "ACTIVE" }]);
  });

  it("applies each region's own settings", async () => {
    const short = await aWorld({ signalActiveMonths: 12, signalHistoricalMonths: 12, signalAgeLimitYears: 23 });
    const long = await aWorld({ signalActiveMonths: 12, signalHistoricalMonths: 60, signalAgeLimitYears: 23 });
    const inShort = await short.organisation("MJD");
    const inLong = await long.organisation("MJD");
    await signal(inShort, nextBsn());
    await signal(inLong, nextBsn());

    // Both inactive from 2027-11-23: the short region destroys on 2028-11-23, the long one on 2032-11-23.
    await retentionOn("2028-11-23");

    expect(await mySignals(inShort)).toEqual([]);
    expect(await mySignals(inLong)).toHaveLength(1);
  });
});
