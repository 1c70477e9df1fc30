import type { Caller } from "./auth/caller.js";
import { covenantLoaders } from "./covenant/loaders.js";
import type { Db } from "./db/database.js";
import { familyLoaders } from "./families/service.js";
import { organisationLoaders } from "./organisations/service.js";
import { planLoaders } from "./plan/loaders.js";

/** Every per-request DataLoader, so a field resolver never queries once per parent. */
export function createLoaders(db: Db, caller: Caller | null, today: () => string) {
  return {
    ...organisationLoaders(db, caller),
    ...familyLoaders(db, caller),
    ...planLoaders(db, caller, today),
    ...covenantLoaders(db, caller),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
