import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoProfessionalId } from "../src/demo/identity.js";
import { seedDemo } from "../src/demo/seed.js";
import { raiseDeadlines } from "../src/process/deadlines.js";
import { codes, startTestApp, type TestApp } from "./support/app.js";

/*
 * What a coach, a process lead and a manager see in GraphiQL on the demo data (issue "from signal
 * to closure", done when): families in every phase, open and overdue escalations, overdue tasks,
 * a concern and a crisis waiting, advices to answer, a family ready to close, and the deadline
 * job filling the inboxes of whoever must act.
 */

const PHASES = ["SIGNALLED", "SCREENED", "PLANNING", "EXECUTING", "EVALUATING", "CLOSING", "AFTERCARE", "CLOSED"];

interface FamilyView {
  id: string;
  name: string;
  phase: string | null;
  phaseHistory: { phase: string; days: number }[] | null;
  plan: { tasks: { overdue: boolean | null }[] } | null;
}

const CASELOAD = `{ families { nodes { id name phase phaseHistory { phase days } plan { tasks { overdue } } } } }`;
const TO_ACT = `{ escalationsToAct { nodes { familyId subject currentStep binding steps { step dueAt overdue outcome } } } }`;
const INBOX = `{ notifications(unreadOnly: true) { nodes { kind familyId subjectId due } } }`;

describe("the demo process", () => {
  let app: TestApp;
  const gql = <T>(email: string, query: string, variables?: Record<string, unknown>) =>
    app.gql<T>(query, variables, demoProfessionalId(email));
  const caseload = async (email: string) => {
    const response = await gql<{ families: { nodes: FamilyView[] } }>(email, CASELOAD);
    expect(response.body.errors ?? []).toEqual([]);
    return response.body.data!.families.nodes;
  };
  const inbox = async (email: string) => (await gql<{ notifications: { nodes: { kind: string; familyId: string | null }[] } }>(email, INBOX)).body.data!.notifications.nodes;

  beforeAll(async () => {
    app = await startTestApp();
    await seedDemo(app.database.db, app.clock.now());
    // Seeding twice changes nothing.
    await seedDemo(app.database.db, app.clock.now());
  });
  afterAll(() => app.close());

  it("holds Groningen's families in every phase, each with its history", async () => {
    const families = await caseload("projectleider@groningen.demo");
    expect([...new Set(families.map((family) => family.phase))].sort()).toEqual([...PHASES].sort());
    for (const family of families) {
      expect(family.phaseHistory!.at(-1)!.phase, family.name).toBe(family.phase);
    }
    const boer = families.find((family) => family.name === "Gezin de Boer")!;
    expect(boer.phaseHistory!.map((period) => period.phase)).toEqual(["SCREENED", "PLANNING", "EXECUTING", "EVALUATING", "CLOSING"]);
  });

  it("gives a Groningen coach a caseload with overdue tasks and an overdue escalation to decide", async () => {
    const families = await caseload("coach1@groningen.demo");
    expect(families.map((family) => family.name)).toEqual(expect.arrayContaining(["Gezin Bakker", "Gezin Mulder", "Gezin Bosman"]));
    const bakker = families.find((family) => family.name === "Gezin Bakker")!;
    expect(bakker.plan!.tasks.some((task) => task.overdue)).toBe(true);
    const toAct = (await gql<{ escalationsToAct: { nodes: { familyId: string; currentStep: number; steps: { overdue: boolean | null }[] }[] } }>("coach1@groningen.demo", TO_ACT)).body.data!
      .escalationsToAct.nodes;
    expect(toAct).toHaveLength(1);
    expect(toAct[0]).toMatchObject({ familyId: bakker.id, currentStep: 1 });
    expect(toAct[0]!.steps.at(-1)!.overdue).toBe(true);
  });

  it("has Amsterdam's Jansen escalation at step 2, overdue, for the process manager and the line managers", async () => {
    for (const email of ["procesmanager@amsterdam.demo", "manager.ymere@amsterdam.demo"]) {
      const toAct = (await gql<{ escalationsToAct: { nodes: { currentStep: number; steps: { outcome: string | null; overdue: boolean | null }[] }[] } }>(email, TO_ACT)).body.data!.escalationsToAct.nodes;
      expect(toAct, email).toHaveLength(1);
      expect(toAct[0]!.currentStep).toBe(2);
      expect(toAct[0]!.steps.map((step) => step.outcome)).toEqual(["ESCALATED", null]);
      expect(toAct[0]!.steps[1]!.overdue).toBe(true);
    }
    // The alderman is no party yet: step 3 has not been reached.
    expect((await gql<{ escalationsToAct: { nodes: unknown[] } }>("wethouder@amsterdam.demo", TO_ACT)).body.data!.escalationsToAct.nodes).toEqual([]);
  });

  it("has a concern for the coordinator to screen and a crisis routed to youth care", async () => {
    const groningen = await caseload("projectleider@groningen.demo");
    expect(groningen.find((family) => family.name === "Gezin Dijkstra")?.phase).toBe("SIGNALLED");
    const amsterdam = await caseload("coordinator@amsterdam.demo");
    expect(amsterdam.find((family) => family.name === "Gezin Yilmaz")?.phase).toBe("SIGNALLED");
    expect((await inbox("coordinator@amsterdam.demo")).map((notification) => notification.kind)).toContain("CONCERN_ROUTED");
    const crisis = (await inbox("manager.jbra@amsterdam.demo")).find((notification) => notification.kind === "CRISIS_ROUTED");
    // Only the concern: a family id would tell youth care whether the household was already known.
    expect(crisis).toMatchObject({ familyId: null });
    const concerns = await gql<{ concerns: { nodes: { route: string; crisis: boolean }[] } }>("manager.jbra@amsterdam.demo", `{ concerns(openOnly: true) { nodes { route crisis } } }`);
    expect(concerns.body.data!.concerns.nodes).toEqual([{ route: "CRISIS", crisis: true }]);
  });

  it("has Lefier's manager an overdue binding advice to answer", async () => {
    const response = await gql<{ advicesToAnswer: { nodes: { binding: boolean; overdue: boolean; decisionType: string }[] } }>(
      "manager.lefier@groningen.demo",
      `{ advicesToAnswer { nodes { binding overdue decisionType } } }`,
    );
    expect(response.body.data!.advicesToAnswer.nodes).toEqual([{ binding: true, overdue: true, decisionType: "STOP_BAILIFF_OR_EVICTION" }]);
  });

  it("fills the inboxes of whoever must act when the deadline job runs, once", async () => {
    const first = await raiseDeadlines(app.database.db, app.clock.now());
    // Gezin Smit's aftercare revisit is in March; everything else has something due today.
    const { "aftercare-revisit-due": revisits, ...due } = first;
    expect(revisits).toBe(0);
    expect(Object.values(due).every((raised) => raised > 0), JSON.stringify(first)).toBe(true);
    expect((await inbox("coach1@groningen.demo")).map((notification) => notification.kind)).toEqual(
      expect.arrayContaining(["ESCALATION_OVERDUE", "EVALUATION_DUE", "MANDATE_OVERDUE"]),
    );
    expect((await inbox("lefier@groningen.demo")).map((notification) => notification.kind)).toContain("TASK_OVERDUE");
    // The police's report of their call-out at Gezin Bakker is two days overdue.
    expect((await inbox("coach1@groningen.demo")).map((notification) => notification.kind)).toContain("STEP_REPORT_OVERDUE");
    expect((await inbox("procesmanager@amsterdam.demo")).map((notification) => notification.kind)).toContain("ESCALATION_OVERDUE");
    const again = await raiseDeadlines(app.database.db, app.clock.now());
    expect(Object.values(again).every((raised) => raised === 0), JSON.stringify(again)).toBe(true);

    // In March MJD, keeping Gezin Smit's aftercare, is told to look again.
    const today = app.clock.now();
    app.clock.set("2027-03-01T09:00:00+01:00");
    expect((await raiseDeadlines(app.database.db, app.clock.now()))["aftercare-revisit-due"]).toBeGreaterThan(0);
    expect((await inbox("mjd@groningen.demo")).map((notification) => notification.kind)).toContain("AFTERCARE_REVISIT_DUE");
    app.clock.set(today);
  });

  it("lets the coach close Gezin de Boer on its final evaluation, with a positive exit", async () => {
    const boer = (await caseload("coach3@groningen.demo")).find((family) => family.name === "Gezin de Boer")!;
    const closed = await gql<{ closeFamily: { phase: string; closures: { goalsTotal: number; goalsAchieved: number; positiveExit: boolean }[] } }>(
      "coach3@groningen.demo",
      `mutation($id: ID!) { closeFamily(familyId: $id, input: { aftercare: {} }) { phase closures { goalsTotal goalsAchieved positiveExit } } }`,
      { id: boer.id },
    );
    expect(codes(closed)).toEqual([]);
    expect(closed.body.data!.closeFamily).toEqual({ phase: "AFTERCARE", closures: [{ goalsTotal: 5, goalsAchieved: 4, positiveExit: true }] });
  });
});
