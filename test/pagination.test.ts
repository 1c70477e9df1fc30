import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor, useCursorSecret } from "../src/pagination/cursor.js";
import { codes, data, refused, startTestApp, type TestApp } from "./support/app.js";
import { aPartner, aProfessional, aRegion, bsnNumber } from "./support/builders.js";

/*
 * families, a page at a time: every family exactly once in a stable order, cursors that only
 * their own caller can use for their own list, bounded pages, filters that only narrow what the
 * caller may already list, and a query cost that counts a page's fields per item.
 */

const REGISTER = `mutation($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }`;
const CHANGE_PHASE = `mutation($familyId: ID!, $to: FamilyPhase!) { changePhase(familyId: $familyId, to: $to) { id } }`;
const PAGE = `query($first: Int, $after: String, $filter: FamilyFilter) {
  families(first: $first, after: $after, filter: $filter) { edges { cursor node { id name } } nodes { id } pageInfo { hasNextPage endCursor } }
}`;

// A type, not an interface: the answer helpers take records.
type Page = {
  families: { edges: { cursor: string; node: { id: string; name: string } }[]; nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
};

describe("families, a page at a time", () => {
  let app: TestApp;
  let lead: { id: string };
  let otherLead: { id: string };
  let coach: { id: string };
  let otherCoach: { id: string };
  let foreignLead: { id: string };
  let stranger: { id: string };
  let leadsFamilies: { id: string; name: string }[];
  let hiddenId: string;
  let seed = 20_000_000;

  const household = () => [
    { bsn: bsnNumber((seed += 10)), givenName: "Ouder", familyName: "Test", birthDate: "1985-01-01", relation: "PARENT", legalCustody: true },
    { bsn: bsnNumber((seed += 10)), givenName: "Kind", familyName: "Test", birthDate: "2015-01-01", relation: "CHILD", legalCustody: false },
  ];
  const register = async (as: string, name: string, regisseurId: string) =>
    data(await app.gql<{ registerFamily: { id: string } }>(REGISTER, { input: { name, category: "MPG1", regisseurId, members: household() } }, as)).registerFamily.id;
  const page = (as: string, variables: Record<string, unknown>) => app.gql<Page>(PAGE, variables, as);

  /** Every page of a caller's families, following endCursor. */
  async function everyPage(as: string, first: number, filter?: Record<string, unknown>) {
    const pages: Page["families"][] = [];
    let after: string | null = null;
    do {
      const answer: Page["families"] = data(await page(as, { first, after, filter })).families;
      pages.push(answer);
      after = answer.pageInfo.endCursor;
      if (!answer.pageInfo.hasNextPage) break;
    } while (pages.length < 20);
    return pages;
  }

  beforeAll(async () => {
    app = await startTestApp();
    useCursorSecret(app.config);
    const db = app.database.db;
    const region = await aRegion(db, { code: "groningen" });
    const municipality = await aPartner(db, region.id, { name: "Gemeente", sector: "MUNICIPALITY" });
    const socialWork = await aPartner(db, region.id, { name: "MJD" });
    lead = await aProfessional(db, municipality, ["PROJECT_LEAD"]);
    otherLead = await aProfessional(db, municipality, ["PROCESS_LEAD"]);
    coach = await aProfessional(db, socialWork, ["COACH"]);
    otherCoach = await aProfessional(db, socialWork, ["COACH"]);
    stranger = await aProfessional(db, socialWork, ["PARTNER_PROFESSIONAL"]);
    const amsterdam = await aRegion(db, { code: "amsterdam" });
    const amsterdamPartner = await aPartner(db, amsterdam.id);
    foreignLead = await aProfessional(db, amsterdamPartner, ["PROCESS_LEAD"]);
    const foreignCoach = await aProfessional(db, amsterdamPartner, ["COACH"]);

    // Two families share a name: the order falls back on the id, so none is skipped or repeated.
    const names = ["Gezin Bakker", "Gezin de Vries", "Gezin Jansen", "Gezin Bakker", "Gezin Visser", "Gezin Smit", "Gezin 100%_Mulder"];
    leadsFamilies = [];
    for (const [index, name] of names.entries()) {
      leadsFamilies.push({ id: await register(lead.id, name, index < 3 ? coach.id : otherCoach.id), name });
    }
    // The lead may not know these: another process lead's family, and another region's.
    hiddenId = await register(otherLead.id, "Gezin Verborgen", otherCoach.id);
    await register(foreignLead.id, "Gezin Verborgen Amsterdam", foreignCoach.id);
    data(await app.gql(CHANGE_PHASE, { familyId: leadsFamilies[0]!.id, to: "PLANNING" }, lead.id));
  });
  afterAll(() => app?.close());

  it("gives every family the caller may know exactly once, by name then id, page after page", async () => {
    const pages = await everyPage(lead.id, 3);
    expect(pages.map((answer) => answer.edges.length)).toEqual([3, 3, 1]);
    expect(pages.map((answer) => answer.pageInfo.hasNextPage)).toEqual([true, true, false]);
    for (const answer of pages) {
      expect(answer.pageInfo.endCursor).toBe(answer.edges.at(-1)!.cursor);
      expect(answer.nodes.map((node) => node.id)).toEqual(answer.edges.map((edge) => edge.node.id));
    }
    const listed = pages.flatMap((answer) => answer.edges.map((edge) => edge.node));
    expect(new Set(listed.map((family) => family.id)).size).toBe(7);
    expect(listed.map((family) => family.id).sort()).toEqual(leadsFamilies.map((family) => family.id).sort());
    expect(listed.map((family) => family.id)).not.toContain(hiddenId);
    // The same order as one big page, and the same again when asked again.
    const whole = data(await page(lead.id, { first: 100 })).families;
    expect(whole.edges.map((edge) => edge.node.id)).toEqual(listed.map((family) => family.id));
    expect(whole.pageInfo).toEqual({ hasNextPage: false, endCursor: whole.edges.at(-1)!.cursor });
    expect(listed.map((family) => family.name)).toEqual([...listed.map((family) => family.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("answers an empty page with no next page and no cursor", async () => {
    const answer = data(await page(stranger.id, {})).families;
    expect(answer).toEqual({ edges: [], nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it("refuses a cursor of another caller, region or list, a tampered or a malformed one, all alike on after", async () => {
    const cursor = data(await page(lead.id, { first: 2 })).families.pageInfo.endCursor!;
    // The same cursor is good for its own caller.
    expect(data(await page(lead.id, { first: 2, after: cursor })).families.edges).toHaveLength(2);
    const [body, signature] = cursor.split(".") as [string, string];
    const decoded = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as { list: string; key: string[] };
    const forged = (changes: Partial<typeof decoded>) => `${Buffer.from(JSON.stringify({ ...decoded, ...changes })).toString("base64url")}.${signature}`;
    const region = (await app.database.db.query.professionals.findFirst({ where: (table, { eq }) => eq(table.id, lead.id) }))!.regionId;
    const otherList = encodeCursor({ list: "notifications", callerId: lead.id, regionId: region }, decoded.key);
    // Made with the server's key for the right list: accepted, so the refusals below are for the list alone.
    expect(data(await page(lead.id, { first: 2, after: encodeCursor({ list: "families", callerId: lead.id, regionId: region }, decoded.key) })).families.edges).toHaveLength(2);

    const messages = [
      refused(await page(otherLead.id, { after: cursor }), "BAD_USER_INPUT", "after"),
      refused(await page(foreignLead.id, { after: cursor }), "BAD_USER_INPUT", "after"),
      refused(await page(lead.id, { after: otherList }), "BAD_USER_INPUT", "after"),
      refused(await page(lead.id, { after: forged({ list: "notifications" }) }), "BAD_USER_INPUT", "after"),
      refused(await page(lead.id, { after: forged({ key: ["Gezin A", hiddenId] }) }), "BAD_USER_INPUT", "after"),
      // The first character of the signature: all six of its bits count (the last one's do not all).
      refused(await page(lead.id, { after: `${body}.${signature.startsWith("A") ? "B" : "A"}${signature.slice(1)}` }), "BAD_USER_INPUT", "after"),
      refused(await page(lead.id, { after: "not-a-cursor" }), "BAD_USER_INPUT", "after"),
      refused(await page(lead.id, { after: "" }), "BAD_USER_INPUT", "after"),
    ];
    expect(new Set(messages).size).toBe(1);
  });

  it("takes pages of 1 to 100, 50 unless asked", async () => {
    for (const first of [0, -1, 101]) refused(await page(lead.id, { first }), "BAD_USER_INPUT", "first");
    expect(data(await page(lead.id, { first: 1 })).families.edges).toHaveLength(1);
    expect(data(await page(lead.id, { first: 100 })).families.edges).toHaveLength(7);
    expect(data(await page(lead.id, {})).families.edges).toHaveLength(7);
  });

  it("filters on mine: the families the caller leads or watches", async () => {
    const ids = async (as: string, filter: Record<string, unknown>) =>
      (await everyPage(as, 2, filter)).flatMap((answer) => answer.edges.map((edge) => edge.node.id)).sort();
    expect(await ids(coach.id, { mine: true })).toEqual(leadsFamilies.slice(0, 3).map((family) => family.id).sort());
    expect(await ids(coach.id, { mine: false })).toEqual([]);
    expect(await ids(otherCoach.id, { mine: true })).toEqual([...leadsFamilies.slice(3).map((family) => family.id), hiddenId].sort());
    expect(await ids(lead.id, { mine: true })).toHaveLength(7);
  });

  it("filters on phase among the families whose process the caller sees", async () => {
    const ids = async (phase: string) => data(await page(lead.id, { filter: { phase } })).families.edges.map((edge) => edge.node.id);
    expect(await ids("PLANNING")).toEqual([leadsFamilies[0]!.id]);
    expect(await ids("SCREENED")).toHaveLength(6);
    expect(await ids("CLOSED")).toEqual([]);
    expect(data(await page(coach.id, { filter: { phase: "PLANNING", mine: true } })).families.nodes).toEqual([{ id: leadsFamilies[0]!.id }]);
  });

  it("searches names for the keepers of the register only, and only among the families they may know", async () => {
    const names = async (as: string, name: string, first = 50) =>
      data(await page(as, { first, filter: { name } })).families.edges.map((edge) => edge.node.name);
    expect(await names(lead.id, "bakker")).toEqual(["Gezin Bakker", "Gezin Bakker"]);
    expect(await names(lead.id, "bakker", 1)).toEqual(["Gezin Bakker"]);
    // % and _ are letters here, not wildcards.
    expect(await names(lead.id, "100%_")).toEqual(["Gezin 100%_Mulder"]);
    expect(await names(lead.id, "%")).toEqual(["Gezin 100%_Mulder"]);
    // A family the caller may not know (another process lead's, another region's) answers as no family at all.
    const probe = data(await page(lead.id, { filter: { name: "Verborgen" } }));
    const nobody = data(await page(lead.id, { filter: { name: "Niemand" } }));
    expect(probe).toEqual(nobody);
    expect(probe.families).toEqual({ edges: [], nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
    // Its own process lead finds it; a coach may not search by name at all.
    expect(await names(otherLead.id, "Verborgen")).toEqual(["Gezin Verborgen"]);
    const message = refused(await page(coach.id, { filter: { name: "Bakker" } }), "FORBIDDEN");
    expect(message).toMatch(/filter\.name/);
    refused(await page(lead.id, { filter: { name: "  " } }), "BAD_USER_INPUT", "filter.name");
  });

  describe("the query cost", () => {
    const selection = `nodes { id name category phase regisseur { id name email phone } processLead { id name email phone }
      members { id relation legalCustody validFrom validTo person { givenName familyName } }
      myAccess { level causes { kind level ruleId description } } }`;
    const twice = (first: string) => `query${first === "$n" ? "($n: Int)" : ""} { a: families(first: ${first}) { ${selection} } b: families(first: ${first}) { ${selection} } }`;

    it("counts a page's fields once per item asked for, and refuses a query over the limit before it runs", async () => {
      const answer = await app.gql(twice("100"), {}, lead.id);
      expect(new Set(codes(answer))).toEqual(new Set(["GRAPHQL_VALIDATION_FAILED"]));
      expect(answer.body.errors!.map((error) => error.message)).toContainEqual(expect.stringMatching(/exceeds the maximum of 5000.*\(first\)/));
      expect(answer.body.data ?? null).toBeNull();
      // A variable page size is charged at the maximum: validation runs before variables are known.
      const variable = await app.gql(twice("$n"), { n: 10 }, lead.id);
      expect(codes(variable)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
      expect(variable.body.errors![0]!.message).toMatch(/^Query cost \d+ exceeds the maximum of 5000/);
    });

    it("lets the same query through with ordinary pages", async () => {
      const answer = data(await app.gql<{ a: { nodes: unknown[] }; b: { nodes: unknown[] } }>(twice("10"), {}, lead.id));
      expect(answer.a.nodes).toHaveLength(7);
      expect(answer.b.nodes).toHaveLength(7);
    });
  });
});
