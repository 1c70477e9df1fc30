import { and, asc, desc, eq, inArray, max, sql } from "drizzle-orm";
import { z } from "zod";
import { ACCESS_LEVELS, PART_KINDS } from "./decisions/levels.js";
import { ROLES } from "../access/roles.js";
import type { AuthenticatedContext } from "../context.js";
import { inTransaction } from "../accountability/access-log/transaction.js";
import { today } from "../dates.js";
import { badInput, conflict, notFound } from "../errors.js";
import { normalizeId } from "../ids.js";
import { partners } from "../organisations/tables.js";
import { regionLifeDomains } from "../plan/life-domains.js";
import { day, parseInput, text } from "../validation.js";
import { covenantRules, covenantSignatories, covenantVersions } from "./tables.js";
import { CONSENT_RECORDERS, type CovenantVersion, type CovenantVersionInput } from "./types.js";

type VersionRow = typeof covenantVersions.$inferSelect;

const inForceOn = (row: VersionRow, day: string) => row.inForceFrom <= day && (row.inForceUntil === null || row.inForceUntil > day);

/** Every version of the caller's region, newest first, with its signatories and rules. */
export async function listCovenantVersions(ctx: AuthenticatedContext): Promise<CovenantVersion[]> {
  const rows = await ctx.db
    .select()
    .from(covenantVersions)
    .where(eq(covenantVersions.regionId, ctx.caller.regionId))
    .orderBy(desc(covenantVersions.version));
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [signatories, rules] = await Promise.all([
    ctx.db
      .select({ versionId: covenantSignatories.versionId, partner: partners })
      .from(covenantSignatories)
      .innerJoin(partners, eq(partners.id, covenantSignatories.partnerId))
      .where(inArray(covenantSignatories.versionId, ids))
      .orderBy(asc(partners.name)),
    ctx.db.select().from(covenantRules).where(inArray(covenantRules.versionId, ids)).orderBy(asc(covenantRules.position)),
  ]);
  const day = today(ctx);
  // The version in force is the highest-numbered one whose period holds today.
  const current = rows.find((row) => inForceOn(row, day))?.id;
  return rows.map((row) => ({
    id: row.id,
    version: row.version,
    title: row.title,
    inForceFrom: row.inForceFrom,
    inForceUntil: row.inForceUntil,
    inForce: row.id === current,
    signatories: signatories.filter((entry) => entry.versionId === row.id).map((entry) => entry.partner),
    rules: rules
      .filter((rule) => rule.versionId === row.id)
      .map((rule) => ({
        ...rule,
        level: rule.level as CovenantVersion["rules"][number]["level"],
        partKind: rule.partKind as CovenantVersion["rules"][number]["partKind"],
        requiredRole: rule.requiredRole as CovenantVersion["rules"][number]["requiredRole"],
      })),
    consentAgeAlone: row.consentAgeAlone,
    consentAgeJoint: row.consentAgeJoint,
    consentRecorders: row.consentRecorders as CovenantVersion["consentRecorders"],
    emergencyHours: row.emergencyHours,
    publishedAt: row.publishedAt,
  }));
}

const ruleSchema = z.object({
  granteePartnerId: z.string().nullish(),
  granteeSector: text(60).nullish(),
  // FULL is the regisseur's alone, and NONE grants nothing: a rule grants DAT, PROCESS or SECTION.
  level: z.enum(ACCESS_LEVELS).refine((level) => level !== "FULL" && level !== "NONE", "a rule grants DAT, PROCESS or SECTION"),
  partKind: z.enum(PART_KINDS).nullish(),
  lifeDomain: z.string().nullish(),
  requiresInvolvement: z.boolean(),
  requiresConsentOrLegalGround: z.boolean(),
  requiredRole: z.enum(ROLES).nullish(),
  description: text(1000),
});

const versionSchema = z
  .object({
    title: text(300),
    inForceFrom: day.nullish(),
    inForceUntil: day.nullish(),
    signatoryPartnerIds: z.array(z.string()).min(1, "a covenant needs signatories").max(500, "at most 500"),
    rules: z.array(ruleSchema).max(200, "at most 200 rules"),
    consentAgeAlone: z.number().int().min(12, "at least 12").max(18, "at most 18"),
    consentAgeJoint: z.number().int().min(0, "at least 0").max(18, "at most 18"),
    consentRecorders: z.enum(CONSENT_RECORDERS),
    emergencyHours: z.number().int().min(1, "at least 1 hour").max(24, "at most 24 hours"),
  })
  .superRefine((input, issues) => {
    if (input.consentAgeJoint > input.consentAgeAlone) {
      issues.addIssue({ code: "custom", path: ["consentAgeJoint"], message: "must not exceed consentAgeAlone" });
    }
  });

/**
 * Publishes a new version. It applies from its first day on (from the next request when that is
 * today), and every earlier version stays readable as it was.
 */
export async function publishCovenantVersion(ctx: AuthenticatedContext, raw: CovenantVersionInput): Promise<CovenantVersion> {
  const input = parseInput(versionSchema, raw, "input");
  const from = input.inForceFrom ?? today(ctx);
  if (input.inForceUntil && input.inForceUntil <= from) throw badInput("input.inForceUntil", "must lie after inForceFrom");
  const versionId = await inTransaction(ctx, async (tx) => {
    const signatories = await partnersOfRegion(tx, input.signatoryPartnerIds, "input.signatoryPartnerIds");
    const domains = await regionLifeDomains(tx);
    const rules = input.rules.map((rule, index) => {
      const field = `input.rules[${index}]`;
      const granteePartnerId = rule.granteePartnerId ? normalizeId(rule.granteePartnerId) : null;
      if (rule.granteePartnerId && (!granteePartnerId || !signatories.includes(granteePartnerId))) {
        throw badInput(`${field}.granteePartnerId`, "not a signatory of this version");
      }
      if (rule.lifeDomain && !domains.has(rule.lifeDomain)) throw badInput(`${field}.lifeDomain`, "not a life domain of your region");
      return { ...rule, granteePartnerId, position: index };
    });
    // Versions of a region are numbered in turn; the lock makes two publications take turns.
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`covenant:${tx.caller.regionId}`}, 0))`);
    const [last] = await tx.db.select({ version: max(covenantVersions.version) }).from(covenantVersions).where(eq(covenantVersions.regionId, tx.caller.regionId));
    const [version] = await tx.db
      .insert(covenantVersions)
      .values({
        regionId: tx.caller.regionId,
        version: (last?.version ?? 0) + 1,
        title: input.title,
        inForceFrom: from,
        inForceUntil: input.inForceUntil ?? null,
        consentAgeAlone: input.consentAgeAlone,
        consentAgeJoint: input.consentAgeJoint,
        consentRecorders: input.consentRecorders,
        emergencyHours: input.emergencyHours,
        publishedAt: tx.now(),
        publishedBy: tx.caller.professionalId,
      })
      .returning();
    await tx.db.insert(covenantSignatories).values(signatories.map((partnerId) => ({ versionId: version!.id, partnerId })));
    if (rules.length > 0) {
      await tx.db.insert(covenantRules).values(
        rules.map((rule) => ({
          versionId: version!.id,
          position: rule.position,
          granteePartnerId: rule.granteePartnerId,
          granteeSector: rule.granteeSector ?? null,
          level: rule.level,
          partKind: rule.partKind ?? null,
          lifeDomain: rule.lifeDomain ?? null,
          requiresInvolvement: rule.requiresInvolvement,
          requiresConsentOrLegalGround: rule.requiresConsentOrLegalGround,
          requiredRole: rule.requiredRole ?? null,
          description: rule.description,
        })),
      );
    }
    return version!.id;
  });
  ctx.entitlements.clearAll();
  return (await listCovenantVersions(ctx)).find((version) => version.id === versionId)!;
}

/** Ends a version: from that day (today by default) it grants nothing. Its text stays readable. */
export async function endCovenantVersion(ctx: AuthenticatedContext, rawId: string, rawOn: string | null | undefined): Promise<CovenantVersion> {
  const on = parseInput(day.nullish(), rawOn, "on") ?? today(ctx);
  const id = normalizeId(rawId);
  await inTransaction(ctx, async (tx) => {
    const [row] = id
      ? await tx.db.select().from(covenantVersions).where(and(eq(covenantVersions.id, id), eq(covenantVersions.regionId, tx.caller.regionId))).for("update")
      : [];
    if (!row) throw notFound("Covenant version");
    if (row.inForceUntil !== null && row.inForceUntil <= on) throw conflict(`versionId: this version already ends on ${row.inForceUntil}.`);
    if (on < today(tx)) throw badInput("on", "an end cannot lie in the past: what was granted was granted");
    const until = on < row.inForceFrom ? row.inForceFrom : on;
    await tx.db.update(covenantVersions).set({ inForceUntil: until, endedAt: tx.now(), endedBy: tx.caller.professionalId }).where(eq(covenantVersions.id, row.id));
  });
  ctx.entitlements.clearAll();
  return (await listCovenantVersions(ctx)).find((version) => version.id === id)!;
}

async function partnersOfRegion(tx: AuthenticatedContext, raw: string[], field: string): Promise<string[]> {
  const ids = raw.map((value, index) => {
    const id = normalizeId(value);
    if (!id) throw badInput(`${field}[${index}]`, "not a partner of your region");
    return id;
  });
  const found = new Set(
    (await tx.db.select({ id: partners.id }).from(partners).where(and(inArray(partners.id, ids), eq(partners.regionId, tx.caller.regionId)))).map((row) => row.id),
  );
  ids.forEach((id, index) => {
    if (!found.has(id)) throw badInput(`${field}[${index}]`, "not a partner of your region");
  });
  return [...new Set(ids)];
}
