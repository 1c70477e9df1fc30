import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoProfessionalId } from "../src/demo/identity.js";
import { seedDemo } from "../src/demo/seed.js";
import { startTestApp, type TestApp } from "./support/app.js";

/*
 * The "done when", on the demo data a coach explores in GraphiQL: the regisseur sees
 * the whole plan; Ymere (housing, Amsterdam) sees the housing parts and its own tasks; the
 * Amsterdam police officer sees only that the others are involved.
 */
const FAMILIES = `{ families { nodes { id name myAccess { level causes { kind level covenantVersion lifeDomains basis } }
  involvements { organisation professional member }
  plan { version analyses { content { lifeDomain text } } goals { content { lifeDomain ownWords } }
    tasks { content { description lifeDomain } leadPartner { name } } coachNotes { text } } } } }`;

interface FamilyView {
  name: string;
  myAccess: { level: string; causes: { kind: string; level: string; covenantVersion: number | null; lifeDomains: string[] | null; basis: string | null }[] };
  involvements: { organisation: string; member: string }[] | null;
  plan: {
    version: number;
    // What a part says: null (with one FORBIDDEN) where the covenant does not open it.
    analyses: { content: { lifeDomain: string; text: string } | null }[];
    goals: { content: { lifeDomain: string; ownWords: string } | null }[];
    tasks: { content: { description: string; lifeDomain: string } | null; leadPartner: { name: string } | null }[];
    coachNotes: { text: string }[] | null;
  } | null;
}

describe("the demo plans under two covenants", () => {
  let app: TestApp;
  const as = async (email: string) => {
    const response = await app.gql<{ families: { nodes: FamilyView[] } }>(FAMILIES, {}, demoProfessionalId(email));
    return { families: response.body.data?.families.nodes ?? [], errors: response.body.errors ?? [] };
  };

  beforeAll(async () => {
    app = await startTestApp();
    await seedDemo(app.database.db, app.clock.now());
  });
  afterAll(() => app.close());

  it("shows the Amsterdam regisseur the whole plan, coach notes included", async () => {
    const { families, errors } = await as("coach2@amsterdam.demo");
    const jansen = families.find((family) => family.name === "Gezin Jansen")!;
    expect(jansen.myAccess.level).toBe("FULL");
    expect(jansen.plan!.analyses.map((analysis) => analysis.content?.lifeDomain).sort()).toEqual(["DEBTS", "HOUSING", "PARENTING", "SAFETY"]);
    expect(jansen.plan!.tasks.every((task) => task.content !== null)).toBe(true);
    expect(jansen.plan!.coachNotes).toHaveLength(1);
    expect(errors.filter((error) => error.path?.includes(families.indexOf(jansen)))).toEqual([]);
  });

  it("shows Ymere only the housing parts and its own tasks, because of consent", async () => {
    const { families } = await as("ymere@amsterdam.demo");
    const jansen = families.find((family) => family.name === "Gezin Jansen")!;
    expect(jansen.myAccess.level).toBe("SECTION");
    expect(jansen.myAccess.causes.map((cause) => cause.kind)).toContain("CONSENT");
    expect(jansen.plan!.analyses.filter((analysis) => analysis.content !== null).map((analysis) => analysis.content!.lifeDomain)).toEqual(["HOUSING"]);
    expect(jansen.plan!.goals.filter((goal) => goal.content !== null).map((goal) => goal.content!.lifeDomain)).toEqual(["HOUSING"]);
    const visibleTasks = jansen.plan!.tasks.filter((task) => task.content !== null);
    expect(visibleTasks.map((task) => task.leadPartner?.name)).toEqual(["Ymere", "Ymere"]);
    expect(visibleTasks.map((task) => task.content!.lifeDomain).sort()).toEqual(["DEBTS", "HOUSING"]);
    expect(jansen.plan!.coachNotes).toBeNull();
  });

  it("shows the Amsterdam police officer only that the others are involved", async () => {
    const { families } = await as("politie@amsterdam.demo");
    // Involved with Tess Jansen, and with Kevin Mulder who stays with Gezin Visser.
    expect(families.map((family) => family.name)).toEqual(["Gezin Jansen", "Gezin Visser"]);
    expect(families.map((family) => family.myAccess.level)).toEqual(["DAT", "DAT"]);
    const jansen = families[0]!;
    expect(jansen.plan).toBeNull();
    expect(jansen.involvements!.map((involvement) => involvement.organisation)).toContain("Jeugdbescherming Regio Amsterdam");
  });

  it("shows youth protection the safety parts of the children under its measure, on the legal ground", async () => {
    const { families } = await as("jeugdbescherming@amsterdam.demo");
    const jansen = families.find((family) => family.name === "Gezin Jansen")!;
    expect(jansen.myAccess.causes.some((cause) => cause.kind === "LEGAL_GROUND" && cause.basis?.includes("1:255 BW"))).toBe(true);
    expect(jansen.plan!.analyses.filter((analysis) => analysis.content !== null).map((analysis) => analysis.content!.lifeDomain)).toEqual(["SAFETY"]);
  });

  it("opens Groningen's plans to every signatory, as its covenant says, but never the coach notes", async () => {
    const { families } = await as("politie@groningen.demo");
    const bakker = families.find((family) => family.name === "Gezin Bakker")!;
    expect(bakker.myAccess.level).toBe("SECTION");
    expect(bakker.plan!.analyses.every((analysis) => analysis.content !== null)).toBe(true);
    expect(bakker.plan!.coachNotes).toBeNull();
  });

  it("keeps case content from a signatory's staff who do not work with families", async () => {
    // The project leader is the process lead: the process, never the content.
    const lead = (await as("projectleider@groningen.demo")).families.find((family) => family.name === "Gezin Bakker")!;
    expect(lead.myAccess.level).toBe("PROCESS");
    expect(lead.plan!.analyses.map((analysis) => analysis.content)).toEqual([null, null, null]);
    // Employed by a signatory, but the covenant is not theirs to use.
    for (const email of ["beheer@groningen.demo", "evaluator@groningen.demo", "wethouder@groningen.demo"]) {
      expect((await as(email)).families).toEqual([]);
    }
  });

  it("gives a non-signatory nothing, not even the family's existence", async () => {
    const { families } = await as("cordaan@amsterdam.demo");
    expect(families).toEqual([]);
  });
});
