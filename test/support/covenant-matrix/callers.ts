/*
 * The covenant matrix's callers (domain brief §3, §6): for each demo region and each moment (before,
 * during and after emergency access), every kind of caller, the level the covenant gives it, and
 * which plan parts it may read. Written from the brief, never by asking the implementation.
 */

export type Level = "NONE" | "DAT" | "PROCESS" | "SECTION" | "FULL";
const LEVELS: readonly Level[] = ["NONE", "DAT", "PROCESS", "SECTION", "FULL"];
export const atLeast = (level: Level, minimum: Level) => LEVELS.indexOf(level) >= LEVELS.indexOf(minimum);


/** Which plan parts a SECTION caller may read beyond its own tasks and the goals it works on. */
export type ContentGrant =
  /** Groningen: "the information in the family recovery plans is accessible to all partners". */
  | "EVERY_PART"
  /**
   * Parts of these life domains, where every member the part is about (the household when it
   * names none) is covered for that domain by consent or a legal ground (`cover`, by BSN) — or
   * without that condition (emergency access). A part without a life domain is not opened.
   */
  | { domains: readonly string[]; cover: Record<string, readonly string[]> | "NOT_NEEDED" };

export interface CallerKind {
  kind: string;
  email: string;
  level: Level;
  /** The caller's organisation: "the goals it works on and the tasks given to it" (§6 SECTION). */
  partner?: string;
  content?: ContentGrant;
  /** Why, in the words of the domain brief. */
  why: string;
}

export type Phase = "before" | "during" | "after";

export interface RegionCase {
  region: string;
  family: string;
  regisseur: string;
  callers: (phase: Phase) => CallerKind[];
}

// Gezin Jansen's members by BSN (src/demo/scenario.ts).
const PATRICK = "999995200";
const SAMIRA = "999996058";
const TESS = "999996071";
const MEES = "999996149";

// Gezin Bakker's members by BSN.
export const ERIK = "999990299";
export const LINDA = "999990494";
export const DAAN = "999990585";
export const LOTTE = "999990676";

/** Ymere: housing, with consent of all four members for HOUSING (recorded in the demo). */
const HOUSING_WITH_CONSENT: ContentGrant = {
  domains: ["HOUSING"],
  cover: { [PATRICK]: ["HOUSING"], [SAMIRA]: ["HOUSING"], [TESS]: ["HOUSING"], [MEES]: ["HOUSING"] },
};
/** Youth protection: parenting, safety, school, on the child-protection measure for Tess and Mees. */
const YOUTH_CARE_ON_LEGAL_GROUND: ContentGrant = {
  domains: ["PARENTING", "SAFETY", "SCHOOL"],
  cover: { [TESS]: ["PARENTING", "SAFETY", "SCHOOL"], [MEES]: ["PARENTING", "SAFETY", "SCHOOL"] },
};
/** Break the glass: the region's safety-relevant domain, without consent. */
const SAFETY_IN_AN_EMERGENCY: ContentGrant = { domains: ["SAFETY"], cover: "NOT_NEEDED" };

export const AMSTERDAM: RegionCase = {
  region: "Amsterdam",
  family: "Gezin Jansen",
  regisseur: "coach2@amsterdam.demo",
  callers: (phase) => [
    { kind: "the family's regisseur", email: "coach2@amsterdam.demo", level: "FULL", why: "the regisseur sees the whole plan (§3, §6 FULL)" },
    {
      kind: "a regisseur of another family",
      email: "coach1@amsterdam.demo",
      level: "NONE",
      why: "Combiwel is not involved with Gezin Jansen, and Amsterdam's covenant grants only involved signatories",
    },
    {
      kind: "an involved partner with consent",
      email: "ymere@amsterdam.demo",
      level: "SECTION",
      partner: "Ymere",
      content: HOUSING_WITH_CONSENT,
      why: "housing corporations: the housing parts, with consent (all four members consented for HOUSING); plus its own tasks and the goals they serve",
    },
    phase === "before"
      ? {
          kind: "an involved partner without consent",
          email: "politie@amsterdam.demo",
          level: "DAT",
          partner: "Politie Amsterdam",
          why: "involved (a signal on Tess): learns only that the others are involved",
        }
      : phase === "during"
        ? {
            kind: "an involved partner with emergency access (open)",
            email: "politie@amsterdam.demo",
            level: "SECTION",
            partner: "Politie Amsterdam",
            content: SAFETY_IN_AN_EMERGENCY,
            why: "break the glass: the safety-relevant parts (SAFETY), for a short time, without consent",
          }
        : {
            kind: "an involved partner whose emergency access ended",
            email: "politie@amsterdam.demo",
            level: "DAT",
            partner: "Politie Amsterdam",
            why: "the emergency access is over: back to DAT",
          },
    {
      kind: "an involved partner with a legal ground",
      email: "jeugdbescherming@amsterdam.demo",
      level: "SECTION",
      partner: "Jeugdbescherming Regio Amsterdam",
      content: YOUTH_CARE_ON_LEGAL_GROUND,
      why: "youth care: parenting, safety and school, for the children under the child-protection measure; plus its own task and the goal it serves",
    },
    { kind: "an uninvolved partner", email: "werkeninkomen@amsterdam.demo", level: "NONE", why: "not involved: Amsterdam's covenant grants it nothing" },
    { kind: "the process lead", email: "procesmanager@amsterdam.demo", level: "PROCESS", why: "process metadata, not the content of the case (§3)" },
    { kind: "the covenant administrator", email: "beheer@amsterdam.demo", level: "NONE", why: "partners, users, covenant rules; no case content (§3)" },
    { kind: "a professional of the other region", email: "coach1@groningen.demo", level: "NONE", why: "no query ever crosses regions (§2)" },
  ],
};

export const GRONINGEN: RegionCase = {
  region: "Groningen",
  family: "Gezin Bakker",
  regisseur: "coach1@groningen.demo",
  callers: (phase) => [
    { kind: "the family's regisseur", email: "coach1@groningen.demo", level: "FULL", why: "the regisseur sees the whole plan (§3, §6 FULL)" },
    {
      kind: "a regisseur of another family",
      email: "coach2@groningen.demo",
      level: "SECTION",
      partner: "Elker",
      content: "EVERY_PART",
      why: "Groningen's covenant opens the plans to every signatory, involved or not",
    },
    {
      kind: "an involved partner with consent",
      email: "lefier@groningen.demo",
      level: "SECTION",
      partner: "Lefier",
      content: "EVERY_PART",
      why: "every signatory sees every part; the consent (recorded here) makes no difference in Groningen",
    },
    phase === "before"
      ? {
          kind: "an involved partner without consent",
          email: "ocsw@groningen.demo",
          level: "SECTION",
          partner: "Gemeente Groningen – OCSW",
          content: "EVERY_PART",
          why: "every signatory sees every part, consent or not",
        }
      : {
          kind: phase === "during" ? "an involved partner with emergency access (open)" : "an involved partner whose emergency access ended",
          email: "ocsw@groningen.demo",
          level: "SECTION",
          partner: "Gemeente Groningen – OCSW",
          content: "EVERY_PART",
          why: "it already sees every part: emergency access adds nothing and its end takes nothing away",
        },
    {
      kind: "an involved partner with a legal ground",
      email: "gkb@groningen.demo",
      level: "SECTION",
      partner: "Gemeente Groningen – GKB",
      content: "EVERY_PART",
      why: "every signatory sees every part; the legal ground (recorded here) makes no difference in Groningen",
    },
    {
      kind: "an uninvolved partner",
      email: "thuiszorg@groningen.demo",
      level: "SECTION",
      partner: "Thuiszorg Groningen",
      content: "EVERY_PART",
      why: "the covenant asks no involvement: every signatory sees every part",
    },
    {
      kind: "the process lead",
      email: "projectleider@groningen.demo",
      level: "PROCESS",
      why: "the process lead — 'or the Groningen project leader' — sees process metadata, not plan content (§3)",
    },
    { kind: "the covenant administrator", email: "beheer@groningen.demo", level: "NONE", why: "partners, users, covenant rules; no case content (§3)" },
    { kind: "a professional of the other region", email: "coach2@amsterdam.demo", level: "NONE", why: "no query ever crosses regions (§2)" },
  ],
};

export const REGIONS = [AMSTERDAM, GRONINGEN] as const;
export const PHASES: readonly { phase: Phase; title: string }[] = [
  { phase: "before", title: "before any emergency access" },
  { phase: "during", title: "while the emergency accesses are open" },
  { phase: "after", title: "after the emergency accesses have ended" },
];
