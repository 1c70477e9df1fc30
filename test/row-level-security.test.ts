import "reflect-metadata";
import { HeaderMap } from "@apollo/server";
import { sql, type SQL } from "drizzle-orm";
import { applyMiddleware } from "graphql-middleware";
import { allow, type IRule } from "graphql-shield";
import { Arg, Ctx, buildSchema, Query, Resolver } from "type-graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enforce, entryGuards, permissions } from "../src/access/permissions.js";
import type { Identity } from "../src/auth/enter.js";
import type { RequestContext } from "../src/context.js";
import type { Db } from "../src/db/database.js";
import { rowsOf } from "../src/db/rows.js";
import { demoClientAccountId, demoProfessionalId } from "../src/demo/identity.js";
import { seedDemo, demoLogins } from "../src/demo/seed.js";
import { demoClientLogins } from "../src/demo/seed-clients.js";
import { noPubSub, resolvers } from "../src/schema.js";
import { createLogger } from "../src/server/logger.js";
import { inRequestTransaction } from "../src/server/request-transaction.js";
import { signClientToken } from "../src/auth/tokens.js";
import { startTestApp, type TestApp } from "./support/app.js";

/*
 * Row-level security, the second line (docs/decisions/0015): whatever the API forgets, the
 * database refuses. Every probe here is a deliberately unguarded raw query, run through the
 * request's own transaction, role and settings (server/request-transaction.ts), on the demo data
 * of both regions. What each caller may reach is read beside it as the owner, from the tables.
 */

/** A field no shield rule guards (its rule is `allow`): it reads a table raw, as a forgetful resolver would. */
@Resolver()
class UnguardedProbeResolver {
  @Query(() => [String], { description: "Test only: the ids of a table, read with no check at all." })
  async unguardedIds(@Arg("table", () => String) table: string, @Ctx() ctx: RequestContext): Promise<string[]> {
    if (!PROBED.includes(table)) throw new Error("not a probed table");
    return rowsOf<{ id: string }>(await ctx.db.execute(sql.raw(`select id::text as id from ${table}`))).map((row) => row.id);
  }
}

const PROBED = ["families", "plans", "plan_goals", "persons", "signals", "consents", "access_log"];

describe("row-level security: the database refuses what the API forgets", () => {
  let app: TestApp;
  let owner: Db;
  const log = createLogger("silent");
  const region: Record<string, string> = {};
  const coach = demoLogins().find((login) => login.roles.includes("COACH"))!;
  const client = demoClientLogins()[0]!;
  const professional = { professionalId: demoProfessionalId(coach.email) };
  const clientIdentity = { accountId: demoClientAccountId(client.email) };

  /** Raw SQL as the request of `identity` runs it: its transaction, role and settings. */
  async function asRequest<T>(identity: Identity, statement: SQL): Promise<T[]> {
    let rows: T[] = [];
    await inRequestTransaction(owner, identity, { rowSecurity: true, log }, async (tx) => {
      rows = rowsOf<T>(await tx.execute(statement));
      return { status: 200, headers: new HeaderMap(), body: { kind: "complete", string: "" } };
    });
    return rows;
  }
  const ids = async (identity: Identity, table: string) =>
    new Set((await asRequest<{ id: string }>(identity, sql.raw(`select id::text as id from ${table}`))).map((row) => row.id));
  const ownerIds = async (statement: SQL) => new Set(rowsOf<{ id: string }>(await owner.execute(statement)).map((row) => row.id));

  beforeAll(async () => {
    const schema = applyMiddleware(
      await buildSchema({ resolvers: [...resolvers, UnguardedProbeResolver], validate: false, pubSub: noPubSub }),
      enforce({ ...permissions, Query: { ...permissions.Query, unguardedIds: allow as unknown as IRule } }, entryGuards),
    );
    app = await startTestApp({}, { schema });
    owner = app.database.db;
    await seedDemo(owner, app.clock.now());
    const [me] = rowsOf<{ region_id: string; partner_id: string }>(
      await owner.execute(sql`select region_id, partner_id from professionals where id = ${professional.professionalId}::uuid`),
    );
    region.own = me!.region_id;
    region.partner = me!.partner_id;
    const [other] = rowsOf<{ id: string }>(await owner.execute(sql`select id from regions where id <> ${region.own}::uuid limit 1`));
    region.other = other!.id;
  }, 120_000);
  afterAll(() => app?.close());

  it("runs a request as a role that owns no table and is no superuser, on PGlite as on a server", async () => {
    const [request] = await asRequest<{ who: string; superuser: boolean; bypass: boolean }>(
      professional,
      sql`select current_user as who, rolsuper as superuser, rolbypassrls as bypass from pg_roles where rolname = current_user`,
    );
    expect(request).toEqual({ who: "one_family_app", superuser: false, bypass: false });
    const owned = rowsOf<{ n: number }>(await owner.execute(sql`select count(*)::int as n from pg_tables where schemaname = 'public' and tableowner = 'one_family_app'`));
    expect(owned[0]!.n).toBe(0);
  });

  it("fences every table that holds a region's rows", async () => {
    const unfenced = rowsOf<{ table_name: string }>(
      await owner.execute(sql`
        select c.table_name from information_schema.columns c
        join pg_class t on t.relname = c.table_name and t.relnamespace = 'public'::regnamespace
        where c.table_schema = 'public' and c.column_name = 'region_id' and t.relkind = 'r'
          and not (t.relrowsecurity and exists (select 1 from pg_policy p where p.polrelid = t.oid))`),
    );
    expect(unfenced).toEqual([]);
  });

  it("shows a professional's raw query only their own region's families, plans, goals and persons", async () => {
    for (const table of ["families", "plans", "plan_goals", "persons"]) {
      const own = await ownerIds(sql.raw(`select id::text as id from ${table} where region_id = '${region.own}'`));
      const foreign = await ownerIds(sql.raw(`select id::text as id from ${table} where region_id = '${region.other}'`));
      expect(own.size, table).toBeGreaterThan(0);
      expect(foreign.size, table).toBeGreaterThan(0);
      expect(await ids(professional, table), table).toEqual(own);
    }
  });

  it("shows a professional's raw query only their own organisation's signals, of no other organisation or region", async () => {
    const ownSignals = await ownerIds(sql`select id::text as id from signals where partner_id = ${region.partner}::uuid`);
    const others = await ownerIds(sql`select id::text as id from signals where partner_id <> ${region.partner}::uuid and region_id = ${region.own}::uuid`);
    const foreign = await ownerIds(sql`select id::text as id from signals where region_id = ${region.other}::uuid`);
    expect(others.size).toBeGreaterThan(0);
    expect(foreign.size).toBeGreaterThan(0);
    expect(await ids(professional, "signals")).toEqual(ownSignals);
  });

  it("answers who is involved only through its function, and only to an organisation with its own active signal", async () => {
    const [theirs] = rowsOf<{ bsn: string }>(
      await owner.execute(sql`
        select s.bsn from signals s where s.region_id = ${region.own}::uuid and s.withdrawn_at is null
          and not exists (select 1 from signals o where o.bsn = s.bsn and o.partner_id = ${region.partner}::uuid) limit 1`),
    );
    expect(theirs).toBeDefined();
    expect(await asRequest(professional, sql`select * from ri_who_is_involved(${theirs!.bsn}, current_date)`)).toEqual([]);
    expect(await asRequest(professional, sql`select * from signals where bsn = ${theirs!.bsn}`)).toEqual([]);
  });

  it("shows a client's raw query only their own household: no neighbour, no other family, no one else's signal", async () => {
    const household = await ownerIds(sql`
      select distinct m2.person_id::text as id from client_accounts a
      join persons me on me.id = a.person_id
      join persons mine on mine.region_id = me.region_id and mine.bsn = me.bsn
      join family_memberships m on m.person_id = mine.id
      join family_memberships m2 on m2.family_id = m.family_id
      where a.id = ${clientIdentity.accountId}::uuid`);
    const families = await ownerIds(sql`
      select distinct m.family_id::text as id from client_accounts a
      join persons me on me.id = a.person_id
      join persons mine on mine.region_id = me.region_id and mine.bsn = me.bsn
      join family_memberships m on m.person_id = mine.id
      where a.id = ${clientIdentity.accountId}::uuid`);
    const neighbours = await ownerIds(sql`select id::text as id from persons where region_id = (select region_id from client_accounts where id = ${clientIdentity.accountId}::uuid)`);
    expect(household.size).toBeGreaterThan(0);
    expect(neighbours.size).toBeGreaterThan(household.size);

    expect(await ids(clientIdentity, "persons")).toEqual(household);
    expect(await ids(clientIdentity, "families")).toEqual(families);
    const plans = await ids(clientIdentity, "plans");
    const planFamilies = await asRequest<{ family_id: string }>(clientIdentity, sql`select family_id::text from plans`);
    expect(planFamilies.every((row) => families.has(row.family_id))).toBe(true);
    expect(plans.size).toBe(planFamilies.length);
    const bsns = await asRequest<{ bsn: string }>(clientIdentity, sql`select bsn from signals`);
    const householdBsns = new Set(rowsOf<{ bsn: string }>(await owner.execute(sql`select bsn from persons where id::text in (${sql.join([...household].map((id) => sql`${id}`), sql`, `)})`)).map((row) => row.bsn));
    expect(bsns.every((row) => householdBsns.has(row.bsn))).toBe(true);
    expect(await ids(clientIdentity, "match_notifications")).toEqual(new Set());
  });

  it("shows an anonymous request's raw query nothing at all", async () => {
    for (const table of PROBED) expect(await ids(null, table), table).toEqual(new Set());
  });

  it("lets a request append to the access log and read it, never change or delete an entry", async () => {
    for (const statement of [sql`update access_log set action = action`, sql`delete from access_log`]) {
      await expect(asRequest(professional, statement)).rejects.toMatchObject({ cause: { code: "42501" } });
    }
  });

  describe("a field whose shield rule is switched off", () => {
    const probe = async (table: string, authorization: string | null) => {
      const response = await app.gqlWithHeader<{ unguardedIds: string[] }>(`query($t: String!) { unguardedIds(table: $t) }`, authorization, { t: table });
      expect(response.body.errors).toBeUndefined();
      return new Set(response.body.data!.unguardedIds);
    };

    it("still gets only the caller's region from the database: no other region's families, plans or signals", async () => {
      const token = `Bearer ${app.tokenFor(professional.professionalId)}`;
      for (const table of ["families", "plans", "signals"]) {
        const foreign = await ownerIds(sql.raw(`select id::text as id from ${table} where region_id = '${region.other}'`));
        const seen = await probe(table, token);
        expect(seen.size, table).toBeGreaterThan(0);
        expect([...seen].filter((id) => foreign.has(id)), table).toEqual([]);
      }
    });

    it("still gets only the client's household from the database: no neighbour", async () => {
      const token = `Bearer ${signClientToken(app.config, clientIdentity.accountId)}`;
      const seen = await probe("persons", token);
      expect(seen).toEqual(await ids(clientIdentity, "persons"));
      const all = await ownerIds(sql`select id::text as id from persons`);
      expect(seen.size).toBeGreaterThan(0);
      expect(seen.size).toBeLessThan(all.size);
    });
  });
});
