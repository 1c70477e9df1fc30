import { ROLES } from "../../access/roles.js";
import type { Caller } from "../../auth/caller.js";
import { decide } from "../decisions/decide.js";
import type { Entitlement, PartRef } from "../decisions/entitlement.js";
import type { FamilyFacts } from "../decisions/facts.js";
import type { CovenantInForce } from "../decisions/in-force.js";
import { ACCESS_LEVELS, PART_KINDS, type AccessLevel, type PartKind } from "../decisions/levels.js";
import { canSeePart } from "../decisions/predicates.js";
import type { RegionFamilyFacts } from "./facts.js";

/*
 * What a draft changes for each partner, as counts of families, before suppression. Every
 * family is decided twice per partner by `decide` (decisions/decide.ts), the code every request
 * runs: once under the version in force, once under the draft. Pure: no database, no clock.
 */

/** A version as the preview compares it: what `decide` reads of it, and who signed it. */
export interface CovenantTerms {
  terms: Omit<CovenantInForce, "signatory" | "callerSector">;
  signatories: ReadonlySet<string>;
}

export interface RegionPartner {
  id: string;
  name: string;
  sector: string;
  covenantSignatory: boolean;
}

/** The levels a count is given for: all above NONE. FULL is the regisseur's, never a rule's, so it never changes here. */
export const COUNTED_LEVELS = ACCESS_LEVELS.filter((level) => level !== "NONE");

export interface PartCell {
  partKind: PartKind;
  lifeDomain: string | null;
}

export interface RawPartnerChange {
  partner: RegionPartner;
  signatoryBefore: boolean;
  signatoryAfter: boolean;
  levels: { level: AccessLevel; gaining: number; losing: number }[];
  parts: (PartCell & { gaining: number; losing: number })[];
}

// No professional: the partner's care workers in general, never one family's regisseur, process
// lead or the opener of an emergency access.
const NO_PROFESSIONAL = "00000000-0000-0000-0000-000000000000";

/** A care worker of the partner holding every role: the most the covenant's rules can open to someone there. */
const careWorkerOf = (partner: RegionPartner, regionId: string): Caller => ({
  professionalId: NO_PROFESSIONAL,
  name: partner.name,
  partnerId: partner.id,
  partnerName: partner.name,
  regionId,
  roles: ROLES,
});

const forPartner = (version: CovenantTerms, partner: RegionPartner): CovenantInForce => ({
  ...version.terms,
  signatory: version.signatories.has(partner.id),
  callerSector: partner.sector,
});

function factsFor(family: RegionFamilyFacts, partnerId: string): FamilyFacts {
  const own = (family.partners ?? []).find((entry) => entry.partnerId === partnerId);
  return {
    id: family.id,
    is_regisseur: false,
    is_process_lead: false,
    involved: own?.involved ?? false,
    members: family.members,
    own_goals: null,
    consents: own?.consents ?? null,
    legal_grounds: own?.legalGrounds ?? null,
    emergencies: null,
  };
}

/**
 * The plan parts a partner's counts are given for: every kind and life domain a SECTION rule of
 * either version opens to it. They follow from the two versions' text alone, never from the
 * families, so which parts are listed says nothing about any family.
 */
export function cellsFor(partner: RegionPartner, versions: readonly CovenantTerms[], domains: readonly string[]): PartCell[] {
  const keys = new Set<string>();
  for (const version of versions) {
    if (version.terms.versionId === null || !version.signatories.has(partner.id)) continue;
    for (const rule of version.terms.rules) {
      if (rule.level !== "SECTION") continue;
      if (rule.granteePartnerId !== null && rule.granteePartnerId !== partner.id) continue;
      if (rule.granteeSector !== null && rule.granteeSector !== partner.sector) continue;
      for (const kind of rule.partKind ? [rule.partKind] : PART_KINDS) {
        for (const domain of rule.lifeDomain ? [rule.lifeDomain] : domainsOf(kind, domains)) {
          // The schedule, the network and a meeting's minutes have no life domain: a rule for one domain opens none of them.
          if (DOMAINLESS.has(kind) && domain !== null) continue;
          keys.add(JSON.stringify([kind, domain]));
        }
      }
    }
  }
  return [...keys]
    .map((key) => JSON.parse(key) as [PartKind, string | null])
    .sort(([kindA, domainA], [kindB, domainB]) => PART_KINDS.indexOf(kindA) - PART_KINDS.indexOf(kindB) || (domainA ?? "").localeCompare(domainB ?? ""))
    .map(([partKind, lifeDomain]) => ({ partKind, lifeDomain }));
}

/** The kinds of part without a life domain (plan-parts.ts). */
const DOMAINLESS: ReadonlySet<PartKind> = new Set(["SCHEDULE", "NETWORK", "MEETING"]);

/** The life domains a part of a kind can have (plan-parts.ts): none for the schedule, network and meetings, none or one for an evaluation. */
function domainsOf(kind: PartKind, domains: readonly string[]): (string | null)[] {
  if (DOMAINLESS.has(kind)) return [null];
  if (kind === "EVALUATION") return [null, ...domains];
  return [...domains];
}

/** A part about the whole household: where its rule asks consent, it must cover every current member. */
const householdPart = (cell: PartCell): PartRef => ({ kind: cell.partKind, lifeDomain: cell.lifeDomain, memberIds: [] });

const rank = (level: AccessLevel) => ACCESS_LEVELS.indexOf(level);

/** Per partner of the region: the families that would gain or lose each level and each part, by count. */
export function compareVersions(input: {
  regionId: string;
  partners: readonly RegionPartner[];
  families: readonly RegionFamilyFacts[];
  before: CovenantTerms;
  after: CovenantTerms;
  domains: readonly string[];
}): RawPartnerChange[] {
  const { regionId, families, before, after, domains } = input;
  return input.partners.map((partner) => {
    const caller = careWorkerOf(partner, regionId);
    const inForce = forPartner(before, partner);
    const draft = forPartner(after, partner);
    const cells = cellsFor(partner, [before, after], domains);
    const levels = COUNTED_LEVELS.map((level) => ({ level, gaining: 0, losing: 0 }));
    const parts = cells.map((cell) => ({ ...cell, gaining: 0, losing: 0 }));
    for (const family of families) {
      const facts = factsFor(family, partner.id);
      const was: Entitlement = decide(caller, inForce, facts);
      const would: Entitlement = decide(caller, draft, facts);
      for (const count of levels) {
        if (would.level === count.level && rank(was.level) < rank(count.level)) count.gaining += 1;
        if (was.level === count.level && rank(would.level) < rank(count.level)) count.losing += 1;
      }
      for (const count of parts) {
        const part = householdPart(count);
        const sawBefore = canSeePart(was, part);
        const seesAfter = canSeePart(would, part);
        if (!sawBefore && seesAfter) count.gaining += 1;
        if (sawBefore && !seesAfter) count.losing += 1;
      }
    }
    return { partner, signatoryBefore: inForce.signatory && before.terms.versionId !== null, signatoryAfter: draft.signatory, levels, parts };
  });
}
