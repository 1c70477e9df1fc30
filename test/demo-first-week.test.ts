import { parse, print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoProfessionalId } from "../src/demo/identity.js";
import { seedDemo } from "../src/demo/seed.js";
import { DEFAULT_QUERY } from "../src/server/graphiql.js";
import { codes, data, startTestApp, type TestApp } from "./support/app.js";

/*
 * GraphiQL's tour of the family's first week (issue 16), run as its comments say, on the demo
 * data: each point shows in the demo regions, and what a reader may not read comes back null
 * with FORBIDDEN.
 */

const operation = (name: string) => print(parse(DEFAULT_QUERY).definitions.find((definition) => definition.kind === "OperationDefinition" && definition.name?.value === name)!);

type Week = {
  name: string;
  contactDetails: unknown[] | null;
  coordinatedSteps: { kind: string; status: string; overdue: boolean; content: { description: string | null } | null }[] | null;
  caseMeetings: { meeting: { name: string }; content: unknown }[] | null;
  network: { content: { name: string } | null }[] | null;
  budget: { ceilingCents: number | null; committedCents: number } | null;
  plan: { adoptedIn: { meeting: { name: string } } | null; tasks: { askedOn: string | null; leadPartner: unknown; content: { leadNetworkMemberId: string | null } | null }[] } | null;
};

describe("the tour of a family's first week, on the demo", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await seedDemo(app.database.db, app.clock.now());
  });
  afterAll(() => app?.close());
  const as = <T>(email: string, name: string, variables: Record<string, unknown> = {}) => app.gql<T>(operation(name), variables, demoProfessionalId(email));
  const week = async (email: string, family: string) => {
    const response = await as<{ families: { nodes: Week[] } }>(email, "FamilyFirstWeek");
    return { response, family: response.body.data!.families.nodes.find((node) => node.name === family)! };
  };

  it("shows the regisseur of Gezin Jansen every part of it", async () => {
    const { response, family } = await week("coach2@amsterdam.demo", "Gezin Jansen");
    expect(response.body.errors ?? []).toEqual([]);
    expect(family.contactDetails).toHaveLength(2);
    expect(family.coordinatedSteps!.map((step) => [step.kind, step.status])).toEqual([
      ["AFTERWARDS", "REPORTED"],
      ["ANNOUNCED", "ANNOUNCED"],
    ]);
    expect(family.caseMeetings!.map((meeting) => meeting.meeting.name)).toEqual(["MDO+ (multidisciplinair overleg)"]);
    expect(family.network!.map((member) => member.content!.name)).toEqual(["Buurvrouw Samira"]);
    expect(family.plan!.adoptedIn!.meeting.name).toBe("MDO+ (multidisciplinair overleg)");
    expect(family.plan!.tasks.every((task) => task.askedOn !== null)).toBe(true);
  });

  it("shows the housing corporation the process and its own step, not the police's house ban or the minutes", async () => {
    const { response, family } = await week("ymere@amsterdam.demo", "Gezin Jansen");
    expect(new Set(codes(response))).toEqual(new Set(["FORBIDDEN"]));
    expect(family.coordinatedSteps!.map((step) => step.content?.description ?? null)).toEqual([null, "Gesprek over het aanhouden van de ontruiming; eerst afgestemd met de gezinsmanager."]);
    expect(family.caseMeetings!.map((meeting) => meeting.content)).toEqual([null]);
  });

  it("shows Groningen's regisseur an overdue police report, the network leading a task, and the budget", async () => {
    const { family } = await week("coach1@groningen.demo", "Gezin Bakker");
    expect(family.coordinatedSteps!.find((step) => step.status === "AWAITING_REPORT")).toMatchObject({ overdue: true, content: { description: null } });
    expect(family.network!.map((member) => member.content!.name).sort()).toEqual(["Oma Bakker", "Trainer Henk"]);
    expect(family.plan!.tasks.some((task) => task.leadPartner === null && task.content!.leadNetworkMemberId !== null)).toBe(true);
    expect(family.budget).toMatchObject({ ceilingCents: 500_000, committedCents: 125_000 });
  });

  it("gives the project leader the region's norms, the top 10, the commitments to decide and the figures", async () => {
    const desk = data(
      await as<{
        processSettings: Record<string, unknown>;
        selectionRounds: { title: string; nominations: { selected: boolean; family: { name: string } | null }[] }[];
        commitmentsToDecide: { nodes: { content: { service: string } }[] };
        indicators: { themes: { indicators: { key: string }[] }[] };
      }>("projectleider@groningen.demo", "ProjectLeaderDesk"),
    );
    expect(desk.processSettings).toEqual({ caseloadCeiling: 10, stepReportDays: 2, waitingNormDays: 28, budgetCeilingCents: 500_000 });
    expect(desk.selectionRounds).toEqual([expect.objectContaining({ title: "Top 10, najaar 2025", nominations: [expect.objectContaining({ selected: true, family: { name: "Gezin Bakker" } })] })]);
    expect(desk.commitmentsToDecide.nodes.map((node) => node.content.service)).toEqual(["Huiswerkbegeleiding voor Daan, tien weken"]);
    const keys = desk.indicators.themes.flatMap((theme) => theme.indicators.map((indicator) => indicator.key));
    expect(keys).toEqual(expect.arrayContaining(["help_waiting_days", "help_waiting_over_norm", "cost_per_family", "cost_per_completed_plan"]));
  });

  it("shows Amsterdam's ladders per commissioner, ending at the mayor where nuisance dominates", async () => {
    const ladders = data(await as<{ local: { deciders: string[] }[]; regionalNuisance: { deciders: string[] }[] }>("coach2@amsterdam.demo", "EscalationLadders"));
    expect(ladders.local.at(-1)!.deciders).toEqual(["ADMINISTRATORS"]);
    expect(ladders.regionalNuisance.at(-1)!.deciders).toEqual(["MAYOR"]);
  });

  it("moves a Groningen household to Amsterdam as the tour does: closed there, offered here, taken in", async () => {
    const ids = data(await app.gql<{ families: { nodes: { id: string; name: string }[] } }>(`{ families(first: 20) { nodes { id name } } }`, {}, demoProfessionalId("coach1@groningen.demo"))).families.nodes;
    const bakker = ids.find((node) => node.name === "Gezin Bakker")!.id;
    expect(data(await as<{ handOverToRegion: { status: string } }>("coach1@groningen.demo", "HouseholdMovesAway", { familyId: bakker })).handOverToRegion.status).toBe("OFFERED");
    const offered = data(await as<{ regionHandovers: { id: string; fromRegion: string; household: { name: string; members: unknown[] } }[] }>("coordinator@amsterdam.demo", "RegionHandovers")).regionHandovers;
    expect(offered).toEqual([expect.objectContaining({ fromRegion: "Groningen pilot", household: expect.objectContaining({ name: "Gezin Bakker" }) })]);
  });
});

