import { and, asc, desc, eq, inArray, max, sql } from "drizzle-orm";
import type { AuthenticatedContext } from "../context.js";
import { inTransaction } from "../accountability/access-log/transaction.js";
import { today } from "../dates.js";
import { badInput, conflict, notFound } from "../errors.js";
import { normalizeId } from "../ids.js";
import { partners } from "../organisations/tables.js";
import { day, parseInput } from "../validation.js";
import { validateDraft } from "./draft.js";
import { accessChangesOf } from "./preview/service.js";
import { covenantRules, covenantSignatories, covenantVersions } from "./tables.js";
import type { CovenantVersion, CovenantVersionInput } from "./types.js";

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

/**
 * Publishes a new version. It applies from its first day on (from the next request when that is
 * today), and every earlier version stays readable as it was.
 */
export async function publishCovenantVersion(ctx: AuthenticatedContext, raw: CovenantVersionInput): Promise<CovenantVersion> {
  const { versionId, changes } = await inTransaction(ctx, async (tx) => {
    const draft = await validateDraft(tx, raw);
    // Versions of a region are numbered in turn; the lock makes two publications take turns.
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`covenant:${tx.caller.regionId}`}, 0))`);
    // What it changes, against the version in force until now: decided before it is written.
    const accessChanges = await accessChangesOf(tx, draft);
    const [last] = await tx.db.select({ version: max(covenantVersions.version) }).from(covenantVersions).where(eq(covenantVersions.regionId, tx.caller.regionId));
    const [version] = await tx.db
      .insert(covenantVersions)
      .values({
        regionId: tx.caller.regionId,
        version: (last?.version ?? 0) + 1,
        title: draft.title,
        inForceFrom: draft.inForceFrom,
        inForceUntil: draft.inForceUntil,
        consentAgeAlone: draft.consentAgeAlone,
        consentAgeJoint: draft.consentAgeJoint,
        consentRecorders: draft.consentRecorders,
        emergencyHours: draft.emergencyHours,
        publishedAt: tx.now(),
        publishedBy: tx.caller.professionalId,
      })
      .returning();
    await tx.db.insert(covenantSignatories).values(draft.signatories.map((partnerId) => ({ versionId: version!.id, partnerId })));
    if (draft.rules.length > 0) {
      await tx.db.insert(covenantRules).values(draft.rules.map((rule) => ({ versionId: version!.id, ...rule })));
    }
    return { versionId: version!.id, changes: accessChanges };
  });
  ctx.entitlements.clearAll();
  const published = (await listCovenantVersions(ctx)).find((version) => version.id === versionId)!;
  return { ...published, accessChanges: changes };
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
