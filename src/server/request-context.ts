import type { Logger } from "pino";
import { entitlementLoader } from "../covenant/decisions/loader.js";
import type { Caller } from "../auth/caller.js";
import type { ClientCaller } from "../auth/client.js";
import type { RequestContext } from "../context.js";
import { today } from "../dates.js";
import type { Db } from "../db/database.js";
import type { Loaders } from "../loaders.js";
import { createLoaders } from "./loaders.js";
import { AccessRecorder } from "../accountability/access-log/recorder.js";

/**
 * The request's loaders, made when a resolver first asks for one: a lookup or a mutation uses
 * none of the dozens a plan query does.
 */
function lazily(make: () => Loaders): Loaders {
  let made: Loaders | null = null;
  return new Proxy({} as Loaders, { get: (_target, key) => (made ??= make())[key as keyof Loaders] });
}

/** One request's context: its caller, the pool, its log, the clock and fresh loaders. */
export function createRequestContext(options: {
  requestId: string;
  caller: Caller | null;
  client?: ClientCaller | null;
  db: Db;
  log: Logger;
  now: () => Date;
}): RequestContext {
  const { requestId, caller, db, log, now } = options;
  // A client is never a caller too: the loaders and entitlements below know professionals only.
  const client = caller ? null : (options.client ?? null);
  const day = () => today({ now });
  return {
    requestId,
    caller,
    client,
    db,
    log,
    now,
    entitlements: entitlementLoader(db, caller, now, day),
    entitlementsOn: (tx: Db) => entitlementLoader(tx, caller, now, day),
    loaders: lazily(() => createLoaders(db, caller, day, now)),
    access: new AccessRecorder(),
    writes: null,
  };
}
