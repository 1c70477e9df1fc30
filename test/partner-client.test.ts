import { readFileSync } from "node:fs";
import { generate } from "@graphql-codegen/cli";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import codegenConfig from "../examples/partner-client/codegen.js";
import { allFamilies, planView, request } from "../examples/partner-client/partner-client.js";
import { PartnerFamiliesDocument } from "../examples/partner-client/gql/graphql.js";
import { demoProfessionalId } from "../src/demo/identity.js";
import { seedDemo } from "../src/demo/seed.js";
import { data, startTestApp, type TestApp } from "./support/app.js";

/*
 * The typed partner client (examples/partner-client/) as a partner's front-end runs it: its code
 * generated from the committed SDL is current, it pages through a partner's families, reads what
 * it may of one plan, and runs unchanged against a production server that trusts only its manifest.
 */

const MANIFEST = "examples/partner-client/gql/persisted-documents.json";
// Amsterdam shares strictly: its housing corporation reads some of Gezin Jansen's goals, not all.
const PARTNER = "ymere@amsterdam.demo";
const PROJECT_LEADER = "projectleider@groningen.demo";

describe("the typed partner client", () => {
  let app: TestApp;
  let production: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ TRUSTED_DOCUMENTS_FILE: MANIFEST });
    await seedDemo(app.database.db, app.clock.now());
    production = await startTestApp(
      { NODE_ENV: "production", JWT_SECRET: "a-production-secret-for-this-test-only-0123456789", TRUSTED_DOCUMENTS_FILE: MANIFEST },
      { database: app.database },
    );
  });
  afterAll(async () => {
    await production?.server.close();
    await app?.close();
  });

  it("is generated from the committed schema: regenerate with npm run client:generate when this fails", async () => {
    const files = await generate({ ...codegenConfig, cwd: process.cwd() }, false);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(readFileSync(file.filename, "utf8"), `${file.filename} is stale`).toBe(file.content);
    }
  });

  it("pages through every family a partner may know of, each once, as one big page lists them", async () => {
    const token = app.tokenFor(demoProfessionalId(PROJECT_LEADER));
    const { families, pages } = await allFamilies(app.url, token, 3);
    const whole = data(await app.gql<{ families: { nodes: { id: string }[] } }>(`{ families(first: 100) { nodes { id } } }`, {}, demoProfessionalId(PROJECT_LEADER)));
    expect(families.map((family) => family.id)).toEqual(whole.families.nodes.map((family) => family.id));
    expect(new Set(families.map((family) => family.id)).size).toBe(families.length);
    expect(pages).toBe(Math.ceil(families.length / 3));
    expect(pages).toBeGreaterThan(1);
  });

  it("shows a partner the plan's open goals, counts the closed ones, and says why in one refusal per reason", async () => {
    const token = app.tokenFor(demoProfessionalId(PARTNER));
    const { families } = await allFamilies(app.url, token);
    const views = await Promise.all(families.map((family) => planView(app.url, token, family.id)));
    const found = views.find((view) => view && view.closed > 0 && view.open.length > 0);
    expect(found, "a demo plan where the partner meets open and closed goals").toBeTruthy();
    expect(found!.refusals.length).toBeGreaterThan(0);
    expect(found!.refusals.length).toBeLessThanOrEqual(2);
    expect(found!.refusals.reduce((sum, refusal) => sum + refusal.count, 0)).toBe(found!.closed);
    for (const refusal of found!.refusals) expect(refusal).toMatchObject({ rule: expect.any(String), required: expect.any(String) });
  });

  it("runs unchanged against production, which trusts only the client's manifest", async () => {
    const token = production.tokenFor(demoProfessionalId(PROJECT_LEADER));
    const there = await allFamilies(production.url, token, 5);
    const here = await allFamilies(app.url, app.tokenFor(demoProfessionalId(PROJECT_LEADER)), 5);
    expect(there.families).toEqual(here.families);
    // Without a manifest (development) the client may send the text itself.
    const asText = await request(app.url, app.tokenFor(demoProfessionalId(PROJECT_LEADER)), PartnerFamiliesDocument, { first: 5 }, { sendText: true });
    expect(asText.data?.families.nodes).toEqual(here.families.slice(0, 5));
    const free = await production.gql(`{ families(first: 5) { nodes { id name } } }`, {}, demoProfessionalId(PROJECT_LEADER));
    expect(free.status).toBe(400);
    expect(free.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });
});
