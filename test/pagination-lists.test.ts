import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signClientToken } from "../src/auth/tokens.js";
import { demoClientAccountId, demoProfessionalId } from "../src/demo/identity.js";
import { seedDemo } from "../src/demo/seed.js";
import { raiseDeadlines } from "../src/process/deadlines.js";
import { useCursorSecret } from "../src/pagination/cursor.js";
import { bsnNumber } from "./support/builders.js";
import { data, refused, startTestApp, type GraphQLResponse, type TestApp } from "./support/app.js";

/*
 * Every list that grows with a region is a page at a time (issue: a contract partner front-ends
 * can build on): on the demo data, as its users ask them, each list walked in pages of one gives
 * exactly the one big page, in the same order, and a cursor works only for the caller, the list
 * and the arguments it was made for.
 */

type Page = { nodes: Record<string, unknown>[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

interface Case {
  /** The list's root field, and its arguments besides first and after (as a GraphQL fragment of the query). */
  field: string;
  args?: string;
  variables?: Record<string, unknown>;
  /** What to ask of each item: enough to tell items apart and see the order. */
  select: string;
  /** Who asks: a professional's or a client's demo e-mail. */
  as: string;
  /** Another caller who may ask the same list, for whom this caller's cursor is no cursor. */
  other: string;
}

const COACH = "coach1@groningen.demo";
const LINDA = "linda.bakker@groningen.client.demo";

const CASES: Case[] = [
  { field: "families", select: "id name", as: "projectleider@groningen.demo", other: COACH },
  { field: "escalations", args: "openOnly: false", select: "id raisedAt", as: "projectleider@groningen.demo", other: COACH },
  { field: "dueEvaluations", args: "withinDays: 366", select: "familyId nextEvaluationDue", as: COACH, other: "coach2@groningen.demo" },
  { field: "myTasks", select: "id dueDate", as: "ymere@amsterdam.demo", other: "coach2@amsterdam.demo" },
  { field: "concerns", select: "id submittedAt", as: COACH, other: "coach2@groningen.demo" },
  { field: "advices", args: "familyId: $familyId", select: "id issuedAt", as: COACH, other: "projectleider@groningen.demo" },
  { field: "advicesToAnswer", args: "openOnly: false", select: "id answerDue", as: "lefier@groningen.demo", other: "manager.lefier@groningen.demo" },
  { field: "notifications", select: "id createdAt", as: "projectleider@groningen.demo", other: COACH },
  { field: "myAccessLog", select: "at action data", as: LINDA, other: "patrick.jansen@amsterdam.client.demo" },
  { field: "myRequests", select: "id filedAt", as: LINDA, other: "patrick.jansen@amsterdam.client.demo" },
  { field: "rightsRequestsToDecide", select: "id filedAt", as: COACH, other: "projectleider@groningen.demo" },
];

const CONCERN = `mutation($input: ConcernInput!) { registerConcern(input: $input) { route } }`;
const ADVICE = `mutation($familyId: ID!, $input: AdviceInput!) { issueAdvice(familyId: $familyId, input: $input) { id } }`;
const REQUEST = `mutation($input: RightsRequestInput!) { submitMyRightsRequest(input: $input) { id } }`;

describe("every list, a page at a time, on the demo data", () => {
  let app: TestApp;

  const ask = (as: string, query: string, variables: Record<string, unknown>): Promise<GraphQLResponse<Record<string, Page>>> =>
    as.includes(".client.demo")
      ? app.gqlWithHeader<Record<string, Page>>(query, `Bearer ${signClientToken(app.config, demoClientAccountId(as))}`, variables)
      : app.gql<Record<string, Page>>(query, variables, demoProfessionalId(as));
  let familyId = "";
  let otherFamilyId = "";
  const queryOf = (c: Case) =>
    `query($first: Int, $after: String${c.args?.includes("$familyId") ? ", $familyId: ID!" : ""}) { ${c.field}(${c.args ? `${c.args}, ` : ""}first: $first, after: $after) { nodes { ${c.select} } pageInfo { hasNextPage endCursor } } }`;

  beforeAll(async () => {
    app = await startTestApp();
    useCursorSecret(app.config);
    await seedDemo(app.database.db, app.clock.now());
    await raiseDeadlines(app.database.db, app.clock.now());
    // What the demo holds once of: two more of each, made as their users make them.
    const mine = data(await app.gql<{ families: { nodes: { id: string; name: string }[] } }>(`{ families(filter: { mine: true }) { nodes { id name } } }`, {}, demoProfessionalId(COACH)));
    familyId = mine.families.nodes.find((family) => family.name === "Gezin Bakker")!.id;
    otherFamilyId = mine.families.nodes.find((family) => family.name !== "Gezin Bakker")!.id;
    const partners = data(await app.gql<{ partners: { id: string; name: string }[] }>(`{ partners { id name } }`, {}, demoProfessionalId(COACH))).partners;
    const lefier = partners.find((partner) => partner.name.includes("Lefier"))!.id;
    for (const index of [0, 1]) {
      const parent = { bsn: bsnNumber(41_000_000 + 10 * index), givenName: `Ouder${index}`, familyName: "Paginering", birthDate: "1985-03-01", relation: "PARENT", legalCustody: true };
      const child = { bsn: bsnNumber(41_000_005 + 10 * index), givenName: `Kind${index}`, familyName: "Paginering", birthDate: "2015-03-01", relation: "CHILD" };
      data(await app.gql(CONCERN, { input: { label: `Zorg ${index}`, members: [parent, child], description: "Zorgen over het kind.", discussedWithFamily: true, crisis: false } }, demoProfessionalId(COACH)));
      const advice = { partnerId: lefier, lifeDomain: "HOUSING", decisionType: "PAYMENT_PLAN", advice: `Advies ${index}: een betalingsregeling.` };
      data(await app.gql(ADVICE, { familyId, input: advice }, demoProfessionalId(COACH)));
      data(await ask(LINDA, REQUEST, { input: { kind: "RECTIFICATION", description: `Mijn adres klopt niet (${index}).` } }));
    }
  });
  afterAll(() => app?.close());

  for (const c of CASES) {
    it(`${c.field}: pages of one give the one big page, and another caller's cursor is refused on after`, async () => {
      // The access log grows as it is read (each read is recorded): compare what was there before.
      const vars = { familyId };
      const whole = data(await ask(c.as, queryOf(c), { ...vars, first: 100 }))[c.field]!;
      expect(whole.pageInfo.hasNextPage).toBe(false);
      expect(whole.nodes.length, `${c.field} for ${c.as} holds at least two items in the demo`).toBeGreaterThanOrEqual(2);
      const walked: Record<string, unknown>[] = [];
      let after: string | null = null;
      let first: string | null = null;
      for (let pages = 0; pages <= whole.nodes.length + 5; pages++) {
        const page: Page = data(await ask(c.as, queryOf(c), { ...vars, first: 1, after }))[c.field]!;
        expect(page.nodes.length).toBeLessThanOrEqual(1);
        walked.push(...page.nodes);
        first ??= page.pageInfo.endCursor;
        after = page.pageInfo.endCursor;
        if (!page.pageInfo.hasNextPage) break;
      }
      if (c.field === "myAccessLog") {
        // Newest first: the reads this walk made came before what the big page held, which ends it.
        expect(walked.slice(-whole.nodes.length)).toEqual(whole.nodes);
      } else {
        expect(walked).toEqual(whole.nodes);
      }
      refused(await ask(c.other, queryOf(c), { ...vars, first: 1, after: first }), "BAD_USER_INPUT", "after");
    });
  }

  it("refuses a cursor of one family's advices for another family's, or with other arguments, on after", async () => {
    const advices = CASES.find((c) => c.field === "advices")!;
    const cursor = data(await ask(COACH, queryOf(advices), { familyId, first: 1 })).advices!.pageInfo.endCursor;
    expect(cursor).not.toBeNull();
    refused(await ask(COACH, queryOf(advices), { familyId: otherFamilyId, first: 1, after: cursor }), "BAD_USER_INPUT", "after");
    const escalations = CASES.find((c) => c.field === "escalations")!;
    const open = data(await ask(escalations.as, queryOf(escalations), { first: 1 })).escalations!.pageInfo.endCursor;
    refused(await ask(escalations.as, queryOf({ ...escalations, args: "openOnly: true" }), { first: 1, after: open }), "BAD_USER_INPUT", "after");
  });
});
