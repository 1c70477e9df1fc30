import type { Logger } from "pino";
import { entitlementLoader } from "../access/entitlement.js";
import type { Caller } from "../auth/caller.js";
import { today, type RequestContext } from "../context.js";
import type { Db } from "../db/database.js";
import { createLoaders } from "../loaders.js";
import { AccessRecorder } from "../accountability/access-log/recorder.js";

/** One request's context: its caller, the pool, its log, the clock and fresh loaders. */
export function createRequestContext(options: { requestId: string; caller: Caller | null; db: Db; log: Logger; now: () => Date }): RequestContext {
  const { requestId, caller, db, log, now } = options;
  const day = () => today({ now });
  return {
    requestId,
    caller,
    db,
    log,
    now,
    entitlements: entitlementLoader(db, caller, now, day),
    entitlementsOn: (tx: Db) => entitlementLoader(tx, caller, now, day),
    loaders: createLoaders(db, caller, day, now),
    access: new AccessRecorder(),
    writes: null,
  };
}
