/**
 * Access levels of the covenant, least to most (domain brief §6). The order matters: a rule
 * asks "at least X", so every level includes the ones before it.
 */
export const ACCESS_LEVELS = ["NONE", "DAT", "PROCESS", "SECTION", "FULL"] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export const atLeast = (level: AccessLevel, minimum: AccessLevel) =>
  ACCESS_LEVELS.indexOf(level) >= ACCESS_LEVELS.indexOf(minimum);
export const higher = (a: AccessLevel, b: AccessLevel) => (atLeast(a, b) ? a : b);

/** The kinds of plan part a covenant rule can open. */
// STEP: a partner's step coordinated with the regisseur (announced before, reported after).
// NETWORK: the family's own network (a grandmother, a neighbour), who they are and what they do.
// MEETING: what a case meeting (MDO+, family meeting) said and decided.
export const PART_KINDS = ["ANALYSIS", "GOAL", "TASK", "SCHEDULE", "EVALUATION", "STEP", "NETWORK", "MEETING"] as const;
export type PartKind = (typeof PART_KINDS)[number];

/** What a grant can stem from: every grant has a cause the caller can ask for. */
export const CAUSE_KINDS = ["REGISSEUR", "PROCESS_LEAD", "COVENANT_RULE", "CONSENT", "LEGAL_GROUND", "EMERGENCY_ACCESS"] as const;
export type CauseKind = (typeof CAUSE_KINDS)[number];
