import type { AccessLevel, CauseKind, PartKind } from "./levels.js";

/** Why a caller sees what they see: every grant has a cause the caller can ask for. */
export interface EntitlementCause {
  kind: CauseKind;
  level: AccessLevel;
  covenantVersion?: number;
  ruleId?: string;
  description?: string;
  partKind?: PartKind | null;
  lifeDomains?: string[];
  consentId?: string;
  legalGroundId?: string;
  emergencyAccessId?: string;
  personId?: string;
  basis?: string;
  until?: Date;
}

/** Content opened at SECTION: a part kind (null: every kind) in a life domain (null: every one). */
export interface Grant {
  partKind: PartKind | null;
  lifeDomain: string | null;
  /** Only over members with consent or a legal ground on record for the caller's partner. */
  needsCover: boolean;
}

/** One caller's relation to one family, as `decide` made it: what every decision reads. */
export interface Entitlement {
  familyId: string;
  level: AccessLevel;
  causes: EntitlementCause[];
  regisseur: boolean;
  processLead: boolean;
  /** The caller's organisation is involved: an active signal on a member, or a task given to it. */
  involved: boolean;
  grants: Grant[];
  /** Per member: the life domains consent or a legal ground covers for the caller's partner. */
  cover: Map<string, Set<string>>;
  currentMemberIds: string[];
  /** The caller's organisation, and the goals of the tasks it works on (not declined, not cancelled). */
  partnerId: string | null;
  ownGoalIds: Set<string>;
}

/** Nothing: a family of another region, one that does not exist, or no professional calling. */
export const noEntitlement = (familyId: string): Entitlement => ({
  familyId,
  level: "NONE",
  causes: [],
  regisseur: false,
  processLead: false,
  involved: false,
  grants: [],
  cover: new Map(),
  currentMemberIds: [],
  partnerId: null,
  ownGoalIds: new Set(),
});

/** A plan part as the rules see it: its kind, its life domain (if any), the members it is about. */
export interface PartRef {
  kind: PartKind;
  lifeDomain: string | null;
  memberIds: readonly string[];
}
