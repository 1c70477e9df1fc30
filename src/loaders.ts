import type { Caller } from "./auth/caller.js";
import type { Db } from "./db/database.js";
import { familyLoaders } from "./families/service.js";
import { organisationLoaders } from "./organisations/service.js";

/** Every per-request DataLoader, so a field resolver never queries once per parent. */
export function createLoaders(db: Db, caller: Caller | null) {
  return { ...organisationLoaders(db, caller), ...familyLoaders(db, caller) };
}
export type Loaders = ReturnType<typeof createLoaders>;
