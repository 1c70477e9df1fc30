/*
 * The world as the oracle knows it: plain facts read from the database tables (load-world.ts),
 * never from the API or the server's own decisions. Ids are the database's.
 */

export const LEVELS = ["NONE", "DAT", "PROCESS", "SECTION", "FULL"] as const;
export type Level = (typeof LEVELS)[number];
export const rank = (level: Level) => LEVELS.indexOf(level);
export const atLeast = (level: Level, minimum: Level) => rank(level) >= rank(minimum);
export const higher = (a: Level, b: Level): Level => (rank(a) >= rank(b) ? a : b);

export type PartKind = "ANALYSIS" | "GOAL" | "TASK" | "SCHEDULE" | "EVALUATION" | "STEP" | "NETWORK" | "MEETING";
/** A plan part as the covenant sees it: its kind, life domain, the members it is about (none: the household). */
export interface Part {
  kind: PartKind;
  domain: string | null;
  members: string[];
  /** For a task (and its texts): the task's id. */
  task?: string;
  /** For a goal: the goal's id. */
  goal?: string;
  /** For a coordinated step: the partner taking it (reads its own from SECTION, its process from DAT). */
  lead?: string;
  /** For a case meeting: the professionals who attended (see that it was held from DAT). */
  attendees?: string[];
  /** A budget commitment's purchase: also the project leaders who decide it, from PROCESS. */
  budget?: boolean;
}

/** What a text in the database is, by where it is stored: the oracle's reason to allow or refuse it. */
export type Descriptor =
  | { t: "region"; region: string }
  | { t: "familyName"; fam: string }
  | { t: "person"; person: string }
  | { t: "part"; fam: string; part: Part }
  | { t: "note"; fam: string; author: string }
  | { t: "handover"; fam: string }
  | { t: "keeper"; fam: string }
  | { t: "basis"; fam: string; partner: string; person: string }
  | { t: "emergency"; fam: string; opener: string; id: string }
  | { t: "escalation"; id: string }
  | { t: "advice"; id: string }
  | { t: "concern"; id: string };

export interface Rule {
  id: string;
  partner: string | null;
  sector: string | null;
  level: Level;
  partKind: PartKind | null;
  domain: string | null;
  involvement: boolean;
  cover: boolean;
  role: string | null;
  description: string;
}
export interface VersionRec {
  id: string;
  region: string;
  version: number;
  from: string;
  /** Exclusive; null while it lasts. */
  until: string | null;
  signatories: Set<string>;
  rules: Rule[];
  consentAgeAlone: number;
  consentAgeJoint: number;
}
export interface RegionRec { id: string; name: string; safety: Set<string>; domains: Set<string>; selfAccessAge: number; onBehalf: string[] }
export interface PartnerRec { id: string; region: string; sector: string; name: string }
export interface ProRec { id: string; region: string; partner: string; roles: string[]; name: string; active: boolean; email: string }
export interface PersonRec { id: string; region: string; bsn: string; birthDate: string }
export interface MemberRec { person: string; relation: string; custody: boolean; from: string; to: string | null }
export interface FamRec { id: string; region: string; regisseur: string | null; processLead: string | null; phase: string; members: MemberRec[] }
export interface SignalRec { id: string; pro: string; partner: string; region: string; bsn: string; birthDate: string; activeUntil: string; withdrawn: boolean }
export interface TaskRec { id: string; fam: string; lead: string; goal: string | null; status: string; response: string }
export interface ConsentRec { id: string; fam: string; person: string; partner: string; domains: string[]; givenBy: string[]; givenOn: string; withdrawnOn: string | null }
export interface GroundRec { id: string; fam: string; person: string; partner: string; domains: string[]; from: string; until: string | null }
export interface EmergencyRec { id: string; fam: string; pro: string; opened: Date; expires: Date }
export interface EscalationRec { id: string; fam: string; raisedBy: string; parties: string[] }
export interface AdviceRec { id: string; fam: string; partner: string }
export interface ConcernRec { id: string; fam: string; submittedBy: string; crisis: boolean; routedToPartner: string | null; routedToPro: string | null }
export interface ClientRec { id: string; person: string; region: string; active: boolean }
export interface NoticeRec { recipient: string; fam: string | null; kind: string; subject: string | null }

export interface World {
  regions: Map<string, RegionRec>;
  versions: VersionRec[];
  partners: Map<string, PartnerRec>;
  pros: Map<string, ProRec>;
  persons: Map<string, PersonRec>;
  fams: Map<string, FamRec>;
  signals: SignalRec[];
  tasks: Map<string, TaskRec>;
  consents: ConsentRec[];
  grounds: GroundRec[];
  emergencies: EmergencyRec[];
  escalations: Map<string, EscalationRec>;
  advices: Map<string, AdviceRec>;
  concerns: Map<string, ConcernRec>;
  clients: Map<string, ClientRec>;
  notices: NoticeRec[];
  /** Plan parts by id: analyses, goals, tasks, milestones, evaluations. */
  parts: Map<string, { fam: string; part: Part }>;
  /** Markers "MK<n>:" found in the database, by number, with what the row that holds them is. */
  markers: Map<number, Descriptor[]>;
  /** Every stored text (names, content) by its exact value: a demo text is judged like a marker. */
  texts: Map<string, Descriptor[]>;
}

export const MARKER = /MK(\d+):/g;
