import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.js";
import { aPartner, aProfessional, aRegion } from "./support/builders.js";

/** A professional of region A asking for an id of region B gets the answer for an id that does not exist. */
describe("tenant isolation of the directory", () => {
  let app: TestApp;
  let groningen: { partner: { id: string }; professional: { id: string } };
  let amsterdam: { partner: { id: string }; professional: { id: string } };
  const missing = "5f0c3a1e-2b6d-4e8a-9c3f-1a2b3c4d5e6f";

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.database.db;
    const build = async (code: string) => {
      const region = await aRegion(db, { code });
      const partner = await aPartner(db, region.id, { name: `Partner ${code}` });
      return { partner, professional: await aProfessional(db, partner, ["COACH"]) };
    };
    groningen = await build("groningen");
    amsterdam = await build("amsterdam");
  });
  afterAll(() => app?.close());

  it("lists only the caller's own region's partners", async () => {
    const response = await app.gql<{ partners: { name: string }[] }>("{ partners { name } }", {}, groningen.professional.id);
    expect(response.body.data!.partners).toEqual([{ name: "Partner groningen" }]);
  });

  for (const [field, ids] of [
    ["partner", () => [amsterdam.partner.id, groningen.partner.id]],
    ["professional", () => [amsterdam.professional.id, groningen.professional.id]],
    ["family", () => [amsterdam.partner.id, null]],
  ] as const) {
    it(`answers ${field}(id) for another region's id exactly as for an id that does not exist`, async () => {
      const [foreign, own] = ids();
      const query = `query($id: ID!) { ${field}(id: $id) { id } }`;
      const nothing = await app.gql(query, { id: missing }, groningen.professional.id);
      expect(nothing.body).toEqual({ data: { [field]: null } });
      expect((await app.gql(query, { id: foreign }, groningen.professional.id)).text).toBe(nothing.text);
      expect((await app.gql(query, { id: "not-a-uuid" }, groningen.professional.id)).text).toBe(nothing.text);
      if (own) expect((await app.gql(query, { id: own }, groningen.professional.id)).body.data).toEqual({ [field]: { id: own } });
    });
  }
});
