import { and, arrayContains, eq, getTableColumns, ne } from "drizzle-orm";
import { z } from "zod";
import { familyGate, requireFamily } from "../../covenant/decisions/gate.js";
import { REGISSEUR } from "../../covenant/decisions/needs.js";
import { isRegisseur, keepsFamily } from "../../covenant/decisions/predicates.js";
import type { AuthenticatedContext } from "../../context.js";
import { inTransaction } from "../../accountability/access-log/transaction.js";
import { today, addMonths } from "../../dates.js";
import { badInput, conflict, forbidden, notFound } from "../../errors.js";
import { families } from "../../families/tables.js";
import { normalizeId } from "../../ids.js";
import { notify } from "../../notifications/service.js";
import { partners, professionals } from "../../organisations/tables.js";
import { readPage, toPage, type Page, type PageArgs } from "../../pagination/page.js";
import { professionalScope } from "../../pagination/cursor.js";
import { fillPage, pageOfRows, seekAfter, seekKey, seekOrder, type SeekColumn } from "../../pagination/seek.js";
import { partnerInRegion } from "../../plan/edit.js";
import { lifeDomainOf } from "../../plan/life-domains.js";
import { tasks } from "../../plan/tables.js";
import { day, parseInput, text } from "../../validation.js";
import { ladderOf, openEscalation } from "../escalation/open.js";
import { mandateAdvices } from "../tables.js";
import { addressedTo, answersFor } from "./addressed.js";
import { decisionTypeSchema, inMandateTable } from "./table.js";
import { ADVICE_OUTCOMES, type AdviceAnswerInput, type AdviceInput, type AdviceOutcome, type AdviceStatus, type MandateAdvice } from "./types.js";
import { recordWrite } from "../../accountability/access-log/writes.js";

type AdviceRow = typeof mandateAdvices.$inferSelect;

/** Without a date of its own, an institution has ten days to answer. */
export const DEFAULT_ANSWER_DAYS = 10;

const BINDING_OUTCOMES: readonly AdviceOutcome[] = ["EXECUTED", "DEVIATED"];
const ADVICE_ONLY_OUTCOMES: readonly AdviceOutcome[] = ["FOLLOWED", "NOT_FOLLOWED"];

const BINDING =
  "Binding advice under the region's functional mandate: the institution turns it into its formal decision, and may deviate only where the law does not allow the decision, stating that legal ground; a deviation opens an escalation.";
const ADVICE_ONLY =
  "Advice only: this decision is outside the region's mandate table, so the institution decides itself whether to follow it, and says why when it does not.";

export const toAdvice = (row: AdviceRow, day: string): MandateAdvice => ({
  id: row.id,
  familyId: row.familyId,
  partnerId: row.partnerId,
  binding: row.binding,
  standing: row.binding ? BINDING : ADVICE_ONLY,
  status: row.status as AdviceStatus,
  issuedAt: row.issuedAt,
  issuedById: row.issuedBy,
  answerDue: row.answerDue,
  overdue: row.status === "ISSUED" && row.answerDue < day,
  answeredAt: row.answeredAt,
  answeredById: row.answeredBy,
  escalationId: row.escalationId,
  lifeDomain: row.lifeDomain,
  decisionType: row.decisionType,
  advice: row.advice,
  answer: row.answer,
  legalGround: row.legalGround,
});

/** A date deadline in a notification: midnight UTC of the day, so its date part is the day itself. */
export const dueOn = (date: string): string => `${date}T00:00:00.000Z`;

/** What the caller may see of these advices at all: the family's keepers, and the institution addressed. */
async function visible(ctx: AuthenticatedContext, rows: AdviceRow[]): Promise<AdviceRow[]> {
  const needEntitlement = rows.filter((row) => !addressedTo(ctx.caller, row.partnerId));
  const entitlements = await ctx.entitlements.loadMany([...new Set(needEntitlement.map((row) => row.familyId))]);
  const keeps = new Set(
    entitlements.flatMap((entitlement) => (entitlement instanceof Error || !keepsFamily(entitlement) ? [] : [entitlement.familyId])),
  );
  return rows.filter((row) => addressedTo(ctx.caller, row.partnerId) || keeps.has(row.familyId));
}

/** One advice the caller may see, or null: exactly as for an advice that does not exist. */
export async function findAdvice(ctx: AuthenticatedContext, rawId: string): Promise<MandateAdvice | null> {
  const id = normalizeId(rawId);
  const rows = id ? await ctx.db.select().from(mandateAdvices).where(and(eq(mandateAdvices.id, id), eq(mandateAdvices.regionId, ctx.caller.regionId))) : [];
  const [row] = await visible(ctx, rows);
  return row ? toAdvice(row, today(ctx)) : null;
}

/** Newest first, then id. */
const NEWEST_FIRST: SeekColumn[] = [
  { column: mandateAdvices.issuedAt, descending: true },
  { column: mandateAdvices.id, descending: true },
];
/** The earliest answer date first, then the earliest issued, then id. */
const EARLIEST_DUE: SeekColumn[] = [{ column: mandateAdvices.answerDue }, { column: mandateAdvices.issuedAt }, { column: mandateAdvices.id }];


/**
 * A family's advices, as far as the caller may see them: all for its keepers, its own for an
 * institution; newest first, a page at a time (decided row by row until the page is full). The
 * cursor is bound to the family.
 */
export async function listFamilyAdvices(ctx: AuthenticatedContext, rawFamilyId: string, args: PageArgs): Promise<Page<MandateAdvice>> {
  const familyId = normalizeId(rawFamilyId);
  const page = readPage(professionalScope(ctx.caller, `advices:${familyId ?? rawFamilyId}`), args, NEWEST_FIRST.length);
  if (!familyId) return toPage(page, [], () => []);
  const day = today(ctx);
  return fillPage(
    page,
    (after, limit) =>
      ctx.db
        .select({ ...getTableColumns(mandateAdvices), seekKey: seekKey(NEWEST_FIRST) })
        .from(mandateAdvices)
        .where(and(eq(mandateAdvices.familyId, familyId), eq(mandateAdvices.regionId, ctx.caller.regionId), seekAfter(NEWEST_FIRST, after)))
        .orderBy(...seekOrder(NEWEST_FIRST))
        .limit(limit),
    async (rows) => {
      const shown = new Set(await visible(ctx, rows));
      return rows.map((row) => (shown.has(row) ? toAdvice(row, day) : null));
    },
  );
}

/** The advices addressed to the caller's institution, the earliest answer date first, a page at a time. */
export async function listAdvicesToAnswer(ctx: AuthenticatedContext, openOnly: boolean, args: PageArgs): Promise<Page<MandateAdvice>> {
  const page = readPage(professionalScope(ctx.caller, `advicesToAnswer:${openOnly}`), args, EARLIEST_DUE.length);
  if (!answersFor(ctx.caller)) return toPage(page, [], () => []);
  const rows = await ctx.db
    .select({ ...getTableColumns(mandateAdvices), seekKey: seekKey(EARLIEST_DUE) })
    .from(mandateAdvices)
    .where(
      and(
        eq(mandateAdvices.regionId, ctx.caller.regionId),
        eq(mandateAdvices.partnerId, ctx.caller.partnerId),
        openOnly ? eq(mandateAdvices.status, "ISSUED") : undefined,
        seekAfter(EARLIEST_DUE, page.after),
      ),
    )
    .orderBy(...seekOrder(EARLIEST_DUE))
    .limit(page.size + 1);
  const day = today(ctx);
  return pageOfRows(page, rows, (row) => toAdvice(row, day));
}

const adviceSchema = z.object({
  partnerId: z.string(),
  lifeDomain: z.string(),
  decisionType: decisionTypeSchema,
  advice: text(5000),
  answerDue: day.nullish(),
});

const ISSUING = familyGate({
  operations: ["Mutation.issueAdvice"],
  need: REGISSEUR,
  refusal: "Only the family's regisseur issues an advice under the functional mandate.",
  lock: "share",
  openFamilyOnly: ["Mutation.issueAdvice"],
});

/**
 * The regisseur advises an institution. Binding when the region's mandate table holds the
 * decision for that institution in that life domain, advice only otherwise: fixed now, so a
 * later change of the table does not change what was asked. The institution's partner managers
 * and its professionals who lead a task for the family are told, not every employee.
 */
export async function issueAdvice(ctx: AuthenticatedContext, rawFamilyId: string, raw: AdviceInput): Promise<MandateAdvice> {
  const input = parseInput(adviceSchema, raw, "input");
  const row = await inTransaction(ctx, async (tx) => {
    const entitlement = await requireFamily(tx, rawFamilyId, ISSUING);
    const partnerId = await partnerInRegion(tx, input.partnerId, "input.partnerId");
    const lifeDomain = await lifeDomainOf(tx, input.lifeDomain, "input.lifeDomain");
    const now = today(tx);
    const answerDue = input.answerDue ?? addMonths(now, 0, DEFAULT_ANSWER_DAYS);
    if (answerDue < now) throw badInput("input.answerDue", `must be today (${now}) or later`);
    const binding = await inMandateTable(tx, { lifeDomain, partnerId, decisionType: input.decisionType });
    const [row] = await tx.db
      .insert(mandateAdvices)
      .values({
        regionId: tx.caller.regionId,
        familyId: entitlement.familyId,
        partnerId,
        lifeDomain,
        decisionType: input.decisionType,
        binding,
        advice: input.advice,
        issuedBy: tx.caller.professionalId,
        issuedAt: tx.now(),
        answerDue,
        status: "ISSUED",
      })
      .returning();
    await notify(tx, await addressees(tx, entitlement.familyId, partnerId), {
      kind: "MANDATE_ADDRESSED",
      familyId: entitlement.familyId,
      subjectId: row!.id,
      detail: { due: dueOn(answerDue) },
    });
    recordWrite(tx, entitlement.familyId, { data: ["ADVICE"] });
    return row!;
  });
  return toAdvice(row, today(ctx));
}

/** The institution's active partner managers, and its active professionals leading a live task for the family. */
async function addressees(tx: AuthenticatedContext, familyId: string, partnerId: string): Promise<string[]> {
  const managers = await tx.db
    .select({ id: professionals.id })
    .from(professionals)
    .where(and(eq(professionals.partnerId, partnerId), eq(professionals.active, true), arrayContains(professionals.roles, ["PARTNER_MANAGER"])));
  const leads = await tx.db
    .selectDistinct({ id: professionals.id })
    .from(tasks)
    .innerJoin(professionals, eq(professionals.id, tasks.leadProfessionalId))
    .where(
      and(
        eq(tasks.familyId, familyId),
        eq(professionals.partnerId, partnerId),
        eq(professionals.active, true),
        ne(tasks.status, "CANCELLED"),
        ne(tasks.response, "DECLINED"),
      ),
    );
  return [...managers, ...leads].map((row) => row.id);
}

const answerSchema = z.object({
  outcome: z.enum(ADVICE_OUTCOMES),
  answer: text(5000).nullish(),
  legalGround: text(2000).nullish(),
});

/**
 * The addressed institution answers, once. A binding advice is executed, or deviated from only
 * on a stated legal ground — and a deviation opens an escalation on the execution track in the
 * same transaction. An advice only is followed or not (with the reason why not). Someone of
 * another institution who may know the family is refused (FORBIDDEN); anyone else is told the
 * advice does not exist.
 */
export async function answerAdvice(ctx: AuthenticatedContext, rawAdviceId: string, raw: AdviceAnswerInput): Promise<MandateAdvice> {
  const input = parseInput(answerSchema, raw, "input");
  const row = await inTransaction(ctx, async (tx) => {
    const advice = await adviceToAnswer(tx, rawAdviceId);
    if (advice.status !== "ISSUED") throw conflict(`adviceId: the advice was already answered (${advice.status}).`);
    const fitting = advice.binding ? BINDING_OUTCOMES : ADVICE_ONLY_OUTCOMES;
    if (!fitting.includes(input.outcome)) {
      throw badInput("input.outcome", advice.binding ? "a binding advice is EXECUTED, or DEVIATED on a legal ground" : "an advice only is FOLLOWED or NOT_FOLLOWED");
    }
    const legalGround = input.legalGround ?? null;
    if (input.outcome === "DEVIATED" && !legalGround) throw badInput("input.legalGround", "a deviation from a binding advice needs the legal ground that forbids the decision");
    if (input.outcome !== "DEVIATED" && legalGround) throw badInput("input.legalGround", "only a deviation from a binding advice states a legal ground");
    if (input.outcome === "NOT_FOLLOWED" && !input.answer) throw badInput("input.answer", "say why the advice is not followed");

    const [answered] = await tx.db
      .update(mandateAdvices)
      .set({ status: input.outcome, answer: input.answer ?? null, legalGround, answeredBy: tx.caller.professionalId, answeredAt: tx.now() })
      .where(eq(mandateAdvices.id, advice.id))
      .returning();
    let row = answered!;
    if (input.outcome === "DEVIATED") row = await escalateDeviation(tx, row);
    const [family] = await tx.db.select({ regisseurId: families.regisseurId, processLeadId: families.processLeadId }).from(families).where(eq(families.id, row.familyId));
    await notify(tx, [family?.regisseurId ?? null, family?.processLeadId ?? null], {
      kind: "MANDATE_ANSWERED",
      familyId: row.familyId,
      subjectId: row.id,
    });
    recordWrite(tx, row.familyId, { data: ["ADVICE"] });
    return row;
  });
  return toAdvice(row, today(ctx));
}

/** The advice, locked: for the institution it is addressed to; FORBIDDEN or NOT_FOUND for anyone else. */
async function adviceToAnswer(tx: AuthenticatedContext, rawId: string): Promise<AdviceRow> {
  const id = normalizeId(rawId);
  const [row] = id
    ? await tx.db
        .select()
        .from(mandateAdvices)
        .where(and(eq(mandateAdvices.id, id), eq(mandateAdvices.regionId, tx.caller.regionId)))
        .for("update")
    : [];
  if (!row) throw notFound("Advice");
  // Decide under a shared lock on the family: who is its regisseur cannot change meanwhile.
  await tx.db.select({ id: families.id }).from(families).where(eq(families.id, row.familyId)).for("share");
  const entitlement = await tx.entitlements.load(row.familyId);
  if (addressedTo(tx.caller, row.partnerId)) {
    // A coach employed by the institution may lead the family: the advice is then not theirs to answer.
    if (row.issuedBy === tx.caller.professionalId || isRegisseur(entitlement)) throw forbidden("The regisseur does not answer an advice to the institution; a colleague does.");
    return row;
  }
  // Who cannot see the advice (anyone but the family's keepers) learns nothing of it.
  if (!keepsFamily(entitlement)) throw notFound("Advice");
  throw forbidden("Only a professional of the institution the advice is addressed to answers it.");
}

/**
 * A deviation from a binding advice is a conflict while carrying out the plan: it opens an
 * escalation on the region's PLAN_EXECUTION ladder, with the institution as the party. The
 * subject names the advice and the deviation, not what was advised.
 */
async function escalateDeviation(tx: AuthenticatedContext, row: AdviceRow): Promise<AdviceRow> {
  const [first] = await ladderOf(tx, tx.caller.regionId, "PLAN_EXECUTION");
  if (!first) throw conflict("input.outcome: your region has no escalation ladder for carrying out plans, so a deviation cannot be escalated; ask the covenant administrator.");
  const [partner] = await tx.db.select({ name: partners.name }).from(partners).where(eq(partners.id, row.partnerId));
  const escalation = await openEscalation(tx, {
    familyId: row.familyId,
    track: "PLAN_EXECUTION",
    subject: `${partner!.name} deviated from binding advice ${row.id} on a stated legal ground.`,
    partyPartnerIds: [row.partnerId],
    adviceId: row.id,
  });
  const [updated] = await tx.db.update(mandateAdvices).set({ escalationId: escalation.id }).where(eq(mandateAdvices.id, row.id)).returning();
  return updated!;
}
