import { and, eq, getTableColumns, gt, isNull, sql, type Column, type SQLWrapper } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { AuthenticatedContext } from "../context.js";
import { inTransaction } from "../accountability/access-log/transaction.js";
import { today, addMonths, addYears } from "../dates.js";
import { badInput, conflict, notFound } from "../errors.js";
import { familyMemberships, persons } from "../families/tables.js";
import { normalizeId } from "../ids.js";
import { professionals, regions } from "../organisations/tables.js";
import { bsn, day, parseInput, text } from "../validation.js";
import { matchNotifications, signals } from "./tables.js";
import { NOT_DISCUSSED_REASONS, type Involvement, type MatchNotification, type Signal, type SignalInput } from "./types.js";
import { recordWriteAbout } from "../accountability/access-log/writes.js";
import { rowsOf } from "../db/rows.js";
import { readPage, toPage, type Page, type PageArgs } from "../pagination/page.js";
import { professionalScope } from "../pagination/cursor.js";
import { pageOfRows, seekAfter, seekKey, seekOrder, type SeekColumn } from "../pagination/seek.js";

// The basis the log names for reference-index answers: the caller's own signal opens them.
const REFERENCE_INDEX = "reference-index";

type SignalRow = typeof signals.$inferSelect;

const isActive = (row: SignalRow, day: string) => row.withdrawnAt === null && row.activeUntil > day;

const toSignal = (row: SignalRow, day: string): Signal => ({
  id: row.id,
  bsn: row.bsn,
  birthDate: row.birthDate,
  signalledOn: row.signalledOn,
  // Stored as the first day it is no longer active; shown as the last day it is.
  activeUntil: addMonths(row.activeUntil, 0, -1),
  status: isActive(row, day) ? "ACTIVE" : "HISTORICAL",
  discussedWithFamily: row.discussedWithFamily,
  notDiscussedReason: row.notDiscussedReason as Signal["notDiscussedReason"],
  contactPhone: row.contactPhone,
  contactEmail: row.contactEmail,
  withdrawnAt: row.withdrawnAt,
  ownerId: row.professionalId,
});

/** The SQL condition "this signal is active today". */
const activeOn = (table: { withdrawnAt: Column; activeUntil: Column }, day: string | SQLWrapper) => and(isNull(table.withdrawnAt), gt(table.activeUntil, day));

const signalSchema = z
  .object({
    bsn,
    birthDate: day,
    signalledOn: day.nullish(),
    discussedWithFamily: z.boolean(),
    notDiscussedReason: z.enum(NOT_DISCUSSED_REASONS).nullish(),
    contactPhone: text(40).refine((value) => /^[+0-9][0-9 ()-]{5,}$/.test(value), "not a phone number").nullish(),
    contactEmail: z.email("not an email address").max(200, "at most 200 characters").nullish(),
  })
  .superRefine((input, issues) => {
    if (!input.discussedWithFamily && !input.notDiscussedReason) {
      issues.addIssue({ code: "custom", path: ["notDiscussedReason"], message: "required when the signal was not discussed with the family" });
    }
    if (input.discussedWithFamily && input.notDiscussedReason) {
      issues.addIssue({ code: "custom", path: ["notDiscussedReason"], message: "only for a signal not discussed with the family" });
    }
  });

/**
 * Registers that the caller's organisation is involved with a person, and notifies every
 * signaller of a match — same person, or a child sharing a parent — in the same transaction.
 */
export async function registerSignal(ctx: AuthenticatedContext, raw: SignalInput): Promise<Signal> {
  const input = parseInput(signalSchema, raw, "input");
  const day = today(ctx);
  const signalledOn = input.signalledOn ?? day;
  if (signalledOn > day) throw badInput("input.signalledOn", "lies in the future");
  if (input.birthDate > signalledOn) throw badInput("input.birthDate", "lies after the signal date");

  return inTransaction(ctx, async (tx) => {
    const [settings] = await tx.db.select().from(regions).where(eq(regions.id, tx.caller.regionId));
    const [me] = await tx.db.select().from(professionals).where(eq(professionals.id, tx.caller.professionalId));
    const activeUntil = addMonths(signalledOn, settings!.signalActiveMonths);
    if (activeUntil <= day) {
      throw badInput("input.signalledOn", `lies more than ${settings!.signalActiveMonths} months back: the signal would not be active`);
    }
    const ageLimit = settings!.signalAgeLimitYears;
    if (ageLimit !== null && addYears(input.birthDate, ageLimit) <= day) {
      throw badInput("input.birthDate", `the person has reached the region's age limit of ${ageLimit}`);
    }
    await lockPerson(tx, input.bsn);
    const contactPhone = input.contactPhone ?? me!.phone;
    const contactEmail = input.contactEmail ?? me!.email;

    const [existing] = await tx.db
      .select({ id: signals.id })
      .from(signals)
      .where(
        and(
          eq(signals.regionId, tx.caller.regionId),
          eq(signals.bsn, input.bsn),
          eq(signals.professionalId, tx.caller.professionalId),
          activeOn(signals, day),
        ),
      );
    if (existing) throw conflict("input.bsn: you already have an active signal on this person.");

    const [created] = await tx.db
      .insert(signals)
      .values({
        regionId: tx.caller.regionId,
        bsn: input.bsn,
        birthDate: input.birthDate,
        partnerId: tx.caller.partnerId,
        professionalId: tx.caller.professionalId,
        contactPhone,
        contactEmail,
        signalledOn,
        activeUntil,
        discussedWithFamily: input.discussedWithFamily,
        notDiscussedReason: input.notDiscussedReason ?? null,
        createdAt: tx.now(),
      })
      .returning();
    recordWriteAbout(tx, { regionId: created!.regionId, bsn: created!.bsn }, { data: ["SIGNAL"] });
    await notifyMatches(tx, created!, day);
    return toSignal(created!, day);
  });
}

/**
 * Serialises signals that could match each other: on the same person, or on children of the
 * same parent. Without it, two organisations signalling at the same moment would not see each
 * other's uncommitted signal and neither would be told of the match (and a double-click would
 * make two signals). Locks are taken in sorted order, so two signals cannot deadlock.
 */
async function lockPerson(ctx: AuthenticatedContext, personBsn: string): Promise<void> {
  const child = alias(persons, "child");
  const childMembership = alias(familyMemberships, "child_membership");
  const parentMembership = alias(familyMemberships, "parent_membership");
  const parent = alias(persons, "parent");
  const parents = await ctx.db
    .selectDistinct({ bsn: parent.bsn })
    .from(child)
    .innerJoin(childMembership, and(eq(childMembership.personId, child.id), eq(childMembership.relation, "CHILD")))
    .innerJoin(parentMembership, and(eq(parentMembership.familyId, childMembership.familyId), eq(parentMembership.relation, "PARENT")))
    .innerJoin(parent, eq(parent.id, parentMembership.personId))
    .where(and(eq(child.regionId, ctx.caller.regionId), eq(child.bsn, personBsn)));
  const keys = [`person:${personBsn}`, ...parents.map((row) => `parent:${row.bsn}`)].sort();
  for (const key of keys) {
    await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${ctx.caller.regionId}:${key}`}, 0))`);
  }
}

/** Both sides of every match hear of the other: person matches first, then family matches. */
async function notifyMatches(ctx: AuthenticatedContext, created: SignalRow, day: string): Promise<void> {
  // Other organisations' signals are out of the request's reach: the function applies the match rules.
  const candidates = rowsOf<{ id: string; professionalId: string; bsn: string; kind: "PERSON_MATCH" | "FAMILY_MATCH" }>(
    await ctx.db.execute(sql`select id, professional_id as "professionalId", bsn, kind from ri_match_candidates(${created.id}::uuid, ${day}::date)`),
  );
  const samePerson = candidates.filter((other) => other.kind === "PERSON_MATCH");
  const siblings = candidates.filter((other) => other.kind === "FAMILY_MATCH");
  const rows = [
    ...samePerson.map((other) => ({ kind: "PERSON_MATCH", other })),
    ...siblings.map((other) => ({ kind: "FAMILY_MATCH", other })),
  ].flatMap(({ kind, other }) => [
    { kind, recipientId: created.professionalId, ownSignalId: created.id, otherSignalId: other.id },
    { kind, recipientId: other.professionalId, ownSignalId: other.id, otherSignalId: created.id },
  ]);
  if (rows.length === 0) return;
  // A match tells each side that the other is involved: with this person, or with a sibling.
  const matchedBsns = new Set([...(samePerson.length > 0 ? [created.bsn] : []), ...siblings.map((other) => other.bsn), ...(siblings.length > 0 ? [created.bsn] : [])]);
  for (const bsn of matchedBsns) recordWriteAbout(ctx, { regionId: created.regionId, bsn }, { data: ["INVOLVEMENT"] }, "MATCH");
  await ctx.db
    .insert(matchNotifications)
    .values(rows.map((row) => ({ ...row, regionId: created.regionId, createdAt: ctx.now() })));
}

/**
 * Who else is involved with this person — answered only to an organisation with its own active
 * signal on the person, in one statement. For anyone else the answer is the empty list, exactly
 * as for a person nobody signalled: the lookup is no way to learn whether a person is known.
 */
export async function whoIsInvolved(ctx: AuthenticatedContext, rawBsn: string): Promise<Involvement[]> {
  const person = parseInput(bsn, rawBsn, "bsn");
  const day = today(ctx);
  // Other organisations' signals are out of the request's reach (drizzle/0011): the function
  // answers with them only to an organisation with its own active signal on the person.
  const rows = rowsOf<Involvement>(
    await ctx.db.execute(sql`
      select ${INVOLVEMENT_COLUMNS}
      from ri_who_is_involved(${person}, ${day}::date) s
      join partners pa on pa.id = s.partner_id
      join professionals pr on pr.id = s.professional_id
      order by s.signalled_on, pa.name`),
  );
  // Recorded whatever it found: asking is an access too.
  ctx.access.readAbout({ regionId: ctx.caller.regionId, bsn: person }, "LOOKUP", ["INVOLVEMENT"], REFERENCE_INDEX);
  return rows;
}

/** Newest first; signals of one day by id, so the order (and a cursor) is unique. */
const SIGNAL_ORDER: SeekColumn[] = [
  { column: signals.signalledOn, descending: true },
  { column: signals.id, descending: true },
];

/** The caller's own signals, active and historical, a page at a time; only the page is logged as read. */
export async function mySignals(ctx: AuthenticatedContext, args: PageArgs): Promise<Page<Signal>> {
  const page = readPage(professionalScope(ctx.caller, "mySignals"), args, SIGNAL_ORDER.length);
  const day = today(ctx);
  const rows = await ctx.db
    .select({ ...getTableColumns(signals), seekKey: seekKey(SIGNAL_ORDER) })
    .from(signals)
    .where(and(eq(signals.regionId, ctx.caller.regionId), eq(signals.professionalId, ctx.caller.professionalId), seekAfter(SIGNAL_ORDER, page.after)))
    .orderBy(...seekOrder(SIGNAL_ORDER))
    .limit(page.size + 1);
  const result = pageOfRows(page, rows, (row) => toSignal(row, day));
  for (const row of rows.slice(0, page.size)) ctx.access.readAbout({ regionId: row.regionId, bsn: row.bsn }, "READ", ["SIGNAL"], REFERENCE_INDEX);
  return result;
}

/** Withdraws one's own signal: it becomes historical and stops matching and answering lookups. */
export async function withdrawSignal(ctx: AuthenticatedContext, rawId: string): Promise<Signal> {
  const day = today(ctx);
  const id = normalizeId(rawId);
  return inTransaction(ctx, async (tx) => {
    const [row] = id
      ? await tx.db
          .select()
          .from(signals)
          .where(and(eq(signals.id, id), eq(signals.professionalId, tx.caller.professionalId)))
          .for("update")
      : [];
    // Someone else's signal is not yours to know of: the same answer as for no signal.
    if (!row) throw notFound("Signal");
    if (row.withdrawnAt !== null) throw conflict("id: this signal was already withdrawn.");
    const [updated] = await tx.db
      .update(signals)
      .set({ withdrawnAt: tx.now() })
      .where(eq(signals.id, row.id))
      .returning();
    recordWriteAbout(tx, { regionId: row.regionId, bsn: row.bsn }, { data: ["SIGNAL"] });
    return toSignal(updated!, day);
  });
}

/**
 * An involvement as the reference index answers it, from a signal `s` joined to its partner `pa`
 * and professional `pr`: who, which organisation and sector, how to reach them, since when. Never why.
 */
const INVOLVEMENT_COLUMNS = sql.raw(
  `pa.name as organisation, pa.sector, pr.name as professional, s.contact_phone as phone, s.contact_email as email, s.signalled_on::text as since`,
);

/** A match shown to its recipient reads both signals' involvement: the access log says so. */
export function recordMatchReads(ctx: AuthenticatedContext, shown: readonly MatchNotification[]): void {
  for (const match of shown) ctx.access.readAbout({ regionId: ctx.caller.regionId, bsn: match.bsn }, "READ", ["SIGNAL", "INVOLVEMENT"], REFERENCE_INDEX);
}

/** `matchNotifications`: the caller's matches, newest first (time, then id), a page at a time. */
export async function pageMatchNotifications(ctx: AuthenticatedContext, args: PageArgs, unreadOnly: boolean): Promise<Page<MatchNotification>> {
  const scope = professionalScope(ctx.caller, `matchNotifications:${unreadOnly}`);
  const page = readPage(scope, args, 2);
  const seek = page.after ? { createdAt: new Date(page.after[0]!), id: page.after[1]! } : null;
  const matches = await myMatchNotifications(ctx, unreadOnly, undefined, { seek, limit: page.size + 1 });
  const result = toPage(page, matches, (match) => [match.createdAt.toISOString(), match.id]);
  recordMatchReads(ctx, result.nodes);
  return result;
}

/** A page of matches: those after the seek key (newest first), at most `limit`. */
export interface MatchPage {
  seek: { createdAt: Date; id: string } | null;
  limit: number;
}

/**
 * The caller's match notifications, newest first: all, unread only, or the one with `onlyId`.
 * Not logged here: the caller records (recordMatchReads) those it shows, e.g. only a page's.
 */
export async function myMatchNotifications(
  ctx: AuthenticatedContext,
  unreadOnly: boolean,
  onlyId?: string,
  page?: MatchPage,
): Promise<MatchNotification[]> {
  const seek = page?.seek ? sql`and (n.created_at, n.id) < (${page.seek.createdAt.toISOString()}::timestamptz, ${page.seek.id}::uuid)` : sql``;
  // The other side is another organisation's signal: only ri_matched_signals reads it (drizzle/0011).
  const rows = rowsOf<Involvement & { id: string; kind: string; createdAt: Date; readAt: Date | null; bsn: string }>(
    await ctx.db.execute(sql`
      select n.id, n.kind, n.created_at as "createdAt", n.read_at as "readAt", own.bsn, ${INVOLVEMENT_COLUMNS}
      from match_notifications n
      join signals own on own.id = n.own_signal_id
      join ri_matched_signals() s on s.id = n.other_signal_id
      join partners pa on pa.id = s.partner_id
      join professionals pr on pr.id = s.professional_id
      where n.region_id = ${ctx.caller.regionId}::uuid and n.recipient_id = ${ctx.caller.professionalId}::uuid
        ${unreadOnly ? sql`and n.read_at is null` : sql``} ${onlyId ? sql`and n.id = ${onlyId}::uuid` : sql``} ${seek}
      order by n.created_at desc, n.id desc ${page ? sql`limit ${page.limit}` : sql``}`),
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as MatchNotification["kind"],
    bsn: row.bsn,
    createdAt: new Date(row.createdAt),
    readAt: row.readAt === null ? null : new Date(row.readAt),
    ownerId: ctx.caller.professionalId,
    other: {
      organisation: row.organisation,
      sector: row.sector,
      professional: row.professional,
      phone: row.phone,
      email: row.email,
      since: row.since,
    },
  }));
}

export async function markMatchNotificationRead(ctx: AuthenticatedContext, rawId: string): Promise<MatchNotification> {
  // The notification is looked up again by this id below: it must be spelled as the database spells it.
  const id = normalizeId(rawId);
  const updated = id
    ? await inTransaction(ctx, (tx) =>
        tx.db
          .update(matchNotifications)
          .set({ readAt: sql`coalesce(${matchNotifications.readAt}, ${tx.now().toISOString()}::timestamptz)` })
          .where(and(eq(matchNotifications.id, id), eq(matchNotifications.recipientId, tx.caller.professionalId)))
          .returning({ id: matchNotifications.id }),
      )
    : [];
  if (updated.length === 0) throw notFound("Notification");
  // Only this one: reading it back must not read (and log) the whole inbox.
  const [notification] = await myMatchNotifications(ctx, false, updated[0]!.id);
  // Gone between the write and the read (retention destroyed its signal): no 500 for that.
  if (!notification) throw notFound("Notification");
  recordMatchReads(ctx, [notification]);
  return notification;
}
