/*
 * The random covenant test's ledger: what its builders wrote through the API (regions, partners,
 * professionals, persons, families, signals, tasks, consents and legal grounds, emergency
 * accesses) by the keys the builders use, and every marker text with what the builder meant it to
 * be. The judging is not done here: the shared oracle (scripts/support/covenant-fuzz/) reads the
 * database; the test checks that it finds every marker as what it was meant to be.
 */

/** The moment the random queries are asked, and the oracle judges. */
export const QUERY_MOMENT = "2026-11-23T10:00:00+01:00";

export type Level = "NONE" | "DAT" | "PROCESS" | "SECTION" | "FULL";

export type PartKind = "ANALYSIS" | "GOAL" | "TASK" | "SCHEDULE" | "EVALUATION" | "AGREEMENT";
/** A plan part as the covenant sees it: its kind, its life domain, the members it is about (none: the household). */
export interface Part {
  kind: PartKind;
  domain: string | null;
  members: string[];
  /** For a task (and its response reason): the task. */
  task?: string;
  /** For a goal: the goal. */
  goal?: string;
}

export type Descriptor =
  | { t: "region"; region: string }
  | { t: "familyName"; fam: string }
  | { t: "person"; person: string }
  | { t: "part"; fam: string; part: Part }
  | { t: "note"; fam: string; author: string }
  | { t: "handover"; fam: string }
  | { t: "basis"; fam: string; partner: string }
  | { t: "emergency"; fam: string; opener: string; recipients: string[] };

export interface Rule {
  partner?: string;
  sector?: string;
  level: Level;
  partKind?: PartKind;
  domain?: string;
  involvement: boolean;
  cover: boolean;
  role?: string;
  description: string;
}
export interface RegionRec { key: string; id: string; safety: string[]; rules: Rule[]; signatories: Set<string> }
export interface PartnerRec { key: string; id: string; region: string; sector: string; signatory: boolean; name: string }
export interface ProRec { key: string; id: string; region: string; partner: string; roles: string[]; name: string }
export interface PersonRec { key: string; bsn: string; given: string; familyName: string; birthDate: string }
export interface MemberRec { person: string; personId: string; membershipId: string; current: boolean }
export interface FamRec { key: string; id: string; region: string; regisseur: string; processLead: string; members: MemberRec[] }
export interface SignalRec { id: string; pro: string; partner: string; region: string; bsn: string; birthDate: string; active: boolean }
export interface TaskRec { key: string; id: string; fam: string; lead: string; goal: string | null; status: string; response: string; part: Part }
export interface CoverRec { id: string; fam: string; person: string; partner: string; domains: string[]; active: boolean }
export interface EmergencyRec { fam: string; pro: string; expires: Date; recipients: string[] }

export const world = {
  regions: new Map<string, RegionRec>(),
  partners: new Map<string, PartnerRec>(),
  pros: new Map<string, ProRec>(),
  persons: new Map<string, PersonRec>(),
  fams: new Map<string, FamRec>(),
  signals: [] as SignalRec[],
  tasks: new Map<string, TaskRec>(),
  covers: [] as CoverRec[],
  emergencies: [] as EmergencyRec[],
  /** Plan parts by their id (analysis, goal, task, milestone, evaluation). */
  parts: new Map<string, { fam: string; part: Part }>(),
  markers: new Map<number, Descriptor>(),
  famById: new Map<string, string>(),
  domainRegion: new Map<string, string>(),
};

let markerCount = 0;
/** A unique text that says what it is: the oracle reads the number, a human the label. */
export function mark(descriptor: Descriptor, label: string): string {
  markerCount += 1;
  world.markers.set(markerCount, descriptor);
  return `MK${markerCount}:${label}`;
}

export const fam = (key: string) => world.fams.get(key)!;
export const pro = (key: string) => world.pros.get(key)!;
export const partner = (key: string) => world.partners.get(key)!;
export const person = (key: string) => world.persons.get(key)!;
