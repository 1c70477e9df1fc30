/*
 * Who commissions the care decides the ladder (002 §2.6, §3.4): where the district commissions it
 * ("binnen"), the coordinator escalates, up to the district's alderman; where the care region does
 * ("buiten"), the process manager, up to the region's portfolio holder. Where nuisance dominates
 * (the family's category MPG4: nuisance in public space), the last step is the mayor's or the
 * district chair's. A region sets a ladder per variant as data; an escalation climbs its own
 * variant's ladder, or the nearest the region defined: commissioner only, nuisance only, DEFAULT.
 */

export const COMMISSIONERS = ["LOCAL", "REGIONAL"] as const;
export type Commissioner = (typeof COMMISSIONERS)[number];

export const LADDER_VARIANTS = ["DEFAULT", "LOCAL", "REGIONAL", "NUISANCE", "LOCAL_NUISANCE", "REGIONAL_NUISANCE"] as const;
export type LadderVariant = (typeof LADDER_VARIANTS)[number];

/** The category in which nuisance dominates. */
export const NUISANCE_CATEGORY = "MPG4";

export function variantOf(commissioner: Commissioner | null, nuisance: boolean): LadderVariant {
  if (commissioner) return nuisance ? `${commissioner}_NUISANCE` : commissioner;
  return nuisance ? "NUISANCE" : "DEFAULT";
}

/** The variants to look for, nearest first. */
export function variantChain(variant: string): string[] {
  const [commissioner, nuisance] = variant.endsWith("_NUISANCE") ? [variant.slice(0, -"_NUISANCE".length), true] : variant === "NUISANCE" ? [null, true] : [variant === "DEFAULT" ? null : variant, false];
  const chain = [variant, commissioner, nuisance ? "NUISANCE" : null, "DEFAULT"].filter((candidate): candidate is string => candidate !== null);
  return [...new Set(chain)];
}
