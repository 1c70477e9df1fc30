import type { Entitlement, EntitlementCause } from "../../covenant/decisions/entitlement.js";
import type { Basis } from "./chain.js";

/**
 * The basis of an entry: the permission rules that opened the data (for a read) or the mutation
 * (for a write), and the causes of the actor's access to the family at that moment — regie,
 * process lead, covenant rule and version, consent, legal ground, emergency access.
 */
export function basisOf(rules: Iterable<string>, entitlement: Entitlement | null): { basis: Basis; emergency: boolean } {
  const causes = entitlement?.causes ?? [];
  return {
    basis: {
      rules: [...new Set(rules)].sort(),
      level: entitlement?.level ?? null,
      causes: causes.map(compactCause),
    },
    emergency: causes.some((cause) => cause.kind === "EMERGENCY_ACCESS"),
  };
}

function compactCause(cause: EntitlementCause): Basis {
  const compact: Basis = { kind: cause.kind, level: cause.level };
  if (cause.covenantVersion !== undefined) compact.covenantVersion = cause.covenantVersion;
  if (cause.ruleId) compact.ruleId = cause.ruleId;
  if (cause.consentId) compact.consentId = cause.consentId;
  if (cause.legalGroundId) compact.legalGroundId = cause.legalGroundId;
  if (cause.emergencyAccessId) compact.emergencyAccessId = cause.emergencyAccessId;
  if (cause.personId) compact.personId = cause.personId;
  return compact;
}
