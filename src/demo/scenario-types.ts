// The shapes of the demo world (scenario.ts): regions, partners, professionals, families, signals.
import type { Role } from "../access/roles.js";

/** The day the scenario is written against: ages, active signals and "current" memberships. */
export const DEMO_TODAY = "2026-11-23";

export const SECTORS = [
  "MUNICIPALITY",
  "WORK_AND_INCOME",
  "DEBT_HELP",
  "EDUCATION",
  "SOCIAL_WORK",
  "YOUTH_CARE",
  "HOME_CARE",
  "POLICE_JUSTICE",
  "HOUSING",
  "HEALTH",
] as const;
export type Sector = (typeof SECTORS)[number];

export type DemoRelation = "PARENT" | "CHILD" | "PARTNER" | "OTHER";
export type DemoCategory = "RISK" | "MPG1" | "MPG2" | "MPG3" | "MPG4";
export type DemoNotDiscussedReason = "SAFETY_RISK" | "NOT_YET_REACHED" | "OTHER_LEGAL_GROUND";

export interface DemoPartner {
  name: string;
  sector: Sector;
  covenantSignatory: boolean;
}

export interface DemoProfessional {
  name: string;
  /** The login. */
  email: string;
  phone: string;
  /** A partner of the same region, by name. */
  partner: string;
  roles: readonly Role[];
  /** Defaults to true; a professional who left keeps their row but cannot log in. */
  active?: boolean;
}

export interface DemoPerson {
  bsn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
}

/** A person's membership of one family. The same person (same BSN) may be a member of several. */
export interface DemoMember extends DemoPerson {
  relation: DemoRelation;
  legalCustody: boolean;
  validFrom: string;
  /** Set when the member left the family (divorce, placement out of home). */
  validTo?: string;
}

export interface DemoCategoryPeriod {
  category: DemoCategory;
  since: string;
}

export interface DemoFamily {
  /** The household name, unique within the region. */
  name: string;
  /** The coach leading the plan, by email. */
  regisseur: string;
  /** The process lead watching the process, by email. */
  processLead: string;
  /** The current category and since when. */
  category: DemoCategory;
  categorySince: string;
  /** Categories before the current one, oldest first. */
  earlierCategories: readonly DemoCategoryPeriod[];
  members: readonly DemoMember[];
}

/** A reference-index signal: that an organisation is involved. Never a reason, never content. */
export interface DemoSignal {
  /** The person, by BSN; a member of one of the region's families. */
  bsn: string;
  /** The signalling professional, by email; the partner is theirs. */
  professional: string;
  signalledOn: string;
  discussedWithFamily: boolean;
  /** Required when not discussed with the family. */
  notDiscussedReason?: DemoNotDiscussedReason;
  /** Withdrawn by its professional (withdrawn at the seed's clock). */
  withdrawn?: boolean;
}

export interface DemoRegion {
  code: string;
  name: string;
  signalActiveMonths: number;
  signalHistoricalMonths: number;
  signalAgeLimitYears: number | null;
  partners: readonly DemoPartner[];
  professionals: readonly DemoProfessional[];
  families: readonly DemoFamily[];
  signals: readonly DemoSignal[];
}
