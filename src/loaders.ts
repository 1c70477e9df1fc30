import type DataLoader from "dataloader";
import type { Consent, EmergencyAccess, LegalGround } from "./covenant/types.js";
import type { CategoryChange, FamilyMember } from "./families/types.js";
import type { Partner, Professional } from "./organisations/types.js";
import type {
  Agreement,
  Analysis,
  CoachNote,
  Evaluation,
  FamilyInvolvement,
  Goal,
  Milestone,
  Plan,
  PlanRevision,
  RegieAssignment,
  Task,
} from "./plan/types.js";
import type { CoordinatedStep } from "./plan/steps/step-types.js";
import type { NetworkMember } from "./plan/network/network-types.js";
import type { CaseMeeting } from "./plan/meetings/meeting-types.js";
import type { ContactDetail } from "./families/contacts/contact-types.js";
import type { Closure } from "./process/closure/types.js";
import type { Concern, PlanMeeting, Screening } from "./process/intake/types.js";
import type { OpenEscalationView } from "./process/escalation/open-escalation-types.js";
import type { PhasePeriod } from "./process/phase-types.js";
import type { concernMembers } from "./process/tables.js";

/**
 * Every per-request DataLoader, so a field resolver never queries once per parent. Declared
 * here, below the services, so the request context can name them without importing a service;
 * each capability builds its own, and server/loaders.ts puts them together.
 */
export interface Loaders {
  // Keyed by id (organisations/service.ts).
  partner: DataLoader<string, Partner | null>;
  professional: DataLoader<string, Professional | null>;
  // Keyed by family id (families/service.ts).
  members: DataLoader<string, FamilyMember[]>;
  categoryHistory: DataLoader<string, CategoryChange[]>;
  // Keyed by family id (plan/loaders.ts).
  plan: DataLoader<string, Plan | null>;
  analyses: DataLoader<string, Analysis[]>;
  goals: DataLoader<string, Goal[]>;
  tasks: DataLoader<string, Task[]>;
  milestones: DataLoader<string, Milestone[]>;
  evaluations: DataLoader<string, Evaluation[]>;
  agreements: DataLoader<string, Agreement[]>;
  coachNotes: DataLoader<string, CoachNote[]>;
  revisions: DataLoader<string, PlanRevision[]>;
  regieHistory: DataLoader<string, RegieAssignment[]>;
  involvements: DataLoader<string, FamilyInvolvement[]>;
  // Keyed by family id (covenant/loaders.ts).
  consents: DataLoader<string, Consent[]>;
  legalGrounds: DataLoader<string, LegalGround[]>;
  emergencyAccesses: DataLoader<string, EmergencyAccess[]>;
  // Keyed by family id, except concernMembers: by concern id (process/).
  phaseHistory: DataLoader<string, PhasePeriod[]>;
  openEscalations: DataLoader<string, OpenEscalationView[]>;
  closures: DataLoader<string, Closure[]>;
  concernsOfFamily: DataLoader<string, Concern[]>;
  concernMembers: DataLoader<string, (typeof concernMembers.$inferSelect & { familyPhase: string })[]>;
  screening: DataLoader<string, Screening | null>;
  // Keyed by family id (plan/steps).
  coordinatedSteps: DataLoader<string, CoordinatedStep[]>;
  network: DataLoader<string, NetworkMember[]>;
  caseMeetings: DataLoader<string, CaseMeeting[]>;
  // Keyed by family id (families/contacts).
  contactDetails: DataLoader<string, ContactDetail[]>;
  planMeetingKinds: DataLoader<string, PlanMeeting | null>;
}
