import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { ROLES } from "../access/roles.js";
import type { AuthenticatedContext } from "../context.js";
import { today } from "../dates.js";
import { badInput } from "../errors.js";
import { normalizeId } from "../ids.js";
import { partners } from "../organisations/tables.js";
import { regionLifeDomains } from "../plan/life-domains.js";
import { day, parseInput, text } from "../validation.js";
import { ACCESS_LEVELS, PART_KINDS } from "./decisions/levels.js";
import type { CovenantRule } from "./decisions/in-force.js";
import { CONSENT_RECORDERS, type CovenantVersionInput } from "./types.js";

/*
 * A draft of a covenant version, validated: what publishing writes, and what the preview
 * decides by. Both take it from here, so a draft is refused for exactly what a publication is.
 */

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

/** A rule of a draft: a rule in force has an id, a draft's has its place in the list. */
export type DraftRule = Omit<CovenantRule, "id"> & { position: number };

export interface CovenantDraft {
  title: string;
  inForceFrom: string;
  inForceUntil: string | null;
  signatories: string[];
  rules: DraftRule[];
  consentAgeAlone: number;
  consentAgeJoint: number;
  consentRecorders: (typeof CONSENT_RECORDERS)[number];
  emergencyHours: number;
}

/** The input as a draft of the caller's region; BAD_USER_INPUT naming the field (under `input`) otherwise. */
export async function validateDraft(ctx: AuthenticatedContext, raw: CovenantVersionInput): Promise<CovenantDraft> {
  const input = parseInput(versionSchema, raw, "input");
  const from = input.inForceFrom ?? today(ctx);
  if (input.inForceUntil && input.inForceUntil <= from) throw badInput("input.inForceUntil", "must lie after inForceFrom");
  const signatories = await partnersOfRegion(ctx, input.signatoryPartnerIds, "input.signatoryPartnerIds");
  const domains = await regionLifeDomains(ctx);
  const rules = input.rules.map((rule, index): DraftRule => {
    const field = `input.rules[${index}]`;
    const granteePartnerId = rule.granteePartnerId ? normalizeId(rule.granteePartnerId) : null;
    if (rule.granteePartnerId && (!granteePartnerId || !signatories.includes(granteePartnerId))) {
      throw badInput(`${field}.granteePartnerId`, "not a signatory of this version");
    }
    if (rule.lifeDomain && !domains.has(rule.lifeDomain)) throw badInput(`${field}.lifeDomain`, "not a life domain of your region");
    return {
      position: index,
      granteePartnerId,
      granteeSector: rule.granteeSector ?? null,
      level: rule.level,
      partKind: rule.partKind ?? null,
      lifeDomain: rule.lifeDomain ?? null,
      requiresInvolvement: rule.requiresInvolvement,
      requiresConsentOrLegalGround: rule.requiresConsentOrLegalGround,
      requiredRole: rule.requiredRole ?? null,
      description: rule.description,
    };
  });
  return {
    title: input.title,
    inForceFrom: from,
    inForceUntil: input.inForceUntil ?? null,
    signatories,
    rules,
    consentAgeAlone: input.consentAgeAlone,
    consentAgeJoint: input.consentAgeJoint,
    consentRecorders: input.consentRecorders,
    emergencyHours: input.emergencyHours,
  };
}

async function partnersOfRegion(ctx: AuthenticatedContext, raw: string[], field: string): Promise<string[]> {
  const ids = raw.map((value, index) => {
    const id = normalizeId(value);
    if (!id) throw badInput(`${field}[${index}]`, "not a partner of your region");
    return id;
  });
  const found = new Set(
    (await ctx.db.select({ id: partners.id }).from(partners).where(and(inArray(partners.id, ids), eq(partners.regionId, ctx.caller.regionId)))).map((row) => row.id),
  );
  ids.forEach((id, index) => {
    if (!found.has(id)) throw badInput(`${field}[${index}]`, "not a partner of your region");
  });
  return [...new Set(ids)];
}
