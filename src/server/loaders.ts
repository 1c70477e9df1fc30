import type { Caller } from "../auth/caller.js";
import { covenantLoaders } from "../covenant/loaders.js";
import type { Db } from "../db/database.js";
import { familyLoaders } from "../families/service.js";
import type { Loaders } from "../loaders.js";
import { organisationLoaders } from "../organisations/service.js";
import { planLoaders } from "../plan/loaders.js";
import { stepLoaders } from "../plan/steps/service.js";
import { networkLoaders } from "../plan/network/service.js";
import { meetingLoaders } from "../plan/meetings/service.js";
import { contactLoaders } from "../families/contacts/service.js";
import { closureLoaders } from "../process/closure/service.js";
import { screeningLoaders } from "../process/intake/screening.js";
import { concernLoaders } from "../process/intake/service.js";
import { openEscalationLoaders } from "../process/escalation/open-escalations.js";
import { phaseLoaders } from "../process/phase-service.js";

/** Every capability's per-request loaders, for one caller. */
export function createLoaders(db: Db, caller: Caller | null, today: () => string, now: () => Date): Loaders {
  return {
    ...organisationLoaders(db, caller),
    ...familyLoaders(db, caller),
    ...planLoaders(db, caller, today),
    ...covenantLoaders(db, caller),
    ...phaseLoaders(db, caller, now),
    ...openEscalationLoaders(db, caller, now),
    ...closureLoaders(db, caller),
    ...concernLoaders(db, caller),
    ...screeningLoaders(db, caller),
    ...stepLoaders(db, caller, now),
    ...networkLoaders(db, caller),
    ...meetingLoaders(db, caller),
    ...contactLoaders(db, caller),
  };
}
