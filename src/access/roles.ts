// Roles of a professional (domain brief §3). A token never carries them: they are read from the
// database on every request, so a token cannot claim a partner or a role.
export const ROLES = [
  "COACH",
  "PARTNER_PROFESSIONAL",
  "PROCESS_LEAD",
  "PROJECT_LEAD",
  "PARTNER_MANAGER",
  "ADMINISTRATOR",
  // The mayor (or a district chair): the administrator where nuisance dominates (002 §3.4).
  "MAYOR",
  "COVENANT_ADMIN",
  "EVALUATOR",
] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Care workers: they work with families, so they may signal and look up involvement. */
export const CARE_ROLES: readonly Role[] = ["COACH", "PARTNER_PROFESSIONAL"];
/** Who keeps the family register: assigns coaches and process leads, records households. */
export const REGISTER_ROLES: readonly Role[] = ["PROCESS_LEAD", "PROJECT_LEAD"];
/** Who at the crisis (youth-care) partner reads a crisis concern: the managers it is routed to, and the care workers who act on it. */
export const CRISIS_ROLES: readonly Role[] = ["PARTNER_MANAGER", "COACH", "PARTNER_PROFESSIONAL"];
