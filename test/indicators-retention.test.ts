import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runRetention, type RetentionReport } from "../src/accountability/retention/run.js";
import { closedFamilyOutlines } from "../src/accountability/retention/tables.js";
import { families } from "../src/families/tables.js";
import { data, startTestApp, type TestApp } from "./support/app.js";
import { aLifeDomain, aPartner, aProfessional, aRegion } from "./support/builders.js";
import { RegionHistory, type FamilyHistory } from "./support/history.js";

/*
 * The indicators count a family whose records retention removed through its outline
 * (docs/decisions/0008, 0009): a report over a past period gives the same figures before and
 * after the removal, and a family removed is never in view in a period after it was closed.
 * One region, histories written with known dates (test/support/history.ts), a one-year term, and
 * the clock at 2026-11-23: the run that day removes every family closed on or before 2025-11-23.
 *
 * The region's families, 27 in all:
 * - A (6, removed): signalled and screened in January 2025, in the approach at the end of June
 *   (tasks, evaluations, agreements, an escalation open then), closed in July, CLOSED in October.
 * - B (5, removed): in the approach since 2024, closed in February 2025, reopened in March and
 *   closed again in May, with an escalation over two steps; CLOSED in September.
 * - R (5, removed): signalled in April 2025 and screened out to regular care.
 * - L (6, live): signalled in February 2025 and in the approach ever since.
 * - C (5, live): in the approach since 2024, closed in January 2026, CLOSED in June 2026 (not yet due).
 */

const TODAY = "2026-11-23";
const PERIODS = {
  firstHalf2025: { from: "2025-01-01", to: "2025-06-30" },
  secondHalf2025: { from: "2025-07-01", to: "2025-12-31" },
  aYearTo2025: { from: "2024-07-01", to: "2025-06-30" },
  firstHalf2026: { from: "2026-01-01", to: "2026-06-30" },
  runningOn: { from: "2026-01-01", to: "2026-12-31" },
  today: { from: TODAY, to: TODAY },
};
type PeriodName = keyof typeof PERIODS;

const REPORT = `query($from: LocalDate!, $to: LocalDate!) { indicators(from: $from, to: $to) {
  from to asOf csv
  themes { theme indicators { key value families suppressed } }
} }`;

interface Figure {
  key: string;
  value: number | null;
  families: number | null;
  suppressed: boolean;
}
interface Report {
  from: string;
  to: string;
  asOf: string;
  csv: string;
  themes: { theme: string; indicators: Figure[] }[];
}

const byKey = (report: Report) => Object.fromEntries(report.themes.flatMap((theme) => theme.indicators).map((figure) => [figure.key, figure]));
const pick = (figure: Figure | undefined) => figure && { value: figure.value, families: figure.families, suppressed: figure.suppressed };
const shown = (value: number, families: number) => ({ value, families, suppressed: false });

describe("indicators over families whose records retention removed", { timeout: 120_000 }, () => {
  let app: TestApp;
  let evaluatorId: string;
  let regionId: string;
  const removedGroups: FamilyHistory[] = [];
  const liveGroups: FamilyHistory[] = [];
  const before = {} as Record<PeriodName, Report>;
  const after = {} as Record<PeriodName, Report>;
  let retention: RetentionReport;

  const report = async (period: { from: string; to: string }) => data(await app.gql<{ indicators: Report }>(REPORT, period, evaluatorId)).indicators;

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.database.db;
    const region = await aRegion(db, { code: `outlines-${Math.random().toString(36).slice(2, 8)}`, closedFamilyRetentionYears: 1 });
    regionId = region.id;
    for (const domain of ["HOUSING", "FINANCES"]) await aLifeDomain(db, region.id, domain);
    const partner = await aPartner(db, region.id, { name: "Maatschappelijk werk", sector: "SOCIAL_WORK" });
    const coach = await aProfessional(db, partner, ["COACH"]);
    const formerCoach = await aProfessional(db, partner, ["COACH"], { active: false });
    const lead = await aProfessional(db, partner, ["PROCESS_LEAD"]);
    evaluatorId = (await aProfessional(db, partner, ["EVALUATOR"])).id;
    const h = new RegionHistory(db, region.id, coach.id, lead.id);

    // A: in the approach at the end of June 2025, each a little different.
    for (let i = 0; i < 6; i++) {
      const family = await h.family({
        phases: [
          ["SIGNALLED", "2025-01-10"],
          ["SCREENED", "2025-01-25"],
          ["PLANNING", "2025-02-01"],
          ["EXECUTING", "2025-03-01"],
          ["CLOSING", "2025-07-01"],
          ["AFTERCARE", "2025-07-20"],
          ["CLOSED", "2025-10-01"],
        ],
        categories: i === 0 ? [["MPG1", "2025-01-25"], ["MPG2", "2025-04-01"]] : [["MPG2", "2025-01-25"]],
        members: [
          { key: "P", relation: "PARENT" },
          { key: "C" },
          ...(i === 3 ? [{ key: "N", validFrom: "2025-05-01" }] : []),
          ...(i === 4 ? [{ key: "L", relation: "OTHER" as const, validTo: "2025-03-01" }] : []),
        ],
        regie:
          i === 1
            ? [{ professionalId: formerCoach.id, since: "2025-01-10" }]
            : i === 2
              ? [
                  { professionalId: coach.id, since: "2025-01-10", until: "2025-06-01" },
                  { professionalId: coach.id, since: "2025-07-15" },
                ]
              : undefined,
      });
      await family.concern("2025-01-10", i % 2 === 0);
      if (i === 0) await family.concern("2025-03-05", false);
      await family.screening("MPG2", "2025-01-25");
      const plan = await family.plan("2025-02-01");
      await plan.analysis("HOUSING", "2025-02-05");
      await plan.analysis("FINANCES", i === 5 ? "2025-08-01" : "2025-02-05", "P");
      const goal = await plan.goal("HOUSING", "2025-02-05", ["C"]);
      if (i === 0) await plan.change("GOAL", goal, { status: "CANCELLED" }, "2025-05-10");
      const overdue = await plan.task("2025-05-01", "2025-02-10");
      await plan.change("TASK", overdue, i === 2 ? { dueDate: "2025-09-01" } : { status: "DONE" }, i === 2 ? "2025-06-10" : "2025-07-15");
      const running = await plan.task("2025-08-01", "2025-02-10");
      await plan.change("TASK", running, { status: "IN_PROGRESS" }, "2025-03-01");
      if (i === 1) {
        const done = await plan.task("2025-04-01", "2025-02-10");
        await plan.change("TASK", done, { status: "DONE" }, "2025-04-20");
      }
      if (i !== 4) await plan.evaluation(i % 2 === 0 ? "2025-05-01" : "2025-05-20");
      await plan.agreement("COACH", 1, "2025-02-10");
      await plan.agreement(i === 3 ? "REFERRING_PARTNER" : "CLIENT", 1, "2025-02-15");
      if (i === 5) {
        await family.escalation("2025-03-01", [{ started: "2025-03-01", due: "2025-03-15", decided: { at: "2025-03-05", outcome: "RESOLVED" } }]);
      } else {
        await family.escalation("2025-06-01", [{ started: "2025-06-01", due: "2025-06-15", decided: { at: "2025-07-10", outcome: "RESOLVED" } }]);
      }
      await family.closure({ closedAt: "2025-07-20", goalsTotal: 3, goalsAchieved: i % 3, positiveExit: false, keeperId: i === 0 ? formerCoach.id : coach.id });
      removedGroups.push(family);
    }

    // B: closed twice in the first half of 2025, with a reopening between.
    for (let i = 0; i < 5; i++) {
      const family = await h.family({
        phases: [
          ["SCREENED", "2024-06-01"],
          ["EXECUTING", "2024-08-01"],
          ["AFTERCARE", "2025-02-01"],
          ["PLANNING", "2025-03-01"],
          ["EXECUTING", "2025-03-15"],
          ["AFTERCARE", "2025-05-15"],
          ["CLOSED", "2025-09-01"],
        ],
        categories: [["MPG4", "2024-06-01"]],
      });
      const plan = await family.plan("2024-07-01");
      await plan.analysis("HOUSING", "2024-07-01");
      await plan.evaluation("2024-10-01");
      await plan.evaluation(i < 2 ? "2024-12-20" : "2025-01-10");
      await plan.evaluation("2025-04-15");
      await plan.agreement("COACH", 1, "2024-07-05");
      await plan.agreement("CLIENT", 1, "2024-07-06");
      await family.escalation("2025-02-10", [
        { started: "2025-02-10", due: "2025-02-24", decided: { at: "2025-02-20", outcome: "ESCALATED" } },
        { started: "2025-02-20", due: "2025-03-06", decided: { at: `2025-03-${10 + i}`, outcome: "RESOLVED" } },
      ]);
      await family.closure({ closedAt: "2025-02-01", goalsTotal: 4, goalsAchieved: 3, positiveExit: false, keeperId: coach.id, reopenedAt: "2025-03-01" });
      await family.closure({ closedAt: "2025-05-15", goalsTotal: 4, goalsAchieved: 4, positiveExit: true, keeperId: coach.id, handoverPartnerId: i % 2 === 0 ? partner.id : undefined });
      removedGroups.push(family);
    }

    // R: screened out to regular care in April 2025.
    for (let i = 0; i < 5; i++) {
      const family = await h.family({ phases: [["SIGNALLED", "2025-04-01"], ["CLOSED", "2025-04-10"]] });
      await family.concern("2025-04-01", i < 2);
      await family.screening("REGULAR", "2025-04-10");
      removedGroups.push(family);
    }

    // L: live, in the approach since February 2025.
    for (let i = 0; i < 6; i++) {
      const family = await h.family({
        phases: [["SIGNALLED", "2025-02-01"], ["SCREENED", "2025-02-10"], ["PLANNING", "2025-02-20"], ["EXECUTING", "2025-04-01"]],
        categories: [["MPG1", "2025-02-10"]],
      });
      await family.concern("2025-02-01", true);
      await family.screening("MPG1", "2025-02-10");
      const plan = await family.plan("2025-02-20");
      await plan.analysis("HOUSING", "2025-02-25");
      await plan.analysis("FINANCES", "2025-02-25", "P");
      await plan.goal("HOUSING", "2025-02-25", ["C"]);
      await plan.task("2025-06-01", "2025-03-01");
      await plan.evaluation("2025-05-25");
      await plan.agreement("COACH", 1, "2025-03-01");
      await plan.agreement("CLIENT", 1, "2025-03-02");
      await family.escalation("2025-05-01", [{ started: "2025-05-01", due: "2025-05-15" }]);
      liveGroups.push(family);
    }

    // C: live, closed in January 2026 and CLOSED in June 2026: a year has not passed.
    for (let i = 0; i < 5; i++) {
      const family = await h.family({
        phases: [["SCREENED", "2024-09-01"], ["EXECUTING", "2024-10-01"], ["AFTERCARE", "2026-01-15"], ["CLOSED", "2026-06-01"]],
        categories: [["MPG3", "2024-09-01"]],
      });
      const plan = await family.plan("2024-09-15");
      await plan.analysis("HOUSING", "2024-09-15");
      await plan.analysis("FINANCES", "2024-09-15", "P");
      await plan.goal("FINANCES", "2024-09-15", ["P", "C"]);
      const task = await plan.task("2025-02-01", "2024-09-15");
      await plan.change("TASK", task, { status: "DONE" }, "2025-03-01");
      await plan.evaluation("2024-12-15");
      await plan.evaluation("2025-03-15");
      await plan.evaluation("2025-06-20");
      await family.closure({ closedAt: "2026-01-15", goalsTotal: 2, goalsAchieved: 2, positiveExit: true, keeperId: coach.id });
      liveGroups.push(family);
    }

    for (const [name, period] of Object.entries(PERIODS)) before[name as PeriodName] = await report(period);
    retention = await runRetention(db, TODAY);
    for (const [name, period] of Object.entries(PERIODS)) after[name as PeriodName] = await report(period);
  });
  afterAll(() => app?.close());

  it("removes the families closed a year or more ago, and keeps an outline of each", async () => {
    expect(retention.closedFamilies.failed).toEqual([]);
    expect(retention.closedFamilies.removed.map((family) => family.familyId).sort()).toEqual(removedGroups.map((family) => family.id).sort());
    const left = await app.database.db.select({ id: families.id }).from(families).where(eq(families.regionId, regionId));
    expect(left.map((family) => family.id).sort()).toEqual(liveGroups.map((family) => family.id).sort());
    expect(await app.database.db.select().from(closedFamilyOutlines).where(eq(closedFamilyOutlines.regionId, regionId))).toHaveLength(16);
  });

  for (const name of Object.keys(PERIODS) as PeriodName[]) {
    it(`gives the same figures for ${name} (${PERIODS[name].from} to ${PERIODS[name].to}) after the removal as before`, () => {
      expect(after[name].themes).toEqual(before[name].themes);
      expect(after[name].csv).toBe(before[name].csv);
    });
  }

  it("still counts the removed families where they were in view: the first half of 2025, as known", () => {
    const figures = byKey(after.firstHalf2025);
    expect(pick(figures["families_in_view"])).toEqual(shown(27, 27));
    expect(pick(figures["families_in_view.MPG2"])).toEqual(shown(6, 6));
    expect(pick(figures["families_in_view.MPG1"])).toEqual(shown(6, 6));
    expect(pick(figures["concerns_received"])).toEqual(shown(18, 17));
    expect(pick(figures["screenings"])).toEqual(shown(17, 17));
    expect(pick(figures["screenings.REGULAR"])).toEqual(shown(5, 5));
    expect(pick(figures["screenings.INTO_APPROACH"])).toEqual(shown(12, 12));
    expect(pick(figures["families_in_approach"])).toEqual(shown(17, 17));
    expect(pick(figures["one_plan"])).toEqual(shown(100, 17));
    // A1's regisseur has left, A2's regie had lapsed by the end of June.
    expect(pick(figures["one_regisseur"])).toEqual(shown(88.2, 17));
    // A3's referring partner agreed, not the family; C's families agreed to nothing.
    expect(pick(figures["plan_agreed_by_family"])).toEqual(shown(64.7, 17));
    // A0's child's goal was cancelled, A3's newborn is not named, and A5's finances analysis (naming the parent) came in August.
    expect(pick(figures["plan_covers_members"])).toEqual(shown(82.4, 17));
    expect(pick(figures["plan_covers_life_domains"])).toEqual(shown(94.1, 17));
    expect(pick(figures["plan_covers_family"])).toEqual(shown(82.4, 17));
    // A: two open each (A1 one more done); L: one each. Overdue: A's May task (A2's moved to September) and L's June task.
    expect(pick(figures["open_tasks"])).toEqual(shown(18, 12));
    expect(pick(figures["overdue_tasks"])).toEqual(shown(11, 11));
    expect(pick(figures["escalations_open"])).toEqual(shown(11, 11));
    expect(pick(figures["escalations_reached_step.2"])).toEqual(shown(5, 5));
    expect(pick(figures["closures"])).toEqual(shown(10, 5));
    expect(pick(figures["positive_exits"])).toEqual(shown(50, 5));
    expect(pick(figures["handover_to_regular_care"])).toEqual(shown(30, 5));
    expect(pick(figures["families_reopened"])).toEqual(shown(5, 5));
    // Closed in February: from June 2024; closed again in May: from the reopening in March.
    expect(pick(figures["duration_closed"])).toEqual(shown((245 + 75) / 2, 5));
  });

  it("counts a removed family in a later period only where its process reached into it", () => {
    const figures = byKey(after.secondHalf2025);
    // A until October; L and C throughout. B (CLOSED in September) was in aftercare until then.
    expect(pick(figures["families_in_view"])).toEqual(shown(22, 22));
    expect(pick(figures["closures"])).toEqual(shown(6, 6));
    // A1's keeper has left.
    expect(pick(figures["aftercare_arranged"])).toEqual(shown(83.3, 6));
  });

  it("never counts a removed family as in view after it was closed", () => {
    // L and C in the first half of 2026, C in aftercare until June.
    expect(pick(byKey(after.firstHalf2026)["families_in_view"])).toEqual(shown(11, 11));
    expect(pick(byKey(after.runningOn)["families_in_view"])).toEqual(shown(11, 11));
    expect(pick(byKey(after.today)["families_in_view"])).toEqual(shown(6, 6));
    expect(pick(byKey(after.today)["families_in_approach"])).toEqual(shown(6, 6));
    // Only C's families were closed in 2026.
    expect(pick(byKey(after.runningOn)["closures"])).toEqual(shown(5, 5));
  });
});
