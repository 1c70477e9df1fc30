import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { sha256 } from "../src/server/trusted-documents.js";
import { data, startTestApp, type TestApp } from "./support/app.js";
import { aPartner, aProfessional, aRegion } from "./support/builders.js";

/*
 * Trusted documents (docs/decisions/0020): in production with a manifest, only its operations run
 * — named by documentId, by Apollo's persistedQuery hash, or sent in full — over POST, GET and the
 * socket alike; in development the same manifest changes nothing.
 */

const ME = "query Me { me { name } }";
const FREE = "query Roles { me { roles } }";
const SECRET = "a-production-secret-for-this-test-only-0123456789";

describe("trusted documents", () => {
  const directory = mkdtempSync(join(tmpdir(), "trusted-documents-"));
  const manifest = join(directory, "persisted-documents.json");
  writeFileSync(manifest, JSON.stringify({ [sha256(ME)]: ME }));
  let production: TestApp;
  let development: TestApp;
  let professionalId: string;
  let name: string;

  beforeAll(async () => {
    production = await startTestApp({ NODE_ENV: "production", JWT_SECRET: SECRET, TRUSTED_DOCUMENTS_FILE: manifest });
    development = await startTestApp({ TRUSTED_DOCUMENTS_FILE: manifest }, { database: production.database });
    const region = await aRegion(production.database.db);
    const professional = await aProfessional(production.database.db, await aPartner(production.database.db, region.id), ["COACH"]);
    professionalId = professional.id;
    name = professional.name;
  });
  afterAll(async () => {
    await development.server.close();
    await production.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const post = (app: TestApp, body: Record<string, unknown>) =>
    fetch(`${app.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${app.tokenFor(professionalId)}` },
      body: JSON.stringify(body),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } }));

  it("runs a registered operation named by documentId, by persistedQuery hash, or sent in full", async () => {
    for (const body of [
      { documentId: `sha256:${sha256(ME)}` },
      { documentId: sha256(ME).toUpperCase() },
      { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(ME) } } },
      { query: ME },
    ]) {
      const answer = await post(production, body);
      expect(answer, JSON.stringify(body)).toEqual({ status: 200, body: { data: { me: { name } } } });
    }
  });

  it("refuses an unknown document, a free query, and a registered id with another text, all alike and before they run", async () => {
    const answers = await Promise.all([
      post(production, { documentId: `sha256:${sha256(FREE)}` }),
      post(production, { query: FREE }),
      post(production, { documentId: sha256(ME), query: FREE }),
      post(production, { documentId: "not-a-hash" }),
      post(production, {}),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors).toEqual([{ message: expect.stringContaining("registered operations"), extensions: { code: "PERSISTED_QUERY_NOT_FOUND" } }]);
    }
  });

  it("applies the manifest to GET as to POST", async () => {
    const get = (search: string) =>
      fetch(`${production.url}/graphql?${search}`, {
        headers: { authorization: `Bearer ${production.tokenFor(professionalId)}`, "apollo-require-preflight": "true" },
      }).then(async (response) => ({ status: response.status, body: await response.json() }));
    expect(await get(new URLSearchParams({ documentId: sha256(ME) }).toString())).toEqual({ status: 200, body: { data: { me: { name } } } });
    const free = await get(new URLSearchParams({ query: FREE }).toString());
    expect(free.status).toBe(400);
    expect((free.body as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });

  it("refuses an unregistered subscription over the socket", async () => {
    const client = createClient({
      url: production.url.replace(/^http/, "ws") + "/graphql",
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${production.tokenFor(professionalId)}` },
    });
    try {
      const outcome = await new Promise<unknown>((resolve) => {
        client.subscribe({ query: "subscription { notificationAdded { id } }" }, { next: resolve, error: resolve, complete: () => resolve("complete") });
      });
      expect(outcome).toEqual([expect.objectContaining({ extensions: { code: "PERSISTED_QUERY_NOT_FOUND" } })]);
    } finally {
      await client.dispose();
    }
  });

  it("keeps free queries in development, manifest or not", async () => {
    expect(data(await development.gql<{ me: { roles: string[] } }>(FREE, {}, professionalId)).me.roles).toEqual(["COACH"]);
  });
});
