import { sql } from "drizzle-orm";
import type { Db } from "../db/database.js";
import { rowsOf } from "../db/rows.js";
import { isRole } from "../access/roles.js";
import type { Caller } from "./caller.js";
import type { ClientCaller } from "./client.js";

/*
 * The first statement of every request's transaction (server/request-transaction.ts): it loads
 * who calls, as the database says they are right now, and hands the rest of the transaction to
 * the row-level fences (drizzle/0011, docs/decisions/0015). In one statement, and so one round
 * trip, it
 * - finds the professional or the client (an unknown or deactivated one: no row, refused);
 * - puts their region, organisation, professional or person in transaction-local settings,
 *   which the policies read (empty for anyone unknown: every fenced table is then empty);
 * - switches to the application's role (`role`), which owns no table, so the policies apply.
 * The row is read before the switch, by the owner: nothing before it knows the region.
 */

/** The role requests run as; "none" (the connection's own) only where a benchmark switches the fences off. */
export const APPLICATION_ROLE = "one_family_app";

/** Who a verified token names: a professional, a client's account, or nobody. */
export type Identity = { professionalId: string } | { accountId: string } | null;

export interface Entered {
  caller: Caller | null;
  client: ClientCaller | null;
}

const setting = (name: string, value: ReturnType<typeof sql>) => sql`set_config(${name}, coalesce(${value}::text, ''), true)`;

export async function enterRequest(db: Db, identity: Identity, role: string = APPLICATION_ROLE): Promise<Entered> {
  if (identity && "professionalId" in identity) {
    const [row] = rowsOf<Omit<Caller, "roles"> & { roles: string[] | null }>(
      await db.execute(sql`
        select c.professional_id as "professionalId", c.name, c.partner_id as "partnerId", c.partner_name as "partnerName",
          c.region_id as "regionId", c.roles,
          ${setting("app.region_id", sql`c.region_id`)}, ${setting("app.partner_id", sql`c.partner_id`)},
          ${setting("app.professional_id", sql`c.professional_id`)}, set_config('role', ${role}, true)
        from (select 1) as one left join lateral (
          select p.id as professional_id, p.name, p.partner_id, pa.name as partner_name, p.region_id, p.roles
          from professionals p
          join partners pa on pa.id = p.partner_id
          join regions r on r.id = p.region_id
          where p.id = ${identity.professionalId}::uuid and p.active
          limit 1
        ) as c on true`),
    );
    if (!row?.professionalId) return { caller: null, client: null };
    return { caller: { ...row, roles: (row.roles ?? []).filter(isRole) }, client: null };
  }
  if (identity && "accountId" in identity) {
    const [row] = rowsOf<ClientCaller & { accountId: string | null }>(
      await db.execute(sql`
        select c.account_id as "accountId", c.person_id as "personId", c.region_id as "regionId", c.name,
          ${setting("app.region_id", sql`c.region_id`)}, ${setting("app.person_id", sql`c.person_id`)}, set_config('role', ${role}, true)
        from (select 1) as one left join lateral (
          select a.id as account_id, a.person_id, a.region_id, p.given_name || ' ' || p.family_name as name
          from client_accounts a
          join persons p on p.id = a.person_id and p.region_id = a.region_id
          where a.id = ${identity.accountId}::uuid and a.active
          limit 1
        ) as c on true`),
    );
    if (!row?.accountId) return { caller: null, client: null };
    return { caller: null, client: { accountId: row.accountId, personId: row.personId, regionId: row.regionId, name: row.name } };
  }
  await db.execute(sql`select set_config('role', ${role}, true)`);
  return { caller: null, client: null };
}
