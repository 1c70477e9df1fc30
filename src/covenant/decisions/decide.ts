import type { Caller } from "../../auth/caller.js";
import { noEntitlement, type Entitlement, type EntitlementCause } from "./entitlement.js";
import type { FamilyFacts } from "./facts.js";
import type { CovenantInForce } from "./in-force.js";
import { atLeast, higher, type AccessLevel } from "./levels.js";
import { isCareWorker } from "./predicates.js";

/** Decides one family from the facts and the covenant in force: the whole covenant logic. */
export function decide(caller: Caller, covenant: CovenantInForce, facts: FamilyFacts): Entitlement {
  const entitlement = noEntitlement(facts.id);
  entitlement.partnerId = caller.partnerId;
  entitlement.regisseur = facts.is_regisseur;
  entitlement.processLead = facts.is_process_lead;
  entitlement.involved = facts.involved;
  entitlement.currentMemberIds = facts.members ?? [];
  entitlement.ownGoalIds = new Set(facts.own_goals ?? []);
  const causes = entitlement.causes;
  if (facts.is_regisseur) causes.push({ kind: "REGISSEUR", level: "FULL" });
  if (facts.is_process_lead) causes.push({ kind: "PROCESS_LEAD", level: "PROCESS" });

  const coverCauses: EntitlementCause[] = [];
  for (const consent of facts.consents ?? []) {
    addCover(entitlement.cover, consent.personId, consent.domains);
    coverCauses.push({ kind: "CONSENT", level: "SECTION", consentId: consent.id, personId: consent.personId, lifeDomains: consent.domains });
  }
  for (const ground of facts.legal_grounds ?? []) {
    addCover(entitlement.cover, ground.personId, ground.domains);
    coverCauses.push({
      kind: "LEGAL_GROUND",
      level: "SECTION",
      legalGroundId: ground.id,
      personId: ground.personId,
      lifeDomains: ground.domains,
      basis: `${ground.kind}: ${ground.basis}`,
    });
  }

  // A covenant not in force, or one the caller's organisation did not sign, grants nothing. Its
  // rules reach the people who work with families; a process lead, covenant administrator,
  // evaluator, manager or administrator has its own, narrower access (domain brief §3).
  const careWorker = isCareWorker(caller);
  let usesCover = false;
  if (covenant.versionId !== null && covenant.signatory && careWorker) {
    for (const rule of covenant.rules) {
      if (rule.granteePartnerId !== null && rule.granteePartnerId !== caller.partnerId) continue;
      if (rule.granteeSector !== null && rule.granteeSector !== covenant.callerSector) continue;
      if (rule.requiredRole !== null && !caller.roles.includes(rule.requiredRole)) continue;
      if (rule.requiresInvolvement && !facts.involved) continue;
      if (rule.requiresConsentOrLegalGround && !hasCover(entitlement.cover, rule.lifeDomain)) continue;
      usesCover ||= rule.requiresConsentOrLegalGround;
      if (atLeast(rule.level, "SECTION")) {
        entitlement.grants.push({ partKind: rule.partKind, lifeDomain: rule.lifeDomain, needsCover: rule.requiresConsentOrLegalGround });
      }
      causes.push({
        kind: "COVENANT_RULE",
        level: rule.level,
        covenantVersion: covenant.version ?? undefined,
        ruleId: rule.id,
        description: rule.description,
        partKind: rule.partKind,
        lifeDomains: rule.lifeDomain ? [rule.lifeDomain] : [],
      });
    }
  }
  if (usesCover) causes.push(...coverCauses);

  // Break the glass: safety-relevant parts only, for this professional, until it ends.
  const emergency = (facts.emergencies ?? [])[0];
  if (emergency && facts.involved && careWorker) {
    for (const domain of covenant.safetyDomains) entitlement.grants.push({ partKind: null, lifeDomain: domain, needsCover: false });
    causes.push({
      kind: "EMERGENCY_ACCESS",
      level: "SECTION",
      emergencyAccessId: emergency.id,
      lifeDomains: covenant.safetyDomains,
      until: new Date(emergency.until),
    });
  }
  entitlement.level = causes.reduce<AccessLevel>((best, cause) => higher(cause.level, best), "NONE");
  return entitlement;
}

function addCover(cover: Map<string, Set<string>>, personId: string, domains: string[]) {
  const set = cover.get(personId) ?? new Set<string>();
  for (const domain of domains) set.add(domain);
  cover.set(personId, set);
}

const hasCover = (cover: Map<string, Set<string>>, domain: string | null) =>
  [...cover.values()].some((domains) => (domain === null ? domains.size > 0 : domains.has(domain)));

