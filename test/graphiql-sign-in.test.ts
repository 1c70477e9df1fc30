import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CLIENTS } from "../src/demo/client-scenario.js";
import { seedDemo } from "../src/demo/seed.js";
import { codes, data, startTestApp, type TestApp } from "./support/app.js";

/*
 * GraphiQL's demo sign-in, in development: the picker lists the demo users and gets a token for
 * the one chosen. In production neither the page nor the sign-in exists.
 */

interface DemoUser {
  email: string;
  kind: string;
  name: string;
  roles: string[];
  organisation: string | null;
  region: string;
}

const signIn = (app: TestApp, body: unknown, contentType = "application/json") =>
  fetch(`${app.url}/graphiql/demo-token`, { method: "POST", headers: { "content-type": contentType }, body: JSON.stringify(body) });

describe("GraphiQL's demo sign-in in development", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await seedDemo(app.database.db, app.clock.now());
  });
  afterAll(() => app?.close());

  it("lists the demo professionals and family members by name, role, organisation and region, and no BSN", async () => {
    const response = await fetch(`${app.url}/graphiql/demo-users`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    const { users } = JSON.parse(text) as { users: DemoUser[] };
    expect(users).toContainEqual({
      email: "coach1@groningen.demo",
      kind: "professional",
      name: "Anouk de Vries",
      roles: ["COACH"],
      organisation: "MJD",
      region: "groningen",
    });
    expect(users.filter((user) => user.kind === "client").map((user) => user.email)).toEqual(DEMO_CLIENTS.map((client) => client.email));
    for (const client of DEMO_CLIENTS) expect(text).not.toContain(client.bsn);
    expect(text).not.toMatch(/bsn/i);
  });

  it("signs a coach in: the token names her to the API", async () => {
    const response = await signIn(app, { email: "Coach1@groningen.demo" });
    expect(response.status).toBe(200);
    const { token, user } = (await response.json()) as { token: string; user: DemoUser };
    expect(user.name).toBe("Anouk de Vries");
    const me = data(await app.gqlWithHeader<{ me: { name: string } }>("{ me { name } }", `Bearer ${token}`));
    expect(me.me.name).toBe("Anouk de Vries");
  });

  it("signs a family member in with a client token, not a professional's", async () => {
    const response = await signIn(app, { email: "linda.bakker@groningen.client.demo" });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const account = data(await app.gqlWithHeader<{ myAccount: { email: string } }>("{ myAccount { email } }", `Bearer ${token}`));
    expect(account.myAccount.email).toBe("linda.bakker@groningen.client.demo");
    expect(codes(await app.gqlWithHeader("{ me { name } }", `Bearer ${token}`))).toEqual(["FORBIDDEN"]);
  });

  it("refuses an unknown email, a missing one and a body that is not JSON, naming the field", async () => {
    for (const response of [
      await signIn(app, { email: "nobody@groningen.demo" }),
      await signIn(app, {}),
      await signIn(app, { email: "coach1@groningen.demo" }, "text/plain"),
    ]) {
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; field: string }; token?: string };
      expect(body.error).toMatchObject({ code: "BAD_USER_INPUT", field: "email" });
      expect(body.token).toBeUndefined();
    }
  });
});

describe("GraphiQL's demo sign-in in production", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: "production", JWT_SECRET: "a-production-secret-of-at-least-32-characters" });
  });
  afterAll(() => app?.close());

  it("does not exist", async () => {
    expect((await fetch(`${app.url}/graphiql/demo-users`)).status).toBe(404);
    expect((await signIn(app, { email: "coach1@groningen.demo" })).status).toBe(404);
    expect((await fetch(`${app.url}/graphiql/demo-token?email=coach1@groningen.demo`)).status).toBe(404);
    expect((await fetch(`${app.url}/graphiql/assets/boot.js`)).status).toBe(404);
  });
});
