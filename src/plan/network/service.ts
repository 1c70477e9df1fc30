import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Caller } from "../../auth/caller.js";
import type { AuthenticatedContext } from "../../context.js";
import { inTransaction } from "../../accountability/access-log/transaction.js";
import { recordWrite } from "../../accountability/access-log/writes.js";
import { today } from "../../dates.js";
import { familyGate, requireFamily } from "../../covenant/decisions/gate.js";
import { REGISSEUR } from "../../covenant/decisions/needs.js";
import { networkPart } from "../../covenant/decisions/plan-parts.js";
import type { Db } from "../../db/database.js";
import { perFamily } from "../../db/per-family.js";
import { badInput, conflict, notFound } from "../../errors.js";
import { NO_REGION, normalizeId } from "../../ids.js";
import { day, parseInput, text } from "../../validation.js";
import { memberOf } from "../edit.js";
import { networkMembers } from "../tables.js";
import type { NetworkMember, NetworkMemberInput } from "./network-types.js";

/*
 * The family's own network (001 "het sociale netwerk benutten"; 000 §4; 003 ecogram): the
 * regisseur records who they are, whom they relate to and what they do; goals and tasks can name
 * one as their lead. Plan content under the covenant (part NETWORK): *that* the network has
 * members is process data.
 */

type Row = typeof networkMembers.$inferSelect;

export const toNetworkMember = (row: Row): NetworkMember => ({
  id: row.id,
  addedAt: row.addedAt,
  endedOn: row.endedOn,
  content: { name: row.name, relation: row.relation, relatedMemberId: row.relatedPersonId, contact: row.contact, support: row.support },
  familyId: row.familyId,
  part: networkPart(row.relatedPersonId),
});

export function networkLoaders(db: Db, caller: Caller | null) {
  return { network: perFamily(db, caller?.regionId ?? NO_REGION, networkMembers, [networkMembers.addedAt, networkMembers.id], toNetworkMember) };
}

/** A current member of the family's network, or BAD_USER_INPUT naming `field`. */
export async function networkMemberOf(tx: AuthenticatedContext, familyId: string, raw: string, field: string): Promise<string> {
  const id = normalizeId(raw);
  const [row] = id
    ? await tx.db
        .select({ id: networkMembers.id })
        .from(networkMembers)
        .where(and(eq(networkMembers.id, id), eq(networkMembers.familyId, familyId), isNull(networkMembers.endedOn)))
    : [];
  if (!row) throw badInput(field, "not a current member of this family's network");
  return row.id;
}

const NETWORK_EDIT = familyGate({
  operations: ["Mutation.addNetworkMember", "Mutation.endNetworkMember"],
  need: REGISSEUR,
  refusal: "Only the family's regisseur keeps its network.",
  lock: "share",
});

const memberSchema = z.object({
  name: text(200),
  relation: text(100),
  relatedMemberId: z.string().nullish(),
  contact: text(200).nullish(),
  support: text(2000).nullish(),
});

export async function addNetworkMember(ctx: AuthenticatedContext, rawFamilyId: string, raw: NetworkMemberInput): Promise<NetworkMember> {
  const input = parseInput(memberSchema, raw, "input");
  const row = await inTransaction(ctx, async (tx) => {
    const { familyId } = await requireFamily(tx, rawFamilyId, NETWORK_EDIT);
    const relatedPersonId = input.relatedMemberId ? await memberOf(tx, familyId, input.relatedMemberId, "input.relatedMemberId") : null;
    const [created] = await tx.db
      .insert(networkMembers)
      .values({
        regionId: tx.caller.regionId,
        familyId,
        name: input.name,
        relation: input.relation,
        relatedPersonId,
        contact: input.contact ?? null,
        support: input.support ?? null,
        addedBy: tx.caller.professionalId,
        addedAt: tx.now(),
      })
      .returning();
    recordWrite(tx, familyId, { data: ["NETWORK"] });
    return created!;
  });
  ctx.loaders.network.clear(row.familyId);
  return toNetworkMember(row);
}

/** Someone leaves the network: kept, with the day; no longer named as a new lead. */
export async function endNetworkMember(ctx: AuthenticatedContext, rawId: string, rawOn: string | null | undefined): Promise<NetworkMember> {
  const on = parseInput(day.nullish(), rawOn, "endedOn");
  const id = normalizeId(rawId);
  const [found] = id ? await ctx.db.select({ familyId: networkMembers.familyId }).from(networkMembers).where(and(eq(networkMembers.id, id), eq(networkMembers.regionId, ctx.caller.regionId))) : [];
  if (!found) throw notFound("Network member");
  const row = await inTransaction(ctx, async (tx) => {
    await requireFamily(tx, found.familyId, NETWORK_EDIT, { missing: "Network member" });
    const [current] = await tx.db.select().from(networkMembers).where(eq(networkMembers.id, id!)).for("update");
    if (current!.endedOn) throw conflict(`networkMemberId: left the network on ${current!.endedOn} already.`);
    const [ended] = await tx.db.update(networkMembers).set({ endedOn: on ?? today(tx) }).where(eq(networkMembers.id, id!)).returning();
    recordWrite(tx, found.familyId, { data: ["NETWORK"] });
    return ended!;
  });
  ctx.loaders.network.clear(row.familyId);
  return toNetworkMember(row);
}
