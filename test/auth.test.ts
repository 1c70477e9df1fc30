import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import jwt from "jsonwebtoken";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenVerifier, signToken } from "../src/auth/tokens.js";
import { DEVELOPMENT_JWT_SECRET, loadConfig } from "../src/config.js";
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
    ["a token living longer than 12 hours", () => jwt.sign({ ...claims(), sub: coach.id }, secret, { expiresIn: 12 * 3600 + 1 })],
    ["a token without iat", () => jwt.sign({ ...claims(), sub: coach.id, exp: Math.floor(Date.now() / 1000) + 600 }, secret, { noTimestamp: true })],
    [
      "a token issued in the future (it would outlive the limit)",
      () => {
        const iat = Math.floor(Date.now() / 1000) + 3600;
        return jwt.sign({ ...claims(), sub: coach.id, iat, exp: iat + 600 }, secret);
      },
    ],
    ["garbage", () => "not-a-token"],
  ];
  for (const [what, token] of refused) {
    it(`refuses ${what} with UNAUTHENTICATED`, async () => {
      const response = await app.gqlWithHeader(ME, `Bearer ${token()}`);
      expect(codes(response)).toEqual(["UNAUTHENTICATED"]);
      expect(response.body.data).toBeNull();
    });
  }

  it("accepts a token of exactly the longest lifetime, and a subject in capitals", async () => {
    const longest = jwt.sign({ ...claims(), sub: coach.id }, secret, { expiresIn: 12 * 3600 });
    expect((await app.gqlWithHeader<{ me: { id: string } }>(ME, `Bearer ${longest}`)).body.data?.me.id).toBe(coach.id);
    const capitals = jwt.sign({ ...claims(), sub: coach.id.toUpperCase() }, secret, { expiresIn: 600 });
    expect((await app.gqlWithHeader<{ me: { id: string } }>(ME, `Bearer ${capitals}`)).body.data?.me.id).toBe(coach.id);
  });

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

describe("configuration: the public development secret stays in development", () => {
  const fails = (env: Record<string, string>) => () => loadConfig(env);
  const server = { DATABASE_URL: "postgres://app@db.example:5432/families" };
  const ownSecret = { JWT_SECRET: "a-secret-of-our-own-a-secret-of-our-own-0123" };

  it("uses the development secret on a fresh clone: embedded database, NODE_ENV unset", () => {
    const config = loadConfig({});
    expect(config.NODE_ENV).toBe("development");
    expect(config.JWT_SECRET).toBe(DEVELOPMENT_JWT_SECRET);
  });

  it("uses it for the tests, on a PostgreSQL server too (CI runs the suite with DATABASE_URL)", () => {
    expect(loadConfig({ ...server, NODE_ENV: "test" }).JWT_SECRET).toBe(DEVELOPMENT_JWT_SECRET);
    // vitest runs with NODE_ENV=test; CI's `npm test` relies on it.
    expect(process.env.NODE_ENV).toBe("test");
  });

  it("refuses to start on a PostgreSQL server without a key of its own", () => {
    expect(fails(server)).toThrow(/set JWT_SECRET or JWT_PUBLIC_KEY_FILE.*DATABASE_URL/);
    expect(fails({ ...server, NODE_ENV: "development" })).toThrow(/set JWT_SECRET or JWT_PUBLIC_KEY_FILE/);
    expect(fails({ ...server, JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toThrow(/public development secret/);
  });

  it("refuses to start in production without a key of its own", () => {
    expect(fails({ NODE_ENV: "production" })).toThrow(/set JWT_SECRET or JWT_PUBLIC_KEY_FILE/);
    expect(fails({ NODE_ENV: "production", JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toThrow(/public development secret/);
  });

  it("starts on a PostgreSQL server with a secret or a public key of its own", () => {
    expect(loadConfig({ ...server, ...ownSecret }).JWT_SECRET).toBe(ownSecret.JWT_SECRET);
    const withKey = loadConfig({ ...server, NODE_ENV: "production", JWT_PUBLIC_KEY_FILE: "/etc/keys/public.pem" });
    expect(withKey.JWT_SECRET).toBeUndefined();
  });

  it("limits token lifetimes to 12 hours unless told otherwise, and only to a positive number", () => {
    expect(loadConfig({}).JWT_MAX_LIFETIME_HOURS).toBe(12);
    expect(loadConfig({ JWT_MAX_LIFETIME_HOURS: "2" }).JWT_MAX_LIFETIME_HOURS).toBe(2);
    expect(fails({ JWT_MAX_LIFETIME_HOURS: "0" })).toThrow(/JWT_MAX_LIFETIME_HOURS/);
  });
});

describe("issuing tokens within the lifetime limit", () => {
  const professionalId = "7d3c7a5e-1234-4000-8000-000000000000";
  const lifetime = (token: string) => {
    const payload = jwt.decode(token) as { iat: number; exp: number };
    return payload.exp - payload.iat;
  };

  it("issues eight-hour tokens by default, shorter when the limit is shorter, and none beyond it", () => {
    const config = loadConfig({ NODE_ENV: "test" });
    expect(lifetime(signToken(config, professionalId))).toBe(8 * 3600);
    const strict = loadConfig({ NODE_ENV: "test", JWT_MAX_LIFETIME_HOURS: "1" });
    const token = signToken(strict, professionalId);
    expect(lifetime(token)).toBe(3600);
    expect(createTokenVerifier(strict).verify(token)).toBe(professionalId);
    expect(() => signToken(strict, professionalId, 3601)).toThrow(/JWT_MAX_LIFETIME_HOURS/);
    // A server with a shorter limit refuses what a laxer issuer handed out.
    expect(createTokenVerifier(strict).verify(signToken(config, professionalId))).toBeNull();
  });

  it("`npm run token` prints a token the server accepts on a fresh clone, and refuses on a PostgreSQL server without a key", () => {
    const root = new URL("..", import.meta.url);
    const tsx = new URL("node_modules/.bin/tsx", root).pathname;
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => name !== "NODE_ENV" && name !== "DATABASE_URL" && !name.startsWith("JWT_")),
    );
    const run = (env: NodeJS.ProcessEnv) =>
      execFileSync(tsx, ["scripts/token.ts", "coach1@groningen.demo"], { cwd: root.pathname, env, encoding: "utf8", stdio: "pipe" }).trim();
    const token = run(clean);
    expect(lifetime(token)).toBeLessThanOrEqual(12 * 3600);
    expect(createTokenVerifier(loadConfig({})).verify(token)).toMatch(/^[0-9a-f-]{36}$/);
    expect(() => run({ ...clean, DATABASE_URL: "postgres://app@db.example:5432/families" })).toThrow(/JWT_SECRET or JWT_PUBLIC_KEY_FILE/);
  });
});
