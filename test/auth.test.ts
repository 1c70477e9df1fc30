import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import jwt from "jsonwebtoken";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { professionals } from "../src/organisations/tables.js";
import { codes, startTestApp, type TestApp } from "./support/app.js";
import { aPartner, aProfessional, aRegion } from "./support/builders.js";

const ME = "{ me { id name roles partner { name sector } region { code name } } }";

describe("authentication: the closed door", () => {
  let app: TestApp;
  let coach: { id: string; name: string };
  let secret: string;
  const claims = () => ({ iss: app.config.JWT_ISSUER, aud: app.config.JWT_AUDIENCE });

  beforeAll(async () => {
    app = await startTestApp();
    secret = app.config.JWT_SECRET!;
    const region = await aRegion(app.database.db, { code: "groningen", name: "Groningen pilot" });
    const partner = await aPartner(app.database.db, region.id, { name: "MJD", sector: "SOCIAL_WORK" });
    coach = await aProfessional(app.database.db, partner, ["COACH"], { name: "Anna Coach" });
  });
  afterAll(() => app?.close());

  it("answers `me` with the professional, partner, region and roles read from the database", async () => {
    const response = await app.gql(ME, {}, coach.id);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({
      me: {
        id: coach.id,
        name: "Anna Coach",
        roles: ["COACH"],
        partner: { name: "MJD", sector: "SOCIAL_WORK" },
        region: { code: "groningen", name: "Groningen pilot" },
      },
    });
  });

  it("refuses an anonymous call with UNAUTHENTICATED, even for __typename", async () => {
    const response = await app.gqlWithHeader("{ me { __typename } }", null);
    expect(codes(response)).toEqual(["UNAUTHENTICATED"]);
    expect(response.body.data).toBeNull();
  });

  const refused: [string, () => string][] = [
    ["an expired token", () => jwt.sign({ ...claims(), sub: coach.id, exp: Math.floor(Date.now() / 1000) - 60 }, secret)],
    ["a token without exp", () => jwt.sign({ ...claims(), sub: coach.id }, secret)],
    ["a token signed with another secret", () => jwt.sign({ ...claims(), sub: coach.id }, "another-secret-another-secret-another-secret", { expiresIn: 600 })],
    ["a token with alg none", () => jwt.sign({ ...claims(), sub: coach.id, exp: Math.floor(Date.now() / 1000) + 600 }, "", { algorithm: "none" })],
    ["a token for another audience", () => jwt.sign({ iss: app.config.JWT_ISSUER, aud: "other-api", sub: coach.id }, secret, { expiresIn: 600 })],
    ["a token from another issuer", () => jwt.sign({ iss: "someone-else", aud: app.config.JWT_AUDIENCE, sub: coach.id }, secret, { expiresIn: 600 })],
    ["a token for an unknown professional", () => jwt.sign({ ...claims(), sub: "7d3c7a5e-0000-4000-8000-000000000000" }, secret, { expiresIn: 600 })],
    ["a token with an HS512 signature", () => jwt.sign({ ...claims(), sub: coach.id }, secret, { expiresIn: 600, algorithm: "HS512" })],
    ["garbage", () => "not-a-token"],
  ];
  for (const [what, token] of refused) {
    it(`refuses ${what} with UNAUTHENTICATED`, async () => {
      const response = await app.gqlWithHeader(ME, `Bearer ${token()}`);
      expect(codes(response)).toEqual(["UNAUTHENTICATED"]);
      expect(response.body.data).toBeNull();
    });
  }

  it("refuses a deactivated professional at once, with a token that was valid a moment ago", async () => {
    const token = app.tokenFor(coach.id);
    expect(codes(await app.gqlWithHeader(ME, `Bearer ${token}`))).toEqual([]);
    await app.database.db.update(professionals).set({ active: false }).where(eq(professionals.id, coach.id));
    try {
      expect(codes(await app.gqlWithHeader(ME, `Bearer ${token}`))).toEqual(["UNAUTHENTICATED"]);
    } finally {
      await app.database.db.update(professionals).set({ active: true }).where(eq(professionals.id, coach.id));
    }
  });

  it("cannot claim a partner or roles in the token: they come from the database", async () => {
    const token = jwt.sign({ ...claims(), sub: coach.id, roles: ["COVENANT_ADMIN"], partnerId: "x" }, secret, { expiresIn: 600 });
    const response = await app.gqlWithHeader<{ me: { roles: string[] } }>(ME, `Bearer ${token}`);
    expect(response.body.data?.me.roles).toEqual(["COACH"]);
  });
});

describe("authentication with RS256", () => {
  let app: TestApp;
  let professionalId: string;
  let privateKey: string;
  let publicKey: string;

  beforeAll(async () => {
    const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const dir = mkdtempSync(join(tmpdir(), "jwt-"));
    privateKey = keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    publicKey = keys.publicKey.export({ type: "spki", format: "pem" }).toString();
    writeFileSync(join(dir, "public.pem"), publicKey);
    writeFileSync(join(dir, "private.pem"), privateKey);
    app = await startTestApp({ JWT_PUBLIC_KEY_FILE: join(dir, "public.pem"), JWT_PRIVATE_KEY_FILE: join(dir, "private.pem") });
    const region = await aRegion(app.database.db);
    professionalId = (await aProfessional(app.database.db, await aPartner(app.database.db, region.id))).id;
  });
  afterAll(() => app?.close());

  it("accepts a token signed with the private key", async () => {
    expect(privateKey).toContain("PRIVATE KEY");
    const response = await app.gql("{ me { id } }", {}, professionalId);
    expect(response.body.data).toEqual({ me: { id: professionalId } });
  });

  it("refuses an HS256 token signed with the public key (algorithm confusion)", async () => {
    const forged = jwt.sign({ iss: app.config.JWT_ISSUER, aud: app.config.JWT_AUDIENCE, sub: professionalId }, publicKey, { expiresIn: 600, algorithm: "HS256" });
    expect(codes(await app.gqlWithHeader("{ me { id } }", `Bearer ${forged}`))).toEqual(["UNAUTHENTICATED"]);
  });
});
