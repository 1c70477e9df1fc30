import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../src/access/roles.js";
import { demoProfessionalId } from "../src/demo/identity.js";
import { DEMO_REGIONS } from "../src/demo/scenario.js";
import { seedDemo } from "../src/demo/seed.js";
import { eq } from "drizzle-orm";
import { professionals } from "../src/organisations/tables.js";
import { escalationLadder } from "../src/process/tables.js";
import { codes, data, refused, startTestApp, type TestApp } from "./support/app.js";
import { aLifeDomain, aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";
import { RegionHistory } from "./support/history.js";

/*
 * The indicator report (domain brief §9): every figure against a small history written with
 * known dates, where the answer is known; suppression below five families and the differencing
 * guard; who may ask; other regions never counted; the CSV; and the demo data. The clock stands
 * at 2026-11-23, so the first half of 2026 is a period in the past: figures "at the end of the
 * period" are as at 30 June.
 */

const PAST = { from: "2026-01-01", to: "2026-06-30" };
const RUNNING_ON = { from: "2026-01-01", to: "2026-12-31" };
const TODAY = "2026-11-23";
const DAY_MS = 24 * 3600_000;

const REPORT = `query($from: LocalDate!, $to: LocalDate!) { indicators(from: $from, to: $to) {
  from to asOf minimumFamilies csv
  themes { theme label indicators { key label description value unit families suppressed } }
} }`;

interface Figure {
  key: string;
  label: string;
  description: string;
  value: number | null;
  unit: string;
  families: number | null;
  suppressed: boolean;
}
interface Report {
  from: string;
  to: string;
  asOf: string;
  minimumFamilies: number;
  csv: string;
  themes: { theme: string; label: string; indicators: Figure[] }[];
}
type Who = { id: string };

/** Calendar days from one day to another. */
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
const shown = (value: number, families: number) => ({ value, families, suppressed: false });
const hidden = { value: null, families: null, suppressed: true };

describe("indicators", () => {
  let app: TestApp;

  interface Staff {
    regionId: string;
    partnerId: string;
    coach: Who;
    formerCoach: Who;
    processLead: Who;
    projectLead: Who;
    evaluator: Who;
    partnerProfessional: Who;
    history: RegionHistory;
  }

  /** A region with its staff, and a history writer whose families the coach leads. */
  async function aStaffedRegion(code: string): Promise<Staff> {
    const db = app.database.db;
    const region = await aRegion(db, { code: `${code}-${Math.random().toString(36).slice(2, 8)}` });
    for (const domain of ["HOUSING", "FINANCES"]) await aLifeDomain(db, region.id, domain);
    const partner = await aPartner(db, region.id, { name: "Maatschappelijk werk", sector: "SOCIAL_WORK" });
    const person = (roles: Role[], active = true) => aProfessional(db, partner, roles, { active });
    const coach = await person(["COACH"]);
    const processLead = await person(["PROCESS_LEAD"]);
    return {
      regionId: region.id,
      partnerId: partner.id,
      coach,
      formerCoach: await person(["COACH"], false),
      processLead,
      projectLead: await person(["PROJECT_LEAD"]),
      evaluator: await person(["EVALUATOR"]),
      partnerProfessional: await person(["PARTNER_PROFESSIONAL"]),
      history: new RegionHistory(db, region.id, coach.id, processLead.id),
    };
  }

  async function report(as: Who, period: { from: string; to: string } = PAST): Promise<Report> {
    return data(await app.gql<{ indicators: Report }>(REPORT, period, as.id)).indicators;
  }
  async function figures(as: Who, period: { from: string; to: string } = PAST): Promise<Record<string, Figure>> {
    const answer = await report(as, period);
    return Object.fromEntries(answer.themes.flatMap((theme) => theme.indicators).map((figure) => [figure.key, figure]));
  }
  const pick = (figure: Figure | undefined) => (figure ? { value: figure.value, families: figure.families, suppressed: figure.suppressed } : undefined);

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  // --- reach ---------------------------------------------------------------------------------

  describe("reach: families in view, concerns and screenings", () => {
    let reach: Staff;
    let other: Staff;

    beforeAll(async () => {
      reach = await aStaffedRegion("reach");
      const h = reach.history;
      const screened = (category: string) => ({ phases: [["SCREENED", "2025-05-01"]] as [string, string][], categories: [[category, "2025-05-01"]] as [string, string][] });
      for (let i = 0; i < 6; i++) await h.family(screened("RISK"));
      for (let i = 0; i < 5; i++) await h.family(screened("MPG1"));
      // MPG2 at the end of the period: moved up in March, and to MPG3 only after the period.
      for (let i = 0; i < 7; i++) {
        await h.family({
          phases: [["SCREENED", "2025-05-01"]],
          categories: [
            ["MPG1", "2025-05-01"],
            ["MPG2", "2026-03-01"],
            ["MPG3", "2026-08-01"],
          ],
        });
      }
      for (let i = 0; i < 3; i++) await h.family(screened("MPG3"));
      // Five concerns in January, screened into MPG3 ten days later (discussed with the family).
      for (let i = 0; i < 5; i++) {
        const family = await h.family({ phases: [["SIGNALLED", "2026-01-10"], ["SCREENED", "2026-01-20"]], categories: [["MPG3", "2026-01-20"]] });
        await family.concern("2026-01-10", true);
        await family.screening("MPG3", "2026-01-20");
      }
      for (let i = 0; i < 3; i++) await h.family(screened("MPG4"));
      // Not yet screened: five waiting since February (one with a second concern in April), four screened out in March.
      for (let i = 0; i < 5; i++) {
        const family = await h.family({ phases: [["SIGNALLED", "2026-02-01"]] });
        await family.concern("2026-02-01", false);
        if (i === 0) await family.concern("2026-04-01", true);
      }
      for (let i = 0; i < 4; i++) {
        const family = await h.family({ phases: [["SIGNALLED", "2026-03-01"], ["CLOSED", "2026-03-10"]] });
        await family.concern("2026-03-01", false);
        await family.screening("REGULAR", "2026-03-10");
      }
      // Out of view: closed before the period, or signalled after it.
      for (let i = 0; i < 2; i++) {
        const family = await h.family({ phases: [["SCREENED", "2024-01-01"], ["AFTERCARE", "2025-06-01"], ["CLOSED", "2025-12-01"]], categories: [["MPG1", "2024-01-01"]] });
        await family.concern("2023-12-20", true);
      }
      const late = await h.family({ phases: [["SIGNALLED", "2026-07-05"]] });
      await late.concern("2026-07-05", true);

      other = await aStaffedRegion("reach-other");
      for (let i = 0; i < 6; i++) {
        const family = await other.history.family({ phases: [["SIGNALLED", "2026-02-01"], ["SCREENED", "2026-02-10"]], categories: [["MPG1", "2026-02-10"]] });
        await family.concern("2026-02-01", true);
        await family.screening("MPG1", "2026-02-10");
      }
    });

    it("counts the families in view during the period by their category at its end, guarding the parts against subtraction", async () => {
      const result = await figures(reach.evaluator);
      expect(pick(result["families_in_view"])).toEqual(shown(38, 38));
      expect(pick(result["families_in_view.RISK"])).toEqual(shown(6, 6));
      expect(pick(result["families_in_view.MPG2"])).toEqual(shown(7, 7));
      expect(pick(result["families_in_view.MPG3"])).toEqual(shown(8, 8));
      expect(pick(result["families_in_view.UNSCREENED"])).toEqual(shown(9, 9));
      // MPG4 rests on three families; MPG1 (five, the next smallest) would give it away as 38 minus the rest.
      expect(pick(result["families_in_view.MPG4"])).toEqual(hidden);
      expect(pick(result["families_in_view.MPG1"])).toEqual(hidden);
    });

    it("counts the concerns received and the share discussed with the family, over the families they concern", async () => {
      const result = await figures(reach.projectLead);
      expect(pick(result["concerns_received"])).toEqual(shown(15, 14));
      expect(pick(result["concerns_discussed_with_family"])).toEqual(shown(40, 14));
    });

    it("counts the screenings, hides both parts when one is small, and takes the median days from concern to screening", async () => {
      const result = await figures(reach.processLead);
      expect(pick(result["screenings"])).toEqual(shown(9, 9));
      expect(pick(result["screenings.REGULAR"])).toEqual(hidden);
      expect(pick(result["screenings.INTO_APPROACH"])).toEqual(hidden);
      expect(pick(result["days_concern_to_screening"])).toEqual(shown(10, 9));
    });

    it("never counts another region's families, and answers each region its own", async () => {
      const mine = await figures(other.evaluator);
      expect(pick(mine["families_in_view"])).toEqual(shown(6, 6));
      expect(pick(mine["families_in_view.MPG1"])).toEqual(shown(6, 6));
      expect(pick(mine["screenings"])).toEqual(shown(6, 6));
      // None was left to regular care: an empty part is below five too, so its only sibling is withheld.
      expect(pick(mine["screenings.REGULAR"])).toEqual(hidden);
      expect(pick(mine["screenings.INTO_APPROACH"])).toEqual(hidden);
      expect(pick(mine["concerns_received"])).toEqual(shown(6, 6));
      expect(pick((await figures(reach.evaluator))["families_in_view"])).toEqual(shown(38, 38));
    });

    it("holds no ids or names of families", async () => {
      const response = await app.gql(REPORT, PAST, reach.evaluator.id);
      const names = await app.database.db.query.families.findMany({ columns: { id: true, name: true } });
      expect(names.length).toBeGreaterThan(40);
      for (const family of names) {
        expect(response.text).not.toContain(family.id);
        expect(response.text).not.toContain(family.name);
      }
    });
  });

  // --- the approach --------------------------------------------------------------------------

  describe("the approach: one plan, one regisseur, coverage, agreement, tasks, evaluations, duration", () => {
    let region: Staff;
    const screenedOn = "2025-10-01";
    const carriedOut = [["SCREENED", screenedOn], ["PLANNING", "2025-10-15"], ["EXECUTING", "2025-12-01"]] as [string, string][];

    beforeAll(async () => {
      region = await aStaffedRegion("approach");
      const h = region.history;
      const base = { phases: carriedOut, categories: [["MPG2", screenedOn]] as [string, string][] };
      const coveringPlan = async (family: Awaited<ReturnType<RegionHistory["family"]>>) => {
        const plan = await family.plan("2025-10-20");
        await plan.analysis("HOUSING", "2025-10-20");
        await plan.analysis("FINANCES", "2025-10-20", "P");
        await plan.goal("HOUSING", "2025-10-20", ["C"]);
        return plan;
      };

      // B1: covers every member and domain; an overdue task and one in progress; evaluations on time, then late.
      const b1 = await coveringPlan(await h.family(base));
      await b1.task("2026-06-01", "2026-01-05");
      const inProgress = await b1.task("2026-07-15", "2026-01-05");
      await b1.change("TASK", inProgress, { status: "IN_PROGRESS" }, "2026-02-01");
      await b1.evaluation("2026-01-15");
      await b1.evaluation("2026-04-20");
      await b1.agreement("COACH", 1, "2026-02-01");
      await b1.agreement("CLIENT", 1, "2026-02-11");

      // B2: the child's goal cancelled in May; a task done; the client agreed first, the coach later.
      const b2 = await h.family(base);
      const plan2 = await b2.plan("2025-10-20");
      await plan2.analysis("HOUSING", "2025-10-20");
      await plan2.analysis("FINANCES", "2025-10-20", "P");
      const childGoal = await plan2.goal("HOUSING", "2025-10-20", ["C"]);
      await plan2.change("GOAL", childGoal, { status: "CANCELLED" }, "2026-05-01");
      const done = await plan2.task("2026-05-01", "2026-01-05");
      await plan2.change("TASK", done, { status: "DONE" }, "2026-05-20");
      await plan2.task("2026-06-01", "2026-01-05");
      await plan2.evaluation("2026-01-20");
      await plan2.agreement("CLIENT", 1, "2026-01-05");
      await plan2.agreement("COACH", 1, "2026-01-15");

      // B3: no finances analysis; a task done only after the period; agreed by coach and referring partner.
      const b3 = await h.family(base);
      const plan3 = await b3.plan("2025-10-20");
      await plan3.analysis("HOUSING", "2025-10-20", "P");
      await plan3.goal("HOUSING", "2025-10-20", ["C"]);
      const doneLater = await plan3.task("2026-06-15", "2026-01-05");
      await plan3.change("TASK", doneLater, { status: "DONE" }, "2026-08-01");
      await plan3.agreement("COACH", 1, "2026-03-01");
      await plan3.agreement("COACH", 2, "2026-04-01");
      await plan3.agreement("REFERRING_PARTNER", 2, "2026-04-03");

      // B4: the finances analysis came after the period; a task due on the last day; agreed before the period.
      const b4 = await h.family(base);
      const plan4 = await b4.plan("2025-10-20");
      await plan4.analysis("HOUSING", "2025-10-20", "P");
      await plan4.goal("HOUSING", "2025-10-20", ["C"]);
      await plan4.analysis("FINANCES", "2026-08-01");
      await plan4.task("2026-06-30", "2026-01-05");
      await plan4.evaluation("2025-12-01");
      await plan4.evaluation("2026-03-01");
      await plan4.agreement("COACH", 1, "2025-12-01");
      await plan4.agreement("CLIENT", 1, "2025-12-05");

      // B5: a newborn in May the plan does not name; a task made after the period; coach and client agreed to different versions.
      const b5 = await h.family({ ...base, members: [{ key: "P", relation: "PARENT" }, { key: "C" }, { key: "N", validFrom: "2026-05-01" }] });
      const plan5 = await coveringPlan(b5);
      await plan5.task("2026-12-01", "2026-07-05");
      await plan5.evaluation("2026-07-05");
      await plan5.agreement("COACH", 1, "2026-05-01");
      await plan5.agreement("CLIENT", 2, "2026-05-02");
      await plan5.agreement("COACH", 2, "2026-07-01");

      // B6: a member who left in March (needs no naming); a task cancelled, one overdue; evaluations on time.
      const b6 = await h.family({ ...base, members: [{ key: "P", relation: "PARENT" }, { key: "C" }, { key: "L", relation: "OTHER", validTo: "2026-03-01" }] });
      const plan6 = await coveringPlan(b6);
      const cancelled = await plan6.task("2026-04-01", "2026-01-05");
      await plan6.change("TASK", cancelled, { status: "CANCELLED" }, "2026-04-10");
      await plan6.task("2026-06-29", "2026-01-05");
      await plan6.evaluation("2026-01-10");
      await plan6.evaluation("2026-04-01");
      await plan6.agreement("COACH", 1, "2026-06-01");
      await plan6.agreement("CLIENT", 1, "2026-06-10");

      // B7: still planning, with a plan since April and an overdue task.
      const b7 = await h.family({ phases: [["SCREENED", "2026-03-01"], ["PLANNING", "2026-03-15"]], categories: [["MPG1", "2026-03-01"]] });
      const plan7 = await b7.plan("2026-04-01");
      await plan7.task("2026-05-01", "2026-04-01");
      await plan7.agreement("COACH", 1, "2026-04-10");
      await plan7.agreement("CLIENT", 1, "2026-04-20");

      // B8: no plan; regie lapsed in June and was taken up only in July.
      await h.family({
        phases: [["SCREENED", "2026-03-01"], ["PLANNING", "2026-03-15"]],
        regie: [
          { professionalId: region.coach.id, since: "2026-03-01", until: "2026-06-01" },
          { professionalId: region.coach.id, since: "2026-07-15" },
        ],
      });
      // B9: screened in June; its regisseur has left the organisation.
      await h.family({ phases: [["SCREENED", "2026-06-20"]], regie: [{ professionalId: region.formerCoach.id, since: "2026-06-20" }] });
      // B10: in aftercare by the end: none of its figures count, its next evaluation fell due in aftercare.
      const b10 = await h.family({ phases: [["SCREENED", "2025-11-01"], ["EXECUTING", "2025-12-15"], ["CLOSING", "2026-06-01"], ["AFTERCARE", "2026-06-15"]] });
      const plan10 = await b10.plan("2025-12-15");
      await plan10.task("2026-01-01", "2025-12-15");
      await plan10.evaluation("2026-03-15");
      // B11: screened after the period. B12: screened in May, its plan started after the period.
      await h.family({ phases: [["SCREENED", "2026-07-10"]] });
      const b12 = await h.family({ phases: [["SCREENED", "2026-05-01"]] });
      await b12.plan("2026-08-01");
    });

    it("counts the families in the approach at the end, and the shares with one plan and one active regisseur", async () => {
      const result = await figures(region.processLead);
      expect(pick(result["families_in_approach"])).toEqual(shown(10, 10));
      expect(pick(result["one_plan"])).toEqual(shown(70, 10));
      expect(pick(result["one_regisseur"])).toEqual(shown(80, 10));
    });

    it("measures whether the plans being carried out cover every member and every life domain, as they stood at the end", async () => {
      const result = await figures(region.evaluator);
      expect(pick(result["plan_covers_members"])).toEqual(shown(66.7, 6));
      expect(pick(result["plan_covers_life_domains"])).toEqual(shown(66.7, 6));
      expect(pick(result["plan_covers_family"])).toEqual(shown(33.3, 6));
    });

    it("measures agreement: by a family member, and the median days from coming into view to the agreed plan", async () => {
      const result = await figures(region.evaluator);
      expect(pick(result["plan_agreed_by_family"])).toEqual(shown(85.7, 7));
      const expected = median([days(screenedOn, "2026-02-11"), days(screenedOn, "2026-01-15"), days(screenedOn, "2026-04-03"), days(screenedOn, "2026-06-10"), days("2026-03-01", "2026-04-20")]);
      expect(pick(result["days_to_agreed_plan"])).toEqual(shown(expected, 5));
    });

    it("counts open and overdue tasks as the plans stood at the end of the period", async () => {
      const result = await figures(region.projectLead);
      expect(pick(result["open_tasks"])).toEqual(shown(7, 6));
      expect(pick(result["overdue_tasks"])).toEqual(shown(5, 5));
    });

    it("counts tasks as they stand today for a period that runs on", async () => {
      const answer = await report(region.projectLead, RUNNING_ON);
      expect(answer.asOf).toBe(TODAY);
      const result = Object.fromEntries(answer.themes.flatMap((theme) => theme.indicators).map((figure) => [figure.key, figure]));
      expect(pick(result["open_tasks"])).toEqual(shown(7, 6));
      expect(pick(result["overdue_tasks"])).toEqual(shown(6, 5));
    });

    it("measures evaluations held on or before their due date, missed ones late unless the family had left the cycle", async () => {
      const result = await figures(region.evaluator);
      expect(pick(result["evaluations_on_time"])).toEqual(shown(Math.round((700 / 12) * 10) / 10, 7));
    });

    it("takes the median days in the approach so far", async () => {
      const result = await figures(region.evaluator);
      const end = PAST.to;
      const expected = median([...Array<number>(6).fill(days(screenedOn, end)), days("2026-03-01", end), days("2026-03-01", end), days("2026-06-20", end), days("2026-05-01", end)]);
      expect(pick(result["duration_running"])).toEqual(shown(expected, 10));
    });
  });

  // --- cooperation ---------------------------------------------------------------------------

  describe("cooperation: escalations per step, time to decide and resolve, open and overdue", () => {
    let region: Staff;

    beforeAll(async () => {
      region = await aStaffedRegion("cooperation");
      // A four-step ladder: the report lists every step of it.
      for (const step of [1, 2, 3, 4]) {
        await app.database.db.insert(escalationLadder).values({ regionId: region.regionId, track: "PLAN_EXECUTION", step, title: `Stap ${step}`, deciders: ["PROCESS_LEAD"], deadlineDays: 14, binding: step === 4 });
      }
      const family = () => region.history.family({ phases: [["SCREENED", "2025-01-01"], ["EXECUTING", "2025-02-01"]] });
      const [c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13] = await Promise.all(Array.from({ length: 13 }, () => family()));
      const escalated = (at: string) => ({ at, outcome: "ESCALATED" as const });
      const resolved = (at: string) => ({ at, outcome: "RESOLVED" as const });
      await c1!.escalation("2026-02-01", [
        { started: "2026-02-01", due: "2026-02-15", decided: escalated("2026-02-10") },
        { started: "2026-02-10", due: "2026-02-24", decided: resolved("2026-02-20") },
      ]);
      await c2!.escalation("2026-03-01", [{ started: "2026-03-01", due: "2026-03-15", decided: resolved("2026-03-04") }]);
      await c3!.escalation("2025-12-20", [
        { started: "2025-12-20", due: "2026-01-03", decided: escalated("2026-01-05") },
        { started: "2026-01-05", due: "2026-01-19", decided: escalated("2026-01-25") },
        { started: "2026-01-25", due: "2026-02-01" },
      ]);
      await c4!.escalation("2026-06-20", [{ started: "2026-06-20", due: "2026-07-04" }]);
      await c5!.escalation("2026-04-01", [
        { started: "2026-04-01", due: "2026-04-15", decided: escalated("2026-04-08") },
        { started: "2026-04-08", due: "2026-04-22", decided: resolved("2026-07-10") },
      ]);
      await c6!.escalation("2026-05-01", [{ started: "2026-05-01", due: "2026-05-15", decided: resolved("2026-05-11") }]);
      await c7!.escalation("2026-07-05", [{ started: "2026-07-05", due: "2026-07-19" }]);
      await c1!.escalation("2026-06-01", [{ started: "2026-06-01", due: "2026-06-15", decided: resolved("2026-06-03") }]);
      await c8!.escalation("2026-01-10", [{ started: "2026-01-10", due: "2026-01-24", decided: resolved("2026-01-30") }]);
      await c9!.escalation("2025-11-01", [
        { started: "2025-11-01", due: "2025-11-15", decided: escalated("2025-11-10") },
        { started: "2025-11-10", due: "2025-11-24", decided: resolved("2026-02-15") },
      ]);
      await c10!.escalation("2026-03-01", [{ started: "2026-03-01", due: "2026-03-15" }]);
      await c11!.escalation("2026-06-25", [{ started: "2026-06-25", due: "2026-07-09" }]);
      await c12!.escalation("2026-02-01", [
        { started: "2026-02-01", due: "2026-02-15", decided: escalated("2026-02-05") },
        { started: "2026-02-05", due: "2026-02-19", decided: resolved("2026-02-12") },
      ]);
      await c13!.escalation("2026-02-01", [
        { started: "2026-02-01", due: "2026-02-15", decided: escalated("2026-02-08") },
        { started: "2026-02-08", due: "2026-02-22", decided: resolved("2026-03-01") },
      ]);
    });

    it("counts escalations raised, and those reaching each step of the ladder", async () => {
      const result = await figures(region.processLead);
      expect(pick(result["escalations_raised"])).toEqual(shown(11, 10));
      expect(pick(result["escalations_reached_step.1"])).toEqual(shown(11, 10));
      expect(pick(result["escalations_reached_step.2"])).toEqual(shown(5, 5));
      expect(pick(result["escalations_reached_step.3"])).toEqual(hidden);
      expect(pick(result["escalations_reached_step.4"])).toEqual(hidden);
      expect(result["escalations_reached_step.5"]).toBeUndefined();
    });

    it("takes the median days to decide per step and to resolve", async () => {
      const result = await figures(region.evaluator);
      expect(pick(result["escalation_step_days_to_decide.1"])).toEqual(shown(7, 8));
      expect(pick(result["escalation_step_days_to_decide.2"])).toEqual(shown(20, 5));
      expect(pick(result["escalation_step_days_to_decide.3"])).toEqual(hidden);
      expect(pick(result["escalations_resolved"])).toEqual(shown(8, 7));
      expect(pick(result["escalation_days_to_resolve"])).toEqual(shown(15, 7));
    });

    it("counts escalations open at the end, and those past their step's deadline then or now", async () => {
      const past = await figures(region.projectLead);
      expect(pick(past["escalations_open"])).toEqual(shown(5, 5));
      // Three were past their deadline on 30 June: too few to show.
      expect(pick(past["escalations_overdue"])).toEqual(hidden);
      const now = await figures(region.projectLead, RUNNING_ON);
      expect(pick(now["escalations_open"])).toEqual(shown(5, 5));
      expect(pick(now["escalations_overdue"])).toEqual(shown(5, 5));
    });
  });

  // --- continuity ----------------------------------------------------------------------------

  describe("continuity: closures, goals achieved, aftercare, handover, duration, reopening", () => {
    let region: Staff;
    const closed: [string, string][] = [
      ["2025-03-01", "2026-02-01"],
      ["2025-06-01", "2026-03-01"],
      ["2025-01-10", "2026-04-15"],
      // Reopened in June 2025: the approach counts from then.
      ["2025-06-01", "2026-05-20"],
      ["2025-09-01", "2026-06-30"],
    ];

    beforeAll(async () => {
      region = await aStaffedRegion("continuity");
      const h = region.history;
      const { coach, formerCoach, partnerId } = region;
      const d1 = await h.family({ phases: [["SCREENED", "2025-03-01"], ["AFTERCARE", "2026-02-01"]] });
      await d1.closure({ closedAt: "2026-02-01", goalsTotal: 5, goalsAchieved: 4, positiveExit: true, keeperId: coach.id, handoverPartnerId: partnerId });
      const d2 = await h.family({ phases: [["SCREENED", "2025-06-01"], ["AFTERCARE", "2026-03-01"]] });
      await d2.closure({ closedAt: "2026-03-01", goalsTotal: 3, goalsAchieved: 1, positiveExit: false, keeperId: coach.id });
      const d3 = await h.family({ phases: [["SCREENED", "2025-01-10"], ["AFTERCARE", "2026-04-15"]] });
      await d3.closure({ closedAt: "2026-04-15", goalsTotal: 4, goalsAchieved: 4, positiveExit: true, keeperId: formerCoach.id, handoverPartnerId: partnerId });
      const d4 = await h.family({ phases: [["SCREENED", "2024-05-01"], ["AFTERCARE", "2024-11-01"], ["PLANNING", "2025-06-01"], ["AFTERCARE", "2026-05-20"]] });
      await d4.closure({ closedAt: "2024-11-01", goalsTotal: 2, goalsAchieved: 1, positiveExit: false, keeperId: coach.id, reopenedAt: "2025-06-01" });
      await d4.closure({ closedAt: "2026-05-20", goalsTotal: 2, goalsAchieved: 2, positiveExit: true, keeperId: coach.id });
      // Late on the period's last day, Dutch time: inside it.
      const d5 = await h.family({ phases: [["SCREENED", "2025-09-01"], ["AFTERCARE", "2026-06-30T20:00:00+02:00"]] });
      await d5.closure({ closedAt: "2026-06-30T20:00:00+02:00", goalsTotal: 0, goalsAchieved: 0, positiveExit: false, keeperId: coach.id });
      // Just after midnight on 1 July, and just before midnight on New Year's Eve: outside it.
      const d6 = await h.family({ phases: [["SCREENED", "2025-09-01"], ["AFTERCARE", "2026-07-01T00:30:00+02:00"]] });
      await d6.closure({ closedAt: "2026-07-01T00:30:00+02:00", goalsTotal: 1, goalsAchieved: 1, positiveExit: true, keeperId: coach.id });
      const d7 = await h.family({ phases: [["SCREENED", "2025-01-01"], ["AFTERCARE", "2025-12-31T23:30:00+01:00"]] });
      await d7.closure({ closedAt: "2025-12-31T23:30:00+01:00", goalsTotal: 1, goalsAchieved: 1, positiveExit: true, keeperId: coach.id });
      // Five closed last autumn and reopened in March.
      for (let i = 0; i < 5; i++) {
        const family = await h.family({ phases: [["SCREENED", "2025-01-01"], ["AFTERCARE", "2025-10-01"], ["PLANNING", "2026-03-10"]] });
        await family.closure({ closedAt: "2025-10-01", goalsTotal: 3, goalsAchieved: 3, positiveExit: true, keeperId: coach.id, reopenedAt: "2026-03-10" });
      }
    });

    it("counts the closures in the period, its bounds in Dutch time, with their goals and positive exits", async () => {
      const result = await figures(region.evaluator);
      expect(pick(result["closures"])).toEqual(shown(5, 5));
      expect(pick(result["goals_achieved_at_closure"])).toEqual(shown(78.6, 5));
      expect(pick(result["positive_exits"])).toEqual(shown(60, 5));
    });

    it("measures aftercare arranged with an active keeper, and warm handovers", async () => {
      const result = await figures(region.evaluator);
      expect(pick(result["aftercare_arranged"])).toEqual(shown(80, 5));
      expect(pick(result["handover_to_regular_care"])).toEqual(shown(40, 5));
    });

    it("takes the median days in the approach of the families closed, from the last reopening where there was one", async () => {
      const result = await figures(region.evaluator);
      expect(pick(result["duration_closed"])).toEqual(shown(median(closed.map(([from, to]) => days(from, to))), 5));
    });

    it("counts the families reopened, and their days in the approach since", async () => {
      const result = await figures(region.processLead);
      expect(pick(result["families_reopened"])).toEqual(shown(5, 5));
      // The five reopened in March, and the one still in the approach on 30 June that closed just after midnight.
      const running = [...Array<number>(5).fill(days("2026-03-10", PAST.to)), days("2025-09-01", PAST.to)];
      expect(pick(result["duration_running"])).toEqual(shown(median(running), 6));
    });
  });

  // --- suppression, built through the API ----------------------------------------------------

  describe("suppression and families built through the API", () => {
    let region: Staff;
    let bsnSeed = 64_000_000;

    const REGISTER = `mutation($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }`;
    const MEMBERS = `query($id: ID!) { family(id: $id) { members { relation person { id } } plan { version } } }`;
    const CHANGE_PHASE = `mutation($familyId: ID!, $to: FamilyPhase!) { changePhase(familyId: $familyId, to: $to) { phase } }`;
    const START_PLAN = `mutation($familyId: ID!) { startPlan(familyId: $familyId) { version } }`;
    const SET_ANALYSIS = `mutation($familyId: ID!, $v: Int!, $input: AnalysisInput!) { setAnalysis(familyId: $familyId, expectedVersion: $v, input: $input) { version } }`;
    const ADD_GOAL = `mutation($familyId: ID!, $v: Int!, $input: GoalInput!) { addGoal(familyId: $familyId, expectedVersion: $v, input: $input) { version } }`;
    const ADD_TASK = `mutation($familyId: ID!, $v: Int!, $input: TaskInput!) { addTask(familyId: $familyId, expectedVersion: $v, input: $input) { version } }`;

    /** A household registered by the process lead and given a plan through the API, covering every member and domain, with one task. */
    async function aFamilyThroughTheApi(): Promise<void> {
      const parent = { bsn: bsnNumber((bsnSeed += 10)), givenName: "Sanne", familyName: "Api", birthDate: "1987-04-02", relation: "PARENT", legalCustody: true };
      const child = { bsn: bsnNumber((bsnSeed += 10)), givenName: "Daan", familyName: "Api", birthDate: "2015-09-12", relation: "CHILD" };
      const input = { name: `Gezin Api ${bsnSeed}`, category: "MPG2", regisseurId: region.coach.id, members: [parent, child] };
      const familyId = data(await app.gql<{ registerFamily: { id: string } }>(REGISTER, { input }, region.processLead.id)).registerFamily.id;
      const coach = region.coach.id;
      await data(await app.gql(CHANGE_PHASE, { familyId, to: "PLANNING" }, coach));
      let version = data(await app.gql<{ startPlan: { version: number } }>(START_PLAN, { familyId }, coach)).startPlan.version;
      const members = data(await app.gql<{ family: { members: { relation: string; person: { id: string } }[] } }>(MEMBERS, { id: familyId }, coach)).family.members;
      const parentId = members.find((member) => member.relation === "PARENT")!.person.id;
      const childId = members.find((member) => member.relation === "CHILD")!.person.id;
      const step = async <T extends Record<string, { version: number }>>(query: string, variables: Record<string, unknown>) => {
        const answer = data(await app.gql<T>(query, { familyId, v: version, ...variables }, coach));
        version = Object.values(answer)[0]!.version;
      };
      await step(SET_ANALYSIS, { input: { lifeDomain: "HOUSING", text: "Huurachterstand." } });
      await step(SET_ANALYSIS, { input: { lifeDomain: "FINANCES", memberId: parentId, text: "Schulden." } });
      await step(ADD_GOAL, { input: { lifeDomain: "HOUSING", memberIds: [childId], ownWords: "Een rustig huis.", target: "Geen achterstand." } });
      await step(ADD_TASK, { input: { lifeDomain: "HOUSING", description: "Regeling treffen.", leadPartnerId: region.partnerId, dueDate: "2026-11-30" } });
      await data(await app.gql(CHANGE_PHASE, { familyId, to: "EXECUTING" }, coach));
    }

    beforeAll(async () => {
      region = await aStaffedRegion("suppression");
      for (let i = 0; i < 4; i++) await aFamilyThroughTheApi();
    });

    it("withholds every figure resting on four families, and shows it at five", async () => {
      const period = { from: "2026-01-01", to: TODAY };
      const four = await figures(region.evaluator, period);
      for (const key of ["families_in_view", "families_in_approach", "one_plan", "plan_covers_family", "open_tasks"]) {
        expect(pick(four[key]), key).toEqual(hidden);
      }
      await aFamilyThroughTheApi();
      const five = await figures(region.evaluator, period);
      expect(pick(five["families_in_view"])).toEqual(shown(5, 5));
      expect(pick(five["families_in_view.MPG2"])).toEqual(shown(5, 5));
      expect(pick(five["families_in_approach"])).toEqual(shown(5, 5));
      expect(pick(five["one_plan"])).toEqual(shown(100, 5));
      expect(pick(five["one_regisseur"])).toEqual(shown(100, 5));
      expect(pick(five["plan_covers_family"])).toEqual(shown(100, 5));
      expect(pick(five["open_tasks"])).toEqual(shown(5, 5));
      expect(pick(five["overdue_tasks"])).toEqual(hidden);
    });

    it("counts the API's tasks overdue once their due date has passed", async () => {
      app.clock.set("2026-12-10T10:00:00+01:00");
      try {
        const result = await figures(region.evaluator, { from: "2026-01-01", to: "2026-12-10" });
        expect(pick(result["overdue_tasks"])).toEqual(shown(5, 5));
      } finally {
        app.clock.set(`${TODAY}T10:00:00+01:00`);
      }
    });
  });

  // --- the report as a whole -----------------------------------------------------------------

  describe("the report", () => {
    let region: Staff;

    beforeAll(async () => {
      region = await aStaffedRegion("report");
      for (let i = 0; i < 6; i++) {
        const family = await region.history.family({ phases: [["SCREENED", "2026-02-01"]], categories: [["MPG1", "2026-02-01"]] });
        await family.plan("2026-02-10");
      }
    });

    it("groups the figures by the five themes, each with its definition, and states its period and reference day", async () => {
      const answer = await report(region.evaluator);
      expect(answer).toMatchObject({ from: PAST.from, to: PAST.to, asOf: PAST.to, minimumFamilies: 5 });
      expect(answer.themes.map((theme) => theme.theme)).toEqual(["REACH", "FAMILY_CENTRAL", "APPROACH", "COOPERATION", "CONTINUITY"]);
      const all = answer.themes.flatMap((theme) => theme.indicators);
      expect(new Set(all.map((figure) => figure.key)).size).toBe(all.length);
      for (const figure of all) {
        expect(figure.description.length, figure.key).toBeGreaterThan(40);
        expect(figure.description, figure.key).toContain("Rests on");
      }
      const keys = all.map((figure) => figure.key);
      for (const amsterdam of ["one_plan", "one_regisseur", "plan_covers_family", "days_to_agreed_plan", "open_tasks", "overdue_tasks", "evaluations_on_time", "goals_achieved_at_closure", "aftercare_arranged", "duration_closed"]) {
        expect(keys).toContain(amsterdam);
      }
    });

    it("gives the same figures as CSV, a suppressed value left empty", async () => {
      const answer = await report(region.evaluator);
      const lines = answer.csv.split("\r\n");
      expect(lines.at(-1)).toBe("");
      expect(lines[0]).toBe("theme,key,label,value,unit,families,suppressed");
      const parse = (line: string) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, 7).map((match) => match[1]!.replace(/^"|"$/g, "").replace(/""/g, '"'));
      const rows = lines.slice(1, -1).map(parse);
      const expected = answer.themes.flatMap((theme) =>
        theme.indicators.map((figure) => [theme.theme, figure.key, figure.label, figure.value === null ? "" : String(figure.value), figure.unit, figure.families === null ? "" : String(figure.families), String(figure.suppressed)]),
      );
      expect(rows).toEqual(expected);
      expect(rows.find((row) => row[1] === "one_plan")).toEqual(["APPROACH", "one_plan", "Families with one plan", "100", "PERCENT", "6", "false"]);
      expect(rows.find((row) => row[1] === "closures")).toEqual(["CONTINUITY", "closures", "Families closed", "", "CLOSURES", "", "true"]);
    });

    it("aggregates in a fixed handful of statements, however many families there are", async () => {
      const count = async (as: Who) => {
        const before = app.database.statements();
        await report(as);
        return app.database.statements() - before;
      };
      const small = await count(region.evaluator);
      for (let i = 0; i < 20; i++) {
        const family = await region.history.family({ phases: [["SCREENED", "2026-02-01"], ["EXECUTING", "2026-03-01"]], categories: [["MPG2", "2026-02-01"]] });
        const plan = await family.plan("2026-02-10");
        await plan.task("2026-03-01", "2026-02-10");
        await plan.evaluation("2026-05-10");
        await family.escalation("2026-03-01", [{ started: "2026-03-01", due: "2026-03-15" }]);
      }
      const large = await count(region.evaluator);
      expect(large).toBe(small);
      expect(small).toBeLessThanOrEqual(7);
    });

    describe("who may ask", () => {
      for (const role of ["EVALUATOR", "PROCESS_LEAD", "PROJECT_LEAD"] as const) {
        it(`answers ${role}`, async () => {
          const asker = await aProfessional(app.database.db, { id: region.partnerId, regionId: region.regionId }, [role]);
          expect((await report(asker)).themes).toHaveLength(5);
        });
      }
      for (const role of ["COACH", "PARTNER_PROFESSIONAL", "PARTNER_MANAGER", "ADMINISTRATOR", "COVENANT_ADMIN"] as const) {
        it(`refuses ${role}`, async () => {
          const asker = await aProfessional(app.database.db, { id: region.partnerId, regionId: region.regionId }, [role]);
          const response = await app.gql<{ indicators: Report | null }>(REPORT, PAST, asker.id);
          refused(response, "FORBIDDEN");
          expect(response.body.data?.indicators ?? null).toBeNull();
        });
      }
      it("refuses an anonymous caller", async () => {
        expect(codes(await app.gql(REPORT, PAST, null))).toEqual(["UNAUTHENTICATED"]);
      });
    });

    describe("a bad period", () => {
      const cases: [string, { from: string; to: string }, string][] = [
        ["from after to", { from: "2026-06-30", to: "2026-01-01" }, "to"],
        ["longer than 366 days", { from: "2025-01-01", to: "2026-01-02" }, "to"],
        ["a period that has not begun", { from: "2026-12-01", to: "2026-12-31" }, "from"],
        ["a year before 1900", { from: "1899-12-31", to: "1900-01-01" }, "from"],
      ];
      for (const [what, period, field] of cases) {
        it(`refuses ${what}, naming ${field}`, async () => {
          refused(await app.gql(REPORT, period, region.evaluator.id), "BAD_USER_INPUT", field);
        });
      }
      it("accepts exactly 366 days (a leap year)", async () => {
        expect((await report(region.evaluator, { from: "2024-01-01", to: "2024-12-31" })).asOf).toBe("2024-12-31");
      });
      for (const [what, period, variable] of [
        ["a date that is no calendar day", { from: "2026-02-30", to: "2026-06-30" }, "$from"],
        ["a date written as DD-MM-YYYY", { from: "2026-01-01", to: "30-06-2026" }, "$to"],
      ] as const) {
        it(`refuses ${what} while reading the arguments`, async () => {
          const response = await app.gql(REPORT, period, region.evaluator.id);
          expect([200, 400]).toContain(response.status);
          expect(codes(response)).toEqual(["BAD_USER_INPUT"]);
          expect(response.body.errors![0]!.message).toContain(variable);
        });
      }
    });
  });

  // --- the demo ------------------------------------------------------------------------------

  describe("the demo data", () => {
    beforeAll(async () => {
      await seedDemo(app.database.db, app.clock.now());
    });

    it("has an evaluator in every demo region", () => {
      for (const region of DEMO_REGIONS) {
        expect(region.professionals.some((professional) => professional.roles.includes("EVALUATOR")), region.code).toBe(true);
      }
    });

    it("gives each demo region's evaluator and process leads a report without errors", async () => {
      const period = { from: "2026-01-01", to: TODAY };
      for (const email of ["evaluator@groningen.demo", "projectleider@groningen.demo", "evaluator@amsterdam.demo", "procesmanager@amsterdam.demo", "coordinator@amsterdam.demo"]) {
        const answer = data(await app.gql<{ indicators: Report }>(REPORT, period, demoProfessionalId(email))).indicators;
        expect(answer.themes, email).toHaveLength(5);
      }
      const groningen = data(await app.gql<{ indicators: Report }>(REPORT, period, demoProfessionalId("evaluator@groningen.demo"))).indicators;
      const result = Object.fromEntries(groningen.themes.flatMap((theme) => theme.indicators).map((figure) => [figure.key, figure]));
      // Groningen's ten selected families and a concern waiting for screening.
      expect(pick(result["families_in_view"])).toEqual(shown(11, 11));
      expect(result["families_in_approach"]!.suppressed).toBe(false);
    });

    it("adds the Amsterdam evaluator to a database seeded before it", async () => {
      const id = demoProfessionalId("evaluator@amsterdam.demo");
      await app.database.db.delete(professionals).where(eq(professionals.id, id));
      refused(await app.gql(REPORT, { from: "2026-01-01", to: TODAY }, id), "UNAUTHENTICATED");
      await seedDemo(app.database.db, app.clock.now());
      expect(data(await app.gql<{ indicators: Report }>(REPORT, { from: "2026-01-01", to: TODAY }, id)).indicators.themes).toHaveLength(5);
    });

    it("refuses the demo's coaches and partners", async () => {
      for (const email of ["coach1@groningen.demo", "politie@amsterdam.demo"]) {
        refused(await app.gql(REPORT, { from: "2026-01-01", to: TODAY }, demoProfessionalId(email)), "FORBIDDEN");
      }
    });
  });
});
