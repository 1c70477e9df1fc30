import { asc, eq } from "drizzle-orm";
import type { AuthenticatedContext } from "../../context.js";
import { today } from "../../dates.js";
import { partners } from "../../organisations/tables.js";
import { regionLifeDomains } from "../../plan/life-domains.js";
import { loadCovenantInForce } from "../decisions/in-force.js";
import { validateDraft, type CovenantDraft } from "../draft.js";
import { covenantAdmin } from "../permissions.js";
import { covenantSignatories } from "../tables.js";
import type { CovenantVersionInput } from "../types.js";
import { compareVersions, type CovenantTerms } from "./compare.js";
import { loadRegionFacts } from "./facts.js";
import { MINIMUM_FAMILIES, suppressCounts } from "./suppression.js";
import type { CovenantAccessChanges, FamilyCount } from "./types.js";

/**
 * What the draft would change, without publishing it. Validated as a publication is; it writes
 * nothing, so the draft is never in force. Read in the request's transaction: a nested one is a
 * savepoint, which cannot take a snapshot of its own.
 */
export async function previewCovenantVersion(ctx: AuthenticatedContext, raw: CovenantVersionInput): Promise<CovenantAccessChanges> {
  const changes = await accessChangesOf(ctx, await validateDraft(ctx, raw));
  recordAccessChangesRead(ctx, "Query.previewCovenantVersion");
  return changes;
}

/**
 * The access log's entry for a preview's counts: a read of the region's aggregates by the
 * covenant administrator, about no family and no person.
 */
export function recordAccessChangesRead(ctx: AuthenticatedContext, field: string): void {
  ctx.access.readAggregate(field, covenantAdmin.name);
}

/**
 * The draft against the version in force today, for every partner of the region: five
 * statements, whatever the number of families and partners; `decide` per partner and family.
 */
export async function accessChangesOf(ctx: AuthenticatedContext, draft: CovenantDraft): Promise<CovenantAccessChanges> {
  const day = today(ctx);
  const regionId = ctx.caller.regionId;
  const inForce = await loadCovenantInForce(ctx.db, ctx.caller, day);
  const signedInForce = inForce.versionId
    ? await ctx.db.select({ partnerId: covenantSignatories.partnerId }).from(covenantSignatories).where(eq(covenantSignatories.versionId, inForce.versionId))
    : [];
  const regionPartners = await ctx.db
    .select({ id: partners.id, name: partners.name, sector: partners.sector, covenantSignatory: partners.covenantSignatory })
    .from(partners)
    .where(eq(partners.regionId, regionId))
    .orderBy(asc(partners.name));
  const domains = [...(await regionLifeDomains(ctx))].sort();
  const families = await loadRegionFacts(ctx.db, regionId, day);

  const before: CovenantTerms = {
    // Whether a partner signed, and its sector, are set per partner (compare.ts).
    terms: {
      versionId: inForce.versionId,
      version: inForce.version,
      rules: inForce.rules,
      safetyDomains: inForce.safetyDomains,
      emergencyHours: inForce.emergencyHours,
      consentAgeAlone: inForce.consentAgeAlone,
      consentAgeJoint: inForce.consentAgeJoint,
      consentRecorders: inForce.consentRecorders,
    },
    signatories: new Set(signedInForce.map((row) => row.partnerId)),
  };
  const after: CovenantTerms = {
    terms: {
      // Any id but null: `decide` grants nothing under a covenant without one.
      versionId: "draft",
      version: null,
      rules: draft.rules.map(({ position, ...rule }) => ({ id: `draft:${position}`, ...rule })),
      safetyDomains: inForce.safetyDomains,
      emergencyHours: draft.emergencyHours,
      consentAgeAlone: draft.consentAgeAlone,
      consentAgeJoint: draft.consentAgeJoint,
      consentRecorders: draft.consentRecorders,
    },
    signatories: new Set(draft.signatories),
  };

  const raw = compareVersions({ regionId, partners: regionPartners, families, before, after, domains });
  return {
    comparedWithVersion: inForce.version,
    asOf: day,
    minimumFamilies: MINIMUM_FAMILIES,
    partners: raw.map((change) => {
      const counts = new Map<string, number>();
      for (const level of change.levels) {
        counts.set(`level:${level.level}:gaining`, level.gaining);
        counts.set(`level:${level.level}:losing`, level.losing);
      }
      change.parts.forEach((part, index) => {
        counts.set(`part:${index}:gaining`, part.gaining);
        counts.set(`part:${index}:losing`, part.losing);
      });
      const shown = suppressCounts(counts);
      const count = (key: string): FamilyCount => shown.get(key)!;
      return {
        partner: change.partner,
        signatoryNow: change.signatoryBefore,
        signatoryInDraft: change.signatoryAfter,
        levels: change.levels.map((level) => ({ level: level.level, gaining: count(`level:${level.level}:gaining`), losing: count(`level:${level.level}:losing`) })),
        parts: change.parts.map((part, index) => ({
          partKind: part.partKind,
          lifeDomain: part.lifeDomain,
          gaining: count(`part:${index}:gaining`),
          losing: count(`part:${index}:losing`),
        })),
      };
    }),
  };
}
