import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, startTestApp, type TestApp } from "./support/app.js";
import { aPartner, aProfessional, aRegion } from "./support/builders.js";

describe("the server", () => {
  let app: TestApp;
  let professionalId: string;

  beforeAll(async () => {
    app = await startTestApp();
    const region = await aRegion(app.database.db);
    professionalId = (await aProfessional(app.database.db, await aPartner(app.database.db, region.id))).id;
  });
  afterAll(() => app?.close());

  it("says it is up and its database reachable", async () => {
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready" });
  });

  it("tells every cache along the way not to keep an answer: they hold personal data", async () => {
    for (const authorization of [`Bearer ${app.tokenFor(professionalId)}`, null]) {
      const response = await fetch(`${app.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query: "{ me { id } }" }),
      });
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("etag")).toBeNull();
    }
  });

  it("refuses a request body over 1 MB with 413", async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${app.tokenFor(professionalId)}` },
      body: JSON.stringify({ query: "{ me { id } }", padding: "x".repeat(1024 * 1024 + 1) }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("refuses a body over 1 MB with 413 also when it does not declare its length", async () => {
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const url = new URL(`${app.url}/graphql`);
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "content-type": "application/json" } }, (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk)).on("end", () => resolve({ status: res.statusCode!, text }));
      });
      req.on("error", reject);
      // Chunked, 64 KiB at a time, past the limit: the server answers before it has read it all.
      const chunk = "x".repeat(64 * 1024);
      req.write('{"query":"{ me { id } }","padding":"');
      for (let written = 0; written <= 1024 * 1024; written += chunk.length) req.write(chunk);
      req.end('"}');
    });
    expect(status).toBe(413);
    expect(JSON.parse(text).errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("runs no operation sent as a simple form or text body (a cross-site request could): 400", async () => {
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded"]) {
      const response = await fetch(`${app.url}/graphql`, {
        method: "POST",
        headers: { "content-type": contentType, authorization: `Bearer ${app.tokenFor(professionalId)}` },
        body: JSON.stringify({ query: "{ me { id } }" }),
      });
      expect(response.status, contentType).toBe(400);
      expect(await response.text()).not.toContain('"me"');
    }
  });

  it("answers malformed GraphQL with the parse error code, and no stack trace", async () => {
    const response = await app.gql("{ me { id ", {}, professionalId);
    expect(codes(response)).toEqual(["GRAPHQL_PARSE_FAILED"]);
    expect(response.text).not.toMatch(/stacktrace|at .*\.js:\d+/);
  });

  it("answers a malformed JSON body with 400", async () => {
    const response = await fetch(`${app.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toMatch(/at .*\.js:\d+/);
  });

  it("refuses a query deeper than the limit before running it", async () => {
    const shallow = await startTestApp({ MAX_QUERY_DEPTH: "3" });
    try {
      const region = await aRegion(shallow.database.db);
      const caller = (await aProfessional(shallow.database.db, await aPartner(shallow.database.db, region.id))).id;
      expect(codes(await shallow.gql("{ me { partner { name } } }", {}, caller))).toEqual([]);
      const response = await shallow.gql("{ me { region { referenceIndex { activeMonths } } } }", {}, caller);
      expect(codes(response)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
      expect(response.body.errors![0]!.message).toMatch(/depth/i);
      expect(response.body.data).toBeUndefined();
    } finally {
      await shallow.close();
    }
  });

  it("refuses a query whose estimated cost is over the limit", async () => {
    const cheap = await startTestApp({ MAX_QUERY_COST: "20" });
    try {
      const region = await aRegion(cheap.database.db);
      const caller = (await aProfessional(cheap.database.db, await aPartner(cheap.database.db, region.id))).id;
      expect(codes(await cheap.gql("{ me { id } }", {}, caller))).toEqual([]);
      const costly = "{ partners { id name sector covenantSignatory } me { id name email phone roles partner { id name sector } region { id code name } } }";
      const response = await cheap.gql(costly, {}, caller);
      expect(codes(response)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
      expect(response.body.errors![0]!.message).toMatch(/cost/i);
    } finally {
      await cheap.close();
    }
  });

  it("refuses too many aliases", async () => {
    const aliases = Array.from({ length: 16 }, (_, index) => `a${index}: me { id }`).join(" ");
    const response = await app.gql(`{ ${aliases} }`, {}, professionalId);
    expect(codes(response)[0]).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(response.body.errors![0]!.message).toMatch(/alias/i);
  });

  it("serves GraphiQL from its own packages, referencing no other host", async () => {
    const page = await fetch(`${app.url}/graphiql`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      const response = await fetch(new URL(asset, `${app.url}/graphiql`));
      expect(response.status, asset).toBe(200);
    }
  });
});

describe("the server in production", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: "production", JWT_SECRET: "a-production-secret-of-at-least-32-characters" });
  });
  afterAll(() => app?.close());

  it("serves neither introspection nor GraphiQL", async () => {
    const introspection = await app.gqlWithHeader("{ __schema { queryType { name } } }", null);
    expect(codes(introspection)[0]).toBe("GRAPHQL_VALIDATION_FAILED");
    expect((await fetch(`${app.url}/graphiql`)).status).toBe(404);
  });
});

// Only a database server can go away and come back; the embedded one lives in the process.
describe.skipIf(!process.env.DATABASE_URL)("the server when its database goes away", () => {
  it("fails requests clearly, says so on /readyz, and serves again when the database is back", async () => {
    const { startProxy } = await import("./support/proxy.js");
    const { freshDatabase } = await import("./support/database.js");
    const target = new URL(process.env.DATABASE_URL!);
    const proxy = await startProxy(target.hostname, Number(target.port || 5432));
    const app = await startTestApp({}, { database: await freshDatabase({ viaPort: proxy.port }) });
    try {
      const region = await aRegion(app.database.db);
      const caller = (await aProfessional(app.database.db, await aPartner(app.database.db, region.id))).id;
      const token = `Bearer ${app.tokenFor(caller)}`;
      expect((await fetch(`${app.url}/readyz`)).status).toBe(200);

      await proxy.cut();
      const ready = await fetch(`${app.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: "unavailable" });
      const during = await app.gqlWithHeader("{ me { id } }", token);
      expect(codes(during)).toEqual(["SERVICE_UNAVAILABLE"]);
      expect(during.text).not.toMatch(/ECONN|at .*\.js:\d+|127\.0\.0\.1/);

      await proxy.restore();
      let after = await app.gqlWithHeader<{ me: { id: string } }>("{ me { id } }", token);
      for (let attempt = 0; attempt < 20 && codes(after).length > 0; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        after = await app.gqlWithHeader("{ me { id } }", token);
      }
      expect(after.body.data).toEqual({ me: { id: caller } });
      expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    } finally {
      await proxy.restore();
      await app.close();
      await proxy.close();
    }
  });
});

describe("the server's logs", () => {
  it("are JSON lines with a request id, and never hold a token, a BSN or a variable", async () => {
    const app = await startTestApp();
    try {
      const region = await aRegion(app.database.db);
      const caller = (await aProfessional(app.database.db, await aPartner(app.database.db, region.id), ["COACH"])).id;
      const token = app.tokenFor(caller);
      const bsn = "999990585";
      await app.gqlWithHeader(
        `mutation($input: SignalInput!) { signal(input: $input) { id } }`,
        `Bearer ${token}`,
        { input: { bsn, birthDate: "2011-05-09", discussedWithFamily: true } },
      );
      await app.gqlWithHeader(`{ whoIsInvolved(bsn: "${bsn}") { organisation } }`, `Bearer ${token}`);
      await app.gqlWithHeader(`{ whoIsInvolved(bsn: "123456789") { organisation } }`, `Bearer ${token}`);
      await app.gqlWithHeader("{ me { id } }", "Bearer not-a-valid-token");
      // Input the database would refuse is refused before it, and never logged.
      const refused = await app.gqlWithHeader(
        `mutation($input: SignalInput!) { signal(input: $input) { id } }`,
        `Bearer ${token}`,
        { input: { bsn, birthDate: "0000-01-01", discussedWithFamily: true, contactPhone: "06\u000012" } },
      );
      expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);

      const requestLines = app.logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.msg === "graphql request");
      expect(requestLines).toHaveLength(5);
      for (const line of requestLines) expect(line.requestId).toEqual(expect.any(String));
      const all = app.logs.join("\n");
      expect(all).not.toContain(bsn);
      expect(all).not.toContain("123456789");
      expect(all).not.toContain(token);
      expect(all).not.toContain(token.split(".")[2]!);
      expect(all).not.toContain("2011-05-09");
    } finally {
      await app.close();
    }
  });
});

describe("the number of SQL statements", () => {
  it("is constant for a reference-index lookup, however many signals there are", async () => {
    const app = await startTestApp();
    try {
      const db = app.database.db;
      const region = await aRegion(db);
      const partners = await Promise.all([1, 2, 3, 4, 5].map((n) => aPartner(db, region.id, { name: `Partner ${n}` })));
      const professionals = await Promise.all(partners.map((partner) => aProfessional(db, partner, ["COACH"])));
      const signal = (as: string) =>
        app.gql(`mutation($input: SignalInput!) { signal(input: $input) { id } }`, { input: { bsn: "999990585", birthDate: "2011-05-09", discussedWithFamily: true } }, as);
      const lookup = `{ whoIsInvolved(bsn: "999990585") { organisation professional phone email since } }`;

      const counted = async () => {
        const before = app.database.statements();
        const response = await app.gql<{ whoIsInvolved: unknown[] }>(lookup, {}, professionals[0]!.id);
        return { statements: app.database.statements() - before, found: response.body.data!.whoIsInvolved.length };
      };
      await signal(professionals[0]!.id);
      await signal(professionals[1]!.id);
      const few = await counted();
      for (const professional of professionals.slice(2)) await signal(professional.id);
      const many = await counted();
      expect([few.found, many.found]).toEqual([1, 4]);
      // One statement enters the request as its caller, one answers the lookup, one writes its
      // access-log entry (with the subject's digest), inside the request's transaction: no lock.
      expect(few.statements).toBe(3);
      expect(many.statements).toBe(few.statements);
    } finally {
      await app.close();
    }
  });
});
