import type { Caller } from "../../auth/caller.js";
import type { Entitlement } from "./entitlement.js";
import type { CovenantInForce } from "./in-force.js";
import {
  isCareWorker,
  isInvolved,
  isProcessLead,
  isRegisseur,
  keepsFamily,
  knowsFamily,
  raisesEscalation,
  recordsConsent,
  seesProcess,
} from "./predicates.js";

/**
 * What an operation can need of a family it names, beyond knowing that it exists: the gate
 * (gate.ts) asks it of a caller who may know the family. Each is one of the named predicates,
 * under the name the permission snapshot lists it by.
 */
export interface FamilyNeed {
  readonly name: string;
  readonly allows: (entitlement: Entitlement, caller: Caller, covenant: CovenantInForce) => boolean;
}

/** Nothing more: knowing the family (DAT) is all the gate asks, and below it the family is not there. */
export const KNOWS_FAMILY: FamilyNeed = { name: "level DAT", allows: knowsFamily };
export const SEES_PROCESS: FamilyNeed = { name: "level PROCESS", allows: seesProcess };
export const REGISSEUR: FamilyNeed = { name: "regisseur", allows: isRegisseur };
export const PROCESS_LEAD: FamilyNeed = { name: "process lead", allows: isProcessLead };
export const KEEPER: FamilyNeed = { name: "regisseur or process lead", allows: keepsFamily };
export const CONSENT_RECORDER: FamilyNeed = {
  name: "regisseur, or process lead where the covenant in force lets them",
  allows: (entitlement, _caller, covenant) => recordsConsent(entitlement, covenant),
};
export const ESCALATION_RAISER: FamilyNeed = {
  name: "regisseur, process lead, or care worker of an involved partner",
  allows: (entitlement, caller) => raisesEscalation(entitlement, caller),
};
export const CARE_WORKER: FamilyNeed = { name: "care worker (coach or partner professional)", allows: (_entitlement, caller) => isCareWorker(caller) };
export const INVOLVED: FamilyNeed = { name: "involved partner", allows: isInvolved };
